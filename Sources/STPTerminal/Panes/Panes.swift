import STPModel
import STPReport

/// Cells and texts the table panes share.
enum Panes {
  static func positions(_ s: AppState, _ measure: Measure) -> [Int: LeagueRow] {
    Dictionary(uniqueKeysWithValues: s.metrics.league(by: measure).map { ($0.footprint, $0) })
  }

  static func positionColumn(_ rows: [Int: LeagueRow]) -> TableColumn {
    .text("Pos", width: 4, right: true, priority: 100,
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

  /// A measure's value for people, with its qualifier; "unknown" (dim) when the data does not
  /// have it.
  static func measureText(_ s: AppState, _ measure: Measure, _ f: Int) -> (String, Role) {
    let (text, known) = MeasureText.of(s.dataset, s.metrics, measure, f)
    if measure == .band { return (text, bandRole(s.metrics.bands[f])) }
    return (pounds(s, text), known ? .text : .unknown)
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
