/// The themes `t` cycles through, as this terminal shows them. Each is adapted to the terminal
/// (`Theme.adapted`) and its map traits measured (`mapNeedsShading`, `alternateBorderRoles`)
/// when it is first shown, not all of them at start: measuring the six shipped themes took
/// about 2 ms of the first frame's 11 (issue 26, DECISIONS.md 2026-12-03), and most sessions
/// never leave the first.
public final class ThemeSet {
  /// The themes' names, in cycling order.
  public let names: [String]
  /// Theme `index` as written (parsed when first asked for: `ThemeCatalog`).
  private let written: (Int) -> Theme
  /// The terminal's colours and background, when the themes are adapted to them; nil when they
  /// are used as given (tests, whose states say which themes shade the map).
  private let terminal: (depth: ColorDepth, background: Background?)?
  private var shown: [Int: Theme] = [:]

  /// Themes used as given: the state's `shadedThemes` and `alternateBorders` stay as set.
  public init(_ themes: [Theme]) {
    names = themes.map(\.name)
    written = { themes[$0] }
    terminal = nil
  }

  /// Themes adapted to a terminal of `depth` on `background` (nil: unknown) as they are shown.
  public convenience init(written: [Theme], depth: ColorDepth, background: Background?) {
    self.init(
      names: written.map(\.name), written: { written[$0] }, depth: depth, background: background)
  }

  /// `names.count` themes, each written as `written` gives it when first shown.
  public init(
    names: [String], written: @escaping (Int) -> Theme, depth: ColorDepth, background: Background?
  ) {
    self.names = names
    self.written = written
    terminal = (depth, background)
  }

  /// Theme `index` as shown (the default theme for an index out of range).
  public func theme(_ index: Int) -> Theme {
    guard names.indices.contains(index) else { return .default }
    if let done = shown[index] { return done }
    let given = written(index)
    let theme = terminal.map { given.adapted(to: $0.depth, background: $0.background) } ?? given
    shown[index] = theme
    return theme
  }

  /// Puts theme `index`'s map traits (whether the map shades, which fills take the alternative
  /// border) into `session`, the first time the theme is shown.
  public func measure(_ index: Int, into session: inout SessionState) {
    guard let (depth, _) = terminal, names.indices.contains(index) else { return }
    let name = names[index]
    guard session.alternateBorders[name] == nil else { return }
    let theme = theme(index)
    if theme.isMonochrome || theme.mapNeedsShading(depth: depth) {
      session.shadedThemes.insert(name)
    } else {
      session.shadedThemes.remove(name)
    }
    session.alternateBorders[name] = theme.alternateBorderRoles(depth: depth)
  }
}
