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
  /// The map's areas, painted in their style's fill colour (`Style.fill`): the five steps of a
  /// sequential scale, low to high; the four bands; unknown (hatched, never a step of the
  /// scale); the line between two areas of one colour, and its alternative where that line
  /// is too close to the areas' colour (`Theme.alternateBorderRoles`); the selected footprint;
  /// footprints outside the filter. Optional in theme files (`Role.optionalInThemes`).
  case mapScale1, mapScale2, mapScale3, mapScale4, mapScale5
  case mapOutstanding, mapAdvanced, mapMakingProgress, mapNeedsImprovement
  case mapUnknown, mapBorder, mapSelected, mapFaded, mapBorderAlt
  /// A blanked presentation screen: black (or the terminal's own colours without colour)
  /// whatever the theme, so no theme can light a projector up. Not set by theme files.
  case blackout

  /// The roles a theme file gives a style (all but `blackout`).
  public static let themable = allCases.filter { $0 != .blackout }

  /// The map's roles: a theme file written before the map may leave them out, and gets the
  /// default theme's (or mono's, when the file has no colours).
  public static let optionalInThemes: [Role] = [
    .mapScale1, .mapScale2, .mapScale3, .mapScale4, .mapScale5, .mapOutstanding, .mapAdvanced,
    .mapMakingProgress, .mapNeedsImprovement, .mapUnknown, .mapBorder, .mapSelected, .mapFaded,
    .mapBorderAlt,
  ]

  /// The map's band fills, Outstanding first.
  public static let mapBands: [Role] = [
    .mapOutstanding, .mapAdvanced, .mapMakingProgress, .mapNeedsImprovement,
  ]

  /// The scale's steps, low to high.
  public static let mapScale: [Role] = [.mapScale1, .mapScale2, .mapScale3, .mapScale4, .mapScale5]

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
    case .mapScale1: "1"
    case .mapScale2: "2"
    case .mapScale3: "3"
    case .mapScale4: "4"
    case .mapScale5: "5"
    case .mapOutstanding: "P"
    case .mapAdvanced: "Q"
    case .mapMakingProgress: "R"
    case .mapNeedsImprovement: "Z"
    case .mapUnknown: "x"
    case .mapBorder: "|"
    case .mapBorderAlt: "="
    case .mapSelected: "@"
    case .mapFaded: "~"
    case .blackout: " "
    }
  }
}
