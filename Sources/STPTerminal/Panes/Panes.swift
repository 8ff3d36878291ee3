import STPModel
import STPReport
import Synchronization

/// Cells and texts the table panes share.
enum Panes {
  static func positions(_ s: AppState, _ measure: Measure) -> [Int: LeagueRow] {
    Dictionary(uniqueKeysWithValues: s.metrics.league(by: measure).map { ($0.footprint, $0) })
  }

  /// The position column, headed with what positions rest on: "Pos of 10" (of the known values).
  static func positionColumn(_ rows: [Int: LeagueRow]) -> TableColumn {
    let known = rows.values.first?.position.known ?? 0
    return .text(
      "Pos/\(known)", width: 6, right: true, priority: 100, longTitle: "Pos of \(known)",
      sort: { rows[$0]?.position.rank.map { .number(Double($0)) } },
      value: {
        (rows[$0]?.position.label ?? "–", rows[$0]?.position.rank == nil ? .unknown : .text)
      })
  }

  static func nameColumn(_ s: AppState) -> TableColumn {
    .text(
      "STP", width: 40, minWidth: 20, flexible: true, priority: 99,
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
  static func measureText(_ s: AppState, _ measure: Measure, _ f: Int, width: Int? = nil) -> (
    String, Role
  ) {
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
  static func figureColumn(
    _ s: AppState, _ measure: Measure, title: String, width: Int, minWidth: Int? = nil,
    priority: Int, longTitle: String? = nil
  ) -> TableColumn {
    let m = s.metrics
    let made =
      s.cache(for: .league, as: MeasureFigures.self)?.column(measure)
      ?? FigureForms(s.dataset.footprints.indices.map { m.figure(measure, footprint: $0) })
    return figureColumn(
      s, title: title, width: width, minWidth: minWidth, priority: priority, longTitle: longTitle,
      sort: { f in m.value(measure, footprint: f).map(SortKey.number) }, made)
  }

  /// A measure's column that takes room only when others leave it (the league's other measures):
  /// its widths are the catalogue's, and its texts are made the first time it is drawn, so the
  /// columns a screen has no room for cost nothing. A cell whose shortest form does not fit reads
  /// "…", never a cut number.
  static func optionalFigureColumn(_ s: AppState, _ measure: Measure, priority: Int) -> TableColumn
  {
    let m = s.metrics
    let ascii = s.glyphs == .ascii
    let cached = s.cache(for: .league, as: MeasureFigures.self)
    let title = measure.shortLabel
    func made() -> FigureForms {
      cached?.column(measure)
        ?? FigureForms(s.dataset.footprints.indices.map { m.figure(measure, footprint: $0) })
    }
    // In ASCII the forms are longer ("at least GBP 100m" folds to ">=GBP 100m", not "≥£100m"):
    // they are folded once, here, and the column's narrowest width is the folded forms'
    // narrowest, so that it either shows every figure or gives its room to others, never a
    // column of "..." (made now, in ASCII only; each cell folded the column again before).
    let folded = ascii ? made().folded() : nil
    let asciiNarrowest = folded?.narrowest ?? 0
    return TableColumn(
      title: title, width: max(measure.spec.columnWidth, asciiNarrowest),
      minWidth: max(6, DisplayWidth.of(title), asciiNarrowest),
      alignRight: true,
      priority: priority, longTitle: measure.label,
      sortKey: { f in m.value(measure, footprint: f).map(SortKey.number) },
      draw: { canvas, rect, f in
        guard let (text, role) = (folded ?? made()).text(f, width: rect.width) else { return }
        canvas.put(
          pounds(s, text), at: Point(x: rect.x, y: rect.y), width: rect.width, role: role,
          alignRight: true, clip: rect)
      })
  }

  /// A table column of figures (nil: a blank cell). The whole column takes one form level, the
  /// longest at which every cell fits ("up to £80m" above "at least £100m", or "≤£80m" above
  /// "≥£100m", never a mix); its narrowest width is the widest shortest form, so a figure never
  /// needs cutting; it grows toward `width` (or its widest long form, if narrower). The forms and
  /// their widths are made once per load (`FigureForms`); ASCII terminals fold them first.
  static func figureColumn(
    _ s: AppState, title: String, width: Int, minWidth: Int? = nil, priority: Int,
    longTitle: String? = nil, sort: @escaping (Int) -> SortKey?,
    _ made: FigureForms
  ) -> TableColumn {
    let col = s.glyphs == .ascii ? made.folded() : made
    let narrowest = max(minWidth ?? 1, col.narrowest, DisplayWidth.of(title))
    let widest = max(narrowest, min(width, col.levels.first ?? 1))
    return TableColumn(
      title: title, width: widest, minWidth: narrowest, alignRight: true, priority: priority,
      longTitle: longTitle, sortKey: sort,
      draw: { canvas, rect, f in
        guard let (text, role) = col.text(f, width: rect.width) else { return }
        canvas.put(
          pounds(s, text), at: Point(x: rect.x, y: rect.y), width: rect.width, role: role,
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
    var digits = 0
    var value = 0
    for ch in dates + " " {
      if let d = ch.wholeNumberValue, ch.isASCII {
        digits += 1
        value = value * 10 + d
      } else {
        if digits == 4 { years.append(value) }
        digits = 0
        value = 0
      }
    }
    guard let lo = years.min(), let hi = years.max() else { return String(dates.prefix(8)) + "…" }
    let approx = dates.containsBytes("c.") ? "c." : ""
    return lo == hi ? approx + "\(lo)" : "\(lo)–\(hi)"
  }

}

/// A column's figures as text, made once: each cell's forms (longest first), its role, and the
/// widest form at each level over all cells (a column takes the longest level that fits).
struct FigureForms: Sendable {
  let forms: [[String]?]
  /// Each form's display width, measured once: a frame picks a cell's form by these (measuring
  /// each cell's forms in every frame was a quarter of the funding pane's render, issue 26).
  let widths: [[Int]?]
  let roles: [Role?]
  /// The widest form at each level, over the known figures and over the absent ones apart: a
  /// column of values takes one level for all of them, and its absences their own ("not
  /// searched" beside "1, 33%" must not shorten every value to its last form).
  let levels: [Int]
  let absentLevels: [Int]
  let isAbsent: [Bool]

  init(_ figures: [Figure?]) {
    self.init(
      forms: figures.map { $0.map(FigureText.forms) }, roles: figures.map { $0.map(Panes.role) },
      absent: figures.map { !($0?.isKnown ?? true) })
  }

  private init(forms: [[String]?], roles: [Role?], absent: [Bool]) {
    self.forms = forms
    self.roles = roles
    isAbsent = absent
    let widths = forms.map { $0?.map { DisplayWidth.of($0) } }
    self.widths = widths
    func levelWidths(_ absentOnes: Bool) -> [Int] {
      let depth = widths.reduce(1) { max($0, $1?.count ?? 0) }
      return (0..<depth).map { k in
        widths.indices.reduce(0) { w, i in
          guard absent[i] == absentOnes, let f = widths[i] else { return w }
          return max(w, f[min(k, f.count - 1)])
        }
      }
    }
    levels = levelWidths(false)
    absentLevels = levelWidths(true)
  }

  /// The same forms folded to ASCII, widths measured as folded.
  func folded() -> FigureForms {
    FigureForms(forms: forms.map { $0?.map(ASCIIFold.fold) }, roles: roles, absent: isAbsent)
  }

  /// Cell `f`'s text for a column `width` wide, and its role.
  func text(_ f: Int, width: Int) -> (String, Role)? {
    guard forms.indices.contains(f), let cell = forms[f], let w = widths[f], let role = roles[f]
    else { return nil }
    let lv = isAbsent[f] ? absentLevels : levels
    let level = lv.firstIndex { $0 <= width } ?? (lv.count - 1)
    let from = max(0, min(level, cell.count - 1))
    return (FigureText.fit(cell[from...], widths: w[from...], width: width), role)
  }

  /// The narrowest width at which every cell has a form, and the widest any wants.
  var narrowest: Int { max(levels.last ?? 1, absentLevels.last ?? 1) }
  var widest: Int { max(levels.first ?? 1, absentLevels.first ?? 1) }
}

/// Every measure's figures as text for every footprint, made once per load (the league pane's
/// cache): a frame then only picks the level its columns' widths allow.
struct MeasureFigures: Sendable {
  private let columns: [Once<FigureForms>]

  init(_ m: Metrics, count: Int) {
    columns = Measure.allCases.map { measure in
      Once { FigureForms((0..<count).map { m.figure(measure, footprint: $0) }) }
    }
  }

  /// A measure's column, made the first time it is drawn.
  func column(_ m: Measure) -> FigureForms {
    columns[Measure.allCases.firstIndex(of: m) ?? 0].value
  }
}

extension Panes {
  /// A figure's role: its band's colour, text, or unknown.
  static func role(_ fig: Figure) -> Role {
    fig.unit == .band
      ? bandRole(fig.rankValue.flatMap { Band(rawValue: Int($0)) }) : fig.isKnown ? .text : .unknown
  }
}

extension String {
  func replacingPound(with s: String) -> String {
    var out = ""
    for ch in self { if ch == "£" { out += s } else { out.append(ch) } }
    return out
  }
}
