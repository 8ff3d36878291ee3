/// A position in a league: standard competition ranking ("1224").
public struct Position: Equatable, Sendable {
  /// 1-based position; nil when the value is unknown (listed after the ranked entries).
  public var rank: Int?
  /// Shares its position with another entry (shown as "=2").
  public var isTied: Bool
  /// How many entries are ranked (have a known value): the denominator of every position.
  public var known: Int = 0
  /// How many entries there are, ranked or not.
  public var total: Int = 0
  /// Where the sources bound it: the positions it can have among all `total` entries (one when
  /// determined: every Outstanding is =1 of 44 whatever the unknown bands are); nil otherwise.
  public var amongAll: [Int]? = nil

  /// Creates a position.
  public init(rank: Int?, isTied: Bool, known: Int = 0, total: Int = 0, amongAll: [Int]? = nil) {
    self.rank = rank
    self.isTied = isTied
    self.known = known
    self.total = total
    self.amongAll = amongAll
  }

  /// "1", "=2", or "–" for unranked.
  public var label: String {
    guard let rank else { return "–" }
    return isTied ? "=\(rank)" : "\(rank)"
  }

  /// The position with what it rests on: "=3 of 10 known", "5 of 44" when every value is
  /// known, "unranked (unknown)" without a value.
  public var labelWithBasis: String {
    guard rank != nil else { return "unranked (unknown)" }
    return known < total ? "\(label) of \(known) known" : "\(label) of \(total)"
  }
}

/// Standard competition ranking over optional values, higher first.
public enum Ranking {
  /// Orders `values` (one per footprint) best first: equal values share a position and the next
  /// position skips (1, 2, 2, 4); nil values come last, unranked. Ties and unknowns are ordered by
  /// `names` so that output is stable.
  public static func rank(_ values: [Double?], names: [String]) -> [(
    index: Int, position: Position
  )] {
    let order = values.indices.sorted { a, b in
      switch (values[a], values[b]) {
      case (let x?, let y?): return x != y ? x > y : names[a] < names[b]
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return names[a] < names[b]
      }
    }
    var result: [(Int, Position)] = []
    result.reserveCapacity(order.count)
    let known = values.count { $0 != nil }
    let total = values.count
    var k = 0
    while k < order.count {
      guard let v = values[order[k]] else {
        result.append((order[k], Position(rank: nil, isTied: false, known: known, total: total)))
        k += 1
        continue
      }
      var end = k + 1
      while end < order.count, values[order[end]] == v { end += 1 }
      for j in k..<end {
        result.append(
          (order[j], Position(rank: k + 1, isTied: end - k > 1, known: known, total: total)))
      }
      k = end
    }
    return result
  }
}
