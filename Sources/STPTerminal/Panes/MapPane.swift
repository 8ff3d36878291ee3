import STPModel
import STPReport
import Synchronization

/// Where: England's 44 footprints as a choropleth of the current measure (`m`), from the ONS
/// boundaries of April 2017 (or the data directory's boundaries.geojson), with magnified insets
/// for footprints too small to see (London's), a legend with counts, and the selected footprint
/// named with its value. Arrow keys move to the neighbour in that direction.
struct MapPane: StatefulPane {
  let id = PaneID.map
  let title = "Map"
  static let initialState = MapState()

  /// The map's own state: where `>` and `<` have got to, and how many of the top to label.
  struct MapState: Sendable {
    /// The last jump: up (`>`, from the highest) or down, and how far down the order.
    var jump: (up: Bool, index: Int, code: String)?
    /// Footprints labelled with their rank on the map (`:top N`); 0 for none.
    var top = 0
    /// Arrow moves pressed while a large map is laid out off the screen's thread: made, in
    /// order, when it is ready (`map.ready`) rather than dropped or waited for.
    var pendingMoves: [(dx: Int, dy: Int)] = []
    /// The ICB layer (`i`): the Integrated Care Boards of July 2022 in place of the footprints,
    /// the selected STP's successors shaded by the share of its people each took and its 2017
    /// footprint outlined over them.
    var byICB = false
  }

  var keyMap: KeyMap {
    KeyMap(
      "Map pane",
      [
        Binding([.left, .char("h")], .moveOnMap(dx: -1, dy: 0), help: "the neighbour to the west"),
        Binding([.right, .char("l")], .moveOnMap(dx: 1, dy: 0), help: "the neighbour to the east"),
        Binding(
          [.up, .char("k")], .moveOnMap(dx: 0, dy: 1), help: "the neighbour to the north",
          hint: true, short: "move"),
        Binding(
          [.down, .char("j")], .moveOnMap(dx: 0, dy: -1), help: "the neighbour to the south"),
        Binding(.enter, .openDetail, help: "detail", hint: true),
        Binding(.char("m"), .cycleMeasure, help: "measure", hint: true),
        Binding(
          .char("i"), .pane("map.layer"),
          help: "layer: STPs of 2017, or ICBs of 2022 with the STP outlined"),
        Binding(.char(">"), .pane("map.highest"), help: "the highest value (again: the next)"),
        Binding(.char("<"), .pane("map.lowest"), help: "the lowest value (again: the next)"),
        Binding(
          .char("/"), .startFilter, help: "filter: text, field:value, a|b", hint: true,
          short: "filter"),
        Binding(.char("n"), .nextMatch, help: "next match"),
        Binding(.char("N"), .previousMatch, help: "previous match"),
        Binding(.escape, .back, help: "clear the filter"),
        Binding(.char("y"), .copySource(withValue: false), help: "copy the STP's source URL"),
        Binding(.char("Y"), .copySource(withValue: true), help: "copy the STP with its source"),
      ])
  }

  var isTopLevel: Bool { true }
  var showsMeasure: Bool { true }

  func coverage(_ s: AppState) -> String {
    if s[MapPane.self].byICB,
      let icb = s.cache(for: .map, as: MapCache.self)?.icbLayer(s) ?? ICBLayer(s.dataset)
    {
      let shapes = icb.codes.count - icb.geography.boundaries.missing.count
      return "ICBs of \(spokenDate(icb.date)) on the map \(shapes)/\(icb.codes.count)"
    }
    let n = s.dataset.footprints.count
    let known = (0..<n).count { s.metrics.value(s.measure, footprint: $0) != nil }
    let shapes = n - s.dataset.geography.boundaries.missing.count
    return "\(s.measure.rawValue) known \(known)/\(n) · on the map \(shapes)/\(n)"
  }

  // MARK: - Keys

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    switch action {
    case .pane("map.highest"), .pane("map.lowest"):
      jump(&s, up: action == .pane("map.highest"))
      return []
    case .pane(let command) where command.hasPrefix("map.top:"):
      let n = Int(command.dropFirst("map.top:".count)) ?? 0
      s[MapPane.self].top = max(0, min(10, n))
      s.message =
        n > 0
        ? "the top \(s[MapPane.self].top) by \(s.measure.label.lowercased()) numbered on the map"
        : "no footprints numbered"
      return []
    case .moveOnMap(let dx, let dy):
      s[MapPane.self].pendingMoves.append((dx, dy))
      guard let topology = Self.topology(s) else {
        let n = s[MapPane.self].pendingMoves.count
        s.message =
          "the map is being drawn: \(n == 1 ? "the move waits" : "\(n) moves wait") for it"
        return []
      }
      makePendingMoves(&s, topology)
      return []
    case .pane("map.layer"):
      guard let layer = s.cache(for: .map, as: MapCache.self)?.icbLayer(s) ?? ICBLayer(s.dataset)
      else {
        s.message = "no successors in the data (lineage.csv): no ICB layer"
        return []
      }
      s[MapPane.self].byICB.toggle()
      s.message =
        s[MapPane.self].byICB
        ? "ICBs of \(spokenDate(layer.date)), the selected STP outlined (i: STPs of 2017)"
        : "STPs of April 2017 (i: ICBs of \(spokenDate(layer.date)))"
      return []
    case .pane("work.ready"):
      // A layout made off the screen's thread is ready (the loop's wake-up).
      if let topology = Self.topology(s) { makePendingMoves(&s, topology) }
      return []
    case .cycleMeasure:
      LeaguePane.nextMeasure(&s)
      return []
    case .openDetail:
      guard selected(s) != nil else {
        s.message = "no STP selected"
        return []
      }
      DetailPane.open(&s, from: id)
      return []
    case .click(let p):
      let area = Layout.regions(s).pane
      guard area.contains(p) else { return nil }
      let view = MapView(s, area)
      if let f = view.footprint(at: p) { s.selectedCode = s.dataset.footprints[f].code }
      return []
    case .nextMatch, .previousMatch:
      guard !s.filter.isEmpty else { return nil }
      let order = s.metrics.league(by: s.measure).map(\.footprint).filter { s.matches($0) }
      guard !order.isEmpty else {
        s.message = "no match for '\(s.filter)'"
        return []
      }
      let i = selected(s).flatMap { order.firstIndex(of: $0) }
      let next =
        action == .nextMatch
        ? ((i ?? -1) + 1) % order.count : ((i ?? order.count) - 1 + order.count) % order.count
      s.selectedCode = s.dataset.footprints[order[next]].code
      return []
    default:
      return nil
    }
  }

  func settle(_ s: inout AppState, after action: Action) {
    guard action == .filterBackspace || isFilterInput(action) else { return }
    // The selection moves to the first match (in league order) when it stops matching.
    if selected(s).map({ !s.matches($0) }) ?? true,
      let first = s.metrics.league(by: s.measure).map(\.footprint).first(where: { s.matches($0) })
    {
      s.selectedCode = s.dataset.footprints[first].code
    }
  }

  private func isFilterInput(_ action: Action) -> Bool {
    if case .filterInput = action { return true }
    return false
  }

  /// `>` and `<`: the footprint with the highest (lowest) known value of the measure, then the
  /// next, ties in the league's order; only those the filter matches.
  private func jump(_ s: inout AppState, up: Bool) {
    let known = s.metrics.league(by: s.measure).filter {
      $0.position.rank != nil && s.matches($0.footprint)
    }
    let order = up ? known : known.reversed()
    guard !order.isEmpty else {
      s.message = "no \(s.measure.label.lowercased()) known to go by"
      return
    }
    var i = 0
    if let last = s[MapPane.self].jump, last.up == up, last.code == s.selectedCode {
      i = (last.index + 1) % order.count
    }
    let f = order[i].footprint
    s.selectedCode = s.dataset.footprints[f].code
    s[MapPane.self].jump = (up, i, s.dataset.footprints[f].code)
    let value = FigureText.text(s.metrics.figure(s.measure, footprint: f))
    s.message =
      "\(up ? "highest" : "lowest") \(s.measure.label.lowercased()), \(i + 1) of \(order.count) known: "
      + "\(s.data.name(f).bounded(60)), \(Panes.pounds(s, value))"
  }

  /// The footprints `:top N` numbers, highest first (only known values, filter matched).
  static func topFootprints(_ s: AppState) -> [Int] {
    let n = s[MapPane.self].top
    guard n > 0 else { return [] }
    return Array(
      s.metrics.league(by: s.measure).filter { $0.position.rank != nil && s.matches($0.footprint) }
        .prefix(n).map(\.footprint))
  }

  /// The map's topology: worked out in place, or with a large map's layout off the screen's
  /// thread, and then never waited for here (nil until it is ready).
  static func topology(_ s: AppState) -> MapTopology? {
    let geo = s.dataset.geography
    return geo.topologyIfMade ?? (MapView.laysOutOffThread(s) ? nil : geo.topology)
  }

  /// The arrow moves pressed so far, in order: each to the neighbour that way.
  func makePendingMoves(_ s: inout AppState, _ topology: MapTopology) {
    let moves = s[MapPane.self].pendingMoves
    s[MapPane.self].pendingMoves = []
    for (dx, dy) in moves {
      guard let f = selected(s), topology.interior[f] != nil else {
        s.selectedCode = firstOnMap(s).map { s.dataset.footprints[$0].code }
        continue
      }
      if let g = topology.neighbour(of: f, dx: Double(dx), dy: Double(dy)) {
        s.selectedCode = s.dataset.footprints[g].code
      } else {
        s.message =
          "no footprint to the \(dx < 0 ? "west" : dx > 0 ? "east" : dy > 0 ? "north" : "south")"
      }
    }
  }

  func selected(_ s: AppState) -> Int? { s.selectedCode.flatMap { s.dataset.index(ofCode: $0) } }

  func firstOnMap(_ s: AppState) -> Int? {
    s.metrics.league(by: s.measure).map(\.footprint).first {
      s.dataset.geography.boundaries.hasShape($0)
    }
  }

  // MARK: - Drawing

  func prepare(_ s: AppState) -> (any Sendable)? { MapCache() }

  func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    MapView(s, area).draw(s, measure: s.measure, on: &canvas)
  }

  func slideHeadlines(_ s: AppState) -> [Headline] {
    var measures: [Measure] = [.band]
    if s.measure != .band { measures.append(s.measure) }
    return measures.map { headline(s, $0) }
  }

  func headline(_ s: AppState) -> Headline? { headline(s, s.measure) }

  func headline(_ s: AppState, _ measure: Measure) -> Headline {
    let scale = MapScale.make(s, measure)
    let n = s.dataset.footprints.count
    var figures = scale.steps.map { step in
      Headline.Figure(
        text: "\(step.count)", label: Panes.pounds(s, step.label), role: .heading,
        compact: "\(step.count) \(Panes.pounds(s, step.label))")
    }
    figures.append(
      Headline.Figure(
        text: "\(scale.unknown)", label: "unknown", role: .unknown,
        compact: "\(scale.unknown) unknown"))
    let what = measure.spec.mapTitle
    return Headline(
      title: "Map by \(what): the \(n) STP footprints (\(scale.basis))", figures: figures)
  }

  func renderSlide(_ s: AppState, _ i: Int, in area: Rect, on canvas: inout Canvas) {
    let measure = i == 0 ? Measure.band : s.measure
    MapView(s, area).draw(s, measure: measure, on: &canvas)
  }

  func helpNotes(_ s: AppState) -> [(String, String)] {
    let ascii = s.glyphs == .ascii
    let shades = String(MapView.shades(ascii))
    return [
      ("", "The map"),
      (ascii ? "colour" : "▀▄", "two areas a cell; the legend gives each colour's values"),
      (shades, "values without colour, lightest to densest"),
      (ascii ? "?" : "░ ?", "unknown: never a step of the scale"),
      ("@", "the selected STP without colour"),
      ("×4", "an inset, magnified 4 times"),
      ("", "Boundaries: \(s.dataset.geography.boundaries.source)"),
      ("", "Source: Office for National Statistics licensed under"),
      ("", "the Open Government Licence v.3.0. Contains OS data"),
      ("", "\(ascii ? "(c)" : "©") Crown copyright and database right."),
    ]
  }

  func exportView(_ s: AppState) -> ExportView? {
    .league(s.measure, rows: s.metrics.league(by: s.measure).map(\.footprint))
  }
}

/// The layouts made for this load, by area and glyph mode: a new size or mode lays out once
/// (the rasterising), then each frame draws from here. In the dashboard a layout is made off the
/// screen's thread (`MapWork`): one at a time, and only the newest size asked for meanwhile
/// (sizes passed through while resizing are never made).
final class MapCache: @unchecked Sendable {
  struct Key: Hashable {
    var x: Int, y: Int, width: Int, height: Int
    var halfBlocks: Bool
    var byICB = false
  }
  typealias Make = @Sendable () -> MapLayout
  private struct Made {
    var layouts: [Key: MapLayout] = [:]
    var making: Key?
    var next: (key: Key, make: Make)?
  }
  private let state = Mutex(Made())
  private let work: MapWork
  private let icb = Mutex<ICBLayer??>(nil)

  /// The ICB layer of this load, made on first use; nil when the data has no successors.
  func icbLayer(_ s: AppState) -> ICBLayer? {
    if let made = icb.withLock({ $0 }) { return made }
    let made = ICBLayer(s.dataset)
    icb.withLock { $0 = .some(made) }
    return made
  }

  init(work: MapWork = .shared) { self.work = work }

  /// Whether layouts can be made off the screen's thread (the dashboard's).
  var makesOffThread: Bool { work.descriptor != nil }

  /// The layout for `key`: made in place when layouts are made in place or `offThread` is
  /// false, else nil until the one made off the screen's thread is ready.
  func layout(_ key: Key, offThread: Bool, make: @escaping Make) -> MapLayout? {
    guard offThread else {
      if let hit = state.withLock({ $0.layouts[key] }) { return hit }
      let made = make()
      store(key, made)
      return made
    }
    let start: Bool = state.withLock { m in
      if m.layouts[key] != nil { return false }
      if m.making == nil {
        m.making = key
        return true
      }
      if m.making != key { m.next = (key, make) }
      return false
    }
    if let hit = state.withLock({ $0.layouts[key] }) { return hit }
    guard start else { return nil }
    if begin(key, make) { return nil }
    let made = make()
    store(key, made)
    return made
  }

  /// Starts making `key` off the screen's thread; false when layouts are made in place.
  private func begin(_ key: Key, _ make: @escaping Make) -> Bool {
    work.run { [self] in
      store(key, make())
      let next: (key: Key, make: Make)? = state.withLock { m in
        defer { m.next = nil }
        guard let n = m.next, m.layouts[n.key] == nil else { return nil }
        m.making = n.key
        return n
      }
      if let next { _ = begin(next.key, next.make) }
    }
  }

  private func store(_ key: Key, _ made: MapLayout) {
    state.withLock { m in
      if m.layouts.count >= 6 { m.layouts.removeAll() }  // sizes come and go; a handful is plenty
      m.layouts[key] = made
      if m.making == key { m.making = nil }
    }
  }
}

/// The map's ICB layer: the successors at the newest date of the lineage (the ICBs of July
/// 2022), their names, and their embedded shapes in that order.
struct ICBLayer: Sendable {
  let date: String
  let codes: [String]
  let names: [String]
  let geography: Geography
  let lineage: Lineage

  init?(_ d: Dataset) {
    let lineage = Lineage(d)
    guard let date = lineage.dates.last else { return nil }
    let successors = lineage.successors(asOf: date)
    self.date = date
    self.lineage = lineage
    codes = successors.map(\.code)
    names = successors.map { Lineage.shortName($0.name) }
    geography = Geography(Boundaries.embeddedICB(codes: codes))
  }

  /// How the selected STP's people went: each ICB's share of them (0 for none); nil with no
  /// STP selected or none of its successors known (then no ICB is "none of its people").
  func shares(of footprint: Int?) -> [Double]? {
    guard let footprint else { return nil }
    let parts = lineage.successors(of: footprint, asOf: date)
    guard !parts.isEmpty else { return nil }
    var out = [Double](repeating: 0, count: codes.count)
    for p in parts {
      if let i = codes.firstIndex(of: p.successorCode) { out[i] = p.share.minimum ?? 0 }
    }
    return out
  }

  /// An ICB's fill for a share of the selected STP's people: most of them, a part, a sliver,
  /// none (faded); all alike with nothing selected.
  static func fill(_ share: Double, anySelected: Bool) -> (role: Role, level: Int?) {
    guard anySelected else { return (.mapScale2, 1) }
    if share >= 0.5 { return (.mapScale5, 4) }
    if share >= Lineage.sliver { return (.mapScale3, 2) }
    if share > 0 { return (.mapScale1, 0) }
    return (.mapFaded, -1)
  }

  /// The legend: what each fill says, with its shade level as `fill` gives it.
  static let legend: [(text: String, role: Role, level: Int)] = [
    ("most of its people (50% or more)", .mapScale5, 4),
    ("a part (2% to 50%)", .mapScale3, 2),
    ("a sliver (under 2%)", .mapScale1, 0),
    ("none of its people", .mapFaded, -1),
  ]
}

/// One frame of the map pane: where the map, insets and side panel go.
struct MapView {
  let area: Rect
  let mapArea: Rect
  let panel: Rect
  let halfBlocks: Bool
  let layout: MapLayout
  /// False while the layout is being made off the screen's thread (`MapCache`): `layout` is
  /// then empty (no cells, nothing to click) and the pane says the map is being drawn.
  let isReady: Bool
  /// The ICB layer when the map shows it (`i`); nil for the footprints of 2017.
  let icb: ICBLayer?

  init(_ s: AppState, _ area: Rect) {
    self.area = area
    // Half-blocks in colour; a character raster of shading when there is no colour or no UTF-8.
    halfBlocks = s.glyphs == .unicode && !s.session.isShaded
    let panelWidth =
      area.width >= 60
      ? min(44, max(30, area.width * 2 / 5)) : (area.width >= 40 ? area.width / 2 : 0)
    panel = Rect(x: area.maxX - panelWidth, y: area.y, width: panelWidth, height: area.height)
    mapArea = Rect(
      x: area.x, y: area.y, width: area.width - panelWidth - (panelWidth > 0 ? 1 : 0),
      height: area.height)
    let cache = s.cache(for: .map, as: MapCache.self)
    let icb =
      s[MapPane.self].byICB ? (cache.map { $0.icbLayer(s) } ?? ICBLayer(s.dataset)) : nil
    self.icb = icb
    let geo = icb?.geography ?? s.dataset.geography
    let key = MapCache.Key(
      x: mapArea.x, y: mapArea.y, width: mapArea.width, height: mapArea.height,
      halfBlocks: halfBlocks, byICB: icb != nil)
    let make: MapCache.Make = { [mapArea, halfBlocks] in
      guard let icb else {
        return MapLayout.make(
          geo, in: mapArea, halfBlocks: halfBlocks, name: { MapView.insetName($0, s) })
      }
      // The footprints of 2017 in the same windows, to outline the selected one.
      return MapLayout.make(
        geo, in: mapArea, halfBlocks: halfBlocks,
        name: { group in
          group.count(where: { icb.names[$0].containsBytes("London") }) * 2 > group.count
            ? "London" : icb.names[group[0]].bounded(24)
        }
      ).outlined(by: s.dataset.geography.boundaries)
    }
    let offThread = Self.laysOutOffThread(s)
    let made = cache.map { $0.layout(key, offThread: offThread, make: make) } ?? make()
    isReady = made != nil
    layout = made ?? .empty(at: mapArea, halfBlocks: halfBlocks, geo)
  }

  /// The STP of 2017 drawn at a cell: the owner in the footprints' layer, the outline's owner
  /// in the ICB layer.
  func footprint(at p: Point) -> Int? {
    guard icb != nil else { return layout.owner(at: p) }
    let frames = [layout.main] + layout.insets
    for (i, f) in frames.enumerated().reversed() where f.rect.contains(p) {
      guard layout.outline.indices.contains(i), i > 0 || !layout.isCovered(p) else { continue }
      let r = layout.outline[i]
      let x = p.x - f.rect.x
      let y = (p.y - f.rect.y) * layout.pixelRows
      return r[x, y] ?? (layout.pixelRows == 2 ? r[x, y + 1] : nil)
    }
    return nil
  }

  /// From how many positions a map is laid out off the screen's thread (in the dashboard): the
  /// embedded shapes (15,789) lay out in a few milliseconds and stay in place, so a key on a
  /// small map is answered with the map; 1M positions took up to a second.
  static let offThreadPositions = 100_000

  /// Whether this state's map is laid out off the screen's thread.
  static func laysOutOffThread(_ s: AppState) -> Bool {
    guard s.cache(for: .map, as: MapCache.self)?.makesOffThread == true else { return false }
    return s.dataset.geography.boundaries.vertexCount >= offThreadPositions
  }

  /// An inset's title in `width` columns: the magnification always kept ("Black Co… ×3"), the
  /// name shortened first, a leading "The " before it is cut.
  static func fitTitle(_ title: String, to width: Int) -> String {
    let parts = title.split(separator: "×", omittingEmptySubsequences: false)
    guard DisplayWidth.of(title) > width, parts.count >= 2, let last = parts.last else {
      return title
    }
    var name = String(title.dropLast(last.count + 1)).trimmingSpaces
    let scale = " ×" + last
    if name.hasPrefix("The ") { name.removeFirst(4) }
    let room = width - DisplayWidth.of(scale)
    guard room >= 2 else { return DisplayWidth.truncate(String(scale.dropFirst()), to: width) }
    // "Black…", not "Black …".
    var cut = DisplayWidth.truncate(name, to: room)
    if cut.hasSuffix(" …") { cut = String(cut.dropLast(2)) + "…" }
    return cut + scale
  }

  /// An inset's title: "London" when most of its footprints are London's, else its largest
  /// one's name up to the first "and" or comma ("The Black Country").
  static func insetName(_ group: [Int], _ s: AppState) -> String {
    let d = s.dataset
    if group.count(where: { d.footprints[$0].region == "London" }) * 2 > group.count {
      return "London"
    }
    let largest =
      group.max { (d.footprints[$0].onsPopulation ?? 0) < (d.footprints[$1].onsPopulation ?? 0) }
      ?? group[0]
    // Up to the first comma or " and ".
    var name = ""
    for word in d.footprints[largest].name.split(separator: " ") {
      if word == "and" { break }
      name += (name.isEmpty ? "" : " ") + word
      if word.hasSuffix(",") {
        name.removeLast()
        break
      }
    }
    return name.bounded(24)
  }

  /// Shading density, lightest first, for a map without colour ("@" marks the selection, "?"
  /// an unknown value).
  static func shades(_ ascii: Bool) -> [Character] {
    ascii ? [".", ":", "+", "#", "%"] : ["·", "░", "▒", "▓", "█"]
  }

  func draw(_ s: AppState, measure: Measure, on c: inout Canvas) {
    guard !area.isEmpty else { return }
    let scale = MapScale.make(s, measure)
    let n = s.dataset.footprints.count
    let selected = s.selectedCode.flatMap { s.dataset.index(ofCode: $0) }
    let filtering = !s.filter.isEmpty
    let query = s.filterQuery
    // Each footprint's fill: selected, faded outside the filter, else its step.
    var fills = (0..<n).map { scale.role($0) }
    var levels = (0..<n).map { scale.level($0) }
    if filtering {
      for f in 0..<n where !query.matches(f, s.dataset, s.metrics) {
        fills[f] = .mapFaded
        levels[f] = levels[f] == nil ? nil : -1
      }
    }
    if !isReady {
      // Keys and signals are answered meanwhile; the loop draws the map when it is ready.
      let b = s.dataset.geography.boundaries
      let lines = [
        "Drawing the map…",
        "\(Format.grouped(Int64(b.vertexCount))) positions in \(b.source)",
      ]
      for (k, line) in lines.enumerated() {
        let y = mapArea.y + mapArea.height / 2 - 1 + k
        let text = DisplayWidth.truncate(line, to: max(0, mapArea.width - 2))
        let x = mapArea.x + max(0, (mapArea.width - DisplayWidth.of(text)) / 2)
        _ = c.put(text, at: Point(x: x, y: y), role: k == 0 ? .heading : .dim, clip: mapArea)
      }
    }
    if let icb {
      // The ICBs shaded by the selected STP's people in each, its 2017 footprint outlined.
      let shares = icb.shares(of: selected)
      let made = (shares ?? Array(repeating: 0, count: icb.codes.count)).map {
        ICBLayer.fill($0, anySelected: shares != nil)
      }
      fills = made.map(\.role)
      levels = made.map(\.level)
    }
    let outlines = layout.outline
    func outline(_ i: Int) -> OwnerRaster? { outlines.indices.contains(i) ? outlines[i] : nil }
    drawFrame(
      layout.main, s, fills, levels, icb == nil ? selected : nil, outline: outline(0),
      outlined: selected, on: &c)
    for (i, inset) in layout.insets.enumerated() {
      let box = inset.rect.inset(by: -1)
      c.fill(box, role: .text)
      drawBox(box, title: inset.title ?? "", s, on: &c)
      drawFrame(
        inset, s, fills, levels, icb == nil ? selected : nil, outline: outline(i + 1),
        outlined: selected, on: &c)
    }
    // `:top N`: each of the top N numbered at its interior point.
    for (i, f) in MapPane.topFootprints(s).enumerated() {
      guard let p = layout.anchor(of: f, s.dataset.geography) else { continue }
      _ = c.put("\(i + 1)", at: p, role: .heading, clip: area)
    }
    // Spotlighted footprints: a marker at their interior point.
    for code in s.session.spotlight {
      guard let f = s.dataset.index(ofCode: code), let p = layout.anchor(of: f, s.dataset.geography)
      else { continue }
      c.putGlyph(Character(s.glyphs.spotlight), at: p, role: .marked, clip: area)
    }
    if let icb {
      drawICBPanel(s, icb, selected, on: &c)
    } else {
      drawPanel(s, scale, selected, on: &c)
    }
  }

  /// Draws one frame's cells.
  /// With `outline` (another layer's owners in this frame), the edge of its footprint
  /// `outlined` is drawn over the fills (the ICB layer's 2017 footprint).
  private func drawFrame(
    _ frame: MapLayout.Frame, _ s: AppState, _ fills: [Role], _ levels: [Int?], _ selected: Int?,
    outline: OwnerRaster? = nil, outlined: Int? = nil, on c: inout Canvas
  ) {
    let r = frame.raster
    let rows = layout.pixelRows
    // A pixel's role: its footprint's fill, or the border where it meets another footprint of
    // the same fill (so that every boundary shows). The selected footprint keeps its own fill
    // and is outlined: its edge pixels (next to another footprint or the sea) take the selection
    // role, so its colour still reads against the legend.
    let alternate = s.session.alternateBorders[s.session.themeName] ?? []
    func role(_ x: Int, _ y: Int) -> Role? {
      if let o = outline, let sel = outlined, o[x, y] == sel {
        for (nx, ny) in [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)] where o[nx, ny] != sel {
          return .mapSelected
        }
      }
      guard let f = r[x, y], f < fills.count else { return nil }
      let mine = fills[f]
      if f == selected {
        for (nx, ny) in [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)] where r[nx, ny] != f {
          return .mapSelected
        }
        return mine
      }
      for (nx, ny) in [(x + 1, y), (x, y + 1)] {
        if let g = r[nx, ny], g != f, g < fills.count, fills[g] == mine, g != selected {
          return alternate.contains(mine) ? .mapBorderAlt : .mapBorder
        }
      }
      return mine
    }
    // Every pixel's role, then the rule that no footprint is hidden: one whose every visible
    // pixel became border (a strip one pixel deep beside a footprint of the same fill) keeps its
    // fill on all of them, and a selected one that is all outline keeps it on one, so each
    // footprint on the map shows at least one pixel of its own colour (or shade).
    let width = frame.rect.width
    let height = frame.rect.height * rows
    func visible(_ x: Int, _ y: Int) -> Bool {
      frame.title != nil
        || !layout.isCovered(Point(x: frame.rect.x + x, y: frame.rect.y + y / rows))
    }
    var roles = [Role?](repeating: nil, count: width * height)
    var own = [Int](repeating: 0, count: fills.count)
    for y in 0..<height {
      for x in 0..<width {
        let rl = role(x, y)
        roles[y * width + x] = rl
        if let f = r[x, y], f < fills.count, rl == fills[f], visible(x, y) { own[f] += 1 }
      }
    }
    var kept = Set<Int>()
    for y in 0..<height {
      for x in 0..<width {
        guard let f = r[x, y], f < fills.count, own[f] == 0, visible(x, y) else { continue }
        if f == selected {
          guard !kept.contains(f) else { continue }
          kept.insert(f)
        }
        roles[y * width + x] = fills[f]
      }
    }
    func shown(_ x: Int, _ y: Int) -> Role? {
      x >= 0 && x < width && y >= 0 && y < height ? roles[y * width + x] : nil
    }
    let shades: [Character] = MapView.shades(c.isASCII)
    for cy in 0..<frame.rect.height {
      for cx in 0..<frame.rect.width {
        let p = Point(x: frame.rect.x + cx, y: frame.rect.y + cy)
        if frame.title == nil && layout.isCovered(p) { continue }
        if rows == 2 {
          let upper = shown(cx, cy * 2)
          let lower = shown(cx, cy * 2 + 1)
          switch (upper, lower) {
          case (nil, nil): continue
          case (let u?, let l?) where u == l:
            c[p.x, p.y] = Cell(glyph: u == .mapUnknown ? "░" : " ", role: u)
          case (let u?, let l):
            c[p.x, p.y] = Cell(glyph: "▀", role: u, lower: l ?? .text)
          case (nil, let l?):
            c[p.x, p.y] = Cell(glyph: "▄", role: l, lower: .text)
          }
        } else {
          if outline != nil && shown(cx, cy) == .mapSelected {
            c[p.x, p.y] = Cell(glyph: "@", role: .mapSelected)
            continue
          }
          guard let f = r[cx, cy], f < fills.count else { continue }
          let isBorder = shown(cx, cy) == .mapBorder || shown(cx, cy) == .mapBorderAlt
          let glyph: Character
          if f == selected {
            glyph = "@"
          } else if isBorder {
            glyph = " "
          } else if let level = levels[f] {
            glyph = level < 0 ? (c.isASCII ? "," : "╌") : shades[level]
          } else {
            glyph = "?"
          }
          c[p.x, p.y] = Cell(glyph: glyph, role: isBorder ? .text : fills[f])
        }
      }
    }
  }

  private func drawBox(_ box: Rect, title: String, _ s: AppState, on c: inout Canvas) {
    let g = s.glyphs
    guard box.width >= 2, box.height >= 2 else { return }
    for x in (box.x + 1)..<(box.maxX - 1) {
      c.putGlyph(g.horizontal, at: Point(x: x, y: box.y), role: .dim)
      c.putGlyph(g.horizontal, at: Point(x: x, y: box.maxY - 1), role: .dim)
    }
    for y in (box.y + 1)..<(box.maxY - 1) {
      c.putGlyph(g.vertical, at: Point(x: box.x, y: y), role: .dim)
      c.putGlyph(g.vertical, at: Point(x: box.maxX - 1, y: y), role: .dim)
    }
    c.putGlyph(g.topLeft, at: Point(x: box.x, y: box.y), role: .dim)
    c.putGlyph(g.topRight, at: Point(x: box.maxX - 1, y: box.y), role: .dim)
    c.putGlyph(g.bottomLeft, at: Point(x: box.x, y: box.maxY - 1), role: .dim)
    c.putGlyph(g.bottomRight, at: Point(x: box.maxX - 1, y: box.maxY - 1), role: .dim)
    if !title.isEmpty && box.width > 4 {
      _ = c.put(
        " \(Self.fitTitle(title, to: box.width - 4)) ", at: Point(x: box.x + 1, y: box.y),
        width: box.width - 2, role: .label)
    }
  }

  /// The side panel: the selected footprint with its value and position, the legend with its
  /// counts and basis, what is not on the map, and the source.
  private func drawPanel(_ s: AppState, _ scale: MapScale, _ selected: Int?, on c: inout Canvas) {
    var lines: [(String, Role, Role?)] = []  // text, role, swatch
    let measure = scale.measure
    let what = measure.label
    if let f = selected {
      lines.append((s.data.name(f), .heading, nil))
      let width = panel.isEmpty ? nil : max(1, panel.width - 3 - DisplayWidth.of(what))
      let (value, role) = Panes.measureText(s, measure, f, width: width)
      let row = s.metrics.league(by: measure).first { $0.footprint == f }
      // Its value beside its own colour (the map outlines it, so the fill still shows).
      lines.append(("\(what): \(value)", role == .unknown ? .unknown : .text, scale.role(f)))
      if let row {
        lines.append(
          (
            FigureText.position(
              row.position, width: panel.isEmpty ? nil : panel.width, ascii: s.glyphs == .ascii),
            .dim, nil
          ))
      }
      if !s.dataset.geography.boundaries.hasShape(f) {
        lines.append(("not on the map (no shape)", .warning, nil))
      }
      lines.append(("", .text, nil))
    }
    lines.append(("\(what)\(scale.basis.isEmpty ? "" : ": " + scale.basis)", .label, nil))
    for step in scale.steps {
      lines.append(("\(Panes.pounds(s, step.label)) (\(step.count))", .text, step.role))
    }
    lines.append(("unknown (\(scale.unknown))", scale.unknown > 0 ? .text : .dim, .mapUnknown))
    if !s.filter.isEmpty {
      let matching = (0..<s.dataset.footprints.count).count { s.matches($0) }
      lines.append(("filter: \(matching) match; others faded", .filter, nil))
    }
    let missing = s.dataset.geography.boundaries.missing
    if !missing.isEmpty {
      let names = missing.prefix(3).map { s.data.name($0).bounded(30) }.joined(separator: ", ")
      lines.append(
        (
          "not on the map (\(missing.count)): \(names)\(missing.count > 3 ? ", …" : "")", .warning,
          nil
        ))
    }
    let topAt = lines.count
    if !layout.unseen.isEmpty {
      lines.append(
        ("too small to show here: \(layout.unseen.count); enlarge the window", .warning, nil))
    }
    lines.append(("", .text, nil))
    lines.append(
      (
        s.dataset.geography.boundaries.source == Boundaries.embeddedSource
          ? "Boundaries: ONS, OGL v3; contains OS data © Crown copyright"
          : "Boundaries: " + s.dataset.geography.boundaries.source,
        .source, nil
      ))
    guard !panel.isEmpty else {
      // No room beside the map: the selection on the last row.
      if let f = selected, area.height >= 3 {
        let (value, _) = Panes.measureText(s, measure, f)
        _ = c.put(
          "\(s.data.name(f)): \(value)", at: Point(x: area.x, y: area.maxY - 1), width: area.width,
          role: .heading, clip: area)
      }
      return
    }
    // `:top N` takes the rows the rest leaves (the licence credit is never pushed off).
    let top = MapPane.topFootprints(s)
    if !top.isEmpty {
      let used = lines.reduce(0) { n, l in
        n
          + (l.0.isEmpty
            ? 1
            : DetailView.wrap(
              [(l.0, l.1)], width: max(1, panel.width - (l.2 == nil ? 0 : 3)), indent: 0
            ).count)
      }
      lines.insert(
        contentsOf: Self.topLines(s, top, width: panel.width, rows: panel.height - used),
        at: topAt)
    }
    let shades: [Character] = MapView.shades(c.isASCII)
    drawPanelLines(lines, on: &c) { sw in
      if halfBlocks { return sw == .mapUnknown ? "░" : " " }
      let level = sw == .mapUnknown ? nil : scale.steps.first { $0.role == sw }?.level
      return level.map { shades[$0] } ?? "?"
    }
  }

  /// The panel's lines from its top: a swatch two cells wide (its glyph from `swatch`) before a
  /// line that has one, each line wrapped within the panel (names, the source).
  private func drawPanelLines(
    _ lines: [(String, Role, Role?)], on c: inout Canvas, swatch: (Role) -> Character
  ) {
    var y = panel.y
    for (text, role, sw) in lines {
      guard y < panel.maxY else { break }
      var x = panel.x
      if let sw {
        let glyph = swatch(sw)
        c[x, y] = Cell(glyph: glyph, role: sw)
        c[x + 1, y] = Cell(glyph: glyph, role: sw)
        x += 3
      }
      let wrapped =
        text.isEmpty
        ? [""]
        : DetailView.wrap([(text, role)], width: max(1, panel.maxX - x), indent: 0).map(\.text)
      for l in wrapped {
        guard y < panel.maxY else { break }
        _ = c.put(l, at: Point(x: x, y: y), width: panel.maxX - x, role: role, clip: panel)
        y += 1
      }
    }
  }

  /// The ICB layer's panel: the selected STP and what became of its people, the legend, the
  /// source; the same swatches as the map.
  private func drawICBPanel(_ s: AppState, _ icb: ICBLayer, _ selected: Int?, on c: inout Canvas) {
    var lines: [(String, Role, Role?)] = []
    let when = spokenDate(icb.date)
    if let f = selected {
      lines.append(("\(s.data.name(f)) (2017, outlined)", .heading, nil))
      let parts = icb.lineage.successors(of: f, asOf: icb.date)
      if parts.isEmpty {
        lines.append(("what it became is unknown", .unknown, nil))
      } else {
        lines.append(("became in \(when):", .label, nil))
        for p in parts {
          var share = p.share
          share.note = nil
          let fill = ICBLayer.fill(p.share.minimum ?? 0, anySelected: true).role
          lines.append(
            (
              "\(Lineage.shortName(p.successorName)) \(FigureText.text(share))"
                + (p.isSliver ? ", a sliver" : ""), .text, fill
            ))
        }
      }
    } else {
      lines.append(("select an STP to see what it became", .dim, nil))
    }
    lines.append(("", .text, nil))
    lines.append(("ICBs of \(when): \(icb.codes.count) (i: STPs of 2017)", .label, nil))
    if icb.shares(of: selected) != nil {
      for l in ICBLayer.legend { lines.append((l.text, .text, l.role)) }
    }
    let missing = icb.geography.boundaries.missing
    if !missing.isEmpty {
      lines.append(("not on the map: \(missing.count) ICB(s) without a shape", .warning, nil))
    }
    lines.append(("", .text, nil))
    lines.append(("People: ONS mid-2017, by LSOA (lineage.csv)", .source, nil))
    lines.append(("Boundaries: ONS, OGL v3; contains OS data © Crown copyright", .source, nil))
    guard !panel.isEmpty else {
      if let f = selected, area.height >= 3 {
        let parts = icb.lineage.successors(of: f, asOf: icb.date)
        let text =
          "\(s.data.name(f)) became: "
          + parts.map { "\(Lineage.shortName($0.successorName)) \(FigureText.text($0.share))" }
          .joined(separator: ", ")
        _ = c.put(
          text, at: Point(x: area.x, y: area.maxY - 1), width: area.width, role: .heading,
          clip: area)
      }
      return
    }
    let shades = MapView.shades(c.isASCII)
    let ascii = c.isASCII
    drawPanelLines(lines, on: &c) { sw in
      let level = ICBLayer.legend.first { $0.role == sw }?.level
      if halfBlocks { return " " }
      return level.map { $0 < 0 ? (ascii ? "," : "╌") : shades[$0] } ?? "?"
    }
  }

  /// The `:top N` list in `rows` rows of `width` columns: a line for the name and one for the
  /// figure when there is room; else one line each, the name shortened and the figure whole;
  /// else as many as fit and how many more are numbered on the map.
  static func topLines(_ s: AppState, _ top: [Int], width: Int, rows: Int)
    -> [(String, Role, Role?)]
  {
    let measure = s.measure
    let title = "Top \(top.count) by \(measure.label.lowercased()):"
    func name(_ f: Int) -> String { s.data.name(f) }
    let wide = top.enumerated().flatMap { i, f -> [(String, Role, Role?)] in
      let (value, _) = Panes.measureText(s, measure, f, width: max(1, width - 3))
      return [("\(i + 1) \(name(f))", .text, nil), ("  \(value)", .text, nil)]
    }
    let wideRows = wide.reduce(0) {
      $0 + DetailView.wrap([($1.0, $1.1)], width: max(1, width), indent: 0).count
    }
    if rows >= wideRows + 2 { return [("", .text, nil), (title, .label, nil)] + wide }
    // One line each: "3 Frimley He… Outstanding".
    func line(_ i: Int, _ f: Int) -> (String, Role, Role?) {
      let number = "\(i + 1) "
      let (value, _) = Panes.measureText(s, measure, f, width: max(1, width / 2))
      let room = width - DisplayWidth.of(number) - DisplayWidth.of(value) - 1
      let shown = room >= 4 ? DisplayWidth.truncate(name(f), to: room) : ""
      let gap = max(1, width - DisplayWidth.of(number + shown) - DisplayWidth.of(value))
      return (number + shown + String(repeating: " ", count: gap) + value, .text, nil)
    }
    let fit = max(0, rows - 1)
    guard fit < top.count else {
      return [(title, .label, nil)] + top.enumerated().map(line)
    }
    guard fit >= 2 else {
      return rows >= 1 ? [("Top \(top.count): numbered on the map", .label, nil)] : []
    }
    let shown = fit - 1
    return [(title, .label, nil)] + top.prefix(shown).enumerated().map(line) + [
      ("\(shown + 1)-\(top.count): numbered on the map", .dim, nil)
    ]
  }
}

extension AppState {
  /// Shows the map's ICB layer (or the footprints'), for callers outside the panes (`map
  /// --layer icb`); false when the data has no successors to draw.
  public mutating func showsICBLayer(_ on: Bool) -> Bool {
    guard !on || ICBLayer(dataset) != nil else { return false }
    self[MapPane.self].byICB = on
    return true
  }
}
