import Foundation
import Testing

/// Text from data files leaves the program cleaned on every output, and output that cannot be
/// written is an error.
@Suite struct HostileOutputTests {
  /// ESC and OSC, a C1 CSI (U+009B), a bidi override, BEL; and a spreadsheet formula.
  static let hostile = "=HYPERLINK(\"http://evil\")\u{1B}]0;pwned\u{07}\u{9B}31m\u{202E}Trust"

  /// The embedded data with Dorset renamed to hostile text, and optionally a bad cell.
  func directory(badCell: Bool = false) throws -> String {
    let dir = try CLI.tempDir()
    #expect(try CLI.run(["export-data", dir]).status == 0)
    // Dorset's successor named the same way in lineage.csv.
    let lineage = dir + "/lineage.csv"
    try String(contentsOfFile: lineage, encoding: .utf8).replacingOccurrences(
      of: "NHS Dorset Integrated Care Board",
      with: "\"\(Self.hostile.replacingOccurrences(of: "\"", with: "\"\""))\""
    ).write(toFile: lineage, atomically: true, encoding: .utf8)
    let path = dir + "/footprints.csv"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "E54000041,Dorset,",
      with: "E54000041,\"\(Self.hostile.replacingOccurrences(of: "\"", with: "\"\""))\",")
    if badCell {
      // A population that is not a number: the error message quotes the cell.
      // Bath, Swindon and Wiltshire.
      text = text.replacingOccurrences(of: ",911087,", with: ",\u{1B}[2J\u{9B}1m,")
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return dir
  }

  func assertClean(_ text: String, _ what: String) {
    let bad = text.unicodeScalars.filter { s in
      let v = s.value
      return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v)
    }
    #expect(bad.isEmpty, "\(what) lets \(bad.map { String($0.value, radix: 16) }) through")
  }

  @Test func everyCommandAndFormatCleansFileText() throws {
    let dir = try directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for command in [
      ["league"], ["partners"], ["funding"], ["show", "E54000041"], ["league", "--by", "funding"],
      ["successors", "E54000041"], ["designations", "--by", "stp"],
    ] {
      for format in ["table", "csv", "json", "markdown"]
      where !(command[0] == "show" && format == "csv") {
        let r = try CLI.run(command + ["--data", dir, "--format", format])
        #expect(r.status == 0, "\(command) \(format): \(r.stderr)")
        assertClean(r.stdout, "\(command.joined(separator: " ")) --format \(format)")
        assertClean(r.stderr, "\(command.joined(separator: " ")) --format \(format) (stderr)")
        if format == "csv" {
          // Never a cell a spreadsheet would run: the formula is quoted text.
          #expect(!r.stdout.contains(",=HYPERLINK") && !r.stdout.contains(",\"=HYPERLINK"))
          #expect(r.stdout.contains("'=HYPERLINK"))
        }
        if format == "json" {
          #expect(r.stdout.contains("\\u009b") && r.stdout.contains("\\u202e"))
        }
      }
    }
    let snap = try CLI.run([
      "snapshot", "--data", dir, "--pane", "detail:E54000041", "--size", "120x40",
    ])
    assertClean(snap.stdout, "snapshot")
  }

  /// Issue 26: raw HTML in a name passed into Markdown (tables, show, the brief), where a
  /// renderer would make it markup. It stays text: `<` escaped.
  @Test func htmlInANameStaysTextInMarkdown() throws {
    let dir = try CLI.tempDir()
    #expect(try CLI.run(["export-data", dir]).status == 0)
    let path = dir + "/footprints.csv"
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "E54000041,Dorset,", with: "E54000041,Dorset <img src=x onerror=alert(1)> & co,")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    for args in [
      ["league", "--format", "markdown"], ["show", "E54000041", "--format", "markdown"],
      ["brief", "E54000041", "--format", "md"],
      ["compare", "E54000041", "devon", "--format", "markdown"],
      ["regions", "--format", "markdown"],
    ] {
      let r = try CLI.run(args + ["--data", dir])
      #expect(r.status == 0, "\(args): \(r.stderr)")
      // No `<` that is not escaped.
      #expect(!r.stdout.replacingOccurrences(of: "\\<", with: "").contains("<img"), "\(args)")
      if args[0] != "regions" { #expect(r.stdout.contains("Dorset \\<img src=x"), "\(args)") }
    }
  }

  /// Issue 26: a 1 MB council name padded every row of the councils table to its width (17 MB
  /// for one STP, 13-15 s for all). A text table's column is at most 120 wide unless it says
  /// otherwise; CSV keeps the whole name.
  @Test func oneEnormousCellDoesNotWidenEveryRow() throws {
    let dir = try CLI.tempDir()
    #expect(try CLI.run(["export-data", dir]).status == 0)
    let path = dir + "/councils.csv"
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: ",Leeds,", with: "," + String(repeating: "L", count: 1_000_000) + ",")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let table = try CLI.run(["councils", "--data", dir])
    #expect(table.status == 0)
    #expect(table.stdout.utf8.count < 300_000, "\(table.stdout.utf8.count) bytes")
    #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count < 400 })
    let csv = try CLI.run(["councils", "west yorkshire", "--format", "csv", "--data", dir])
    #expect(csv.stdout.contains(String(repeating: "L", count: 1_000_000)))
  }

  @Test func errorMessagesQuotingCellsAreCleaned() throws {
    let dir = try directory(badCell: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let v = try CLI.run(["validate", "--data", dir])
    #expect(v.status == 1)
    #expect(v.stderr.contains("footprints.csv:"))
    assertClean(v.stderr, "validate (stderr)")
    assertClean(v.stdout, "validate")
    let show = try CLI.run(["show", "Trust", "--data", dir])
    assertClean(show.stderr, "show (stderr)")
  }

  @Test func aFailedWriteIsAnErrorWithExitStatus1() throws {
    let p = Process()
    p.executableURL = CLI.executable
    p.arguments = ["league"]
    p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    let err = Pipe()
    p.standardError = err
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 1)
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(message == "stp-dash: cannot write the output: No space left on device\n")
  }

  @Test func exportDataNeverWritesThroughAPlantedLink() throws {
    let dir = try CLI.tempDir()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let victim = dir + "-victim"
    try "keep me".write(toFile: victim, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: victim) }
    symlink(victim, dir + "/footprints.csv")
    let refused = try CLI.run(["export-data", dir])
    #expect(refused.status == 2 && refused.stderr.contains("would overwrite"))
    let forced = try CLI.run(["export-data", dir, "--force"])
    #expect(forced.status == 0)
    // The target untouched.
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
    var st = stat()
    lstat(dir + "/footprints.csv", &st)
    #expect(st.st_mode & S_IFMT == S_IFREG)  // the link itself was replaced by the file
  }
}

/// Paths are bytes: a directory whose name is not valid UTF-8 is used as typed.
@Suite struct BytePathTests {
  func sh(_ script: String) throws -> (status: Int32, out: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script]
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "STP_DASH_DATA")
    env["BIN"] = CLI.executable.path
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func aDirectoryNameThatIsNotUTF8IsReadNeverReplacedByTheEmbeddedData() throws {
    let base = try CLI.tempDir()
    let dir = "\(base)-$(printf '\\377')"
    defer { _ = try? sh("rm -rf \"\(dir)\"") }
    // Written by its bytes (not to a name with U+FFFD in it).
    #expect(try sh("\"$BIN\" export-data \"\(dir)\" >/dev/null && ls -d \"\(dir)\"").status == 0)
    #expect(try sh("ls -d \"\(base)-\u{FFFD}\" 2>/dev/null").status != 0)
    // Edit it, so the embedded data cannot pass for it.
    _ = try sh("sed -i 's/^E54000041,Dorset,/E54000041,Dorset Bytes,/' \"\(dir)/footprints.csv\"")
    let byOption = try sh("\"$BIN\" league --data \"\(dir)\"")
    #expect(byOption.status == 0 && byOption.out.contains("Dorset Bytes"))
    let byEnvironment = try sh("STP_DASH_DATA=\"\(dir)\" \"$BIN\" league")
    #expect(byEnvironment.status == 0 && byEnvironment.out.contains("Dorset Bytes"))
    let missing = try sh("STP_DASH_DATA=\"\(dir)/nope\" \"$BIN\" league")
    #expect(
      missing.status == 1
        && missing.out.contains("cannot open the data directory: No such file or directory"))
  }
}

/// Figures from arguments never trap; a screen too small is a failure, not a screenshot of one.
@Suite struct ArgumentLimitTests {
  /// Issue 26: a funding.csv of valid rows at the amount bound pushed the sums past 64 bits and
  /// every command died with SIGILL. Now each says where the total passes its bound, exit 1.
  @Test func fundingSumsPastTheirBoundAreALocatedErrorInEveryCommand() throws {
    let dir = try CLI.tempDir()
    #expect(try CLI.run(["export-data", dir]).status == 0)
    let path = dir + "/funding.csv"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    for i in 0..<10_000 {
      text +=
        "E54000041,wave1,2017-07-19,scheme,Big \(i),1000000000000000,1000000000000000,exact,,,"
        + "https://example.org/x,\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    for args in [
      ["validate"], ["league", "--by", "funding"], ["regions"], ["compare", "dorset", "devon"],
      ["show", "dorset"], ["funding"], ["map", "--format", "text"], ["snapshot"],
      ["brief", "dorset"], ["report"],
    ] {
      let r = try CLI.run(args + ["--data", dir])
      #expect(r.status == 1, "\(args): \(r.status)")
      #expect(r.stderr.contains("the bound on all funding together"), "\(args): \(r.stderr)")
      #expect(r.stderr.contains("funding.csv:"), "\(args)")
    }
  }

  @Test func hugeDurationsAndSizesAreUsageErrors() throws {
    for cycle in ["9223372036854775807m", "99999999999999999999s", "1441m", "0", "-5"] {
      let r = try CLI.run(["dashboard", "--cycle", cycle])
      #expect(r.status == 2, "--cycle \(cycle)")
      #expect(r.stderr.contains("--cycle takes a time"), "--cycle \(cycle): \(r.stderr)")
    }
    for size in ["99999999999999999999x40", "1001x40", "0x0", "120x-40"] {
      let r = try CLI.run(["snapshot", "--size", size])
      #expect(r.status == 2 && r.stderr.contains("--size takes WIDTHxHEIGHT"), "--size \(size)")
    }
  }

  @Test func aSnapshotTooSmallForThePanesFails() throws {
    let r = try CLI.run(["snapshot", "--size", "30x8"])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "stp-dash: 30x8 is too small for the panes: need at least 44x10\n")
  }
}

/// In a non-UTF-8 locale or with --ascii, what people read is ASCII.
@Suite struct ASCIIOutputTests {
  func nonASCII(_ s: String) -> Int { s.unicodeScalars.count { !$0.isASCII } }

  @Test func batchTablesSnapshotsAndMessagesAreASCII() throws {
    for env in [["LC_ALL": "C"], [:]] {
      let extra = env.isEmpty ? ["--ascii"] : []
      for command in [
        ["league"], ["partners"], ["funding"], ["funding", "--waves"], ["show", "dorset"],
      ] {
        for format in ["table", "markdown", "json"] {
          let r = try CLI.run(command + ["--format", format] + extra, environment: env)
          #expect(r.status == 0)
          #expect(nonASCII(r.stdout) == 0, "\(command) \(format) \(env)")
        }
      }
      let snap = try CLI.run(["snapshot", "--size", "100x30"] + extra, environment: env)
      #expect(nonASCII(snap.stdout) == 0)
    }
    // Folding happens before layout: the columns stay aligned.
    let t = try CLI.run(["funding", "--ascii"]).stdout.split(separator: "\n")
    #expect(t[2].contains("GBP 312m") && t[3].contains("GBP 100m"))
    #expect(
      t[2].range(of: "GBP 312m")?.upperBound.utf16Offset(in: t[2])
        == t[3].range(of: "GBP 100m")?.upperBound.utf16Offset(in: t[3]))
    // JSON keeps the data exactly, escaped.
    #expect(
      try CLI.run(["show", "dorset", "--format", "json", "--ascii"]).stdout.contains("\\u00a3100m"))
    // CSV is for programs: UTF-8 as it is.
    #expect(try CLI.run(["funding", "--format", "csv", "--ascii"]).stdout.contains("up to £312m"))
  }
}
