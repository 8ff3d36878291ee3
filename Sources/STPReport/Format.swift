import STPModel

/// How figures are written for people. Machine formats (CSV, JSON) keep raw numbers instead.
public enum Format {
  /// A whole number with thousands separators: 1,234,567.
  public static func grouped(_ n: Int64) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  /// Money in compact form without hiding precision: £312m, £3.8m, £1.35m, £500k, £955,313.
  public static func money(_ pounds: Int64) -> String {
    if pounds >= 1_000_000_000 && pounds % 10_000_000 == 0 {
      return "£" + decimal(pounds, unit: 1_000_000_000, places: 2) + "bn"
    }
    if pounds >= 1_000_000 && pounds % 10_000 == 0 {
      return "£" + decimal(pounds, unit: 1_000_000, places: 2) + "m"
    }
    if pounds >= 1_000 && pounds % 1_000 == 0 && pounds < 1_000_000 {
      return "£\(pounds / 1_000)k"
    }
    return "£" + grouped(pounds)
  }

  /// `value / unit` with at most `places` decimals, trailing zeros dropped. Exact: the callers
  /// only use it when the value divides evenly at that precision.
  static func decimal(_ value: Int64, unit: Int64, places: Int) -> String {
    let whole = value / unit
    var frac = value % unit
    var scale = unit
    var digits = ""
    for _ in 0..<places {
      scale /= 10
      digits.append(String(frac / scale))
      frac %= scale
    }
    while digits.hasSuffix("0") { digits.removeLast() }
    return digits.isEmpty ? "\(whole)" : "\(whole).\(digits)"
  }

  /// A funding range in words: "£3.8m", "up to £80m", "at least £100m", "£30m to £55m".
  public static func range(_ r: AmountRange) -> String {
    switch (r.low, r.high) {
    case (let lo, let hi?) where lo == hi: money(lo)
    case (0, let hi?): "up to " + money(hi)
    case (let lo, let hi?): money(lo) + " to " + money(hi)
    case (0, nil): "unknown"
    case (let lo, nil): "at least " + money(lo)
    }
  }

  /// Pounds per head: £12.50 (below a penny: "<£0.01").
  public static func perHead(_ v: Double) -> String {
    if v > 0 && v < 0.005 { return "<£0.01" }
    let pence = Int64((v * 100).rounded())
    return "£" + grouped(pence / 100) + "." + (pence % 100 < 10 ? "0" : "") + "\(pence % 100)"
  }

  /// A share with `places` decimals: "24.8%", "3.42%" (ageing shares; see
  /// `Measure.percentPlaces`).
  public static func percent(_ share: Double, places: Int) -> String {
    var scale = 1
    for _ in 0..<places { scale *= 10 }
    let units = Int((share * 100 * Double(scale)).rounded())
    guard places > 0 else { return "\(units)%" }
    let frac = String(units % scale)
    return "\(units / scale)." + String(repeating: "0", count: places - frac.count) + frac + "%"
  }

  /// A share as a whole percentage: "33%".
  public static func percent(_ share: Double) -> String {
    let p = Int((share * 100).rounded())
    if p == 0 && share > 0 { return "<1%" }
    if p == 100 && share < 1 { return ">99%" }
    return "\(p)%"
  }

  /// A population with its basis: "2,600,000", "~2,600,000", "over 800,000", "under 1,000,000".
  public static func population(_ n: Int, basis: PopulationBasis?) -> String {
    let g = grouped(Int64(n))
    switch basis {
    case .approx: return "~" + g
    case .over: return "over " + g
    case .under: return "under " + g
    case .exact, nil: return g
    }
  }

  /// A population on the one basis, with its year: "770,689 (ONS mid-2017)".
  public static func onsPopulation(_ f: Footprint) -> String? {
    f.onsPopulation.map { grouped(Int64($0)) + (f.onsYear.map { " (ONS \($0))" } ?? "") }
  }

  /// A partner count with its basis: "30+" for at least, "~26" for approx.
  public static func count(_ n: Int, basis: CountBasis) -> String {
    switch basis {
    case .exact: "\(n)"
    case .atLeast: "\(n)+"
    case .approx: "~\(n)"
    }
  }
}
