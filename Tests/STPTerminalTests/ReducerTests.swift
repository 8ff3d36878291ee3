import STPModel
import STPTerminal
import STPTestSupport
import Testing

extension HeadlessApp {
  var selected: String? { state.selectedCode }
  var selectedName: String? {
    state.selectedCode.flatMap { state.dataset.index(ofCode: $0) }.map {
      state.dataset.footprints[$0].name
    }
  }
  var rows: [String] { state.rows(for: state.pane).map { state.dataset.footprints[$0].code } }
}

/// What a key can change, for checking that it changed something.
struct Fingerprint: Equatable {
  let pane: PaneID, selected: String?, top: [Int], detailScroll: Int?, filter: String, editing: Bool
  let sort: [Int?], descending: [Bool], measure: Measure, help: Bool, finished: Bool,
    message: String?
  let command: CommandLineState?, columns: [Int]
  init(_ s: AppState) {
    pane = s.pane
    selected = s.selectedCode
    top = PaneRegistry.standard.ids.map { s.table($0).top }
    detailScroll = s.detail?.scroll
    filter = s.filter
    editing = s.isEditingFilter
    sort = PaneRegistry.standard.ids.map { s.table($0).sort.column }
    descending = PaneRegistry.standard.ids.map { s.table($0).sort.isDescending }
    measure = s.measure
    help = s.isHelpVisible
    finished = s.isFinished
    message = s.message
    command = s.command
    columns = PaneRegistry.standard.ids.map { s.table($0).columnOffset }
  }
}

@Suite struct ReducerTests {
  let size = Size(width: 120, height: 40)

  /// Fails when a binding is dead: each key must change something from at least one of a few
  /// ordinary starting points (in its pane part-way down, the same with a filter, another pane).
  @Test func everyBindingOfEveryKeyMapDoesSomething() {
    func start(_ pane: PaneID, filtered: Bool, elsewhere: Bool) -> HeadlessApp {
      var app = HeadlessApp(size: Size(width: 80, height: 24))
      let target = elsewhere ? (pane == .league ? PaneID.partners : .league) : pane
      app.send(.char("j"), .char("j"))
      app.send(.char(Character("\((app.state.panes.index(of: target) ?? 0) + 1)")))
      if target == .detail { app.send(.pageDown) }
      if filtered {
        app.send(.char("/"))
        app.type("shire")
        app.send(.enter)
      }
      return app
    }
    let panes = PaneRegistry.standard
    for pane in panes.panes {
      for binding in pane.keyMap.bindings + (pane.isList ? KeyMap.table.bindings : [])
        + KeyMap.global(panes).bindings
      {
        for key in binding.keys {
          var acted = false
          for (filtered, elsewhere) in [(false, false), (true, false), (false, true)] where !acted {
            var app = start(pane.id, filtered: filtered, elsewhere: elsewhere)
            let before = Fingerprint(app.state)
            let effects = app.effects.count
            app.send(key)
            acted = Fingerprint(app.state) != before || app.effects.count > effects
          }
          #expect(acted, "\(key.label) (\(binding.help)) did nothing from the \(pane.title) pane")
        }
      }
    }
  }

  @Test func upAndDownMoveTheSelection() {
    var app = HeadlessApp(size: size)
    #expect(app.selectedName == "Dorset")
    app.send(.down)
    #expect(app.selectedName == "Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby")
    app.send(.char("j"), .char("j"), .up, .char("k"))
    #expect(app.selectedName == "Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby")
    app.send(.up, .up, .up)  // stops at the first row
    #expect(app.selectedName == "Dorset")
  }

  @Test func pagesAndEnds() {
    var app = HeadlessApp(size: Size(width: 80, height: 24))  // 19 rows visible
    app.send(.pageDown)
    #expect(app.rows.firstIndex(of: app.selected ?? "") == 18)
    app.send(.ctrl("f"))
    #expect(app.rows.firstIndex(of: app.selected ?? "") == 36)
    app.send(.pageUp, .ctrl("b"))
    #expect(app.rows.firstIndex(of: app.selected ?? "") == 0)
    app.send(.char("G"))
    #expect(app.selected == app.rows.last)
    #expect(app.state.table(.league).top == 44 - 19)  // the last row is on screen
    app.send(.char("g"))
    #expect(app.selected == app.rows.first)
    app.send(.end, .home)
    #expect(app.selected == app.rows.first)
  }

  @Test func panesByTabAndNumber() {
    var app = HeadlessApp(size: size)
    app.send(.tab)
    #expect(app.state.pane == .partners)
    app.send(.tab, .tab)
    #expect(app.state.pane == .detail)
    #expect(app.state.detail?.code == "E54000041")
    app.send(.tab)
    #expect(app.state.pane == .map)
    app.send(.tab)
    #expect(app.state.pane == .compare)
    app.send(.tab)
    #expect(app.state.pane == .regions)
    app.send(.tab)
    #expect(app.state.pane == .charts)
    // On round the registry's tab order, back to the first; Shift-Tab goes the other way.
    let ids = app.state.panes.ids
    for _ in 0..<(ids.count - (ids.firstIndex(of: .charts) ?? 0)) { app.send(.tab) }
    #expect(app.state.pane == .league)
    for _ in 0..<(ids.count - (ids.firstIndex(of: .detail) ?? 0)) { app.send(.backTab) }
    #expect(app.state.pane == .detail)
    app.send(.char("3"))
    #expect(app.state.pane == .funding)
    app.send(.char("1"))
    #expect(app.state.pane == .league)
  }

  @Test func selectionIsKeptAcrossPanesByCode() {
    var app = HeadlessApp(size: size)
    app.send(.char("/"))
    app.type("E54000043")
    app.send(.enter, .escape)  // select Gloucestershire by its code, clear the filter
    #expect(app.selectedName == "Gloucestershire")
    app.send(.char("3"))
    #expect(app.selectedName == "Gloucestershire")
    // Unranked: its only amount is a nil award in wave 4, which covers that wave, not a total. It
    // follows the 11 ranked STPs and the 9 unknowns before it by name.
    #expect(app.rows.firstIndex(of: "E54000043") == 20)
  }

  @Test func enterOpensTheDetailAndEscReturns() {
    var app = HeadlessApp(size: size)
    app.send(.char("2"), .char("g"), .down, .enter)  // South West London, second by breadth
    #expect(app.state.pane == .detail)
    #expect(app.state.detail?.report.name == "South West London")
    app.send(.escape)
    #expect(app.state.pane == .partners)
    app.send(.enter, .enter)  // Enter in the detail goes back too
    #expect(app.state.pane == .partners)
  }

  @Test func detailScrolls() {
    var app = HeadlessApp(size: Size(width: 80, height: 24))
    app.send(.enter)
    #expect(app.state.detail?.scroll == 0)
    app.send(.down, .char("j"))
    #expect(app.state.detail?.scroll == 2)
    app.send(.pageDown)
    #expect(app.state.detail?.scroll == 2 + 20)
    app.send(.char("G"))
    let bottom = app.state.detail?.scroll ?? 0
    app.send(.down)
    #expect(app.state.detail?.scroll == bottom)  // clamped at the end
    app.send(.home)
    #expect(app.state.detail?.scroll == 0)
  }

  @Test func incrementalFilterNarrowsAndEscClears() {
    var app = HeadlessApp(size: size)
    app.send(.char("/"))
    #expect(app.state.isEditingFilter)
    app.type("lon")
    #expect(app.rows.count == 5)  // the five London STPs, by region and name
    app.type("x")
    #expect(app.rows.isEmpty)
    app.send(.backspace)
    #expect(app.rows.count == 5)
    app.send(.enter)
    #expect(!app.state.isEditingFilter && app.state.filter == "lon")
    app.send(.escape)
    #expect(app.state.filter.isEmpty && app.rows.count == 44)
  }

  @Test func nextAndPreviousMatchWrap() {
    var app = HeadlessApp(size: size)
    app.send(.char("/"))
    app.type("london")
    app.send(.enter)
    let rows = app.rows
    #expect(app.selected == rows[0])
    app.send(.char("n"), .char("n"))
    #expect(app.selected == rows[2])
    app.send(.char("N"), .char("N"), .char("N"))
    #expect(app.selected == rows[4])  // wrapped backwards
  }

  @Test func sortCyclesColumnsAndReverses() {
    var app = HeadlessApp(size: size)
    app.send(.char("s"))  // Pos
    #expect(app.state.table(.league).sort == SortState(column: 0))
    app.send(.char("s"))  // STP
    #expect(app.rows.first == "E54000040")  // Bath, Swindon and Wiltshire
    app.send(.char("S"))
    #expect(app.rows.first == "E54000047")  // "West, North…" after "West Yorkshire": Z to A
    #expect(app.canvas.lines[3].contains("STP▼"))
    // The position among all 44, Region, Band, the eight other measures, then back to rank
    // order.
    for _ in 0..<12 { app.send(.char("s")) }
    #expect(app.state.table(.league).sort == SortState(column: nil))
  }

  @Test func measureCyclesAndRanks() {
    var app = HeadlessApp(size: size)
    #expect(app.state.measure == .band)
    app.send(.char("m"))
    #expect(app.state.measure == .funding)
    #expect(app.rows.first == "E54000011")  // Shropshire, up to £312m
    app.send(.char("m"), .char("m"), .char("m"))
    #expect(app.state.measure == .population)
    #expect(app.rows.first == "E54000007")  // Greater Manchester, 2,832,133 (ONS mid-2017)
    app.send(.char("m"))
    #expect(app.state.measure == .density)
    #expect(app.rows.first == "E54000028")  // North Central London, 6,300 people per km²
    app.send(.char("m"))
    #expect(app.state.measure == .share65)
    #expect(app.rows.first == "E54000041")  // Dorset, 190,793 of 770,689 aged 65+ (24.8%)
    app.send(.char("m"), .char("m"))
    #expect(app.state.measure == .councils)
    #expect(app.rows.first == "E54000044")  // all five of its social care councils named (100%)
    app.send(.char("m"))
    #expect(app.state.measure == .band)
    app.send(.char("3"), .char("m"))  // m belongs to the league pane only
    #expect(app.state.measure == .band)
  }

  @Test func helpOpensAndCloses() {
    var app = HeadlessApp(size: size)
    app.send(.char("?"))
    #expect(app.state.isHelpVisible)
    app.send(.down)  // ignored while help is up
    #expect(app.selectedName == "Dorset")
    app.send(.escape)
    #expect(!app.state.isHelpVisible)
    app.send(.char("?"), .char("?"))
    #expect(!app.state.isHelpVisible)
  }

  @Test func quitByQAndControlC() {
    var a = HeadlessApp(size: size)
    a.send(.char("q"))
    #expect(a.state.isFinished)
    var b = HeadlessApp(size: size)
    b.send(.char("/"), .ctrl("c"))  // even while typing a filter
    #expect(b.state.isFinished)
  }

  @Test func controlLAsksForARepaint() {
    var app = HeadlessApp(size: size)
    app.send(.ctrl("l"))
    #expect(app.effects == [.repaint])
  }

  @Test func resizeKeepsTheSelectionVisible() {
    var app = HeadlessApp(size: size)
    app.send(.char("G"))
    app.resize(Size(width: 80, height: 12))  // 7 rows visible
    let top = app.state.table(.league).top
    let i = app.rows.firstIndex(of: app.selected ?? "") ?? -1
    #expect(i >= top && i < top + 7)
    app.resize(Size(width: 1, height: 1))
    app.resize(size)
    #expect(app.selected == app.rows.last)
  }

  @Test func mouseClicksSelectThenOpenAndWheelScrolls() {
    var app = HeadlessApp(size: size, mouse: true)
    app.send(.mouse(MouseEvent(.press, at: Point(x: 10, y: 6))))  // third row
    #expect(app.selectedName == "Frimley Health")
    app.send(.mouse(MouseEvent(.press, at: Point(x: 10, y: 6))))
    #expect(app.state.pane == .detail)
    app.send(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 10))))
    #expect(app.state.detail?.scroll == 3)
    app.send(.mouse(MouseEvent(.press, at: Point(x: 20, y: 1))))  // the Partnerships tab
    #expect(app.state.pane == .partners)
    var off = HeadlessApp(size: size)  // without --mouse, mouse events are ignored
    off.send(.mouse(MouseEvent(.press, at: Point(x: 10, y: 6))))
    #expect(off.selectedName == "Dorset")
  }
}

@Suite struct ResizeTests {
  @Test func growingBackShowsTheTopAgain() {
    var app = HeadlessApp(size: Size(width: 120, height: 40))
    app.send(.down, .down, .down, .down)  // South Yorkshire and Bassetlaw, fifth
    app.resize(Size(width: 30, height: 8))
    app.resize(Size(width: 60, height: 9))  // 4 rows visible: the view scrolls
    #expect((app.state.table(.league).top) > 0)
    app.resize(Size(width: 120, height: 40))
    #expect(app.state.table(.league).top == 0)
    #expect(app.selectedName == "South Yorkshire and Bassetlaw")
  }
}

/// `y` and `Y` copy through OSC 52, which terminals take up to about 100 KB (issue 26: a 10 MB
/// source was written as a 13 MB sequence at once). A longer text is not sent, and says why.
@Suite struct ClipboardLimitTests {
  func app(source: String) throws -> HeadlessApp {
    let files = DatasetLoader.embeddedFiles.map { f in
      guard f.name == "footprints.csv" else { return (f.name, f.bytes) }
      var lines = String(decoding: f.bytes, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false
      ).map(String.init)
      // Dorset's row: a source put before its own (the first URL is what y copies).
      let i = lines.firstIndex { $0.hasPrefix("E54000041,") }!
      if let r = lines[i].range(of: "ONS STP17 code and name: ") {
        lines[i].replaceSubrange(r, with: source + " ; ONS STP17 code and name: ")
      }
      return (f.name, Array(lines.joined(separator: "\n").utf8))
    }
    let d = try DatasetLoader.load(files: files, origin: "test").dataset
    return HeadlessApp(AppState(dataset: d, loadedAt: "09:30", size: Size(width: 100, height: 30)))
  }

  @Test func aSourceTooLongForTheClipboardIsNotSent() throws {
    var big = try app(source: "https://example.org/" + String(repeating: "a", count: 200_000))
    big.send(.char("y"))
    #expect(big.effects.isEmpty)
    #expect(big.state.message?.contains("not copied") == true, "\(big.state.message ?? "")")
    var small = try app(source: "https://example.org/dorset")
    small.send(.char("y"))
    #expect(small.effects == [.copy("https://example.org/dorset")])
  }
}
