import STPModel

/// The `funding` command's tables: per STP, and per wave.
public enum FundingReport {
  /// A wave's key for machine outputs: `wave1`, `wave3_wave4`, `not_stated`.
  static func key(_ w: Wave) -> String {
    String(w.id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }

  /// One row per STP, ranked by funding (or restricted to and ordered as `rows`): every amount a
  /// figure with its qualifier, and for machines its value, minimum, maximum, basis, source and
  /// data rows.
  public static func make(_ d: Dataset, _ m: Metrics, rows: [Int]? = nil) -> ReportTable {
    typealias C = ReportTable.Column
    let league = m.league(by: .funding)
    var columns = [
      LeagueReport.positionColumn(league),
      C("Ranked of", key: "ranked_of", numeric: true, machineOnly: true),
      C("Code", key: "code"), C("STP", key: "name", maxWidth: 40),
    ]
    columns += LeagueReport.figureColumns("Funding", key: "funding", maxWidth: 44)
    columns += LeagueReport.figureColumns("Per head", key: "per_head", maxWidth: 34)
    columns.append(C("Schemes found", key: "schemes_found", numeric: true))
    for w in d.waves {
      columns += LeagueReport.figureColumns(w.shortLabel, key: key(w), maxWidth: 10)
    }
    for w in d.waves {
      columns.append(C(w.shortLabel + " status", key: key(w) + "_status", machineOnly: true))
    }
    for w in d.waves where w.isNational {
      columns.append(
        C(
          w.id + " share", key: key(w) + "_share_of_national", numeric: true,
          machineOnly: true))
    }
    var table = ReportTable(columns: columns)
    let blank = Array(repeating: ReportTable.Cell("", .null), count: 7)
    for row in ordered(league, rows) {
      let i = row.footprint
      let f = d.footprints[i]
      let fund = m.funding[i]
      var cells: [ReportTable.Cell] = [
        .init(row.position.label, .number(row.position.rank)),
        .init("", .int(Int64(row.position.known))), .text(f.code), .text(f.name),
      ]
      cells += FigureText.cells(m.fundingFigure(i))
      cells += FigureText.cells(m.perHeadFigure(i))
      cells.append(
        .init(
          fund.hasRows ? "\(fund.schemes)" : Absence.unknown.word,
          fund.hasRows ? .int(Int64(fund.schemes)) : .null))
      for w in d.waves.indices {
        cells += m.waveFigure(i, wave: w).map { FigureText.cells($0) } ?? blank
      }
      for w in d.waves.indices {
        cells.append(.init("", waveStatus(fund, w).map { .string($0) } ?? .null))
      }
      for w in d.waves.indices where d.waves[w].isNational {
        cells.append(shareCell(fund, w, national: d.waves[w].nationalAmount))
      }
      table.rows.append(cells)
    }
    table.notes = [
      "Funding: what the amounts prove, with their qualifier (\"up to\" proves nothing below its "
        + "top, \"at least\" is open-ended, \"+ amounts unknown\" where some award's amount was never "
        + "published), an STP-total row replacing its own schemes (no double counting, also across "
        + "waves: W3+4). Ranked by the quoted figure (\"up to\" by its top, \"at least\" by its "
        + "floor), only where every award has an amount; a nil award (\"£0 in W4\") covers its wave "
        + "only, never a total.",
      "Per wave: the amount with its qualifier, \"+?\" more without an amount, \"?\" named without an "
        + "amount, \"£0\" a nil award, \"✗\" a bid not funded, \"!\" uncertain (sources disagree), "
        + "blank no row. W? is a row whose wave the source does not state. Funding is incomplete for "
        + "every STP: most wave 2-4 schemes were not published. CSV/JSON: each figure's value, min, "
        + "max, basis, source and rows; blank/null is absent; *_status says why.",
      "Data: \(d.origin).",
    ]
    return table
  }

  /// Why a wave's cell reads as it does, for machine outputs: "award", "award, uncertain", "nil
  /// award", "bid not funded", "amount unknown", "counted in wave3+wave4"; nil without a row.
  public static func waveStatus(_ f: FootprintFunding, _ w: Int) -> String? {
    guard let wf = f.waves.first(where: { $0.wave == w }) else { return nil }
    var parts: [String] = []
    if wf.hasAward {
      parts.append(wf.hasUnknownAmount ? "award, more without an amount" : "award")
    } else if wf.isNilAward {
      parts.append("nil award")
    } else if wf.hasUnknownAmount {
      parts.append("amount unknown")
    }
    if wf.unsuccessfulBids > 0 { parts.append("bid not funded") }
    if wf.isUncertain { parts.append("uncertain") }
    return parts.joined(separator: ", ")
  }

  /// The wave's quoted amount as a share of the national total; null when either is unknown.
  /// A wave's amount and its share of the national total, each with the amount's qualifier:
  /// "£100m, 31% of £325m", "at least £100m, at least 31% of £325m", "up to £80m, up to 25% of
  /// £325m", "£8m to £20m, 2% to 6% of £500m".
  public static func waveShareText(_ wf: WaveFunding, national: Int64) -> String {
    func pct(_ v: Int64) -> String { Format.percent(Double(v) / Double(national)) }
    let r = wf.range
    let share: String =
      switch (r.low, r.high) {
      case (let lo, let hi?) where lo == hi: pct(lo)
      case (0, let hi?): "up to " + pct(hi)
      case (let lo, let hi?): pct(lo) + " to " + pct(hi)
      case (let lo, nil): "at least " + pct(lo)
      }
    return Format.range(r) + ", " + share + " of " + Format.money(national)
      + (wf.isUncertain ? " (uncertain: sources disagree)" : "")
  }

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
    var columns = [
      C("Wave", key: "wave"), C("Announced", key: "announced"), C("Name", key: "name"),
      C("National", key: "national_gbp", numeric: true),
      C("National basis", key: "national_gbp_basis", machineOnly: true),
      C("STPs named", key: "stps_named", numeric: true),
      C("Schemes found", key: "schemes_found", numeric: true),
    ]
    columns += LeagueReport.figureColumns("Found for named STPs", key: "found", maxWidth: 120)
    columns += LeagueReport.figureColumns("No STP named", key: "unattributed", maxWidth: 24)
    columns.append(
      C("Share of national, at least", key: "share_of_national_at_least", numeric: true))
    var table = ReportTable(columns: columns)
    let blank = Array(repeating: ReportTable.Cell("", .null), count: 7)
    for s in m.waves {
      let w = d.waves[s.wave]
      let sum = m.waveSum(s.wave)
      var found = FigureText.cells(sum.figure)
      let forms = FigureText.sumForms(sum, what: "STPs named")
      found[0] = ReportTable.Cell(forms[0], sum.known > 0 ? .string(forms[0]) : .null, forms: forms)
      let proven = Int64((sum.figure.minimum ?? 0) + (m.waveUnattributed(s.wave)?.minimum ?? 0))
      table.rows.append(
        [
          .text(w.id), .text(w.announced), .text(w.name),
          w.nationalAmount.map { .init(Format.money($0), .int($0)) }
            ?? .init(w.isNational ? Absence.unknown.word : "not a wave", .null),
          .init(
            "",
            w.nationalAmount == nil
              ? .string(w.isNational ? "unknown" : "not a wave") : .string("exact")),
          .init("\(s.footprints)" + (w.stps.map { " of \($0)" } ?? ""), .int(Int64(s.footprints))),
          .init("\(s.schemes)" + (w.schemes.map { " of \($0)" } ?? ""), .int(Int64(s.schemes))),
        ] + found + (m.waveUnattributed(s.wave).map { FigureText.cells($0) } ?? blank) + [
          // What the amounts prove, as a share of the national amount: a floor.
          w.nationalAmount.flatMap { n -> ReportTable.Cell? in
            guard n > 0, proven > 0 else { return nil }
            let share = Double(proven) / Double(n)
            return .init(
              "at least " + Format.percent(share), .double((share * 1000).rounded() / 1000))
          } ?? .init(Absence.unknown.word, .null)
        ])
    }
    table.notes = [
      "Found for named STPs: what the amounts of the STPs named in the wave prove (\"up to\" proves "
        + "nothing, \"at least\" its floor), with how many of them have an amount and the quoted sum "
        + "(\"up to\" by its top) beside it; never the wave's total. No STP named: rows of the wave "
        + "whose source names no STP. Share of national: what is proven over the national amount, a "
        + "floor. The rest of each wave was not published in the sources. Waves 3 and 4 were "
        + "allocated from the 2017 budgets' STP capital, so the national amounts are not added up. "
        + "\"not stated\" and \"wave3+wave4\" are rows that name no single wave.",
      "Data: \(d.origin).",
    ]
    return table
  }
}
