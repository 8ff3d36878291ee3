import STPModel
import STPReport
import Synchronization

/// Up to six STPs side by side (`c` adds the selected one anywhere; with none added, the
/// spotlighted ones): a row per measure with its qualifier, position and denominator, a bar per
/// value on the row's scale and the best marked. Enter opens that STP's Detail at the value; `y`
/// copies the value's source.
struct ComparePane: StatefulPane {
  static let initialState = GridCursor()
  let id = PaneID.compare
  let title = "Compare"

  var keyMap: KeyMap {
    KeyMap(
      "Compare pane",
      [
        Binding([.down, .char("j")], .moveSelection(by: 1), help: "next measure"),
        Binding([.up, .char("k")], .moveSelection(by: -1), help: "previous measure"),
        Binding([.right, .char("l")], .scrollColumns(by: 1), help: "next STP"),
        Binding([.left, .char("h")], .scrollColumns(by: -1), help: "previous STP"),
        Binding(.enter, .openDetail, help: "that STP's Detail, at the value", hint: true),
        Binding(
          .char("x"), .toggleCompare, help: "take the STP under the cursor out", hint: true,
          short: "remove"),
        Binding(.char("y"), .copySource(withValue: false), help: "copy the value's source"),
        Binding(.char("Y"), .copySource(withValue: true), help: "copy the value with its source"),
      ])
  }

  var isTopLevel: Bool { true }

  /// The STPs compared: those added with `c`, else the spotlighted ones.
  static func footprints(_ s: AppState) -> (indices: [Int], fromSpotlight: Bool) {
    let added = s.session.compare.compactMap { s.dataset.index(ofCode: $0) }
    if !added.isEmpty { return (added, false) }
    return (
      Array(
        s.session.spotlight.compactMap { s.dataset.index(ofCode: $0) }.prefix(CompareReport.limit)),
      true
    )
  }

  /// The report for the STPs compared, made once per set and load (finding each value's
  /// source reads the data rows: 23 ms a frame at a million funding rows before this cache).
  static func report(_ s: AppState) -> CompareReport {
    let fs = footprints(s).indices
    let make = { CompareReport.make(s.dataset, s.metrics, footprints: fs) }
    return s.cache(for: .compare, as: ReportCache.self)?.report(fs, make: make) ?? make()
  }

  final class ReportCache: @unchecked Sendable {
    private let last = Mutex<(key: [Int], report: CompareReport)?>(nil)
    func report(_ key: [Int], make: () -> CompareReport) -> CompareReport {
      if let hit = last.withLock({ $0 }), hit.key == key { return hit.report }
      let made = make()
      last.withLock { $0 = (key, made) }
      return made
    }
  }

  func prepare(_ s: AppState) -> (any Sendable)? { ReportCache() }

  func coverage(_ s: AppState) -> String {
    let (fs, spot) = Self.footprints(s)
    return fs.isEmpty
      ? "nothing to compare: c on an STP adds it"
      : "comparing \(fs.count) of \(CompareReport.limit)\(spot ? " (the spotlighted)" : "")"
  }

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    let report = Self.report(s)
    let rows = report.rows.count
    let columns = report.footprints.count
    var c = s[ComparePane.self]
    switch action {
    case .moveSelection(let by):
      c.row = max(0, min(rows - 1, c.row + by))
    case .scrollColumns(let by):
      c.column = max(0, min(columns - 1, c.column + by))
    case .toggleCompare:
      guard report.footprints.indices.contains(c.column) else { return [] }
      let code = s.dataset.footprints[report.footprints[c.column]].code
      if let i = s.session.compare.firstIndex(of: code) {
        s.session.compare.remove(at: i)
      } else if let i = s.session.spotlight.firstIndex(of: code) {
        s.session.spotlight.remove(at: i)  // compared from the spotlight: un-spotlight it
      }
      c.column = max(0, min(c.column, Self.footprints(s).indices.count - 1))
    case .openDetail:
      guard report.footprints.indices.contains(c.column), report.rows.indices.contains(c.row) else {
        s.message = "nothing to compare: c on an STP adds it"
        return []
      }
      s.selectedCode = s.dataset.footprints[report.footprints[c.column]].code
      DetailPane.open(&s, from: id)
      // At the value: the first line of its section.
      let section = report.rows[c.row].section.lowercased()
      let lines = DetailView.lines(s, width: Layout.regions(s).pane.width)
      if let at = lines.firstIndex(where: { $0.text.lowercased().trimmingSpaces.hasPrefix(section) }
      ) {
        s[DetailPane.self].subject?.scroll = at
      }
      return []
    case .copySource(let withValue):
      guard report.rows.indices.contains(c.row), report.footprints.indices.contains(c.column) else {
        return nil
      }
      let row = report.rows[c.row]
      let cell = row.cells[c.column]
      guard let source = cell.source else {
        s.message = "no source for this value (derived: see the rows above it)"
        return []
      }
      let name = report.names[c.column]
      let at = cell.location.map { " [\($0)]" } ?? ""
      s.message = "copied the source of \(name.bounded(40))'s \(row.name) (OSC 52)"
      return [
        .copy(withValue ? "\(name): \(row.name) \(cell.text) — source: \(source)\(at)" : source)
      ]
    default:
      return nil
    }
    // Keep the cursor's row in view.
    let height = max(1, Layout.regions(s).pane.height - 2)
    if c.row < c.top { c.top = c.row }
    if c.row >= c.top + height { c.top = c.row - height + 1 }
    s[ComparePane.self] = c
    return []
  }

  func render(_ s: AppState, in area: Rect, on c: inout Canvas) {
    guard !area.isEmpty else { return }
    let report = Self.report(s)
    let k = report.footprints.count
    guard k > 0 else {
      let lines = [
        "Nothing to compare yet.",
        "",
        "Select an STP in any pane (League, Partnerships, Funding, Map, Detail) and press c to",
        "add it; up to \(CompareReport.limit). Spotlighted STPs (*) are compared when none is added.",
      ]
      for (i, l) in lines.enumerated() {
        _ = c.put(
          l, at: Point(x: area.x + 1, y: area.y + i), width: area.width - 1,
          role: i == 0 ? .heading : .dim, clip: area)
      }
      return
    }
    let labelWidth = min(20, max(8, area.width / 5))
    let columnWidth = max(1, (area.width - labelWidth) / k)
    let cursor = s[ComparePane.self]
    // Heading: the STPs' names.
    _ = c.put(
      Self.footprints(s).fromSpotlight ? "Spotlighted" : "Measure", at: Point(x: area.x, y: area.y),
      width: labelWidth - 1, role: .columnHeader, clip: area)
    for (i, name) in report.names.enumerated() {
      let x = area.x + labelWidth + i * columnWidth
      _ = c.put(
        name, at: Point(x: x, y: area.y), width: columnWidth - 1,
        role: i == cursor.column ? .columnSorted : .columnHeader, clip: area)
    }
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
    for r in report.rows.indices.dropFirst(cursor.top) {
      let y = body.y + r - cursor.top
      guard y < body.maxY else { break }
      let row = report.rows[r]
      _ = c.put(
        row.label, at: Point(x: area.x, y: y), width: labelWidth - 1,
        role: row.label.hasPrefix(" ") ? .dim : .label, clip: area)
      let best = Set(row.best)
      // Bars on one scale per row: the largest known value fills the bar.
      let top = row.isPosition ? nil : row.cells.compactMap(\.value).filter { $0 > 0 }.max()
      for (i, cell) in row.cells.enumerated() {
        let x = area.x + labelWidth + i * columnWidth
        let isCursor = r == cursor.row && i == cursor.column && !s.isCleanSlide
        var role: Role = cell.isKnown ? (best.contains(i) ? .heading : .text) : .unknown
        if isCursor { role = .selection }
        // The marker first, so a narrow column keeps it; then the longest form that fits in
        // what is left ("at least £100m", "≥£100m"; positions "=1 of 17 known", "=1/17").
        let mark = best.contains(i) ? "\(s.glyphs.up) " : ""
        let value = Panes.pounds(
          s, cell.text(width: columnWidth - 1 - DisplayWidth.of(mark), ascii: s.glyphs == .ascii))
        let text = mark + value
        _ = c.put(text, at: Point(x: x, y: y), width: columnWidth - 1, role: role, clip: area)
        let used = DisplayWidth.of(text)
        // A bar in what is left of the column (at least 4 cells), when the row ranks.
        if row.hasBars, let top, let v = cell.value, v > 0 {
          let room = min(12, columnWidth - 2 - used)
          if room >= 4 {
            let filled = max(1, Int((Double(room) * v / top).rounded()))
            let empty: Character =
              s.glyphs.barEmpty == " " ? Character(s.glyphs.dot) : s.glyphs.barEmpty
            for j in 0..<room {
              c.putGlyph(
                j < filled ? s.glyphs.barSolid : empty,
                at: Point(x: x + used + 1 + j, y: y), role: j < filled ? .barSolid : .barEmpty,
                clip: area)
            }
          }
        }
      }
    }
    let foot =
      "\(s.glyphs.up) highest value (or first position) among these · bars on each row's scale · positions count known values only"
    _ = c.put(
      foot, at: Point(x: area.x, y: area.maxY - 1), width: area.width, role: .dim, clip: area)
  }

  func headline(_ s: AppState) -> Headline? {
    let report = Self.report(s)
    guard !report.footprints.isEmpty else { return nil }
    let m = s.metrics
    let league = m.league(by: s.measure)
    let figures = report.footprints.enumerated().map { i, f in
      let p = league.first { $0.footprint == f }?.position ?? Position(rank: nil, isTied: false)
      let label = "\(report.names[i].bounded(22)): \(s.measure.spec.mapTitle)"
      return Headline.Figure(
        text: p.rank == nil ? "?" : p.label, label: label,
        role: p.rank == nil ? .unknown : .heading,
        compact: "\(report.names[i].bounded(22)) \(FigureText.position(p, width: 30))")
    }
    let known = league.first?.position.known ?? 0
    return Headline(
      title:
        "Compared: \(report.names.joined(separator: ", ")) (positions by \(s.measure.spec.mapTitle), of \(known) known)",
      figures: figures)
  }

  func exportView(_ s: AppState) -> ExportView? {
    let fs = Self.footprints(s).indices
    return fs.isEmpty ? nil : .compare(codes: fs.map { s.dataset.footprints[$0].code })
  }
}
