import STPModel

/// How the councils of a footprint read, in panes, Detail, compare and exports.
public enum CouncilsText {
  /// "3 social care, 8 district (ONS)".
  public static func inFootprint(_ c: CouncilCover) -> String {
    c.socialCare.isEmpty && c.districts.isEmpty
      ? Absence.unknown.word
      : "\(c.socialCare.count) social care, \(c.districts.count) district (ONS)"
  }

  /// Why "named" is not known: "not searched", or "10 stated, unnamed".
  static func notKnown(_ c: CouncilCover) -> String {
    if c.socialCare.isEmpty { return Absence.unknown.word }
    if c.notInSource { return AbsentReason.notInSource.word }
    return c.stated.map { "\($0) stated, unnamed" } ?? AbsentReason.notSearched.word
  }

  /// A share of people as a whole percent, with a decimal where the whole one would read as all
  /// or none when it is not (99.6% stays 99.6%).
  public static func percent(_ v: Double) -> String {
    let whole = (v * 100).rounded()
    if (whole == 100 && v < 1) || (whole == 0 && v > 0) { return Format.percent(v, places: 1) }
    return Format.percent(v, places: 0)
  }

  /// "2 of 3 social care authorities (86% of people)", or "not searched" (never "0 of 3").
  public static func named(_ c: CouncilCover, _ d: Dataset) -> String {
    guard let share = c.weightedShare(d) else { return notKnown(c) }
    return
      "\(c.socialCareNamed(d).count) of \(c.socialCare.count) social care authorities (\(percent(share)) of people)"
  }

  /// The measure's short form: "2 of 3 (86%)".
  public static func measure(_ c: CouncilCover, _ d: Dataset) -> (text: String, known: Bool) {
    guard let share = c.weightedShare(d) else { return (notKnown(c), false) }
    return ("\(c.socialCareNamed(d).count) of \(c.socialCare.count) (\(percent(share)))", true)
  }

  /// A council with its share: "Derbyshire (1.2%, sliver)".
  public static func council(_ x: Council) -> String {
    "\(x.name) (\(Format.percent(x.share, places: 1))\(x.isSliver ? ", sliver" : ""))"
  }

  /// The social care authorities not named: "Poole (19.6%)"; empty when all are, or not searched.
  public static func missing(_ c: CouncilCover, _ d: Dataset) -> String {
    guard c.searched else { return "" }
    return c.socialCareMissing(d).map { council(d.councils[$0]) }.joined(separator: ", ")
  }
}

/// `stp-dash councils`: each footprint's councils (ONS) and whether its partnership names them.
public enum CouncilsReport {
  /// One row per council of each of `footprints`: its tier, people and share of the footprint's,
  /// whether it is a sliver, and whether a partner names it.
  public static func table(_ d: Dataset, _ m: Metrics, footprints: [Int]) -> ReportTable {
    var t = ReportTable(columns: [
      ReportTable.Column("Code", key: "code"), ReportTable.Column("STP", key: "name", maxWidth: 32),
      ReportTable.Column("Tier", key: "tier"),
      ReportTable.Column("Council code", key: "council_code"),
      ReportTable.Column("Council", key: "council_name"),
      ReportTable.Column("People", key: "population", numeric: true),
      ReportTable.Column("Share", key: "share", numeric: true),
      ReportTable.Column("Sliver", key: "sliver"),
      ReportTable.Column("Named as partner", key: "named"),
      ReportTable.Column("Row", key: "row", machineOnly: true),
    ])
    var unmatched: [String] = []
    for f in footprints {
      let c = m.councils[f]
      let fp = d.footprints[f]
      for i in c.socialCare + c.districts {
        let x = d.councils[i]
        let named: String =
          c.searched
          ? (c.named.contains(x.code) ? "yes" : "no")
          : (c.stated != nil
            ? "stated, unnamed" : c.notInSource ? "not in the source" : "not searched")
        t.rows.append([
          .text(fp.code), .text(fp.name), .text(x.tier.rawValue), .text(x.code), .text(x.name),
          ReportTable.Cell(Format.grouped(Int64(x.population)), .int(Int64(x.population))),
          ReportTable.Cell(Format.percent(x.share, places: 1), .double(x.share)),
          ReportTable.Cell(x.isSliver ? "sliver" : "", .bool(x.isSliver)),
          ReportTable.Cell(named, c.searched ? .bool(c.named.contains(x.code)) : .null),
          .text(x.location.description),
        ])
      }
      unmatched += c.unmatched.map { "\($0) (\(fp.name))" }
    }
    t.notes.append(
      "Social care: the county council where two-tier, else the unitary, metropolitan or London borough; "
        + "district: the district or unitary council (the housing authority). Shares: the footprint's ONS mid-2017 people "
        + "in the council's area; under 2% is a sliver. Source: Office for National Statistics licensed under the Open "
        + "Government Licence v.3.0.")
    t.notes.append(
      unmatched.isEmpty
        ? "Every council named as a partner matched an ONS council."
        : "Named as partners but matched to no one council (listed, not guessed): "
          + unmatched.joined(separator: "; ") + ".")
    return t
  }
}
