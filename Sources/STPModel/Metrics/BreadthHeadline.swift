/// The partnership headline figures, from the same breadth values as the tables: how many
/// footprints' breadth is known, how many of those name a partner beyond the NHS, the most
/// sectors beyond the NHS, and the median non-NHS share with its count.
public struct BreadthHeadline: Equatable, Sendable {
  /// Footprints whose breadth is known (membership beyond NHS lookups on record).
  public let known: Int
  /// Of those, footprints with a non-NHS partner (a non-NHS sector with a member).
  public let beyondNHS: Int
  /// The most sectors beyond the NHS in one partnership.
  public let widest: Int
  /// Known non-NHS shares, and their median (the lower middle value of an even count).
  public let shares: Int
  /// The median non-NHS share; nil when none is known.
  public let medianShare: Double?

  /// Computes the figures (once per load, in `Metrics`).
  init(_ breadth: [Breadth]) {
    let k = breadth.filter { $0.rankValue != nil }
    known = k.count
    beyondNHS = k.count { $0.nonNHSSectorCount > 0 }
    widest = k.map(\.nonNHSSectorCount).max() ?? 0
    let s = k.compactMap(\.nonNHSShare).sorted()
    shares = s.count
    medianShare =
      s.isEmpty
      ? nil : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
  }
}
