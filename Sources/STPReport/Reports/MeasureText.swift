import STPModel

/// A measure's value for people, with its qualifier ("at least £130", "1, 33%"), shared by the
/// panes, the map and compare.
public enum MeasureText {
  /// The text and whether the value is known (an unknown's text says why: "unknown", "nil
  /// award").
  public static func of(_ d: Dataset, _ m: Metrics, _ measure: Measure, _ f: Int) -> (text: String, known: Bool) {
    let unknown = (Absence.unknown.word, false)
    switch measure {
    case .band:
      return m.bands[f].map { ($0.name, true) } ?? unknown
    case .funding:
      let cell = FundingReport.quotedCell(m.funding[f], d.waves)
      return (cell.text, cell.value != .null)
    case .perHead:
      return m.perHead(footprint: f).map { (Format.perHead($0), true) } ?? unknown
    case .breadth:
      let b = m.breadth[f]
      guard b.rankValue != nil else { return unknown }
      let share = b.nonNHSShare.map { ", " + PartnersReport.shareText(b, $0) } ?? ""
      return (PartnersReport.sectorsBeyondText(b) + share, true)
    case .population:
      return d.footprints[f].onsPopulation.map { (Format.grouped(Int64($0)), true) } ?? unknown
    case .share65, .share85:
      return m.value(measure, footprint: f).map { (Format.percent($0, places: measure.percentPlaces), true) } ?? unknown
    case .councils:
      return CouncilsText.measure(m.councils[f], d)
    }
  }
}
