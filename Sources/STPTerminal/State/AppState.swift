import STPModel
import STPReport

/// How a list pane is sorted: by one of its columns or by its rank order (nil).
public struct SortState: Equatable, Sendable {
  /// The sorted column, by index; nil for rank order.
  public var column: Int?
  /// Largest (or last) first.
  public var isDescending: Bool
  /// A sort by a column (nil: rank order).
  public init(column: Int? = nil, isDescending: Bool = false) {
    self.column = column
    self.isDescending = isDescending
  }
}

/// The detail pane's subject, built once when it is opened (not at every frame).
public struct DetailState: Sendable {
  /// The STP's code.
  public var code: String
  /// Everything about it, each value with its source.
  public var report: ShowReport
  /// Lines scrolled past.
  public var scroll = 0
  /// The report laid out for `width` columns, kept so a frame costs the same however long the
  /// report is (an STP with thousands of partners).
  var lines: [DetailView.Line] = []
  var width = -1

  /// Detail on one STP, scrolled to a line.
  public init(code: String, report: ShowReport, scroll: Int = 0) {
    self.code = code
    self.report = report
    self.scroll = scroll
  }
}

/// The data on screen and how it got there: owned by loading and reloading.
public struct DataState: Sendable {
  /// The data on screen: the last load that was valid.
  public var dataset: Dataset
  /// What is derived from it: bands, funding, breadth, positions.
  public var metrics: Metrics
  /// Warnings of the last load.
  public var warnings: [ValidationIssue]
  /// When the data was loaded, as the status bar shows it (injected: render reads no clock).
  public var loadedAt: String
  /// Where the data comes from, when it is a directory that can be reloaded.
  public var directory: String?
  /// Whether the directory is watched for changes.
  public var isWatching = false
  /// Errors of the last reload that failed; the data on screen is the last good one. Empty when
  /// the data shown is current.
  public var loadErrors: [ValidationIssue] = []
  /// When the last reload was tried, if it failed.
  public var failedAt: String?
  /// STPs whose shown values changed in the last reload, marked for a few seconds.
  public var changedCodes: Set<String> = []
  /// Seconds a background reload has been running, while one is (the status bar says so after
  /// 0.2 s; the screen keeps the last good data and answers keys meanwhile).
  public var reloading: Double?
  /// Each footprint's name as tables and titles show it: bounded, so one enormous name cannot
  /// make every frame slow (set on each load).
  public var names: [String] = []

  /// The footprint's name for display.
  public func name(_ f: Int) -> String {
    names.indices.contains(f) ? names[f] : dataset.footprints[f].name
  }

  /// What a shared view says it was drawn from: the directory (or "embedded") and a hash of
  /// every footprint's code, name and figure by every measure, so two sessions showing the same
  /// numbers agree wherever their files are (`present --share`, `follow`).
  public var identity: String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    func mix(_ s: String) {
      for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
      }
      h ^= 0x1f
      h = h &* 0x100_0000_01b3
    }
    for f in dataset.footprints.indices {
      mix(dataset.footprints[f].code)
      mix(dataset.footprints[f].name)
      for m in Measure.allCases { mix(FigureText.text(metrics.figure(m, footprint: f))) }
    }
    let hex = String(h, radix: 16)
    return (directory ?? "embedded") + " #" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Derives the display names of the dataset.
  mutating func refreshNames() { names = dataset.footprints.map { $0.name.bounded(300) } }
}

/// How this session looks and what it has marked: owned by the session's keys (`t`, `*`, `p`).
public struct SessionState: Sendable {
  /// Unicode or ASCII.
  public var glyphs: Glyphs
  /// Whether clicks and the wheel are read (`--mouse`).
  public var isMouseEnabled: Bool
  /// The themes `t` cycles through, by name, and the one in use.
  public var themeNames: [String]
  /// The theme in use, in `themeNames`.
  public var themeIndex = 0
  /// How many colours the terminal shows, for help ("256 colours", "no colour").
  public var colorDescription: String
  /// Spotlighted STPs (`*`), by code, in the order they were marked.
  public var spotlight: [String] = []
  /// STPs to compare side by side (`c`), by code, at most `CompareReport.limit`.
  public var compare: [String] = []
  /// The `:` commands run this session, oldest first, for Up and Down on the command line.
  public var commandHistory: [String] = []
  /// What the league ranks by and the map colours by (`m`, `:by`): one choice for the panes
  /// that show a measure.
  public var measure: Measure = .band
  /// Presentation mode, when on.
  public var presentation: PresentationState?
  /// Linear mode (`--linear`, TERM=dumb): the screen is drawn as lines to read in order.
  public var isLinear = false
  /// Seconds per slide when presenting (`--cycle`).
  public var cycleSeconds = 20
  /// Sharing this view with followers (`present --share`, `P`).
  public var sharing: SharingState?
  /// Following a presenter (`stp-dash follow`).
  public var following: FollowingState?

  /// The name of the theme in use.
  public var themeName: String {
    themeNames.indices.contains(themeIndex) ? themeNames[themeIndex] : "default"
  }
  /// Themes without colour (mono, NO_COLOR): the map shows values as shading density.
  public var shadedThemes: Set<String> = ["mono"]
  /// Per theme, the map fills whose border is the theme's `mapBorderAlt` at the terminal's
  /// colour depth (`Theme.alternateBorderRoles`); none for a theme not listed.
  public var alternateBorders: [String: Set<Role>] = [:]
  /// Whether the theme in use has no colour.
  public var isShaded: Bool { shadedThemes.contains(themeName) }
}

/// One table pane's view: where it is scrolled and how it is sorted. Owned by the table.
public struct TableState: Equatable, Sendable {
  /// First visible row.
  public var top = 0
  /// How it is sorted.
  public var sort = SortState()
  /// Columns scrolled past on the left (the position and name columns stay).
  public var columnOffset = 0
  /// Columns hidden with `-` or `:columns hide`, by title.
  public var hidden: Set<String> = []
  /// Columns widened with `_`, by title: kept at their full width.
  public var widened: Set<String> = []
  /// At the top, in rank order, every column fitted.
  public init() {}
}

/// Everything the screen shows. `Screen.render` is a pure function of it; `reduce` changes it.
/// It holds only what panes share, each part with one owner: `data` (loading), `session`
/// (theme, spotlight, compare set, measure, presentation), the selection, the focus and the way
/// back, the filter, the command line and help. What one pane alone uses (a table's scroll and
/// sort, Detail's subject and find, Compare's cursor, the chart shown) is that pane's state, in
/// `paneStates`, read as `s[DetailPane.self]`.
public struct AppState: Sendable {
  /// The data and how it got there.
  public var data: DataState
  /// How this session looks and what it has marked.
  public var session: SessionState
  /// The terminal's size.
  public var size: Size
  /// The focused pane.
  public var pane: PaneID = .league
  /// The selected STP, kept by code so it survives filtering, sorting and pane changes: one
  /// selection for every table, so switching panes keeps the STP in view.
  public var selectedCode: String?
  /// Each stateful pane's own state.
  public var paneStates = PaneStates()
  /// The text `/` edits in the focused pane: the lists' (and the map's) filter, or a pane's own
  /// find (Detail's), so that finding in Detail neither starts from nor wipes the list's filter.
  public var filter: String {
    get { focused.findText(self) }
    set { focused.setFindText(&self, newValue) }
  }
  /// The panes come from, most recent last: `q` and Esc go back along it, and `q` quits only
  /// when it is empty (at the top).
  public var history: [PaneID] = []
  /// Drawing a slide for `E` (SVG and HTML): no selection cursor, no scroll or column marks, no
  /// key hints in the status bar; what the figures rest on and where the data came from stay.
  public var isCleanSlide = false
  /// The filter the lists and the map share.
  public var listFilter = ""
  /// Whether `/` is being typed.
  public var isEditingFilter = false
  /// The command line, while it is open (`:`).
  public var command: CommandLineState?
  /// Whether help is over the screen.
  public var isHelpVisible = false
  /// Lines of help scrolled past.
  public var helpScroll = 0
  /// Set when the dashboard should quit.
  public var isFinished = false
  /// A one-off note for the status bar ("no match", …); cleared by the next key.
  public var message: String?
  /// The panes, in tab order.
  public let panes: PaneRegistry
  /// Each pane's view cache for the current data (`Pane.prepare`), rebuilt on every load; made
  /// when first asked for (the first frame waits only for its own pane's), or all at once by a
  /// reload's thread (`PreparedViews`) and after the dashboard's first frame (`prepareAll`).
  var caches: [PaneID: Once<(any Sendable)?>] = [:]

  /// The data on screen.
  public var dataset: Dataset { data.dataset }
  /// What is derived from the data on screen.
  public var metrics: Metrics { data.metrics }
  /// Unicode or ASCII.
  public var glyphs: Glyphs { session.glyphs }
  /// What the league ranks by and the map colours by.
  public var measure: Measure {
    get { session.measure }
    set { session.measure = newValue }
  }

  /// A stateful pane's own state.
  public subscript<P: StatefulPane>(_ pane: P.Type) -> P.State {
    get { paneStates[pane] }
    _modify { yield &paneStates[pane] }
    set { paneStates[pane] = newValue }
  }

  /// A table pane's view state.
  public func table(_ id: PaneID) -> TableState { tablePane(id)?.view(self) ?? TableState() }

  /// Changes a table pane's view state.
  mutating func updateTable(_ id: PaneID, _ change: (inout TableState) -> Void) {
    tablePane(id)?.update(&self, change)
  }

  /// The state at start: the data, the terminal and the session's choices; the League focused on its first row.
  public init(
    dataset: Dataset, metrics: Metrics? = nil, warnings: [ValidationIssue] = [], loadedAt: String,
    size: Size, glyphs: Glyphs = .unicode, isMouseEnabled: Bool = false,
    themeNames: [String] = ["default"], colorDescription: String = "", dataDirectory: String? = nil,
    isWatching: Bool = false, panes: PaneRegistry = .standard
  ) {
    self.panes = panes
    data = DataState(
      dataset: dataset, metrics: metrics ?? Metrics(dataset), warnings: warnings,
      loadedAt: loadedAt, directory: dataDirectory, isWatching: isWatching)
    session = SessionState(
      glyphs: glyphs, isMouseEnabled: isMouseEnabled, themeNames: themeNames,
      colorDescription: colorDescription)
    self.size = size
    data.refreshNames()
    refreshCaches()
    selectedCode = rows(for: .league).first.map { dataset.footprints[$0].code }
  }

  /// Rebuilds the panes' view caches: after a load, or a change of glyphs.
  public mutating func refreshCaches() {
    caches = [:]
    let snapshot = self
    for p in panes.panes { caches[p.id] = Once { p.prepare(snapshot) } }
  }

  /// Makes every pane's view cache now, on the calling thread, and the metrics made on first
  /// use (the councils each partnership names: 0.2-0.3 s for a million partner rows).
  public func prepareAll() {
    // The councils first: a Detail opened meanwhile finds them being matched and says so,
    // rather than matching them itself while the other panes' views are made.
    _ = metrics.councils
    for c in caches.values { _ = c.value }
  }

  /// `prepareAll` on a thread of its own (after the first frame: the Partnerships pane's dates
  /// took 2.5 ms of a 25 ms start); a pane shown meanwhile waits only for what it needs.
  public func prepareAllInBackground() {
    let snapshot = self
    let job: @Sendable () -> Void = { snapshot.prepareAll() }
    // In the dashboard the loop is woken when it is done (a Detail opened meanwhile shows the
    // councils then).
    if !MapWork.shared.run(job, isLayout: false) && !BackgroundJob.detach(job) { job() }
  }

  /// A pane's view cache, if it has one of that type.
  func cache<T>(for id: PaneID, as type: T.Type) -> T? { caches[id]?.value as? T }

  /// The focused pane.
  public var focused: any Pane { panes[pane] ?? panes.panes[0] }

  /// The pane with this id, if it is a table.
  func tablePane(_ id: PaneID) -> (any TablePane)? { panes[id] as? any TablePane }

  /// The rows of the focused table, or of the first table when the focused pane is not one
  /// (where a selection is chosen from when the selected STP goes away).
  var listRows: [Int] {
    let id = tablePane(pane)?.id ?? panes.panes.first { $0 is any TablePane }?.id
    return id.map { rows(for: $0) } ?? []
  }

  // MARK: - Derived

  /// Whether a footprint matches the filter (name, other names, code or region; any case).
  public func matches(_ f: Int) -> Bool { filterQuery.matches(f, dataset, metrics) }

  /// The filter, parsed.
  public var filterQuery: FilterQuery { FilterQuery(listFilter) }

  /// The footprints a list pane shows, filtered and sorted, as indices into the dataset.
  public func rows(for pane: PaneID) -> [Int] {
    guard let list = tablePane(pane) else { return [] }
    let query = filterQuery
    let ranked = metrics.league(by: list.rankMeasure(self)).map(\.footprint)
      .filter { query.isEmpty || query.matches($0, dataset, metrics) }
    let s = table(list.id).sort
    guard let c = s.column else { return s.isDescending ? ranked.reversed() : ranked }
    let columns = list.columns(self)
    guard c < columns.count, let key = columns[c].sortKey else { return ranked }
    let keys = Dictionary(uniqueKeysWithValues: ranked.map { ($0, key($0)) })
    let order = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })
    return ranked.sorted { a, b in
      switch (keys[a] ?? nil, keys[b] ?? nil) {
      case (let x?, let y?) where x != y: return s.isDescending ? y < x : x < y
      case (.some, nil): return true  // unknowns last in either direction
      case (nil, .some): return false
      default: return order[a, default: 0] < order[b, default: 0]
      }
    }
  }

  /// The measure that orders a pane by default.
  public func rankMeasure(_ pane: PaneID) -> Measure {
    tablePane(pane)?.rankMeasure(self) ?? measure
  }

  /// Whether a pane lists STPs.
  public func isList(_ pane: PaneID) -> Bool { panes[pane]?.isList ?? false }

  /// What the filter matches in the focused pane: rows of a list, STPs on the map, lines of
  /// Detail.
  public var matchCount: Int { focused.matchCount(self) }

  /// Whether a pane is one to come back to (a list or the map; not Detail).
  public func isTopLevel(_ pane: PaneID) -> Bool { panes[pane]?.isTopLevel ?? false }

  /// Index of the selected STP within `rows`, if shown.
  public func selectedIndex(in rows: [Int]) -> Int? {
    guard let code = selectedCode, let f = dataset.index(ofCode: code) else { return nil }
    return rows.firstIndex(of: f)
  }

  /// What the keyboard is doing: the first that applies.
  public enum Mode: Equatable, Sendable { case presenting, help, command, filter, normal }

  /// The mode the keys are read in now.
  public var mode: Mode {
    if session.presentation != nil { return .presenting }
    if isHelpVisible { return .help }
    if command != nil { return .command }
    if isEditingFilter { return .filter }
    return .normal
  }

  /// The key maps that apply now, tried in order: a mode's own map, or the focused pane's keys,
  /// the table keys (in a table pane) and the global ones.
  public var keyMaps: [KeyMap] {
    switch mode {
    case .presenting: [.presentation]
    case .help: [.help]
    case .command: [.commandInput]
    case .filter: [.filterInput]
    case .normal: focused.keyMaps + [KeyMap.global(panes)]
    }
  }

  /// Turns an event into an action through the key maps of the mode.
  public func action(for event: Event) -> Action? {
    switch event {
    case .resize(let s): return .resize(s)
    case .tick: return nil
    case .mouse(let m):
      guard session.isMouseEnabled, mode == .normal else { return nil }
      switch m.kind {
      case .press: return .click(m.point)
      case .wheelUp: return .scroll(by: -3)
      case .wheelDown: return .scroll(by: 3)
      }
    case .key(let key):
      // A blank screen wakes on any key, and that key does nothing else (Ctrl-C still quits).
      if session.presentation?.isBlank == true && key != .ctrl("c") { return .toggleBlank }
      for map in keyMaps { if let a = map.action(for: key) { return a } }
      return mode == .normal ? .unbound(key) : nil
    }
  }
}

/// A cursor on a grid of rows and columns, with the first row in view.
public struct GridCursor: Equatable, Sendable {
  /// The row (in Compare: the measure).
  public var row = 0
  /// The column (in Compare: the STP).
  public var column = 0
  /// The first row in view.
  public var top = 0
  /// At the top left.
  public init() {}
}

/// The charts pane's choices.
public struct ChartState: Equatable, Sendable {
  /// The chart shown.
  public var view = ChartView.ranges
  /// Index among the national waves.
  public var wave = 0
  /// The scatter's measure across.
  public var x: Measure = .breadth
  /// The scatter's measure up.
  public var y: Measure = .perHead
  /// The timeline in lanes per region rather than per STP.
  public var byRegion = false
  /// The ranges chart of the first wave, breadth against per head.
  public init() {}
}

/// The charts the charts pane draws, in the order `v` goes through them.
public enum ChartView: Int, CaseIterable, Sendable {
  case ranges, scatter, timeline, designations
  /// The chart's name, as its tab and message say it.
  public var name: String {
    ["Funding ranges", "Scatter", "Timeline", "Bands and designations"][rawValue]
  }
}
