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

  /// One row per successor at each date and STP it took people from, the largest part first:
  /// the people and their share of the successor's (each successor's shares add up to 100%).
  public static func bySuccessor(_ d: Dataset) -> ReportTable {
    typealias C = ReportTable.Column
    let lineage = Lineage(d)
    var t = ReportTable(
      columns: [
        C("As of", key: "as_of"), C("Successor code", key: "successor_code"),
        C("ODS", key: "successor_ods"), C("Successor", key: "successor_name", maxWidth: 48),
        C("Code", key: "code"), C("STP of 2017", key: "name", maxWidth: 32),
      ]
        + LeagueReport.figureColumns("People", key: "people")
        + LeagueReport.figureColumns("Share of successor", key: "share"))
    for date in lineage.dates {
      for s in lineage.successors(asOf: date) {
        for p in lineage.footprints(of: s.code, asOf: date) {
          let fp = d.footprints[p.footprint]
          t.rows.append(
            [
              ReportTable.Cell(date, .string(date)), .text(s.code),
              ReportTable.Cell(s.ods ?? "", s.ods.map { .string($0) } ?? .null),
              ReportTable.Cell(Lineage.shortName(s.name), .string(s.name)),
              .text(fp.code), .text(fp.name),
            ] + FigureText.cells(p.people) + FigureText.cells(p.share))
        }
      }
    }
    t.notes = notes(lineage, shareOf: "the successor's")
    return t
  }

  /// What the figures rest on, said once under the table.
  static func notes(_ lineage: Lineage, shareOf whose: String = "the STP's") -> [String] {
    guard !lineage.dates.isEmpty else {
      return ["No successors in the data (lineage.csv): what became of each STP is unknown."]
    }
    let dates = lineage.dates.map { "\(Lineage.words($0)) (\($0): \(Lineage.kind($0))s)" }
    return [
      "Successors as of " + dates.joined(separator: " and ") + ". People: ONS mid-2017 estimates "
        + "of the people living in both the STP of April 2017 and the successor, summed over "
        + "2011 LSOAs; a share is of \(whose) people, under 2% a sliver. Populations are those "
        + "of mid-2017, not of the date of each change.",
      "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
    ]
  }
}
