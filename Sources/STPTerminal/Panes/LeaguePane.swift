import STPModel
import STPReport

/// Who leads: every STP by band or another measure (`m`), with movement between rating periods.
struct LeaguePane: TablePane {
  let id = PaneID.league
  let title = "League"

  var keyMap: KeyMap {
    KeyMap("League pane", [Binding(.char("m"), .cycleMeasure, help: "measure", hint: true)])
  }

  func rankMeasure(_ s: AppState) -> Measure { s.measure }

  var showsMeasure: Bool { true }

  /// Every measure's figures and forms, once per load.
  func prepare(_ s: AppState) -> (any Sendable)? {
    MeasureFigures(s.metrics, count: s.dataset.footprints.count)
  }

  func coverage(_ s: AppState) -> String {
    let n = s.dataset.footprints.count
    return
      "\(s.measure.rawValue) known \((0..<n).count { s.metrics.value(s.measure, footprint: $0) != nil })/\(n)"
  }

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    guard action == .cycleMeasure else { return reduceTable(&s, action) }
    Self.nextMeasure(&s)
    ensureVisible(&s)
    return []
  }

  /// `m`: the next measure, and the league back in its rank order.
  static func nextMeasure(_ s: inout AppState) {
    let all = Measure.allCases
    s.measure = all[((all.firstIndex(of: s.measure) ?? 0) + 1) % all.count]
    s[LeaguePane.self].sort = SortState()
  }

  func exportView(_ s: AppState) -> ExportView? { .league(s.measure, rows: s.rows(for: id)) }

  func headline(_ s: AppState) -> Headline? {
    let m = s.metrics
    let n = s.dataset.footprints.count
    var counts = [Band?: Int]()
    for b in m.bands { counts[b, default: 0] += 1 }
    let bounds = m.bandBounds
    let unknownLabel = bounds.unknownAreAdvancedOrMakingProgress ? "unknown: A or M" : "unknown"
    let figures =
      Band.allCases.map { b in
        Headline.Figure(
          text: "\(counts[b, default: 0])", label: b.name, role: Panes.bandRole(b),
          compact: "\(b.letter) \(counts[b, default: 0])")
      } + [
        Headline.Figure(
          text: "\(counts[nil, default: 0])", label: unknownLabel, role: .bandUnknown,
          compact: (bounds.unknownAreAdvancedOrMakingProgress ? "unknown (A or M) " : "unknown ")
            + "\(counts[nil, default: 0])")
      ]
    return Headline(
      title: "Who leads: NHS England's STP ratings\(m.period.map { ", \($0)" } ?? "") (\(n) STPs)",
      figures: figures)
  }

  func columns(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = Panes.positions(s, s.measure)
    var cols = [Panes.positionColumn(pos), Panes.nameColumn(s)]
    // Where the published totals fix positions among all the STPs (by band: every Outstanding
    // and every Needs most improvement is known), that position beside the one of the known.
    if pos.values.contains(where: { $0.position.amongAll != nil }) {
      let n = s.dataset.footprints.count
      cols.append(
        .text(
          "/\(n)", width: 9, minWidth: 5, right: true, priority: 95, longTitle: "Pos of \(n)",
          sort: { pos[$0]?.position.amongAll?.first.map { .number(Double($0)) } },
          value: { f in
            guard let among = pos[f]?.position.amongAll, let first = among.first else {
              return ("", .dim)
            }
            // One position, or the ones the published totals leave ("=20/24/26").
            // An unknown band: anywhere from the first to the last of them.
            let text =
              among.count == 1
              ? "=\(first)"
              : among.count <= 3
                ? "=" + among.map(String.init).joined(separator: "/")
                : "=\(first)–\(among.last ?? first)"
            return (text, pos[f]?.position.rank == nil ? .unknown : .text)
          }))
    }
    cols.append(
      .text(
        "Region", width: 17, minWidth: 6, priority: 40,
        sort: { s.dataset.footprints[$0].region.map { .text($0) } },
        value: { (s.dataset.footprints[$0].region ?? "unknown", .text) }))
    cols.append(
      TableColumn(
        title: "Band", width: 24, minWidth: 1, priority: 90,
        sortKey: { m.bands[$0].map { .number(Double($0.rawValue)) } },
        draw: { c, r, f in
          let b = m.bands[f]
          let text =
            r.width < 3 ? String(b?.letter ?? "?") : "\(b?.letter ?? "?") \(b?.name ?? "unknown")"
          c.put(text, at: Point(x: r.x, y: r.y), width: r.width, role: Panes.bandRole(b), clip: r)
        }))
    if m.previousPeriod != nil {
      cols.append(
        .text(
          "Move", width: 4, right: true, priority: 60,
          sort: { pos[$0]?.movement.map { .number(Double($0)) } },
          value: { f in
            guard let mv = pos[f]?.movement else { return ("", .dim) }
            if mv > 0 { return (s.glyphs.up + "\(mv)", .movementUp) }
            if mv < 0 { return (s.glyphs.down + "\(-mv)", .movementDown) }
            return ("=", .dim)
          }))
    }
    if s.measure != .band {
      let values = (0..<s.dataset.footprints.count).map { m.value(s.measure, footprint: $0) }
      let top = values.compactMap { $0 }.max() ?? 0
      // "at least £204", "£4.37 to £11": the widest qualified values, whole.
      cols.append(
        Panes.figureColumn(
          s, s.measure, title: s.measure.label,
          width: max(13, s.measure.spec.columnWidth), minWidth: 8, priority: 85))
      cols.append(
        TableColumn(
          title: "", width: 20, minWidth: 0, priority: 20,
          draw: { c, r, f in
            guard let v = values[f], top > 0 else { return }
            TableView.bar(&c, r, solid: v / top, light: v / top, glyphs: s.glyphs)
          }))
    }
    // The other measures, last to get room: shown on wide screens, reached with → elsewhere.
    for (k, measure) in Measure.allCases.enumerated() where measure != s.measure && measure != .band
    {
      cols.append(Panes.optionalFigureColumn(s, measure, priority: 15 - k))
    }
    return cols
  }

  /// Splits `width` cells among counts in proportion, every cell used and every non-zero count
  /// at least one cell (largest remainders get the cells rounding leaves over).
  static func barWidths(_ counts: [Int], width: Int) -> [Int] {
    let total = counts.reduce(0, +)
    guard total > 0, width > 0 else { return counts.map { _ in 0 } }
    let nonZero = counts.count { $0 > 0 }
    guard width >= nonZero else {
      return counts.map { $0 > 0 ? 1 : 0 }.enumerated().map { $0.offset < width ? $0.element : 0 }
    }
    var widths = counts.map { $0 > 0 ? 1 : 0 }
    let share = Double(width - nonZero) / Double(total)
    let exact = counts.map { Double($0) * share }
    for i in counts.indices { widths[i] += Int(exact[i]) }
    var left = width - widths.reduce(0, +)
    for i in counts.indices.sorted(by: {
      exact[$0] - exact[$0].rounded(.down) > exact[$1] - exact[$1].rounded(.down)
    }) where left > 0 && counts[i] > 0 {
      widths[i] += 1
      left -= 1
    }
    return widths
  }

  func strip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    let m = s.metrics
    var counts = [Band?: Int]()
    for b in m.bands { counts[b, default: 0] += 1 }
    let bands = Band.allCases.map(Optional.some) + [nil]
    let period = m.period.map { " \($0)" } ?? ""
    // Names when they fit, letters otherwise: "O Outstanding 5" or "O 5". The unknown count
    // says what it can still be when the published totals pin the other bands.
    let bounds = m.bandBounds
    let either = bounds.unknownAreAdvancedOrMakingProgress
    // The published totals that pin the unknowns, compactly: "A 20/18/14, M 14/16/20 published".
    func values(_ b: Band) -> String {
      bounds.publishedValues(b).map(String.init).joined(separator: "/")
    }
    let published =
      either ? "(published: A \(values(.advanced)), M \(values(.makingProgress)))" : ""
    var says = false
    var showPublished = false
    func label(_ b: Band?, long: Bool) -> String {
      let n = counts[b, default: 0]
      guard let b else {
        let head =
          long ? "? unknown \(n)" + (says ? ", A or M" : "") : "? \(n)" + (says ? " A/M" : "")
        return head + (showPublished ? " " + published : "")
      }
      return long ? "\(b.letter) \(b.name) \(n)" : "\(b.letter) \(n)"
    }
    let title = "Bands\(period):"
    func width(long: Bool) -> Int {
      DisplayWidth.of(title) + bands.reduce(0) { $0 + DisplayWidth.of(label($1, long: long)) + 2 }
    }
    // The richest layout that fits, most telling first: the published totals before long names.
    var long = false
    let layouts: [(long: Bool, says: Bool, published: Bool)] =
      either
      ? [
        (true, true, true), (false, true, true), (true, true, false), (false, true, false),
        (false, false, false),
      ]
      : [(true, false, false), (false, false, false)]
    for (k, l) in layouts.enumerated() {
      (long, says, showPublished) = (l.long, l.says, l.published)
      if width(long: long) + (l.long ? 12 : 2) <= r.width || k == layouts.count - 1 { break }
    }
    var x = r.x + 1
    x += c.put(title, at: Point(x: x, y: r.y), role: .label, clip: r) + 1
    for b in bands {
      x +=
        c.put(label(b, long: long), at: Point(x: x, y: r.y), role: Panes.bandRole(b), clip: r) + 2
    }
    // A bar of the same counts in what is left of the line.
    let rest = Rect(x: x, y: r.y, width: r.maxX - x - 1, height: 1)
    guard rest.width >= 8 else { return }
    var bx = rest.x
    let widths = Self.barWidths(bands.map { counts[$0, default: 0] }, width: rest.width)
    for (k, b) in bands.enumerated() {
      let w = widths[k]
      let glyph = b == nil ? s.glyphs.barLight : s.glyphs.barSolid
      for _ in 0..<w where bx < rest.maxX {
        c.putGlyph(glyph, at: Point(x: bx, y: r.y), role: Panes.bandRole(b), clip: rest)
        bx += 1
      }
    }
  }
}
