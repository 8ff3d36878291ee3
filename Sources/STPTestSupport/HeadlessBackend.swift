import STPModel
import STPTerminal

/// A terminal for tests of the real run loop: it plays a script of events on a fake clock and
/// keeps the last screen drawn. Waiting costs no real time: an idle step moves the clock on by
/// each timeout the loop asks for.
public final class HeadlessBackend: TerminalBackend {
  /// One step of the script.
  public enum Step {
    /// An event arrives at once.
    case event(BackendEvent)
    /// A key arrives at once.
    case key(Key)
    /// Nothing arrives for this many seconds (timers fire on the way).
    case idle(Double)
    /// The data files changed (the watcher reports it).
    case files(DirectoryWatcher.Urgency)
    /// Runs the closure (a test's background work finishing), then reports the descriptor ready.
    case ready(Int32, () -> Void)
    /// Keeps what is on the screen now, to look at later.
    case capture
  }

  /// Screens kept by `.capture` steps, in order.
  public private(set) var captured: [Canvas] = []

  public var size: Size
  /// Seconds on the fake clock.
  public private(set) var now: Double = 1000
  /// The screen as the terminal shows it.
  public private(set) var screen: Canvas
  /// How many cells each draw sent (a draw that sends none is still counted).
  public private(set) var cellsSent: [Int] = []
  /// The theme each draw was shown in, as the loop handed it over.
  public private(set) var themesShown: [Theme] = []
  /// How many times everything was forgotten for a repaint.
  public private(set) var clears = 0
  /// The timeouts the loop waited with (ms; nil without limit).
  public private(set) var waits: [Int32?] = []
  private var script: [Step]
  private var idleLeft = 0.0
  /// Whether keys next in the script count as typed ahead (waiting before the loop reads them),
  /// as a terminal's keys do when they come faster than the screen; off, every key is drawn.
  public var typesAhead = false
  public var hasInputWaiting: Bool {
    guard typesAhead, idleLeft == 0, let next = script.first else { return false }
    switch next {
    case .key, .event(.event(.key)): return true
    default: return false
    }
  }
  /// The watcher the script's `.files` steps report through.
  public let watcher = ScriptedWatcher()

  public init(size: Size, script: [Step]) {
    self.size = size
    self.script = script
    screen = Canvas(size: size)
  }

  public func apply(_ next: Canvas, since previous: Canvas, theme: Theme) {
    var n = 0
    next.forEachChange(since: previous) { _, _, _ in n += 1 }
    cellsSent.append(n)
    themesShown.append(theme)
    screen = next
  }

  public func clear() { clears += 1 }

  /// What was put on the clipboard, last first.
  public private(set) var copied: [String] = []
  public func copy(_ text: String) { copied.insert(text, at: 0) }

  public func nextEvent(timeout: Int32?, watch: [Int32]) -> BackendEvent {
    waits.append(timeout)
    while true {
      if idleLeft > 0 {
        // Wait out the timeout, or the rest of the idle time if that comes first.
        guard let t = timeout else {
          now += idleLeft
          idleLeft = 0
          continue
        }
        let step = min(Double(t) / 1000, idleLeft)
        now += step
        idleLeft -= step
        if step >= Double(t) / 1000 { return .event(.tick) }
        continue
      }
      guard !script.isEmpty else { return .hangup }  // the script is over: the terminal goes
      switch script.removeFirst() {
      case .event(let e):
        if case .event(.resize(let s)) = e { size = s }
        return e
      case .key(let k): return .event(.key(k))
      case .idle(let seconds): idleLeft = seconds
      case .files(let urgency):
        watcher.pending = urgency
        return .watchReady(-1)
      case .ready(let fd, let work):
        work()
        return .watchReady(fd)
      case .capture:
        captured.append(screen)
      }
    }
  }
}

/// A watcher whose changes a script reports.
public final class ScriptedWatcher: FileWatching {
  public var pending: DirectoryWatcher.Urgency?
  public var descriptor: Int32? { -1 }  // "has a descriptor": the loop does not poll
  public let pollInterval: Int32 = 1000
  public func drain() -> DirectoryWatcher.Urgency? {
    defer { pending = nil }
    return pending
  }
}
