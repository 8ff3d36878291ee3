import STPModel
import STPReport

/// Cells and texts the table panes share.
enum Panes {
  static func positions(_ s: AppState, _ measure: Measure) -> [Int: LeagueRow] {
    Dictionary(uniqueKeysWithValues: s.metrics.league(by: measure).map { ($0.footprint, $0) })
  }

  /// The position column, headed with what positions rest on: "Pos of 10" (of the known values).
  static func positionColumn(_ rows: [Int: LeagueRow]) -> TableColumn {
    let known = rows.values.first?.position.known ?? 0
    return .text("Pos/\(known)", width: 6, right: true, priority: 100, longTitle: "Pos of \(known)",
          sort: { rows[$0]?.position.rank.map { .number(Double($0)) } },
          value: { (rows[$0]?.position.label ?? "–", rows[$0]?.position.rank == nil ? .unknown : .text) })
  }

  static func nameColumn(_ s: AppState) -> TableColumn {
    .text("STP", width: 40, minWidth: 20, flexible: true, priority: 99,
          sort: { .text(s.data.name($0).lowercased()) },
          value: { (s.data.name($0), .text) })
  }

  static func bandRole(_ b: Band?) -> Role {
    switch b {
    case .outstanding: .bandOutstanding
    case .advanced: .bandAdvanced
    case .makingProgress: .bandMakingProgress
    case .needsMostImprovement: .bandNeedsImprovement
    case nil: .bandUnknown
    }
  }

  /// A measure's value for people, with its qualifier, in the longest form that fits `width`;
  /// the reason (dim) when the data does not have it.
  static func measureText(_ s: AppState, _ measure: Measure, _ f: Int, width: Int? = nil) -> (String, Role) {
    figureText(s, s.metrics.figure(measure, footprint: f), width: width)
  }

  /// A figure in the longest form that fits (ASCII terminals: measured as folded), with its
  /// role: the band's colour, text, or unknown.
  static func figureText(_ s: AppState, _ fig: Figure, width: Int? = nil) -> (String, Role) {
    let text = FigureText.text(fig, width: width, ascii: s.glyphs == .ascii)
    if fig.unit == .band {
      return (text, bandRole(fig.rankValue.flatMap { Band(rawValue: Int($0)) }))
    }
    return (pounds(s, text), fig.isKnown ? .text : .unknown)
  }

  /// A table column of one measure's figures, right-aligned, each cell in the longest form
  /// that fits the column: "at least £100m" where there is room, "≥£100m" where not, never a
  /// cut number.
  static func figureColumn(_ s: AppState, _ measure: Measure, title: String, width: Int, minWidth: Int? = nil,
                           priority: Int, longTitle: String? = nil) -> TableColumn {
    let m = s.metrics
    let figures = s.dataset.footprints.indices.map { m.figure(measure, footprint: $0) }
    return figureColumn(s, title: title, width: width, minWidth: minWidth, priority: priority, longTitle: longTitle,
                        sort: { f in m.value(measure, footprint: f).map(SortKey.number) },
                        figures: figures.map { Optional($0) })
  }

  /// A table column of figures (nil: a blank cell). The whole column takes one form level, the
  /// longest at which every cell fits ("up to £80m" above "at least £100m", or "≤£80m" above
  /// "≥£100m", never a mix); its narrowest width is the widest shortest form, so a figure never
  /// needs cutting; it grows toward `width` (or its widest long form, if narrower).
  static func figureColumn(_ s: AppState, title: String, width: Int, minWidth: Int? = nil, priority: Int,
                           longTitle: String? = nil, sort: @escaping (Int) -> SortKey?,
                           figures: [Figure?]) -> TableColumn {
    let ascii = s.glyphs == .ascii
    let forms: [[String]?] = figures.map { f in
      f.map { fig in FigureText.forms(fig).map { ascii ? ASCIIFold.fold($0) : $0 } }
    }
    let depth = forms.reduce(1) { max($0, $1?.count ?? 0) }
    func levelWidth(_ k: Int) -> Int {
      forms.reduce(0) { w, f in f.map { max(w, DisplayWidth.of($0[min(k, $0.count - 1)])) } ?? w }
    }
    let narrowest = max(minWidth ?? 1, levelWidth(depth - 1), DisplayWidth.of(title))
    let widest = max(narrowest, min(width, levelWidth(0)))
    let levels = (0..<depth).map { levelWidth($0) }
    return TableColumn(
      title: title, width: widest, minWidth: narrowest, alignRight: true, priority: priority,
      longTitle: longTitle, sortKey: sort,
      draw: { canvas, rect, f in
        guard forms.indices.contains(f), let cell = forms[f], let fig = figures[f] else { return }
        let level = levels.firstIndex { $0 <= rect.width } ?? (depth - 1)
        let text = FigureText.fit(Array(cell[min(level, cell.count - 1)...]), width: rect.width)
        let role: Role = fig.unit == .band ? bandRole(fig.rankValue.flatMap { Band(rawValue: Int($0)) })
          : fig.isKnown ? .text : .unknown
        canvas.put(pounds(s, text), at: Point(x: rect.x, y: rect.y), width: rect.width, role: role,
                   alignRight: true, clip: rect)
      })
  }

  static func money(_ s: AppState, _ v: Int64) -> String { pounds(s, Format.money(v)) }

  /// Swaps "£" for the glyph set's pound (ASCII terminals read "GBP").
  static func pounds(_ s: AppState, _ text: String) -> String { pounds(s.glyphs, text) }

  static func pounds(_ g: Glyphs, _ text: String) -> String {
    g.pound == "£" ? text : text.replacingPound(with: g.pound)
  }

  /// Dates in at most 9 columns: one date as it is ("2016-07", "c.2017"), several as the span of
  /// their years ("2016–2017"); Detail gives them in full.
  static func compactDates(_ dates: String) -> String {
    guard dates.contains(";") || DisplayWidth.of(dates) > 9 else { return dates }
    var years: [Int] = []
    var digits = 0, value = 0
    for ch in dates + " " {
      if let d = ch.wholeNumberValue, ch.isASCII {
        digits += 1; value = value * 10 + d
      } else {
        if digits == 4 { years.append(value) }
        digits = 0; value = 0
      }
    }
    guard let lo = years.min(), let hi = years.max() else { return String(dates.prefix(8)) + "…" }
    let approx = dates.contains("c.") ? "c." : ""
    return lo == hi ? approx + "\(lo)" : "\(lo)–\(hi)"
  }

}

extension String {
  func replacingPound(with s: String) -> String {
    var out = ""
    for ch in self { if ch == "£" { out += s } else { out.append(ch) } }
    return out
  }
}
