/// What a cell means. The theme, not the pane, decides how a role looks.
public enum Role: String, CaseIterable, Sendable {
  case text
  case dim
  case title
  case tab
  case tabActive
  case columnHeader
  case columnSorted
  case selection
  case bandOutstanding
  case bandAdvanced
  case bandMakingProgress
  case bandNeedsImprovement
  case bandUnknown
  case barSolid
  case barLight
  case barEmpty
  case unknown
  case movementUp
  case movementDown
  case heading
  case label
  case source
  case match
  case statusBar
  case statusKey
  case filter
  case warning
  case error
  case overlay
  case overlayKey
  case changed
  case banner
  case marked
  /// A blanked presentation screen: black (or the terminal's own colours without colour)
  /// whatever the theme, so no theme can light a projector up. Not set by theme files.
  case blackout

  /// The roles a theme file gives a style (all but `blackout`).
  public static let themable = allCases.filter { $0 != .blackout }

  /// One letter for golden screens.
  public var letter: Character {
    switch self {
    case .text: "."
    case .dim: "d"
    case .title: "T"
    case .tab: "b"
    case .tabActive: "B"
    case .columnHeader: "h"
    case .columnSorted: "H"
    case .selection: "S"
    case .bandOutstanding: "O"
    case .bandAdvanced: "A"
    case .bandMakingProgress: "M"
    case .bandNeedsImprovement: "N"
    case .bandUnknown: "U"
    case .barSolid: "#"
    case .barLight: "+"
    case .barEmpty: "_"
    case .unknown: "?"
    case .movementUp: "^"
    case .movementDown: "v"
    case .heading: "g"
    case .label: "l"
    case .source: "s"
    case .match: "m"
    case .statusBar: "t"
    case .statusKey: "k"
    case .filter: "f"
    case .warning: "W"
    case .error: "E"
    case .overlay: "o"
    case .overlayKey: "K"
    case .changed: "C"
    case .banner: "X"
    case .marked: "*"
    case .blackout: " "
    }
  }
}
