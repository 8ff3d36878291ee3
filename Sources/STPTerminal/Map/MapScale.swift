import STPModel
import STPReport

/// How the map colours a measure: the four bands as categories, or a number in up to five
/// steps of a sequential scale (one step per value when there are five or fewer, otherwise
/// quantiles), each stated by the lowest and highest value in it; unknown apart from them all.
public struct MapScale: Sendable {
  /// One line of the legend.
  public struct Step: Sendable, Equatable {
    public var role: Role
    /// Shading density without colour, 0 (lightest) to 4.
    public var level: Int
    public var label: String
    public var count: Int
  }

  public let measure: Measure
  /// Each footprint's step (index into `steps`); nil when its value is unknown.
  public let step: [Int?]
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

  public static func make(_ s: AppState, _ measure: Measure) -> MapScale {
    let m = s.metrics
    let n = s.dataset.footprints.count
    if measure == .band {
      let bands: [Band] = [.outstanding, .advanced, .makingProgress, .needsMostImprovement]
      let roles: [Role] = [.mapOutstanding, .mapAdvanced, .mapMakingProgress, .mapNeedsImprovement]
      let step = (0..<n).map { f in m.bands[f].flatMap { b in bands.firstIndex(of: b) } }
      let steps = bands.indices.map { i in
        Step(role: roles[i], level: 4 - i, label: bands[i].name, count: step.count { $0 == i })
      }
      return MapScale(measure: measure, step: step, steps: steps, unknown: step.count { $0 == nil },
                      basis: "NHS England's rating\(m.period.map { ", \($0)" } ?? "")")
    }
    // Breadth is shown by its whole number of sectors beyond the NHS.
    let values: [Double?] = (0..<n).map { f in
      m.value(measure, footprint: f).map { measure == .breadth ? $0.rounded(.down) : $0 }
    }
    let known = values.compactMap { $0 }.sorted()
    var distinct: [Double] = []
    for v in known where distinct.last != v { distinct.append(v) }
    // Lower bounds of the steps.
    var lows: [Double]
    if distinct.count <= 5 {
      lows = distinct
    } else {
      lows = [known[0]]
      for i in 1..<5 {
        let q = known[i * known.count / 5]
        if q > lows.last! { lows.append(q) }
      }
    }
    func stepOf(_ v: Double) -> Int { (lows.lastIndex { $0 <= v }) ?? 0 }
    let step = values.map { $0.map(stepOf) }
    let k = lows.count
    let steps = (0..<k).map { i -> Step in
      let members = values.compactMap { $0 }.filter { stepOf($0) == i }
      let lo = members.min() ?? lows[i], hi = members.max() ?? lows[i]
      let scaleIndex = k == 1 ? 4 : Int((Double(i) * 4 / Double(k - 1)).rounded())
      let label = lo == hi ? text(s, measure, lo) : "\(text(s, measure, lo))–\(text(s, measure, hi))"
      return Step(role: Role.mapScale[scaleIndex], level: scaleIndex, label: label, count: members.count)
    }
    let basis: String
    switch measure {
    case .funding: basis = "capital quoted (\"up to\" by its top, \"at least\" by its floor)"
    case .perHead: basis = "capital quoted per head of ONS mid-2017 (\"up to\" by its top, \"at least\" by its floor)"
    case .breadth: basis = "sectors beyond the NHS among named partners"
    case .population: basis = "ONS mid-2017"
    case .share65, .share85: basis = "of the ONS mid-2017 population"
    case .councils: basis = "people whose social care council is a named partner (ONS)"
    case .band: basis = ""
    }
    return MapScale(measure: measure, step: step, steps: steps, unknown: step.count { $0 == nil }, basis: basis)
  }

  /// A value of the measure for the legend.
  static func text(_ s: AppState, _ measure: Measure, _ v: Double) -> String {
    switch measure {
    case .funding: return Panes.money(s, Int64(v.rounded()))
    case .perHead: return Panes.pounds(s, Format.perHead(v))
    case .breadth:
      let k = Int(v)
      return "\(k) sector\(k == 1 ? "" : "s")"
    case .population:
      guard v >= 1_000_000 else { return "\(Int((v / 1000).rounded()))k" }
      let c = Int((v / 10_000).rounded())  // hundredths of a million
      return "\(c / 100).\(c % 100 < 10 ? "0" : "")\(c % 100)m"
    case .share65, .share85: return Format.percent(v, places: measure.percentPlaces)
    case .councils: return CouncilsText.percent(v)
    case .band: return ""
    }
  }

  private init(measure: Measure, step: [Int?], steps: [Step], unknown: Int, basis: String) {
    self.measure = measure
    self.step = step
    self.steps = steps
    self.unknown = unknown
    self.basis = basis
  }
}
