import Foundation
import STPModel
import STPTerminal
import Testing

/// The built `stp-dash`, run as a user runs it: arguments in, text and an exit status out.
struct CLI {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The executable next to the test bundle (`.build/<config>/stp-dash`).
  static let executable: URL = {
    let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return me.deletingLastPathComponent().appendingPathComponent("stp-dash")
  }()

  static func run(
    _ args: [String], environment: [String: String] = [:], directory: String? = nil
  ) throws -> Output {
    let p = Process()
    p.executableURL = executable
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "STP_DASH_DATA")
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Files, not pipes: a large report cannot fill a pipe and stall the child.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stp-cli-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let err = dir.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return Output(
      status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
      stderr: try String(contentsOf: err, encoding: .utf8))
  }

  static func tempDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stp-data-\(UUID())")
    return dir.path
  }
}

@Suite struct CLITests {
  @Test func leagueCSVMatchesTheReviewedGolden() throws {
    let r = try CLI.run(["league", "--format", "csv"])
    #expect(r.status == 0)
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Goldens/league.csv")
    #expect(r.stdout == (try String(contentsOf: golden, encoding: .utf8)))
    let rows = r.stdout.split(separator: "\n").dropFirst()
    #expect(rows.count == 44)
    #expect(rows.filter { $0.hasPrefix("1,") }.count == 5)
  }

  @Test func leagueWorksFromAnyDirectory() throws {
    let r = try CLI.run(["league"], directory: "/")
    #expect(r.status == 0)
    #expect(r.stdout.contains("=1  E54000041  Dorset"))
    #expect(
      r.stdout.hasPrefix("Pos of 17  ")
        && r.stdout.split(separator: "\n")[0].contains("Pos of 44  Code"))
    #expect(r.stdout.contains("Band known for 17 of 44 STPs"))
    #expect(r.stderr.isEmpty)
  }

  @Test func theDashboardWithoutATerminalPointsToTheBatchCommands() throws {
    let r = try CLI.run([])  // standard output is a file here, not a terminal
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "the dashboard needs a terminal; use a batch command instead: stp-dash league"))
    // A broken data directory is still reported as a data error first.
    #expect(try CLI.run(["--data", "/nonexistent/stp"]).status == 1)
  }

  @Test func showDorsetGivesBandSchemeAmountAndSources() throws {
    let r = try CLI.run(["show", "Dorset"])
    #expect(r.status == 0)
    for text in [
      "Band 2017-07", "Outstanding", "[ratings.csv:",
      "Consolidate emergency and planned care between Bournemouth and Poole hospitals: at least £100m",
      "source: https://www.lgcplus.com/services/health-and-care/revealed-strongest-stps-share-325m-of-new-investment/7020547.article",
      "[funding.csv:4]", "Per head  at least £129.75 (ONS mid-2017)", "Funding   at least £100m",
      "Population              770,689 (ONS mid-2017)", "as stated by the STP  ~800,000 (c.2017",
      "Funding              at least £100m", "position           2 of 11 known",
      "position           =1 of 44 (=1 of 17 known)", "Non-NHS share", "33% (3 of 9)",
    ] {
      #expect(r.stdout.contains(text), "missing: \(text)")
    }
  }

  /// Issue 27 from the command line: what each STP became (with the sliver), the bands against
  /// the designations, and the map's ICB layer.
  @Test func successorsDesignationsAndTheICBLayer() throws {
    let gm = try CLI.run(["successors", "greater manchester", "--format", "csv"])
    #expect(gm.status == 0)
    #expect(gm.stdout.contains("NHS Derby and Derbyshire Integrated Care Board,\"33,334\",33334"))
    #expect(gm.stdout.contains("1.18% (sliver),0.0118"))
    // The ICB side: Birmingham and Solihull took 175,800 of its 1,351,056 from the Black Country.
    let icbs = try CLI.run(["successors", "--by-successor", "--format", "csv"])
    #expect(
      icbs.stdout.contains(
        "2022-07,E54000055,QHL,NHS Birmingham and Solihull Integrated Care Board,E54000016,"
          + "The Black Country,\"175,800\",175800,175800,175800,exact"))
    #expect(icbs.stdout.contains(",13.0%,0.13,"))
    let bands = try CLI.run(["designations"])
    #expect(bands.stdout.contains("Band unknown              27"))
    #expect(bands.stdout.contains("18 of 44 STPs have a dated designation"))
    let map = try CLI.run([
      "map", "--layer", "icb", "--select", "greater manchester", "--format", "text", "--size",
      "100x30",
    ])
    #expect(map.status == 0)
    #expect(map.stdout.contains("Greater Manchester (2017, outlined)"))
    #expect(map.stdout.contains("Derby and Derbyshire ICB 1.18%, a"))
    let svg = try CLI.run(["map", "--layer", "icb", "--format", "svg"])
    #expect(svg.status == 2)
    #expect(svg.stderr.contains("--layer icb draws in the terminal"))
  }

  @Test func showFindsByCodeAndPartAndRefusesAmbiguity() throws {
    #expect(try CLI.run(["show", "e54000041"]).stdout.hasPrefix("Dorset (E54000041)"))
    #expect(
      try CLI.run(["show", "south", "yorkshire"]).stdout.hasPrefix("South Yorkshire and Bassetlaw"))
    let amb = try CLI.run(["show", "London"])
    #expect(amb.status == 2)
    #expect(amb.stderr.contains("matches 5 STPs"))
    let none = try CLI.run(["show", "Atlantis"])
    #expect(none.status == 2)
    #expect(none.stderr.contains("no STP matches 'Atlantis'"))
  }

  @Test func validateOnABrokenDirectoryListsEveryErrorAndExits1() throws {
    let dir = try CLI.tempDir()
    #expect(try CLI.run(["export-data", dir]).status == 0)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let funding = dir + "/funding.csv"
    var text = try String(contentsOfFile: funding, encoding: .utf8)
    text = text.replacingOccurrences(of: ",100000000,,at least,", with: ",-5,,at least,")
    text = text.replacingOccurrences(of: "E54000038,wave3", with: "E54000099,wave3")
    try text.write(toFile: funding, atomically: true, encoding: .utf8)
    let r = try CLI.run(["validate", "--data", dir])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "funding.csv:4:114: error: negative amount '-5'; amount_min must be 0 or more"))
    #expect(
      r.stderr.contains(
        "funding.csv:28:1: error: unknown STP code 'E54000099' (not in footprints.csv)"))
    #expect(r.stderr.contains("stp-dash: 2 errors in \(dir); nothing was loaded"))
    // The other commands refuse the same data the same way.
    #expect(try CLI.run(["league", "--data", dir]).status == 1)
  }

  @Test func exportedDataReadsBackIdenticallyByFlagOrEnvironment() throws {
    let dir = try CLI.tempDir()
    #expect(try CLI.run(["export-data", dir]).status == 0)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let embedded = try CLI.run(["funding", "--format", "json"]).stdout
    let byFlag = try CLI.run(["funding", "--format", "json", "--data", dir])
    let byEnv = try CLI.run(["funding", "--format", "json"], environment: ["STP_DASH_DATA": dir])
    #expect(byFlag.status == 0 && byEnv.status == 0)
    #expect(byFlag.stdout == embedded)
    #expect(byEnv.stdout == embedded)
    let valid = try CLI.run(["validate", "--data", dir])
    #expect(valid.stdout.contains("valid — 44 footprints, 17 ratings"))
    // Four national waves; the two groups of rows naming no single wave are said as such.
    #expect(valid.stdout.contains("4 waves (+2 row groups naming no single wave)"))
    // A second export into the same place refuses to overwrite.
    let again = try CLI.run(["export-data", dir])
    #expect(again.status == 2)
    #expect(again.stderr.contains("use --force"))
  }

  @Test func fundingCSVCarriesRangesPerHeadAndWaveShares() throws {
    let out = try CLI.run(["funding", "--format", "csv"]).stdout
    let lines = out.split(separator: "\n").map(String.init)
    let keys = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    func row(_ code: String) -> [String: String] {
      guard let line = lines.first(where: { $0.contains(code) }) else { return [:] }
      // The name and the source may hold commas inside quotes: parse as CSV.
      let fields = CSVScanner.fields(of: line)
      return Dictionary(uniqueKeysWithValues: zip(keys, fields).map { ($0, $1) })
    }
    // Dorset: 2nd of the 11 ranked; at least £100m in wave 1 of £325m (30.77%); 770,689 people
    // (ONS mid-2017): at least £129.75 a head, no maximum; cited at funding.csv:4.
    let dorset = row("E54000041")
    #expect(dorset["position"] == "2" && dorset["ranked_of"] == "11")
    #expect(
      dorset["funding"] == "at least £100m" && dorset["funding_min"] == "100000000"
        && dorset["funding_max"] == "")
    #expect(dorset["funding_basis"] == "at least" && dorset["funding_rows"] == "funding.csv:4")
    #expect(
      dorset["per_head_min"] == "129.75" && dorset["per_head_max"] == ""
        && dorset["per_head_basis"] == "at least")
    #expect(dorset["wave1_share_of_national"] == "0.3077")
    // South Yorkshire and Bassetlaw: named in waves 1 and 2 without amounts and a nil award in
    // wave 4: unranked, blank (unknown) everywhere but the sourced £0 of wave 4, which cites
    // its own row (funding.csv:34), never an unrelated one.
    let syb = row("E54000009")
    #expect(
      syb["position"] == "" && syb["funding_value"] == "" && syb["funding_basis"] == "nil award")
    #expect(syb["wave4_value"] == "0" && syb["wave4_rows"] == "funding.csv:34")
    #expect(syb["wave1_value"] == "" && syb["wave1_status"] == "amount unknown")
    // Kent and Medway: £8m in wave 3 inside "just under £20m" for waves 3 and 4 together: a
    // range of £8m to £20m, not £28m; per head over 1,832,252 people £4.37 to £10.92.
    let kent = row("E54000032")
    #expect(
      kent["funding"] == "£8m to £20m" && kent["funding_min"] == "8000000"
        && kent["funding_max"] == "20000000")
    #expect(kent["per_head_min"] == "4.37" && kent["per_head_max"] == "10.92")
    // Its "just under £20m" for waves 3 and 4 together covers the £8m of wave 3: £8m to £20m.
    #expect(kent["wave3_wave4"] == "£8m to £20m" && kent["wave3_wave4_basis"] == "range")
  }

  @Test func snapshotPrintsExactlyTheScreen() throws {
    let r = try CLI.run(["snapshot", "--pane", "league", "--size", "80x24", "--loaded-at", "09:30"])
    #expect(r.status == 0)
    // The reviewed golden of the same screen, rows without trailing spaces.
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../STPTerminalTests/Goldens/league80x24.txt")
    let rows = try String(contentsOf: golden, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .dropFirst().prefix(24).map {
      String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    // The screen golden leaves the tab row to the tab golden: the same row from there.
    let tabs = try String(
      contentsOf: golden.deletingLastPathComponent().appendingPathComponent("tabRow.txt"),
      encoding: .utf8
    ).components(separatedBy: "\n")
    let tabRow = try #require(tabs.firstIndex(of: "80 league").map { tabs[$0 + 1] })
    let expected = rows.map { $0.hasPrefix("‹tabs") ? tabRow : $0 }.map {
      $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    #expect(r.stdout == expected.joined(separator: "\n") + "\n")
  }

  @Test func snapshotOfDetailPresentationAndANSI() throws {
    let detail = try CLI.run(["snapshot", "--pane", "detail:dorset", "--size", "100x30"])
    #expect(detail.stdout.contains("Dorset (E54000041)"))
    #expect(detail.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 31)
    let present = try CLI.run(["snapshot", "--pane", "present", "--size", "100x30"])
    #expect(present.stdout.contains("Who leads") && present.stdout.contains("███"))
    let ansi = try CLI.run([
      "snapshot", "--pane", "funding", "--size", "80x24", "--format", "ansi", "--theme",
      "projector",
    ])
    #expect(ansi.status == 0)
    // Black on white: the projector theme.
    #expect(ansi.stdout.contains("\u{1B}[0;38;5;16;48;5;231m"))
    #expect(try CLI.run(["snapshot", "--pane", "nowhere"]).status == 2)
    #expect(try CLI.run(["snapshot", "--size", "wide"]).status == 2)
    #expect(try CLI.run(["snapshot", "--pane", "detail:london"]).status == 2)
  }

  @Test func snapshotMakesCompareRegionsAndChartsWithoutATerminal() throws {
    // issue 22: the same screens as the dashboard, chosen on the command line.
    let compare = try CLI.run([
      "snapshot", "--pane", "compare", "--stp", "dorset", "--stp", "greater manchester",
      "--size", "100x30",
    ])
    #expect(compare.status == 0)
    #expect(compare.stdout.contains("Dorset") && compare.stdout.contains("Greater Manchester"))
    #expect(compare.stdout.contains("at least £100m") && compare.stdout.contains("up to £80m"))
    let scatter = try CLI.run([
      "snapshot", "--pane", "charts", "--chart", "scatter", "--x", "band", "--y", "density",
      "--size", "100x30",
    ])
    #expect(scatter.status == 0 && scatter.stdout.contains("[Scatter]"))
    #expect(scatter.stdout.contains("People per km² (ONS) (up, ]) against Band"))
    let regions = try CLI.run(["snapshot", "--pane", "regions", "--size", "120x20"])
    #expect(regions.status == 0 && regions.stdout.contains("Midlands and East"))
    // An STP that names several is refused, naming them.
    let amb = try CLI.run(["snapshot", "--pane", "compare", "--stp", "london"])
    #expect(amb.status == 2 && amb.stderr.contains("matches 5 STPs"))
  }

  @Test func badUsageExits2() throws {
    let r = try CLI.run(["league", "--by", "vibes"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("'vibes' is invalid"))
    #expect(try CLI.run(["frobnicate"]).status == 2)
    #expect(try CLI.run(["show", "Dorset", "--format", "csv"]).status == 2)
    #expect(try CLI.run(["league", "--data", "/nonexistent/stp"]).status == 1)
  }

  @Test func theCommandLineReadsEveryShape() throws {
    let eq = try CLI.run(["league", "--format=csv"])
    #expect(
      eq.status == 0 && eq.stdout.hasPrefix("position,ranked_of,position_among_all,code,name"))
    let help = try CLI.run(["help", "league"])
    #expect(
      help.status == 0 && help.stdout.contains("--by <measure>")
        && help.stdout.contains("--format <format>"))
    #expect(try CLI.run(["show", "--help"]).stdout.contains("<code-or-name>"))
    let words = try CLI.run(["show", "--format", "json", "--", "Dorset"])
    #expect(words.status == 0 && words.stdout.contains("E54000041"))
    let missing = try CLI.run(["league", "--format"])
    #expect(missing.status == 2 && missing.stderr.contains("missing value for '--format <format>'"))
    let noValue = try CLI.run(["funding", "--waves=yes"])
    #expect(noValue.status == 2 && noValue.stderr.contains("--waves takes no value"))
    let noDir = try CLI.run(["export-data"])
    #expect(noDir.status == 2 && noDir.stderr.contains("missing <dir>"))
    let unknown = try CLI.run(["partners", "--by", "band"])
    #expect(unknown.status == 2 && unknown.stderr.contains("unknown option '--by'"))
  }

  @Test func versionAndHelp() throws {
    let v = try CLI.run(["--version"])
    #expect(v.status == 0)
    #expect(v.stdout == "0.1.0\n")
    let h = try CLI.run(["--help"])
    #expect(h.status == 0)
    #expect(h.stdout.contains("league") && h.stdout.contains("validate"))
  }

  @Test func everyFormatOfEveryTableCommandWorks() throws {
    for cmd in [
      ["league"], ["league", "--by", "breadth"], ["partners"], ["funding"],
      ["funding", "--waves"],
    ] {
      for format in ["table", "csv", "json", "markdown"] {
        let r = try CLI.run(cmd + ["--format", format])
        #expect(r.status == 0, "\(cmd) \(format)")
        #expect(!r.stdout.isEmpty)
      }
    }
    let json = try CLI.run(["league", "--by", "funding", "--format", "json"]).stdout
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 44)
    #expect(parsed?.first?["name"] as? String == "Shropshire and Telford and Wrekin")
    #expect(parsed?.first?["funding_value"] as? Int == 312_000_000)
    #expect(parsed?.first?["funding_basis"] as? String == "up to")
    #expect(parsed?.first?["funding_min"] is NSNull)
  }
}

/// Completions and the manual come from the same definitions as --help.
@Suite struct ShellSupportTests {
  static let commands = [
    "dashboard", "league", "partners", "funding", "show", "snapshot", "validate", "export-data",
    "brief",
    "themes", "completions", "manual",
  ]

  @Test func everyShellGetsEveryCommandAndOption() throws {
    for shell in ["bash", "zsh", "fish"] {
      let r = try CLI.run(["completions", shell])
      #expect(r.status == 0)
      for c in Self.commands { #expect(r.stdout.contains(c), "\(shell) lacks \(c)") }
      for option in [
        "--data", "--format", "--by", "--theme", "--cycle", "--ascii", "--size", "--force",
      ] {
        #expect(
          r.stdout.contains(option) || r.stdout.contains("-l \(option.dropFirst(2))"),
          "\(shell) lacks \(option)")
      }
      #expect(r.stdout.contains("table csv json markdown"), "\(shell): --format's choices")
      // The script is valid for its shell, where the shell is installed.
      let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "completion-\(UUID()).\(shell)"
      ).path
      try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
      defer { try? FileManager.default.removeItem(atPath: path) }
      if spawn(["sh", "-c", "command -v \(shell)"]).status == 0 {
        #expect(spawn([shell, "-n", path]).status == 0, "\(shell) -n rejects the script")
      }
    }
    #expect(try CLI.run(["completions", "tcsh"]).status == 2)
  }

  @Test func bashCompletesCommandsOptionsAndChoices() throws {
    guard spawn(["sh", "-c", "command -v bash"]).status == 0 else { return }
    let script = try CLI.run(["completions", "bash"]).stdout
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("c-\(UUID()).bash")
      .path
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    func complete(_ words: [String]) -> String {
      let list = words.map { "'\($0)'" }.joined(separator: " ")
      return spawn([
        "bash", "-c",
        "source '\(path)'; COMP_WORDS=(\(list)); COMP_CWORD=\(words.count - 1); _stp_dash; echo \"${COMPREPLY[*]}\"",
      ]).output
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(complete(["stp-dash", "le"]) == "league")
    #expect(complete(["stp-dash", "league", "--fo"]) == "--format")
    #expect(complete(["stp-dash", "league", "--by", "share"]) == "share-65 share-85")
  }

  @Test func theManualHasEveryCommandAndOption() throws {
    let r = try CLI.run(["manual"])
    #expect(r.status == 0 && r.stdout.hasPrefix(".TH STP-DASH 1"))
    for c in Self.commands {
      #expect(r.stdout.contains(".SS \(c.replacingOccurrences(of: "-", with: "\\-"))"))
    }
    #expect(r.stdout.contains(".B \\-\\-data \\fIdir\\fR"))
    #expect(r.stdout.contains("STP_DASH_DATA"))
  }

  /// `themes --check` prints each role's contrast, and the fallback where a role is below.
  @Test func themesCheckPrintsTheContrastTable() throws {
    let r = try CLI.run(["themes", "--check", "--background", "dark"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("default at 8 colours, on dark background"))
    #expect(r.stdout.contains("(4.5)"))
    #expect(r.stdout.contains("below, so drawn in the terminal's own colours"))
    #expect(!r.stdout.contains("BELOW"))
    let list = try CLI.run(["themes"])
    #expect(list.stdout.split(separator: "\n").first == "default")
    let missing = try CLI.run(["themes", "--check", "/nonexistent/x.toml"])
    #expect(missing.status == 1 && missing.stderr.contains("cannot read the theme file"))
  }

  /// The manual's KEYS are the dashboard's key maps, as `?` help and the README's tables are:
  /// every map's title and every binding's keys and help, in order.
  @Test func theManualHasEveryKeyOfEveryMap() throws {
    let r = try CLI.run(["manual"])
    let text = r.stdout.replacingOccurrences(of: "\\-", with: "-")
      .replacingOccurrences(of: "\\e", with: "\\")
    let keys = try #require(text.range(of: ".SH KEYS\n"))
    var rest = text[keys.upperBound...]
    for map in KeyMap.all(.standard) {
      let title = try #require(rest.range(of: ".SS \(map.title)\n"), "\(map.title)")
      rest = rest[title.upperBound...]
      for b in map.bindings {
        let entry = ".TP\n.B \(b.keys.map(\.label).joined(separator: " "))\n\(b.help)\n"
        let at = try #require(rest.range(of: entry), "\(map.title): \(b.help)")
        rest = rest[at.upperBound...]
      }
    }
  }
}

/// `stp-dash brief`: one STP for a board paper (issue 24): its figures with their qualifiers,
/// every source a numbered note that the figures point to, the region's STPs, what is unknown,
/// a locator map; Markdown the same without the map.
@Suite struct BriefTests {
  @Test func aBriefHasItsFiguresSourcesRegionAndMap() throws {
    let r = try CLI.run(["brief", "dorset"])
    #expect(r.status == 0)
    let html = r.stdout
    #expect(html.contains("<html lang=\"en-GB\">") && html.contains("@page { size: A4;"))
    #expect(html.contains("<h1>Dorset <span"))
    #expect(html.contains("Outstanding; =1 of 44 (=1 of 17 known)"))
    #expect(html.contains("at least £100m; 2 of 11 known"))
    // Every note referred to exists, and every note is referred to.
    let refs = Set(
      html.components(separatedBy: "href=\"#n").dropFirst().compactMap {
        Int($0.prefix { $0.isNumber })
      })
    let notes = html.components(separatedBy: "<li id=\"n").count - 1
    #expect(!refs.isEmpty && refs == Set(1...notes))
    #expect(html.contains("South: the region's STPs side by side"))
    #expect(html.contains("<th scope=\"row\"><strong>Dorset</strong></th>"))
    #expect(html.contains("<g id=\"map-band-highlight\">"))
    #expect(html.contains("What is unknown"))
    #expect(!html.contains("<script"))
    let md = try CLI.run(["brief", "greater", "manchester", "--format", "md"])
    #expect(md.status == 0 && md.stdout.hasPrefix("# Greater Manchester (E54000007)"))
    #expect(md.stdout.contains("[^1]: "))
    #expect(md.stdout.contains("- Band: unknown (Advanced or Making progress)"))
    let missing = try CLI.run(["brief", "nowhere at all"])
    #expect(missing.status != 0)
  }
}
