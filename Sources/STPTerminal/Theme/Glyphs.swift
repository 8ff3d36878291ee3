/// The characters used for lines, bars and markers; ASCII where the terminal cannot show UTF-8.
public struct Glyphs: Equatable, Sendable {
  public var horizontal: Character
  public var vertical: Character
  public var topLeft: Character
  public var topRight: Character
  public var bottomLeft: Character
  public var bottomRight: Character
  public var barSolid: Character
  public var barLight: Character
  public var barEmpty: Character
  public var up: String
  public var down: String
  public var sortAscending: String
  public var sortDescending: String
  public var ellipsis: String
  public var pointer: String
  public var dot: String
  public var pound: String
  /// Marks a row that the last reload changed.
  public var changedMark: String
  /// Marks a spotlighted STP.
  public var spotlight: String
  /// Columns hidden to the left / right of a table.
  public var left: String
  public var right: String

  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    barSolid: "█", barLight: "░", barEmpty: " ", up: "▲", down: "▼", sortAscending: "▲",
    sortDescending: "▼", ellipsis: "…", pointer: "▸", dot: "·", pound: "£", changedMark: "•",
    spotlight: "★",
    left: "◂", right: "▸")

  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    barSolid: "#", barLight: ":", barEmpty: " ", up: "^", down: "v", sortAscending: "^",
    sortDescending: "v", ellipsis: "...", pointer: ">", dot: ".", pound: "GBP ", changedMark: "*",
    spotlight: "@",
    left: "<", right: ">")
}
