import ArgumentParser
import STPModel
import STPPlatform
import STPTerminal

/// One measured figure against its target.
struct Figure {
  let name: String
  let target: String
  let measured: String
  let pass: Bool?
}

/// Every model-side figure of BENCHMARKS.md, measured now: load + validate + metrics per size
/// (each in its own process, so peak memory is its own), the same job by Miller and DuckDB on
/// the same files, and render time per frame.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure and print the benchmark table (target, measured, pass/fail).")

  @Option(help: "Largest funding size: 1000000 for the full run, 100000 for a quick one.")
  var maxRows = 1_000_000
  @Option(help: "Timed runs per measurement.") var runs = 5
  @Option(help: "Where to generate data (default: a temporary folder).") var workDir: String?
  @Flag(help: "Skip Miller and DuckDB.") var noPeers = false
  @Option(help: "The stp-dash binary timed as a whole process (default: the one beside stp-bench).")
  var dash: String?

  func run() throws {
    let dir = workDir ?? String(cString: mkdtemp(strdup("/tmp/stp-bench-XXXXXX")))
    let me = selfPath()
    var figures: [Figure] = []
    var sizes = [10_000, 100_000, 1_000_000].filter { $0 <= maxRows }
    if !sizes.contains(maxRows) { sizes.append(maxRows) }
    // Embedded data, then each generated size.
    let embedded = child(me, ["load", "--runs", "\(runs * 4)", "--raw"])
    figures.append(
      Figure(
        name: "load+validate+metrics, embedded", target: "-", measured: ms(embedded?.0), pass: nil))
    var ours: Double?
    for n in sizes {
      let d = "\(dir)/funding-\(n)"
      _ = child(
        me,
        [
          "generate", d, "--funding-rows", "\(n)", "--partner-rows",
          n == sizes.last ? "100000" : "0",
        ])
      guard let r = child(me, ["load", d, "--runs", "\(runs)", "--raw"]) else { continue }
      let big = n == 1_000_000
      figures.append(
        Figure(
          name:
            "load+validate+metrics, \(n) funding rows\(n == sizes.last ? " + 100k partners" : "") (\(fileMB(d)) MB)",
          target: big ? "<= 150 ms" : "-", measured: ms(r.0), pass: big ? r.0 <= 150 : nil))
      figures.append(
        Figure(
          name: "peak RSS, \(n) funding rows", target: big ? "<= 150 MB" : "-",
          measured: String(format1: Double(r.1) / 1024) + " MB",  // KiB to MiB, not truncated
          pass: big ? r.1 <= 150 * 1024 : nil))
      if n == sizes.last { ours = r.0 }
    }
    // Peers: the same job (join footprints, sum per footprint, per head, sort) on the largest size.
    if !noPeers, let n = sizes.last {
      let d = "\(dir)/funding-\(n)"
      let ourCLI = timeCommand(
        [dash ?? me.replacingLastPathComponent("stp-dash"), "validate", "--data", d], runs: runs)
      figures.append(
        Figure(
          name: "stp-dash validate --data (whole process), \(n) rows", target: "-",
          measured: ms(ourCLI), pass: nil))
      let mlr = timeCommand(
        [
          "mlr", "--icsv", "--ocsv", "join", "-j", "code", "-f", "\(d)/footprints.csv", "then",
          "put",
          "$q = is_empty($amount_max) ? (is_empty($amount_min) ? 0 : $amount_min) : $amount_max",
          "then",
          "stats1", "-a", "sum", "-f", "q", "-g", "code,ons_population", "then",
          "put", "$per_head = is_empty($ons_population) ? \"\" : $q_sum / $ons_population", "then",
          "sort", "-nr", "q_sum", "\(d)/funding.csv",
        ], runs: max(1, runs / 2))
      let duck = timeCommand(
        [
          "python3", "-c",
          """
          import duckdb, sys
          d = sys.argv[1]
          duckdb.sql(f\"\"\"SELECT f.code, SUM(COALESCE(f.amount_max, f.amount_min, 0)) AS quoted,
            ANY_VALUE(p.ons_population) AS population, quoted / ANY_VALUE(p.ons_population) AS per_head
            FROM read_csv('{d}/funding.csv') f JOIN read_csv('{d}/footprints.csv') p USING (code)
            GROUP BY f.code ORDER BY quoted DESC\"\"\").fetchall()
          """, d,
        ], runs: runs)
      figures.append(
        Figure(
          name: "Miller 6 (mlr), same job, \(n) rows", target: "-", measured: ms(mlr), pass: nil))
      figures.append(
        Figure(
          name: "DuckDB (Python), same job, \(n) rows", target: "-", measured: ms(duck), pass: nil))
      if let ours, let duck {
        figures.append(
          Figure(
            name: "DuckDB time / stp-dash in-process load", target: ">= 2.0x",
            measured: String(format1: duck / ours) + "x", pass: duck / ours >= 2))
      }
      if let ours, let mlr {
        figures.append(
          Figure(
            name: "Miller time / stp-dash in-process load", target: "-",
            measured: String(format1: mlr / ours) + "x", pass: nil))
      }
    }
    // Render time per frame, each pane, two sizes, embedded and the largest data.
    for (label, path) in [
      ("embedded", nil as String?),
      ("\(sizes.last ?? 0) rows", sizes.last.map { "\(dir)/funding-\($0)" }),
    ] {
      guard let r = child(me, ["render"] + (path.map { [$0] } ?? [])) else { continue }
      let worst = r.0
      figures.append(
        Figure(
          name: "render, worst of 10 views at 80x24 and 200x60, \(label)", target: "<= 1 ms",
          measured: String(format: "%.3f ms", worst), pass: worst <= 1))
    }
    printTable(figures)
  }

  func printTable(_ figures: [Figure]) {
    let w0 = figures.map(\.name.count).max() ?? 10
    let w1 = max(6, figures.map(\.target.count).max() ?? 6)
    let w2 = max(8, figures.map(\.measured.count).max() ?? 8)
    func pad(_ s: String, _ w: Int) -> String {
      s + String(repeating: " ", count: max(0, w - s.count))
    }
    print(pad("figure", w0) + "  " + pad("target", w1) + "  " + pad("measured", w2) + "  result")
    for f in figures {
      let result = f.pass.map { $0 ? "pass" : "FAIL" } ?? ""
      print(pad(f.name, w0) + "  " + pad(f.target, w1) + "  " + pad(f.measured, w2) + "  " + result)
    }
  }
}

/// Render time: the worst median per frame over the four panes at 80x24 and 200x60.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Time Screen.render per pane and size.")
  @Argument var directory: String?
  @Option var frames = 300

  func run() throws {
    let d =
      try directory.map { try DatasetLoader.load(directory: $0).dataset }
      ?? DatasetLoader.loadEmbedded().dataset
    var worst = 0.0
    var lines: [String] = []
    for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
      for key in [
        "1", "2", "3", "detail", "map", "compare", "regions", "ranges", "scatter", "timeline",
      ] {
        var state = AppState(dataset: d, loadedAt: "00:00", size: size)
        switch key {
        case "2": _ = reduce(&state, .focus(.partners))
        case "3": _ = reduce(&state, .focus(.funding))
        case "detail": _ = reduce(&state, .openDetail)
        case "map": _ = reduce(&state, .focus(.map))
        case "compare":
          state.session.compare = Array(d.footprints.prefix(6).map(\.code))
          _ = reduce(&state, .focus(.compare))
        case "regions": _ = reduce(&state, .focus(.regions))
        case "ranges", "scatter", "timeline", "designations":
          state.chart.view =
            ChartView.allCases[
              ["ranges", "scatter", "timeline", "designations"].firstIndex(of: key) ?? 0]
          _ = reduce(&state, .focus(.charts))
        default: break
        }
        var times: [Double] = []
        for _ in 0..<frames {
          let t = now()
          let c = Screen.render(state)
          times.append((now() - t) * 1000)
          if c.size.width < 0 { print("") }  // keep the result alive
        }
        times.sort()
        let median = times[times.count / 2]
        worst = max(worst, median)
        lines.append("\(size) pane \(key): \(String(format: "%.3f", median)) ms")
      }
    }
    for l in lines { FileHandleStderr.write(l + "\n") }
    print("\(worst) 0 0")
  }
}

struct MapBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "map",
    abstract:
      "Time the map: shapes and topology per load, rasterising per size and measure, frames from cache."
  )
  @Option var runs = 20

  func run() throws {
    let loaded = try DatasetLoader.loadEmbedded()
    let d = loaded.dataset
    func median(_ body: () -> Void) -> Double {
      var times: [Double] = []
      for _ in 0..<runs {
        let t = now()
        body()
        times.append((now() - t) * 1000)
      }
      times.sort()
      return times[times.count / 2]
    }
    let codes = d.footprints.map(\.code)
    glyphComparison(d)
    let decode = median { _ = Boundaries.embedded(codes: codes) }
    let b = Boundaries.embedded(codes: codes)
    let topology = median { _ = MapTopology(b) }
    print(
      "shapes: decode \(String(format: "%.2f", decode)) ms, topology \(String(format: "%.2f", topology)) ms per load (\(b.vertexCount) vertices)"
    )
    for size in [
      Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ] {
      for measure in [Measure.band, .perHead] {
        var state = AppState(dataset: d, metrics: loaded.metrics, loadedAt: "00:00", size: size)
        state.measure = measure
        _ = reduce(&state, .focus(.map))
        // A new size: the layout and rasters are made (a fresh cache each time), then drawn.
        let first = median {
          var fresh = state
          fresh.refreshCaches()
          _ = Screen.render(fresh)
        }
        _ = Screen.render(state)  // fills the cache
        let cached = median { _ = Screen.render(state) }
        // Moving the selection: cells that change between two frames.
        let before = Screen.render(state)
        var moved = state
        _ = reduce(&moved, .moveOnMap(dx: 1, dy: 0))
        let after = Screen.render(moved)
        var changed = 0
        after.forEachChange(since: before) { _, _, _ in changed += 1 }
        print(
          "\(size) \(measure.rawValue): new size or measure \(String(format: "%.2f", first)) ms, "
            + "frame from cache \(String(format: "%.3f", cached)) ms, a move changes \(changed) cells"
        )
      }
    }
  }
}

/// Half-blocks against braille for a choropleth, by what a reader can see: in how many cells
/// each footprint shows its own colour. Half-blocks: two pixels a cell, each in its own colour.
/// Braille: eight dots a cell but one foreground colour over the background, so a cell can
/// show one footprint's colour (the majority of its dots), and a footprint that wins no cell
/// disappears.
func glyphComparison(_ d: Dataset) {
  let b = d.geography.boundaries
  let n = d.footprints.count
  for (w, h) in [(36, 21), (62, 37), (96, 57)] {  // the main map's cells at 80x24, 120x40, 200x60
    let window = b.bounds
    let half = OwnerRaster.render(b, window: window, width: w, height: h * 2)
    let halfCells = half.counts(footprints: n).map { Double($0) / 2 }
    let dots = OwnerRaster.render(b, window: window, width: w * 2, height: h * 4)
    var brailleCells = [Double](repeating: 0, count: n)
    for cy in 0..<h {
      for cx in 0..<w {
        var votes = [Int: Int]()
        for dy in 0..<4 {
          for dx in 0..<2 {
            if let f = dots[cx * 2 + dx, cy * 4 + dy] { votes[f, default: 0] += 1 }
          }
        }
        if let winner = votes.max(by: {
          $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key
        }) {
          brailleCells[winner.key] += 1
        }
      }
    }
    func summary(_ c: [Double]) -> String {
      let sorted = c.sorted()
      return
        "\(c.count { $0 == 0 }) footprints with no cell, \(c.count { $0 < 2 }) under 2 cells, median \(sorted[n / 2]) cells"
    }
    print("\(w)x\(h) main map: half-blocks \(summary(halfCells)); braille \(summary(brailleCells))")
  }
}

enum FileHandleStderr {
  static func write(_ s: String) {
    var s = s
    s.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }
}

// MARK: - Child processes

/// Runs this program with `args` and reads "median_ms peak_kb rows" from its last line.
func child(_ me: String, _ args: [String]) -> (Double, Int)? {
  let out = runCommand([me] + args)
  guard let last = out.split(separator: "\n").last else { return nil }
  let parts = last.split(separator: " ")
  guard parts.count >= 2, let t = Double(parts[0]), let k = Int(parts[1]) else { return nil }
  return (t, k)
}

/// Median wall time of a whole command in ms; nil when it cannot run.
func timeCommand(_ args: [String], runs: Int) -> Double? {
  var times: [Double] = []
  for _ in 0..<runs {
    let t = now()
    guard runCommand(args, check: true) != "\u{0}failed" else { return nil }
    times.append((now() - t) * 1000)
  }
  times.sort()
  return times.isEmpty ? nil : times[times.count / 2]
}

func runCommand(_ args: [String], check: Bool = false) -> String {
  var fds: [Int32] = [0, 0]
  pipe(&fds)
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addclose(&actions, fds[0])
  let argv = args.map { strdup($0) } + [nil]
  defer { for a in argv { free(a) } }
  var pid: pid_t = 0
  let rc = posix_spawnp(&pid, args[0], &actions, nil, argv, environ)
  posix_spawn_file_actions_destroy(&actions)
  close(fds[1])
  var out: [UInt8] = []
  var buf = [UInt8](repeating: 0, count: 65536)
  while rc == 0 {
    let n = read(fds[0], &buf, buf.count)
    if n <= 0 { break }
    out += buf[0..<n]
  }
  close(fds[0])
  guard rc == 0 else { return "\u{0}failed" }
  var status: Int32 = 0
  waitpid(pid, &status, 0)
  if check && status != 0 { return "\u{0}failed" }
  return String(decoding: out, as: UTF8.self)
}

func selfPath() -> String {
  var buf = [CChar](repeating: 0, count: 4096)
  let n = readlink("/proc/self/exe", &buf, buf.count - 1)
  return n > 0
    ? String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    : CommandLine.arguments[0]
}

func fileMB(_ dir: String) -> Int {
  var st = stat()
  return stat(dir + "/funding.csv", &st) == 0 ? Int(st.st_size) / 1_000_000 : 0
}

func ms(_ v: Double?) -> String { v.map { String(format1: $0) + " ms" } ?? "n/a" }

extension String {
  init(format1 v: Double) { self = String(Int((v * 10).rounded())).inserting(".", fromEnd: 1) }

  init(format: String, _ v: Double) {
    let scaled = Int((v * 1000).rounded())
    self = String(scaled).inserting(".", fromEnd: 3)
  }

  func replacingLastPathComponent(_ name: String) -> String {
    guard let slash = lastIndex(of: "/") else { return name }
    return String(self[...slash]) + name
  }
}
