import STPModel

/// The one way a figure becomes text, on every surface: panes, slides, legends, charts, the CLI
/// and every export. A width budget shortens the words first ("at least £100m" → "≥£100m"),
/// never the number: when not even the shortest form fits, the text is "…", never a cut number.
public enum FigureText {
  /// The figure in the longest form that fits `width` display columns (all of it when nil),
  /// folded to ASCII first when `ascii` (so "GBP 204.22" is measured as it will show).
  public static func text(_ f: Figure, width: Int? = nil, ascii: Bool = false) -> String {
    fit(forms(f), width: width, ascii: ascii)
  }

  /// The first of `forms` (longest first) that fits; "…" when none does.
  public static func fit(_ forms: [String], width: Int?, ascii: Bool = false) -> String {
    let shown = ascii ? forms.map(ASCIIFold.fold) : forms
    guard let width else { return shown.first ?? "" }
    return fit(shown[...], widths: shown.map { DisplayWidth.of($0) }[...], width: width)
  }

  /// `fit` over forms whose display widths are already measured (a table's cells measure theirs
  /// once per load, not in every frame).
  public static func fit(_ forms: ArraySlice<String>, widths: ArraySlice<Int>, width: Int)
    -> String
  {
    for (form, w) in zip(forms, widths) where w <= width { return form }
    return width >= 1 ? "…" : ""
  }

  /// Every form of a figure, longest first, always four levels so that a column can take one
  /// level for all its cells: the value with its words and note; with its words; the value with
  /// short marks ("at least £0.25+?!"); all short ("≥£100m"). Each keeps the number and its
  /// qualifier together.
  public static func forms(_ f: Figure) -> [String] {
    guard f.isKnown else { return absentForms(f) }
    let marksLong = (f.hasMore ? " + amounts unknown" : "") + (f.isUncertain ? " (uncertain)" : "")
    let marksShort = (f.hasMore ? "+?" : "") + (f.isUncertain ? "!" : "")
    let valueLong = valueText(f, short: false)
    let long = valueLong + marksLong
    let lead = f.lead.map { $0 + " " } ?? ""
    let first =
      f.note.map { lead + long + " (" + $0 + ")" }
      ?? (lead.isEmpty ? long : lead + "(" + long + ")")
    return [
      first, lead.isEmpty ? long : lead + "(" + long + ")", valueLong + marksShort,
      valueText(f, short: true) + marksShort,
    ]
  }

  static func absentForms(_ f: Figure) -> [String] {
    guard let reason = f.absence else { return [] }
    switch reason {
    case .nilAward, .statedUnnamed:
      // The note is what is known ("£0 in W4; other waves unknown", "10 stated, unnamed").
      guard let note = f.note else { return [reason.word, reason.word, reason.word, reason.glyph] }
      let cut = note.split(separator: ";").first.map(String.init) ?? note
      return [note, cut, cut, reason.glyph]
    default:
      return [
        f.note.map { reason.word + " (" + $0 + ")" } ?? reason.word, reason.word, reason.word,
        reason.glyph,
      ]
    }
  }

  /// A figure's number in its unit, without qualifier: "£312m", "£632.57", "1,234", "24.8%".
  public static func number(_ v: Double, _ unit: FigureUnit, short: Bool = false) -> String {
    switch unit {
    case .money: return Format.money(Int64(v.rounded()))
    case .moneyPerHead: return Format.perHead(v)
    case .people, .count: return Format.grouped(Int64(v.rounded()))
    case .percent(let places): return percent(v, places: places)
    case .density: return Format.grouped(Int64(v.rounded())) + (short ? "/km²" : " per km²")
    case .area: return Format.grouped(Int64(v.rounded())) + " km²"
    case .months:
      let tenths = abs(Int((v * 10).rounded()))
      let n = (v < 0 ? "-" : "") + "\(tenths / 10)" + (tenths % 10 == 0 ? "" : ".\(tenths % 10)")
      return n + (short ? " mo" : abs(v) == 1 ? " month" : " months")
    case .band:
      let band = Band(rawValue: Int(v.rounded()))
      return short ? band.map { String($0.letter) } ?? "?" : band?.name ?? "?"
    case .sectors: return Format.grouped(Int64(v.rounded()))
    }
  }

  /// A share with `places` decimals, one more where rounding would read as all or none when it
  /// is not (99.6% never shows as 100%, 0.4% never as 0%).
  public static func percent(_ v: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let shown = (v * 100 * scale).rounded() / scale
    if (shown >= 100 && v < 1) || (shown <= 0 && v > 0) {
      return Format.percent(v, places: places + 1)
    }
    return Format.percent(v, places: places)
  }

  static func valueText(_ f: Figure, short: Bool) -> String {
    if f.unit == .sectors { return sectorsText(f, short: short) }
    func n(_ v: Double) -> String { number(v, f.unit, short: short) }
    switch f.value {
    case .exact(let v): return n(v)
    case .atLeast(let v): return (short ? "≥" : "at least ") + n(v)
    case .upTo(let v): return (short ? "≤" : "up to ") + n(v)
    case .range(let lo, let hi): return n(lo) + (short ? "–" : " to ") + n(hi)
    case .approx(let v): return "~" + n(v)
    case .absent(let r): return r.word
    }
  }

  /// Breadth: "1, 33%"; "2+, ≥27%" where counts or statuses are unknown; short "2+".
  static func sectorsText(_ f: Figure, short: Bool) -> String {
    let plus: String
    let v: Double
    switch f.value {
    case .atLeast(let x): (plus, v) = ("+", x)
    case .exact(let x), .approx(let x), .upTo(let x), .range(_, let x): (plus, v) = ("", x)
    case .absent(let r): return r.word
    }
    let count = Format.grouped(Int64(v)) + plus
    guard !short, let share = f.share else { return count }
    return count + ", " + (f.isShareLowerBound ? "≥" : "") + Format.percent(share)
  }

  // MARK: - Positions

  /// A position with what it rests on, longest first: "=1 of 44 (=1 of 17 known)", "=11 of 17
  /// known (=20, =24 or =26 of 44)", "=3 of 10 known", "=3/10"; unranked: "unranked (unknown)",
  /// "–".
  public static func positionForms(_ p: Position) -> [String] {
    let all = p.amongAll.map { amongAllText($0, total: p.total) }
    guard p.rank != nil else {
      return (all.map { ["unranked: " + $0] } ?? []) + ["unranked (unknown)", "unranked", "–"]
    }
    let known = p.known < p.total ? "\(p.label) of \(p.known) known" : "\(p.label) of \(p.total)"
    var out: [String] = []
    if let all, let among = p.amongAll {
      if among.count == 1 {
        out += [all + " (" + known + ")", all]
      } else {
        out += [known + " (" + all + ")"]
      }
    }
    out += [known, "\(p.label)/\(p.known)"]
    return out
  }

  /// The position in the longest form that fits.
  public static func position(_ p: Position, width: Int? = nil, ascii: Bool = false) -> String {
    fit(positionForms(p), width: width, ascii: ascii)
  }

  /// "=1 of 44", "=20, =24 or =26 of 44".
  static func amongAllText(_ ranks: [Int], total: Int) -> String {
    let labels = ranks.map { "=\($0)" }
    let list =
      labels.count <= 1
      ? (labels.first ?? "")
      : labels.dropLast().joined(separator: ", ") + " or " + (labels.last ?? "")
    return list + " of \(total)"
  }

  // MARK: - Sums

  /// A sum with its coverage, longest first: "at least £168.8m proven; amounts for 5 of 15
  /// STPs; quoted £278.8m", "≥£168.8m (5 of 15 STPs)", "≥£168.8m 5/15". `people` adds coverage
  /// as a share of people ("31% of the people").
  public static func sumForms(_ s: FigureSum, what: String = "STPs", quoted: Bool = true)
    -> [String]
  {
    guard s.known > 0 else {
      let long = "no amount found (0 of \(s.count) \(what))"
      return [
        long, long, "none (0 of \(s.count) \(what))", "none (0 of \(s.count) \(what))",
        "none 0/\(s.count)", "none",
      ]
    }
    let lo = s.figure.minimum.map { number($0, s.figure.unit) } ?? ""
    let uncertainMark = s.figure.isUncertain ? " (uncertain)" : ""
    // What the sum proves, in words: "at least £197.8m proven", "£21m proven, up to £412m".
    let value: String =
      switch s.figure.value {
      case .atLeast: "at least " + lo + " proven"
      case .range(_, let hi): lo + " proven, up to " + number(hi, s.figure.unit)
      case .upTo(let hi): "up to " + number(hi, s.figure.unit) + " (none proven)"
      default: valueText(s.figure, short: false)
      }
    let shortValue = valueText(s.figure, short: true) + (s.figure.isUncertain ? "!" : "")
    let what = s.count == 1 && what.hasSuffix("STPs named") ? "STP named" : what
    let cover =
      s.isComplete
      ? (s.count == 1 ? "the one \(what)" : "all \(s.count) \(what)")
      : "amounts for \(s.known) of \(s.count) \(what)"
    let people =
      s.isComplete ? "" : s.peopleShare.map { ", " + Format.percent($0) + " of the people" } ?? ""
    let quote =
      quoted && s.quoted != (s.figure.rankValue ?? -1)
      ? "; quoted " + number(s.quoted, s.figure.unit) + " (\"up to\" by its top)" : ""
    let uncertain = uncertainMark
    let shortPeople =
      s.isComplete ? "" : s.peopleShare.map { ", " + Format.percent($0) + " of people" } ?? ""
    return [
      value + uncertain + "; " + cover + people + quote,
      value + uncertain + "; " + cover + people,
      shortValue + " (\(s.known) of \(s.count) \(what)" + shortPeople + ")",
      shortValue + " (\(s.known) of \(s.count) \(what))",
      shortValue + " \(s.known)/\(s.count)",
      shortValue,
    ]
  }

  /// The sum in the longest form that fits.
  public static func sum(
    _ s: FigureSum, what: String = "STPs", width: Int? = nil, ascii: Bool = false
  ) -> String {
    fit(sumForms(s, what: what), width: width, ascii: ascii)
  }

  // MARK: - Exports

  /// The machine columns of a figure, after its text column `key`: value, minimum, maximum,
  /// basis, source and data rows.
  public static func machineColumns(_ header: String, key: String) -> [ReportTable.Column] {
    [
      ReportTable.Column(header + " value", key: key + "_value", numeric: true, machineOnly: true),
      ReportTable.Column(header + " min", key: key + "_min", numeric: true, machineOnly: true),
      ReportTable.Column(header + " max", key: key + "_max", numeric: true, machineOnly: true),
      ReportTable.Column(header + " basis", key: key + "_basis", machineOnly: true),
      ReportTable.Column(header + " source", key: key + "_source", machineOnly: true),
      ReportTable.Column(header + " rows", key: key + "_rows", machineOnly: true),
    ]
  }

  /// A figure's text column and its machine columns (`machineColumns`): blank / null when
  /// absent, never 0.
  public static func cells(_ f: Figure, width: Int? = nil) -> [ReportTable.Cell] {
    let text = FigureText.text(f, width: width)
    func num(_ v: Double?) -> JSONValue {
      guard let v else { return .null }
      return exportNumber(v, f.unit)
    }
    let rows = f.rows.map(\.description).joined(separator: ";")
    return [
      ReportTable.Cell(text, f.isKnown ? .string(FigureText.text(f)) : .null, forms: forms(f)),
      ReportTable.Cell("", num(f.rankValue)),
      ReportTable.Cell("", num(f.minimum)),
      ReportTable.Cell("", num(f.maximum)),
      ReportTable.Cell("", .string(f.basis)),
      ReportTable.Cell("", f.source.map { .string($0) } ?? .null),
      ReportTable.Cell("", rows.isEmpty ? .null : .string(rows)),
    ]
  }

  /// A number for CSV/JSON at the precision its unit is shown with (pounds whole, pence, shares
  /// to four decimals, densities to one).
  public static func exportNumber(_ v: Double, _ unit: FigureUnit) -> JSONValue {
    switch unit {
    case .money, .people, .count, .band, .sectors: .int(Int64(v.rounded()))
    case .moneyPerHead: .double((v * 100).rounded() / 100)
    case .percent(let places):
      .double((v * pow10(places + 2)).rounded() / pow10(places + 2))
    case .density, .area, .months: .double((v * 10).rounded() / 10)
    }
  }

  static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { x, _ in x * 10 } }
}
