import STPModel
import STPPlatform
import Synchronization

/// What a wait on the terminal produced.
public enum BackendEvent: Equatable, Sendable {
  case event(Event)
  /// A stop signal arrived.
  case signal(Int32)
  /// The terminal went away (standard input hung up, or reads keep failing).
  case hangup
  /// One of the extra descriptors given to `nextEvent` (a file watcher, a finished reload) is
  /// readable.
  case watchReady(Int32)
}

/// A terminal the loop draws on and reads from: ncurses in the app, a scripted one in tests.
public protocol TerminalBackend: AnyObject {
  var size: Size { get }
  /// Draws the cells of `next` that differ from `previous`.
  func apply(_ next: Canvas, since previous: Canvas, theme: Theme)
  /// Forgets what is on the terminal, so the next `apply` repaints every cell.
  func clear()
  /// Waits for an event, at most `timeout` ms (nil: without limit), or for one of `watch` to be
  /// readable.
  func nextEvent(timeout: Int32?, watch: [Int32]) -> BackendEvent
  /// Puts text on the terminal's clipboard (OSC 52).
  func copy(_ text: String)
  /// Whether input is already waiting to be read (keys typed ahead of the screen).
  var hasInputWaiting: Bool { get }
}

extension TerminalBackend {
  /// A backend that cannot tell says no: every event is drawn.
  public var hasInputWaiting: Bool { false }
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

/// Where a background reload leaves its outcome for the loop.
public final class ReloadMailbox: Sendable {
  private let slot = Mutex<(Result<LoadResult, DatasetLoadError>, PreparedViews?)?>(nil)
  private let spilledSlot = Mutex<Dataset?>(nil)
  /// No services: nothing reloads, exports or copies (tests, snapshots).
  public init() {}
  /// Leaves the data on screen with its text spilled (from any thread).
  public func putSpilled(_ d: Dataset) { spilledSlot.withLock { $0 = d } }
  /// Takes the spilled data, if it is there.
  public func takeSpilled() -> Dataset? {
    spilledSlot.withLock { v in
      defer { v = nil }
      return v
    }
  }
  /// Whether the spilled data has been taken (the screen no longer holds the old in memory).
  public var spilledTaken: Bool { spilledSlot.withLock { $0 == nil } }
  /// Leaves the outcome, and the views prepared for it (from any thread).
  public func put(_ r: Result<LoadResult, DatasetLoadError>, prepared: PreparedViews? = nil) {
    slot.withLock { $0 = (r, prepared) }
  }
  /// Takes the outcome, if one is there.
  public func take() -> (Result<LoadResult, DatasetLoadError>, PreparedViews?)? {
    slot.withLock { v in
      defer { v = nil }
      return v
    }
  }
}

/// The outside world the loop works on: loading, exporting and the clocks.
public struct LoopServices {
  /// Starts loading the data directory again; the outcome goes into the mailbox (from any
  /// thread), and then `reloadDescriptor`, if there is one, becomes readable. The app loads on a
  /// thread of its own, so the screen answers keys during a long load; tests load at once.
  /// Also given the data on screen, which it may first spill (`Dataset.withSpilledText`) and
  /// leave in the mailbox, so that the old and the new data are not both in memory; and how to
  /// prepare the new data's views, to do where it loads.
  public var startReload:
    (ReloadMailbox, Dataset, @escaping @Sendable (LoadResult) -> PreparedViews) -> Void
  /// Readable when a background reload has put its outcome (nil: reloads finish inside
  /// `startReload`). The loop drains it.
  public var reloadDescriptor: Int32?
  /// Lets go of data the screen no longer shows, and gives the memory back to the system. The
  /// app does it on another thread: freeing a million rows took the screen's thread 8 ms.
  public var release: (Dataset) -> Void = { _ in }
  /// Told, for each key, the seconds from its arrival to its frame drawn, and whether a reload
  /// was running (benchmarks; `STP_DASH_KEY_LOG`).
  public var keyAnswered: ((Double, Bool) -> Void)?
  /// Told when a changed view was sent to followers, and when a followed view was drawn
  /// (benchmarks; `STP_DASH_SHARE_LOG`).
  public var viewShared: (() -> Void)?
  public var viewFollowed: (() -> Void)?
  public var viewArrived: (() -> Void)?
  /// Benchmarks: called once, when the first frame has been drawn.
  public var firstFrameDrawn: (() -> Void)?
  /// Makes the panes' views not yet made, off the screen's thread: called once, a moment after
  /// the first frame (`DashboardLoop.prepareDelay`).
  public var prepareViews: (AppState) -> Void = { $0.prepareAllInBackground() }
  /// Writes a view of the data shown to files and says where (or why not).
  public var export: (ExportRequest, DataState) -> String
  /// Writes a screen as SVG and HTML in a theme and says where (or why not).
  public var exportScreen: (Canvas, String, String) -> String = { _, _, _ in
    "screen export is not available here"
  }
  /// Starts sharing this view (`present --share`, `P`); nil where sharing is not offered.
  public var startShare: (() -> Result<ShareHub, ShareFailure>)?
  /// The presentation this dashboard follows (`stp-dash follow`), if it does.
  public var follow: FollowLink?
  /// The presenter's login name, as followers see it (looked up on first use).
  public var userName: () -> String = { "" }
  /// Seconds on a clock that only goes forward.
  public var now: () -> Double
  /// The time of day for "loaded at": "14:03:07".
  public var timeOfDay: () -> String

  /// The services the dashboard needs at least: how to reload, export, and tell the time.
  public init(
    startReload:
      @escaping (ReloadMailbox, Dataset, @escaping @Sendable (LoadResult) -> PreparedViews) -> Void,
    reloadDescriptor: Int32? = nil,
    export: @escaping (ExportRequest, DataState) -> String,
    now: @escaping () -> Double, timeOfDay: @escaping () -> String
  ) {
    self.startReload = startReload
    self.reloadDescriptor = reloadDescriptor
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
  /// The state the loop draws and reduces into.
  public var state: AppState
  let backend: any TerminalBackend
  let themes: ThemeSet
  let watcher: (any FileWatching)?
  let services: LoopServices
  var timers = LoopTimers()
  var shown = Canvas(size: .zero)
  var serial = 0
  let mailbox = ReloadMailbox()
  /// When the running reload started (nil: none runs), and whether another was asked for
  /// meanwhile (files changed again during the load: load once more when it ends).
  var reloadStarted: Double?
  var reloadAgain = false
  /// The shared presentation's socket and followers, while sharing.
  var hub: ShareHub?
  /// An event read ahead while gathering a paste, handled next.
  var readAhead: BackendEvent?
  /// When the screen was last drawn (the loop's clock).
  var drawnAt = -Double.infinity
  /// When the panes' views not yet made are to be made (`prepareDelay` after the first frame).
  var prepareAt: Double?
  /// The other panes' views are made this long after the first frame, not with it: made at once
  /// they took a core (~15M instructions) while the terminal was still taking the frame in, and
  /// in tmux on two cores the frame showed 0.5-1.2 ms later (issue 26). A pane shown sooner
  /// makes its own view when drawn, as before.
  static let prepareDelay = 0.05
  /// Keys typed ahead of the screen are reduced before it is drawn again (a held key, a paste,
  /// a slow link catching up), for at most this long: a screen that lags what was typed is
  /// redrawn once, not once a key, yet still moves while the keys keep coming.
  static let catchUpFrame = 0.1

  /// A loop that draws `state` on `backend` in `themes` (`t` cycles them), reloading when
  /// `watcher` reports a change.
  public init(
    state: AppState, backend: any TerminalBackend, themes: ThemeSet, watcher: (any FileWatching)?,
    services: LoopServices
  ) {
    self.state = state
    self.backend = backend
    self.themes = themes
    self.watcher = watcher
    self.services = services
  }

  /// A loop whose themes are used as given (the state says which shade the map).
  public init(
    state: AppState, backend: any TerminalBackend, themes: [Theme], watcher: (any FileWatching)?,
    services: LoopServices
  ) {
    self.init(
      state: state, backend: backend, themes: ThemeSet(themes), watcher: watcher,
      services: services)
  }

  /// Runs until the dashboard is finished. Returns the exit status: 0, or 128 + the signal that
  /// stopped it (SIGHUP's 1 when the terminal went away).
  public mutating func run() -> Int32 {
    var keyArrived: (Double, Bool)?
    defer {
      hub?.stop()
      hub = nil
    }
    var followedArrived = false
    var first = true
    var unchanged = false
    while !state.isFinished {
      let behind = readAhead != nil || backend.hasInputWaiting
      if unchanged {
        unchanged = false
      } else if first || !behind || services.now() - drawnAt >= Self.catchUpFrame {
        draw()
        drawnAt = services.now()
        if first {
          services.firstFrameDrawn?()
          // The other panes' views are made after the first frame, not before it.
          prepareAt = drawnAt + Self.prepareDelay
          first = false
        }
        if followedArrived {
          services.viewFollowed?()
          followedArrived = false
        }
        share()
        if let (t, reloading) = keyArrived {
          services.keyAnswered?(services.now() - t, reloading)
          keyArrived = nil
        }
      }
      let now = services.now()
      var timeout = timers.timeout(now: now)
      if let p = prepareAt {
        let wait = LoopTimers.milliseconds(until: p, now: now)
        timeout = min(timeout ?? wait, wait)
      }
      if let w = watcher, w.descriptor == nil {
        timeout = min(timeout ?? w.pollInterval, w.pollInterval)
      }
      // While a reload runs: wake every 100 ms to show how long it has taken.
      if reloadStarted != nil { timeout = min(timeout ?? 100, 100) }
      // A follower that could not take a whole view gets the newest one soon.
      if hub?.hasPending == true { timeout = min(timeout ?? 200, 200) }
      let watch =
        [watcher?.descriptor, reloadStarted != nil ? services.reloadDescriptor : nil]
        .compactMap { $0 } + (hub?.descriptors ?? [])
        + [services.follow?.descriptor].compactMap { $0 }
        + [MapWork.shared.descriptor].compactMap { $0 }
      let next = readAhead ?? backend.nextEvent(timeout: timeout, watch: watch)
      readAhead = nil
      switch next {
      case .event(.tick):
        break
      case .event(let event):
        // The first key not yet drawn: how long a key waits is timed from it.
        if case .key = event, keyArrived == nil {
          keyArrived = (services.now(), reloadStarted != nil)
        }
        if let action = state.action(for: event) {
          // A follower's own key or click (not a resize): it browses on its own until `f`.
          let own: Bool
          switch event {
          case .key, .mouse: own = true
          default: own = false
          }
          if own, action.isBrowsing, state.session.following?.isLive == true { dispatch(.browse) }
          dispatch(gathered(action))
        }
      case .watchReady(let fd) where fd == MapWork.shared.descriptor:
        // Background work is done (a map layout: moves pressed meanwhile, then drawn; the views
        // and councils made after the first frame: a Detail waiting for them is made again).
        MapWork.shared.drain()
        dispatch(.pane("work.ready"))
      case .watchReady(let fd) where hub?.descriptors.contains(fd) == true:
        if let h = hub, h.handle(fd) { dispatch(.followers(h.names)) }
      case .watchReady(let fd) where fd == services.follow?.descriptor:
        let at = String(services.timeOfDay().prefix(5))  // "18:02"
        services.viewArrived?()
        for event in services.follow?.read() ?? [] {
          dispatch(.followed(event, at: at))
          followedArrived = true
        }
      case .watchReady(let fd):
        if fd == services.reloadDescriptor && reloadStarted != nil {
          drainDescriptor(fd)
        } else if let urgency = watcher?.drain() {
          timers.filesChanged(urgency, now: services.now())
        }
      case .signal(let sig):
        return 128 + sig
      case .hangup:
        return 128 + 1  // SIGHUP
      }
      let later = services.now()
      if let w = watcher, w.descriptor == nil, let urgency = w.drain() {
        timers.filesChanged(urgency, now: later)
      }
      let reloadDue = timers.isReloadDue(now: later)
      if reloadDue { dispatch(.reload) }
      let due = timers.due(now: later)
      for action in due { dispatch(action) }
      if let p = prepareAt, later >= p {
        prepareAt = nil
        services.prepareViews(state)
        // Woken for that alone, nothing on the screen changed: it is not drawn again.
        if case .event(.tick) = next, !reloadDue, due.isEmpty, reloadStarted == nil {
          unchanged = true
        }
      }
      finishReloadIfDone()
      if let started = reloadStarted { dispatch(.reloadProgress(services.now() - started)) }
    }
    return 0
  }

  /// Takes a finished reload's outcome from the mailbox and applies it; starts the next load if
  /// the files changed during this one.
  mutating func finishReloadIfDone() {
    if reloadStarted != nil, let spilled = mailbox.takeSpilled() {
      let old = state.dataset  // freed by `release`, not here
      serial += 1
      dispatch(.dataSpilled(SpilledData(spilled, serial: serial)))
      services.release(old)
    }
    guard reloadStarted != nil, let (outcome, prepared) = mailbox.take() else { return }
    let old = state.dataset
    reloadStarted = nil
    serial += 1
    dispatch(
      .dataLoaded(DataUpdate(outcome, at: services.timeOfDay(), serial: serial, prepared: prepared))
    )
    services.release(old)
    if reloadAgain {
      reloadAgain = false
      dispatch(.reload)
    }
  }

  /// Text typed into the filter or the command line, with the keys already waiting after it
  /// (a paste arrives as thousands at once): one action for all, so a 20,000-character paste
  /// filters and draws once, not 20,000 times. The first other event is kept for next.
  mutating func gathered(_ action: Action) -> Action {
    var text: String
    switch action {
    case .filterInput(let t), .commandInput(let t): text = t
    default: return action
    }
    while text.utf8.count < 1_000_000 {
      let e = backend.nextEvent(timeout: 0, watch: [])
      if case .event(.tick) = e { break }
      if case .event(let event) = e, let a = state.action(for: event) {
        switch (action, a) {
        case (.filterInput, .filterInput(let t)), (.commandInput, .commandInput(let t)):
          text += t
          continue
        default: break
        }
      }
      readAhead = e
      break
    }
    if case .filterInput = action { return .filterInput(text) }
    return .commandInput(text)
  }

  /// Shares the view drawn with the followers, when sharing (only a changed view is sent).
  mutating func share() {
    guard let h = hub, let sharing = state.session.sharing else { return }
    if h.publish(SharedView(state, presenter: services.userName(), data: sharing.data)) {
      dispatch(.followers(h.names))
    }
  }

  /// Reads what a reload wrote to its descriptor (a byte a message), so it stops being readable.
  func drainDescriptor(_ fd: Int32) {
    var bytes = [UInt8](repeating: 0, count: 16)
    while read(fd, &bytes, bytes.count) > 0 {}
  }

  /// Draws the state's screen, sending only the cells that changed.
  mutating func draw() {
    themes.measure(state.session.themeIndex, into: &state.session)
    let next = Screen.render(state)
    let theme = themes.theme(state.session.themeIndex)
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
          // One load at a time; a change during it loads again when it ends.
          guard reloadStarted == nil else {
            reloadAgain = true
            break
          }
          reloadStarted = services.now()
          let panes = state.panes
          let glyphs = state.glyphs
          services.startReload(mailbox, state.dataset) {
            PreparedViews.make($0, panes: panes, glyphs: glyphs)
          }
          if services.reloadDescriptor == nil, let (outcome, prepared) = mailbox.take() {
            reloadStarted = nil
            serial += 1
            queue.append(
              .dataLoaded(
                DataUpdate(outcome, at: services.timeOfDay(), serial: serial, prepared: prepared)))
          }
        case .after(let seconds, let next, let key):
          timers.schedule(next, after: seconds, key: key, now: services.now())
        case .cancel(let key):
          timers.cancel(key)
        case .export(let request):
          queue.append(.exported(services.export(request, state.data)))
        case .exportScreen(let canvas, let theme, let pane):
          queue.append(.exported(services.exportScreen(canvas, theme, pane)))
        case .copy(let text):
          backend.copy(text)
        case .share(true):
          guard hub == nil, let start = services.startShare else { break }
          switch start() {
          case .success(let h):
            h.onPublish = services.viewShared
            hub = h
            queue.append(.shareStarted(.success(h.name)))
          case .failure(let f):
            queue.append(.shareStarted(.failure(f)))
          }
        case .share(false):
          hub?.stop()
          hub = nil
          queue.append(.shareStopped)
        }
      }
    }
  }
}

#if os(Linux)
  /// glibc's `malloc_trim`, which the Glibc module does not export (it is in <malloc.h>).
  @_silgen_name("malloc_trim")
  func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Gives freed heap memory back to the system (malloc keeps it otherwise: a million-row
/// dashboard stayed at twice its size after a reload).
public func returnFreedMemory() {
  #if os(Linux)
    _ = glibcMallocTrim(0)
  #endif
}
