import STPModel
import STPPlatform
import STPTerminal
import STPThemes

/// Fuzz targets for libFuzzer, chosen by STP_FUZZ_TARGET (csv, loader, theme, theme-deep, files,
/// share, boundaries, paste; default csv).
///
/// Fuzz build: `scripts/fuzz.sh TARGET SECONDS`. Any input that crashes or hangs is saved by
/// libFuzzer and becomes a file in `Tests/Fuzz/regressions/`, replayed by the tests.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let target = getenv("STP_FUZZ_TARGET").map { String(cString: $0) } ?? "csv"
  FuzzTargets.run(target, bytes)
  return 0
}

public enum FuzzTargets {
  /// Runs one input through one target; must never crash or hang, whatever the bytes.
  public static func run(_ target: String, _ bytes: [UInt8]) {
    switch target {
    case "loader":
      // The input is split into files at 0x1E bytes: footprints, waves, funding, partners, ratings.
      let names = [
        "footprints.csv", "waves.csv", "funding.csv", "partners.csv", "ratings.csv",
        "partner_counts.csv",
      ]
      let parts = bytes.split(separator: 0x1E, omittingEmptySubsequences: false).prefix(names.count)
      let files = zip(names, parts).map { ($0, Array($1)) }
      if let r = try? DatasetLoader.load(files: files, origin: "fuzz") {
        let m = r.metrics
        for measure in Measure.allCases { _ = m.league(by: measure) }
        _ = m.coverage
        if r.dataset.funding.count > 0 { _ = r.dataset.funding[0] }
        if r.dataset.partners.count > 0 { _ = r.dataset.partners[0] }
      }
    case "theme":
      _ = try? ThemeFile.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.toml")
    case "theme-deep":
      // Size and nesting: the first two bytes say how many times (up to 60,000) the rest is
      // repeated, as a nesting ("{a = " … "}") or as a run of tables and keys. Parsing must stay
      // linear and bounded whatever the shape (a deep nest used to overflow the stack).
      guard bytes.count >= 3 else { return }
      let times = (Int(bytes[0]) << 8 | Int(bytes[1])) % 60_000
      let unit = String(decoding: bytes[3...], as: UTF8.self)
      let text: String
      switch bytes[2] % 3 {
      case 0:
        text =
          "x = " + String(repeating: "{" + unit + " = ", count: times) + "1"
          + String(repeating: "}", count: times)
      case 1: text = (0..<times).map { "[t\($0)]\n" + unit + "\n" }.joined()
      default: text = "[roles]\n" + (0..<times).map { "k\($0) = " + unit + "\n" }.joined()
      }
      _ = try? ThemeFile.parse(text, file: "fuzz.toml")
    case "files":
      filesTarget(bytes)
    case "boundaries":
      // A boundaries.geojson for the embedded footprints: shapes or located errors, within the
      // budget; then the map of whatever loaded (raster, insets' topology) at a small size.
      let (b, issues) = GeoJSONBoundaries.read(bytes, codes: FuzzData.codes)
      for i in issues { _ = i.description }
      if let b {
        _ = OwnerRaster.render(b, window: b.bounds, width: 40, height: 30)
        _ = MapTopology(b, resolution: 120)
      }
    case "paste":
      pasteTarget(bytes)
    case "share":
      // A follower's decoder fed what a presenter (or anything on the socket) sends, in chunks
      // whose sizes the first byte sets: messages or an error, never a crash or a hang.
      guard let first = bytes.first else { return }
      let step = Int(first) + 1
      var d = ShareDecoder()
      var i = 1
      while i < bytes.count {
        guard (try? d.feed(bytes[i..<min(bytes.count, i + step)])) != nil else { return }
        i += step
      }
    default:
      bytes.withUnsafeBufferPointer { buf in
        _ = firstInvalidUTF8Offset(buf)
        var s = CSVScanner(buf)
        var fields: [CSVField] = []
        var n = 0
        while n < 100_000, (try? s.nextRecord(into: &fields)) == true {
          for f in fields {
            _ = buf.string(f)
            _ = buf.column(ofOffset: f.origin)
          }
          n += 1
        }
      }
    }
  }
}

/// The embedded data, loaded once for the targets that need a dataset.
enum FuzzData {
  static let loaded = try? DatasetLoader.loadEmbedded()
  static var codes: [String] { loaded?.dataset.footprints.map(\.code) ?? [] }
}

/// Bytes pasted into the filter and into the command line, as the loop hands a paste over (one
/// action for all of it), each drawn at 80x24 and a narrow 30x10: never a crash, and no cost
/// beyond linear in the length. The command line is left with Escape, never run.
func pasteTarget(_ bytes: [UInt8]) {
  guard let d = FuzzData.loaded?.dataset else { return }
  let text = String(decoding: bytes, as: UTF8.self)
  var s = AppState(dataset: d, loadedAt: "09:30", size: Size(width: 80, height: 24))
  func key(_ k: Key) {
    if let a = s.action(for: .key(k)) { _ = reduce(&s, a) }
  }
  key(.char("/"))
  _ = reduce(&s, .filterInput(text))
  _ = Screen.render(s)
  _ = reduce(&s, .resize(Size(width: 30, height: 10)))
  _ = Screen.render(s)
  key(.enter)
  _ = Screen.render(s)
  key(.escape)
  key(.char(":"))
  _ = reduce(&s, .commandInput(text))
  _ = Screen.render(s)
  key(.escape)
  _ = Screen.render(s)
}

/// Non-regular files in a data directory: each input byte makes one of the data files a regular
/// file, a FIFO, a link to /dev/zero, a directory, a link loop, a dangling link or a link to a
/// regular file outside; the load must answer (an error or data) without hanging or crashing.
func filesTarget(_ bytes: [UInt8]) {
  var template = Array("/tmp/stp-fuzz-XXXXXX".utf8CString)
  guard mkdtemp(&template) != nil else { return }
  let dir = String(
    decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  defer { _ = system("rm -rf '\(dir)'") }
  let names = [
    "footprints.csv", "ratings.csv", "partners.csv", "waves.csv", "funding.csv", "band_totals.csv",
  ]
  let embedded = Dictionary(
    uniqueKeysWithValues: DatasetLoader.embeddedFiles.map { ($0.name, $0.bytes) })
  let outside = dir + ".outside"
  defer { unlink(outside) }
  if let f = fopen(outside, "wb") {
    fputs("code,name\n", f)
    fclose(f)
  }
  for (k, name) in names.enumerated() {
    let path = dir + "/" + name
    switch (k < bytes.count ? bytes[k] : 0) % 7 {
    case 0:
      if let f = fopen(path, "wb") {
        let b = embedded[name] ?? []
        _ = b.withUnsafeBytes { fwrite($0.baseAddress, 1, b.count, f) }
        fclose(f)
      }
    case 1: mkfifo(path, 0o644)
    case 2: symlink("/dev/zero", path)
    case 3: mkdir(path, 0o755)
    case 4: symlink(path, path)  // a loop
    case 5: symlink(dir + "/nowhere", path)
    default: symlink(outside, path)
    }
  }
  _ = try? DatasetLoader.load(directory: dir)
}

#if FUZZING
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // libFuzzer's C name, which @_silgen_name binds.
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// SwiftPM links an executable's entry as `<product>_main`; hand it to libFuzzer's driver.
  @_cdecl("stp_fuzz_main")
  func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
  }
#else
  /// Without libFuzzer: replay inputs given as files (`stp-fuzz TARGET FILE...`).
  @main
  struct Replay {
    static func main() {
      let args = Array(CommandLine.arguments.dropFirst())
      guard let target = args.first else {
        print("usage: stp-fuzz csv|loader|theme FILE...")
        return
      }
      for path in args.dropFirst() {
        guard let f = fopen(path, "rb") else { continue }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
          let n = fread(&chunk, 1, chunk.count, f)
          if n == 0 { break }
          bytes += chunk[0..<n]
        }
        fclose(f)
        FuzzTargets.run(target, bytes)
        print("ok \(path)")
      }
    }
  }
#endif
