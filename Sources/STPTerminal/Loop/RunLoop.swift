import STPModel

/// What a wait on the terminal produced.
public enum BackendEvent: Equatable, Sendable {
  case event(Event)
  /// A stop signal arrived.
  case signal(Int32)
  /// The terminal went away (standard input hung up, or reads keep failing).
  case hangup
  /// The extra descriptor given to `nextEvent` (a file watcher) is readable.
  case watchReady
}

/// A terminal the loop draws on and reads from: ncurses in the app, a scripted one in tests.
public protocol TerminalBackend: AnyObject {
  var size: Size { get }
  /// Draws the cells of `next` that differ from `previous`.
  func apply(_ next: Canvas, since previous: Canvas, theme: Theme)
  /// Forgets what is on the terminal, so the next `apply` repaints every cell.
  func clear()
  /// Waits for an event, at most `timeout` ms (nil: without limit), or for `watch` to be readable.
  func nextEvent(timeout: Int32?, watch: Int32?) -> BackendEvent
  /// Puts text on the terminal's clipboard (OSC 52).
  func copy(_ text: String)
}

/// Something that says when the data files changed: the directory watcher, or a test's.
public protocol FileWatching: AnyObject {
  /// A descriptor that becomes readable on a change; nil when changes must be polled for.
  var descriptor: Int32? { get }
  /// How often to poll without a descriptor, in ms.
  var pollInterval: Int32 { get }
  /// What changed since the last call, if anything.
  func drain() -> DirectoryWatcher.Urgency?
}

extension DirectoryWatcher: FileWatching {}

/// The outside world the loop works on: loading, exporting and the clocks.
public struct LoopServices {
  /// Loads the data directory again.
  public var reload: () -> Result<LoadResult, DatasetLoadError>
  /// Writes a view of the data shown to files and says where (or why not).
  public var export: (ExportRequest, DataState) -> String
  /// Seconds on a clock that only goes forward.
  public var now: () -> Double
  /// The time of day for "loaded at": "14:03:07".
  public var timeOfDay: () -> String

  public init(
    reload: @escaping () -> Result<LoadResult, DatasetLoadError>,
    export: @escaping (ExportRequest, DataState) -> String,
    now: @escaping () -> Double, timeOfDay: @escaping () -> String
  ) {
    self.reload = reload
    self.export = export
    self.now = now
    self.timeOfDay = timeOfDay
  }
}

/// The dashboard's loop: render, draw what changed, wait, reduce; until quit, a stop signal or a
/// lost terminal. The wait has a timeout only while something is pending (a debounced reload,
/// a timer an effect asked for, or polling where inotify is missing), so an idle dashboard wakes
/// for nothing.
public struct DashboardLoop {
  public var state: AppState
  let backend: any TerminalBackend
  let themes: [Theme]
  let watcher: (any FileWatching)?
  let services: LoopServices
  var timers = LoopTimers()
  var shown = Canvas(size: .zero)
  var serial = 0

  public init(
    state: AppState, backend: any TerminalBackend, themes: [Theme], watcher: (any FileWatching)?,
    services: LoopServices
  ) {
    self.state = state
    self.backend = backend
    self.themes = themes
    self.watcher = watcher
    self.services = services
  }

  /// Runs until the dashboard is finished. Returns the exit status: 0, or 128 + the signal that
  /// stopped it (SIGHUP's 1 when the terminal went away).
  public mutating func run() -> Int32 {
    while !state.isFinished {
      draw()
      let now = services.now()
      var timeout = timers.timeout(now: now)
      if let w = watcher, w.descriptor == nil {
        timeout = min(timeout ?? w.pollInterval, w.pollInterval)
      }
      switch backend.nextEvent(timeout: timeout, watch: watcher?.descriptor) {
      case .event(.tick):
        break
      case .event(let event):
        if let action = state.action(for: event) { dispatch(action) }
      case .watchReady:
        if let urgency = watcher?.drain() { timers.filesChanged(urgency, now: services.now()) }
      case .signal(let sig):
        return 128 + sig
      case .hangup:
        return 128 + 1  // SIGHUP
      }
      let later = services.now()
      if let w = watcher, w.descriptor == nil, let urgency = w.drain() {
        timers.filesChanged(urgency, now: later)
      }
      if timers.isReloadDue(now: later) { dispatch(.reload) }
      for action in timers.due(now: later) { dispatch(action) }
    }
    return 0
  }

  /// Draws the state's screen, sending only the cells that changed.
  mutating func draw() {
    let next = Screen.render(state)
    let theme = themes.indices.contains(state.session.themeIndex) ? themes[state.session.themeIndex] : Theme.default
    backend.apply(next, since: shown, theme: theme)
    shown = next
  }

  /// Reduces an action and performs its effects, feeding their outcomes back in.
  public mutating func dispatch(_ action: Action) {
    var queue = [action]
    while !queue.isEmpty {
      for effect in reduce(&state, queue.removeFirst()) {
        switch effect {
        case .repaint:
          backend.clear()
          shown = Canvas(size: .zero)
        case .reload:
          timers.reloaded()
          serial += 1
          queue.append(.dataLoaded(DataUpdate(services.reload(), at: services.timeOfDay(), serial: serial)))
        case .after(let seconds, let next, let key):
          timers.schedule(next, after: seconds, key: key, now: services.now())
        case .cancel(let key):
          timers.cancel(key)
        case .export(let request):
          queue.append(.exported(services.export(request, state.data)))
        case .copy(let text):
          backend.copy(text)
        }
      }
    }
  }
}
