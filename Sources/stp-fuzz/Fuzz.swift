import STPModel
import STPThemes

#if canImport(Glibc)
  import Glibc
#endif

/// Fuzz targets for libFuzzer, chosen by STP_FUZZ_TARGET (csv, loader, theme; default csv).
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
      let names = ["footprints.csv", "waves.csv", "funding.csv", "partners.csv", "ratings.csv", "partner_counts.csv"]
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
    default:
      bytes.withUnsafeBufferPointer { buf in
        _ = firstInvalidUTF8Offset(buf)
        var s = CSVScanner(buf)
        var fields: [CSVField] = []
        var n = 0
        while n < 100_000, (try? s.nextRecord(into: &fields)) == true {
          for f in fields { _ = buf.string(f); _ = buf.column(ofOffset: f.origin) }
          n += 1
        }
      }
    }
  }
}

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
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
