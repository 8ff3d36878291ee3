import STPModel
import STPReport

/// A pane's identity: its name in `:pane NAME`, exports and tests.
public struct PaneID: Hashable, Sendable, CustomStringConvertible {
  /// The name, as `:pane` and exports use it.
  public let name: String
  /// A pane id from its name.
  public init(_ name: String) { self.name = name }
  /// The name.
  public var description: String { name }

  /// The league table.
  public static let league = PaneID("league")
  /// Partnerships: breadth beyond the NHS.
  public static let partners = PaneID("partners")
  /// Capital funding per footprint.
  public static let funding = PaneID("funding")
  /// One STP in full.
  public static let detail = PaneID("detail")
  /// The map.
  public static let map = PaneID("map")
  /// STPs side by side.
  public static let compare = PaneID("compare")
  /// The regions added up.
  public static let regions = PaneID("regions")
  /// Ranges, scatter and timeline.
  public static let charts = PaneID("charts")
}

/// One pane of the dashboard: what it is called, its keys, how it draws, what it adds to the
/// status bar, slides and exports. Adding a pane is one new file with a type that conforms, and
/// one line in `PaneRegistry.standard`; tabs, the number keys, help, `:pane` and the slides come
/// from the registry.
public protocol Pane: Sendable {
  var id: PaneID { get }
  /// Tab title: "Partnerships".
  var title: String { get }
  /// A shorter title for narrow tab rows: "Partners".
  var shortTitle: String { get }
  /// The tab's title when there is room for more ("Detail: Dorset").
  func tabTitle(_ s: AppState) -> String
  /// The pane's own keys, tried before the global ones; help and hints come from them.
  var keyMap: KeyMap { get }
  /// The key maps the pane answers to, in order: its own, then any it shares (the table's).
  var keyMaps: [KeyMap] { get }
  /// Whether the pane lists STPs (selection, filter, sort, horizontal scroll).
  var isList: Bool { get }
  /// Whether the pane is a place to come back to (Detail returns to it; `q` there quits): the
  /// lists and the map, not Detail.
  var isTopLevel: Bool { get }
  /// Draws the pane inside `area` (which may be empty).
  func render(_ s: AppState, in area: Rect, on canvas: inout Canvas)
  /// What the status bar says the pane's figures rest on: "funding known 10/44".
  func coverage(_ s: AppState) -> String
  /// Applies an action that only this pane understands; nil when it is not one of them.
  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]?
  /// The view cache the pane keeps per load (texts formatted once); nil for none.
  func prepare(_ s: AppState) -> (any Sendable)?
  /// The presentation slide's title and headline figures; nil for no slide.
  func headline(_ s: AppState) -> Headline?
  /// The pane's slides, when it has more than one (the map: by band, then by the measure).
  func slideHeadlines(_ s: AppState) -> [Headline]
  /// Draws the body of slide `i` of `slideHeadlines`.
  func renderSlide(_ s: AppState, _ i: Int, in area: Rect, on canvas: inout Canvas)
  /// What `e` writes for the pane as shown; nil when there is nothing to export.
  func exportView(_ s: AppState) -> ExportView?
  /// Whether the pane shows the chosen measure (the league ranks by it, the map colours by it):
  /// `:by` typed there acts on it rather than going to the league.
  var showsMeasure: Bool { get }
  /// Lines the help adds for the pane (what its glyphs mean, where its data comes from), as
  /// (label, text); the first is a heading.
  func helpNotes(_ s: AppState) -> [(String, String)]
  /// Puts the pane's view right after a change it did not make itself: a resize, a new filter
  /// text, focus arriving, a load (after a load every pane settles, focused or not).
  func settle(_ s: inout AppState, after action: Action)
  /// The STP the pane is on, for `c`, `*`, `y`: the shared selection, or Detail's subject.
  func subject(_ s: AppState) -> String?
  /// The text `/` edits here: the filter the lists and the map share, or a pane's own find.
  func findText(_ s: AppState) -> String
  /// Replaces the text `/` edits here.
  func setFindText(_ s: inout AppState, _ text: String)
  /// How many things the find text matches here: rows, STPs on the map, lines of Detail.
  func matchCount(_ s: AppState) -> Int
  /// What `e` writes, with the filter the rows were chosen by; nil when nothing.
  func exportRequest(_ s: AppState) -> ExportRequest?
  /// The pane read as lines for screen readers (`--linear`): sentences, not cells.
  func linearLines(_ s: AppState) -> [String]
}

extension Pane {
  /// Default: the title.
  public var shortTitle: String { title }
  /// Default: the title.
  public func tabTitle(_ s: AppState) -> String { title }
  /// Default: no keys of its own.
  public var keyMap: KeyMap { KeyMap([]) }
  /// Default: its own keys only.
  public var keyMaps: [KeyMap] { [keyMap] }
  /// Default: not a list.
  public var isList: Bool { false }
  /// Default: a place to come back to when it is a list.
  public var isTopLevel: Bool { isList }
  /// Default: its one headline's slide, if it has one.
  public func slideHeadlines(_ s: AppState) -> [Headline] { headline(s).map { [$0] } ?? [] }
  /// Default: the slide is the pane as drawn.
  public func renderSlide(_ s: AppState, _ i: Int, in area: Rect, on canvas: inout Canvas) {
    render(s, in: area, on: &canvas)
  }
  /// Default: no actions of its own.
  public func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? { nil }
  /// Default: no cache.
  public func prepare(_ s: AppState) -> (any Sendable)? { nil }
  /// Default: no slide.
  public func headline(_ s: AppState) -> Headline? { nil }
  /// Default: nothing to export.
  public func exportView(_ s: AppState) -> ExportView? { nil }
  /// Default: shows no chosen measure.
  public var showsMeasure: Bool { false }
  /// Default: no notes.
  public func helpNotes(_ s: AppState) -> [(String, String)] { [] }
  /// Default: nothing to put right.
  public func settle(_ s: inout AppState, after action: Action) {}
  /// Default: the shared selection.
  public func subject(_ s: AppState) -> String? { s.selectedCode }
  /// Default: the filter the lists and the map share.
  public func findText(_ s: AppState) -> String { s.listFilter }
  /// Default: sets the shared filter.
  public func setFindText(_ s: inout AppState, _ text: String) { s.listFilter = text }
  /// Default: the STPs the filter matches.
  public func matchCount(_ s: AppState) -> Int {
    s.dataset.footprints.indices.count { s.matches($0) }
  }
  /// Default: the export view, with no filter noted.
  public func exportRequest(_ s: AppState) -> ExportRequest? {
    exportView(s).map { ExportRequest(view: $0) }
  }
  /// Default: the table `e` writes, a sentence a row.
  public func linearLines(_ s: AppState) -> [String] {
    LinearView.tableLines(s, exportView(s), selected: nil)
  }
}

/// A pane with state of its own (a cursor, a subject, a choice of chart): kept in the app's
/// state under the pane's type, read and changed as `s[ComparePane.self]`, and nowhere else.
public protocol StatefulPane: Pane {
  associatedtype State: Sendable
  /// The state before the pane is first used.
  static var initialState: State { get }
}

/// Each stateful pane's state, by the pane's type. Shared state (the data, the session, the
/// selection, the focus and the way back) stays in `AppState`; this holds the rest.
public struct PaneStates: Sendable {
  private var store: [ObjectIdentifier: any Sendable] = [:]

  /// No pane has state yet.
  public init() {}

  /// A pane's state: its initial state until it is first changed.
  public subscript<P: StatefulPane>(_ pane: P.Type) -> P.State {
    get { store[ObjectIdentifier(pane)] as? P.State ?? P.initialState }
    _modify {
      // Taken out while it is changed, so a large state (Detail's laid-out lines) is not copied.
      var value = store.removeValue(forKey: ObjectIdentifier(pane)) as? P.State ?? P.initialState
      defer { store[ObjectIdentifier(pane)] = value }
      yield &value
    }
    set { store[ObjectIdentifier(pane)] = newValue }
  }
}

/// A slide's title and its figures.
public struct Headline: Sendable {
  /// The slide's title, with what its figures rest on.
  public var title: String
  /// The figures in block digits.
  public var figures: [Figure]

  /// A headline figure: the number in block digits, a label under it, and a compact form with
  /// its basis for short lines ("O 5", "10/44 quoted (3 exact)").
  public struct Figure: Sendable {
    /// The number as the digits show it.
    public var text: String
    /// What it counts, under the digits.
    public var label: String
    /// Its colour role.
    public var role: Role
    /// A short form with its basis, for narrow slides.
    public var compact: String?
    /// A headline figure.
    public init(text: String, label: String, role: Role, compact: String? = nil) {
      self.text = text
      self.label = label
      self.role = role
      self.compact = compact
    }
  }

  /// A slide's headline.
  public init(title: String, figures: [Figure]) {
    self.title = title
    self.figures = figures
  }
}

/// A pane that is a table of STPs: a summary strip, columns, rows in rank order of a measure.
/// Its state is its scroll, sort and columns; its keys and behaviour are the table's
/// (TableBehaviour.swift).
protocol TablePane: StatefulPane where State == TableState {
  /// The columns, left to right (the position and name first).
  func columns(_ s: AppState) -> [TableColumn]
  /// The measure whose rank order the rows follow before any column sort.
  func rankMeasure(_ s: AppState) -> Measure
  /// The summary line above the headings.
  func strip(_ s: AppState, _ c: inout Canvas, _ r: Rect)
}

extension TablePane {
  static var initialState: TableState { TableState() }
  var keyMaps: [KeyMap] { [keyMap, KeyMap.table] }
  var isList: Bool { true }
  var isTopLevel: Bool { true }
  func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    TableView.render(
      s, pane: id, columns: shownColumns(s), strip: { c, r in strip(s, &c, r) }, in: area,
      on: &canvas)
  }
}

/// The panes, in tab order.
public struct PaneRegistry: Sendable {
  /// The panes, in tab order.
  public let panes: [any Pane]

  /// A registry of these panes, in this order.
  public init(_ panes: [any Pane]) { self.panes = panes }

  /// The dashboard's panes.
  public static let standard = PaneRegistry([
    LeaguePane(), PartnersPane(), FundingPane(), DetailPane(), MapPane(), ComparePane(),
    RegionsPane(), ChartsPane(),
  ])

  /// Their ids, in tab order.
  public var ids: [PaneID] { panes.map(\.id) }

  /// The pane with this id.
  public subscript(id: PaneID) -> (any Pane)? { panes.first { $0.id == id } }

  /// Position in tab order (0-based).
  public func index(of id: PaneID) -> Int? { panes.firstIndex { $0.id == id } }

  /// The pane whose name or title starts with `name` (any case): `:pane fund`.
  public func find(_ name: String) -> (any Pane)? {
    let q = name.lowercased()
    guard !q.isEmpty else { return nil }
    return panes.first { $0.id.name == q }
      ?? panes.first {
        $0.id.name.hasPrefix(q) || $0.title.lowercased().hasPrefix(q)
      }
  }

  /// The number keys: 1 for the first pane, up to 9.
  var focusBindings: [Binding] {
    panes.prefix(9).enumerated().map { i, p in
      Binding(.char(Character(String(i + 1))), .focus(p.id), help: p.title)
    }
  }
}
