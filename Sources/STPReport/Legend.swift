import STPModel

/// Every symbol the panes, slides and reports use, with what it means: the `?` help shows it,
/// and docs/DATA.md and the README list the same (a test holds them to it).
public enum Legend {
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

  /// (word, meaning): the abbreviations and words the panes use without spelling them out, in
  /// the `?` help; docs/GLOSSARY.md defines each at length (a test holds it to this list). Each
  /// meaning fits 44 columns, like the symbols'.
  public static let words: [(word: String, meaning: String)] = [
    ("STP", "Sustainability & Transformation Partnership"),
    ("CCG", "Clinical Commissioning Group (NHS buyer)"),
    ("ACS", "accountable care system (from June 2017)"),
    ("ICS", "integrated care system (from May 2018)"),
    ("O", "band: Outstanding"),
    ("A", "band: Advanced"),
    ("M", "band: Making progress"),
    ("N", "band: Needs most improvement"),
    ("W1–W4", "capital waves, July 2017 to December 2018"),
    ("proven", "what amounts prove: floors and exact values"),
    ("quoted", "a source's own figure; funding ranks by it"),
    ("per head", "per person, by ONS mid-2017 population"),
    ("Non-NHS", "sectors beyond the NHS; non-NHS share"),
    ("coverage", "the STPs and people a figure rests on"),
  ]

  /// (heading, sector): the Partnerships pane's sector columns.
  public static let sectorColumns: [(heading: String, sector: String)] =
    Sector.allCases.map { ($0.shortLabel, $0.label) }
}
