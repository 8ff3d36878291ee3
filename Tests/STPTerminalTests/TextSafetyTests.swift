import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// Names from data files reach the screen safe and aligned.
@Suite struct TextSafetyTests {
  static func dataset(_ names: [String], ratings: String = "") throws -> Dataset {
    var csv = "code,name,region,population,population_year,source\n"
    for (i, n) in names.enumerated() {
      csv += "E\(i),\"\(n.replacingOccurrences(of: "\"", with: "\"\""))\",North,,,test\n"
    }
    var files: [(name: String, bytes: [UInt8])] = [("footprints.csv", Array(csv.utf8))]
    if !ratings.isEmpty { files.append(("ratings.csv", Array(ratings.utf8))) }
    return try DatasetLoader.load(files: files, origin: "hostile fixture").dataset
  }

  @Test func controlCharactersAndBidiOverridesNeverReachTheTerminal() throws {
    let d = try Self.dataset([
      "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Trust", "\u{202E}desrever", "Tab\there\u{7F}",
    ])
    let app = HeadlessApp(
      AppState(dataset: d, loadedAt: "09:30", size: Size(width: 80, height: 12)))
    let screen = app.canvas.lines.joined(separator: "\n")
    #expect(
      !screen.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x7F })
    #expect(!screen.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
    #expect(screen.contains("Evil^[[2J^[]0;pwned^GTrust"))
    #expect(screen.contains("\u{FFFD}desrever"))
    #expect(screen.contains("Tab^Ihere^?"))
  }

  @Test func wideAndCombiningCharactersKeepColumnsAligned() throws {
    let d = try Self.dataset(["東京都健康長寿医療センター連合", "Zu\u{308}rich Partnership", "Plain name"])
    let app = HeadlessApp(
      AppState(dataset: d, loadedAt: "09:30", size: Size(width: 60, height: 12)))
    let rows = app.canvas.lines.filter { $0.contains("North") }
    #expect(rows.count == 3)
    // "North" starts at the same display column on every row.
    let columns = rows.map { row -> Int in
      let prefix = row[..<(row.range(of: "North")?.lowerBound ?? row.endIndex)]
      return DisplayWidth.of(prefix)
    }
    #expect(Set(columns).count == 1)
    #expect(rows.contains { $0.contains("東京") && $0.contains("…") })  // cut with an ellipsis
  }

  @Test func movementShowsWhenThereAreTwoPeriods() throws {
    let ratings = """
      period,code,band,source
      2017-07,E0,Advanced,t
      2017-07,E1,Outstanding,t
      2018-07,E0,Outstanding,t
      2018-07,E1,Advanced,t

      """
    let d = try Self.dataset(["Alpha", "Beta"], ratings: ratings)
    let app = HeadlessApp(
      AppState(dataset: d, loadedAt: "09:30", size: Size(width: 80, height: 12)))
    let lines = app.canvas.lines
    #expect(lines.contains { $0.contains("Move") })
    #expect(lines.contains { $0.contains("Alpha") && $0.contains("▲1") })
    #expect(lines.contains { $0.contains("Beta") && $0.contains("▼1") })
    #expect(lines.contains { $0.contains("Bands 2018-07") })
  }
}

/// One enormous text costs what its first screenful costs.
@Suite struct HugeTextTests {
  @Test func aHugeNameIsBoundedInTablesAndDetail() throws {
    let huge = "Dorset" + String(repeating: "x", count: 5_000_000)
    let d = try TextSafetyTests.dataset([huge, "Beta", "Gamma"])
    var app = HeadlessApp(
      AppState(dataset: d, loadedAt: "09:30", size: Size(width: 100, height: 30)))
    #expect(app.state.data.names[0].utf8.count < 400)
    #expect(app.state.data.names[0].hasSuffix("(+4999706 bytes not shown)"))
    #expect(app.canvas.lines.joined().contains("Dorsetxxx"))
    app.send(.char("/"))
    app.type("dorset")
    app.send(.enter, .enter)
    #expect(app.state.detail?.code == "E0")
    let lines = DetailView.lines(app.state, width: 100)
    #expect(lines.count < 200, "\(lines.count) lines for one STP")
    #expect(lines.contains { $0.text.contains("bytes not shown)") })
  }
}
