/// What became of the footprints (`lineage.csv`): for each date, each footprint's successors and
/// each successor's footprints, with the people each link carries and their share. The shares
/// are people over the side's own total (the footprint's people, or the successor's), counted
/// from the same rows, so each footprint's shares and each successor's add up to 100% by
/// construction; the people are ONS mid-2017 estimates, not those at the time of each change.
public struct Lineage: Sendable {
  /// A link between a footprint and a successor at one date, seen from one side.
  public struct Part: Sendable {
    public let footprint: Int
    public let asOf: String
    public let successorCode: String
    public let successorName: String
    public let successorODS: String?
    /// The people living in both, and their share of this side's total.
    public let people: Figure
    public let share: Figure
    /// Under 2% of this side's people: a real but marginal part (a border area that moved).
    public let isSliver: Bool
  }

  /// A share under this is a sliver.
  public static let sliver = 0.02

  /// The dates with successors, oldest first (`2021-04`, `2022-07`).
  public let dates: [String]
  private let rows: [Succession]
  private let footprintCodes: [String]

  public init(_ dataset: Dataset) {
    rows = dataset.lineage
    dates = Array(Set(rows.map(\.asOf))).sorted()
    footprintCodes = dataset.footprints.map(\.code)
  }

  /// The date read as people say it: "April 2021", "July 2022" (the text itself otherwise).
  public static func words(_ asOf: String) -> String { spokenDate(asOf) }

  /// A successor's name as screens say it: "NHS North East and North Cumbria Integrated Care
  /// Board" -> "North East and North Cumbria ICB" (exports keep the ONS name).
  public static func shortName(_ name: String) -> String {
    var n = Substring(name)
    if n.hasPrefix("NHS ") { n = n.dropFirst(4) }
    if n.hasSuffix(" Integrated Care Board") {
      n = n.dropLast(" Integrated Care Board".count)
      return n + " ICB"
    }
    return String(n)
  }

  /// What the successors were at a date: STPs before July 2022, ICBs from then.
  public static func kind(_ asOf: String) -> String { asOf >= "2022-07" ? "ICB" : "STP" }

  /// The footprint's successors at `asOf`, the largest part first; empty when unknown.
  public func successors(of footprint: Int, asOf: String) -> [Part] {
    parts(rows.filter { $0.footprint == footprint && $0.asOf == asOf })
  }

  /// The footprints a successor took people from, the largest part first.
  public func footprints(of successor: String, asOf: String) -> [Part] {
    parts(rows.filter { $0.successorCode == successor && $0.asOf == asOf })
  }

  /// The successors at `asOf` as (code, name, ODS code, people), by name.
  public func successors(asOf: String) -> [(code: String, name: String, ods: String?, people: Int)]
  {
    var people: [String: Int] = [:]
    var first: [String: Succession] = [:]
    for r in rows where r.asOf == asOf {
      people[r.successorCode, default: 0] += r.people
      if first[r.successorCode] == nil { first[r.successorCode] = r }
    }
    return first.values.map { r in
      (r.successorCode, r.successorName, r.successorODS, people[r.successorCode] ?? 0)
    }.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
  }

  /// England's people at `asOf` (the sum of every row of that date).
  public func total(asOf: String) -> Int {
    rows.lazy.filter { $0.asOf == asOf }.reduce(0) { $0 + $1.people }
  }

  /// Rows of one side, as parts with their share of that side's total, the largest first (ties
  /// by successor code, then footprint code).
  private func parts(_ side: [Succession]) -> [Part] {
    let total = side.reduce(0) { $0 + $1.people }
    return side.map { r in
      let share = total > 0 ? Double(r.people) / Double(total) : 0
      let sliver = share < Self.sliver
      var shareFigure = Figure(
        total > 0 ? .exact(share) : .absent(.unknown), unit: .percent(places: sliver ? 2 : 1),
        source: r.source, rows: side.map(\.location))
      shareFigure.note = sliver ? "sliver" : nil
      return Part(
        footprint: r.footprint, asOf: r.asOf, successorCode: r.successorCode,
        successorName: r.successorName, successorODS: r.successorODS,
        people: Figure(
          .exact(Double(r.people)), unit: .people, source: r.source, rows: [r.location]),
        share: shareFigure, isSliver: sliver)
    }.sorted {
      ($0.people.minimum ?? 0, $1.successorCode, footprintCodes[$1.footprint])
        > ($1.people.minimum ?? 0, $0.successorCode, footprintCodes[$0.footprint])
    }
  }
}
