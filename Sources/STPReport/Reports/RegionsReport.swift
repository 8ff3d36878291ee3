import STPModel

/// The NHS regions of 2017 (the data's `region`), each rolled up from its STPs with the coverage
/// of every figure: a sum over the STPs whose amounts are known is a figure with its basis ("at
/// least £161m proven; amounts for 5 of 13 STPs, 31% of the people"), never the region's total.
public struct RegionsReport: Sendable {
  /// One region and its STPs' figures rolled up.
  public struct Region: Sendable {
    /// The region as the data names it ("Midlands and East").
    public var name: String
    /// Its STPs (indexes into the dataset's footprints).
    public var footprints: [Int]
    /// STPs per band (Outstanding first), and unknown.
    public var bands: [Int]
    /// STPs whose band is unknown.
    public var unknownBands: Int
    /// The STPs' funding figures summed: what they prove, with coverage in STPs and people.
    public var capital: FigureSum
    /// ONS mid-2017 people in the whole region.
    public var population: Int64
    /// Capital per head of the whole region: what the amounts prove over everyone (a lower bound
    /// unless every STP's amount is known and exact); nil without any amount.
    public var perHeadRegion: Figure?
    /// Capital per head over only the STPs with amounts (their sum, qualifier kept, over their
    /// own people); nil without any amount.
    public var perHeadCovered: Figure?
    /// The median number of non-NHS sectors and the median non-NHS share, over the STPs whose
    /// breadth is known; "at least" where a median rests on lower bounds.
    public var medianSectors: Figure
    /// See `medianSectors`.
    public var medianShare: Figure
    /// STPs whose breadth is known: what the medians rest on.
    public var withBreadth: Int

    /// STPs with an amount.
    public var withAmount: Int { capital.known }
  }

  /// The regions in the data's order of first appearance.
  public let regions: [Region]
  /// STPs with no region in the data.
  public let unassigned: [Int]

  /// Rolls every region up from its STPs.
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
      let fs = members[name] ?? []
      let bandOrder: [Band] = [.outstanding, .advanced, .makingProgress, .needsMostImprovement]
      let bands = bandOrder.map { b in fs.count { m.bands[$0] == b } }
      let people = fs.map { d.footprints[$0].onsPopulation.map(Int64.init) }
      let capital = FigureSum(
        fs.map { m.figure(.funding, footprint: $0) }, unit: .money, people: people)
      let pop = people.reduce(Int64(0)) { $0 + ($1 ?? 0) }
      var perHeadRegion: Figure?
      var perHeadCovered: Figure?
      if capital.known > 0, pop > 0 {
        let proven = capital.figure.minimum ?? 0
        perHeadRegion =
          capital.isComplete
          ? capital.figure.divided(by: Double(pop), unit: .moneyPerHead)
          : Figure(
            .atLeast(proven / Double(pop)), unit: .moneyPerHead,
            isUncertain: capital.figure.isUncertain)
        if let covered = capital.knownPeople, covered > 0 {
          perHeadCovered = capital.figure.divided(by: Double(covered), unit: .moneyPerHead)
        }
      }
      let breadths = fs.map { m.figure(.breadth, footprint: $0) }.filter(\.isKnown)
      return Region(
        name: name, footprints: fs, bands: bands, unknownBands: fs.count { m.bands[$0] == nil },
        capital: capital, population: pop, perHeadRegion: perHeadRegion,
        perHeadCovered: perHeadCovered,
        medianSectors: median(
          breadths.map { ($0.rankValue ?? 0, $0.isLowerBound) }, unit: .sectors),
        medianShare: median(
          breadths.compactMap { f in f.share.map { ($0, f.isShareLowerBound) } },
          unit: .percent(places: 0)),
        withBreadth: breadths.count)
    }
    return RegionsReport(regions: regions, unassigned: unassigned)
  }

  /// The median of values some of which are lower bounds: itself a lower bound then (the true
  /// median is at least the median of the floors), never a plain number.
  static func median(_ xs: [(Double, Bool)], unit: FigureUnit) -> Figure {
    guard !xs.isEmpty else { return .absent(.unknown, unit: unit) }
    let s = xs.map(\.0).sorted()
    let v = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    let bound = xs.contains { $0.1 }
    return Figure(bound ? .atLeast(v) : .exact(v), unit: unit)
  }

  static func median(_ xs: [Double]) -> Double? {
    guard !xs.isEmpty else { return nil }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// "at least £161m proven; amounts for 5 of 13 STPs, 31% of the people" (or shorter forms).
  public static func capitalForms(_ r: Region) -> [String] {
    FigureText.sumForms(r.capital, what: "STPs", quoted: false)
  }

  /// "at least £161m proven; amounts for 5 of 13 STPs, 31% of the people".
  public static func capitalText(_ r: Region) -> String { capitalForms(r)[1] }

  /// Per head of the whole region with its qualifier ("at least £11.21"), or why there is none.
  public static func perHeadText(_ r: Region) -> String {
    r.perHeadRegion.map { FigureText.text($0) } ?? "unknown (no amounts)"
  }

  /// Per head over the STPs with amounts: "at least £139.28 (3 of 17 STPs, 24% of the people)".
  public static func perHeadCoveredText(_ r: Region) -> String {
    guard let f = r.perHeadCovered else { return "unknown (no amounts)" }
    let share = r.capital.peopleShare.map { ", " + Format.percent($0) + " of the people" } ?? ""
    return FigureText.text(f) + " (\(r.withAmount) of \(r.footprints.count) STPs" + share + ")"
  }

  /// "O 1 A 2 M 0 N 1 ? 13".
  public static func bandsText(_ r: Region) -> String {
    let letters = ["O", "A", "M", "N"]
    return zip(letters, r.bands).map { "\($0) \($1)" }.joined(separator: " ")
      + " ? \(r.unknownBands)"
  }

  /// "1 sector, 33% (median of 4 of 9)", "at least 1 sector, ≥27% (median of 4 of 9)".
  public static func breadthText(_ r: Region) -> String {
    guard r.medianSectors.isKnown else { return "unknown (none of \(r.footprints.count))" }
    let n = r.medianSectors.rankValue ?? 0
    let count = n == n.rounded() ? String(Int(n)) : plainNumber(n)
    let share =
      r.medianShare.rankValue.map {
        ", " + (r.medianShare.isLowerBound ? "≥" : "") + FigureText.percent($0, places: 0)
      } ?? ""
    return (r.medianSectors.isLowerBound ? "at least " : "")
      + "\(count) sector\(n == 1 ? "" : "s")\(share) "
      + "(median of \(r.withBreadth) of \(r.footprints.count))"
  }

  /// The regions as a table for `stp-dash regions` and the exports, every figure with its
  /// coverage.
  public func table() -> ReportTable {
    var columns = [
      ReportTable.Column("Region", key: "region"),
      ReportTable.Column("STPs", key: "stps", numeric: true),
      ReportTable.Column("Bands (O A M N ?)", key: "bands"),
      ReportTable.Column("Funding", key: "funding"),
    ]
    columns += FigureText.machineColumns("Funding", key: "funding")
    columns += [
      ReportTable.Column(
        "STPs with amounts", key: "stps_with_amounts", numeric: true, machineOnly: true),
      ReportTable.Column(
        "People covered", key: "people_with_amounts", numeric: true, machineOnly: true),
      ReportTable.Column("Per head, region", key: "per_head_region"),
    ]
    columns += FigureText.machineColumns("Per head, region", key: "per_head_region")
    columns.append(ReportTable.Column("Per head, STPs with amounts", key: "per_head_covered"))
    columns += FigureText.machineColumns("Per head, STPs with amounts", key: "per_head_covered")
    columns += [
      ReportTable.Column("Non-NHS breadth", key: "breadth"),
      ReportTable.Column("Population (ONS mid-2017)", key: "population_ons", numeric: true),
    ]
    var t = ReportTable(columns: columns)
    let none = Figure.absent(.unknown, unit: .moneyPerHead, note: "no amounts")
    for r in regions {
      var row: [ReportTable.Cell] = [
        .text(r.name), ReportTable.Cell("\(r.footprints.count)", .int(Int64(r.footprints.count))),
        .text(Self.bandsText(r)),
      ]
      var capital = FigureText.cells(r.capital.figure)
      capital[0] = ReportTable.Cell(
        Self.capitalText(r), .string(Self.capitalText(r)), forms: Self.capitalForms(r))
      row += capital
      row += [
        ReportTable.Cell("\(r.withAmount) of \(r.footprints.count)", .int(Int64(r.withAmount))),
        ReportTable.Cell("", r.capital.knownPeople.map { .int($0) } ?? .null),
      ]
      row += FigureText.cells(r.perHeadRegion ?? none)
      var covered = FigureText.cells(r.perHeadCovered ?? none)
      covered[0] = ReportTable.Cell(
        Self.perHeadCoveredText(r),
        r.perHeadCovered == nil ? .null : .string(Self.perHeadCoveredText(r)))
      row += covered
      row += [
        .text(Self.breadthText(r)),
        ReportTable.Cell(Format.grouped(r.population), .int(r.population)),
      ]
      t.rows.append(row)
    }
    t.notes = [
      "Funding: the STPs' funding figures summed: what the amounts prove (\"up to\" proves nothing, "
        + "\"at least\" its floor), over the STPs that have an amount, with the share of the region's "
        + "people they cover; never a region's total unless every STP's amount is known.",
      "Per head, region: the proven sum over the whole region's ONS mid-2017 population (a lower "
        + "bound). Per head, STPs with amounts: their sum, qualifier kept, over their own people.",
    ]
    if !unassigned.isEmpty {
      t.notes.append("\(unassigned.count) STPs have no region in the data and are not counted.")
    }
    return t
  }
}
