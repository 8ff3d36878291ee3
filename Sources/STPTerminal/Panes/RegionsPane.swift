import STPModel
import STPReport

/// The NHS regions of 2017 rolled up from their STPs, every figure with its coverage: bands as a
/// stacked bar of band letters, capital proven and quoted, per head, breadth medians. Enter
/// lists the region's STPs (the league filtered to it).
struct RegionsPane: Pane {
  let id = PaneID.regions
  let title = "Regions"

  var keyMap: KeyMap {
    KeyMap("Regions pane", [
      Binding([.down, .char("j")], .moveSelection(by: 1), help: "next region"),
      Binding([.up, .char("k")], .moveSelection(by: -1), help: "previous region"),
      Binding(.enter, .openDetail, help: "the region's STPs (the league, filtered)", hint: true, short: "STPs"),
    ])
  }

  var isTopLevel: Bool { true }

  /// The roll-up, made once per load (the status bar, keys and frame all read it).
  func prepare(_ s: AppState) -> (any Sendable)? { RegionsReport.make(s.dataset, s.metrics) }

  static func report(_ s: AppState) -> RegionsReport {
    s.cache(for: .regions, as: RegionsReport.self) ?? RegionsReport.make(s.dataset, s.metrics)
  }

  func coverage(_ s: AppState) -> String {
    let r = Self.report(s)
    let funded = r.regions.reduce(0) { $0 + $1.withAmount }
    return "\(r.regions.count) regions · amounts for \(funded) of \(s.dataset.footprints.count) STPs"
      + (r.unassigned.isEmpty ? "" : " · \(r.unassigned.count) without a region")
  }

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    let report = Self.report(s)
    switch action {
    case .moveSelection(let by):
      s.regionRow = max(0, min(report.regions.count - 1, s.regionRow + by))
      return []
    case .openDetail:
      guard report.regions.indices.contains(s.regionRow) else { return [] }
      let name = report.regions[s.regionRow].name
      s.filter = "region:" + (name.split(separator: " ").first.map(String.init) ?? name).lowercased()
      s.isEditingFilter = false
      s.pane = .league
      s.tables[.league, default: TableState()].top = 0
      if let first = s.rows(for: .league).first { s.selectedCode = s.dataset.footprints[first].code }
      s.message = "\(name): \(s.rows(for: .league).count) STPs (Esc clears the filter)"
      return []
    default:
      return nil
    }
  }

  /// The columns, most important first; those that do not fit are left out, rightmost first.
  private func columns() -> [(title: String, width: Int, text: (RegionsReport.Region) -> String)] {
    [
      ("Region", 18, { $0.name }),
      ("STPs", 5, { "\($0.footprints.count)" }),
      ("Bands", 14, { _ in "" }),
      ("Per head, region (at least)", 28, { RegionsReport.perHeadText($0) + " (\($0.withAmount) of \($0.footprints.count))" }),
      ("Capital proven", 38, { RegionsReport.capitalText($0) }),
      ("Quoted", 19, { $0.withAmount > 0 ? "\(Format.money($0.quoted)) (\($0.withAmount) of \($0.footprints.count))" : "unknown" }),
      ("Per head, STPs with amounts", 28, { r in
        r.perHeadWhereKnown.map { Format.perHead($0) + " (\(r.withAmount) of \(r.footprints.count))" } ?? "unknown"
      }),
      ("Non-NHS breadth (median)", 36, { RegionsReport.breadthText($0) }),
    ]
  }

  func render(_ s: AppState, in area: Rect, on c: inout Canvas) {
    guard !area.isEmpty else { return }
    let report = Self.report(s)
    let cols = columns()
    var x = area.x
    var shown: [(Int, Int)] = []  // column, x
    for (i, col) in cols.enumerated() {
      let w = i == 0 ? min(col.width, max(8, area.width / 4)) : col.width
      guard x + w <= area.maxX || i == 0 else { break }
      shown.append((i, x))
      x += w + 1
    }
    for (i, cx) in shown {
      _ = c.put(cols[i].title, at: Point(x: cx, y: area.y), width: cols[i].width, role: .columnHeader, clip: area)
    }
    for (r, region) in report.regions.enumerated() {
      let y = area.y + 1 + r
      guard y < area.maxY else { break }
      let selected = r == s.regionRow
      for (i, cx) in shown {
        let width = i == 0 ? min(cols[i].width, max(8, area.width / 4)) : cols[i].width
        if cols[i].title == "Bands" {
          drawBands(region, s, at: Point(x: cx, y: y), width: width - 1, on: &c)
          continue
        }
        let text = cols[i].text(region)
        let known = !text.hasPrefix("unknown")
        _ = c.put(Panes.pounds(s, text), at: Point(x: cx, y: y), width: width - 1, role: selected && i == 0 ? .selection : (known ? .text : .unknown), clip: area)
      }
    }
    // The question people ask, answered with its basis.
    var y = area.y + 2 + report.regions.count
    let ranked = report.regions.filter { $0.perHeadAtLeast != nil }.sorted { $0.perHeadAtLeast! > $1.perHeadAtLeast! }
    let unknown = report.regions.filter { $0.perHeadAtLeast == nil }.map(\.name)
    var answer: [(String, Role)] = []
    if let top = ranked.first {
      answer.append(("Most capital per head (proven, over the whole region's ONS mid-2017 population): \(top.name), "
        + "\(RegionsReport.perHeadText(top)) a head, from amounts for \(top.withAmount) of its \(top.footprints.count) STPs.", .heading))
      answer.append(("Then " + ranked.dropFirst().map { "\($0.name) \(RegionsReport.perHeadText($0)) (\($0.withAmount) of \($0.footprints.count))" }.joined(separator: ", ")
        + (unknown.isEmpty ? "." : "; unknown for \(unknown.joined(separator: ", ")) (no amounts)."), .text))
      let quoted = report.regions.filter { $0.perHeadWhereKnown != nil }.sorted { $0.perHeadWhereKnown! > $1.perHeadWhereKnown! }
      answer.append(("By the quoted amounts (\"up to\" by its top) over only the STPs that have them: "
        + quoted.map { "\($0.name) \(Format.perHead($0.perHeadWhereKnown!)) (\($0.withAmount) of \($0.footprints.count))" }.joined(separator: ", ")
        + ".", .text))
      answer.append(("Most STPs' amounts are not in the sources: no figure here is a region's total. Enter lists a region's STPs.", .dim))
    }
    for (text, role) in answer {
      for l in DetailView.wrap([(Panes.pounds(s, text), role)], width: max(1, area.width - 1), indent: 0) {
        guard y < area.maxY else { break }
        _ = c.put(l.text, at: Point(x: area.x, y: y), width: area.width, role: role, clip: area)
        y += 1
      }
    }
  }

  /// The bands as a stacked bar of their letters (O A M N, ? unknown), one cell per STP where
  /// it fits, else in proportion; readable without colour.
  private func drawBands(_ r: RegionsReport.Region, _ s: AppState, at p: Point, width: Int, on c: inout Canvas) {
    let counts = r.bands + [r.unknownBands]
    let letters: [Character] = ["O", "A", "M", "N", "?"]
    let roles: [Role] = [.bandOutstanding, .bandAdvanced, .bandMakingProgress, .bandNeedsImprovement, .bandUnknown]
    let total = counts.reduce(0, +)
    guard total > 0, width > 0 else { return }
    // Cells per band: by largest remainder, each band with STPs at least one cell when it fits.
    let scale = Double(min(width, total)) / Double(total)
    var cells = counts.map { Int((Double($0) * scale).rounded(.down)) }
    var left = min(width, total) - cells.reduce(0, +)
    for i in counts.indices.sorted(by: { Double(counts[$0]) * scale - Double(cells[$0]) > Double(counts[$1]) * scale - Double(cells[$1]) }) where left > 0 && counts[i] > 0 {
      cells[i] += 1
      left -= 1
    }
    var x = p.x
    for (i, n) in cells.enumerated() {
      for _ in 0..<n {
        c.putGlyph(letters[i], at: Point(x: x, y: p.y), role: roles[i])
        x += 1
      }
    }
  }

  func headline(_ s: AppState) -> Headline? {
    let report = Self.report(s)
    let figures = report.regions.map { r in
      Headline.Figure(text: r.perHeadAtLeast.map { "£" + String(Int($0.rounded(.down))) } ?? "?",
                      label: "\(r.name): at least, \(r.withAmount) of \(r.footprints.count) STPs",
                      role: r.perHeadAtLeast == nil ? .unknown : .heading,
                      compact: "\(r.name) \(RegionsReport.perHeadText(r)) (\(r.withAmount) of \(r.footprints.count))")
    }
    return Headline(title: "Capital per head by NHS region, at least (proven amounts over the whole region's ONS mid-2017 population)", figures: figures)
  }
}
