/// The characters used for lines, bars and markers; ASCII where the terminal cannot show UTF-8.
public struct Glyphs: Equatable, Sendable {
  /// Box drawing: a horizontal line.
  public var horizontal: Character
  /// Box drawing: a vertical line.
  public var vertical: Character
  /// Box drawing: the top left corner.
  public var topLeft: Character
  /// Box drawing: the top right corner.
  public var topRight: Character
  /// Box drawing: the bottom left corner.
  public var bottomLeft: Character
  /// Box drawing: the bottom right corner.
  public var bottomRight: Character
  /// A bar's known part.
  public var barSolid: Character
  /// A bar's possible part (up to a range's top).
  public var barLight: Character
  /// A bar's empty part.
  public var barEmpty: Character
  /// More above (scroll mark).
  public var up: String
  /// More below (scroll mark).
  public var down: String
  /// A heading sorted ascending.
  public var sortAscending: String
  /// A heading sorted descending.
  public var sortDescending: String
  /// Text cut short.
  public var ellipsis: String
  /// A small dot: "none named" in Partnerships, a chart's empty track.
  public var dot: String
  /// The pound sign ("GBP" in ASCII).
  public var pound: String
  /// Marks a row that the last reload changed.
  public var changedMark: String
  /// Marks a spotlighted STP.
  public var spotlight: String
  /// Columns hidden to the left / right of a table.
  public var left: String
  /// Columns off screen to the right.
  public var right: String

  /// Unicode box drawing, blocks and arrows.
  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    barSolid: "█", barLight: "░", barEmpty: " ", up: "▲", down: "▼", sortAscending: "▲",
    sortDescending: "▼", ellipsis: "…", dot: "·", pound: "£", changedMark: "•",
    spotlight: "★",
    left: "◂", right: "▸")

  /// Plain ASCII, for terminals and locales without UTF-8.
  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    barSolid: "#", barLight: ":", barEmpty: " ", up: "^", down: "v", sortAscending: "^",
    sortDescending: "v", ellipsis: "...", dot: ".", pound: "GBP ", changedMark: "*",
    spotlight: "@",
    left: "<", right: ">")
}
