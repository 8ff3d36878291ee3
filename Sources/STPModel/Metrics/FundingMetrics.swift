/// A sum of money known only between bounds.
public struct AmountRange: Equatable, Sendable {
  /// What is known for certain (unstated lower bounds count as 0).
  public var low: Int64
  /// The most it can be; nil when some part has no upper bound (an "at least" or unknown amount).
  public var high: Int64?

  /// Creates a range.
  public init(low: Int64, high: Int64?) {
    self.low = low
    self.high = high
  }

  /// The sum of two ranges.
  public static func + (a: AmountRange, b: AmountRange) -> AmountRange {
    AmountRange(low: a.low + b.low, high: a.high.flatMap { x in b.high.map { x + $0 } })
  }

  /// Whether the range is one figure.
  public var isExact: Bool { high == low }
}

/// One STP's funding in one wave.
public struct WaveFunding: Equatable, Sendable {
  /// Index into `Dataset.waves`.
  public var wave: Int
  /// Known range of the money, STP-total rows not double counted with their schemes.
  public var range: AmountRange
  /// The figures the sources quote, summed (upper bound where one is given, else lower bound).
  public var quoted: Int64
  /// Some row carries an amount (a nil award counts: it is £0).
  public var hasAmount: Bool
  /// Some money in this wave has no published amount (a named recipient, a scheme without one).
  public var hasUnknownAmount: Bool
  /// Number of scheme rows.
  public var schemes: Int
  /// The source says the STP got nothing in this wave.
  public var isNilAward: Bool
  /// Named bids that were not funded.
  public var unsuccessfulBids: Int
  /// Funding rows of this STP and wave, in file order.
  public var rows: [Int]
}

/// One STP's capital funding across waves.
public struct FootprintFunding: Equatable, Sendable {
  /// Per wave, in `Dataset.waves` order; only waves with rows.
  public var waves: [WaveFunding]
  /// The sum over waves.
  public var total: AmountRange
  /// Sum of quoted figures over waves.
  public var quoted: Int64
  /// Some row carries an amount.
  public var hasAmount: Bool
  /// Some money has no published amount.
  public var hasUnknownAmount: Bool

  /// The figure used to rank by funding: the quoted sum, when every award of the STP has an
  /// amount; nil (unknown, unranked) otherwise.
  public var rankValue: Int64? { hasAmount && !hasUnknownAmount ? quoted : nil }

  /// Whether the STP appears in any funding row.
  public var hasRows: Bool { !waves.isEmpty }

  /// Schemes over all waves.
  public var schemes: Int { waves.reduce(0) { $0 + $1.schemes } }
}

/// A national funding wave with what the data accounts for.
public struct WaveSummary: Equatable, Sendable {
  /// Index into `Dataset.waves`.
  public var wave: Int
  /// STPs with any row in this wave.
  public var footprints: Int
  /// Scheme rows, including those with no STP named.
  public var schemes: Int
  /// Range of the amounts found, all rows (no STP-total double counting).
  public var range: AmountRange
  /// Sum of quoted figures.
  public var quoted: Int64
  /// Some row of the wave carries an amount.
  public var hasAmount: Bool
  /// Rows with no STP named, and their quoted sum.
  public var unattributedRows: Int
  /// Quoted sum of rows with no STP named.
  public var unattributedQuoted: Int64
  /// `quoted` as a share of the national amount, when that is known.
  public var shareOfNational: Double?
}

enum FundingCalculator {
  /// Funding per footprint and per wave from the funding table, in one pass.
  static func compute(_ d: Dataset) -> (perFootprint: [FootprintFunding], waves: [WaveSummary]) {
    let t = d.funding
    let nWaves = d.waves.count
    // Group row numbers by (footprint, wave); footprint -1 collects unattributed rows.
    var groups: [[Int]] = Array(repeating: [], count: (d.footprints.count + 1) * max(nWaves, 1))
    func slot(_ f: Int32, _ w: Int32) -> Int { (Int(f) + 1) * nWaves + Int(w) }
    for i in 0..<t.count { groups[slot(t.footprint[i], t.wave[i])].append(i) }

    var perFootprint: [FootprintFunding] = []
    perFootprint.reserveCapacity(d.footprints.count)
    var summaries = (0..<nWaves).map {
      WaveSummary(wave: $0, footprints: 0, schemes: 0, range: AmountRange(low: 0, high: 0),
                  quoted: 0, hasAmount: false, unattributedRows: 0, unattributedQuoted: 0, shareOfNational: nil)
    }
    for f in -1..<d.footprints.count {
      var waves: [WaveFunding] = []
      for w in 0..<nWaves {
        let rows = groups[slot(Int32(f), Int32(w))]
        guard !rows.isEmpty else { continue }
        let wf = group(t, rows: rows, wave: w)
        summaries[w].schemes += wf.schemes
        summaries[w].range = summaries[w].range + wf.range
        summaries[w].quoted += wf.quoted
        summaries[w].hasAmount = summaries[w].hasAmount || wf.hasAmount
        if f < 0 {
          summaries[w].unattributedRows += rows.count
          summaries[w].unattributedQuoted += wf.quoted
        } else {
          summaries[w].footprints += 1
          waves.append(wf)
        }
      }
      guard f >= 0 else { continue }
      var total = AmountRange(low: 0, high: 0)
      var quoted: Int64 = 0
      for w in waves {
        total = total + w.range
        quoted += w.quoted
      }
      perFootprint.append(FootprintFunding(
        waves: waves, total: total, quoted: quoted, hasAmount: waves.contains { $0.hasAmount },
        hasUnknownAmount: waves.contains { $0.hasUnknownAmount }))
    }
    for w in 0..<nWaves {
      if let national = d.waves[w].nationalAmount, national > 0, summaries[w].hasAmount {
        summaries[w].shareOfNational = Double(summaries[w].quoted) / Double(national)
      }
    }
    return (perFootprint, summaries)
  }

  /// The rule for one STP and wave: an STP-total row covers that wave's scheme rows, so the range
  /// is [max(sum of scheme minimums, total's minimum), total's maximum] rather than their sum.
  static func group(_ t: FundingTable, rows: [Int], wave: Int) -> WaveFunding {
    let none = FundingTable.none
    var sLow: Int64 = 0
    var sHigh: Int64 = 0
    var sHighKnown = true
    var sQuoted: Int64 = 0
    var hasAmount = false
    var unknown = false
    var schemes = 0
    var nilAward = false
    var bids = 0
    var total: Int?
    for i in rows {
      let lo = t.amountMin[i]
      let hi = t.amountMax[i]
      switch t.kind[i] {
      case .scheme:
        schemes += 1
        if lo == none && hi == none {
          unknown = true
          sHighKnown = false
          continue
        }
        hasAmount = true
        if lo != none { sLow += lo }
        if hi != none { sHigh += hi } else { sHighKnown = false }
        sQuoted += hi != none ? hi : lo
      case .stpTotal:
        total = i
      case .recipient:
        unknown = true
        sHighKnown = false
      case .nilAward:
        nilAward = true
        hasAmount = true
      case .unsuccessfulBid:
        bids += 1
      }
    }
    var range = AmountRange(low: sLow, high: sHighKnown ? sHigh : nil)
    var quoted = sQuoted
    if let ti = total {
      let lo = t.amountMin[ti]
      let hi = t.amountMax[ti]
      if lo == none && hi == none {
        unknown = true  // a total whose amount is unknown: there is money we cannot see
        range.high = nil
      } else {
        hasAmount = true
        unknown = false  // the total covers every scheme of the wave, listed or not
        range = AmountRange(low: max(sLow, lo == none ? 0 : lo), high: hi == none ? nil : hi)
        quoted = max(sQuoted, hi != none ? hi : lo)
      }
    }
    return WaveFunding(
      wave: wave, range: range, quoted: quoted, hasAmount: hasAmount, hasUnknownAmount: unknown,
      schemes: schemes, isNilAward: nilAward, unsuccessfulBids: bids, rows: rows)
  }
}
