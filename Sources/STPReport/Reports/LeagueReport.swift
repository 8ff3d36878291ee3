import STPModel

/// The league table of the `league` command.
public enum LeagueReport {
  /// Builds the league by a measure; `rows` (footprint indices) restricts and orders it, as a
  /// filtered and sorted screen shows it.
  public static func make(_ d: Dataset, _ m: Metrics, by measure: Measure, rows: [Int]? = nil)
    -> ReportTable
  {
    typealias C = ReportTable.Column
    let league = m.league(by: measure)
    let spec = measure.spec
    let amongAll = league.contains { $0.position.amongAll != nil }
    var columns = [
      positionColumn(league), C("Ranked of", key: "ranked_of", numeric: true, machineOnly: true),
    ]
    if amongAll {
      columns.append(C("Pos of \(d.footprints.count)", key: "position_among_all", numeric: true))
    }
    columns += [
      C("Code", key: "code"), C("STP", key: "name", maxWidth: 40), C("Region", key: "region"),
    ]
    columns += figureColumns(MeasureCatalog.entry(.band).label, key: "band", numeric: false)
    let hasMovement = m.previousPeriod != nil
    if hasMovement { columns.append(C("Move", key: "movement", numeric: true)) }
    if measure != .band { columns += figureColumns(spec.label, key: key(measure), maxWidth: 24) }
    for c in spec.columns {
      columns += figureColumns(
        c.header, key: c.key, numeric: c.isNumeric, machineOnly: c.isMachineOnly)
    }
    columns.append(C("Tied", key: "tied", machineOnly: true))
    var table = ReportTable(columns: columns)
    for row in ordered(league, rows) {
      let f = d.footprints[row.footprint]
      let p = row.position
      var cells: [ReportTable.Cell] = [
        .init(p.label, .number(p.rank), forms: [p.label]), .init("", .int(Int64(p.known))),
      ]
      if amongAll {
        let among = p.amongAll.map { $0.map { "=\($0)" }.joined(separator: ", ") } ?? ""
        cells.append(
          .init(
            among,
            p.amongAll.map {
              $0.count == 1
                ? .int(Int64($0[0])) : .string($0.map(String.init).joined(separator: "|"))
            } ?? .null))
      }
      cells += [.text(f.code), .text(f.name), .text(f.region)]
      cells += FigureText.cells(m.figure(.band, footprint: row.footprint))
      if hasMovement { cells.append(movementCell(row.movement)) }
      if measure != .band { cells += FigureText.cells(m.figure(measure, footprint: row.footprint)) }
      for c in spec.columns { cells += measureCells(c.cell(m, row.footprint)) }
      cells.append(.init(p.isTied ? "=" : "", .bool(p.isTied)))
      table.rows.append(cells)
    }
    table.notes = notes(measure, d, m)
    return table
  }

  /// A measure's key in CSV/JSON: `per_head`, `share_65`.
  public static func key(_ measure: Measure) -> String { measure.rawValue.replacingHyphens() }

  /// A figure's column for people and its machine columns (value, min, max, basis, source,
  /// rows).
  static func figureColumns(
    _ header: String, key: String, numeric: Bool = true, machineOnly: Bool = false,
    maxWidth: Int? = nil
  ) -> [ReportTable.Column] {
    [
      ReportTable.Column(
        header, key: key, numeric: numeric, machineOnly: machineOnly, maxWidth: maxWidth)
    ]
      + FigureText.machineColumns(header, key: key)
  }

  /// The cells of a catalogue column: a figure with its machine cells, or a text padded with
  /// blanks to the same columns.
  static func measureCells(_ cell: MeasureCell) -> [ReportTable.Cell] {
    switch cell {
    case .figure(let f): return FigureText.cells(f)
    case .text(let t): return [.text(t)] + Array(repeating: ReportTable.Cell("", .null), count: 6)
    case .number(let v):
      return [
        .init(v.map { plainNumber($0) } ?? Absence.unknown.word, v.map { .double($0) } ?? .null)
      ]
        + Array(repeating: ReportTable.Cell("", .null), count: 6)
    }
  }

  /// The position column, its heading saying what the positions rest on: "Pos of 10" when 10
  /// footprints have a value (a rank is never "of 44" when 34 are unknown).
  static func positionColumn(_ league: [LeagueRow]) -> ReportTable.Column {
    let known = league.first?.position.known ?? 0
    return ReportTable.Column("Pos of \(known)", key: "position", numeric: true)
  }

  static func movementCell(_ mv: Int?) -> ReportTable.Cell {
    guard let mv else { return .init("", .null) }
    let text = mv > 0 ? "▲\(mv)" : mv < 0 ? "▼\(-mv)" : "="
    return .init(text, .int(Int64(mv)))
  }

  static func notes(_ measure: Measure, _ d: Dataset, _ m: Metrics) -> [String] {
    let n = d.footprints.count
    let known = (0..<n).filter { m.value(measure, footprint: $0) != nil }.count
    return [measure.spec.note(known, n, m), "Data: \(d.origin)."]
  }
}

/// League rows restricted to and in the order of `rows`, when given.
func ordered(_ league: [LeagueRow], _ rows: [Int]?) -> [LeagueRow] {
  guard let rows else { return league }
  let byFootprint = Dictionary(uniqueKeysWithValues: league.map { ($0.footprint, $0) })
  return rows.compactMap { byFootprint[$0] }
}
