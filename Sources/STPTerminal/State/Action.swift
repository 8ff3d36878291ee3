import STPModel
import STPReport

/// Everything that changes state. Only `reduce` applies actions.
public enum Action: Equatable, Sendable {
  case quit
  /// `q`: back one level (help, Detail, presentation); quit only at the top.
  case backOrQuit
  /// A key with no binding in the current mode: a hint, not silence.
  case unbound(Key)
  /// Sort by the column left of the sorted one (`<`).
  case sortPrevious
  /// Scroll a table's columns (the position and name stay).
  case scrollColumns(by: Int)
  /// Widen the current (sorted) column to its full width, or narrow it back (`_`).
  case toggleColumnWidth
  /// Hide the current (sorted) column (`-`; `:columns` lists and restores them).
  case hideColumn
  /// The command line (`:`).
  case startCommand
  /// Text typed on the command line: one key, or a paste read at once (`DashboardLoop`).
  case commandInput(String)
  case commandBackspace
  case commandComplete
  /// Up (-1) and Down (+1) on the command line: an older or newer command run before.
  case commandRecall(by: Int)
  case commandRun
  case commandCancel
  /// Copy the selected STP's (or Detail line's) source URL, or the value with its source, to
  /// the terminal's clipboard (OSC 52).
  case copySource(withValue: Bool)
  case focus(PaneID)
  case focusNext
  case focusPrevious
  case moveSelection(by: Int)
  /// The map: to the neighbouring footprint east (dx 1), west, north (dy 1) or south.
  case moveOnMap(dx: Int, dy: Int)
  case movePage(by: Int)
  case moveToTop
  case moveToBottom
  case openDetail
  case back
  case startFilter
  /// Text typed into the filter: one key, or a paste read at once.
  case filterInput(String)
  case filterBackspace
  case commitFilter
  case clearFilter
  case nextMatch
  case previousMatch
  case sortNext
  case sortReverse
  case cycleMeasure
  case toggleHelp
  case resize(Size)
  case click(Point)
  case scroll(by: Int)
  case redraw
  /// Load the data directory again now (`r`).
  case reload
  /// The outcome of a load the run loop performed.
  case dataLoaded(DataUpdate)
  /// A reload is running in the background: seconds so far (nil: it has ended).
  case reloadProgress(Double?)
  /// The data on screen, the same, with its large texts spilled to mapped files while a reload
  /// builds its successor (see `Dataset.withSpilledText`).
  case dataSpilled(SpilledData)
  /// The marks on rows that changed in the last reload have been shown long enough.
  case clearChangeMarks
  /// Show the next theme (`t`).
  case cycleTheme
  /// Mark or unmark the selected STP for the spotlight (`*`).
  case toggleSpotlight
  /// Adds the selected STP to the compared set, or takes it out (`c`).
  case toggleCompare
  /// The charts pane's own keys.
  case chart(ChartAction)
  /// A pane's own key, by a name only that pane knows: a new pane binds `.pane("name")` and
  /// handles it in its `reduce`, without a new case here. Routed to the focused pane; ignored
  /// elsewhere.
  case pane(String)
  /// Write the current view to files (`e`).
  case export
  /// The screen as SVG and HTML, for slides (`E`).
  case exportScreen
  /// The outcome of an export the run loop performed: a message for the status bar.
  case exported(String)
  /// Enter or leave presentation mode (`p`).
  case togglePresentation
  /// Next or previous slide (clicker keys); pauses the cycle.
  case presentNext
  case presentPrevious
  /// Blank the screen, or bring it back (`b`, `.`).
  case toggleBlank
  /// Start the paused cycle again (Enter).
  case resumeCycle
  /// A second of the presentation cycle has passed.
  case presentationTick
  /// Share this view with followers, or stop sharing (`P`).
  case toggleShare
  /// Sharing started under a name, or could not (the message).
  case shareStarted(Result<String, ShareFailure>)
  /// Sharing stopped (`P` again).
  case shareStopped
  /// Who follows the shared view now.
  case followers([String])
  /// What the presentation followed sent, at a time of day.
  case followed(FollowEvent, at: String)
  /// Follow the presenter again after browsing (`f`).
  case rejoin
  /// A follower's own key or click: it browses on its own until `f` (sent by the run loop
  /// before the key's action, for keys and clicks only, never for reloads or timers).
  case browse
}

/// A reload's outcome, as an action can carry it (equal by serial number).
public struct DataUpdate: Equatable, Sendable {
  /// The load: the new data, or the errors that kept the old.
  public var outcome: Result<LoadResult, DatasetLoadError>
  /// When it was loaded, as the status bar shows it.
  public var at: String
  /// Which load this was, counted by the run loop (equality compares it alone).
  public var serial: Int
  /// The views of the new data, prepared where it was loaded (off the screen's thread).
  public var prepared: PreparedViews?

  /// A load's outcome, when and which it was, and the views made off the screen's thread.
  public init(
    _ outcome: Result<LoadResult, DatasetLoadError>, at: String, serial: Int,
    prepared: PreparedViews? = nil
  ) {
    self.outcome = outcome
    self.at = at
    self.serial = serial
    self.prepared = prepared
  }

  /// Equal when the same load (the data are not compared).
  public static func == (a: DataUpdate, b: DataUpdate) -> Bool { a.serial == b.serial }
}

/// What the panes derive from a load (view caches, display names), made by the thread that
/// loaded it so that putting new data on screen costs the screen's thread next to nothing (the
/// Partnerships dates alone took 33 ms for 100k partner rows).
public struct PreparedViews: Sendable {
  let caches: [PaneID: Once<(any Sendable)?>]
  let names: [String]

  /// Prepares the views of `result` for `panes` drawn with `glyphs`.
  public static func make(_ result: LoadResult, panes: PaneRegistry, glyphs: Glyphs)
    -> PreparedViews
  {
    let s = AppState(
      dataset: result.dataset, metrics: result.metrics, loadedAt: "", size: .zero, glyphs: glyphs,
      panes: panes)
    s.prepareAll()  // here, off the screen's thread
    return PreparedViews(caches: s.caches, names: s.data.names)
  }
}

/// A dataset with its text spilled, as an action carries it (equal by serial number).
public struct SpilledData: Equatable, Sendable {
  /// The dataset on screen, its text now in mapped files.
  public var dataset: Dataset
  /// Which reload the spill belongs to.
  public var serial: Int
  /// The spilled dataset of reload `serial`.
  public init(_ dataset: Dataset, serial: Int) {
    self.dataset = dataset
    self.serial = serial
  }
  /// Equal when of the same reload.
  public static func == (a: SpilledData, b: SpilledData) -> Bool { a.serial == b.serial }
}

/// Work for the run loop, which performs it and may feed actions back.
public enum Effect: Equatable, Sendable {
  /// Repaint every cell (after Ctrl-L, a new theme, or when something else wrote on the terminal).
  case repaint
  /// Load the data directory again and send `.dataLoaded`.
  case reload
  /// Send `action` after `seconds`, replacing any pending timer with the same key.
  case after(Double, Action, key: String)
  /// Drop the pending timer with this key.
  case cancel(String)
  /// Write the view described to files, then send `.exported` with what happened.
  case export(ExportRequest)
  /// Write this screen as SVG and HTML in the theme named, then send `.exported`.
  case exportScreen(Canvas, theme: String, pane: String)
  /// Put text on the terminal's clipboard (OSC 52, which works over SSH).
  case copy(String)
  /// Start sharing this view (then send `.shareStarted`), or stop.
  case share(Bool)
}

/// What `e` exports: a pane's rows as shown (filtered and sorted), or one STP's detail.
public struct ExportRequest: Equatable, Sendable {
  /// The view to write: a pane's rows, one STP, a chart.
  public var view: ExportView
  /// The filter the rows were chosen by ("" for none), noted in the export.
  public var filter: String = ""
}

/// What the charts pane's keys do.
public enum ChartAction: Equatable, Sendable {
  case nextView, nextWave, nextX, nextY, toggleGrouping
}

extension Action {
  /// Whether the action comes from the dashboard itself, not from the user: a redraw, the
  /// panes' background work finishing, a reload's progress, the fading of change marks, a
  /// load's text moved to a file.
  var happensOnItsOwn: Bool {
    switch self {
    case .redraw, .pane("work.ready"), .reloadProgress, .clearChangeMarks, .dataSpilled: true
    default: false
    }
  }
}
