/// A whole, valid dataset: what a load returns, and what every metric and screen reads.
public struct Dataset: Sendable {
  /// Where the data came from, for people: "embedded 2017-18 reference data" or a path.
  public var origin: String
  /// Footprints in file order; other tables refer to them by index.
  public var footprints: [Footprint]
  /// All rating rows.
  public var ratings: [Rating]
  /// Published national band totals (one row per source; they may disagree).
  public var bandTotals: [BandTotal]
  /// Member organisations.
  public var partners: PartnerTable
  /// Stated counts of partners.
  public var partnerCounts: [PartnerCount]
  /// Funding waves in file order; funding rows refer to them by index.
  public var waves: [Wave]
  /// Funding rows.
  public var funding: FundingTable
  /// Integration designations.
  public var designations: [Designation]
  /// Named leaders.
  public var leaders: [Leader]
  /// The councils whose areas each footprint covers (ONS).
  public var councils: [Council]
  /// What became of each footprint: its successors in 2021 and 2022 (ONS).
  public var lineage: [Succession]

  /// The footprints' shapes and what follows from them (the map).
  public internal(set) var geography: Geography

  let indexByCode: [String: Int]

  init(
    origin: String, footprints: [Footprint], ratings: [Rating], bandTotals: [BandTotal] = [],
    partners: PartnerTable,
    partnerCounts: [PartnerCount], waves: [Wave], funding: FundingTable,
    designations: [Designation], leaders: [Leader], councils: [Council] = [],
    lineage: [Succession] = []
  ) {
    self.origin = origin
    self.footprints = footprints
    self.ratings = ratings
    self.bandTotals = bandTotals
    self.partners = partners
    self.partnerCounts = partnerCounts
    self.waves = waves
    self.funding = funding
    self.designations = designations
    self.leaders = leaders
    self.councils = councils
    self.lineage = lineage
    var index: [String: Int] = [:]
    for (i, f) in footprints.enumerated() { index[f.code] = i }
    indexByCode = index
    geography = .none(footprints.count)
  }

  /// The national waves of `waves.csv` (not the groups of rows that name no single wave).
  public var nationalWaves: [Wave] { waves.filter(\.isNational) }

  /// Index of the footprint with this code (exact match).
  public func index(ofCode code: String) -> Int? { indexByCode[code] }

  /// Rating periods present, oldest first.
  public var periods: [String] { Array(Set(ratings.map(\.period))).sorted() }

  /// The newest rating period, if any.
  public var latestPeriod: String? { periods.last }
}

extension Dataset {
  /// The same data with the text of its large tables (funding, partners) spilled to mapped
  /// files (`TextStore.spilled()`), or nil when there is nothing worth spilling or it cannot be
  /// done. For the data on screen while a reload builds its successor: the screen keeps all of
  /// it, at a fraction of the memory.
  public func withSpilledText() -> Dataset? {
    var d = self
    var changed = false
    if let t = funding.text.spilled() {
      d.funding.text = t
      changed = true
    }
    if let t = partners.text.spilled() {
      d.partners.text = t
      changed = true
    }
    return changed ? d : nil
  }
}
