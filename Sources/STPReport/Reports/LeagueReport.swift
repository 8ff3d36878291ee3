import STPModel

/// The league table of the `league` command.
public enum LeagueReport {
  /// Builds the league by a measure; `rows` (footprint indices) restricts and orders it, as a
  /// filtered and sorted screen shows it.
  public static func make(_ d: Dataset, _ m: Metrics, by measure: Measure, rows: [Int]? = nil) -> ReportTable {
    typealias C = ReportTable.Column
    var columns = [
      C("Pos", key: "position", numeric: true), C("Code", key: "code"), C("STP", key: "name", maxWidth: 40),
      C("Region", key: "region"), C("Band", key: "band"),
    ]
    let hasMovement = m.previousPeriod != nil
    if hasMovement { columns.append(C("Move", key: "movement", numeric: true)) }
    switch measure {
    case .band: break
    case .funding:
      columns += [C("Funding (quoted)", key: "funding_quoted_gbp", numeric: true),
                  C("Known range", key: "funding_range")]
    case .perHead:
      columns += [C("Per head", key: "funding_per_head_gbp", numeric: true),
                  C("Funding (quoted)", key: "funding_quoted_gbp", numeric: true),
                  C("Population", key: "population", numeric: true)]
    case .breadth:
      columns += [C("Sectors", key: "sectors", numeric: true),
                  C("Partners", key: "partners", numeric: true),
                  C("Non-NHS", key: "non_nhs_share", numeric: true)]
    case .population:
      columns += [C("Population", key: "population", numeric: true),
                  C("As of", key: "population_year")]
    }
    columns.append(C("Tied", key: "tied", machineOnly: true))
    var table = ReportTable(columns: columns)
    for row in ordered(m.league(by: measure), rows) {
      let f = d.footprints[row.footprint]
      var cells: [ReportTable.Cell] = [
        .init(row.position.label, .number(row.position.rank)),
        .text(f.code), .text(f.name), .text(f.region),
        .init(row.band?.name ?? "unknown", .text(row.band?.name)),
      ]
      if hasMovement { cells.append(movementCell(row.movement)) }
      cells += measureCells(measure, d, m, row.footprint)
      cells.append(.init(row.position.isTied ? "=" : "", .bool(row.position.isTied)))
      table.rows.append(cells)
    }
    table.notes = notes(measure, d, m)
    return table
  }

  static func movementCell(_ mv: Int?) -> ReportTable.Cell {
    guard let mv else { return .init("", .null) }
    let text = mv > 0 ? "▲\(mv)" : mv < 0 ? "▼\(-mv)" : "="
    return .init(text, .int(Int64(mv)))
  }

  static func measureCells(_ measure: Measure, _ d: Dataset, _ m: Metrics, _ i: Int)
    -> [ReportTable.Cell]
  {
    let f = d.footprints[i]
    let fund = m.funding[i]
    let pop = f.population.map { ReportTable.Cell(Format.population($0, basis: f.populationBasis), .int(Int64($0))) }
      ?? .init("unknown", .null)
    let quoted = fund.rankValue.map { ReportTable.Cell(Format.money($0), .int($0)) }
      ?? .init(fund.hasRows ? "unknown" : "no data", .null)
    switch measure {
    case .band:
      return []
    case .funding:
      let range = fund.hasRows ? FundingReport.rangeText(fund) : "no data"
      return [quoted, .init(range, .string(range))]
    case .perHead:
      let v = m.value(.perHead, footprint: i)
      return [v.map { .init(Format.perHead($0), .double(($0 * 100).rounded() / 100)) }
        ?? .init("unknown", .null), quoted, pop]
    case .breadth:
      let b = m.breadth[i]
      return [
        b.rankValue.map { .init("\($0)" + (b.isSectorCountLowerBound ? "+" : ""), .int(Int64($0))) }
          ?? .init("unknown", .null),
        .init(b.hasData ? Format.count(b.total, basis: b.totalBasis) : "–",
              b.hasData ? .int(Int64(b.total)) : .null),
        b.nonNHSShare.map { .init(PartnersReport.shareText(b, $0), .double(($0 * 1000).rounded() / 1000)) }
          ?? .init("unknown", .null),
      ]
    case .population:
      return [pop, .text(f.populationYear)]
    }
  }

  static func notes(_ measure: Measure, _ d: Dataset, _ m: Metrics) -> [String] {
    let n = d.footprints.count
    let known = (0..<n).filter { m.value(measure, footprint: $0) != nil }.count
    var notes: [String] = []
    let period = m.period.map { " (\($0))" } ?? ""
    switch measure {
    case .band:
      notes.append("Ranked by band\(period): Outstanding > Advanced > Making progress > Needs most "
        + "improvement; \"=\" marks a shared position. Band known for \(known) of \(n) STPs; the "
        + "rest are listed after, unranked (unknown is not a band).")
    case .funding:
      notes.append("Ranked by the capital amounts the sources quote (\"up to\" figures at their "
        + "maximum); \(known) of \(n) STPs have every award's amount. Totals are incomplete: most "
        + "wave 2-4 schemes were not published. Known range: what the amounts prove, STP totals "
        + "not double counted with their schemes.")
    case .perHead:
      notes.append("Quoted funding divided by the footprint's population (rounded figures of "
        + "different years); known for \(known) of \(n) STPs.")
    case .breadth:
      notes.append("Ranked by the number of sectors among partners; known for \(known) of \(n) "
        + "STPs. Where only NHS lookups (CCGs, acute trusts) exist, breadth is unknown. Published "
        + "member lists differ in scope, so compare with care.")
    case .population:
      notes.append("Populations as each source gives them (often rounded, years 2016-2023); "
        + "known for \(known) of \(n) STPs.")
    }
    notes.append("Data: \(d.origin).")
    return notes
  }
}

/// League rows restricted to and in the order of `rows`, when given.
func ordered(_ league: [LeagueRow], _ rows: [Int]?) -> [LeagueRow] {
  guard let rows else { return league }
  let byFootprint = Dictionary(uniqueKeysWithValues: league.map { ($0.footprint, $0) })
  return rows.compactMap { byFootprint[$0] }
}
