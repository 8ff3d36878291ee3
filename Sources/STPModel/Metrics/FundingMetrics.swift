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
  /// Some award (a scheme or total with an amount, not a nil award) is in this wave.
  public var hasAward: Bool = false
  /// Some row's amount is disputed or uncertain.
  public var isUncertain: Bool = false
  /// The group wave (e.g. `wave3+wave4`) whose STP-total covers this wave's rows: its money is
  /// counted there, not again in the footprint's total. nil when the wave stands alone.
  public var coveredBy: Int? = nil
  /// The rows (indices into `Dataset.funding`) that hold this wave's figure: the STP total when
  /// it covers the schemes, else the rows with amounts, the nil award, or every row when none
  /// has an amount. At most `FundingCalculator.citedRows`.
  public var rows: [Int32] = []
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
  /// Some amount is disputed or uncertain.
  public var isUncertain: Bool = false

  /// Some award with an amount (not only nil awards): a nil award covers its wave only, so an
  /// STP with nothing but nil awards has no total to rank.
  public var hasAward: Bool { waves.contains(where: \.hasAward) }

  /// The figure used to rank by funding: the quoted sum, when the STP has an award and every
  /// award has an amount; nil (unknown, unranked) otherwise.
  public var rankValue: Int64? { hasAward && !hasUnknownAmount ? quoted : nil }

  /// How the known total is stated: exact, up to, at least or a range (nil: no amount).
  public var basis: AmountBasis? {
    guard hasAward else { return nil }
    switch (total.low, total.high) {
    case (let lo, let hi?) where lo == hi: return .exact
    case (0, _?): return .upTo
    case (_, nil): return .atLeast
    case (_, _?): return .range
    }
  }

  /// Waves with a nil award, and no award anywhere: "£0 in wave 4" is all that is known.
  public var isNilOnly: Bool { !hasAward && waves.contains(where: \.isNilAward) }

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
  /// What the rows with no STP named prove: their range.
  public var unattributedRange = AmountRange(low: 0, high: 0)
  /// Quoted sum of rows attributed to an STP (`quoted` less the rows that name none).
  public var attributedQuoted: Int64 { quoted - unattributedQuoted }
  /// `quoted` as a share of the national amount, when that is known.
  public var shareOfNational: Double?
  /// Quoted sum of the STP entries (or the unattributed rows) whose amount in this wave is
  /// disputed or uncertain; nil when none is.
  public var uncertainQuoted: Int64? = nil
  /// STPs named in this wave with money whose amount is not published (a recipient without an
  /// amount, a scheme "+?"): the attributed sum leaves them out.
  public var unknownAmounts = 0
}

enum FundingCalculator {
  /// The most rows a figure cites.
  static let citedRows = 8

  /// What one pass over the rows gathers for one (footprint, wave).
  struct Accumulator {
    var rows = 0
    var schemeLow: Int64 = 0
    var schemeHigh: Int64 = 0
    var schemeHighKnown = true
    var schemeQuoted: Int64 = 0
    var hasAmount = false
    var unknown = false
    var schemes = 0
    var nilAward = false
    var bids = 0
    var total: Int32 = -1
    var award = false
    var uncertain = false
    var amountRows: [Int32] = []
    var nilRows: [Int32] = []
    var otherRows: [Int32] = []

    mutating func add(_ r: FundingRecord, row: Int) {
      let none = FundingTable.none
      rows += 1
      func cite(_ list: inout [Int32]) {
        if list.count < FundingCalculator.citedRows { list.append(Int32(row)) }
      }
      switch r.kind {
      case .scheme where r.amountMin != none || r.amountMax != none: cite(&amountRows)
      case .nilAward: cite(&nilRows)
      case .stpTotal: break
      default: cite(&otherRows)
      }
      if r.isUncertain { uncertain = true }
      switch r.kind {
      case .scheme:
        schemes += 1
        if r.amountMin == none && r.amountMax == none {
          unknown = true
          schemeHighKnown = false
          return
        }
        hasAmount = true
        award = true
        if r.amountMin != none { schemeLow += r.amountMin }
        if r.amountMax != none { schemeHigh += r.amountMax } else { schemeHighKnown = false }
        schemeQuoted += r.amountMax != none ? r.amountMax : r.amountMin
      case .stpTotal:
        total = Int32(row)
      case .recipient:
        unknown = true
        schemeHighKnown = false
      case .nilAward:
        nilAward = true
        hasAmount = true
      case .unsuccessfulBid:
        bids += 1
      }
    }

    /// The rule for one STP and wave: an STP-total row covers that wave's scheme rows, so the
    /// range is [max(sum of scheme minimums, total's minimum), total's maximum] rather than
    /// their sum.
    func result(wave: Int, records: [FundingRecord]) -> WaveFunding {
      let none = FundingTable.none
      var range = AmountRange(low: schemeLow, high: schemeHighKnown ? schemeHigh : nil)
      var quoted = schemeQuoted
      var hasAmount = hasAmount
      var award = award
      var unknown = unknown
      if total >= 0 {
        let t = records[Int(total)]
        if t.amountMin == none && t.amountMax == none {
          unknown = true  // a total whose amount is unknown: there is money we cannot see
          range.high = nil
        } else {
          hasAmount = true
          award = true
          unknown = false  // the total covers every scheme of the wave, listed or not
          range = AmountRange(
            low: max(schemeLow, t.amountMin == none ? 0 : t.amountMin),
            high: t.amountMax == none ? nil : t.amountMax)
          quoted = max(schemeQuoted, t.amountMax != none ? t.amountMax : t.amountMin)
        }
      }
      var cited = amountRows
      if total >= 0 && hasTotalAmount(records) { cited = [total] }
      if cited.isEmpty { cited = nilAward ? nilRows : (total >= 0 ? [total] : otherRows) }
      return WaveFunding(
        wave: wave, range: range, quoted: quoted, hasAmount: hasAmount, hasUnknownAmount: unknown,
        schemes: schemes, isNilAward: nilAward, unsuccessfulBids: bids, hasAward: award,
        isUncertain: uncertain, rows: cited)
    }

    /// Whether the row group has an STP total with an amount (it then covers its schemes).
    func hasTotalAmount(_ records: [FundingRecord]) -> Bool {
      guard total >= 0 else { return false }
      let t = records[Int(total)]
      return t.amountMin != FundingTable.none || t.amountMax != FundingTable.none
    }
  }

  /// Funding per footprint and per wave, in one pass over the rows.
  static func compute(_ d: Dataset) -> (perFootprint: [FootprintFunding], waves: [WaveSummary]) {
    let records = d.funding.records
    let nWaves = d.waves.count
    // Slot (footprint + 1) * nWaves + wave; footprint -1 collects rows that name no STP.
    var acc = [Accumulator](
      repeating: Accumulator(), count: (d.footprints.count + 1) * max(nWaves, 1))
    for (i, r) in records.enumerated() {
      acc[(Int(r.footprint) + 1) * nWaves + Int(r.wave)].add(r, row: i)
    }
    var summaries = (0..<nWaves).map {
      WaveSummary(
        wave: $0, footprints: 0, schemes: 0, range: AmountRange(low: 0, high: 0),
        quoted: 0, hasAmount: false, unattributedRows: 0, unattributedQuoted: 0,
        shareOfNational: nil)
    }
    var perFootprint: [FootprintFunding] = []
    perFootprint.reserveCapacity(d.footprints.count)
    for f in -1..<d.footprints.count {
      var waves: [WaveFunding] = []
      for w in 0..<nWaves {
        let a = acc[(f + 1) * nWaves + w]
        guard a.rows > 0 else { continue }
        let wf = a.result(wave: w, records: records)
        summaries[w].schemes += wf.schemes
        summaries[w].range = summaries[w].range + wf.range
        summaries[w].quoted += wf.quoted
        summaries[w].hasAmount = summaries[w].hasAmount || wf.hasAmount
        if wf.isUncertain {
          summaries[w].uncertainQuoted = (summaries[w].uncertainQuoted ?? 0) + wf.quoted
        }
        if f < 0 {
          summaries[w].unattributedRows += a.rows
          summaries[w].unattributedQuoted += wf.quoted
          summaries[w].unattributedRange = summaries[w].unattributedRange + wf.range
        } else {
          summaries[w].footprints += 1
          if wf.hasUnknownAmount { summaries[w].unknownAmounts += 1 }
          waves.append(wf)
        }
      }
      guard f >= 0 else { continue }
      // An STP total over several waves (wave3+wave4) covers those waves' own rows: its range
      // is at least what they prove, and they are not added again.
      for gi in waves.indices {
        guard let parts = d.waves[waves[gi].wave].parts, !parts.isEmpty,
          acc[(f + 1) * nWaves + waves[gi].wave].hasTotalAmount(records)
        else { continue }
        var low: Int64 = 0
        var quotedParts: Int64 = 0
        for pi in waves.indices where parts.contains(waves[pi].wave) {
          waves[pi].coveredBy = waves[gi].wave
          low += waves[pi].range.low
          quotedParts += waves[pi].quoted
          waves[gi].isUncertain = waves[gi].isUncertain || waves[pi].isUncertain
        }
        waves[gi].range.low = max(waves[gi].range.low, low)
        waves[gi].quoted = max(waves[gi].quoted, quotedParts)
      }
      var total = AmountRange(low: 0, high: 0)
      var quoted: Int64 = 0
      for w in waves where w.coveredBy == nil {
        total = total + w.range
        quoted += w.quoted
      }
      let counted = waves.filter { $0.coveredBy == nil }
      perFootprint.append(
        FootprintFunding(
          waves: waves, total: total, quoted: quoted, hasAmount: waves.contains { $0.hasAmount },
          hasUnknownAmount: counted.contains { $0.hasUnknownAmount },
          isUncertain: waves.contains { $0.isUncertain }))
    }
    for w in 0..<nWaves {
      if let national = d.waves[w].nationalAmount, national > 0, summaries[w].hasAmount {
        summaries[w].shareOfNational = Double(summaries[w].quoted) / Double(national)
      }
    }
    return (perFootprint, summaries)
  }
}
