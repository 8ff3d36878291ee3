/// A terminal colour: the terminal's default, one of the 16 ANSI colours, or a 256-colour index.
public enum Color: Equatable, Hashable, Sendable {
  case `default`
  case ansi(Int)  // 0-15: black, red, green, yellow, blue, magenta, cyan, white, then bright
  case index(Int)  // 0-255
  case rgb(UInt8, UInt8, UInt8)

  /// The sixteen ANSI colours, by their usual names.
  public static let black = Color.ansi(0), red = Color.ansi(1), green = Color.ansi(2)
  /// More of the ANSI colours.
  public static let yellow = Color.ansi(3), blue = Color.ansi(4), magenta = Color.ansi(5)
  /// More of the ANSI colours.
  public static let cyan = Color.ansi(6), white = Color.ansi(7), brightBlack = Color.ansi(8)
  /// The bright ANSI colours.
  public static let brightGreen = Color.ansi(10), brightYellow = Color.ansi(11)
  /// More of the bright ANSI colours.
  public static let brightBlue = Color.ansi(12), brightCyan = Color.ansi(14)
  /// Bright white.
  public static let brightWhite = Color.ansi(15)
}

/// How a role looks: colours and attributes.
public struct Style: Equatable, Hashable, Sendable {
  /// Foreground colour.
  public var fg: Color
  /// Background colour.
  public var bg: Color
  /// Bold text.
  public var bold: Bool
  /// Dim text.
  public var dim: Bool
  /// Foreground and background swapped.
  public var reverse: Bool
  /// Underlined text.
  public var underline: Bool

  /// A style from its colours and attributes.
  public init(
    fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
    reverse: Bool = false, underline: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.dim = dim
    self.reverse = reverse
    self.underline = underline
  }

  /// The style without colours (for terminals that have none).
  /// The colour an area of this style is painted in (a map's fill): its background, or its
  /// foreground when it has none.
  public var fill: Color { bg != .default ? bg : fg }

  /// The style without colour: its attributes only.
  public var monochrome: Style {
    Style(bold: bold, dim: dim, reverse: reverse, underline: underline)
  }
}

/// A mapping of every role to a style.
public struct Theme: Equatable, Sendable {
  /// The theme's name, as `t`, `:theme` and `--theme` use it.
  public var name: String
  var styles: [Role: Style]
  /// Roles whose colours this terminal cannot show readably, drawn in its own colours instead
  /// (`adapted(to:background:)`).
  public internal(set) var fallbacks: Set<Role> = []
  /// The theme to use instead on a light or a dark background, by name (a theme file's `light`
  /// and `dark` keys): the default's light variant is `light`.
  public var variants: [Background: String] = [:]

  /// A theme from a style for each role (missing roles fall back to text), and the themes to
  /// use instead on a light or a dark background.
  public init(name: String, styles: [Role: Style], variants: [Background: String] = [:]) {
    self.name = name
    self.styles = styles
    self.variants = variants
  }

  /// The style of a role (plain text when the theme leaves it out).
  public func style(_ role: Role) -> Style {
    if role == .blackout { return isMonochrome ? Style() : Style(fg: .ansi(0), bg: .ansi(0)) }
    return styles[role] ?? Style()
  }

  /// Whether the theme uses no colour at all (mono): its blackout is the terminal's own colours.
  /// How a cell looks: its role's style, or for a half-block cell the fill colours of its two
  /// roles (`Cell.lower`).
  public func style(_ cell: Cell) -> Style {
    guard let lower = cell.lower else { return style(cell.role) }
    return Style(fg: area(cell.role), bg: area(lower))
  }

  /// The colour an area of a role is painted in; `.text` is the screen's own background.
  func area(_ role: Role) -> Color { role == .text ? style(.text).bg : style(role).fill }

  /// Whether the theme uses no colour (the map then shades by density).
  public var isMonochrome: Bool {
    styles.values.allSatisfy { $0.fg == .default && $0.bg == .default }
  }

  /// Whether the theme gives every role a style.
  public var coversEveryRole: Bool { Role.themable.allSatisfy { styles[$0] != nil } }

  /// The compiled-in dark theme. Bands differ by letter as well as colour.
  public static let `default` = Theme(
    name: "default",
    styles: [
      .text: Style(), .dim: Style(fg: .index(248)), .title: Style(fg: .brightCyan, bold: true),
      .tab: Style(fg: .white), .tabActive: Style(fg: .black, bg: .cyan, bold: true),
      .columnHeader: Style(fg: .cyan, bold: true),
      .columnSorted: Style(fg: .brightYellow, bold: true, underline: true),
      .selection: Style(fg: .black, bg: .brightCyan),
      .bandOutstanding: Style(fg: .index(35), bold: true),
      .bandAdvanced: Style(fg: .index(159), bold: true),
      .bandMakingProgress: Style(fg: .brightYellow),
      .bandNeedsImprovement: Style(fg: .ansi(13), bold: true),
      .bandUnknown: Style(fg: .index(248)), .barSolid: Style(fg: .brightCyan),
      .barLight: Style(fg: .cyan), .barEmpty: Style(fg: .index(248)),
      .unknown: Style(fg: .index(248), bold: false),
      .movementUp: Style(fg: .brightGreen), .movementDown: Style(fg: .ansi(13)),
      .heading: Style(fg: .brightCyan, bold: true), .label: Style(fg: .cyan),
      .source: Style(fg: .index(248)),
      .match: Style(fg: .black, bg: .yellow), .statusBar: Style(fg: .white, bg: .blue),
      .statusKey: Style(fg: .brightYellow, bg: .blue, bold: true),
      .filter: Style(fg: .black, bg: .yellow, bold: true),
      .warning: Style(fg: .black, bg: .yellow),
      .error: Style(fg: .brightWhite, bg: .ansi(1), bold: true),
      .overlay: Style(fg: .white, bg: .ansi(0)),
      .overlayKey: Style(fg: .brightYellow, bg: .ansi(0), bold: true),
      .changed: Style(fg: .brightYellow, bold: true),
      .banner: Style(fg: .brightWhite, bg: .ansi(1), bold: true),
      .marked: Style(fg: .ansi(13), bold: true),
      // Viridis at 0.15, 0.35, 0.5, 0.75 and 1.0, each moved by at most CIEDE2000 8 so that
      // any two steps stay 15 apart under deuteranopia, protanopia and tritanopia (17.6; plain
      // viridis: 9.3); luminance still rises step by step, dark to bright on a dark screen.
      .mapScale1: Style(bg: .rgb(0x4A, 0x20, 0x92)), .mapScale2: Style(bg: .rgb(0x45, 0x68, 0x76)),
      .mapScale3: Style(bg: .rgb(0x40, 0x9B, 0x86)), .mapScale4: Style(bg: .rgb(0x96, 0xD3, 0x8C)),
      .mapScale5: Style(bg: .rgb(0xFF, 0xFF, 0x00)),
      .mapOutstanding: Style(bg: .index(35)), .mapAdvanced: Style(bg: .index(159)),
      .mapMakingProgress: Style(bg: .brightYellow), .mapNeedsImprovement: Style(bg: .ansi(13)),
      .mapUnknown: Style(fg: .rgb(0x9E, 0x9E, 0x9E), bg: .rgb(0x44, 0x44, 0x44)),
      .mapBorder: Style(bg: .black), .mapSelected: Style(fg: .black, bg: .brightWhite),
      .mapFaded: Style(bg: .rgb(0x26, 0x26, 0x26)),
      .mapBorderAlt: Style(bg: .rgb(0xA8, 0xA8, 0xA8)),
    ], variants: [.light: "light"])

  /// Attributes only: readable on a monochrome console.
  public static let mono = Theme(
    name: "mono",
    styles: [
      .text: Style(), .dim: Style(dim: true), .title: Style(bold: true), .tab: Style(),
      .tabActive: Style(bold: true, reverse: true), .columnHeader: Style(bold: true),
      .columnSorted: Style(bold: true, underline: true), .selection: Style(reverse: true),
      .bandOutstanding: Style(bold: true), .bandAdvanced: Style(bold: true),
      .bandMakingProgress: Style(),
      .bandNeedsImprovement: Style(underline: true), .bandUnknown: Style(dim: true),
      .barSolid: Style(),
      .barLight: Style(dim: true), .barEmpty: Style(dim: true), .unknown: Style(dim: true),
      .movementUp: Style(bold: true), .movementDown: Style(underline: true),
      .heading: Style(bold: true),
      .label: Style(bold: true), .source: Style(dim: true),
      .match: Style(reverse: true, underline: true),
      .statusBar: Style(reverse: true), .statusKey: Style(bold: true, reverse: true),
      .filter: Style(bold: true, reverse: true), .warning: Style(bold: true, reverse: true),
      .error: Style(bold: true, reverse: true), .overlay: Style(), .overlayKey: Style(bold: true),
      .changed: Style(bold: true, underline: true), .banner: Style(bold: true, reverse: true),
      .marked: Style(bold: true),
      .mapScale1: Style(), .mapScale2: Style(), .mapScale3: Style(), .mapScale4: Style(),
      .mapScale5: Style(),
      .mapOutstanding: Style(), .mapAdvanced: Style(), .mapMakingProgress: Style(),
      .mapNeedsImprovement: Style(),
      .mapUnknown: Style(dim: true), .mapBorder: Style(), .mapSelected: Style(reverse: true),
      .mapFaded: Style(dim: true), .mapBorderAlt: Style(),
    ])
}
