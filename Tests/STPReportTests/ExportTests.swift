import Foundation
import STPModel
import Testing

@testable import STPReport

/// What `e` writes: the view as shown, never over an existing file, nothing when it cannot.
@Suite struct ExportTests {
  let d: Dataset
  let m: Metrics
  let dir: String

  init() throws {
    d = try DatasetLoader.loadEmbedded().dataset
    m = Metrics(d)
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  }

  func files() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
  }
  func read(_ name: String) -> String {
    (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? ""
  }

  @Test func theViewAsShownInCSVAndMarkdown() throws {
    // A filtered, re-ordered view: two London STPs, South West first.
    let rows = [
      try #require(d.index(ofCode: "E54000031")), try #require(d.index(ofCode: "E54000027")),
    ]
    let message = ViewExporter.export(
      .funding(rows: rows), dataset: d, metrics: m, directory: dir, stamp: "20261122-093000")
    #expect(
      files() == ["stp-dash-funding-20261122-093000.csv", "stp-dash-funding-20261122-093000.md"])
    #expect(
      message
        == "exported to \(dir)/stp-dash-funding-20261122-093000.csv and \(dir)/stp-dash-funding-20261122-093000.md"
    )
    let csv = read("stp-dash-funding-20261122-093000.csv").split(separator: "\n")
    #expect(csv.count == 3)
    #expect(
      csv[0].hasPrefix(
        "position,ranked_of,code,name,funding,funding_value,funding_min,funding_max,funding_basis,funding_source,funding_rows,per_head"
      ))
    // Unknown is a blank cell in CSV, never 0, and its basis says why (ranked_of is the 11
    // ranked STPs).
    #expect(csv[1].hasPrefix(",11,E54000031,South West London,,,,,unknown,,,"))
    #expect(csv[2].hasPrefix(",11,E54000027,North West London,,"))
    let md = read("stp-dash-funding-20261122-093000.md")
    #expect(md.hasPrefix("| Pos of 11 | Code | STP | Funding | Per head | Schemes found |"))
    #expect(md.contains("| – | E54000031 | South West London | unknown | unknown | unknown |"))
  }

  @Test func theFilterTheRowsWereChosenByIsNotedInTheMarkdown() throws {
    let rows = [try #require(d.index(ofCode: "E54000041"))]
    _ = ViewExporter.export(
      .partners(rows: rows), dataset: d, metrics: m, directory: dir, filter: "dorset", stamp: "F")
    #expect(read("stp-dash-partnerships-F.md").contains("Filter: dorset (1 of 44 STPs)."))
    #expect(!read("stp-dash-partnerships-F.csv").contains("Filter"))
  }

  @Test func regionsExportAsShown() {
    let message = ViewExporter.export(.regions, dataset: d, metrics: m, directory: dir, stamp: "R")
    #expect(files() == ["stp-dash-regions-R.csv", "stp-dash-regions-R.md"])
    #expect(message.hasPrefix("exported to"))
    let csv = read("stp-dash-regions-R.csv").split(separator: "\n")
    #expect(csv.count == 5 && csv[0].hasPrefix("region,stps,bands,funding,funding_value"))
    #expect(
      read("stp-dash-regions-R.md").contains("at least £161m proven; amounts for 5 of 13 STPs"))
  }

  /// Issue 26: a footprint code or wave id with `/` (`/../../outside/X`) made `e` write two
  /// levels above the export folder. The name is one safe file-name part now, whatever it says.
  @Test func anExportNeverLeavesItsFolder() throws {
    let code = "/../../outside/X"
    let files = DatasetLoader.embeddedFiles.map { f in
      (
        f.name,
        Array(
          String(decoding: f.bytes, as: UTF8.self).replacingOccurrences(
            of: "E54000041", with: code
          ).utf8)
      )
    }
    let hostile = try DatasetLoader.load(files: files, origin: "test").dataset
    #expect(hostile.index(ofCode: code) != nil)
    // The folder two levels up has an `outside`, as in the report.
    let inner = dir + "/a/b"
    try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: dir + "/outside", withIntermediateDirectories: true)
    let message = ViewExporter.export(
      .detail(code: code), dataset: hostile, metrics: Metrics(hostile), directory: inner,
      stamp: "S")
    #expect(message.hasPrefix("exported to "), "\(message)")
    let written = try FileManager.default.contentsOfDirectory(atPath: inner).sorted()
    #expect(
      written == [
        "stp-dash-detail-_.._.._outside_X-S.csv", "stp-dash-detail-_.._.._outside_X-S.md",
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/outside").isEmpty)
    #expect(ViewExporter.fileComponent("..\u{1b}[2J/x y") == "_.__2J_x_y")
  }

  @Test func neverOverwrites() {
    let rows = Array(d.footprints.indices)
    _ = ViewExporter.export(
      .league(.band, rows: rows), dataset: d, metrics: m, directory: dir, stamp: "T")
    try? "keep me".write(
      toFile: dir + "/stp-dash-league-by-band-T-2.csv", atomically: true, encoding: .utf8)
    _ = ViewExporter.export(
      .league(.band, rows: rows), dataset: d, metrics: m, directory: dir, stamp: "T")
    #expect(
      files() == [
        "stp-dash-league-by-band-T-2.csv", "stp-dash-league-by-band-T-2.md",
        "stp-dash-league-by-band-T-3.csv", "stp-dash-league-by-band-T.csv",
        "stp-dash-league-by-band-T.md",
      ])
    #expect(read("stp-dash-league-by-band-T-2.csv") == "keep me")
    #expect(read("stp-dash-league-by-band-T.csv").split(separator: "\n").count == 45)
  }

  @Test func anUnwritableDirectoryLeavesNothing() {
    let missing = dir + "/no/such/dir"
    let message = ViewExporter.export(
      .detail(code: "E54000041"), dataset: d, metrics: m, directory: missing)
    #expect(message == "export failed: cannot write to \(missing): No such file or directory")
    #expect(files().isEmpty)
  }

  @Test func theDetailExportsItsFactsWithSources() {
    _ = ViewExporter.export(
      .detail(code: "E54000041"), dataset: d, metrics: m, directory: dir, stamp: "T")
    let csv = read("stp-dash-detail-E54000041-T.csv")
    #expect(csv.hasPrefix("section,label,value,source,row\n"))
    #expect(
      csv.contains(
        "Capital funding,•,Consolidate emergency and planned care between Bournemouth and Poole hospitals: at least £100m,"
      ))
    #expect(read("stp-dash-detail-E54000041-T.md").hasPrefix("# Dorset (E54000041)"))
  }
}
