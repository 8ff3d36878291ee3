import STPModel
import STPReport

/// The NHS regions of 2017 rolled up from their STPs, every figure with its coverage: bands as a
/// stacked bar of band letters, capital proven and quoted, per head, breadth medians. Enter
/// lists the region's STPs (the league filtered to it).
struct RegionsPane: StatefulPane {
  /// The region selected.
  static let initialState = 0
  let id = PaneID.regions
  let title = "Regions"

  var keyMap: KeyMap {
    KeyMap(
      "Regions pane",
      [
        Binding([.down, .char("j")], .moveSelection(by: 1), help: "next region"),
        Binding([.up, .char("k")], .moveSelection(by: -1), help: "previous region"),
        Binding(
          .enter, .openDetail, help: "the region's STPs (the league, filtered)", hint: true,
          short: "STPs"),
      ])
  }

  var isTopLevel: Bool { true }

  func exportView(_ s: AppState) -> ExportView? { .regions }

  /// The roll-up, made once per load (the status bar, keys and frame all read it).
  func prepare(_ s: AppState) -> (any Sendable)? {
    let (d, m) = (s.dataset, s.metrics)
    return Once { RegionsReport.make(d, m) }
  }

  static func report(_ s: AppState) -> RegionsReport {
    s.cache(for: .regions, as: Once<RegionsReport>.self)?.value
      ?? RegionsReport.make(s.dataset, s.metrics)
  }

  func coverage(_ s: AppState) -> String {
    let r = Self.report(s)
    let funded = r.regions.reduce(0) { $0 + $1.withAmount }
    return
      "\(r.regions.count) regions · amounts for \(funded) of \(s.dataset.footprints.count) STPs"
      + (r.unassigned.isEmpty ? "" : " · \(r.unassigned.count) without a region")
  }

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    let report = Self.report(s)
    switch action {
    case .moveSelection(let by):
      s[RegionsPane.self] = max(0, min(report.regions.count - 1, s[RegionsPane.self] + by))
      return []
    case .openDetail:
      guard report.regions.indices.contains(s[RegionsPane.self]) else { return [] }
      let name = report.regions[s[RegionsPane.self]].name
      s.filter =
        "region:" + (name.split(separator: " ").first.map(String.init) ?? name).lowercased()
      s.isEditingFilter = false
      remember(&s, leaving: .regions)  // q comes back to the regions
      s.pane = .league
      s[LeaguePane.self].top = 0
      if let first = s.rows(for: .league).first {
        s.selectedCode = s.dataset.footprints[first].code
      }
      s.message = "\(name): \(s.rows(for: .league).count) STPs (Esc clears the filter)"
      return []
    default:
      return nil
    }
  }

  /// The columns, most important first; those that do not fit are left out, rightmost first.
  /// Each gives its forms, longest first: a column takes the longest that fits, never a cut
  /// figure.
  private func columns() -> [(title: String, width: Int, forms: (RegionsReport.Region) -> [String])]
  {
    [
      ("Region", 18, { [$0.name] }),
      ("STPs", 5, { ["\($0.footprints.count)"] }),
      ("Bands", 20, { [RegionsReport.bandsText($0)] }),
      (
        "Per head, region", 22,
        { r in
          r.perHeadRegion.map { f in
            FigureText.forms(f).map { $0 + " (\(r.withAmount) of \(r.footprints.count))" }
              + FigureText.forms(f)
          }
            ?? ["unknown (no amounts)", "unknown"]
        }
      ),
      ("Funding", 40, { RegionsReport.capitalForms($0) }),
      (
        "Per head, STPs with amounts", 40,
        { r in
          [RegionsReport.perHeadCoveredText(r)]
            + (r.perHeadCovered.map { FigureText.forms($0) } ?? ["unknown"])
        }
      ),
      ("Non-NHS breadth (median)", 40, { [RegionsReport.breadthText($0)] }),
    ]
  }

  func render(_ s: AppState, in area: Rect, on c: inout Canvas) {
    guard !area.isEmpty else { return }
    let report = Self.report(s)
    let cols = columns()
    let ascii = s.glyphs == .ascii
    // Each column as wide as its longest form, down to its widest shortest form.
    func widths(_ i: Int) -> (want: Int, least: Int) {
      let all = report.regions.map { cols[i].forms($0).map { ascii ? ASCIIFold.fold($0) : $0 } }
      let want = all.map { $0.map(DisplayWidth.of).max() ?? 0 }.max() ?? 0
      let least = all.map { DisplayWidth.of($0.last ?? "") }.max() ?? 0
      let title = DisplayWidth.of(cols[i].title)
      let floor = max(least, i == 0 ? 6 : min(title, 8))
      return (max(min(max(want, title), cols[i].width), floor), floor)
    }
    var x = area.x
    var shown: [(Int, Int, Int)] = []  // column, x, width
    for i in cols.indices {
      let (want, least) = widths(i)
      let room = area.maxX - x
      let w = i == 0 ? min(want, max(least, area.width / 4)) : min(want, room)
      guard w >= least || i == 0 else { break }
      shown.append((i, x, w))
      x += w + 1
    }
    for (i, cx, w) in shown {
      _ = c.put(
        cols[i].title, at: Point(x: cx, y: area.y), width: w, role: .columnHeader, clip: area)
    }
    for (r, region) in report.regions.enumerated() {
      let y = area.y + 1 + r
      guard y < area.maxY else { break }
      let selected = r == s[RegionsPane.self] && !s.isCleanSlide
      for (i, cx, w) in shown {
        // Bands as a stacked bar of letters, one per STP, where every STP has its cell.
        if cols[i].title == "Bands" && w >= region.footprints.count && region.footprints.count > 1 {
          drawBands(region, s, at: Point(x: cx, y: y), width: w, on: &c)
          continue
        }
        let forms = cols[i].forms(region)
        let text = i == 0 ? forms[0] : FigureText.fit(forms, width: w, ascii: ascii)
        let known = !text.hasPrefix("unknown")
        _ = c.put(
          Panes.pounds(s, text), at: Point(x: cx, y: y), width: w,
          role: selected && i == 0 ? .selection : (known ? .text : .unknown), clip: area)
      }
    }
    // The question people ask, answered with its basis.
    var y = area.y + 2 + report.regions.count
    func proven(_ r: RegionsReport.Region) -> Double? { r.perHeadRegion?.rankValue }
    let ranked = report.regions.filter { proven($0) != nil }.sorted {
      (proven($0) ?? 0) > (proven($1) ?? 0)
    }
    let unknown = report.regions.filter { proven($0) == nil }.map(\.name)
    var answer: [(String, Role)] = []
    if let top = ranked.first {
      answer.append(
        (
          "Most funding per head (proven, over the whole region's ONS mid-2017 population): \(top.name), "
            + "\(RegionsReport.perHeadText(top)) a head, from amounts for \(top.withAmount) of its \(top.footprints.count) STPs.",
          .heading
        ))
      answer.append(
        (
          "Then "
            + ranked.dropFirst().map {
              "\($0.name) \(RegionsReport.perHeadText($0)) (\($0.withAmount) of \($0.footprints.count))"
            }.joined(separator: ", ")
            + (unknown.isEmpty
              ? "." : "; unknown for \(unknown.joined(separator: ", ")) (no amounts)."),
          .text
        ))
      let covered = report.regions.filter { $0.perHeadCovered != nil }
      answer.append(
        (
          "Over only the STPs with amounts, qualifiers kept: "
            + covered.map { "\($0.name) \(RegionsReport.perHeadCoveredText($0))" }.joined(
              separator: "; ")
            + ". Bounds of different kinds are not ranked against each other.", .text
        ))
      answer.append(
        (
          "Most STPs' amounts are not in the sources: no figure here is a region's total. Enter lists a region's STPs.",
          .dim
        ))
    }
    for (text, role) in answer {
      for l in DetailView.wrap(
        [(Panes.pounds(s, text), role)], width: max(1, area.width - 1), indent: 0)
      {
        guard y < area.maxY else { break }
        _ = c.put(l.text, at: Point(x: area.x, y: y), width: area.width, role: role, clip: area)
        y += 1
      }
    }
  }

  /// The bands as a stacked bar of their letters (O A M N, ? unknown), one cell per STP where
  /// it fits, else in proportion; readable without colour.
  private func drawBands(
    _ r: RegionsReport.Region, _ s: AppState, at p: Point, width: Int, on c: inout Canvas
  ) {
    let counts = r.bands + [r.unknownBands]
    let letters: [Character] = ["O", "A", "M", "N", "?"]
    let roles: [Role] = [
      .bandOutstanding, .bandAdvanced, .bandMakingProgress, .bandNeedsImprovement, .bandUnknown,
    ]
    let total = counts.reduce(0, +)
    guard total > 0, width > 0 else { return }
    // Cells per band: by largest remainder, each band with STPs at least one cell when it fits.
    let scale = Double(min(width, total)) / Double(total)
    var cells = counts.map { Int((Double($0) * scale).rounded(.down)) }
    var left = min(width, total) - cells.reduce(0, +)
    for i in counts.indices.sorted(by: {
      Double(counts[$0]) * scale - Double(cells[$0]) > Double(counts[$1]) * scale
        - Double(cells[$1])
    }) where left > 0 && counts[i] > 0 {
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
      Headline.Figure(
        text: r.perHeadRegion.map { FigureText.text($0, width: 9) } ?? "?",
        label: "\(r.name): \(r.withAmount) of \(r.footprints.count) STPs",
        role: r.perHeadRegion == nil ? .unknown : .heading,
        compact:
          "\(r.name) \(RegionsReport.perHeadText(r)) (\(r.withAmount) of \(r.footprints.count))")
    }
    return Headline(
      title:
        "Funding per head by NHS region (proven amounts over the whole region's ONS mid-2017 population)",
      figures: figures)
  }
}
