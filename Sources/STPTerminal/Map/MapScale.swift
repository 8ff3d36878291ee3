import STPModel
import STPReport

/// How the map colours a measure: the four bands as categories, or a number in up to five
/// steps of a sequential scale (one step per value when there are five or fewer, otherwise
/// quantiles), each stated by the lowest and highest value in it; unknown apart from them all.
public struct MapScale: Sendable {
  /// One line of the legend.
  public struct Step: Sendable, Equatable {
    /// The step's fill.
    public var role: Role
    /// Shading density without colour, 0 (lightest) to 4.
    public var level: Int
    /// What the step covers, as the legend says it ("£40–£80 a head").
    public var label: String
    /// How many footprints fall in the step.
    public var count: Int
  }

  /// The measure coloured.
  public let measure: Measure
  /// Each footprint's step (index into `steps`); nil when its value is unknown.
  public let step: [Int?]
  /// The legend's steps, lowest first.
  public let steps: [Step]
  /// Footprints with no value.
  public let unknown: Int
  /// What the values rest on, for the legend's foot.
  public let basis: String

  /// The fill role of a footprint.
  public func role(_ f: Int) -> Role {
    guard step.indices.contains(f), let i = step[f] else { return .mapUnknown }
    return steps[i].role
  }

  /// The shading level of a footprint; nil when unknown.
  public func level(_ f: Int) -> Int? {
    guard step.indices.contains(f), let i = step[f] else { return nil }
    return steps[i].level
  }

  /// The scale of `measure` over the data on screen.
  public static func make(_ s: AppState, _ measure: Measure) -> MapScale {
    let m = s.metrics
    let n = s.dataset.footprints.count
    if measure.spec.binning == .categories {
      let bands: [Band] = [.outstanding, .advanced, .makingProgress, .needsMostImprovement]
      let roles: [Role] = [.mapOutstanding, .mapAdvanced, .mapMakingProgress, .mapNeedsImprovement]
      let step = (0..<n).map { f in m.bands[f].flatMap { b in bands.firstIndex(of: b) } }
      let steps = bands.indices.map { i in
        Step(role: roles[i], level: 4 - i, label: bands[i].name, count: step.count { $0 == i })
      }
      return MapScale(
        measure: measure, step: step, steps: steps, unknown: step.count { $0 == nil },
        basis: "NHS England's rating\(m.period.map { ", \($0)" } ?? "")")
    }
    let spec = measure.spec
    // The value each footprint is binned by: its axis value (breadth: whole sectors).
    let values: [Double?] = (0..<n).map { f in spec.axisValue(m, f) }
    let known = values.compactMap { $0 }.sorted()
    var distinct: [Double] = []
    for v in known where distinct.last != v { distinct.append(v) }
    let lows = stepLows(known, distinct: distinct, binning: spec.binning)
    func stepOf(_ v: Double) -> Int { (lows.lastIndex { $0 <= v }) ?? 0 }
    let step = values.map { $0.map(stepOf) }
    let k = lows.count
    let steps = (0..<k).map { i -> Step in
      let members = values.compactMap { $0 }.filter { stepOf($0) == i }
      let lo = members.min() ?? lows[i]
      let hi = members.max() ?? lows[i]
      let scaleIndex = k == 1 ? 4 : Int((Double(i) * 4 / Double(k - 1)).rounded())
      // One value: the figure itself, qualifier kept, where every footprint in the step has the
      // same ("up to £312m", not a bare "£312m"); a span of values reads as their range.
      let forms = Set(
        (0..<n).filter { values[$0].map(stepOf) == i }.map { f in
          FigureText.forms(m.figure(measure, footprint: f)).last ?? ""
        })
      let label =
        lo != hi
        ? "\(text(s, measure, lo))–\(text(s, measure, hi))"
        : forms.count == 1 && measure.spec.unit != .sectors
          ? Panes.pounds(s, forms.first ?? "") : text(s, measure, lo)
      return Step(
        role: Role.mapScale[scaleIndex], level: scaleIndex, label: label, count: members.count)
    }
    return MapScale(
      measure: measure, step: step, steps: steps, unknown: step.count { $0 == nil },
      basis: spec.mapBasis)
  }

  /// The lower bounds of the steps (at most five): one per value when there are five or fewer;
  /// otherwise equal counts, except that a top step spanning more than its `topSpread` is split
  /// where its values jump most (the two lowest steps merged to keep five), so that the highest
  /// values can be told apart: per head's £204 and £633 are not one colour.
  static func stepLows(_ known: [Double], distinct: [Double], binning: MeasureBinning) -> [Double] {
    guard !known.isEmpty else { return [] }
    if distinct.count <= 5 { return distinct }
    var lows = [known[0]]
    for i in 1..<5 {
      let q = known[i * known.count / 5]
      if let last = lows.last, q > last { lows.append(q) }
    }
    guard case .quantiles(let spread) = binning, let top = lows.last, top > 0 else { return lows }
    let inTop = distinct.filter { $0 >= top }
    guard inTop.count >= 2, let hi = inTop.last, hi / top > spread else { return lows }
    // The biggest ratio between neighbours in the top step.
    var cut = inTop[1]
    var best = 0.0
    for j in 1..<inTop.count where inTop[j - 1] > 0 && inTop[j] / inTop[j - 1] > best {
      best = inTop[j] / inTop[j - 1]
      cut = inTop[j]
    }
    if lows.count >= 5 { lows.remove(at: 1) }
    lows.append(cut)
    return lows
  }

  /// A value of the measure for the legend, exact (pence kept): the same figure the tables show.
  static func text(_ s: AppState, _ measure: Measure, _ v: Double) -> String {
    let unit = measure.spec.unit
    if unit == .people {
      guard v >= 1_000_000 else { return "\(Int((v / 1000).rounded()))k" }
      let c = Int((v / 10_000).rounded())  // hundredths of a million
      return "\(c / 100).\(c % 100 < 10 ? "0" : "")\(c % 100)m"
    }
    if unit == .sectors {
      let k = Int(v)
      return "\(k) sector\(k == 1 ? "" : "s")"
    }
    return Panes.pounds(s, FigureText.number(v, unit, short: true))
  }

  private init(measure: Measure, step: [Int?], steps: [Step], unknown: Int, basis: String) {
    self.measure = measure
    self.step = step
    self.steps = steps
    self.unknown = unknown
    self.basis = basis
  }
}
