import STPModel

/// The `funding` command's tables: per STP, and per wave.
public enum FundingReport {
  /// The range in words, noting money whose amount was never published.
  public static func rangeText(_ f: FootprintFunding) -> String {
    if !f.hasAmount { return "unknown" }
    let base = Format.range(f.total)
    return f.hasUnknownAmount && f.total.high != nil ? base + " + unknown" : base
  }

  /// One row per STP, ranked by quoted funding (or restricted to and ordered as `rows`).
  public static func make(_ d: Dataset, _ m: Metrics, rows: [Int]? = nil) -> ReportTable {
    typealias C = ReportTable.Column
    var columns = [
      C("Pos", key: "position", numeric: true), C("Code", key: "code"), C("STP", key: "name", maxWidth: 40),
      C("Quoted", key: "quoted_gbp", numeric: true), C("Known range", key: "range"),
      C("Min", key: "min_gbp", numeric: true, machineOnly: true),
      C("Max", key: "max_gbp", numeric: true, machineOnly: true),
      C("Per head", key: "per_head_gbp", numeric: true), C("Schemes", key: "schemes", numeric: true),
    ]
    for w in d.waves { columns.append(C(w.id, key: w.id + "_quoted_gbp", numeric: true)) }
    for w in d.waves {
      columns.append(C(w.id + " share", key: w.id + "_share_of_national", numeric: true,
                       machineOnly: true))
    }
    var table = ReportTable(columns: columns)
    for row in ordered(m.league(by: .funding), rows) {
      let i = row.footprint
      let f = d.footprints[i]
      let fund = m.funding[i]
      var cells: [ReportTable.Cell] = [
        .init(row.position.label, .number(row.position.rank)), .text(f.code), .text(f.name),
        fund.rankValue.map { .init(Format.money($0), .int($0)) }
          ?? .init(fund.hasRows ? "unknown" : "no data", .null),
        .init(fund.hasRows ? rangeText(fund) : "no data", .string(fund.hasRows ? rangeText(fund) : "")),
        .init("", fund.hasAmount ? .int(fund.total.low) : .null),
        .init("", fund.hasAmount ? .number(fund.total.high) : .null),
        m.value(.perHead, footprint: i).map { .init(Format.perHead($0), .double(($0 * 100).rounded() / 100)) }
          ?? .init(fund.rankValue == nil ? "–" : "unknown", .null),
        .init(fund.hasRows ? "\(fund.schemes)" : "–", fund.hasRows ? .int(Int64(fund.schemes)) : .null),
      ]
      for w in d.waves.indices { cells.append(waveCell(fund, w)) }
      for w in d.waves.indices { cells.append(shareCell(fund, w, national: d.waves[w].nationalAmount)) }
      table.rows.append(cells)
    }
    table.notes = [
      "Quoted: the sum of the amounts sources quote (upper bound of \"up to\" and ranges), ranked; "
        + "\"unknown\" where any award's amount was never published. Known range: what the amounts "
        + "prove; an STP-total row replaces its own schemes (no double counting).",
      "Per wave: amount, \"?\" named without an amount, \"£0\" a nil award, blank no row. "
        + "Funding is incomplete for every STP: most wave 2-4 schemes were not published.",
      "Data: \(d.origin).",
    ]
    return table
  }

  /// One wave of one STP for people: amount, "?" unknown, "£0" nil award, blank no row.
  public static func waveCell(_ f: FootprintFunding, _ w: Int) -> ReportTable.Cell {
    guard let wf = f.waves.first(where: { $0.wave == w }) else { return .init("", .null) }
    if wf.isNilAward && wf.quoted == 0 && !wf.hasUnknownAmount { return .init("£0", .int(0)) }
    if !wf.hasAmount { return .init("?", .null) }
    let text = Format.money(wf.quoted) + (wf.hasUnknownAmount ? "+?" : "")
    return .init(text, wf.hasUnknownAmount ? .null : .int(wf.quoted))
  }

  /// The wave's quoted amount as a share of the national total; null when either is unknown.
  static func shareCell(_ f: FootprintFunding, _ w: Int, national: Int64?) -> ReportTable.Cell {
    guard let national, national > 0, let wf = f.waves.first(where: { $0.wave == w }),
      wf.hasAmount, !wf.hasUnknownAmount
    else { return .init("", .null) }
    let share = Double(wf.quoted) / Double(national)
    return .init(Format.percent(share), .double((share * 10000).rounded() / 10000))
  }

  /// One row per national wave, with what the data accounts for.
  public static func waves(_ d: Dataset, _ m: Metrics) -> ReportTable {
    typealias C = ReportTable.Column
    var table = ReportTable(columns: [
      C("Wave", key: "wave"), C("Announced", key: "announced"), C("Name", key: "name"),
      C("National", key: "national_gbp", numeric: true),
      C("STPs named", key: "stps_named", numeric: true),
      C("Schemes found", key: "schemes_found", numeric: true),
      C("Amounts found", key: "quoted_found_gbp", numeric: true),
      C("Share", key: "share_of_national", numeric: true),
    ])
    for s in m.waves {
      let w = d.waves[s.wave]
      table.rows.append([
        .text(w.id), .text(w.announced), .text(w.name),
        w.nationalAmount.map { .init(Format.money($0), .int($0)) } ?? .init("unknown", .null),
        .init("\(s.footprints)" + (w.stps.map { " of \($0)" } ?? ""), .int(Int64(s.footprints))),
        .init("\(s.schemes)" + (w.schemes.map { " of \($0)" } ?? ""), .int(Int64(s.schemes))),
        s.hasAmount ? .init(Format.money(s.quoted), .int(s.quoted)) : .init("none", .null),
        s.shareOfNational.map { .init(Format.percent($0), .double(($0 * 1000).rounded() / 1000)) }
          ?? .init("–", .null),
      ])
    }
    table.notes = [
      "Amounts found: quoted figures of the rows in the data, including rows naming no STP. Share: "
        + "of the national amount. The rest of each wave was not published in the sources.",
      "Data: \(d.origin).",
    ]
    return table
  }
}
