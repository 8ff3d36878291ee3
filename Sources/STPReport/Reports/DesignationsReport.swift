import STPModel

/// Did the July 2017 league foretell the designations? (`designations` command, Charts.) Counts
/// of STPs per band and wave of first designation, the unknown band and the undated apart; the
/// median months from the rating; a rank correlation only where enough STPs have both.
public enum DesignationsReport {
  /// A wave's heading: its date as people say it ("Jun 2017"; "2018" when only a year).
  public static func waveLabel(_ wave: String) -> String {
    let words = spokenDate(wave)
    let parts = words.split(separator: " ")
    return parts.count == 2 ? "\(parts[0].prefix(3)) \(parts[1])" : words
  }

  /// The bands in the table's order, the unknown band (nil) last.
  public static let bands: [Band?] = Band.allCases.sorted(by: >).map { $0 } + [nil]

  /// A band's name in the table ("Band unknown" for nil).
  public static func bandName(_ b: Band?) -> String { b?.name ?? "Band unknown" }

  /// One row per band: how many STPs, how many first designated in each wave, how many with no
  /// dated designation, and the median months from the rating.
  public static func byBand(_ d: Dataset, _ m: Metrics) -> ReportTable {
    typealias C = ReportTable.Column
    let x = DesignationsByBand(d, m)
    var columns = [C("Band", key: "band"), C("STPs", key: "stps", numeric: true)]
    for w in x.waves {
      columns += LeagueReport.figureColumns(waveLabel(w), key: "wave_\(w)")
    }
    columns += LeagueReport.figureColumns("No dated designation", key: "undated")
    columns += LeagueReport.figureColumns("Months to it", key: "median_months")
    var t = ReportTable(columns: columns)
    for b in bands {
      var cells: [ReportTable.Cell] = [
        .text(bandName(b)), ReportTable.Cell("\(x.count(band: b))", .int(Int64(x.count(band: b)))),
      ]
      for w in x.waves {
        let counted = x.rows.filter { $0.band == b && $0.wave == w }
        cells += FigureText.cells(
          Figure(
            .exact(Double(counted.count)), unit: .count,
            source: counted.first?.designation?.source,
            rows: counted.compactMap { $0.designation?.location }))
      }
      cells += FigureText.cells(
        Figure(.exact(Double(x.count(band: b, wave: nil))), unit: .count))
      let (median, n) = x.medianMonths(band: b)
      cells += FigureText.cells(
        median.map { Figure(.exact($0), unit: .months, note: "median of \(n)") }
          ?? .absent(.unknown, unit: .months))
      t.rows.append(cells)
    }
    t.notes = notes(x, d)
    return t
  }

  /// One row per STP: its band, its first dated designation, the months from the rating.
  public static func bySTP(_ d: Dataset, _ m: Metrics) -> ReportTable {
    typealias C = ReportTable.Column
    let x = DesignationsByBand(d, m)
    var t = ReportTable(
      columns: [
        C("Code", key: "code"), C("STP", key: "name", maxWidth: 32),
      ] + LeagueReport.figureColumns("Band", key: "band", numeric: false) + [
        C("First designated", key: "announced"),
        C("Designation", key: "designation", maxWidth: 40), C("Scope", key: "scope"),
      ] + LeagueReport.figureColumns("Months", key: "months") + [
        C("Row", key: "row", machineOnly: true)
      ])
    let order = x.rows.sorted { a, b in
      (a.band?.rawValue ?? 0, -(a.months ?? 999), d.footprints[b.footprint].code)
        > (b.band?.rawValue ?? 0, -(b.months ?? 999), d.footprints[a.footprint].code)
    }
    for r in order {
      let fp = d.footprints[r.footprint]
      let des = r.designation
      let months: Figure =
        r.months.map {
          Figure(
            .exact(Double($0)), unit: .months, note: $0 < 0 ? "before the rating" : nil,
            source: des?.source, rows: des.map { [$0.location] } ?? [])
        } ?? .absent(.unknown, unit: .months, note: des == nil ? nil : "a year only")
      t.rows.append(
        [.text(fp.code), .text(fp.name)] + FigureText.cells(m.bandFigure(r.footprint)) + [
          ReportTable.Cell(des?.announced ?? "unknown", .text(des?.announced)),
          ReportTable.Cell(des?.designation ?? "", .text(des?.designation)),
          ReportTable.Cell(des?.scope ?? "", .text(des?.scope)),
        ] + FigureText.cells(months) + [
          ReportTable.Cell("", .text(des?.location.description))
        ])
    }
    t.notes = notes(x, d)
    return t
  }

  /// What the table rests on and what it cannot say.
  public static func notes(_ x: DesignationsByBand, _ d: Dataset) -> [String] {
    let dated = x.rows.count { $0.designation != nil }
    var out = [
      "First designation: the earliest dated designation of all or part of the STP as an "
        + "accountable care system (shadow, June 2017) or an integrated care system (by wave from "
        + "May 2018), in designations.csv. Months count from NHS England's rating of July 2017.",
      "\(dated) of \(d.footprints.count) STPs have a dated designation; the other "
        + "\(d.footprints.count - dated) are unknown, not never: every area was an integrated "
        + "care system by April 2021, but not every designation has a sourced date.",
    ]
    if let rho = x.rho {
      let r = Format.fixed(rho, 2)
      out.append(
        "Spearman's rank correlation of band (Outstanding highest) with months to first "
          + "designation: \(r) over the \(x.n) STPs with both a known band and a dated "
          + "designation (of \(d.footprints.count)); below 0, higher bands were designated "
          + "sooner. It describes these \(x.n), chosen by what the sources date; it says nothing "
          + "of cause.")
    } else {
      out.append(
        "No rank correlation: \(x.n) STPs have both a known band and a dated designation, "
          + "fewer than \(DesignationsByBand.fewestToCorrelate); so few say too little.")
    }
    out.append("A count per band is a count: it does not say the band caused the designation.")
    return out
  }
}
