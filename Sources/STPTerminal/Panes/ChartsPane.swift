import STPModel
import STPReport

/// Where people would rather look than read: funding ranges per STP in a wave, a braille
/// scatter of two measures with its correlation, a timeline of designations and capital, and
/// the bands of July 2017 against the first designation.
/// `v` changes the chart; each has a slide and exports its numbers as CSV (`e`).
struct ChartsPane: StatefulPane {
  let id = PaneID.charts
  let title = "Charts"

  typealias View = ChartView
  static let initialState = ChartState()

  var keyMap: KeyMap {
    KeyMap(
      "Charts pane",
      [
        Binding(
          .char("v"), .chart(.nextView),
          help: "next chart: ranges, scatter, timeline, bands and designations", hint: true,
          short: "chart"),
        Binding(.char("w"), .chart(.nextWave), help: "ranges: next wave"),
        Binding(.char("["), .chart(.nextX), help: "scatter: next measure across"),
        Binding(.char("]"), .chart(.nextY), help: "scatter: next measure up"),
        Binding(.char("g"), .chart(.toggleGrouping), help: "timeline: lanes per STP or per region"),
        Binding(
          [.down, .char("j")], .moveOnMap(dx: 0, dy: -1),
          help: "next STP (scatter: the point below)"),
        Binding(
          [.up, .char("k")], .moveOnMap(dx: 0, dy: 1),
          help: "previous STP (scatter: the point above)"),
        Binding(
          [.right, .char("l")], .moveOnMap(dx: 1, dy: 0), help: "scatter: the point to the right"),
        Binding(
          [.left, .char("h")], .moveOnMap(dx: -1, dy: 0), help: "scatter: the point to the left"),
        Binding(.enter, .openDetail, help: "detail", hint: true),
      ])
  }

  var isTopLevel: Bool { true }

  static func view(_ s: AppState) -> View { s[ChartsPane.self].view }

  /// The timeline's events and the designations by band, worked out once per load.
  struct Cache: Sendable {
    var events: [ChartsReport.Event]
    var undated: [ChartsReport.Event]
    var designations: DesignationsByBand
  }

  func prepare(_ s: AppState) -> (any Sendable)? {
    let (events, undated) = ChartsReport.timeline(s.dataset, s.metrics)
    return Cache(
      events: events, undated: undated,
      designations: DesignationsByBand(s.dataset, s.metrics))
  }

  static func designations(_ s: AppState) -> DesignationsByBand {
    s.cache(for: .charts, as: Cache.self)?.designations ?? DesignationsByBand(s.dataset, s.metrics)
  }

  static func timeline(_ s: AppState) -> (
    events: [ChartsReport.Event], undated: [ChartsReport.Event]
  ) {
    if let c = s.cache(for: .charts, as: Cache.self) { return (c.events, c.undated) }
    return ChartsReport.timeline(s.dataset, s.metrics)
  }

  static func nationalWaves(_ s: AppState) -> [Int] {
    s.dataset.waves.indices.filter { s.dataset.waves[$0].isNational }
  }

  static func wave(_ s: AppState) -> Int? {
    let waves = nationalWaves(s)
    return waves.isEmpty ? nil : waves[min(s[ChartsPane.self].wave, waves.count - 1)]
  }

  func coverage(_ s: AppState) -> String {
    switch Self.view(s) {
    case .ranges:
      guard let w = Self.wave(s) else { return "no national waves" }
      let (bars, unknown) = ChartsReport.ranges(s.dataset, s.metrics, wave: w)
      return
        "\(s.dataset.waves[w].shortLabel): amounts for \(bars.count) STPs, \(unknown.count) amount unknown"
    case .scatter:
      let sc = ChartsReport.scatter(
        s.metrics, count: s.dataset.footprints.count, x: s[ChartsPane.self].x,
        y: s[ChartsPane.self].y)
      return "n = \(sc.points.count) with both values, \(sc.unknown) unknown"
    case .timeline:
      let (events, undated) = Self.timeline(s)
      return "\(events.count) dated events, \(undated.count) undated"
    case .designations:
      let x = Self.designations(s)
      let dated = x.rows.count { $0.designation != nil }
      return "\(dated) of \(x.rows.count) with a dated designation; n = \(x.n) with a band too"
    }
  }

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    switch action {
    case .chart(let c):
      switch c {
      case .nextView:
        let next = (s[ChartsPane.self].view.rawValue + 1) % View.allCases.count
        s[ChartsPane.self].view = View(rawValue: next) ?? .ranges
      case .nextWave:
        s[ChartsPane.self].wave =
          (s[ChartsPane.self].wave + 1) % max(1, Self.nationalWaves(s).count)
      case .nextX: s[ChartsPane.self].x = Self.next(s[ChartsPane.self].x)
      case .nextY: s[ChartsPane.self].y = Self.next(s[ChartsPane.self].y)
      case .toggleGrouping: s[ChartsPane.self].byRegion.toggle()
      }
      s.message = Self.view(s).name
      return []
    case .moveOnMap(let dx, let dy):
      let order = rows(s)
      guard !order.isEmpty else { return [] }
      let current = s.selectedCode.flatMap { s.dataset.index(ofCode: $0) }
      if Self.view(s) == .scatter {
        s.selectedCode =
          Self.nearest(s, from: current, dx: Double(dx), dy: Double(dy)).map {
            s.dataset.footprints[$0].code
          } ?? s.selectedCode
      } else if dy != 0 {
        let i = current.flatMap { order.firstIndex(of: $0) } ?? -1
        let next = max(0, min(order.count - 1, i - dy))
        s.selectedCode = s.dataset.footprints[order[next]].code
      }
      return []
    case .openDetail:
      DetailPane.open(&s, from: id)
      return []
    default:
      return nil
    }
  }

  /// The next measure that can be an axis (the catalogue says which: band as an ordinal axis).
  static func next(_ m: Measure) -> Measure {
    let all = Measure.allCases.filter { $0.spec.axis != nil }
    return all[((all.firstIndex(of: m) ?? 0) + 1) % all.count]
  }

  /// The STPs the chart lists, top to bottom.
  func rows(_ s: AppState) -> [Int] {
    switch Self.view(s) {
    case .ranges:
      guard let w = Self.wave(s) else { return [] }
      let (bars, unknown) = ChartsReport.ranges(s.dataset, s.metrics, wave: w)
      return bars.map(\.footprint) + unknown
    case .scatter:
      return ChartsReport.scatter(
        s.metrics, count: s.dataset.footprints.count, x: s[ChartsPane.self].x,
        y: s[ChartsPane.self].y
      ).points.map(\.footprint)
    case .timeline:
      return Self.lanes(s).compactMap(\.footprint)
    case .designations:
      return Self.designationOrder(Self.designations(s))
    }
  }

  /// A wave's date in six characters: "Jun 17" ("2018" for a year alone).
  static func shortWave(_ wave: String) -> String {
    let words = DesignationsReport.waveLabel(wave).split(separator: " ")
    return words.count == 2 ? "\(words[0]) \(words[1].suffix(2))" : String(words.first ?? "")
  }

  /// The STPs of the designations chart, by band (highest first, unknown last), then sooner
  /// designated first, the undated last.
  static func designationOrder(_ x: DesignationsByBand) -> [Int] {
    x.rows.sorted { a, b in
      (a.band?.rawValue ?? 0, -(a.months ?? 999), -a.footprint)
        > (b.band?.rawValue ?? 0, -(b.months ?? 999), -b.footprint)
    }.map(\.footprint)
  }

  /// The nearest point in a direction (within 60° of it), on the chart's own scales.
  static func nearest(_ s: AppState, from f: Int?, dx: Double, dy: Double) -> Int? {
    let sc = ChartsReport.scatter(
      s.metrics, count: s.dataset.footprints.count, x: s[ChartsPane.self].x, y: s[ChartsPane.self].y
    )
    guard let from = sc.points.first(where: { $0.footprint == f }) else {
      return sc.points.first?.footprint
    }
    let xr = (sc.points.map(\.x).max() ?? 1) - (sc.points.map(\.x).min() ?? 0)
    let yr = (sc.points.map(\.y).max() ?? 1) - (sc.points.map(\.y).min() ?? 0)
    var best: (Int, Double)?
    for p in sc.points where p.footprint != from.footprint {
      let vx = (p.x - from.x) / max(xr, 1e-9)
      let vy = (p.y - from.y) / max(yr, 1e-9)
      let d = (vx * vx + vy * vy).squareRoot()
      guard d > 0, (vx * dx + vy * dy) / d >= 0.5 else { continue }
      if d < best?.1 ?? .infinity { best = (p.footprint, d) }
    }
    return best?.0
  }

  // MARK: - Drawing

  func render(_ s: AppState, in area: Rect, on c: inout Canvas) {
    draw(s, Self.view(s), in: area, on: &c)
  }

  func draw(_ s: AppState, _ view: View, in area: Rect, on c: inout Canvas) {
    guard area.height >= 3, area.width >= 10 else { return }
    let tabs = View.allCases.map { $0 == view ? "[\($0.name)]" : $0.name }.joined(separator: "  ")
    _ = c.put(
      tabs + "   v next chart", at: Point(x: area.x, y: area.y), width: area.width, role: .label,
      clip: area)
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    switch view {
    case .ranges: drawRanges(s, body, &c)
    case .scatter: drawScatter(s, body, &c)
    case .timeline: drawTimeline(s, body, &c)
    case .designations: drawDesignations(s, body, &c)
    }
  }

  private func drawRanges(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    guard let w = Self.wave(s) else {
      _ = c.put("No national waves in the data.", at: Point(x: r.x, y: r.y), role: .dim, clip: r)
      return
    }
    let wave = s.dataset.waves[w]
    let (bars, unknown) = ChartsReport.ranges(s.dataset, s.metrics, wave: w)
    let found = bars.reduce(Int64(0)) { $0 + $1.low }
    let scaleTop = max(wave.nationalAmount ?? 0, bars.map { $0.high ?? $0.low }.max() ?? 0, 1)
    let national =
      wave.nationalAmount.map { "of \(Format.money($0)) nationally" } ?? "national total unknown"
    _ = c.put(
      Panes.pounds(
        s,
        "\(wave.shortLabel) \(wave.name) (\(wave.announced ?? "undated")): proven \(Format.money(found)) for \(bars.count) STPs \(national) · w next wave"
      ),
      at: Point(x: r.x, y: r.y), width: r.width, role: .heading, clip: r)
    let nameWidth = min(28, max(10, r.width / 4))
    let textWidth = 18
    let barX = r.x + nameWidth + 1
    let barWidth = max(4, r.width - nameWidth - textWidth - 3)
    // The scale: 0 to the national total, a mark where it ends.
    _ = c.put("£0", at: Point(x: barX, y: r.y + 1), role: .dim, clip: r)
    let endLabel =
      Panes.pounds(s, Format.money(scaleTop))
      + (wave.nationalAmount == scaleTop ? " (national)" : "")
    _ = c.put(
      endLabel, at: Point(x: max(barX, barX + barWidth - DisplayWidth.of(endLabel)), y: r.y + 1),
      role: .dim, clip: r)
    let selected = s.selectedCode.flatMap { s.dataset.index(ofCode: $0) }
    var y = r.y + 2
    func cells(_ v: Int64) -> Int {
      Int((Double(barWidth) * Double(v) / Double(scaleTop)).rounded())
    }
    for b in bars {
      guard y < r.maxY else { break }
      let isSel = b.footprint == selected
      _ = c.put(
        s.data.name(b.footprint), at: Point(x: r.x, y: y), width: nameWidth,
        role: isSel ? .selection : .text, clip: r)
      // Proven (solid) from 0 to low; possible (light) from low to high; open-ended: an arrow.
      let lo = cells(b.low)
      let hi = b.high.map(cells) ?? lo
      for i in 0..<barWidth {
        let g: Character
        let role: Role
        if i < lo {
          (g, role) = (s.glyphs.barSolid, .barSolid)
        } else if i < max(hi, b.low == 0 && b.high == nil ? 0 : hi) {
          (g, role) = (s.glyphs.barLight, .barLight)
        } else if b.high == nil && i == lo {
          (g, role) = (Character(s.glyphs.right), .barLight)
        } else {
          continue
        }
        c.putGlyph(g, at: Point(x: barX + i, y: y), role: role, clip: r)
      }
      if wave.nationalAmount != nil {
        c.putGlyph(s.glyphs.vertical, at: Point(x: barX + barWidth, y: y), role: .dim, clip: r)
      }
      _ = c.put(
        Panes.pounds(s, b.text), at: Point(x: barX + barWidth + 2, y: y), width: textWidth,
        role: .text, clip: r)
      y += 1
    }
    y += 1
    if !unknown.isEmpty, y < r.maxY {
      let names = unknown.map { s.data.name($0) }.joined(separator: ", ")
      for l in DetailView.wrap(
        [("Amount unknown (\(unknown.count)): \(names)", .unknown)], width: r.width, indent: 0)
      {
        guard y < r.maxY else { break }
        _ = c.put(l.text, at: Point(x: r.x, y: y), width: r.width, role: .unknown, clip: r)
        y += 1
      }
    }
    if y < r.maxY {
      let legend =
        "\(s.glyphs.barSolid) proven  \(s.glyphs.barLight) up to  \(s.glyphs.right) at least (open-ended)  \(s.glyphs.vertical) the wave's national total"
      _ = c.put(legend, at: Point(x: r.x, y: r.maxY - 1), width: r.width, role: .dim, clip: r)
    }
  }

  private func drawScatter(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    let x = s[ChartsPane.self].x
    let yMeasure = s[ChartsPane.self].y
    let sc = ChartsReport.scatter(s.metrics, count: s.dataset.footprints.count, x: x, y: yMeasure)
    func name(_ m: Measure) -> String { m.spec.axisLabel }
    _ = c.put(
      "\(name(yMeasure)) (up, ]) against \(name(x)) (across, [)", at: Point(x: r.x, y: r.y),
      width: r.width, role: .heading, clip: r)
    let corr =
      "n = \(sc.points.count); \(sc.unknown) unknown, not plotted · Pearson r \(sc.pearson.map { Format.fixed($0, 2) } ?? "n/a") · "
      + "Spearman rho \(sc.spearman.map { Format.fixed($0, 2) } ?? "n/a")"
      // Bounds are plotted at their quoted figure: say so where any point is one.
      + (sc.points.contains { p in [x, yMeasure].contains { !Self.isExact($0, p.footprint, s) } }
        ? " · bounds at their quoted figure (\"up to\" by its top, \"at least\" by its floor)" : "")
    _ = c.put(corr, at: Point(x: r.x, y: r.y + 1), width: r.width, role: .label, clip: r)
    guard let xMin = sc.points.map(\.x).min(), let xMax = sc.points.map(\.x).max(),
      let yMin = sc.points.map(\.y).min(), let yMax = sc.points.map(\.y).max()
    else {
      _ = c.put(
        "No STP has both values.", at: Point(x: r.x + 10, y: r.y + 3), role: .unknown, clip: r)
      return
    }
    let (x0, x1) = (xMin, max(xMax, xMin + 1e-9))
    let (y0, y1) = (yMin, max(yMax, yMin + 1e-9))
    // The y labels' margin is as wide as they are (as shown, ASCII included): never cut.
    let yLabels = [label(s, yMeasure, y1), label(s, yMeasure, y0)]
    let margin = min(max(1, r.width / 3), (yLabels.map(DisplayWidth.of).max() ?? 8) + 1)
    let plot = Rect(
      x: r.x + margin, y: r.y + 3, width: max(4, r.width - margin - 2), height: max(2, r.height - 6)
    )
    let dotsW = plot.width * 2
    let dotsH = plot.height * 4
    func dot(_ p: (footprint: Int, x: Double, y: Double)) -> (Int, Int) {
      (
        Int(((p.x - x0) / (x1 - x0) * Double(dotsW - 1)).rounded()),
        Int(((y1 - p.y) / (y1 - y0) * Double(dotsH - 1)).rounded())
      )
    }
    // Axes.
    for yy in plot.y..<plot.maxY {
      c.putGlyph(s.glyphs.vertical, at: Point(x: plot.x - 1, y: yy), role: .dim, clip: r)
    }
    for xx in plot.x..<plot.maxX {
      c.putGlyph(s.glyphs.horizontal, at: Point(x: xx, y: plot.maxY), role: .dim, clip: r)
    }
    _ = c.put(yLabels[0], at: Point(x: r.x, y: plot.y), width: margin - 1, role: .dim, clip: r)
    _ = c.put(
      yLabels[1], at: Point(x: r.x, y: plot.maxY - 1), width: margin - 1, role: .dim, clip: r)
    _ = c.put(label(s, x, x0), at: Point(x: plot.x, y: plot.maxY + 1), role: .dim, clip: r)
    let xEnd = label(s, x, x1)
    _ = c.put(
      xEnd, at: Point(x: plot.maxX - DisplayWidth.of(xEnd), y: plot.maxY + 1), role: .dim, clip: r)
    // Points: braille dots (ASCII: '*' per cell).
    var bits = [Int: UInt32]()
    for p in sc.points {
      let (dx, dy) = dot(p)
      let cell = (dy / 4) * plot.width + dx / 2
      let bit: UInt32 =
        switch (dx % 2, dy % 4) {
        case (0, 0): 0x01
        case (0, 1): 0x02
        case (0, 2): 0x04
        case (1, 0): 0x08
        case (1, 1): 0x10
        case (1, 2): 0x20
        case (0, 3): 0x40
        default: 0x80
        }
      bits[cell, default: 0] |= bit
    }
    for (cell, b) in bits {
      let g: Character = c.isASCII ? "*" : Character(Unicode.Scalar(0x2800 + UInt16(b)) ?? "⣿")
      c.putGlyph(
        g, at: Point(x: plot.x + cell % plot.width, y: plot.y + cell / plot.width), role: .barSolid,
        clip: r)
    }
    // The selected STP: marked and named, with its two values.
    if let f = s.selectedCode.flatMap({ s.dataset.index(ofCode: $0) }),
      let p = sc.points.first(where: { $0.footprint == f })
    {
      let (dx, dy) = dot(p)
      let at = Point(x: plot.x + dx / 2, y: plot.y + dy / 4)
      c.putGlyph(c.isASCII ? "@" : "●", at: at, role: .selection, clip: r)
      let text =
        "\(s.data.name(f)): \(Panes.measureText(s, x, f).0), \(Panes.measureText(s, yMeasure, f).0)"
      let tx =
        at.x + 2 + DisplayWidth.of(text) <= r.maxX
        ? at.x + 2 : max(r.x, at.x - 1 - DisplayWidth.of(text))
      _ = c.put(text, at: Point(x: tx, y: at.y), role: .heading, clip: r)
    } else if let f = s.selectedCode.flatMap({ s.dataset.index(ofCode: $0) }) {
      _ = c.put(
        "\(s.data.name(f)) is not plotted: a value is unknown", at: Point(x: r.x, y: r.maxY - 1),
        width: r.width, role: .unknown, clip: r)
    }
  }

  /// Whether a measure's figure for a footprint is one exact value (not a bound or range).
  static func isExact(_ m: Measure, _ f: Int, _ s: AppState) -> Bool {
    let fig = s.metrics.figure(m, footprint: f)
    if case .exact = fig.value { return !fig.hasMore }
    return false
  }

  /// An axis end: the ordinal's label (band letters) or the value in the measure's unit, folded
  /// to ASCII where the terminal needs it (measured as shown).
  private func label(_ s: AppState, _ m: Measure, _ v: Double) -> String {
    let text: String
    if case .ordinal(let ticks)? = m.spec.axis {
      text = ticks.first { $0.value == v }?.label ?? FigureText.number(v, m.spec.unit, short: true)
    } else {
      text = MapScale.text(s, m, v)
    }
    return s.glyphs == .ascii ? ASCIIFold.fold(text) : text
  }

  /// Timeline lanes: per STP with any dated event, or per region.
  struct Lane {
    var name: String
    var footprint: Int?
    var members: [Int]
  }

  static func lanes(_ s: AppState) -> [Lane] {
    let (events, _) = Self.timeline(s)
    let withEvents = Set(events.compactMap(\.footprint))
    if s[ChartsPane.self].byRegion {
      var order: [String] = []
      var members: [String: [Int]] = [:]
      for f in s.dataset.footprints.indices where withEvents.contains(f) {
        let r = s.dataset.footprints[f].region ?? "no region"
        if members[r] == nil { order.append(r) }
        members[r, default: []].append(f)
      }
      return order.map { Lane(name: $0, footprint: nil, members: members[$0, default: []]) }
    }
    return s.metrics.league(by: .band).map(\.footprint).filter { withEvents.contains($0) }
      .map { Lane(name: s.data.name($0), footprint: $0, members: [$0]) }
  }

  private func drawTimeline(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    let (events, undated) = Self.timeline(s)
    let times = events.compactMap(\.time)
    guard let t0 = times.min().map({ $0.rounded(.down) }),
      let t1 = times.max().map({ $0.rounded(.down) + 1 })
    else {
      _ = c.put("No dated events.", at: Point(x: r.x, y: r.y), role: .dim, clip: r)
      return
    }
    _ = c.put(
      "D devolution  A accountable care  I integrated care  S success regime  £ funding award · W national waves · g lanes per \(s[ChartsPane.self].byRegion ? "STP" : "region")",
      at: Point(x: r.x, y: r.y), width: r.width, role: .heading, clip: r)
    let nameWidth = min(26, max(10, r.width / 4))
    let axisX = r.x + nameWidth + 1
    let axisW = max(10, r.width - nameWidth - 2)
    func col(_ t: Double) -> Int {
      axisX + Int(((t - t0) / (t1 - t0) * Double(axisW - 1)).rounded())
    }
    // Years along the top, then the national waves.
    var year = t0
    while year < t1 {
      _ = c.put(String(Int(year)), at: Point(x: col(year), y: r.y + 1), role: .dim, clip: r)
      year += 1
    }
    for e in events where e.kind == .wave {
      if let t = e.time {
        _ = c.put(String(e.text.prefix(2)), at: Point(x: col(t), y: r.y + 2), role: .label, clip: r)
      }
    }
    let lanes = Self.lanes(s)
    var byFootprint: [Int: [ChartsReport.Event]] = [:]
    for e in events { if let f = e.footprint { byFootprint[f, default: []].append(e) } }
    let selected = s.selectedCode.flatMap { s.dataset.index(ofCode: $0) }
    let height = max(0, r.height - 5)
    let selIndex = lanes.firstIndex { $0.footprint == selected } ?? 0
    let top = max(0, min(selIndex - height / 2, lanes.count - height))
    for (i, lane) in lanes.enumerated().dropFirst(top).prefix(height) {
      let y = r.y + 3 + i - top
      let isSel = lane.footprint != nil && lane.footprint == selected
      _ = c.put(
        lane.name, at: Point(x: r.x, y: y), width: nameWidth, role: isSel ? .selection : .text,
        clip: r)
      for xx in axisX..<(axisX + axisW) {
        c.putGlyph(Character(s.glyphs.dot), at: Point(x: xx, y: y), role: .barEmpty, clip: r)
      }
      for e in lane.members.flatMap({ byFootprint[$0] ?? [] }) {
        guard let t = e.time else { continue }
        let role: Role =
          switch e.kind {
          case .ics: .bandOutstanding
          case .acs: .bandAdvanced
          case .devolution: .bandMakingProgress
          case .successRegime: .bandNeedsImprovement
          default: .barSolid
          }
        c.putGlyph(
          e.letter == "£" ? Character(s.glyphs.pound.first == "£" ? "£" : "$") : e.letter,
          at: Point(x: col(t), y: y), role: role, clip: r)
      }
    }
    if !undated.isEmpty {
      let text =
        "Undated (not placed): "
        + undated.map { "\($0.footprint.map { s.data.name($0) } ?? "England"): \($0.text)" }.joined(
          separator: "; ")
      _ = c.put(text, at: Point(x: r.x, y: r.maxY - 1), width: r.width, role: .unknown, clip: r)
    }
  }

  /// A row per band and a column per wave of first designation: a block per STP in the band's
  /// colour and the count; the undated apart ("no date": unknown, not never); the median months
  /// from the rating; under it the correlation, or why there is none, and the selected STP.
  private func drawDesignations(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    let x = Self.designations(s)
    let dated = x.rows.count { $0.designation != nil }
    _ = c.put(
      "Band of July 2017 and month of first ACS/ICS designation · "
        + "\(dated) of \(x.rows.count) dated, the rest unknown (not never)",
      at: Point(x: r.x, y: r.y), width: r.width, role: .heading, clip: r)
    let nameWidth = min(28, max(18, r.width / 4))
    let monthsWidth = r.width >= 100 ? 26 : 12
    let columns = x.waves.map { Optional($0) } + [nil]
    let cellWidth = max(4, (r.width - nameWidth - monthsWidth - 1) / max(1, columns.count))
    for (i, w) in columns.enumerated() {
      // Narrow: "Jun 17"; the undated column is "?", the mark of the unknown.
      let label =
        w.map { cellWidth > 9 ? DesignationsReport.waveLabel($0) : Self.shortWave($0) }
        ?? (cellWidth > 8 ? "no date" : "?")
      _ = c.put(
        label,
        at: Point(x: r.x + nameWidth + i * cellWidth, y: r.y + 1), width: cellWidth - 1,
        role: .columnHeader, clip: r)
    }
    _ = c.put(
      "months to it", at: Point(x: r.maxX - monthsWidth, y: r.y + 1), width: monthsWidth,
      role: .columnHeader, clip: r)
    let selected = s.selectedCode.flatMap { s.dataset.index(ofCode: $0) }
    let selectedBand = selected.map { x.rows[$0].band }
    for (row, b) in DesignationsReport.bands.enumerated() {
      let y = r.y + 2 + row
      guard y < r.maxY else { break }
      let name = "\(DesignationsReport.bandName(b)) (\(x.count(band: b)))"
      _ = c.put(
        name, at: Point(x: r.x, y: y), width: nameWidth - 1,
        role: selectedBand == .some(b) ? .selection : Panes.bandRole(b), clip: r)
      for (i, w) in columns.enumerated() {
        let n = x.count(band: b, wave: w)
        let count = FigureText.text(Figure(.exact(Double(n)), unit: .count))
        let blocks = max(0, min(n, cellWidth - 2 - count.count))
        var xx = r.x + nameWidth + i * cellWidth
        let glyph =
          n == 0 ? Character(s.glyphs.dot) : w == nil ? s.glyphs.barLight : s.glyphs.barSolid
        let role: Role = n == 0 ? .barEmpty : w == nil ? .unknown : Panes.bandRole(b)
        for _ in 0..<max(1, blocks) {
          c.putGlyph(glyph, at: Point(x: xx, y: y), role: role, clip: r)
          xx += 1
        }
        _ = c.put(" " + count, at: Point(x: xx, y: y), role: n == 0 ? .dim : .text, clip: r)
      }
      let (median, of) = x.medianMonths(band: b)
      let months = FigureText.text(
        median.map { Figure(.exact($0), unit: .months, note: "median of \(of)") }
          ?? .absent(.unknown, unit: .months), width: monthsWidth)
      _ = c.put(
        months, at: Point(x: r.maxX - monthsWidth, y: y), width: monthsWidth,
        role: median == nil ? .unknown : .text, alignRight: true, clip: r)
    }
    var y = r.y + 3 + DesignationsReport.bands.count
    let notes = DesignationsReport.notes(x, s.dataset)
    // The correlation (or why there is none) and what a count is: the notes' last two.
    for line in notes.suffix(2).flatMap({ VectorMap.wrap($0, r.width) }) where y < r.maxY - 1 {
      _ = c.put(line, at: Point(x: r.x, y: y), width: r.width, role: .dim, clip: r)
      y += 1
    }
    // Each STP in the chart's order (j/k move along it, Enter opens Detail), around the selected.
    y += 1
    let height = r.maxY - y
    guard height > 0 else { return }
    let order = Self.designationOrder(x)
    let at = selected.flatMap { order.firstIndex(of: $0) } ?? 0
    let top = max(0, min(at - height / 2, order.count - height))
    for (i, f) in order.enumerated().dropFirst(top).prefix(height) {
      let row = x.rows[f]
      let line = y + i - top
      let isSelected = f == selected
      _ = c.put(
        s.data.name(f), at: Point(x: r.x, y: line), width: nameWidth - 1,
        role: isSelected ? .selection : .text, clip: r)
      // One form for the column: the names where there is room, else the letters (O A M N ?).
      let bandWidth = r.width >= 100 ? 23 : 2
      let band = FigureText.text(s.metrics.bandFigure(f), width: bandWidth - 1)
      _ = c.put(
        band, at: Point(x: r.x + nameWidth, y: line), width: bandWidth - 1,
        role: Panes.bandRole(row.band), clip: r)
      let months = row.months.map {
        FigureText.text(
          Figure(.exact(Double($0)), unit: .months, note: $0 < 0 ? "before the rating" : nil))
      }
      let text =
        row.designation.map {
          "\($0.announced ?? "")  \(months ?? "month not stated") · \($0.designation)"
            + ($0.scope.map { ", \($0)" } ?? "")
        } ?? "no dated designation (unknown)"
      _ = c.put(
        text, at: Point(x: r.x + nameWidth + bandWidth, y: line),
        width: r.width - nameWidth - bandWidth,
        role: row.designation == nil ? .unknown : .text, clip: r)
    }
  }

  // MARK: - Slides and exports

  func slideHeadlines(_ s: AppState) -> [Headline] {
    View.allCases.map { headline(s, $0) }
  }

  func headline(_ s: AppState) -> Headline? { headline(s, Self.view(s)) }

  func headline(_ s: AppState, _ view: View) -> Headline {
    switch view {
    case .ranges:
      guard let w = Self.wave(s) else { return Headline(title: "Funding ranges", figures: []) }
      let wave = s.dataset.waves[w]
      let (bars, unknown) = ChartsReport.ranges(s.dataset, s.metrics, wave: w)
      let found = bars.reduce(Int64(0)) { $0 + $1.low }
      return Headline(
        title:
          "\(wave.shortLabel) funding per STP: proven amounts and ranges\(wave.nationalAmount.map { ", of \(Format.money($0)) nationally" } ?? "")",
        figures: [
          Headline.Figure(
            text: Format.money(found), label: "proven for \(bars.count) STPs", role: .heading),
          Headline.Figure(text: "\(unknown.count)", label: "STPs, amount unknown", role: .unknown),
        ])
    case .scatter:
      let sc = ChartsReport.scatter(
        s.metrics, count: s.dataset.footprints.count, x: s[ChartsPane.self].x,
        y: s[ChartsPane.self].y)
      return Headline(
        title:
          "\(s[ChartsPane.self].y.label) against \(s[ChartsPane.self].x.label), for the STPs with both",
        figures: [
          Headline.Figure(
            text: sc.pearson.map { Format.fixed($0, 2) } ?? "?", label: "Pearson r", role: .heading),
          Headline.Figure(text: "\(sc.points.count)", label: "STPs (n)", role: .heading),
          Headline.Figure(text: "\(sc.unknown)", label: "unknown, not plotted", role: .unknown),
        ])
    case .designations:
      let x = Self.designations(s)
      let dated = x.rows.count { $0.designation != nil }
      let top = Band.allCases.sorted(by: >).first { x.count(band: $0) > 0 }
      let first = x.waves.first
      var figures: [Headline.Figure] = []
      if let top, let first {
        figures.append(
          Headline.Figure(
            text: "\(x.count(band: top, wave: first)) of \(x.count(band: top))",
            label: "\(top.name) STPs first designated \(spokenDate(first))",
            role: Panes.bandRole(top)))
      }
      figures.append(
        Headline.Figure(
          text: x.rho.map { Format.fixed($0, 2) } ?? "?",
          label: x.rho == nil
            ? "no rank correlation: n = \(x.n), too few"
            : "rank correlation of band and months, n = \(x.n) of \(x.rows.count)",
          role: x.rho == nil ? .unknown : .heading))
      figures.append(
        Headline.Figure(
          text: "\(x.rows.count - dated)", label: "STPs with no dated designation (unknown)",
          role: .unknown))
      return Headline(
        title:
          "The bands of July 2017 and the first ACS/ICS designation (\(dated) of \(x.rows.count) dated)",
        figures: figures)
    case .timeline:
      let (events, undated) = Self.timeline(s)
      let ics = Set(events.filter { $0.kind == .ics }.compactMap(\.footprint)).count
      let acs = Set(events.filter { $0.kind == .acs }.compactMap(\.footprint)).count
      return Headline(
        title: "Designations and funding, 2015-2020 (dated events; \(undated.count) undated)",
        figures: [
          Headline.Figure(
            text: "\(acs)", label: "STPs with an accountable care system", role: .bandAdvanced),
          Headline.Figure(
            text: "\(ics)", label: "STPs with an integrated care system", role: .bandOutstanding),
        ])
    }
  }

  func renderSlide(_ s: AppState, _ i: Int, in area: Rect, on canvas: inout Canvas) {
    draw(s, View(rawValue: i) ?? .ranges, in: area, on: &canvas)
  }

  func exportView(_ s: AppState) -> ExportView? {
    switch Self.view(s) {
    case .ranges: Self.wave(s).map { .chartRanges(wave: $0) }
    case .scatter: .chartScatter(x: s[ChartsPane.self].x, y: s[ChartsPane.self].y)
    case .timeline: .chartTimeline
    case .designations: .chartDesignations
    }
  }
}

extension AppState {
  /// The chart the charts pane shows and its choices (that pane's own state), for callers
  /// outside the panes: `snapshot --chart`, the benchmarks.
  public var chart: ChartState {
    get { self[ChartsPane.self] }
    set { self[ChartsPane.self] = newValue }
  }
}
