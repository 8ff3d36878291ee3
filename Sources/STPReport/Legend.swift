import STPModel

/// Every symbol the panes, slides and reports use, with what it means: the `?` help shows it,
/// and docs/DATA.md and the README list the same (a test holds them to it).
public enum Legend {
  /// (symbol, meaning), in the order a reader meets them.
  /// (symbol, meaning), in the order a reader meets them; each meaning fits 44 columns so the
  /// help shows two columns at 120x40.
  public static let symbols: [(symbol: String, meaning: String)] = [
    (Absence.unknown.glyph, "unknown: the data has no value"),
    ("–", "unranked: its value is unknown"),
    (Absence.noneNamed.glyph, "none named in a searched list"),
    ("£0", "nil award, for that wave only"),
    (Absence.notFunded.glyph, "bid not funded (a bid, not an award)"),
    (Absence.uncertain.glyph, "uncertain: sources disagree"),
    ("~", "approximately, as the source states it"),
    ("≥", "at least: a lower bound"),
    ("+", "lower bound; +? more money without amount; +10? 10 STPs named, no amount"),
    ("*", "stated count, fewer organisations named"),
    ("=3", "shared position; Pos of 10: of 10 known"),
    ("A or M", "unknown band: Advanced or Making progress"),
    ("W? W3+4", "wave not stated; waves 3 and 4 together"),
    ("█ ░", "what amounts prove; what they may reach"),
    ("★", "spotlighted STP"),
    ("•", "row changed by the last reload"),
  ]
}
