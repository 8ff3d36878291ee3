/// What a league can be ranked by.
public enum Measure: String, CaseIterable, Sendable {
  case band
  case funding
  case perHead = "per-head"
  case breadth
  case population
  case share65 = "share-65"
  case share85 = "share-85"
  case councils

  /// A heading for people.
  public var label: String {
    switch self {
    case .band: "Band"
    case .funding: "Funding"
    case .perHead: "Per head"
    case .breadth: "Non-NHS"
    case .population: "Population"
    case .share65: "Aged 65+"
    case .share85: "Aged 85+"
    case .councils: "Care councils named"
    }
  }

  /// A heading for narrow columns.
  public var shortLabel: String {
    switch self {
    case .band: "Band"
    case .funding: "Funding"
    case .perHead: "Per head"
    case .breadth: "Non-NHS"
    case .population: "Pop"
    case .share65: "65+"
    case .share85: "85+"
    case .councils: "Councils"
    }
  }

  /// Decimals a share is shown with, and ranked at: shares that read the same are tied ("=2"),
  /// never ranked apart by a difference the screen does not show. Aged 65+ spans 12-25% (one
  /// decimal); aged 85+ spans 1-4% (two).
  public var percentPlaces: Int { self == .share85 ? 2 : 1 }

  /// What the measure is and what it rests on, for headings, help and exports.
  public var meaning: String {
    switch self {
    case .band: "NHS England's July 2017 band"
    case .funding: "capital found in the sources (quoted figures)"
    case .perHead: "capital found per head of the ONS mid-2017 population"
    case .breadth: "sectors beyond the NHS among partners, then the non-NHS share"
    case .population: "ONS mid-2017 population"
    case .share65: "share of the ONS mid-2017 population aged 65+"
    case .share85: "share of the ONS mid-2017 population aged 85+"
    case .councils: "share of the footprint's people whose social care council is a named partner (ONS councils)"
    }
  }
}

/// One line of a league table.
public struct LeagueRow: Equatable, Sendable {
  /// Index into `Dataset.footprints`.
  public var footprint: Int
  /// Position by the measure.
  public var position: Position
  /// The measure's value; nil when unknown.
  public var value: Double?
  /// Band in the period.
  public var band: Band?
  /// Places gained since the previous rating period (negative: lost); nil when not comparable.
  public var movement: Int?
}

/// Capital per head: the known range of the amount over the population, with its qualifier.
public struct PerHead: Equatable, Sendable {
  /// What the amounts prove, per head.
  public var low: Double
  /// The most it can be per head; nil when open-ended ("at least").
  public var high: Double?
  /// The quoted figure per head (the maximum of "up to" and ranges, the minimum of "at least"):
  /// what ranks.
  public var quoted: Double
  /// How the amount is stated.
  public var basis: AmountBasis
}

/// How many footprints have a measure.
public struct Coverage: Equatable, Sendable {
  /// What is covered, e.g. "band".
  public var measure: String
  /// Footprints that have it.
  public var count: Int
  /// All footprints.
  public var total: Int
}

/// Everything derived from a dataset, computed once per load.
public struct Metrics: Sendable {
  /// The rating period the league uses; nil when there are no ratings.
  public let period: String?
  /// The period before it, used for movement.
  public let previousPeriod: String?
  /// Band of each footprint in `period`.
  public let bands: [Band?]
  /// Band of each footprint in `previousPeriod`.
  public let previousBands: [Band?]
  /// Partnership breadth of each footprint.
  public let breadth: [Breadth]
  /// Funding of each footprint.
  public let funding: [FootprintFunding]
  /// Each wave nationally.
  public let waves: [WaveSummary]
  /// What the published band totals of `period` say about the unknown bands.
  public let bandBounds: BandBounds
  /// The partnership headline figures.
  public let breadthHeadline: BreadthHeadline
  /// Each footprint's councils (ONS) and those its partnership names.
  public let councils: [CouncilCover]
  private let names: [String]
  /// Population on the one basis (`Footprint.onsPopulation`) of each footprint.
  private let populations: [Int?]
  private let aged65: [Int?]
  private let aged85: [Int?]
  private let councilShares: [Double?]

  /// Derives the metrics; `period` defaults to the newest rating period.
  public init(_ d: Dataset, period: String? = nil) {
    let periods = d.periods
    let chosen = period ?? periods.last
    self.period = chosen
    if let chosen, let i = periods.firstIndex(of: chosen), i > 0 {
      previousPeriod = periods[i - 1]
    } else {
      previousPeriod = nil
    }
    func bandsIn(_ p: String?) -> [Band?] {
      var result = [Band?](repeating: nil, count: d.footprints.count)
      guard let p else { return result }
      for r in d.ratings where r.period == p {
        if let i = d.index(ofCode: r.code) { result[i] = r.band }
      }
      return result
    }
    bands = bandsIn(chosen)
    previousBands = bandsIn(previousPeriod)
    breadth = BreadthCalculator.compute(d)
    councils = CouncilCalculator.compute(d, breadth)
    councilShares = councils.map { $0.weightedShare(d) }
    bandBounds = BandBounds(totals: d.bandTotals.filter { $0.period == chosen }, bands: bands)
    breadthHeadline = BreadthHeadline(breadth)
    (funding, waves) = FundingCalculator.compute(d)
    names = d.footprints.map(\.name)
    populations = d.footprints.map(\.onsPopulation)
    aged65 = d.footprints.map(\.onsAged65Plus)
    aged85 = d.footprints.map(\.onsAged85Plus)
  }

  /// Capital per head on the ONS basis, as a range with the qualifier of its amount ("up to
  /// £312m" over 500k people is "up to £624 a head"); nil when the amount or population is
  /// unknown.
  public func perHead(footprint f: Int) -> PerHead? {
    let fund = funding[f]
    guard fund.rankValue != nil, let basis = fund.basis, let p = populations[f], p > 0 else { return nil }
    let n = Double(p)
    return PerHead(low: Double(fund.total.low) / n, high: fund.total.high.map { Double($0) / n },
                   quoted: Double(fund.quoted) / n, basis: basis)
  }

  /// The value of a measure for one footprint; nil when unknown.
  public func value(_ measure: Measure, footprint f: Int) -> Double? {
    switch measure {
    case .band: bands[f].map { Double($0.rawValue) }
    case .funding: funding[f].rankValue.map(Double.init)
    case .perHead: perHead(footprint: f)?.quoted
    case .breadth: breadth[f].rankValue
    case .population: populations[f].map(Double.init)
    case .share65, .share85:
      share(measure == .share65 ? aged65[f] : aged85[f], of: populations[f]).map { v in
        let scale = pow10(measure.percentPlaces + 2)
        return (v * scale).rounded() / scale
      }
    case .councils:
      councilShares[f].map { ($0 * 1000).rounded() / 1000 }  // tenths of a percent: 99.6% is not 100%
    }
  }

  private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { x, _ in x * 10 } }

  private func share(_ part: Int?, of whole: Int?) -> Double? {
    guard let part, let whole, whole > 0 else { return nil }
    return Double(part) / Double(whole)
  }

  /// The league by a measure: ranked footprints first, then the unknowns.
  public func league(by measure: Measure) -> [LeagueRow] {
    let values = names.indices.map { value(measure, footprint: $0) }
    var movement = [Int?](repeating: nil, count: names.count)
    if previousPeriod != nil {
      let now = Ranking.rank(bands.map { $0.map { Double($0.rawValue) } }, names: names)
      let before = Ranking.rank(previousBands.map { $0.map { Double($0.rawValue) } }, names: names)
      var was = [Int?](repeating: nil, count: names.count)
      for (i, p) in before { was[i] = p.rank }
      for (i, p) in now {
        if let a = p.rank, let b = was[i] { movement[i] = b - a }
      }
    }
    return Ranking.rank(values, names: names).map { i, position in
      LeagueRow(footprint: i, position: position, value: values[i], band: bands[i],
                movement: movement[i])
    }
  }

  /// For each measure, how many footprints have it.
  public var coverage: [Coverage] {
    let n = names.count
    func count(_ m: Measure) -> Int { (0..<n).filter { value(m, footprint: $0) != nil }.count }
    return [
      Coverage(measure: "band", count: count(.band), total: n),
      Coverage(measure: "population", count: count(.population), total: n),
      Coverage(measure: "funding", count: count(.funding), total: n),
      Coverage(measure: "per-head", count: count(.perHead), total: n),
      Coverage(measure: "breadth", count: count(.breadth), total: n),
      Coverage(measure: "share-65", count: count(.share65), total: n),
      Coverage(measure: "share-85", count: count(.share85), total: n),
      Coverage(measure: "councils", count: count(.councils), total: n),
      Coverage(measure: "partners listed", count: breadth.filter(\.hasData).count, total: n),
    ]
  }
}
