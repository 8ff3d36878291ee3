import STPCurses
import STPModel
import STPTerminal
import STPThemes

#if canImport(Glibc)
  import Glibc
#endif

struct Dashboard: Command {
  static let spec = CommandSpec(
    name: "dashboard", abstract: "The full-screen dashboard (the default command).",
    discussion: """
      Keys: ↑↓ j k, PgUp PgDn, g G, Tab and 1-4 for panes, Enter for the detail of an STP, Esc back, \
      / filter, n N, s S sort, m measure (league), ? help, q quit.
      """,
    options: [
      DataOptions.option,
      .flag("mouse", "Click to select a row (again to open it), wheel to scroll."),
      .flag("no-watch", "Do not watch the data directory for changes (r still reloads)."),
      .option("theme", "name|path",
              "A theme by name (default, light, high-contrast, colour-blind-safe, projector, mono, or one of yours) or a theme file path."),
      .option("color", "when", "Colour: auto (the terminal's, none if NO_COLOR is set), always, never.",
              choices: ColorChoice.allCases.map(\.rawValue)),
      .flag("ascii", "Plain ASCII: no box drawing, blocks or symbols (automatic in a non-UTF-8 locale)."),
      .option("export-dir", "dir", "Where e writes exports (default: the current directory)."),
      .flag("present", "Start in presentation mode (p toggles it)."),
      .option("cycle", "time", "Seconds per slide when presenting: 20s, 45, 1m."),
    ])

  let source: DataOptions
  let mouse: Bool
  let noWatch: Bool
  let theme: String?
  let color: ColorChoice
  let ascii: Bool
  let exportDir: String
  let present: Bool
  let cycle: String

  init(_ p: ParsedCommand) throws(UsageFailure) {
    source = DataOptions(p)
    mouse = p.flag("mouse")
    noWatch = p.flag("no-watch")
    theme = p.value("theme")
    color = p.choice("color", default: .auto)
    ascii = p.flag("ascii")
    exportDir = p.value("export-dir") ?? "."
    present = p.flag("present")
    cycle = p.value("cycle") ?? "20s"
    guard cycleSeconds != nil else {
      throw UsageFailure(message: "stp-dash: error: --cycle takes a time such as 20s, 45 or 1m")
    }
  }

  /// `--cycle` in seconds: "20s", "45", "1m".
  var cycleSeconds: Int? {
    let t = cycle.lowercased()
    if t.hasSuffix("m"), let n = Int(t.dropLast()), n > 0 { return n * 60 }
    if t.hasSuffix("s"), let n = Int(t.dropLast()), n > 0 { return n }
    if let n = Int(t), n > 0 { return n }
    return nil
  }

  enum ColorChoice: String, CaseIterable {
    case auto, always, never
  }

  func run() throws {
    // Data first: a broken data directory is reported on a normal terminal, before any drawing.
    let loaded = try source.load()
    try checkTerminal()
    let backend: NcursesBackend
    do {
      backend = try NcursesBackend(
        mouse: mouse, color: color == .auto ? nil : (color == .always))
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
  ///
  /// The wait has a timeout only while something is pending (a debounced reload, change marks
  /// to clear, or polling where inotify is missing), so an idle dashboard wakes for nothing.
  func runLoop(_ backend: NcursesBackend, _ loaded: LoadResult) -> Int32 {
    let directory = source.directory
    let watcher = (directory != nil && !noWatch) ? DirectoryWatcher(path: directory ?? "") : nil
    // Themes: the shipped ones and the user's; without colour only mono makes sense.
    var catalog = ThemeCatalog()
    var startMessage = catalog.problems.first.map { "theme skipped: \($0)" }
    var first = 0
    if let choice = theme {
      switch catalog.select(choice) {
      case .success(let i): first = i
      case .failure(let e): startMessage = "theme not used: \(e); showing default"
      }
    }
    let themes = backend.hasColors ? catalog.themes : [Theme.mono]
    if !backend.hasColors { first = 0 }
    var state = AppState(
      dataset: loaded.dataset, metrics: loaded.metrics, warnings: loaded.warnings, loadedAt: clockTime(),
      size: backend.size,
      glyphs: (backend.isUTF8 && !ascii) ? .unicode : .ascii, isMouseEnabled: mouse,
      themeNames: themes.map(\.name), colorDescription: backend.depth.description + backend.depthNote,
      dataDirectory: directory, isWatching: watcher != nil)
    state.session.themeIndex = first
    state.message = startMessage
    state.session.cycleSeconds = cycleSeconds ?? 20
    if present { _ = reduce(&state, .togglePresentation) }
    var tickAt: Double?
    var files = loaded.files
    var serial = 0
    var reloadAt: Double?
    var burstStart: Double?
    var clearMarksAt: Double?
    var shown = Canvas(size: .zero)

    func reload() -> Action {
      serial += 1
      do {
        let result = try DatasetLoader.load(directory: directory ?? "", required: files)
        files = result.files
        return .dataLoaded(DataUpdate(.success(result), at: clockTime(), serial: serial))
      } catch {
        return .dataLoaded(DataUpdate(.failure(error), at: clockTime(), serial: serial))
      }
    }

    func dispatch(_ action: Action) {
      var queue = [action]
      while !queue.isEmpty {
        for effect in reduce(&state, queue.removeFirst()) {
          switch effect {
          case .repaint:
            backend.clear()
            shown = Canvas(size: .zero)
          case .reload:
            reloadAt = nil
            queue.append(reload())
          case .clearChangeMarksLater:
            clearMarksAt = monotonicSeconds() + 3
          case .export(let request):
            queue.append(.exported(performExport(request, dataset: state.dataset, metrics: state.metrics,
                                                 directory: exportDir)))
          }
        }
      }
    }

    while !state.isFinished {
      let next = Screen.render(state)
      let theme = themes.indices.contains(state.session.themeIndex) ? themes[state.session.themeIndex] : Theme.default
      backend.apply(next, since: shown, theme: theme)
      shown = next
      // Wake only for what is pending.
      let now = monotonicSeconds()
      // The presentation's second timer runs only while a cycle runs.
      if state.session.presentation?.isRunning == true {
        if tickAt == nil { tickAt = now + 1 }
      } else {
        tickAt = nil
      }
      var deadlines = [reloadAt, clearMarksAt, tickAt].compactMap { $0 }
      if let w = watcher, w.descriptor == nil { deadlines.append(now + Double(w.pollInterval) / 1000) }
      let timeout = deadlines.min().map { Int32(max(0, ($0 - now) * 1000).rounded(.up)) }
      switch backend.nextEvent(timeout: timeout, watch: watcher?.descriptor) {
      case .event(.tick):
        break
      case .event(let event):
        if let action = state.action(for: event) { dispatch(action) }
      case .watchReady:
        if let urgency = watcher?.drain() {
          // Debounce: reload once the files have been quiet for 30 ms (300 ms while bytes are
          // still arriving without a close), but never later than 500 ms after a burst began,
          // so a writer that never stops cannot hold the screen back.
          let t = monotonicSeconds()
          if reloadAt == nil { burstStart = t }
          let quiet = t + (urgency == .settled ? 0.03 : 0.3)
          reloadAt = min(quiet, (burstStart ?? t) + 0.5)
        }
      case .signal(let sig):
        return 128 + sig
      case .hangup:
        return 128 + SIGHUP
      }
      let later = monotonicSeconds()
      if let w = watcher, w.descriptor == nil, let urgency = w.drain() {
        reloadAt = later + (urgency == .settled ? 0 : 0.3)
      }
      if let at = reloadAt, at <= later {
        reloadAt = nil
        burstStart = nil
        dispatch(reload())
      }
      if let at = tickAt, at <= later {
        tickAt = at + 1 <= later ? later + 1 : at + 1
        dispatch(.presentationTick)
      }
      if let at = clearMarksAt, at <= later {
        clearMarksAt = nil
        dispatch(.clearChangeMarks)
      }
    }
    return 0
  }
}

/// Seconds on a clock that only goes forward (for timers).
func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The local time as HH:MM:SS, for "loaded at".
func clockTime() -> String {
  var t = time(nil)
  var parts = tm()
  localtime_r(&t, &parts)
  func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
}
