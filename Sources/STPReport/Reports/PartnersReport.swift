import STPModel

/// The `partners` command's table: breadth of each partnership.
public enum PartnersReport {
  /// One row per STP, ranked by number of sectors (or restricted to and ordered as `rows`).
  public static func make(_ d: Dataset, _ m: Metrics, rows: [Int]? = nil) -> ReportTable {
    typealias C = ReportTable.Column
    let league = m.league(by: .breadth)
    var columns = [
      LeagueReport.positionColumn(league),
      C("Ranked of", key: "ranked_of", numeric: true, machineOnly: true),
      C("Code", key: "code"), C("STP", key: "name", maxWidth: 34),
      C("Non-NHS sectors", key: "non_nhs_sectors", numeric: true),
      C("Sectors basis", key: "non_nhs_sectors_basis", machineOnly: true),
      C("Non-NHS", key: "non_nhs_share", numeric: true),
      C("Share basis", key: "non_nhs_share_basis", machineOnly: true),
      C("Orgs", key: "partners", numeric: true),
      C("Partners basis", key: "partners_basis", machineOnly: true),
      C("Named", key: "partners_named", numeric: true, machineOnly: true),
      // The breadth figure's bounds and where it comes from, as every export of a figure has.
      C("Sectors min", key: "non_nhs_sectors_min", numeric: true, machineOnly: true),
      C("Sectors max", key: "non_nhs_sectors_max", numeric: true, machineOnly: true),
      C("Breadth source", key: "breadth_source", machineOnly: true),
      C("Breadth rows", key: "breadth_rows", machineOnly: true),
    ]
    for s in Sector.allCases {
      columns.append(C(s.shortLabel, key: s.id.replacingHyphens(), numeric: true))
    }
    columns += [C("Basis", key: "basis"), C("As of", key: "as_of", maxWidth: 24)]
    let dates = d.membershipDates()
    var table = ReportTable(columns: columns)
    for row in ordered(league, rows) {
      let i = row.footprint
      let f = d.footprints[i]
      let b = m.breadth[i]
      var cells: [ReportTable.Cell] = [
        .init(row.position.label, .number(row.position.rank)),
        .init("", .int(Int64(row.position.known))), .text(f.code), .text(f.name),
      ]
      cells += breadthCells(b)
      cells.append(.init("", b.hasData ? .int(Int64(b.named)) : .null))
      let fig = FigureText.cells(m.breadthFigure(i))
      cells += [fig[2], fig[3], fig[5], fig[6]]
      for s in Sector.allCases {
        let text = sectorText(b, s)
        cells.append(
          .init(text, text == Absence.unknown.glyph ? .null : .int(Int64(b.count(s).count))))
      }
      cells.append(.init(basis(b), .string(basis(b))))
      cells.append(.text(dates[i]))
      table.rows.append(cells)
    }
    table.notes = [
      "Sectors: " + Sector.allCases.map { "\($0.shortLabel) \($0.label)" }.joined(separator: ", ")
        + ".",
      "Ranked by sectors beyond the NHS, then the non-NHS share. * a stated count with fewer "
        + "organisations named; \"+\" and \"≥\" lower bounds (some partners' sector or NHS status is "
        + "unknown); \"·\" none named in a searched list; \"?\" unknown: only NHS lookups (CCGs "
        + "2016-17, acute trusts 2018/19) are on record, which cannot show breadth, or no non-NHS "
        + "partner is known while some partners' status is unknown. CSV and JSON: blank/null is "
        + "unknown, 0 is none named.",
      "As of: when the stated counts and published member lists date from (the NHS lookups, "
        + "CCGs 2017 and acute trusts 2018/19, are left out). Lists differ in scope and date, so compare with care. Data: \(d.origin).",
    ]
    return table
  }

  /// Non-NHS sectors, non-NHS share and partners, each with its qualifier column.
  public static func breadthCells(_ b: Breadth) -> [ReportTable.Cell] {
    // Absent for a reason, said in words: "not in the source" (a list of NHS bodies only), "not
    // searched" (only NHS lookups), never 0.
    let why =
      !b.hasData
      ? AbsentReason.unknown
      : !b.listsBeyondNHS
        ? .notInSource
        : !b.hasMembershipEvidence ? .notSearched : .unknown
    let sectors: [ReportTable.Cell] =
      b.rankValue == nil
      ? [.init(why.word, .null), .init("", .string(why.word))]
      : [
        .init(sectorsBeyondText(b), .int(Int64(b.nonNHSSectorCount))),
        .init("", .string(b.isSectorCountLowerBound ? "at least" : "exact")),
      ]
    let share: [ReportTable.Cell] =
      b.nonNHSShare.map {
        [
          .init(shareText(b, $0), .double(($0 * 1000).rounded() / 1000)),
          .init("", .string(b.isShareLowerBound ? "at least" : "exact")),
        ]
      } ?? [.init(why.word, .null), .init("", .string(why.word))]
    let partners: [ReportTable.Cell] =
      b.hasData
      ? [.init(partnersText(b), .int(Int64(b.total))), .init("", .string(b.totalBasis.rawValue))]
      : [.init(Absence.unknown.word, .null), .init("", .null)]
    return sectors + share + partners
  }

  /// Partners, with the stated count beside the named ones where they differ: "37 stated, 29
  /// named", so an empty sector cell is not read as "none".
  public static func partnersText(_ b: Breadth) -> String {
    let total = Format.count(b.total, basis: b.totalBasis)
    return b.total > b.named ? "\(total) stated, \(b.named) named" : total
  }

  /// One sector's cell: a count ("*" when it rests on a stated count), "·" none named in a
  /// searched list, "?" never searched (only NHS lookups cover this sector).
  public static func sectorText(_ b: Breadth, _ s: Sector) -> String {
    let c = b.count(s)
    if c.count > 0 { return "\(c.count)" + (c.isCountOnly ? "*" : "") }
    return b.wasSearched(s) ? Absence.noneNamed.glyph : Absence.unknown.glyph
  }

  /// Sectors beyond the NHS: "3", or "1+" when some partners' sector is unknown.
  public static func sectorsBeyondText(_ b: Breadth) -> String {
    "\(b.nonNHSSectorCount)" + (b.isSectorCountLowerBound ? "+" : "")
  }

  /// The non-NHS share, "≥" when some partners' NHS status is unknown.
  public static func shareText(_ b: Breadth, _ share: Double) -> String {
    (b.isShareLowerBound ? "≥" : "") + Format.percent(share)
  }

  /// What the figures rest on: "named", "named + counts", "NHS lookups only", "unknown".
  public static func basis(_ b: Breadth) -> String {
    if !b.hasData { return Absence.unknown.word }
    if !b.hasMembershipEvidence { return "NHS lookups only" }
    return b.isCountOnly ? "named + counts" : "named"
  }
}

extension String {
  func replacingHyphens() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
