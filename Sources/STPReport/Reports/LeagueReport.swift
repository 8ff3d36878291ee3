import STPModel

/// The league table of the `league` command.
public enum LeagueReport {
  /// Builds the league by a measure; `rows` (footprint indices) restricts and orders it, as a
  /// filtered and sorted screen shows it.
  public static func make(_ d: Dataset, _ m: Metrics, by measure: Measure, rows: [Int]? = nil) -> ReportTable {
    typealias C = ReportTable.Column
    let league = m.league(by: measure)
    var columns = [
      positionColumn(league), C("Ranked of", key: "ranked_of", numeric: true, machineOnly: true),
      C("Code", key: "code"), C("STP", key: "name", maxWidth: 40),
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
                  C("Per head basis", key: "funding_per_head_basis", machineOnly: true),
                  C("Per head min", key: "funding_per_head_min_gbp", numeric: true, machineOnly: true),
                  C("Per head max", key: "funding_per_head_max_gbp", numeric: true, machineOnly: true),
                  C("Funding (quoted)", key: "funding_quoted_gbp", numeric: true),
                  C("Population (ONS)", key: "population_ons", numeric: true)]
    case .breadth:
      columns += [C("Non-NHS sectors", key: "non_nhs_sectors", numeric: true),
                  C("Sectors basis", key: "non_nhs_sectors_basis", machineOnly: true),
                  C("Non-NHS", key: "non_nhs_share", numeric: true),
                  C("Share basis", key: "non_nhs_share_basis", machineOnly: true),
                  C("Partners", key: "partners", numeric: true),
                  C("Partners basis", key: "partners_basis", machineOnly: true)]
    case .population, .share65, .share85:
      columns += [C("Population (ONS)", key: "population_ons", numeric: true),
                  C("Aged 65+", key: "share_aged_65_plus", numeric: true),
                  C("Aged 85+", key: "share_aged_85_plus", numeric: true),
                  C("65+ (ONS)", key: "aged_65_plus_ons", numeric: true, machineOnly: true),
                  C("85+ (ONS)", key: "aged_85_plus_ons", numeric: true, machineOnly: true),
                  C("Basis", key: "population_ons_year"),
                  C("As stated by the STP", key: "population_stated"),
                  C("Stated basis", key: "population_stated_basis", machineOnly: true),
                  C("Stated as of", key: "population_stated_year", machineOnly: true)]
    case .councils:
      columns += [C("Care councils named", key: "care_councils_named"),
                  C("Share of people", key: "care_councils_named_share", numeric: true, machineOnly: true),
                  C("Share of councils", key: "care_councils_named_count_share", numeric: true, machineOnly: true),
                  C("Councils (ONS)", key: "councils_in_footprint"),
                  C("Not named", key: "care_councils_not_named")]
    }
    columns.append(C("Tied", key: "tied", machineOnly: true))
    var table = ReportTable(columns: columns)
    for row in ordered(league, rows) {
      let f = d.footprints[row.footprint]
      var cells: [ReportTable.Cell] = [
        .init(row.position.label, .number(row.position.rank)),
        .init("", .int(Int64(row.position.known))),
        .text(f.code), .text(f.name), .text(f.region),
        .init(row.band?.name ?? Absence.unknown.word, .text(row.band?.name)),
      ]
      if hasMovement { cells.append(movementCell(row.movement)) }
      cells += measureCells(measure, d, m, row.footprint)
      cells.append(.init(row.position.isTied ? "=" : "", .bool(row.position.isTied)))
      table.rows.append(cells)
    }
    table.notes = notes(measure, d, m)
    return table
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

  static func measureCells(_ measure: Measure, _ d: Dataset, _ m: Metrics, _ i: Int)
    -> [ReportTable.Cell]
  {
    let f = d.footprints[i]
    let fund = m.funding[i]
    let pop = f.onsPopulation.map { ReportTable.Cell(Format.grouped(Int64($0)), .int(Int64($0))) }
      ?? .init(Absence.unknown.word, .null)
    let quoted = FundingReport.quotedCell(fund, d.waves)
    switch measure {
    case .band:
      return []
    case .funding:
      let range = FundingReport.rangeText(fund, d.waves)
      return [quoted, .init(range, .string(range))]
    case .perHead:
      return FundingReport.perHeadCells(m.perHead(footprint: i)) + [quoted, pop]
    case .breadth:
      return PartnersReport.breadthCells(m.breadth[i])
    case .population, .share65, .share85:
      func share(_ measure: Measure) -> ReportTable.Cell {
        m.value(measure, footprint: i).map { .init(Format.percent($0, places: measure.percentPlaces), .double(($0 * 10000).rounded() / 10000)) }
          ?? .init(Absence.unknown.word, .null)
      }
      let stated = f.population.map { Format.population($0, basis: f.populationBasis) }
      func count(_ n: Int?) -> ReportTable.Cell { .init("", n.map { .int(Int64($0)) } ?? .null) }
      return [pop, share(.share65), share(.share85), count(f.onsAged65Plus), count(f.onsAged85Plus),
              f.onsPopulation == nil ? .init(Absence.unknown.word, .null) : .text(f.onsYear.map { "ONS " + $0 }),
              stated.map { .init($0 + (f.populationYear.map { " (\($0))" } ?? ""), .int(Int64(f.population ?? 0))) }
                ?? .init(Absence.unknown.word, .null),
              .init("", f.population == nil ? .null : .string((f.populationBasis ?? .exact).rawValue)),
              .init("", .text(f.populationYear))]
    case .councils:
      let c = m.councils[i]
      let (text, known) = CouncilsText.measure(c, d)
      return [.init(text, known ? .string(text) : .null),
              .init("", c.weightedShare(d).map { .double(($0 * 10000).rounded() / 10000) } ?? .null),
              .init("", c.countShare(d).map { .double(($0 * 10000).rounded() / 10000) } ?? .null),
              .text(CouncilsText.inFootprint(c)),
              .text(c.searched ? CouncilsText.missing(c, d) : nil)]
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
      notes.append("Capital found divided by the ONS mid-2017 population; known for \(known) of "
        + "\(n) STPs. Per head keeps its amount's qualifier (\"up to £312m\" over 493,227 people is "
        + "\"up to £633\"); it ranks by the quoted figure (the maximum of \"up to\" and ranges, "
        + "the minimum of \"at least\").")
    case .councils:
      notes.append("Ranked by the share of the footprint's people whose social care authority (county, "
        + "unitary, metropolitan or London borough; ONS April 2017 lookups and mid-2017 populations) is "
        + "named among its partners; known for \(known) of \(n) STPs, those with a published member list. "
        + "Elsewhere 'not searched': never '0 of 3'. Matching of names: docs/DATA.md.")
    case .breadth:
      notes.append("Ranked by the number of sectors beyond the NHS among partners, then by the "
        + "non-NHS share; known for \(known) of \(n) STPs. Where only NHS lookups (CCGs, acute "
        + "trusts) exist, breadth is unknown. Published member lists differ in scope, so compare "
        + "with care.")
    case .population, .share65, .share85:
      notes.append("Ranked by \(measure.meaning); known for \(known) of \(n) STPs. ONS mid-2017 "
        + "estimates summed over each footprint's 2011 LSOAs (ONS April 2017 lookup). The STPs' "
        + "own figures (rounded, years 2016-2023) are shown as stated, never ranked.")
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
