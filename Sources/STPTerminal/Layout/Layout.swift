import STPReport

/// Where everything goes on a screen of a given size: pure functions of the state.
public enum Layout {
  /// Below this the screen says so instead of drawing panes.
  public static let minimum = Size(width: 44, height: 10)

  /// The bands of the screen.
  public struct Regions: Equatable, Sendable {
    /// The national figures line.
    public var header: Rect
    /// The pane tabs.
    public var tabs: Rect
    /// Empty unless the last reload failed.
    public var banner: Rect
    /// The focused pane.
    public var pane: Rect
    /// The status bar.
    public var status: Rect
  }

  /// Header (national figures), tabs, the banner of a failed reload, the pane, the status bar.
  public static func regions(_ size: Size, bannerLines: Int = 0) -> Regions {
    let parts = Rect(size).split(
      .vertical, [.length(1), .length(1), .length(bannerLines), .fill(1), .length(1)])
    return Regions(
      header: parts[0], tabs: parts[1], banner: parts[2], pane: parts[3], status: parts[4])
  }

  /// The regions for a state: a two-line banner while the last reload has failed (one line on a
  /// short screen).
  public static func regions(_ state: AppState) -> Regions {
    let banner = state.data.loadErrors.isEmpty ? 0 : (state.size.height >= 16 ? 2 : 1)
    return regions(state.size, bannerLines: banner)
  }

  /// Whether the screen is big enough for the panes.
  public static func fits(_ size: Size) -> Bool {
    size.width >= minimum.width && size.height >= minimum.height
  }

  /// The rows of a list pane: below its summary strip and column headings.
  static func body(_ state: AppState) -> Rect {
    let p = regions(state).pane
    return Rect(x: p.x, y: p.y + 2, width: p.width, height: p.height - 2)
  }

  /// How many rows (list) or lines (detail) a pane shows at once.
  static func bodyRows(_ state: AppState, pane: PaneID? = nil) -> Int {
    let p = regions(state).pane
    return state.isList(pane ?? state.pane) ? max(0, p.height - 2) : max(0, p.height)
  }

  /// The tab labels and the columns each takes on the tab row: full titles when they fit, then
  /// shorter ones, then three letters, then the focused pane named and the others by number (so
  /// a tab is never cut).
  static func tabs(_ state: AppState) -> [(pane: PaneID, label: String, x: Int)] {
    let panes = state.panes.panes
    let styles: [(Int, any Pane) -> String] = [
      { " \($0 + 1) \($1.tabTitle(state)) " },
      { " \($0 + 1) \($1.title) " },
      { " \($0 + 1) \($1.shortTitle) " },
      { "\($0 + 1) \($1.shortTitle)" },
      { "\($0 + 1) \($1.title.prefix(3))" },
      { i, p in p.id == state.pane ? "\(i + 1) \(p.shortTitle)" : "\(i + 1)" },
      { i, _ in "\(i + 1)" },
    ]
    let width = state.size.width - 1
    for (k, style) in styles.enumerated() {
      let labels = panes.enumerated().map { style($0.offset, $0.element) }
      let total = labels.reduce(0) { $0 + DisplayWidth.of($1) + 1 }
      if total <= width || k == styles.count - 1 {
        var x = 1
        return zip(panes.map(\.id), labels).map { p, label in
          defer { x += DisplayWidth.of(label) + 1 }
          return (p, label, x)
        }
      }
    }
    return []
  }

  /// The pane whose tab is at column `x`.
  static func tab(at x: Int, _ state: AppState) -> PaneID? {
    tabs(state).first { x >= $0.x && x < $0.x + DisplayWidth.of($0.label) }?.pane
  }
}
