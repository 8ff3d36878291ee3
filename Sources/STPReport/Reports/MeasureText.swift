import STPModel

/// A measure's value for people, with its qualifier ("at least £130", "1, 33%"): the catalogue's
/// figure through the one formatter, shared by the panes, the map, compare and the exports.
public enum MeasureText {
  /// The text in the longest form that fits `width` (all of it when nil), and whether the value
  /// is known (an unknown's text says why: "not searched", "£0 in W4").
  public static func of(_ d: Dataset, _ m: Metrics, _ measure: Measure, _ f: Int, width: Int? = nil)
    -> (text: String, known: Bool)
  {
    let fig = m.figure(measure, footprint: f)
    return (FigureText.text(fig, width: width), fig.isKnown)
  }
}
