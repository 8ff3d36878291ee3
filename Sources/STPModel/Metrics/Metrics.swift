/// What a league can be ranked by.
public enum Measure: String, CaseIterable, Sendable {
  case band
  case funding
  case perHead = "per-head"
  case breadth
  case population

  /// A heading for people.
  public var label: String {
    switch self {
    case .band: "Band"
    case .funding: "Funding"
    case .perHead: "Per head"
    case .breadth: "Sectors"
    case .population: "Population"
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
  private let names: [String]
  private let populations: [Int?]

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
    (funding, waves) = FundingCalculator.compute(d)
    names = d.footprints.map(\.name)
    populations = d.footprints.map(\.population)
  }

  /// The value of a measure for one footprint; nil when unknown.
  public func value(_ measure: Measure, footprint f: Int) -> Double? {
    switch measure {
    case .band: bands[f].map { Double($0.rawValue) }
    case .funding: funding[f].rankValue.map(Double.init)
    case .perHead:
      funding[f].rankValue.flatMap { v in populations[f].map { Double(v) / Double($0) } }
    case .breadth: breadth[f].rankValue.map(Double.init)
    case .population: populations[f].map(Double.init)
    }
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
      Coverage(measure: "partners listed", count: breadth.filter(\.hasData).count, total: n),
    ]
  }
}
