import STPModel

/// What became of each STP (`successors` command): its successors in April 2021 (STPs) and July
/// 2022 (ICBs), with the people each took and their share of the STP's, through the figure
/// formatter like every other figure.
public enum LineageReport {
  /// One row per footprint, date and successor, the largest part first.
  public static func table(_ d: Dataset, footprints: [Int]) -> ReportTable {
    typealias C = ReportTable.Column
    let lineage = Lineage(d)
    var t = ReportTable(
      columns: [
        C("Code", key: "code"), C("STP", key: "name", maxWidth: 32),
        C("As of", key: "as_of"), C("Successor code", key: "successor_code"),
        C("ODS", key: "successor_ods"), C("Successor", key: "successor_name", maxWidth: 48),
      ]
        + LeagueReport.figureColumns("People", key: "people")
        + LeagueReport.figureColumns("Share of STP", key: "share"))
    for f in footprints {
      let fp = d.footprints[f]
      for date in lineage.dates {
        let parts = lineage.successors(of: f, asOf: date)
        if parts.isEmpty {
          t.rows.append(
            [.text(fp.code), .text(fp.name), ReportTable.Cell(date, .string(date))]
              + [ReportTable.Cell](repeating: ReportTable.Cell("", .null), count: 3)
              + FigureText.cells(.absent(.unknown, unit: .people))
              + FigureText.cells(.absent(.unknown, unit: .percent(places: 1))))
          continue
        }
        for p in parts {
          t.rows.append(
            [
              .text(fp.code), .text(fp.name), ReportTable.Cell(date, .string(date)),
              .text(p.successorCode),
              ReportTable.Cell(p.successorODS ?? "", p.successorODS.map { .string($0) } ?? .null),
              ReportTable.Cell(Lineage.shortName(p.successorName), .string(p.successorName)),
            ] + FigureText.cells(p.people) + FigureText.cells(p.share))
        }
      }
    }
    t.notes = notes(lineage)
    return t
  }

  /// What the figures rest on, said once under the table.
  static func notes(_ lineage: Lineage) -> [String] {
    guard !lineage.dates.isEmpty else {
      return ["No successors in the data (lineage.csv): what became of each STP is unknown."]
    }
    let dates = lineage.dates.map { "\(Lineage.words($0)) (\($0): \(Lineage.kind($0))s)" }
    return [
      "Successors as of " + dates.joined(separator: " and ") + ". People: ONS mid-2017 estimates "
        + "of the people living in both the STP of April 2017 and the successor, summed over "
        + "2011 LSOAs; a share is of the STP's people, under 2% a sliver. Populations are those "
        + "of mid-2017, not of the date of each change.",
      "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
    ]
  }
}
