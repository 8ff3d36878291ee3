/// What the published national band totals say about the footprints whose band is unknown.
///
/// With every Outstanding and every Needs-most-improvement footprint known (each source's total
/// reached), the unknowns are Advanced or Making progress; the sources disagree on how they
/// split, so no footprint is given either band.
public struct BandBounds: Sendable {
  /// Published totals for the league's period, one per source.
  public let totals: [BandTotal]
  /// Footprints per known band in the period.
  public let known: [Band: Int]
  /// Footprints whose band is unknown.
  public let unknown: Int
  /// The bands an unknown footprint can still have: those that some source's total leaves room
  /// for (every band when no totals are published).
  public let possible: [Band]

  /// The bounds from one period's published totals and each footprint's band in it (derived
  /// once per load, in `Metrics`).
  init(totals: [BandTotal], bands: [Band?]) {
    self.totals = totals
    var known: [Band: Int] = [:]
    for b in bands.compactMap({ $0 }) { known[b, default: 0] += 1 }
    self.known = known
    unknown = bands.count { $0 == nil }
    possible = Band.allCases.filter { band in
      totals.isEmpty || totals.contains { ($0.count(band) ?? Int.max) > known[band, default: 0] }
    }
  }

  /// The unknown bands are all Advanced or Making progress (the July 2017 case).
  public var unknownAreAdvancedOrMakingProgress: Bool {
    unknown > 0 && !totals.isEmpty
      && possible.allSatisfy { $0 == .advanced || $0 == .makingProgress }
  }

  /// The distinct published totals for one band, in source order.
  public func publishedValues(_ band: Band) -> [Int] {
    var seen: [Int] = []
    for t in totals { if let c = t.count(band), !seen.contains(c) { seen.append(c) } }
    return seen
  }

  /// The published totals for one band, as "20, 18 or 14" (in source order, repeats once).
  public func published(_ band: Band) -> String {
    let seen = publishedValues(band)
    switch seen.count {
    case 0: return "unpublished"
    case 1: return "\(seen[0])"
    default:
      return seen.dropLast().map(String.init).joined(separator: ", ") + " or \(seen.last ?? 0)"
    }
  }
}
