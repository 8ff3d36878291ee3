/// Did the July 2017 league foretell which partnerships became integrated care systems first?
/// For each footprint, its first dated designation as an accountable care system (the shadow
/// first wave of June 2017) or an integrated care system (by wave from 2018), of all or part of
/// its area (its own code's or its merged successor's, as designations.csv gives them), beside
/// its band. A footprint with no dated designation is unknown, never "never": every area was an
/// ICS by April 2021, but not every designation has a sourced date.
public struct DesignationsByBand: Sendable {
  /// One footprint: its band (nil: unknown), its first dated designation (nil: unknown) and the
  /// months from the rating to it (nil when the source gives a year only).
  public struct Row: Sendable {
    public let footprint: Int
    public let band: Band?
    public let designation: Designation?
    public let months: Int?
    /// The wave it belongs to: its date as the source gives it (`2017-06`, `2018`, `2018-05`).
    public var wave: String? { designation?.announced }
  }

  /// The fewest STPs with both a band and a dated designation for a rank correlation.
  public static let fewestToCorrelate = 10

  public let rows: [Row]
  /// The waves present, oldest first.
  public let waves: [String]
  /// Spearman's rank correlation between band (Outstanding highest) and months to designation,
  /// over the footprints with both, and their number; `rho` nil when there are fewer than
  /// `fewestToCorrelate` (or no spread to rank).
  public let rho: Double?
  public let n: Int

  public init(_ d: Dataset, _ m: Metrics) {
    var rows: [Row] = []
    for (f, fp) in d.footprints.enumerated() {
      let mine = d.designations.filter { x in
        (x.code == fp.code || x.code == fp.successorCode) && Self.isIntegration(x)
          && x.announced != nil
      }
      // The earliest by its date as written (a year alone sorts before that year's months).
      let first = mine.min { ($0.announced ?? "") < ($1.announced ?? "") }
      rows.append(
        Row(
          footprint: f, band: m.bands[f], designation: first,
          months: first?.announced.flatMap(Self.months)))
    }
    self.rows = rows
    waves = Array(Set(rows.compactMap(\.wave))).sorted()
    let paired = rows.compactMap { r -> (Double, Double)? in
      guard let b = r.band, let months = r.months else { return nil }
      return (Double(b.rawValue), Double(months))
    }
    n = paired.count
    rho =
      n >= Self.fewestToCorrelate
      ? Correlation.spearman(paired.map(\.0), paired.map(\.1)) : nil
  }

  /// Whether a designation is one of the integration programme's (ACS or ICS).
  public static func isIntegration(_ x: Designation) -> Bool {
    let t = x.designation.lowercased()
    return t.hasPrefix("accountable care system") || t.hasPrefix("integrated care system")
  }

  /// Months from NHS England's rating of July 2017 to `date` (`YYYY-MM…`); nil for a year
  /// alone. Negative before it.
  static func months(_ date: String) -> Int? {
    let parts = date.split(separator: "-")
    guard parts.count >= 2, let y = Int(parts[0]), let mo = Int(parts[1]) else { return nil }
    return (y - 2017) * 12 + mo - 7
  }

  /// The footprints of a band (nil: unknown) designated in a wave (nil: no dated designation).
  public func count(band: Band?, wave: String?) -> Int {
    rows.count { $0.band == band && $0.wave == wave }
  }

  /// The footprints of a band.
  public func count(band: Band?) -> Int { rows.count { $0.band == band } }

  /// The median months to designation of a band's footprints with a dated month, and how many.
  public func medianMonths(band: Band?) -> (months: Double?, n: Int) {
    let ms = rows.filter { $0.band == band }.compactMap(\.months).sorted()
    guard !ms.isEmpty else { return (nil, 0) }
    let mid = ms.count / 2
    let median = ms.count % 2 == 1 ? Double(ms[mid]) : Double(ms[mid - 1] + ms[mid]) / 2
    return (median, ms.count)
  }
}
