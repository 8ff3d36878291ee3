import ArgumentParser
import STPModel
import STPPlatform

@main
struct StpBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stp-bench",
    abstract: "Measure stp-dash's data loading; generate seeded scale data.",
    discussion: "Build with -c release: swift run -c release stp-bench load DIR",
    subcommands: [Report.self, Generate.self, Load.self, Render.self, MapBench.self])
}

/// SplitMix64: small, fast and the same on every machine for a given seed.
struct SeededRandom {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a data directory: the embedded files plus generated funding and partner rows.")

  @Argument(help: "Directory to write.") var directory: String
  @Option(help: "Funding rows to generate.") var fundingRows = 1_000_000
  @Option(help: "Partner rows to generate (0 keeps the embedded partners).") var partnerRows = 0
  @Option(
    help:
      "Councils to generate (0 keeps the embedded ones); with partner rows, one in ten partners is a council named from them."
  )
  var councils = 0
  @Option(help: "Seed of the generator.") var seed: UInt64 = 2017
  @Flag(
    help:
      "Text as real files have it: most scheme names quoted with a comma inside, some with doubled quotes, non-ASCII letters and dashes, URLs as sources."
  )
  var realistic = false

  func run() throws {
    mkdir(directory, 0o755)
    let embedded = try DatasetLoader.loadEmbedded().dataset
    let codes = embedded.footprints.map(\.code)
    let waves = embedded.nationalWaves.map(\.id)  // rows naming no single wave are a few a file
    for file in DatasetLoader.embeddedFiles
    where
      !(file.name == "funding.csv" || (file.name == "partners.csv" && partnerRows > 0)
      || (file.name == "councils.csv" && councils > 0))
    {
      try write(directory + "/" + file.name, file.bytes)
    }
    var rng = SeededRandom(state: seed)
    var out: [UInt8] = []
    out.reserveCapacity(fundingRows * 64)
    out += Array("code,wave,announced,kind,scheme,amount_min,amount_max,basis,source\n".utf8)
    for i in 0..<fundingRows {
      let code = codes[rng.below(codes.count)]
      let wave = waves[rng.below(waves.count)]
      let amount = 100_000 + rng.below(50_000_000)
      let amounts: String
      switch rng.below(20) {
      case 0..<10: amounts = "\(amount),\(amount),exact"
      case 10..<14: amounts = ",\(amount),up to"
      case 14..<17: amounts = "\(amount),,at least"
      case 17..<19: amounts = "\(amount),\(amount + 1 + rng.below(9_000_000)),range"
      default: amounts = ",,"
      }
      let line: String
      if realistic {
        // Three rows in four quote a name with a comma; one in twenty has a doubled quote;
        // names carry non-ASCII (é, –, ’); sources are URLs.
        let places = [
          "Bath, Swindon and Wiltshire", "Herefordshire and Worcestershire", "Frimley Health",
          "Durham, Darlington and Tees", "Cornwall and the Isles of Scilly",
        ]
        let place = places[rng.below(places.count)]
        let name: String
        switch rng.below(20) {
        case 0: name = "\"Hub \"\"phase \(i)\"\" for \(place) – rénovation\""
        case 1..<15: name = "\"Urgent care centre \(i), \(place) – new build\""
        default: name = "Community hospital \(i) – St Mary’s"
        }
        line =
          "\(code),\(wave),2017-07,scheme,\(name),\(amounts),https://www.england.nhs.uk/stp/\(i % 997)/capital\n"
      } else {
        line = "\(code),\(wave),2017-07,scheme,Scheme \(i),\(amounts),src \(i % 97)\n"
      }
      out += Array(line.utf8)
    }
    try write(directory + "/funding.csv", out)
    if partnerRows > 0 {
      let sectors = Sector.allCases.map(\.id)
      var p: [UInt8] = Array("code,organisation,sector,source\n".utf8)
      for i in 0..<partnerRows {
        let line: String
        if councils > 0 && rng.below(10) == 0 {
          // A council of its own footprint, named as the councils file names it.
          let k = rng.below(councils)
          line = "\(codes[k % codes.count]),\(Self.councilName(k)),local-authority,list \(i % 31)\n"
        } else {
          line =
            "\(codes[rng.below(codes.count)]),Organisation \(i),"
            + "\(sectors[rng.below(sectors.count)]),list \(i % 31)\n"
        }
        p += Array(line.utf8)
      }
      try write(directory + "/partners.csv", p)
    }
    if councils > 0 {
      // Councils spread evenly over the footprints, alternating tiers; each footprint's shares
      // of a tier add to at most 1.
      let perTier = max(1, councils / (codes.count * 2))
      var c: [UInt8] = Array("code,tier,council_code,council_name,population,share,source\n".utf8)
      for k in 0..<councils {
        let tier = (k / codes.count) % 2 == 0 ? "social-care" : "district"
        let people = 1_000 + rng.below(500_000)
        let share = 1.0 / Double(perTier + 1)
        let line =
          "\(codes[k % codes.count]),\(tier),E\(String(10_000_000 + k).dropFirst()),"
          + "\(Self.councilName(k)),\(people),\(share),generated\n"
        c += Array(line.utf8)
      }
      try write(directory + "/councils.csv", c)
    }
    print(
      "wrote \(directory): \(fundingRows) funding rows (\(out.count / 1_000_000) MB), "
        + "\(partnerRows) partner rows, \(councils) councils, seed \(seed)")
  }

  /// The name of generated council `k` (unique, and matched by the name rules of docs/DATA.md).
  static func councilName(_ k: Int) -> String { "Ashby Vale \(k)" }

  func write(_ path: String, _ bytes: [UInt8]) throws {
    guard let f = fopen(path, "wb") else { throw ValidationError("cannot write \(path)") }
    defer { fclose(f) }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
  }
}

struct Load: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time load + validate + all metrics of a data directory (or the embedded data).")

  @Argument(help: "Data directory; omit for the embedded data.") var directory: String?
  @Option(help: "Timed runs (after one warm-up).") var runs = 7
  @Flag(help: "One machine-readable line: median_ms peak_rss_kb rows.") var raw = false
  @Option(
    help: "Map funding.csv from this size in MB instead of reading it (default: the loader's).")
  var mapFromMB: Int?
  @Option(
    help:
      "Leave funding.csv's text in the file, under a lease, from this size in MB (default: the loader's)."
  )
  var leaseFromMB: Int?

  func run() throws {
    if let mb = mapFromMB { DatasetLoader.mapFrom.store(mb << 20, ordering: .relaxed) }
    if let mb = leaseFromMB { DatasetLoader.leaseFrom.store(mb << 20, ordering: .relaxed) }
    var times: [Double] = []
    var rows = 0
    for k in 0...runs {
      let start = now()
      let d =
        try directory.map { try DatasetLoader.load(directory: $0) }
        ?? DatasetLoader.loadEmbedded()
      _ = d.metrics.league(by: .funding)  // the load derives the metrics (and checks across files)
      let ms = (now() - start) * 1000
      rows = d.dataset.funding.count + d.dataset.partners.count
      if k > 0 { times.append(ms) }  // the first run warms the page cache and allocator
    }
    times.sort()
    if raw {
      print("\(times[times.count / 2]) \(peakRSSKB()) \(rows)")
      return
    }
    let fmt = { (v: Double) in String(Int((v * 10).rounded())).inserting(".", fromEnd: 1) }
    print(
      "load+validate+metrics \(directory ?? "embedded"): rows \(rows), runs \(runs), "
        + "min \(fmt(times[0])) ms, median \(fmt(times[times.count / 2])) ms, "
        + "peak RSS \(peakRSSKB() / 1024) MB")
  }
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Peak resident set size of this process (VmHWM), in KB.
func peakRSSKB() -> Int {
  guard let f = fopen("/proc/self/status", "r") else { return 0 }
  defer { fclose(f) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, 256, f) != nil {
    let s = line.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
    if s.hasPrefix("VmHWM:") { return Int(s.split(separator: " ")[1]) ?? 0 }
  }
  return 0
}

extension String {
  func inserting(_ s: String, fromEnd n: Int) -> String {
    let padded = count <= n ? String(repeating: "0", count: n - count + 1) + self : self
    var out = padded
    out.insert(contentsOf: s, at: out.index(out.endIndex, offsetBy: -n))
    return out
  }
}
