import ArgumentParser
import STPCurses
import STPModel
import STPTerminal

#if canImport(Glibc)
  import Glibc
#endif

struct Dashboard: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "The full-screen dashboard (the default command).",
    discussion: """
      Keys: ↑↓ j k, PgUp PgDn, g G, Tab and 1-4 for panes, Enter for the detail of an STP, Esc back,
      / filter, n N, s S sort, m measure (league), ? help, q quit.
      """)

  @OptionGroup var source: DataOptions
  @Flag(name: .long, help: "Click to select a row (again to open it), wheel to scroll.")
  var mouse = false

  func run() throws {
    // Data first: a broken data directory is reported on a normal terminal, before any drawing.
    let loaded = try source.load()
    try checkTerminal()
    let backend: NcursesBackend
    do {
      backend = try NcursesBackend(mouse: mouse)
    } catch {
      throw UsageFailure(message: "stp-dash: cannot open the dashboard: \(error); "
        + "the batch commands still work: stp-dash league, partners, funding, show CODE")
    }
    let status = runLoop(backend, loaded)
    backend.stop()
    if status != 0 { terminate(status) }
  }

  /// The terminal must be one that can position a cursor; otherwise point to the batch commands.
  func checkTerminal() throws {
    let hint = "use a batch command instead: stp-dash league | partners | funding | show CODE "
      + "(--format csv|json|markdown)"
    guard isatty(1) == 1, isatty(0) == 1 else {
      throw UsageFailure(message: "stp-dash: the dashboard needs a terminal; \(hint)")
    }
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    if term.isEmpty || term == "dumb" {
      throw UsageFailure(message: "stp-dash: the dashboard cannot run on TERM=\(term.isEmpty ? "(unset)" : term); \(hint)")
    }
  }

  /// Render, draw what changed, wait, reduce; until quit, a stop signal or a lost terminal.
  /// Returns the exit status (128 + signal when stopped by one).
  func runLoop(_ backend: NcursesBackend, _ loaded: LoadResult) -> Int32 {
    var state = AppState(
      dataset: loaded.dataset, warnings: loaded.warnings, loadedAt: clockTime(), size: backend.size,
      glyphs: backend.isUTF8 ? .unicode : .ascii, isMouseEnabled: mouse,
      themeName: backend.hasColors ? Theme.default.name : Theme.mono.name)
    let theme = backend.hasColors ? Theme.default : Theme.mono
    var shown = Canvas(size: .zero)
    while !state.isFinished {
      let next = Screen.render(state)
      backend.apply(next.changes(since: shown), theme: theme)
      shown = next
      switch backend.nextEvent(timeout: nil) {
      case .event(let event):
        guard let action = state.action(for: event) else { continue }
        for effect in reduce(&state, action) where effect == .repaint {
          backend.clear()
          shown = Canvas(size: .zero)
        }
      case .signal(let sig):
        return 128 + sig
      case .hangup:
        return 128 + SIGHUP
      }
    }
    return 0
  }
}

/// The local time as HH:MM:SS, for "loaded at".
func clockTime() -> String {
  var t = time(nil)
  var parts = tm()
  localtime_r(&t, &parts)
  func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
}
