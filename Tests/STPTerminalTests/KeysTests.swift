import Foundation
import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// A pane added in one place, the registry, as ARCHITECTURE.md's recipe says: one type with
/// its own state (a count), its own key and action (`.pane("notes.count")`, no new `Action`
/// case) and its drawing.
struct NotesPane: StatefulPane {
  let id = PaneID("notes")
  let title = "Notes"
  static let initialState = 0
  var keyMap: KeyMap {
    KeyMap(
      "Notes pane",
      [Binding(.char("x"), .pane("notes.count"), help: "count a note", hint: true, short: "count")])
  }
  var isTopLevel: Bool { true }
  func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    canvas.put(
      "notes about \(s.dataset.footprints.count) STPs, \(s[NotesPane.self]) counted",
      at: Point(x: area.x, y: area.y), role: .text, clip: area)
  }
  func coverage(_ s: AppState) -> String { "notes" }
  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    guard action == .pane("notes.count") else { return nil }
    s[NotesPane.self] += 1
    return []
  }
}

/// The keys users of htop, k9s and visidata expect.
@Suite struct KeysTests {
  let size = Size(width: 120, height: 40)

  func app(_ size: Size? = nil) -> HeadlessApp { HeadlessApp(size: size ?? self.size) }
  func screen(_ app: HeadlessApp) -> String { app.canvas.lines.joined(separator: "\n") }

  @Test func aNewPaneIsOneTypeAndOneLineAndShowsInTabsHelpAndThePaneCommand() {
    // The ninth, whatever the standard panes are (the number keys go to 9).
    let panes = PaneRegistry(Array(PaneRegistry.standard.panes.prefix(8)) + [NotesPane()])
    var app = HeadlessApp(
      AppState(dataset: Fixtures.embedded, loadedAt: "09:30", size: size, panes: panes))
    #expect(app.canvas.lines[1].contains("9 Notes"))
    app.send(.char("9"))
    #expect(app.state.pane == PaneID("notes"))
    #expect(screen(app).contains("notes about 44 STPs, 0 counted"))
    // Its own key and state; its hint in the status bar.
    app.send(.char("x"), .char("x"))
    #expect(screen(app).contains("notes about 44 STPs, 2 counted"))
    #expect(app.canvas.lines.last?.contains("x count") == true)
    app.send(.char("?"))
    #expect(screen(app).contains("Notes pane"))
    #expect(screen(app).contains("count a note"))
    // q goes back the way it came; its key means nothing elsewhere; its state stays its own.
    app.send(.escape, .char("q"))
    #expect(app.state.pane == .league)
    app.send(.char("x"))
    #expect(app.state[NotesPane.self] == 2)
    #expect(app.canvas.lines.last?.contains("not a key here") == true)
    app.send(.char(":"))
    app.type("pane no")
    app.send(.tab)
    #expect(app.state.command?.text == "pane notes")
    app.send(.enter)
    #expect(app.state.pane == PaneID("notes"))
    #expect(screen(app).contains("2 counted"))
    // Tab order and slides include it where it has them (Notes has no headline: no slide;
    // League, Funding, Partnerships, the map by band, Regions and the four charts have one).
    app.send(.tab)
    #expect(app.state.pane == .league)
    #expect(PresentationView.slides(app.state).count == 9)
  }

  @Test func qGoesBackOneLevelAndQuitsOnlyAtTheTop() {
    var a = app()
    a.send(.enter)  // Detail
    #expect(a.state.pane == .detail)
    a.send(.char("?"), .char("q"))  // closes help
    #expect(!a.state.isHelpVisible && a.state.pane == .detail && !a.state.isFinished)
    a.send(.char("q"))  // leaves Detail
    #expect(a.state.pane == .league && !a.state.isFinished)
    a.send(.char("p"), .char("q"))  // leaves presentation, never quits in front of a room
    #expect(a.state.session.presentation == nil && !a.state.isFinished)
    a.send(.char("q"))
    #expect(a.state.isFinished)
    for quit in [Key.char("Q"), .ctrl("c"), .function(10)] {
      var b = app()
      b.send(.enter, .char("?"))
      b.send(quit)
      #expect(b.state.isFinished, "\(quit.label) quits from help over Detail")
    }
    var c = app()
    c.send(.char("p"), .char("Q"))
    #expect(c.state.isFinished)
  }

  /// A message at start ("theme skipped: …") stays until the user does something: the panes'
  /// preparation finishing, a reload's progress or change marks fading do not erase it (they
  /// did, within milliseconds of the first frame).
  @Test func aMessageStaysUntilTheUserActs() {
    var a = app()
    a.state.message = "theme skipped: mine.toml:2:7: expected ']' to close the table header"
    a.send(.pane("work.ready"), .reloadProgress(0.5), .clearChangeMarks, .redraw)
    #expect(a.state.message?.hasPrefix("theme skipped") == true)
    #expect(a.canvas.lines.last?.contains("theme skipped") == true)
    a.send(.char("j"))
    #expect(a.state.message == nil)
  }

  @Test func f1OpensHelpAndAnUnboundKeySaysSo() {
    var a = app()
    a.send(.function(1))
    #expect(a.state.isHelpVisible)
    a.send(.function(1))
    #expect(!a.state.isHelpVisible)
    a.send(.char("x"))
    #expect(a.state.message == "x: not a key here, ? for help")
    #expect(a.canvas.lines.last?.contains("x: not a key here, ? for help") == true)
    // m is the league's: elsewhere it is not a key.
    a.send(.char("2"), .char("m"))
    #expect(a.state.message == "m: not a key here, ? for help")
  }

  @Test func textAfterTheColonNeverRunsAsKeys() {
    var a = app()
    a.send(.char(":"))
    a.type("qpt*er")  // quit, present, theme, spotlight, export, reload: all just text here
    #expect(
      !a.state.isFinished && a.state.session.presentation == nil
        && a.state.session.spotlight.isEmpty)
    #expect(a.effects.isEmpty)
    #expect(a.canvas.lines.last?.hasPrefix(" :qpt*er") == true)
    a.send(.escape)
    #expect(a.state.command == nil)
  }

  @Test func eWritesACleanSlide() {
    // issue 22: E exports the view as a slide: no cursor, no scroll or column marks, no key
    // hints; the coverage and the data's provenance stay.
    for pane in ["1", "3", "6", "7"] {
      var a = app(Size(width: 80, height: 24))
      a.send(.char("c"), .char(Character(pane)), .char("E"))
      guard case .exportScreen(let canvas, _, _)? = a.effects.last else {
        Issue.record("E exported nothing on pane \(pane)")
        continue
      }
      var roles = Set<Role>()
      for y in 0..<canvas.size.height {
        for x in 0..<canvas.size.width { roles.insert(canvas[x, y].role) }
      }
      #expect(!roles.contains(.selection), "pane \(pane)")
      #expect(!roles.contains(.statusKey), "pane \(pane)")
      let text = canvas.lines.joined(separator: "\n")
      #expect(
        !text.contains("▸") && !text.contains("▼") && !text.contains("? help"), "pane \(pane)")
      #expect(canvas.lines.first?.contains("embedded 2017-18 reference data") == true)
      // The screen itself keeps its cursor and hints.
      #expect(a.canvas.lines.last?.contains("? help") == true)
    }
  }

  @Test func qGoesBackAlongTheWayComeAndQuitsOnlyAtTheTop() {
    // A compare set is not lost to a q meant as "back" (issue 22): Compare, then the league.
    var a = app()
    a.send(.char("c"), .char("6"))
    #expect(a.canvas.lines.last?.contains("q back") == true)
    a.send(.char("q"))
    #expect(a.state.pane == .league && !a.state.isFinished && a.state.session.compare.count == 1)
    #expect(a.canvas.lines.last?.contains("q quit") == true)
    // Regions → Enter lists a region in the league; q comes back to the regions, Esc too.
    a.send(.char("7"), .enter)
    #expect(a.state.pane == .league)
    a.send(.escape, .char("q"))  // Esc first clears the region's filter
    #expect(a.state.pane == .regions)
    a.send(.escape)
    #expect(a.state.pane == .league && !a.state.isFinished)
    a.send(.char("q"))
    #expect(a.state.isFinished)
    // Q quits from anywhere.
    var b = app()
    b.send(.char("8"), .char("Q"))
    #expect(b.state.isFinished)
  }

  @Test func byOnTheMapRecoloursTheMapAndEOnRegionsExports() {
    // `:by` acts on the pane it is typed in where that pane shows a measure (issue 22).
    var a = app()
    a.send(.char("5"), .char(":"))
    a.type("by per-head")
    a.send(.enter)
    #expect(a.state.pane == .map && a.state.measure == .perHead)
    #expect(a.canvas.lines.joined().contains("Per head: funding quoted per head"))
    // Elsewhere it shows the league by that measure, as before.
    a.send(.char("7"), .char(":"))
    a.type("by density")
    a.send(.enter)
    #expect(a.state.pane == .league && a.state.measure == .density)
    // `e` on Regions writes what it shows, as `stp-dash regions` does.
    #expect(RegionsPane().exportView(a.state) == .regions)
  }

  @Test func upAndDownOnTheCommandLineRecallTheCommandsRunBefore() {
    var a = app()
    a.send(.char(":"))
    a.type("filter band:advanced")
    a.send(.enter)
    a.send(.char(":"))
    a.type("by per-head")
    a.send(.enter)
    a.send(.char(":"))
    a.send(.enter)  // a blank line is not remembered
    a.send(.char(":"))
    a.type("by per-head")
    a.send(.enter)  // nor a repeat of the last
    #expect(a.state.session.commandHistory == ["filter band:advanced", "by per-head"])
    a.send(.char(":"))
    a.type("so")
    a.send(.up)
    #expect(a.state.command?.text == "by per-head")
    a.send(.up)
    #expect(a.state.command?.text == "filter band:advanced")
    a.send(.up)  // nothing older: it stays
    #expect(a.state.command?.text == "filter band:advanced")
    a.send(.down)
    #expect(a.state.command?.text == "by per-head")
    a.send(.down)  // past the newest: what was typed
    #expect(a.state.command?.text == "so")
    // A recalled command runs as typed: the filter again, on the league.
    a.send(.escape, .char(":"))
    a.type("filter")
    a.send(.enter)
    #expect(a.state.filter.isEmpty && a.rows.count == 44)
    // ":filter" is the newest now: three back is the first.
    a.send(.char(":"), .up, .up, .up, .enter)
    #expect(a.state.filter == "band:advanced")
    #expect(a.rows.count == 5)
  }

  @Test func commandsSortRankFilterAndQuit() {
    var a = app()
    a.send(.char("3"), .char(":"))
    a.type("sort per")
    a.send(.tab)
    #expect(a.state.command?.text == "sort Per head")
    a.send(.enter)
    let columns = a.state.tablePane(.funding)?.columns(a.state) ?? []
    #expect(a.state.table(.funding).sort.column.map { columns[$0].title } == "Per head")
    #expect(a.canvas.lines.last?.contains("sorted by Per head") == true)
    a.send(.char(":"))
    a.type("by share-6")
    a.send(.tab, .enter)
    #expect(a.state.pane == .league && a.state.measure == .share65)
    a.send(.char(":"))
    a.type("filter band:advanced")
    a.send(.enter)
    #expect(a.rows.count == 5)
    a.send(.char(":"))
    a.type("sort nonsense")
    a.send(.enter)
    #expect(a.state.message?.hasPrefix("no column 'nonsense' to sort by") == true)
    a.send(.char(":"))
    a.type("frobnicate")
    a.send(.enter)
    #expect(a.state.message?.hasPrefix("unknown command 'frobnicate'") == true)
    a.send(.char(":"), .char("q"), .enter)
    #expect(a.state.isFinished)
  }

  @Test func completionCyclesThroughTheChoices() {
    var a = app()
    a.send(.char(":"))
    a.send(.tab)  // every command
    #expect(a.state.command?.text == "sort")
    a.send(.tab)
    #expect(a.state.command?.text == "by")
    a.send(.commandBackspace, .commandBackspace)
    a.type("th")
    a.send(.tab)
    #expect(a.state.command?.text == "theme ")
  }

  @Test func angleBracketsPickTheSortColumn() {
    var a = app()
    a.send(.char(">"))
    #expect(a.state.table(.league).sort.column == 0)
    a.send(.char(">"))
    #expect(a.state.table(.league).sort.column == 1)
    a.send(.char("<"), .char("<"))
    #expect(a.state.table(.league).sort.column == nil)  // rank order sits before the first
    a.send(.char("<"))
    #expect(a.state.table(.league).sort.column != nil)  // wraps to the last column
  }

  @Test func filterTermsFieldsAndAlternatives() {
    var a = app()
    a.send(.char("/"))
    a.type("band:advanced")
    #expect(a.rows.count == 5)  // South East London's band is new (2026-12-02)
    a.send(.escape, .char("/"))
    a.type("region:north band:o")
    #expect(a.rows.count == 2)  // Durham…, South Yorkshire
    a.send(.escape, .char("/"))
    a.type("has:housing|has:voluntary")
    let both = a.rows.count
    #expect(both > 0)
    for code in a.rows {
      let f = a.state.dataset.index(ofCode: code) ?? 0
      let b = a.state.metrics.breadth[f]
      #expect(b.count(.housing).count > 0 || b.count(.voluntaryCommunity).count > 0)
    }
    a.send(.escape, .char("/"))
    a.type("region:london|region:south band:u")
    // The unrated STPs of London (4) and the South (7), counted from the CSVs.
    #expect(a.rows.count == 11)
    a.send(.escape, .char("/"))
    a.type("wave:1")
    #expect(a.rows.count == 15)  // the 15 wave-1 STPs
    a.send(.escape, .char("/"))
    a.type("bnd:x")
    #expect(a.canvas.lines.last?.contains("no field 'bnd:'") == true)
    a.send(.enter)
    #expect(a.state.message == "no STP matches 'bnd:x'")
    // The active filter stays in the status bar.
    a.send(.char("/"), .backspace, .backspace, .backspace, .backspace, .backspace)
    a.type("band:a")
    a.send(.enter, .down)
    #expect(a.canvas.lines.last?.contains("filter 'band:a': 5") == true)
  }

  @Test func columnsScrollWithTheNameFrozenAndMarkersSayWhatIsHidden() {
    var a = app(Size(width: 80, height: 24))
    a.send(.char("2"))
    let before = a.canvas.lines[3]
    #expect(before.hasSuffix("▸"))  // more to the right
    #expect(!before.contains("Basis"))
    for _ in 0..<12 { a.send(.char("l")) }
    let after = a.canvas.lines[3]
    #expect(after.contains("STP"))  // frozen
    #expect(after.contains("Basis") && after.contains("As of"))
    #expect(after.contains("◂"))
    #expect(a.state.message == "no more columns to the right")
    for _ in 0..<20 { a.send(.char("h")) }
    #expect(a.canvas.lines[3] == before)
  }

  @Test func clickingAHeadingSortsByIt() {
    var a = app()
    a.state.session.isMouseEnabled = true
    let header = a.canvas.lines[3]
    let x = header.distance(from: header.startIndex, to: header.range(of: "Region")!.lowerBound)
    a.send(Event.mouse(MouseEvent(.press, at: Point(x: x + 1, y: 3))))
    #expect(a.canvas.lines[3].contains("Region▲"))
    a.send(Event.mouse(MouseEvent(.press, at: Point(x: x + 1, y: 3))))
    #expect(a.canvas.lines[3].contains("Region▼"))
  }

  @Test func aBlankSlideIsBlackWhateverTheThemeAndTheWakingKeyDoesNotAdvance() {
    var a = app()
    a.send(.char("p"), .char("b"))
    let canvas = a.canvas
    #expect(
      (0..<size.height).allSatisfy { y in
        (0..<size.width).allSatisfy { canvas[$0, y].role == .blackout }
      })
    for theme in [Theme.default, Theme.mono] {
      let s = theme.style(.blackout)
      #expect(theme == .mono ? s == Style() : s.bg == .ansi(0))
    }
    a.send(.pageDown)  // wakes it
    #expect(a.state.session.presentation?.isBlank == false)
    #expect(a.state.session.presentation?.slide == 0)
  }

  @Test func yCopiesTheSourceURLAndYTheValueWithItsSource() {
    var a = app()
    a.send(.char("y"))
    guard case .copy(let url)? = a.effects.last else {
      Issue.record("no copy")
      return
    }
    #expect(url.hasPrefix("http") || url.hasPrefix("ONS"))
    #expect(a.state.message?.hasPrefix("copied the source of Dorset") == true)
    a.send(.enter, .char("G"), .char("Y"))
    guard case .copy(let line)? = a.effects.last else {
      Issue.record("no copy")
      return
    }
    #expect(line.contains(" — source: "))
    #expect(Clipboard.osc52("hi") == "\u{1b}]52;c;aGk=\u{07}")
    #expect(Clipboard.base64(Array("Dorset £".utf8)) == "RG9yc2V0IMKj")
  }

  @Test func theBandBarUsesTheWholeWidthAndHidesNoBand() {
    #expect(LeaguePane.barWidths([5, 4, 2, 5, 28], width: 37).reduce(0, +) == 37)
    let tight = LeaguePane.barWidths([1, 1, 1, 1, 40], width: 10)
    #expect(tight.reduce(0, +) == 10 && tight.allSatisfy { $0 >= 1 })
    #expect(LeaguePane.barWidths([0, 3, 0, 1, 0], width: 8) == [0, 6, 0, 2, 0])
  }

  @Test func longURLsBreakAtASeparatorNeverInsideAName() {
    let url =
      "https://www.example.org/services/health-and-care/revealed-strongest-stps-share-325m/7020547.article"
    let lines = DetailView.wrap([("source: " + url, .source)], width: 40, indent: 4)
    for l in lines.dropLast() {
      let last = l.text.last ?? " "
      #expect("/?&#= ".contains(last), "broke inside a word: '\(l.text)'")
    }
    #expect(lines.map { $0.text.trimmingSpaces }.joined() == "source:" + url)
  }
}

/// The README's key tables are the key maps, so the two cannot drift.
@Suite struct ReadmeKeysTests {
  /// Holds the part of `file` (relative to the repository) between `<!-- marker:begin -->` and
  /// `<!-- marker:end -->` to `generated`; with STP_RECORD_GOLDENS set, writes it there instead.
  func expectGenerated(_ file: String, marker: String, _ generated: String) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../" + file
    ).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let a = try #require(text.range(of: "<!-- \(marker):begin -->\n"))
    let b = try #require(text.range(of: "<!-- \(marker):end -->"))
    if ProcessInfo.processInfo.environment["STP_RECORD_GOLDENS"] != nil {
      try (text[..<a.upperBound] + generated + text[b.lowerBound...]).write(
        toFile: path, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      String(text[a.upperBound..<b.lowerBound]) == generated,
      "\(file): run STP_RECORD_GOLDENS=1 swift test to regenerate")
  }

  @Test func theReadmeKeyTablesAreGeneratedFromTheKeyMaps() throws {
    try expectGenerated("README.md", marker: "keys", KeyMap.markdown(.standard) + "\n")
  }

  /// The `?` help's words and sector columns are docs/GLOSSARY.md's, so the two cannot drift.
  @Test func theGlossaryListsTheWordsTheHelpShows() throws {
    let row = { (w: String, m: String) in
      "| \(w.replacingOccurrences(of: "|", with: "\\|")) | \(m) |\n"
    }
    try expectGenerated(
      "docs/GLOSSARY.md", marker: "words",
      "| in the help | meaning |\n|---|---|\n" + Legend.words.map(row).joined()
        + "\n| Partnerships column | sector |\n|---|---|\n"
        + Legend.sectorColumns.map(row).joined())
    // And the help shows them: every word, on the league's help.
    let app = HeadlessApp(size: Size(width: 120, height: 40))
    let lines = HelpOverlay.lines(app.state)
    for (word, meaning) in Legend.words {
      #expect(lines.contains { $0.0 == word && $0.1 == meaning }, "\(word) is not in the help")
    }
  }
}

/// Sorting never ranks an unknown as a number.
@Suite struct SortUnknownTests {
  @Test func aWaveWithoutAnAmountSortsWithTheUnknowns() {
    var a = HeadlessApp(size: Size(width: 120, height: 40))
    a.send(.char("3"), .char(":"))
    a.type("sort W1")
    a.send(.enter)
    // Ascending: the first rows have a W1 amount; "?" (named, no amount) come after every number.
    let rows = a.state.rows(for: .funding)
    let firstUnknown =
      rows.firstIndex { f in
        !(a.state.metrics.funding[f].waves.first { a.state.dataset.waves[$0.wave].id == "wave1" }?
          .hasAmount ?? false)
      } ?? rows.count
    let lastKnown =
      rows.lastIndex { f in
        a.state.metrics.funding[f].waves.first { a.state.dataset.waves[$0.wave].id == "wave1" }?
          .hasAmount ?? false
      } ?? -1
    #expect(lastKnown < firstUnknown)
    #expect(a.canvas.lines[4].contains("£"))
  }
}

/// A wave's sum never passes for all of it.
@Suite struct WaveStripTests {
  @Test func theFundingStripCountsTheSTPsWithoutAnAmount() {
    var wide = HeadlessApp(size: Size(width: 240, height: 30))
    wide.send(.char("3"))
    // Wave 1: what the amounts prove (Dorset ≥£100m, WNE Cumbria ≥£65m, Herefordshire and
    // Worcestershire £29m, Suffolk £3.8m; the "up to" amounts prove nothing), with six of the 15
    // named recipients having an amount (counted from the CSV). Never the quoted £307.8m alone.
    let strip = wide.canvas.lines[2]
    #expect(
      strip.contains("W1 £325m: ≥£197.8m (6 of 15 STPs named)")
        || strip.contains("W1 £325m: ≥£197.8m 6/15"))
    #expect(strip.contains("W2 £2.6bn: none"))
    #expect(!strip.contains("£307.8m") && !strip.contains("£278.8m"))
    // Kent and Medway's "just under £20m" across waves 3 and 4 keeps its qualifier.
    #expect(strip.contains("W3+4: £8m–£20m") || strip.contains("W3+4: ≤£20m"))
    var narrow = HeadlessApp(size: Size(width: 120, height: 30))
    narrow.send(.char("3"))
    #expect(narrow.canvas.lines[2].contains("W1 £325m: ≥£197.8m  W2 £2.6bn: none"))
  }
}

/// Columns that fit the screen, and the user's say over them (issue 22): `-` hides the sorted
/// column, `_` widens it, `:columns` lists, hides, shows and restores.
@Suite struct ColumnKeysTests {
  func heading(_ a: HeadlessApp) -> String { a.canvas.lines[3] }

  @Test func minusHidesTheSortedColumnAndColumnsBringsItBack() {
    var a = HeadlessApp(size: Size(width: 100, height: 30))
    #expect(heading(a).contains("Region"))
    a.send(.char("-"))
    #expect(a.canvas.lines.last?.contains("sort by a column first") == true)
    // s to the Region column (position, STP, position of 44, Region).
    a.send(.char("s"), .char("s"), .char("s"), .char("s"))
    #expect(a.canvas.lines.last?.contains("sorted by Region") == true)
    a.send(.char("-"))
    #expect(!heading(a).contains("Region"))
    #expect(a.canvas.lines.last?.contains("Region hidden; :columns show Region") == true)
    #expect(a.state.table(.league).sort == SortState())  // back to rank order
    // Neither :sort nor s sorts by a hidden column.
    a.send(.char(":"))
    a.type("sort region")
    a.send(.enter)
    #expect(a.canvas.lines.last?.contains("no column 'region' to sort by") == true)
    for _ in 0..<8 {
      a.send(.char("s"))
      #expect(!(a.canvas.lines.last?.contains("sorted by Region") ?? false))
    }
    a.send(.char(":"))
    a.type("columns")
    a.send(.enter)
    #expect(a.canvas.lines.last?.contains("hidden: Region") == true)
    a.send(.char(":"))
    a.type("col show reg")
    a.send(.enter)
    #expect(heading(a).contains("Region"))
    // Other tables keep their own choice.
    a.send(.char("3"))
    #expect(heading(a).contains("W1"))
    a.send(.char(":"))
    a.type("columns hide W1")
    a.send(.enter)
    #expect(!heading(a).contains("W1"))
    a.send(.char("1"), .char(":"))
    a.type("columns")
    a.send(.enter)
    #expect(a.canvas.lines.last?.contains("hidden") == false)
    a.send(.char("3"), .char(":"))
    a.type("columns reset")
    a.send(.enter)
    #expect(heading(a).contains("W1"))
  }

  @Test func theFirstTwoColumnsStay() {
    var a = HeadlessApp(size: Size(width: 100, height: 30))
    a.send(.char("s"), .char("-"))
    #expect(a.canvas.lines.last?.contains("the position and STP columns stay") == true)
    a.send(.char(":"))
    a.type("columns hide STP")
    a.send(.enter)
    #expect(a.canvas.lines.last?.contains("the position and STP columns stay") == true)
  }

  @Test func underscoreGivesTheSortedColumnItsFullWidthAndTakesItBack() {
    // At 80 columns the names are cut to make room; `_` on the name gives it its full 40.
    var a = HeadlessApp(size: Size(width: 80, height: 30))
    let cut = a.canvas.lines.contains { $0.contains("Durham, Darlington, Teesside, Hambleton…") }
    a.send(.char("s"), .char("s"))  // sorted by STP
    a.send(.char("_"))
    #expect(a.canvas.lines.last?.contains("at full width") == true)
    let row = a.canvas.lines.first { $0.contains("Durham") } ?? ""
    #expect(row.contains("Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby"))
    a.send(.char("_"))
    #expect(a.canvas.lines.last?.contains("narrowed") == true)
    #expect(
      a.canvas.lines.contains { $0.contains("Durham, Darlington, Teesside, Hambleton…") } == cut)
  }
}
