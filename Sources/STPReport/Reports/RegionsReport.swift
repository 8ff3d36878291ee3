import STPModel

/// The NHS regions of 2017 (the data's `region`), each rolled up from its STPs with the coverage
/// of every figure: a sum over the STPs whose amounts are known is never shown as the region's
/// total ("at least £423m, amounts for 3 of 9").
public struct RegionsReport: Sendable {
  public struct Region: Sendable {
    public var name: String
    public var footprints: [Int]
    /// STPs per band (Outstanding first), and unknown.
    public var bands: [Int]
    public var unknownBands: Int
    /// The sum of the known amounts' ranges, over `withAmount` STPs.
    public var capital: AmountRange
    /// The sum of the quoted figures ("up to" by its top, as the league ranks them).
    public var quoted: Int64
    public var withAmount: Int
    /// ONS mid-2017 people in the whole region, and in the STPs with amounts.
    public var population: Int64
    public var populationWithAmount: Int64
    /// The median non-NHS sector count and share, over the STPs whose breadth is known.
    public var medianSectors: Double?
    public var medianShare: Double?
    public var withBreadth: Int

    /// Capital per head of the whole region, at least: the amounts proven, over everyone.
    public var perHeadAtLeast: Double? {
      withAmount > 0 && population > 0 ? Double(capital.low) / Double(population) : nil
    }

    /// Capital per head across only the STPs with amounts (their quoted sum over their people).
    public var perHeadWhereKnown: Double?
  }

  public let regions: [Region]
  /// STPs with no region in the data.
  public let unassigned: [Int]

  public static func make(_ d: Dataset, _ m: Metrics) -> RegionsReport {
    var order: [String] = []
    var members: [String: [Int]] = [:]
    var unassigned: [Int] = []
    for (f, fp) in d.footprints.enumerated() {
      guard let r = fp.region, !r.isEmpty else {
        unassigned.append(f)
        continue
      }
      if members[r] == nil { order.append(r) }
      members[r, default: []].append(f)
    }
    let regions = order.map { name -> Region in
      let fs = members[name]!
      let bandOrder: [Band] = [.outstanding, .advanced, .makingProgress, .needsMostImprovement]
      let bands = bandOrder.map { b in fs.count { m.bands[$0] == b } }
      let funded = fs.filter { m.funding[$0].rankValue != nil }
      let capital = funded.reduce(AmountRange(low: 0, high: 0)) { $0 + m.funding[$1].total }
      let pop = fs.reduce(Int64(0)) { $0 + Int64(d.footprints[$1].onsPopulation ?? 0) }
      let fundedPop = funded.reduce(Int64(0)) { $0 + Int64(d.footprints[$1].onsPopulation ?? 0) }
      let quoted = funded.reduce(Int64(0)) { $0 + m.funding[$1].quoted }
      let breadth = fs.compactMap { f -> (Double, Double?)? in
        let b = m.breadth[f]
        return b.rankValue == nil ? nil : (Double(b.nonNHSSectorCount), b.nonNHSShare)
      }
      return Region(
        name: name, footprints: fs, bands: bands, unknownBands: fs.count { m.bands[$0] == nil },
        capital: capital, quoted: quoted, withAmount: funded.count, population: pop, populationWithAmount: fundedPop,
        medianSectors: median(breadth.map(\.0)), medianShare: median(breadth.compactMap(\.1)),
        withBreadth: breadth.count,
        perHeadWhereKnown: fundedPop > 0 && !funded.isEmpty ? Double(quoted) / Double(fundedPop) : nil)
    }
    return RegionsReport(regions: regions, unassigned: unassigned)
  }

  static func median(_ xs: [Double]) -> Double? {
    guard !xs.isEmpty else { return nil }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// "at least £423m (amounts for 3 of 9)"; the whole range when every STP's is known.
  public static func capitalText(_ r: Region) -> String {
    let n = r.footprints.count
    if r.withAmount == 0 { return "unknown (no amounts for its \(n))" }
    if r.withAmount == n { return Format.range(r.capital) + " (all \(n))" }
    return "\(Format.range(AmountRange(low: r.capital.low, high: nil))) (amounts for \(r.withAmount) of \(n))"
  }

  public static func perHeadText(_ r: Region) -> String {
    guard let p = r.perHeadAtLeast else { return "unknown" }
    let all = r.withAmount == r.footprints.count
    return (all && r.capital.isExact ? "" : "at least ") + Format.perHead(p)
  }

  public static func bandsText(_ r: Region) -> String {
    let letters = ["O", "A", "M", "N"]
    return zip(letters, r.bands).map { "\($0) \($1)" }.joined(separator: " ") + " ? \(r.unknownBands)"
  }

  public static func breadthText(_ r: Region) -> String {
    guard let s = r.medianSectors else { return "unknown (none of \(r.footprints.count))" }
    let share = r.medianShare.map { ", \(Format.percent($0, places: 0))" } ?? ""
    return "\(s == s.rounded() ? String(Int(s)) : String(s)) sector\(s == 1 ? "" : "s")\(share) (median of \(r.withBreadth) of \(r.footprints.count))"
  }

  public func table() -> ReportTable {
    var t = ReportTable(columns: [
      ReportTable.Column("Region", key: "region"),
      ReportTable.Column("STPs", key: "stps", numeric: true),
      ReportTable.Column("Bands (O A M N ?)", key: "bands"),
      ReportTable.Column("Capital found", key: "capital"),
      ReportTable.Column("Capital min GBP", key: "capital_min_gbp", numeric: true, machineOnly: true),
      ReportTable.Column("Capital max GBP", key: "capital_max_gbp", numeric: true, machineOnly: true),
      ReportTable.Column("STPs with amounts", key: "stps_with_amounts", numeric: true, machineOnly: true),
      ReportTable.Column("Quoted", key: "quoted_gbp"),
      ReportTable.Column("Per head, region", key: "per_head_region_at_least"),
      ReportTable.Column("Per head, STPs with amounts", key: "per_head_where_known"),
      ReportTable.Column("Non-NHS breadth", key: "breadth"),
      ReportTable.Column("Population (ONS mid-2017)", key: "population_ons", numeric: true),
    ])
    for r in regions {
      let known = "\(r.withAmount) of \(r.footprints.count)"
      t.rows.append([
        .text(r.name), ReportTable.Cell("\(r.footprints.count)", .int(Int64(r.footprints.count))),
        .text(Self.bandsText(r)),
        ReportTable.Cell(Self.capitalText(r), .string(Self.capitalText(r))),
        ReportTable.Cell("", r.withAmount > 0 && r.capital.low > 0 ? .int(r.capital.low) : .null),
        ReportTable.Cell("", r.withAmount == r.footprints.count ? .number(r.capital.high) : .null),
        ReportTable.Cell(known, .int(Int64(r.withAmount))),
        ReportTable.Cell(r.withAmount > 0 ? "\(Format.money(r.quoted)) (\(known))" : "unknown", r.withAmount > 0 ? .int(r.quoted) : .null),
        .text(Self.perHeadText(r)),
        .text(r.perHeadWhereKnown.map { Format.perHead($0) + " (\(known))" } ?? "unknown"),
        .text(Self.breadthText(r)),
        ReportTable.Cell(Format.grouped(r.population), .int(r.population)),
      ])
    }
    t.notes = [
      "Capital: the amounts the sources prove, summed over the STPs that have them; never a region's total unless every STP's amount is known.",
      "Quoted: the STPs' quoted figures summed (\"up to\" by its top), over the STPs with amounts only.",
      "Per head, region: the proven sum over the whole region's ONS mid-2017 population (a lower bound). Per head, STPs with amounts: their quoted amounts over their own people.",
    ]
    if !unassigned.isEmpty { t.notes.append("\(unassigned.count) STPs have no region in the data and are not counted.") }
    return t
  }
}
