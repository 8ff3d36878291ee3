/// A position in a league: standard competition ranking ("1224").
public struct Position: Equatable, Sendable {
  /// 1-based position; nil when the value is unknown (listed after the ranked entries).
  public var rank: Int?
  /// Shares its position with another entry (shown as "=2").
  public var isTied: Bool

  /// "1", "=2", or "–" for unranked.
  public var label: String {
    guard let rank else { return "–" }
    return isTied ? "=\(rank)" : "\(rank)"
  }
}

/// Standard competition ranking over optional values, higher first.
public enum Ranking {
  /// Orders `values` (one per footprint) best first: equal values share a position and the next
  /// position skips (1, 2, 2, 4); nil values come last, unranked. Ties and unknowns are ordered by
  /// `names` so that output is stable.
  public static func rank(_ values: [Double?], names: [String]) -> [(index: Int, position: Position)] {
    let order = values.indices.sorted { a, b in
      switch (values[a], values[b]) {
      case let (x?, y?): return x != y ? x > y : names[a] < names[b]
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return names[a] < names[b]
      }
    }
    var result: [(Int, Position)] = []
    result.reserveCapacity(order.count)
    var k = 0
    while k < order.count {
      guard let v = values[order[k]] else {
        result.append((order[k], Position(rank: nil, isTied: false)))
        k += 1
        continue
      }
      var end = k + 1
      while end < order.count, values[order[end]] == v { end += 1 }
      for j in k..<end {
        result.append((order[j], Position(rank: k + 1, isTied: end - k > 1)))
      }
      k = end
    }
    return result
  }
}
