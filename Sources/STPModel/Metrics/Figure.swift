/// Why a figure has no value. Each reason is a different fact, and each is said differently: a
/// list that never covered councils ("not in the source") is not a list that names none.
public enum AbsentReason: String, CaseIterable, Sendable {
  /// Not published, or not found in anything read.
  case unknown = "unknown"
  /// The source's scope leaves it out (a member list of NHS bodies only says nothing of councils).
  case notInSource = "not in the source"
  /// No list that could show it was searched (only NHS lookups).
  case notSearched = "not searched"
  /// A count is stated but the members are not named.
  case statedUnnamed = "stated, unnamed"
  /// A bid that was not funded: its size is a bid, not an award.
  case bidNotFunded = "bid not funded"
  /// The only amounts are nil awards ("£0 in W4"): they cover their own wave, never a total.
  case nilAward = "nil award"
  /// The sources disagree and none is preferred.
  case disputed = "disputed"

  /// The words people read: "not in the source".
  public var word: String { rawValue }
  /// One glyph where there is room for nothing else.
  public var glyph: String {
    switch self {
    case .bidNotFunded: "✗"
    case .nilAward: "?"  // a nil award covers its wave: a total is unknown, never "£0"
    case .disputed: "!"
    default: "?"
    }
  }
}

/// What a figure says of its quantity: one value, a bound, a range, an approximation, or nothing
/// (with the reason). There is no bare number: a lower bound is never a value.
public enum FigureValue: Equatable, Sendable {
  case exact(Double)
  case atLeast(Double)
  case upTo(Double)
  case range(Double, Double)
  case approx(Double)
  case absent(AbsentReason)
}

/// What a figure's number counts, and so how it is written.
public enum FigureUnit: Equatable, Sendable {
  /// Whole pounds: £312m.
  case money
  /// Pounds and pence per person: £632.57.
  case moneyPerHead
  /// People: 1,234,567.
  case people
  /// A fraction written as a percentage with `places` decimals.
  case percent(places: Int)
  /// People per square kilometre.
  case density
  /// A band as its ordinal (Outstanding 4 … Needs most improvement 1).
  case band
  /// Sectors beyond the NHS, with the non-NHS share beside it where known.
  case sectors
  /// A plain count.
  case count
  /// Square kilometres.
  case area
  /// Months between two dates (a median may be a half).
  case months
}

/// A number as the data has it: its value with its qualifier, its unit, and where it comes from.
/// Every surface writes figures through one formatter (`FigureText` in STPReport), so a
/// qualifier cannot fall off on the way to a screen or a file; a figure has no `description`.
public struct Figure: Equatable, Sendable {
  public var value: FigureValue
  public var unit: FigureUnit
  /// Sources disagree about it: shown, marked "!", never preferred.
  public var isUncertain: Bool
  /// There is more whose amount is not published ("+ amounts unknown"): the value covers the
  /// known part only, and there is no maximum.
  public var hasMore = false
  /// Words that belong with the value and must travel with it ("£0 in W4; other waves
  /// unknown", "of 3 councils"), or nil.
  public var note: String?
  /// Words read before the value in its long form ("2 of 3" before "(86%)"), or nil.
  public var lead: String? = nil
  /// For `.sectors`: the non-NHS share, and whether it is a lower bound.
  public var share: Double?
  public var isShareLowerBound: Bool
  /// Where it comes from (a URL or a description) and the data rows that hold it (several
  /// when it is a sum of rows).
  public var source: String?
  public var rows: [RowLocation]
  /// The first data row, for one-row figures.
  public var row: RowLocation? { rows.first }

  /// Creates a figure.
  public init(
    _ value: FigureValue, unit: FigureUnit, isUncertain: Bool = false, note: String? = nil,
    share: Double? = nil, isShareLowerBound: Bool = false, source: String? = nil,
    rows: [RowLocation] = []
  ) {
    self.value = value
    self.unit = unit
    self.isUncertain = isUncertain
    self.note = note
    self.share = share
    self.isShareLowerBound = isShareLowerBound
    self.source = source
    self.rows = rows
  }

  /// An absent figure.
  public static func absent(
    _ reason: AbsentReason, unit: FigureUnit, note: String? = nil,
    source: String? = nil, rows: [RowLocation] = []
  ) -> Figure {
    Figure(.absent(reason), unit: unit, note: note, source: source, rows: rows)
  }

  /// A figure from an amount range of whole pounds (`AmountRange`): exact, up to (nothing
  /// proven), at least (open-ended) or a range.
  public static func money(
    _ r: AmountRange, uncertain: Bool = false, source: String? = nil,
    rows: [RowLocation] = []
  ) -> Figure {
    Figure(
      FigureValue(low: Double(r.low), high: r.high.map(Double.init)), unit: .money,
      isUncertain: uncertain, source: source, rows: rows)
  }

  /// Whether it has a value.
  public var isKnown: Bool {
    if case .absent = value { return false }
    return true
  }

  /// Whether the value is a floor ("at least").
  public var isLowerBound: Bool {
    if case .atLeast = value { return true }
    return false
  }

  /// Why it has none; nil when known.
  public var absence: AbsentReason? {
    if case .absent(let r) = value { return r }
    return nil
  }

  /// The least it can be: exact and "at least" values, a range's low end; nil for "up to"
  /// (nothing is proven), approximations and absent figures. CSV writes nil as blank, JSON null.
  public var minimum: Double? {
    switch value {
    case .exact(let v), .atLeast(let v): v
    case .range(let lo, _): lo
    case .upTo, .approx, .absent: nil
    }
  }

  /// The most it can be; nil when open-ended ("at least"), approximate or absent.
  public var maximum: Double? {
    if hasMore { return nil }
    return switch value {
    case .exact(let v), .upTo(let v): v
    case .range(_, let hi): hi
    case .atLeast, .approx, .absent: nil
    }
  }

  /// The figure a league ranks by: the value, "up to" and ranges by their top, "at least" by
  /// its floor (the convention docs/DATA.md states); nil when absent.
  public var rankValue: Double? {
    switch value {
    case .exact(let v), .atLeast(let v), .upTo(let v), .approx(let v): v
    case .range(_, let hi): hi
    case .absent: nil
    }
  }

  /// What the value rests on, for exports' `basis` columns: "exact", "at least", "up to",
  /// "range", "approx", or the reason it is absent.
  public var basis: String {
    switch value {
    case .exact: "exact"
    case .atLeast: "at least"
    case .upTo: "up to"
    case .range: "range"
    case .approx: "approx"
    case .absent(let r): r.word
    }
  }

  /// The same figure over a divisor (per head, per km²), qualifier kept: "up to £312m" over
  /// 493,227 people is "up to £632.57".
  public func divided(by n: Double, unit: FigureUnit) -> Figure {
    var f = self
    f.unit = unit
    f.value =
      switch value {
      case .exact(let v): .exact(v / n)
      case .atLeast(let v): .atLeast(v / n)
      case .upTo(let v): .upTo(v / n)
      case .range(let lo, let hi): .range(lo / n, hi / n)
      case .approx(let v): .approx(v / n)
      case .absent(let r): .absent(r)
      }
    return f
  }
}

extension FigureValue {
  /// A value from bounds: equal bounds are exact, a zero low with a high is "up to", no high is
  /// "at least" (unknown when the low is zero too), otherwise a range.
  public init(low: Double, high: Double?) {
    switch (low, high) {
    case (let lo, let hi?) where lo == hi: self = .exact(lo)
    case (0, let hi?): self = .upTo(hi)
    case (let lo, let hi?): self = .range(lo, hi)
    case (0, nil): self = .absent(.unknown)
    case (let lo, nil): self = .atLeast(lo)
    }
  }
}

/// A sum of figures is a figure too, with what it covers: "at least £168.8m proven; amounts for
/// 5 of 15 STPs". Its bounds are the sums of the parts' bounds; a part without a maximum (an
/// "at least", an absent amount) leaves the sum without one.
public struct FigureSum: Equatable, Sendable {
  /// The sum's value (exact only when every part is exact and known).
  public var figure: Figure
  /// The sum of the parts' ranked figures (tops of "up to", floors of "at least"): what the
  /// sources quote, which is neither a bound nor a total.
  public var quoted: Double
  /// Parts with a value, and parts in all.
  public var known: Int
  public var count: Int
  /// People covered by the parts with a value, and by all parts, where the caller knows them.
  public var knownPeople: Int64?
  public var people: Int64?

  /// Sums `parts`; `people` gives each part's population (for coverage as a share of people).
  public init(_ parts: [Figure], unit: FigureUnit, people: [Int64?]? = nil) {
    var low = 0.0
    var high: Double? = 0
    var quoted = 0.0
    var known = 0
    var uncertain = false
    var knownPeople: Int64 = 0
    var allPeople: Int64 = 0
    var peopleKnown = people != nil
    for (i, p) in parts.enumerated() {
      let n = people.flatMap { $0.indices.contains(i) ? $0[i] : nil }
      if people != nil, n == nil { peopleKnown = false }
      allPeople += n ?? 0
      guard p.isKnown else {
        high = nil
        continue
      }
      if p.hasMore { high = nil }
      known += 1
      knownPeople += n ?? 0
      uncertain = uncertain || p.isUncertain
      low += p.minimum ?? 0
      high = high.flatMap { h in p.maximum.map { h + $0 } }
      quoted += p.rankValue ?? 0
    }
    var value = known == 0 ? FigureValue.absent(.unknown) : FigureValue(low: low, high: high)
    if known > 0, low == 0, high == nil { value = .atLeast(0) }
    figure = Figure(value, unit: unit, isUncertain: uncertain)
    self.quoted = quoted
    self.known = known
    count = parts.count
    self.knownPeople = peopleKnown ? knownPeople : nil
    self.people = peopleKnown ? allPeople : nil
  }

  /// Every part has a value.
  public var isComplete: Bool { known == count }

  /// The share of people the known parts cover; nil when populations are not all known.
  public var peopleShare: Double? {
    guard let knownPeople, let people, people > 0 else { return nil }
    return Double(knownPeople) / Double(people)
  }
}
