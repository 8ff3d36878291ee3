import STPModel

/// The `partners` command's table: breadth of each partnership.
public enum PartnersReport {
  /// One row per STP, ranked by number of sectors (or restricted to and ordered as `rows`).
  public static func make(_ d: Dataset, _ m: Metrics, rows: [Int]? = nil) -> ReportTable {
    typealias C = ReportTable.Column
    var columns = [
      C("Pos", key: "position", numeric: true), C("Code", key: "code"), C("STP", key: "name", maxWidth: 34),
      C("Sectors", key: "sectors", numeric: true), C("Orgs", key: "partners", numeric: true),
      C("Non-NHS", key: "non_nhs_share", numeric: true),
    ]
    for s in Sector.allCases {
      columns.append(C(s.shortLabel, key: s.id.replacingHyphens(), numeric: true))
    }
    columns += [C("Basis", key: "basis")]
    var table = ReportTable(columns: columns)
    for row in ordered(m.league(by: .breadth), rows) {
      let i = row.footprint
      let f = d.footprints[i]
      let b = m.breadth[i]
      var cells: [ReportTable.Cell] = [
        .init(row.position.label, .number(row.position.rank)), .text(f.code), .text(f.name),
        .init(b.rankValue.map { "\($0)" + (b.isSectorCountLowerBound ? "+" : "") } ?? "?",
              .number(b.rankValue)),
        .init(b.hasData ? Format.count(b.total, basis: b.totalBasis) : "–",
              b.hasData ? .int(Int64(b.total)) : .null),
        b.nonNHSShare.map { .init(shareText(b, $0), .double(($0 * 1000).rounded() / 1000)) }
          ?? .init("?", .null),
      ]
      for s in Sector.allCases {
        let c = b.count(s)
        let text = c.count == 0 ? "·" : "\(c.count)" + (c.isCountOnly ? "*" : "")
        cells.append(.init(text, .int(Int64(c.count))))
      }
      cells.append(.init(basis(b), .string(basis(b))))
      table.rows.append(cells)
    }
    table.notes = [
      "Sectors: " + Sector.allCases.map { "\($0.shortLabel) \($0.label)" }.joined(separator: ", ")
        + ".",
      "* a stated count with fewer organisations named; \"+\" and \"≥\" lower bounds (some partners' "
        + "sector or NHS status is unknown); \"?\" unknown: only NHS lookups (CCGs 2017, acute trusts "
        + "2018/19) are on record, which cannot show breadth, or no non-NHS partner is known while "
        + "some partners' status is unknown.",
      "Published member lists differ in scope and date, so compare with care. Data: \(d.origin).",
    ]
    return table
  }

  /// The non-NHS share, "≥" when some partners' NHS status is unknown.
  public static func shareText(_ b: Breadth, _ share: Double) -> String {
    (b.isShareLowerBound ? "≥" : "") + Format.percent(share)
  }

  /// What the figures rest on: "named", "named + counts", "NHS lookups only", "none".
  public static func basis(_ b: Breadth) -> String {
    if !b.hasData { return "none" }
    if !b.hasMembershipEvidence { return "NHS lookups only" }
    return b.isCountOnly ? "named + counts" : "named"
  }
}

extension String {
  func replacingHyphens() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
