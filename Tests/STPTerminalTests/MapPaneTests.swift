import STPModel
import STPTestSupport
import Testing

@testable import STPTerminal

/// The map pane: every footprint visible and selectable at every size, the right footprint
/// under each point, keys, clicks, the legend's honesty, and goldens.
@Suite struct MapPaneTests {
  let d = Fixtures.embedded
  func index(_ name: String) -> Int { d.footprints.firstIndex { $0.name.hasPrefix(name) }! }
  func name(_ f: Int?) -> String? { f.map { d.footprints[$0].name } }

  func app(
    _ w: Int, _ h: Int, theme: String = "default", ascii: Bool = false, measure: Measure = .band
  ) -> HeadlessApp {
    var state = AppState(
      dataset: d, loadedAt: "09:30", size: Size(width: w, height: h),
      glyphs: ascii ? .ascii : .unicode, isMouseEnabled: true, themeNames: [theme])
    state.measure = measure
    var app = HeadlessApp(state)
    app.send(.char("5"))
    return app
  }

  func view(_ app: HeadlessApp) -> MapView { MapView(app.state, Layout.regions(app.state).pane) }

  static let sizes = [
    Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
  ]

  @Test(arguments: sizes)
  func everyFootprintOwnsACellInColourAndInShading(_ size: Size) {
    for theme in ["default", "mono"] {
      let v = view(app(size.width, size.height, theme: theme))
      let counts = v.layout.cellCounts(d.footprints.count)
      let missing = d.footprints.indices.filter { counts[$0] == 0 }.map { d.footprints[$0].name }
      #expect(missing.isEmpty, "\(size) \(theme): \(missing)")
      #expect(v.layout.unseen.isEmpty)
    }
  }

  @Test(arguments: sizes)
  func theCellAtEachInteriorPointIsThatFootprint(_ size: Size) {
    let v = view(app(size.width, size.height))
    let geo = d.geography
    let insetMembers = Set(v.layout.insets.flatMap(\.members))
    for f in d.footprints.indices {
      let p = geo.topology.interior[f]!
      // In its inset if it has one, else on the main map; rasterised afresh (without the
      // interior pixel the layout claims for thin footprints): the scanline fill must put the
      // footprint there by itself.
      let frame =
        insetMembers.contains(f) ? v.layout.insets.first { $0.members.contains(f) }! : v.layout.main
      let fresh = OwnerRaster.render(
        geo.boundaries, window: frame.raster.window,
        width: frame.raster.width, height: frame.raster.height)
      let px = fresh.pixel(x: Double(p.x), y: Double(p.y))
      #expect(px.map { fresh[$0.x, $0.y] } == f, "\(size): \(d.footprints[f].name)")
      // And the screen cell there selects it.
      let cell = v.layout.anchor(of: f, geo)
      #expect(cell.map { v.layout.owner(at: $0) } == f)
    }
  }

  @Test func londonsFiveAreInAnInsetAt80x24() {
    let v = view(app(80, 24))
    let london = v.layout.insets.first { $0.title?.hasPrefix("London") == true }
    #expect(
      Set(london?.members.map { d.footprints[$0].name } ?? []) == [
        "North West London", "North Central London", "North East London", "South East London",
        "South West London",
      ])
    // The inset is inside the map's area and hides no footprint completely (checked above).
    #expect(london.map { v.mapArea.contains(Point(x: $0.rect.x, y: $0.rect.y)) } == true)
  }

  @Test func arrowKeysMoveToTheNeighbourAndEnterOpensDetail() {
    var a = app(120, 40)
    a.state.selectedCode = d.footprints[index("Dorset")].code
    a.send(.right)
    #expect(a.state.selectedCode == d.footprints[index("Hampshire")].code)
    a.send(.char("h"))
    #expect(a.state.selectedCode == d.footprints[index("Dorset")].code)
    a.send(.left)
    #expect(a.state.selectedCode == d.footprints[index("Devon")].code)
    a.send(.left, .left)  // Cornwall, then the sea: it stays, and says so
    #expect(a.state.selectedCode == d.footprints[index("Cornwall")].code)
    #expect(a.state.message == "no footprint to the west")
    a.send(.enter)
    #expect(a.state.pane == .detail)
    #expect(a.state.detail?.code == d.footprints[index("Cornwall")].code)
    a.send(.char("q"))
    #expect(a.state.pane == .map)
    // q goes back along the way come (the league, where the map was opened from), and quits
    // only at the top.
    a.send(.char("q"))
    #expect(a.state.pane == .league && !a.state.isFinished)
    a.send(.char("q"))
    #expect(a.state.isFinished)
  }

  @Test func theArrowKeysReachEveryFootprint() {
    // From Cornwall, the four arrows alone lead to all 44 (no footprint is a dead end).
    let t = d.geography.topology
    var seen: Set<Int> = [index("Cornwall")]
    var queue = [index("Cornwall")]
    while let f = queue.popLast() {
      for (dx, dy) in [(1.0, 0.0), (-1, 0), (0, 1), (0, -1)] {
        if let g = t.neighbour(of: f, dx: dx, dy: dy), seen.insert(g).inserted { queue.append(g) }
      }
    }
    #expect(
      seen.count == d.footprints.count,
      "\(d.footprints.indices.filter { !seen.contains($0) }.map { d.footprints[$0].name })")
  }

  @Test func aClickSelectsTheFootprintUnderIt() {
    var a = app(80, 24)
    let v = view(a)
    for target in ["North Central London", "Cornwall", "Northumberland"] {
      let cell = v.layout.anchor(of: index(target), d.geography)!
      a.send(Event.mouse(MouseEvent(.press, at: cell)))
      #expect(
        name(a.state.selectedCode.flatMap { d.index(ofCode: $0) })
          == d.footprints[index(target)].name)
    }
    // The sea: nothing changes.
    a.send(Event.mouse(MouseEvent(.press, at: Point(x: 0, y: 3))))
    #expect(
      name(a.state.selectedCode.flatMap { d.index(ofCode: $0) })
        == "Northumberland, Tyne and Wear and North Durham")
  }

  @Test func mChangesTheMeasureAndTheLegendCountsEveryFootprint() {
    var a = app(120, 40)
    for _ in Measure.allCases {
      let scale = MapScale.make(a.state, a.state.measure)
      let known = d.footprints.indices.count {
        a.state.metrics.value(a.state.measure, footprint: $0) != nil
      }
      #expect(scale.steps.map(\.count).reduce(0, +) == known)
      #expect(scale.unknown == d.footprints.count - known)
      let screen = a.canvas.lines.joined(separator: "\n")
      #expect(screen.contains("unknown (\(scale.unknown))"))
      for step in scale.steps {
        #expect(screen.contains("\(Panes.pounds(a.state, step.label)) (\(step.count))"))
      }
      a.send(.char("m"))
    }
  }

  @Test func unknownIsDrawnApartFromEveryValue() {
    // Per head is known for 10 of 44: the other 34 are hatched, never the scale's first step.
    let a = app(120, 40, measure: .perHead)
    let v = view(a)
    let c = a.canvas
    let scale = MapScale.make(a.state, .perHead)
    let selected = a.state.selectedCode.flatMap { d.index(ofCode: $0) }
    var seen = Set<Role>()
    for y in v.layout.main.rect.y..<v.layout.main.rect.maxY {
      for x in v.layout.main.rect.x..<v.layout.main.rect.maxX
      where !v.layout.isCovered(Point(x: x, y: y)) {
        let cell = c[x, y]
        guard cell.lower == nil, let f = v.layout.owner(at: Point(x: x, y: y)), f != selected,
          cell.role != .mapBorder
        else { continue }
        if scale.step[f] == nil {
          #expect(cell.role == .mapUnknown && cell.glyph == "░", "\(d.footprints[f].name)")
          seen.insert(cell.role)
        } else {
          #expect(Role.mapScale.contains(cell.role), "\(d.footprints[f].name)")
        }
      }
    }
    #expect(seen == [.mapUnknown])
    #expect(!Role.mapScale.contains(.mapUnknown))
  }

  @Test func aFilterFadesTheRestAndMovesTheSelectionToAMatch() {
    var a = app(120, 40)
    a.send(.char("/"))
    a.type("region:london")
    a.send(.enter)
    let selected = a.state.selectedCode.flatMap { d.index(ofCode: $0) }!
    #expect(d.footprints[selected].region == "London")
    #expect(a.canvas.lines.last?.contains("filter 'region:london': 5") == true)
    let v = view(a)
    let dorset = v.layout.anchor(of: index("Dorset"), d.geography)!
    #expect(
      a.canvas[dorset.x, dorset.y].role == .mapFaded
        || a.canvas[dorset.x, dorset.y].lower == .mapFaded)
    a.send(.char("n"))
    #expect(a.state.selectedCode != d.footprints[selected].code)
  }

  @Test func theMapSlidesAreByBandThenByTheMeasure() {
    var a = app(100, 30, measure: .perHead)
    a.send(.char("p"))
    let slides = PresentationView.slides(a.state)
    #expect(slides.contains(.pane(.map, variant: 0)) && slides.contains(.pane(.map, variant: 1)))
    let titles = MapPane().slideHeadlines(a.state).map(\.title)
    #expect(titles.first?.hasPrefix("Map by band") == true)
    #expect(titles.last?.hasPrefix("Map by funding per head") == true)
  }

  @Test func yCopiesTheSelectedSTPsSource() {
    var a = app(120, 40)
    a.state.selectedCode = d.footprints[index("Devon")].code
    a.send(.char("Y"))
    guard case .copy(let text)? = a.effects.last else {
      Issue.record("no copy: \(a.effects)")
      return
    }
    #expect(text.hasPrefix("Devon (E54000037) — source: "))
  }

  @Test func aSpotlightedFootprintIsMarked() {
    var a = app(120, 40)
    a.state.selectedCode = d.footprints[index("Devon")].code
    a.send(.char("*"))
    let cell = view(a).layout.anchor(of: index("Devon"), d.geography)!
    #expect(a.canvas[cell.x, cell.y].glyph == "★")
  }

  // MARK: - Goldens

  /// `i`: the ICBs of July 2022, shaded by how the selected STP's people went, its 2017
  /// footprint outlined; the panel names its successors with their shares; a click still selects
  /// the STP of 2017 under it.
  @Test func theICBLayerShadesTheSuccessorsAndOutlinesTheSTP() throws {
    var a = app(120, 40)
    let durham = index("Durham, Darlington")
    a.state.selectedCode = d.footprints[durham].code
    a.send(.char("i"))
    #expect(a.state[MapPane.self].byICB)
    let v = view(a)
    let icb = try #require(v.icb)
    #expect(icb.codes.count == 42)
    #expect(icb.geography.boundaries.missing.isEmpty)
    let screen = a.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("North East and North Cumbria ICB 86.1%"))
    #expect(screen.contains("Humber and North Yorkshire ICB 13.9%"))
    #expect(MapPane().coverage(a.state) == "ICBs of July 2022 on the map 42/42")
    // The ICB at North East and North Cumbria's interior point has "most of its people"; one
    // far away (Cornwall and the Isles of Scilly) has none; the outline is drawn.
    let nenc = try #require(icb.codes.firstIndex(of: "E54000050"))
    let cornwall = try #require(icb.names.firstIndex { $0.hasPrefix("Cornwall") })
    let p = try #require(v.layout.anchor(of: nenc, icb.geography))
    #expect(a.canvas[p.x, p.y].role == .mapScale5 || a.canvas[p.x, p.y].lower == .mapScale5)
    let q = try #require(v.layout.anchor(of: cornwall, icb.geography))
    #expect(a.canvas[q.x, q.y].role == .mapFaded)
    let outlined = a.canvas.lines.indices.contains { y in
      (0..<120).contains { x in
        a.canvas[x, y].role == .mapSelected || a.canvas[x, y].lower == .mapSelected
      }
    }
    #expect(outlined)
    let cornwallSTP = index("Cornwall")
    // A click on Cornwall selects the STP of 2017 there, and the panel follows.
    a.send(Event.mouse(MouseEvent(.press, at: q)))
    #expect(a.state.selectedCode == "E54000036")
    let panel = a.canvas.lines.joined(separator: "\n")
    #expect(panel.contains("Cornwall and the Isles of Scilly ICB"))
    #expect(panel.contains("100.0%"))
    // Greater Manchester: Glossop's sliver of Derby and Derbyshire.
    a.state.selectedCode = "E54000007"
    #expect(a.canvas.lines.joined().contains("Derby and Derbyshire ICB 1.18%, a sliver"))
    // An STP whose successors the data lacks: no ICB is drawn as "none of its people".
    var unknown = d
    unknown.lineage.removeAll { $0.footprint == cornwallSTP }
    var b = HeadlessApp(
      AppState(dataset: unknown, loadedAt: "09:30", size: Size(width: 120, height: 40)))
    b.send(.char("5"))
    b.state.selectedCode = "E54000036"
    b.send(.char("i"))
    #expect(view(b).icb?.codes.count == 41)  // Cornwall's ICB has no rows: not drawn
    let faded = b.canvas.lines.indices.contains { y in
      (0..<120).contains { x in
        b.canvas[x, y].role == .mapFaded || b.canvas[x, y].lower == .mapFaded
      }
    }
    #expect(!faded)
    #expect(b.canvas.lines.joined(separator: "\n").contains("what it became is unknown"))
    #expect(!b.canvas.lines.joined().contains("none of its people"))
    a.send(.char("i"))
    #expect(!a.state[MapPane.self].byICB)
    #expect(MapPane().coverage(a.state).contains("on the map 44/44"))
  }

  @Test func mapICB120x40() {
    var a = app(120, 40)
    a.state.selectedCode = "E54000007"
    a.send(.char("i"))
    assertScreen(a.canvas)
  }

  @Test func map80x24() { assertScreen(app(80, 24).canvas) }
  @Test func map120x40() { assertScreen(app(120, 40, measure: .perHead).canvas) }
  @Test func map200x60() { assertScreen(app(200, 60, measure: .share65).canvas) }
  @Test func map1x1() { assertScreen(app(1, 1).canvas) }
  @Test func mapMono80x24() { assertScreen(app(80, 24, theme: "mono", measure: .funding).canvas) }
  @Test func mapASCII80x24() {
    let a = app(80, 24, ascii: true, measure: .breadth)
    let text = a.canvas.lines.joined()
    #expect(text.filter { !$0.isASCII }.isEmpty)
    assertScreen(a.canvas)
  }
}

/// The map never hides a footprint (issue 24): at 80x24, 120x40 and 200x60, in colour (half
/// blocks) and in shading, for every measure and with each footprint selected in turn, every
/// footprint with a pixel on the map shows at least one pixel in its own fill (or its own shade),
/// read back from the drawn cells through the raster's owners. Before the rule, 65 cases hid one
/// (Frimley Health by funding and per head at 80x24, North Central London in shading, …).
@Suite struct MapHidesNothingTests {
  let d = Fixtures.embedded

  /// The footprints that show their own fill (or shade) somewhere in the drawn canvas.
  func shownFootprints(_ s: AppState) -> (all: Set<Int>, shown: Set<Int>) {
    let c = Screen.render(s)
    let area = Layout.regions(s).pane
    let v = MapView(s, area)
    let scale = MapScale.make(s, s.measure)
    let shades = MapView.shades(c.isASCII)
    var all = Set<Int>()
    var shown = Set<Int>()
    for frame in [v.layout.main] + v.layout.insets {
      let rows = v.layout.pixelRows
      for y in 0..<(frame.rect.height * rows) {
        for x in 0..<frame.rect.width {
          guard let f = frame.raster[x, y] else { continue }
          let p = Point(x: frame.rect.x + x, y: frame.rect.y + y / rows)
          if frame.title == nil && v.layout.isCovered(p) { continue }
          all.insert(f)
          let cell = c[p.x, p.y]
          let fill = scale.role(f)
          if rows == 2 {
            let upper = y % 2 == 0
            let role =
              cell.glyph == "▀"
              ? (upper ? cell.role : cell.lower)
              : cell.glyph == "▄" ? (upper ? cell.lower : cell.role) : cell.role
            if role == fill { shown.insert(f) }
          } else if cell.role == fill {
            // Shading: its step's glyph ("?" unknown, "@" the selection), never a blank border.
            let glyph = scale.level(f).map { shades[$0] } ?? "?"
            if cell.glyph == glyph || cell.glyph == "@" { shown.insert(f) }
          }
        }
      }
    }
    return (all, shown)
  }

  @Test func everyFootprintShowsItsOwnFillAtEverySizeAndMeasure() {
    var failures: [String] = []
    var cases = 0
    for size in [
      Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ] {
      for shaded in [false, true] {
        for measure in Measure.allCases {
          for selected in [nil] + Array(d.footprints.indices) {
            var s = AppState(dataset: d, loadedAt: "09:30", size: size)
            if shaded { s.session.shadedThemes = [s.session.themeName] }
            s.measure = measure
            s.pane = .map
            s.selectedCode = selected.map { d.footprints[$0].code }
            // Every footprint selected in turn at the smallest size and one measure (where an
            // outline can swallow a footprint); otherwise none selected.
            if selected != nil && (measure != .band || size.width != 80) { continue }
            let (all, shown) = shownFootprints(s)
            cases += 1
            for f in all.subtracting(shown) {
              failures.append(
                "\(size) \(shaded ? "shading" : "colour") \(measure.rawValue) "
                  + "selected \(selected.map { d.footprints[$0].name } ?? "none"): "
                  + "\(d.footprints[f].name) hidden")
            }
          }
        }
      }
    }
    #expect(cases > 100)
    #expect(
      failures.isEmpty, "\(failures.count) hidden:\n\(failures.prefix(20).joined(separator: "\n"))")
  }
}

/// Inset titles keep their magnification when cut: the name is shortened instead (issue 24).
@Suite struct InsetTitleTests {
  @Test func everyInsetTitleShowsItsMagnification() {
    #expect(MapView.fitTitle("The Black Country ×3", to: 10) == "Black… ×3")
    #expect(MapView.fitTitle("London ×4", to: 20) == "London ×4")
    #expect(MapView.fitTitle("Greater Manchester ×2", to: 3) == "×2")
    for size in [
      Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ] {
      var a = HeadlessApp(size: size)
      a.send(.char("5"))
      let v = MapView(a.state, Layout.regions(a.state).pane)
      let lines = a.canvas.lines
      for inset in v.layout.insets {
        let top = lines[inset.rect.y - 1]
        let magnification = String(inset.title?.split(separator: "×").last ?? "")
        #expect(top.contains("×" + magnification), "\(size): \(top)")
      }
    }
  }
}

/// Where is the most: `>` and `<` jump to the highest and lowest values, then the next; `:top N`
/// numbers the top N on the map and lists them with their figures (issue 24).
@Suite struct MapMostTests {
  let d = Fixtures.embedded
  func name(_ a: HeadlessApp) -> String? {
    a.state.selectedCode.flatMap { d.index(ofCode: $0) }.map { d.footprints[$0].name }
  }

  @Test func greaterAndLessJumpToTheHighestAndLowest() {
    var a = HeadlessApp(size: Size(width: 120, height: 40))
    a.send(.char("5"), .char(":"))
    a.type("by per-head")
    a.send(.enter)
    let order = a.state.metrics.league(by: .perHead).filter { $0.position.rank != nil }
      .map { d.footprints[$0.footprint].name }
    a.send(.char(">"))
    #expect(name(a) == order.first)
    #expect(a.canvas.lines.last?.contains("highest per head, 1 of \(order.count) known") == true)
    a.send(.char(">"))
    #expect(name(a) == order[1])
    a.send(.char("<"))
    #expect(name(a) == order.last)
    a.send(.char("<"))
    #expect(name(a) == order[order.count - 2])
    // Moving away starts again from the top.
    a.send(.char("l"), .char(">"))
    #expect(name(a) == order.first)
  }

  @Test func topNumbersTheHighestOnTheMapAndListsThem() {
    var a = HeadlessApp(size: Size(width: 120, height: 40))
    a.send(.char("5"), .char("m"), .char("m"), .char(":"))
    a.type("top 3")
    a.send(.enter)
    let text = a.canvas.lines.joined(separator: "\n")
    #expect(text.contains("Top 3 by per head:"))
    #expect(text.contains("1 Shropshire and Telford and Wrekin"))
    #expect(text.contains("  up to £632.57 (ONS mid-2017)"))
    let v = MapView(a.state, Layout.regions(a.state).pane)
    let top = d.footprints.firstIndex { $0.name.hasPrefix("Shropshire") }!
    let p = v.layout.anchor(of: top, d.geography)!
    #expect(a.canvas[p.x, p.y].glyph == "1")
    a.send(.char(":"))
    a.type("top 0")
    a.send(.enter)
    #expect(!a.canvas.lines.joined().contains("Top 3"))
    // From another pane, :top goes to the map.
    a.send(.char("1"), .char(":"))
    a.type("top 2")
    a.send(.enter)
    #expect(a.state.pane == .map && a.canvas.lines.joined().contains("Top 2 by"))
  }

  /// At 80x24 the top 10 do not fit beside the map: one line each, the figure whole, the rest
  /// said to be numbered on the map, and the licence credit still on the screen.
  @Test func topTenFitsASmallScreenAndKeepsTheCredit() {
    var a = HeadlessApp(size: Size(width: 80, height: 24))
    a.send(.char("5"), .char(":"))
    a.type("top 10")
    a.send(.enter)
    let text = a.canvas.lines.joined(separator: "\n")
    #expect(text.contains("Top 10 by band:"))
    #expect(a.canvas.lines.contains { $0.contains("1 Dorset") && $0.hasSuffix("Outstanding") })
    #expect(text.contains(": numbered on the map"))
    #expect(text.contains("contains OS data © Crown"))
    #expect(text.contains("copyright"))
  }
}

/// Insets cover at most a few percent of any footprint they do not show (issue 24: at 80x24 the
/// Black Country's box hid 53% of Kent and Medway). The figures are printed.
@Suite struct InsetCoverTests {
  @Test func noInsetHidesMoreThanAFewPercentOfAFootprint() {
    let d = Fixtures.embedded
    var report: [String] = []
    for size in [
      Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
    ] {
      for shaded in [false, true] {
        var s = AppState(dataset: d, loadedAt: "09:30", size: size)
        if shaded { s.session.shadedThemes = [s.session.themeName] }
        s.pane = .map
        let v = MapView(s, Layout.regions(s).pane)
        let main = v.layout.main
        let rows = v.layout.pixelRows
        var total = [Int](repeating: 0, count: d.footprints.count)
        var covered = total
        for y in 0..<main.rect.height {
          for x in 0..<main.rect.width {
            let p = Point(x: main.rect.x + x, y: main.rect.y + y)
            guard let f = (0..<rows).compactMap({ main.raster[x, y * rows + $0] }).first else {
              continue
            }
            total[f] += 1
            if v.layout.isCovered(p) { covered[f] += 1 }
          }
        }
        let shown = Set(v.layout.insets.flatMap(\.members))
        let worst = d.footprints.indices.filter { !shown.contains($0) && total[$0] > 0 }
          .map { (f: $0, share: Double(covered[$0]) / Double(total[$0])) }
          .max { $0.share < $1.share }
        let line =
          "\(size) \(shaded ? "shading" : "colour"): most of one footprint under an inset: "
          + (worst.map { "\(Int(($0.share * 100).rounded()))% of \(d.footprints[$0.f].name)" }
            ?? "none")
        report.append(line)
        #expect((worst?.share ?? 0) <= MapLayout.coverLimit + 1e-9, "\(line)")
      }
    }
    print(report.joined(separator: "\n"))
  }
}

/// The line between two footprints of one colour stays visible (issue 23: map fills against
/// their border, 3:1): with the default theme the black border vanished between two footprints
/// of viridis' darkest step (2.4:1) or two unknowns (2.2:1); those take the theme's alternative
/// border (white). Every border half-cell on the map, by every measure, is checked against the
/// fill beside it in its cell.
@Suite struct MapBorderContrastTests {
  /// The lowest contrast between a border half-cell and a fill of the kind it separates in the
  /// same cell (a border beside another footprint's different colour separates nothing there),
  /// by every measure at 120x40, and how many half-cells took the alternative border.
  func worstBorder(alternate: Set<Role>) -> (worst: Double, alternates: Int, checked: Int) {
    let theme = Theme.default
    var (worst, alternates, checked) = (99.0, 0, 0)
    let borders: Set<Role> = [.mapBorder, .mapBorderAlt]
    for measure in Measure.allCases {
      var a = HeadlessApp(size: Size(width: 120, height: 40))
      a.state.session.alternateBorders = [a.state.session.themeName: alternate]
      a.state.measure = measure
      a.send(.char("5"))
      let c = a.canvas
      for y in 0..<c.size.height {
        for x in 0..<c.size.width {
          let cell = c[x, y]
          guard cell.glyph == "▀", let lower = cell.lower else { continue }
          for (line, fill) in [(cell.role, lower), (lower, cell.role)]
          where borders.contains(line) && fill.isArea && !borders.contains(fill)
            && (alternate.contains(fill) ? .mapBorderAlt : .mapBorder) == line
          {
            if line == .mapBorderAlt { alternates += 1 }
            guard let l = shownRGB(theme.style(line).fill, depth: .direct),
              let f = shownRGB(theme.style(fill).fill, depth: .direct)
            else { continue }
            checked += 1
            worst = min(worst, contrastRatio(l, f))
          }
        }
      }
    }
    return (worst, alternates, checked)
  }

  @Test func everyBorderReachesThreeToOneAgainstTheFillItSeparates() {
    let alternate = Theme.default.alternateBorderRoles(depth: .direct)
    #expect(alternate.contains(.mapScale1) && alternate.contains(.mapUnknown))
    #expect(!alternate.contains(.mapScale5))
    let before = worstBorder(alternate: [])
    let after = worstBorder(alternate: alternate)
    print(
      "map borders: black only, lowest \(before.worst):1 over \(before.checked) half-cells; "
        + "with the alternative, lowest \(after.worst):1 over \(after.checked) "
        + "(\(after.alternates) in the alternative border)")
    #expect(before.worst < 3)  // the defect, measured the same way
    #expect(after.alternates > 0 && after.checked > 100)
    #expect(after.worst >= 3)
  }
}
