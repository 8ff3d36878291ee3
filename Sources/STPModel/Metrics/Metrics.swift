import Synchronization

/// Values kept once made, by key, shared by a `Metrics` and its copies (which hold the same
/// data); made on first use, safely from any thread (two threads asking at once may both make
/// one: the same value).
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private let made = Mutex<[Key: Value]>([:])

  func value(_ key: Key, _ make: () -> Value) -> Value {
    if let done = made.withLock({ $0[key] }) { return done }
    let value = make()
    made.withLock { $0[key] = value }
    return value
  }
}

/// Each footprint's partnership source: its stated total's row, else its first row from a
/// published list, else its first row; made on first use, safely from any thread.
final class PartnerCites: Sendable {
  private let made = Mutex<[(source: String?, rows: [RowLocation])]?>(nil)

  func get(_ d: Dataset) -> [(source: String?, rows: [RowLocation])] {
    made.withLock { cached in
      if let cached { return cached }
      let n = d.footprints.count
      var first = [Int?](repeating: nil, count: n)
      var stated = [Int?](repeating: nil, count: n)
      let p = d.partners
      var open = n  // footprints still without a listed row
      let word = Array("stated".utf8)
      // The list names' bytes are searched in place: no String per row (100k rows: 21 ms as
      // Strings, under 2 ms as bytes).
      p.text.withBuffer { buf in
        for i in 0..<p.count where open > 0 {
          let f = Int(p.footprint[i])
          guard f >= 0, f < n, stated[f] == nil else { continue }
          if first[f] == nil { first[f] = i }
          let ref = p.list[i]
          let start = Int(ref.start)
          let end = start + ref.byteCount
          guard end <= buf.count, end - start >= word.count else { continue }
          var k = start
          var found = false
          while k + word.count <= end && !found {
            if buf[k] == word[0] {
              var j = 1
              while j < word.count && buf[k + j] == word[j] { j += 1 }
              found = j == word.count
            }
            k += 1
          }
          if found {
            stated[f] = i
            open -= 1
          }
        }
      }
      var totals = [PartnerCount?](repeating: nil, count: n)
      for c in d.partnerCounts where c.group == .all {
        if let f = d.index(ofCode: c.code), totals[f] == nil { totals[f] = c }
      }
      let built = (0..<n).map { f -> (source: String?, rows: [RowLocation]) in
        if let t = totals[f] { return (t.source, [t.location]) }
        guard let r = stated[f] ?? first[f] else { return (nil, []) }
        let row = p[r]
        return (row.source, [row.location])
      }
      cached = built
      return built
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
  /// Each footprint's councils (ONS) and those its partnership names, matched on first use: a
  /// million partner rows against 100,000 councils take 0.2-0.3 s, which a load, `validate`'s
  /// checks and the league's first frame do not need.
  public var councils: [CouncilCover] { councilCovers.value }
  /// The councils each partnership names, matched now if no other thread is matching them; nil
  /// while one is (after a large load's first frame): a screen that must not wait says so.
  public var councilsUnlessBeingMatched: [CouncilCover]? { councilCovers.valueUnlessBeingMade }

  /// Runs `body` as if the councils were being matched on another thread (tests).
  func whileCouncilsAreBeingMatched<R>(_ body: () -> R) -> R {
    councilCovers.whileBeingMade(body)
  }
  private let councilCovers: Once<[CouncilCover]>
  /// The same without the matching of names (`CouncilCalculator.frames`), made with the metrics.
  let councilFrames: [CouncilCover]
  /// The dataset the metrics were derived from (its arrays are shared, not copied): the
  /// catalogue's figures cite its rows.
  private(set) var data: Dataset
  /// Where each footprint's partnership figures come from, worked out once on first use (one
  /// pass over the partner rows, not a scan per figure: 100k rows made a frame 70 ms).
  let partnerCites = PartnerCites()
  /// Each footprint's funding figure, made on first use (`fundingFigure`): it is read for its
  /// own column and again for per head, each time re-reading its rows' sources from
  /// funding.csv's text (0.69M of the league's first frame's 5.4M instructions).
  let fundingFigures = Memo<Int, Figure>()
  /// The league by each measure, ranked on first use (`league(by:)`): every frame and key of a
  /// list pane asks for it (0.19M instructions each time, issue 26).
  let leagues = Memo<Measure, [LeagueRow]>()
  /// Each footprint's area in km² (ONS polygons on the WGS84 ellipsoid), asked for on first use.
  var areasKm2: [Double?] { data.geography.areasKm2 }
  private let names: [String]
  /// Population on the one basis (`Footprint.onsPopulation`) of each footprint.
  private let populations: [Int?]
  private let aged65: [Int?]
  private let aged85: [Int?]

  /// Derives the metrics; `period` defaults to the newest rating period.
  public init(_ d: Dataset, period: String? = nil) {
    data = d
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
    let frames = CouncilCalculator.frames(d, breadth)
    councilFrames = frames
    councilCovers = Once { CouncilCalculator.named(d, frames) }
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
    guard fund.rankValue != nil, let basis = fund.basis, let p = populations[f], p > 0 else {
      return nil
    }
    let n = Double(p)
    return PerHead(
      low: Double(fund.total.low) / n, high: fund.total.high.map { Double($0) / n },
      quoted: Double(fund.quoted) / n, basis: basis)
  }

  /// The same metrics over `d`, the same data with its text held elsewhere (spilled to a mapped
  /// file while a reload builds its successor): the metrics must not keep the old text alive.
  public func replacingData(_ d: Dataset) -> Metrics {
    var m = self
    m.data = d
    return m
  }

  /// The value a measure ranks by for one footprint (its catalogue entry's `rank`); nil when
  /// unknown.
  public func value(_ measure: Measure, footprint f: Int) -> Double? { measure.spec.rank(self, f) }

  /// Whether a measure's value is known for a footprint, without working it out where the
  /// measure can tell more cheaply (`MeasureSpec.isKnown`).
  func isKnown(_ measure: Measure, footprint f: Int) -> Bool {
    measure.spec.isKnown?(self, f) ?? (value(measure, footprint: f) != nil)
  }

  /// The figure of a measure for one footprint, with its qualifier and source.
  public func figure(_ measure: Measure, footprint f: Int) -> Figure {
    measure.spec.figure(self, f)
  }

  /// The league by a measure: ranked footprints first, then the unknowns.
  public func league(by measure: Measure) -> [LeagueRow] {
    leagues.value(measure) { rankLeague(by: measure) }
  }

  private func rankLeague(by measure: Measure) -> [LeagueRow] {
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
    let amongAll = measure.spec.positionsAmongAll?(self)
    return Ranking.rank(values, names: names).map { i, position in
      var position = position
      if let amongAll { position.amongAll = amongAll[i] }
      return LeagueRow(
        footprint: i, position: position, value: values[i], band: bands[i],
        movement: movement[i])
    }
  }

  /// For each measure, how many footprints have it.
  public var coverage: [Coverage] {
    let n = names.count
    func count(_ m: Measure) -> Int { (0..<n).filter { value(m, footprint: $0) != nil }.count }
    return Measure.allCases.map { Coverage(measure: $0.rawValue, count: count($0), total: n) }
      + [Coverage(measure: "partners listed", count: breadth.filter(\.hasData).count, total: n)]
  }
}
