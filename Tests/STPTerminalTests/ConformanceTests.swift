import Foundation
import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// Walks every surface (each pane at 60, 80, 120 and 200 columns and every measure, each slide,
/// the Detail of every STP, every report in every format, SVG and HTML) and holds the rules that
/// make a figure true wherever it is shown:
/// - an amount that the sources qualify ("at least", "up to", a range) is never shown bare;
/// - a sum of such amounts is never shown bare either;
/// - nothing absent is shown or written as a number (a list of NHS bodies only is not "0");
/// - every position has its denominator on the same surface;
/// - every cited data row holds the figure it is cited for.
/// The qualified amounts come from the raw funding rows, not from the code under test.
@Suite struct ConformanceTests {
  let d = Fixtures.embedded
  let m = Metrics(Fixtures.embedded)

  // MARK: - What the data says

  /// Amounts (as people read them, "£100m") that the sources qualify, and sums of amounts of
  /// mixed or qualified bases: each must carry a qualifier wherever it appears.
  var qualifiedAmounts: Set<String> {
    var q = Set<String>()
    var exact = Set<String>()
    for r in 0..<d.funding.count {
      let row = d.funding[r]
      let amounts = [row.amountMin, row.amountMax].compactMap { $0 }
      switch row.basis {
      case .atLeast?, .upTo?, .range?: q.formUnion(amounts.map(Format.money))
      case .exact?: exact.formUnion(amounts.map(Format.money))
      case nil: break
      }
    }
    for w in d.waves { if let n = w.nationalAmount { exact.insert(Format.money(n)) } }
    // Quoted sums ("up to" by its top, "at least" by its floor) over a wave, a region and an STP
    // whose amounts are not all exact: a total of bounds of different kinds, never a value.
    for s in m.waves where s.quoted != s.range.low || s.range.high != s.range.low {
      q.insert(Format.money(s.quoted))
      q.insert(Format.money(s.attributedQuoted))
    }
    var byRegion: [String: (Int64, Int64, Bool)] = [:]
    for (f, fp) in d.footprints.enumerated() {
      let fund = m.funding[f]
      guard fund.rankValue != nil else { continue }
      let mixed = !(fund.total.high == fund.total.low)
      if mixed { q.insert(Format.money(fund.quoted)) }
      var r = byRegion[fp.region ?? "", default: (0, 0, false)]
      r.0 += fund.quoted
      r.1 += Int64(fp.onsPopulation ?? 0)
      r.2 = r.2 || mixed
      byRegion[fp.region ?? ""] = r
    }
    for (_, r) in byRegion where r.2 && r.1 > 0 {
      q.insert(Format.money(r.0))
      q.insert(Format.perHead(Double(r.0) / Double(r.1)))
    }
    return q.subtracting(exact).filter { $0 != "£0" }
  }

  /// Footprints whose only member list covers NHS bodies alone: their reach beyond the NHS and
  /// their councils are not in the source (partner_counts.csv's notes or scope say so).
  var nhsOnlyLists: [String] {
    d.partnerCounts.filter { c in
      c.group == .all && (c.notes?.lowercased().contains("nhs bodies only") ?? false)
    }.map(\.code)
  }

  // MARK: - Every surface

  struct Surface {
    var name: String
    var text: String
    var isMachine = false
  }

  func screens() -> [Surface] {
    var out: [Surface] = []
    let compareSet = ["E54000041", "E54000007", "E54000009", "E54000032", "E54000015", "E54000029"]
    for width in [60, 80, 120, 200] {
      let size = Size(width: width, height: 60)
      for pane in 1...8 {
        var app = HeadlessApp(size: size)
        if pane == 6 {
          for code in compareSet {
            app.state.selectedCode = code
            app.send(.char("c"))
          }
        }
        app.send(.char(Character("\(pane)")))
        let name = "pane \(pane) at \(width)"
        out.append(Surface(name: name, text: app.canvas.lines.joined(separator: "\n")))
        // Every measure where the pane has one (league, map), every chart.
        let cycle: Character? = pane == 1 || pane == 5 ? "m" : pane == 8 ? "v" : nil
        if let key = cycle {
          for k in 1..<(pane == 8 ? ChartView.allCases.count : Measure.allCases.count) {
            app.send(.char(key))
            out.append(
              Surface(name: "\(name), \(key)×\(k)", text: app.canvas.lines.joined(separator: "\n")))
          }
        }
        // The map's ICB layer, for an STP that split (Durham, Darlington, ...: 86.1%, 13.9%).
        if pane == 5 {
          app.state.selectedCode = "E54000045"
          app.send(.char("i"))
          out.append(
            Surface(name: "\(name), ICB layer", text: app.canvas.lines.joined(separator: "\n")))
          app.send(.char("i"))
        }
        // Funding's columns scrolled, so every wave is seen at every width.
        if pane == 3 {
          for k in 1...6 {
            app.send(.char("l"))
            out.append(
              Surface(
                name: "\(name), scrolled \(k)", text: app.canvas.lines.joined(separator: "\n")))
          }
        }
      }
    }
    // Every slide, at a laptop split and a projector.
    for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
      var app = HeadlessApp(size: size)
      for code in ["E54000041", "E54000007", "E54000015"] {
        app.state.selectedCode = code
        app.send(.char("*"))
      }
      app.send(.char("p"))
      for k in 0..<30 {
        out.append(
          Surface(
            name: "slide \(k) at \(size.width)x\(size.height)",
            text: app.canvas.lines.joined(separator: "\n")))
        app.send(.char(" "))
      }
    }
    return out
  }

  func reports() -> [Surface] {
    var out: [Surface] = []
    func add(_ name: String, _ t: ReportTable) {
      for format in OutputFormat.allCases {
        out.append(
          Surface(
            name: "\(name) \(format)", text: t.rendered(as: format),
            isMachine: format == .csv || format == .json))
      }
    }
    for measure in Measure.allCases {
      add("league --by \(measure.rawValue)", LeagueReport.make(d, m, by: measure))
    }
    add("funding", FundingReport.make(d, m))
    add("funding --waves", FundingReport.waves(d, m))
    add("partners", PartnersReport.make(d, m))
    add("regions", RegionsReport.make(d, m).table())
    for start in stride(from: 0, to: d.footprints.count, by: 6) {
      let set = Array(start..<min(start + 6, d.footprints.count))
      let c = CompareReport.make(d, m, footprints: set)
      add("compare \(start)", c.table())
      add("compare \(start) long", c.longTable())
    }
    for w in d.waves.indices { add("ranges \(w)", ChartsReport.rangesTable(d, m, wave: w)) }
    add("scatter", ChartsReport.scatterTable(d, m, x: .breadth, y: .perHead))
    add("timeline", ChartsReport.timelineTable(d, m))
    add("successors", LineageReport.table(d, footprints: Array(d.footprints.indices)))
    add("successors --by-successor", LineageReport.bySuccessor(d))
    add("designations", DesignationsReport.byBand(d, m))
    add("designations --by stp", DesignationsReport.bySTP(d, m))
    for f in d.footprints.indices {
      let show = ShowReport(d, m, footprint: f)
      out.append(Surface(name: "show \(d.footprints[f].code)", text: show.rendered(as: .table)))
      out.append(
        Surface(name: "show \(d.footprints[f].code) markdown", text: show.rendered(as: .markdown)))
      out.append(
        Surface(
          name: "show \(d.footprints[f].code) json", text: show.rendered(as: .json), isMachine: true
        ))
    }
    return out
  }

  /// Screens as SVG and HTML, and the papers: the vector map, the briefs, the linear mode.
  func vectorExports() -> [Surface] {
    var out: [Surface] = []
    for pane in ["1", "3", "6", "7"] {
      var app = HeadlessApp(size: Size(width: 120, height: 50))
      app.state.selectedCode = "E54000041"
      app.send(.char("c"))
      app.send(.char(Character(pane)))
      // The text of the drawing, tags dropped: what a reader of the slide deck sees.
      for (kind, markup) in [
        ("svg", ScreenExport.svg(app.canvas, theme: .default)),
        ("html", ScreenExport.html(app.canvas, theme: .default)),
      ] {
        out.append(Surface(name: "\(kind) of pane \(pane)", text: Self.visibleText(markup)))
      }
    }
    // Papers: the vector map by every measure, every STP's brief (HTML and Markdown), the report,
    // and the linear mode's lines of every pane (what a screen reader speaks).
    let s = AppState(dataset: d, metrics: m, loadedAt: "09:30", size: Size(width: 120, height: 40))
    for measure in Measure.allCases {
      out.append(
        Surface(
          name: "vector map by \(measure.rawValue)",
          text: Self.visibleText(VectorMap.svg(s, measure: measure, theme: .default))))
    }
    for f in d.footprints.indices {
      let brief = BriefContent(s, footprint: f, origin: nil)
      let code = d.footprints[f].code
      out.append(Surface(name: "brief \(code) html", text: Self.visibleText(brief.html())))
      out.append(Surface(name: "brief \(code) md", text: brief.markdown()))
    }
    out.append(
      Surface(name: "report html", text: Self.visibleText(DatasetReport.html(s, origin: nil))))
    var linear = HeadlessApp(size: Size(width: 120, height: 40))
    linear.state.session.isLinear = true
    linear.send(.char("c"))
    for pane in ["1", "2", "3", "4", "5", "6", "7", "8"] {
      linear.send(.char(Character(pane)))
      for measure in pane == "1" || pane == "5" ? Measure.allCases : [.band] {
        linear.state.measure = measure
        out.append(
          Surface(
            name: "linear pane \(pane) by \(measure.rawValue)",
            text: (linear.canvas.linearLines ?? []).joined(separator: "\n")))
      }
    }
    return out
  }

  /// The text a browser shows from SVG or HTML: tags dropped, each element's text on its own line
  /// joined as drawn, entities decoded.
  static func visibleText(_ markup: String) -> String {
    var out = ""
    var inTag = false
    for ch in markup {
      if ch == "<" {
        inTag = true
        continue
      }
      if ch == ">" {
        inTag = false
        continue
      }
      if !inTag { out.append(ch) }
    }
    return out.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(
      of: "&lt;", with: "<"
    )
    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#160;", with: " ")
    .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&quot;", with: "\"")
    .replacingOccurrences(of: "&apos;", with: "'")
  }

  // MARK: - The rules

  /// Occurrences of `token` in `text` that stand alone as a number (not part of a longer one),
  /// with the text before and after them.
  static func occurrences(of token: String, in text: String) -> [(
    before: Substring, after: Substring
  )] {
    var found: [(Substring, Substring)] = []
    var searchStart = text.startIndex
    while let r = text.range(of: token, range: searchStart..<text.endIndex) {
      searchStart = r.upperBound
      let next = r.upperBound < text.endIndex ? text[r.upperBound] : " "
      if next.isNumber
        || (next == "." && text.index(after: r.upperBound) < text.endIndex
          && text[text.index(after: r.upperBound)].isNumber)
        || next == "k" || next == "m" || next == "b"
      {
        continue
      }
      let before = text[
        text.index(
          r.lowerBound, offsetBy: -min(14, text.distance(from: text.startIndex, to: r.lowerBound)))..<r
          .lowerBound]
      let after = text[
        r
          .upperBound..<text.index(
            r.upperBound, offsetBy: min(24, text.distance(from: r.upperBound, to: text.endIndex)))]
      found.append((before, after))
    }
    return found
  }

  /// Whether an amount is shown with its qualifier: a bound word or sign before it, or a range's
  /// second end after it, or labelled as the quoted figure with what that means.
  static func isQualified(before: Substring, after: Substring) -> Bool {
    let b = before.replacingOccurrences(of: "GBP ", with: "£")
    let qualifiers = [
      "≥", "≤", "at least ", "up to ", " to ", "–", "-", ">=", "<=", "~", "over ", "under ",
      "(", "proven ", "more than ", "just under ", "nearly ", "almost ",
    ]
    let lastWords = String(b.suffix(9))
    if qualifiers.contains(where: {
      lastWords.hasSuffix($0) || lastWords.hasSuffix($0.trimmingCharacters(in: .whitespaces))
    }) {
      // "(" alone is no qualifier unless the amount is a range's or bound's inside a note.
      if lastWords.hasSuffix("(") { return after.hasPrefix(" to ") || after.hasPrefix("–") }
      return true
    }
    return after.hasPrefix(" to ") || after.hasPrefix("–")
      || after.hasPrefix(" (\"up to\" by its top")
  }

  @Test func aQualifiedAmountIsNeverShownBare() {
    let q = qualifiedAmounts
    #expect(q.contains("£100m") && q.contains("£80m") && q.contains("£20m"))
    var failures: [String] = []
    // The sources' own words, quoted as they are in Detail (a scheme's description, its notes):
    // a quotation, not a figure of ours.
    let quoted = (0..<d.funding.count).flatMap { r -> [String] in
      let row = d.funding[r]
      return [row.scheme, row.notes, row.amountText].filter { $0.count > 3 }
    }.sorted { $0.count > $1.count }
    for var s in screens() + reports() + vectorExports() where !s.isMachine {
      if s.name.hasPrefix("show") || s.name.hasPrefix("brief") {
        for q in quoted { s.text = s.text.replacingOccurrences(of: q, with: "") }
      }
      for token in q {
        for variant in [token, ASCIIFold.fold(token)] {
          for o in Self.occurrences(of: variant, in: s.text)
          where !Self.isQualified(before: o.before, after: o.after) {
            failures.append("\(s.name): \"…\(o.before)\(variant)\(o.after)…\"")
          }
        }
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) bare qualified amounts, e.g.:\n\(failures.prefix(12).joined(separator: "\n"))"
    )
  }

  @Test func aListOfNHSBodiesOnlyIsNeverAZero() {
    let codes = nhsOnlyLists
    #expect(codes == ["E54000015"])  // Leicester, Leicestershire and Rutland
    var failures: [String] = []
    for code in codes {
      guard let f = d.index(ofCode: code) else { continue }
      let name = String(d.footprints[f].name.prefix(18))
      for s in screens() + reports() + vectorExports() where !s.isMachine {
        for line in s.text.split(separator: "\n") where line.contains(name) || line.contains(code) {
          // Breadth "0, 0%", share "0%", councils "0 of 3" or "0/3": each would say the source
          // names none, where it never covered them.
          for bad in [" 0, 0%", " 0% ", "0 of 3", " 0/3", "0/3 "] where line.contains(bad) {
            failures.append("\(s.name): \(line.trimmingCharacters(in: .whitespaces))")
          }
        }
      }
      // Machine outputs: the breadth and share are blank, never 0.
      let csv = PartnersReport.make(d, m).rendered(as: .csv)
      let row = csv.split(separator: "\n").first { $0.contains(code) } ?? ""
      let keys =
        csv.split(separator: "\n").first?.split(separator: ",", omittingEmptySubsequences: false)
        ?? []
      let fields = row.split(separator: ",", omittingEmptySubsequences: false)
      for (k, v) in zip(keys, fields.suffix(keys.count))
      where k == "non_nhs_sectors" || k == "non_nhs_share" {
        if v == "0" || v == "0.0" { failures.append("partners csv: \(k) = \(v)") }
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) zeros for what the source never covered:\n\(failures.prefix(12).joined(separator: "\n"))"
    )
  }

  @Test func everyPositionHasItsDenominator() {
    var failures: [String] = []
    for s in screens() where !s.isMachine {
      for line in s.text.split(separator: "\n") {
        // A table's position column heading: "Pos/17" or "Pos of 17", never "Pos" alone.
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("Pos")
          && trimmed.range(of: #"^Pos(/\d+| of \d+)"#, options: .regularExpression) == nil
        {
          failures.append("\(s.name): heading \"\(line.prefix(30))\"")
        }
      }
    }
    for s in reports() + vectorExports() where !s.isMachine {
      // Positions in words say what they are of.
      for line in s.text.split(separator: "\n")
      where line.contains("position") || line.contains("Position") {
        let hasRank = line.range(of: #"=?\d+ (of|/)"#, options: .regularExpression) != nil
        let bare = line.range(of: #"position\s+=?\d+\s*$"#, options: .regularExpression) != nil
        if bare && !hasRank { failures.append("\(s.name): \(line)") }
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) positions without a denominator:\n\(failures.prefix(12).joined(separator: "\n"))"
    )
  }

  /// A data row of an embedded file, split into its fields (quoted fields kept whole).
  func dataRow(_ file: String, _ line: Int) -> [String] {
    guard let bytes = DatasetLoader.embeddedFiles.first(where: { $0.name == file })?.bytes else {
      return []
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.indices.contains(line - 1) else { return [] }
    return CSVScanner.fields(of: lines[line - 1])
  }

  /// Each successor's people and share cite lineage.csv rows of that STP and successor, the
  /// people's row holding the very number shown.
  @Test func everySuccessorCitesTheRowsThatHoldItsPeople() {
    let t = LineageReport.table(d, footprints: Array(d.footprints.indices))
    let keys = t.columns.map(\.key)
    guard let codeK = keys.firstIndex(of: "code"),
      let successorK = keys.firstIndex(of: "successor_code"),
      let peopleK = keys.firstIndex(of: "people_value"),
      let rowsK = keys.firstIndex(of: "people_rows"),
      let shareRowsK = keys.firstIndex(of: "share_rows")
    else {
      Issue.record("the successors table lacks its columns")
      return
    }
    #expect(t.rows.count == 98)
    var failures: [String] = []
    for r in t.rows {
      guard case .string(let cited) = r[rowsK].value, case .int(let people) = r[peopleK].value,
        case .string(let shareRows) = r[shareRowsK].value
      else {
        failures.append("\(r[codeK].text) -> \(r[successorK].text): no people or rows")
        continue
      }
      let parts = cited.split(separator: ":")
      let fields = parts.count == 2 ? dataRow(String(parts[0]), Int(parts[1]) ?? 0) : []
      if fields.count < 6 || fields[0] != r[codeK].text || fields[2] != r[successorK].text
        || fields[5] != String(people)
      {
        failures.append("\(r[codeK].text) -> \(r[successorK].text) cites \(cited): \(fields)")
      }
      // The share rests on all of the STP's rows at that date, this one among them.
      if !shareRows.split(separator: ";").contains(Substring(cited)) {
        failures.append("\(r[codeK].text) -> \(r[successorK].text): share omits \(cited)")
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(8).joined(separator: "\n"))")
  }

  @Test func everyCitedDataRowHoldsItsFigure() {
    var failures: [String] = []
    var checked = 0
    for start in stride(from: 0, to: d.footprints.count, by: 6) {
      let set = Array(start..<min(start + 6, d.footprints.count))
      let t = CompareReport.make(d, m, footprints: set).longTable()
      let keys = t.columns.map(\.key)
      guard let measureK = keys.firstIndex(of: "measure"), let codeK = keys.firstIndex(of: "code"),
        let textK = keys.firstIndex(of: "text"), let rowK = keys.firstIndex(of: "row")
      else {
        Issue.record("compare's long table lacks its columns")
        return
      }
      for r in t.rows {
        guard case .string(let cited) = r[rowK].value else { continue }
        let measure = r[measureK].text
        let code = r[codeK].text
        let text = r[textK].text
        for loc in cited.split(separator: ";") {
          let parts = loc.split(separator: ":")
          guard parts.count == 2, let line = Int(parts[1]) else { continue }
          let file = String(parts[0])
          let fields = dataRow(file, line)
          checked += 1
          let describe =
            "\(measure) of \(code) (\(text)) cites \(loc): \(fields.prefix(5).joined(separator: ","))"
          // The row is that STP's (ratings.csv names the code second).
          // (A designation of a merged STP's successor is its row too.)
          let rowCode = file == "ratings.csv" ? fields.dropFirst().first : fields.first
          let successor = d.index(ofCode: code).flatMap { d.footprints[$0].successorCode }
          if file != "councils.csv" && rowCode != code && (rowCode == nil || rowCode != successor) {
            failures.append(describe + " (another STP's row)")
          }
          guard file == "funding.csv", fields.count > 6 else { continue }
          // A wave's figure cites rows of that wave; a £0 cites the nil award.
          if let w = d.waves.first(where: { measure.hasSuffix(" " + $0.shortLabel) }),
            fields[1] != w.id
          {
            failures.append(describe + " (another wave's row)")
          }
          if text == "£0" && fields[3] != "nil" {
            failures.append(describe + " (not the nil award)")
          }
          // An amount shown ("£100m", "£0 in W4") rests on rows that carry one: a row naming a
          // recipient without an amount cannot hold it.
          if text.contains("£") && fields[5].isEmpty && fields[6].isEmpty
            && fields[3] != "stp-total"
          {
            failures.append(describe + " (a row without an amount)")
          }
        }
      }
    }
    #expect(checked > 100)
    #expect(
      failures.isEmpty,
      "\(failures.count) citations that do not hold their figure:\n\(failures.prefix(12).joined(separator: "\n"))"
    )
  }

  @Test func machineExportsWriteAbsentAsBlankAndGiveEveryFigureItsBasis() {
    var failures: [String] = []
    for s in reports() where s.isMachine && s.name.hasSuffix("csv") {
      let lines = s.text.split(separator: "\n", omittingEmptySubsequences: false).filter {
        !$0.isEmpty
      }
      guard let header = lines.first else { continue }
      let keys = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      // A money or per-head column has a basis beside it (its own, or the table's).
      let money = keys.filter {
        $0.hasSuffix("_gbp") || $0 == "funding" || $0 == "per_head" || $0 == "capital"
      }
      for k in money where !keys.contains(k + "_basis") && !keys.contains("basis") {
        failures.append("\(s.name): \(k) has no basis column")
      }
      for line in lines.dropFirst() {
        let fields = CSVScanner.fields(of: line)
        let row = Dictionary(zip(keys, fields), uniquingKeysWith: { a, _ in a })
        for k in keys where k.hasSuffix("_basis") {
          let stem = String(k.dropLast("_basis".count))
          guard let basis = row[k], AbsentReason(rawValue: basis) != nil else { continue }
          for suffix in ["_value", "_min", "_max"] where !(row[stem + suffix] ?? "").isEmpty {
            failures.append(
              "\(s.name): \(stem)\(suffix) = \(row[stem + suffix] ?? "") though \(basis)")
          }
        }
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) problems:\n\(failures.prefix(12).joined(separator: "\n"))")
  }

  @Test func chartsAndMapsTellTheirValuesApart() {
    // Breadth on a chart's axis is its whole number of sectors, never a packed ranking number.
    let sc = ChartsReport.scatter(m, count: d.footprints.count, x: .breadth, y: .perHead)
    #expect(sc.points.allSatisfy { $0.x == $0.x.rounded() })
    // The per-head map's top step does not lump £204 with £633: the highest can be found.
    let app = HeadlessApp(size: Size(width: 120, height: 40))
    let scale = MapScale.make(app.state, .perHead)
    let top = scale.steps.last?.label ?? ""
    #expect(!top.contains("204") || !top.contains("632"), "top step: \(top)")
    // No internal identifier in what people or programs read.
    for s in reports() { #expect(!s.text.contains("successRegime"), "\(s.name)") }
  }
}
