/// Correlations of paired values, for the charts' scatter (Pearson's r and Spearman's rho)
/// and the bands against the designations (rho).
public enum Correlation {
  /// Pearson's r; nil under 3 points or without spread.
  public static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
    let n = Double(a.count)
    guard a.count >= 3, a.count == b.count else { return nil }
    let ma = a.reduce(0, +) / n
    let mb = b.reduce(0, +) / n
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in a.indices {
      sab += (a[i] - ma) * (b[i] - mb)
      saa += (a[i] - ma) * (a[i] - ma)
      sbb += (b[i] - mb) * (b[i] - mb)
    }
    guard saa > 0, sbb > 0 else { return nil }
    return sab / (saa * sbb).squareRoot()
  }

  /// Ranks with ties averaged (for Spearman's rho).
  public static func ranks(_ v: [Double]) -> [Double] {
    let order = v.indices.sorted { v[$0] < v[$1] }
    var r = [Double](repeating: 0, count: v.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
      let mean = Double(i + j) / 2 + 1
      for k in i...j { r[order[k]] = mean }
      i = j + 1
    }
    return r
  }

  /// Spearman's rho: Pearson's r of the ranks (ties averaged); nil as for `pearson`.
  public static func spearman(_ a: [Double], _ b: [Double]) -> Double? {
    pearson(ranks(a), ranks(b))
  }
}
