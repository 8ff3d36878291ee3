import STPModel

/// Up to six STPs side by side: one column each, one row per measure, each value with its
/// qualifier, its position with its denominator, and where it comes from. Rows of numbers know
/// which value is best and carry the values for bars on one scale; unknowns stay unknown.
public struct CompareReport: Sendable {
  /// One value of one STP.
  public struct Cell: Sendable, Equatable {
    /// The value as shown, in its longest form ("at least £100m", "=1 of 44").
    public var text: String
    /// For bars and the best value; nil when unknown or not a number.
    public var value: Double?
    /// Whether the data has the value (false shows the unknown mark, never 0).
    public var isKnown: Bool
    /// Where it comes from ("https://…"), for `y`.
    public var source: String?
    /// The data row that holds it ("funding.csv:12").
    public var location: String?
    /// A shorter form for narrow columns: positions as "=1/16", "–" unranked.
    public var short: String? = nil
    /// Every form of the text, longest first (a figure's or a position's), for a column's
    /// width: the words shorten, never the number.
    public var forms: [String] = []
    /// The figure shown, for the exports' value, minimum, maximum and basis.
    public var figure: Figure? = nil

    /// The text in the longest form that fits `width`.
    public func text(width: Int, ascii: Bool = false) -> String {
      forms.isEmpty
        ? (ascii ? ASCIIFold.fold(text) : text) : FigureText.fit(forms, width: width, ascii: ascii)
    }
  }

  /// One measure for every STP.
  public struct Row: Sendable {
    /// The measure's name as the row shows it, indented under its section.
    public var label: String
    /// The Detail line or section heading that holds the value (for Enter on a cell).
    public var section: String
    /// One cell per STP compared, in column order.
    public var cells: [Cell]
    /// Whether a higher number is the better (a league's order): bars and the best are shown.
    public var ranked: Bool
    /// Whether the row is a position ("2 of 10 known"): the best is the lowest rank.
    public var isPosition: Bool = false
    /// The label without its indent: "position".
    public var name: String { label.trimmingCharacters() }
    /// Whether bars show the values (numbers on a scale from 0; not bands, not positions).
    public var hasBars: Bool { ranked && !isPosition && !label.hasPrefix("Band") }

    /// The columns holding the best value (ties all), none when fewer than two are known.
    public var best: [Int] {
      let values = cells.compactMap(\.value)
      guard ranked, values.count >= 2, let top = isPosition ? values.min() : values.max() else {
        return []
      }
      let known = cells.indices.filter { cells[$0].value != nil }
      return known.filter { cells[$0].value == top }
    }
  }

  /// The STPs compared (indexes into the dataset's footprints), in column order.
  public let footprints: [Int]
  /// Their names, for the column headings.
  public let names: [String]
  /// Their ONS codes.
  public let codes: [String]
  /// One row per measure.
  public let rows: [Row]

  /// The most STPs compared at once.
  public static let limit = 6

  /// The comparison of the first `limit` of `fs`.
  public static func make(_ d: Dataset, _ m: Metrics, footprints fs: [Int]) -> CompareReport {
    let fs = Array(fs.prefix(limit))
    var rows: [Row] = []
    func cell(
      _ text: String, _ value: Double?, known: Bool = true, source: String? = nil,
      at: RowLocation? = nil
    ) -> Cell {
      Cell(text: text, value: value, isKnown: known, source: source, location: at?.description)
    }
    /// A figure's cell: its text and forms, its value for bars and the best (only when known),
    /// its source and the rows it rests on.
    func cell(_ fig: Figure, value: Double?) -> Cell {
      var c = cell(
        FigureText.text(fig), fig.isKnown ? value : nil, known: fig.isKnown, source: fig.source)
      c.location = fig.rows.isEmpty ? nil : fig.rows.map(\.description).joined(separator: ";")
      c.forms = FigureText.forms(fig)
      c.figure = fig
      return c
    }
    rows.append(
      Row(
        label: "Region", section: "Region",
        cells: fs.map { f in
          cell(
            d.footprints[f].region ?? Absence.unknown.word, nil,
            known: d.footprints[f].region != nil,
            source: d.footprints[f].source, at: d.footprints[f].location)
        }, ranked: false))
    // Each measure (its catalogue entry and figure), then its position among the known values.
    for measure in Measure.allCases {
      let spec = measure.spec
      let league = m.league(by: measure)
      let positions = Dictionary(uniqueKeysWithValues: league.map { ($0.footprint, $0.position) })
      let label = measure == .band ? "Band\(m.period.map { " \($0)" } ?? "")" : spec.label
      rows.append(
        Row(
          label: label, section: spec.section,
          cells: fs.map { f in
            cell(m.figure(measure, footprint: f), value: m.value(measure, footprint: f))
          }, ranked: true))
      rows.append(
        Row(
          label: "  position", section: spec.section,
          cells: fs.map { f in
            let p = positions[f] ?? Position(rank: nil, isTied: false)
            var c = cell(FigureText.position(p), p.rank.map(Double.init), known: p.rank != nil)
            c.forms = FigureText.positionForms(p)
            c.short = c.forms.last
            return c
          }, ranked: true, isPosition: true))
    }
    // Funding by wave, each with its qualifier and the rows it rests on.
    for (w, wave) in d.waves.enumerated() where wave.isNational {
      rows.append(
        Row(
          label: "Funding \(wave.shortLabel)", section: "Capital funding",
          cells: fs.map { f in
            guard let fig = m.waveFigure(f, wave: w) else {
              return cell("not named", nil, known: false)
            }
            return cell(fig, value: fig.rankValue)
          }, ranked: true))
    }
    rows.append(
      Row(
        label: "Unsuccessful bids", section: "Capital funding",
        cells: fs.map { f in
          let bids = m.funding[f].waves.reduce(0) { $0 + $1.unsuccessfulBids }
          return cell(bids == 0 ? "none found" : "\(bids)", nil, known: true)
        }, ranked: false))
    // Breadth in detail: organisations by sector.
    rows.append(
      Row(
        label: "Organisations", section: "Partnership",
        cells: fs.map { f in
          let b = m.breadth[f]
          let from = firstPartnerSource(d, f)
          return cell(
            b.hasData ? PartnersReport.partnersText(b) : Absence.unknown.word, nil,
            known: b.hasData,
            source: from?.0, at: from?.1)
        }, ranked: false))
    rows.append(
      Row(
        label: "  by sector", section: "Partnership",
        cells: fs.map { f in
          let b = m.breadth[f]
          guard b.hasData else { return cell(Absence.unknown.word, nil, known: false) }
          // Sectors with members, then "· none named" and "? not searched" for the rest.
          let named = Sector.allCases.filter { b.count($0).count > 0 }.map {
            "\($0.shortLabel) \(PartnersReport.sectorText(b, $0))"
          }
          let unsearched = Sector.allCases.filter { b.count($0).count == 0 && !b.wasSearched($0) }
            .count
          return cell(
            named.joined(separator: ", ")
              + (unsearched > 0 ? "; \(unsearched) sectors not searched" : ""), nil, known: true)
        }, ranked: false))
    rows.append(
      Row(
        label: "Designations", section: "Designations",
        cells: fs.map { f in
          let code = d.footprints[f].code
          let ds = d.designations.filter {
            $0.code == code || $0.code == d.footprints[f].successorCode
          }
          let text =
            ds.isEmpty
            ? "none found"
            : ds.map { "\($0.designation) (\($0.announced ?? "undated"))" }.joined(separator: "; ")
          return cell(text, nil, known: true, source: ds.first?.source, at: ds.first?.location)
        }, ranked: false))
    // What each became at the newest date of the lineage, in Detail's words.
    let lineage = Lineage(d)
    if let date = lineage.dates.last {
      rows.append(
        Row(
          label: "Became (\(spokenDate(date)))", section: "Became",
          cells: fs.map { f in
            let parts = lineage.successors(of: f, asOf: date)
            let e = ShowReport.became(parts, asOf: date)
            var c = cell(e.text, nil, known: !parts.isEmpty, source: e.source)
            // Shorter forms for a narrow column: every share kept whole (a sliver included).
            if !parts.isEmpty {
              let named = parts.map { p in
                var share = p.share
                share.note = nil
                return (Lineage.shortName(p.successorName), FigureText.text(share))
              }
              let kind = Lineage.kind(date)
              c.forms = [
                e.text, named.map { "\($0.0) \($0.1)" }.joined(separator: ", "),
                "\(named.count) \(kind)\(named.count == 1 ? "" : "s"): "
                  + named.map(\.1).joined(separator: ", "),
              ]
            }
            // The rows as every compare cell cites them: "file:line;file:line".
            c.location =
              parts.isEmpty
              ? nil : parts.flatMap(\.people.rows).map(\.description).joined(separator: ";")
            return c
          }, ranked: false))
    }
    return CompareReport(
      footprints: fs, names: fs.map { d.footprints[$0].name },
      codes: fs.map { d.footprints[$0].code },
      rows: rows)
  }

  static func firstFundingSource(_ d: Dataset, _ f: Int) -> (String, RowLocation)? {
    for w in d.waves.indices {
      if let r = d.funding.rows(footprint: f, wave: w).first {
        let row = d.funding[r]
        return (row.source, row.location)
      }
    }
    return nil
  }

  static func firstPartnerSource(_ d: Dataset, _ f: Int) -> (String, RowLocation)? {
    d.partners.rows(forFootprint: f).first.map { r in
      let p = d.partners[r]
      return (p.source, p.location)
    }
  }

  static func json(_ v: Double) -> JSONValue {
    v == v.rounded() && abs(v) < 1e15 ? .int(Int64(v)) : .double(v)
  }

  /// A figure's bound for CSV/JSON at its unit's precision; blank / null when there is none.
  static func bound(_ v: Double?, _ f: Figure?) -> ReportTable.Cell {
    guard let v, let f else { return ReportTable.Cell("", .null) }
    let value = FigureText.exportNumber(v, f.unit)
    return ReportTable.Cell(ReportTable.csvText(value), value)
  }

  /// The rows' labels in full: "Band 2017-07 position", "Funding W1".
  var fullLabels: [String] {
    var parent = ""
    return rows.map { row in
      guard row.label.hasPrefix(" ") else {
        parent = row.label
        return row.label
      }
      let own = row.name
      return parent.hasPrefix("Funding") ? "Funding \(own)" : "\(parent) \(own)"
    }
  }

  /// For people (table, Markdown): a column per STP, "(highest)" marked.
  public func table() -> ReportTable {
    var columns = [ReportTable.Column("Measure", key: "measure")]
    for (i, name) in names.enumerated() {
      columns.append(ReportTable.Column(name, key: "stp_\(i + 1)"))
    }
    var out = ReportTable(columns: columns)
    for (row, label) in zip(rows, fullLabels) {
      let best = Set(row.best)
      out.rows.append(
        [ReportTable.Cell(label, .string(label))]
          + row.cells.enumerated().map { i, c in
            let text = c.text + (best.contains(i) ? " (highest)" : "")
            return ReportTable.Cell(text, .string(text))
          })
    }
    out.notes = [
      "Positions count only the STPs whose value is known (\"2 of 10 known\"); (highest) marks the highest value, or the first position, among those compared.",
      "STPs: " + zip(names, codes).map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + ".",
      "Sectors: "
        + Sector.allCases.map { "\($0.shortLabel) \($0.label.lowercased())" }.joined(
          separator: ", ")
        + "; * a stated count, not named members.",
    ]
    return out
  }

  /// For programs (CSV, JSON): a row per measure and STP, with the text as shown, the number,
  /// whether it is known and highest, and the source with its data row.
  public func longTable() -> ReportTable {
    var out = ReportTable(columns: [
      ReportTable.Column("Measure", key: "measure"), ReportTable.Column("Code", key: "code"),
      ReportTable.Column("STP", key: "name"), ReportTable.Column("Text", key: "text"),
      ReportTable.Column("Value", key: "value", numeric: true),
      ReportTable.Column("Min", key: "min", numeric: true),
      ReportTable.Column("Max", key: "max", numeric: true),
      ReportTable.Column("Basis", key: "basis"), ReportTable.Column("Known", key: "known"),
      ReportTable.Column("Highest", key: "highest"), ReportTable.Column("Source", key: "source"),
      ReportTable.Column("Row", key: "row"),
    ])
    for (row, label) in zip(rows, fullLabels) {
      let best = Set(row.best)
      for (i, c) in row.cells.enumerated() {
        out.rows.append([
          ReportTable.Cell(label, .string(label)), ReportTable.Cell(codes[i], .string(codes[i])),
          ReportTable.Cell(names[i], .string(names[i])), ReportTable.Cell(c.text, .string(c.text)),
          ReportTable.Cell(
            c.value.map(plainNumber) ?? "", c.value.map(CompareReport.json) ?? .null),
          Self.bound(c.figure?.minimum, c.figure), Self.bound(c.figure?.maximum, c.figure),
          .text(c.figure?.basis ?? (c.isKnown ? "exact" : Absence.unknown.word)),
          ReportTable.Cell(c.isKnown ? "true" : "false", .bool(c.isKnown)),
          ReportTable.Cell(best.contains(i) ? "true" : "false", .bool(best.contains(i))),
          .text(c.source), .text(c.location),
        ])
      }
    }
    return out
  }
}
