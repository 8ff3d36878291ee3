import STPCurses
import STPModel
import STPPlatform
import STPReport
import STPTerminal
import STPThemes
import Synchronization

struct Dashboard: Command {
  static let spec = CommandSpec(
    name: "dashboard", abstract: "The full-screen dashboard (the default command).",
    discussion: """
      Keys: ↑↓ j k, PgUp PgDn, g G, h l for columns, Tab and 1-\(min(9, PaneRegistry.standard.panes.count)) \
      for panes, Enter for the detail of an STP, Esc back, / filter (text, field:value, a|b), n N, \
      s S < > sort, - hide and _ widen the sorted column, m measure (league), : command line \
      (:columns restores columns), y Y copy a source, ? or F1 help, q back (quits at the top), \
      Q quit; stp-dash manual lists every key.
      """,
    options: [
      DataOptions.option,
      .flag("mouse", "Click to select a row (again to open it), wheel to scroll."),
      .flag("no-watch", "Do not watch the data directory for changes (r still reloads)."),
      .option(
        "theme", "name|path",
        "A theme by name (default, light, high-contrast, colour-blind-safe, projector, mono, or one of yours) or a theme file path."
      ),
      .option(
        "color", "when", "Colour: auto (the terminal's, none if NO_COLOR is set), always, never.",
        choices: ColorChoice.allCases.map(\.rawValue)),
      .flag(
        "ascii", "Plain ASCII: no box drawing, blocks or symbols (automatic in a non-UTF-8 locale)."
      ),
      .option(
        "background", "light|dark",
        "The terminal's background, when it does not say (OSC 11) and COLORFGBG is not set: colours that would be hard to read on it are drawn in the terminal's own.",
        choices: Background.allCases.map(\.rawValue)),
      .option("export-dir", "dir", "Where e writes exports (default: the current directory)."),
      .flag("present", "Start in presentation mode (p toggles it)."),
      .flag(
        "linear",
        "For screen readers and braille displays: plain lines, a sentence per row, only what a key changed printed (automatic on TERM=dumb)."
      ),
      .option("cycle", "time", "Seconds per slide when presenting: 20s, 45, 1m."),
    ])

  let source: DataOptions
  let mouse: Bool
  let noWatch: Bool
  let theme: String?
  let color: ColorChoice
  let ascii: Bool
  let background: Background?
  let exportDir: String
  var present: Bool
  let linear: Bool
  let cycle: String
  /// Share under this name from the start (`present --share [NAME]`); `P` shares on demand.
  var shareName: String?
  /// A group admitted to follow as well as you (`--share-group`).
  var shareGroup: UInt32?
  /// The presentation to follow (`stp-dash follow [NAME]`): nil for none, "" for the only one.
  var followName: String?

  init(_ p: ParsedCommand) throws(UsageFailure) {
    source = DataOptions(p)
    mouse = p.flag("mouse")
    noWatch = p.flag("no-watch")
    theme = p.value("theme")
    color = p.choice("color", default: .auto)
    ascii = p.flag("ascii")
    background = p.value("background").flatMap(Background.init(rawValue:))
    exportDir = p.value("export-dir") ?? "."
    present = p.flag("present")
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    linear = p.flag("linear") || term == "dumb"
    cycle = p.value("cycle") ?? "20s"
    guard cycleSeconds != nil else {
      throw UsageFailure(
        message:
          "stp-dash: error: --cycle takes a time such as 20s, 45 or 1m (at most 1440m, a day)")
    }
  }

  /// `--cycle` in seconds: "20s", "45", "1m"; at most a day (a larger or overflowing figure is
  /// a usage error, never a trap).
  var cycleSeconds: Int? {
    let t = cycle.lowercased()
    let (digits, unit) =
      t.hasSuffix("m")
      ? (t.dropLast(), 60) : t.hasSuffix("s") ? (t.dropLast(), 1) : (Substring(t), 1)
    guard let n = Int(digits), n > 0 else { return nil }
    let (seconds, overflow) = n.multipliedReportingOverflow(by: unit)
    return overflow || seconds > 86_400 ? nil : seconds
  }

  enum ColorChoice: String, CaseIterable {
    case auto, always, never
  }

  func run() throws {
    StartLog.stamp("main")
    // Data first: a broken data directory is reported on a normal terminal, before any drawing.
    // The embedded data cannot be broken (its tests load it without a problem): it loads on a
    // thread of its own while the terminal and the themes are set up.
    let ahead =
      source.directory == nil
      ? Alongside.start { Result { () throws -> LoadResult in try source.load() } } : nil
    var early = ahead == nil ? try source.load() : nil
    // Connect before drawing: a presentation that cannot be followed is said on a normal terminal.
    var link: FollowLink?
    if let name = followName {
      do throws(ShareFailure) {
        link = try FollowLink(name: name.isEmpty ? nil : name)
      } catch {
        throw FileFailure(message: "stp-dash: cannot follow: \(error.description)")
      }
    }
    try checkTerminal()
    let backend: any DashboardTerminal
    do {
      backend =
        linear
        ? LinearBackend()
        : try NcursesBackend(mouse: mouse, color: color == .auto ? nil : (color == .always))
    } catch {
      throw UsageFailure(
        message: "stp-dash: cannot open the dashboard: \(error); "
          + "the batch commands still work: stp-dash league, partners, funding, show CODE")
    }
    StartLog.stamp("terminal")
    let choice = readThemes()
    StartLog.stamp("themes")
    let loaded: LoadResult
    if let first = early.take() {  // taken, not copied: nothing here may keep the first load
      loaded = first
    } else {
      do { loaded = try ahead?.join().get() ?? source.load() } catch {
        backend.stop()
        throw error
      }
    }
    StartLog.stamp("loaded")
    // The terminal was asked its background when it was set up; its answer came meanwhile.
    let themes = setUpThemes(backend, choice)
    StartLog.stamp("background")
    // Handed over, not kept: the first load's data must go when a reload replaces it (held here,
    // a million-row dashboard kept both and stayed at twice its size).
    let status = runLoop(backend, consume loaded, themes: themes, follow: link)
    backend.stop()
    if status != 0 { terminate(status) }
  }

  /// The terminal must be one that can position a cursor; otherwise point to the batch commands.
  func checkTerminal() throws {
    let hint =
      "use a batch command instead: stp-dash league | partners | funding | show CODE "
      + "(--format csv|json|markdown)"
    guard isatty(1) == 1, isatty(0) == 1 else {
      throw UsageFailure(message: "stp-dash: the dashboard needs a terminal; \(hint)")
    }
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    if !linear && term.isEmpty {
      throw UsageFailure(
        message:
          "stp-dash: the dashboard cannot run on TERM=\(term.isEmpty ? "(unset)" : term); \(hint)")
    }
  }

  /// Sets the state up from the options and runs the loop (`DashboardLoop`). Returns the exit
  /// status (128 + signal when stopped by one).
  func runLoop(
    _ backend: any DashboardTerminal, _ loaded: consuming LoadResult, themes: ThemeSetup,
    follow link: FollowLink?
  ) -> Int32 {
    var loop = makeLoop(backend, loaded, themes: themes, follow: link)
    return loop.run()
  }

  /// The themes as this terminal can show them, the one to start with, the terminal's
  /// background when known, and what to say about the user's themes.
  struct ThemeSetup {
    /// The themes as written (for papers, which show every colour).
    var written: ThemeCatalog
    var themes: ThemeSet
    var first: Int
    var background: Background?
    var message: String?
  }

  /// The shipped themes and the user's, the one asked for, and what to say about them: read
  /// before the terminal's background is known (nothing here depends on it).
  struct ThemeChoice {
    var catalog: ThemeCatalog
    var first: Int
    var message: String?
  }

  func readThemes() -> ThemeChoice {
    var catalog = ThemeCatalog()
    var message = catalog.problems.first.map { "theme skipped: \($0)" }
    var first = 0
    if let choice = theme {
      switch catalog.select(choice) {
      case .success(let i): first = i
      case .failure(let e): message = "theme not used: \(e); showing default"
      }
    }
    // The theme shown first, parsed now, while the data loads (the others when first shown).
    if catalog.names.indices.contains(first) { _ = catalog.theme(first) }
    return ThemeChoice(catalog: catalog, first: first, message: message)
  }

  func setUpThemes(_ backend: any DashboardTerminal, _ choice: ThemeChoice) -> ThemeSetup {
    // Themes: the shipped ones and the user's; without colour only mono makes sense.
    let (catalog, startMessage) = (choice.catalog, choice.message)
    var first = choice.first
    // Each theme as this terminal can show it readably: roles below their contrast on its
    // background drawn in the terminal's own colours (docs/THEMES.md). The background: as the
    // user says, else as the terminal answers (OSC 11), else COLORFGBG, else unknown (both).
    // The answer is read even when the user names the background: left unread, it would arrive
    // as keys (its `?` opening help, its `1` and `2` changing pane).
    let reported = backend.reportedBackground()
    let background =
      self.background ?? reported.map(Background.of)
      ?? getenv("COLORFGBG").flatMap { Background.fromCOLORFGBG(String(cString: $0)) }
    // Without colour, mono alone; each theme is adapted when first shown (`ThemeSet`).
    let themes =
      backend.hasColors
      ? ThemeSet(
        names: catalog.names, written: { catalog.theme($0) }, depth: backend.depth,
        background: background)
      : ThemeSet(written: [Theme.mono], depth: .none, background: background)
    if !backend.hasColors { first = 0 }
    // A known background picks the theme's variant for it, when the theme names one (the
    // default's light variant is the light theme).
    if let bg = background, backend.hasColors, catalog.names.indices.contains(first),
      let other = catalog.theme(first).variants[bg],
      let i = themes.names.firstIndex(of: other)
    {
      first = i
    }
    return ThemeSetup(
      written: catalog, themes: themes, first: first, background: background,
      message: startMessage)
  }

  /// The loop with its state, themes, watcher and services. A function of its own so that
  /// nothing here outlives it: the first load's data lives only in the loop's state.
  func makeLoop(
    _ backend: any DashboardTerminal, _ loaded: consuming LoadResult, themes setup: ThemeSetup,
    follow: FollowLink? = nil
  ) -> DashboardLoop {
    let directory = source.directory
    let origin = source.directoryName
    let watcher = (directory != nil && !noWatch) ? DirectoryWatcher(path: directory ?? "") : nil
    let (themes, first, background) = (setup.themes, setup.first, setup.background)
    var state = AppState(
      dataset: loaded.dataset, metrics: loaded.metrics, warnings: loaded.warnings,
      loadedAt: clockTime(),
      size: backend.size,
      glyphs: (backend.isUTF8 && !ascii) ? .unicode : .ascii, isMouseEnabled: mouse,
      themeNames: themes.names,
      colorDescription: backend.depth.description + backend.depthNote
        + (background.map { ", \($0.rawValue) background" } ?? ", background unknown"),
      dataDirectory: directory, isWatching: watcher != nil)
    state.session.themeIndex = first
    // The map shades by density where its colours cannot tell its steps apart, and where a
    // theme's border is too close to a fill, that fill's borders take its alternative: measured
    // for each theme when it is first drawn (`ThemeSet.measure`).
    state.session.shadedThemes = []
    state.message = setup.message
    state.session.cycleSeconds = cycleSeconds ?? 20
    state.session.isLinear = linear
    // The files the first load read must stay: a reload that loses one is an error. Reloads run
    // on a thread of their own (one at a time), so keys are answered during a long one.
    let worker = ReloadWorker(directory: directory ?? "", origin: origin, files: loaded.files)
    _ = consume loaded  // the state has what it needs
    let exportDir = self.exportDir
    var services = LoopServices(
      startReload: { mailbox, shown, prepare in
        worker.start(mailbox, shown, prepare: prepare)
      },
      reloadDescriptor: worker.descriptor,
      export: { performExport($0, dataset: $1.dataset, metrics: $1.metrics, directory: exportDir) },
      now: monotonicSeconds, timeOfDay: clockTime)
    // Benchmarks: each key's time from arrival to frame, appended to this file.
    if let path = getenv("STP_DASH_KEY_LOG").map({ String(cString: $0) }),
      let log = fopen(path, "a")
    {
      setvbuf(log, nil, _IOLBF, 0)
      nonisolated(unsafe) let file = log
      services.keyAnswered = { seconds, reloading in
        fputs("\(Int((seconds * 1_000_000).rounded())) \(reloading ? 1 : 0)\n", file)
      }
    }
    let hasColors = backend.hasColors
    let paperThemes = setup.written
    services.exportScreen = { canvas, themeName, pane in
      // The theme as written, not as this terminal could show it: the page shows every colour,
      // and ScreenExport adapts it to the page's own background.
      let theme = paperThemes.names.firstIndex(of: themeName).map(paperThemes.theme) ?? .default
      let colour = hasColors && !theme.isMonochrome
      let stem =
        (exportDir.hasSuffix("/") ? exportDir : exportDir + "/")
        + "stp-dash-screen-\(pane)-\(fileTimestamp())"
      var written: [String] = []
      for (ext, text) in [
        ("svg", ScreenExport.svg(canvas, theme: theme, colour: colour, title: "stp-dash: \(pane)")),
        (
          "html",
          ScreenExport.html(canvas, theme: theme, colour: colour, title: "stp-dash: \(pane)")
        ),
      ] {
        switch writeNew(stem, ext: ext, text: text) {
        case .success(let path): written.append(path)
        case .failure(let reason):
          for w in written { unlink(w) }
          return "export failed: cannot write to \(exportDir): \(reason)"
        }
      }
      return "screen exported to " + written.joined(separator: " and ")
    }
    services.release = { old in
      let box = Mutex<Dataset?>(old)
      let drop: @Sendable () -> Void = {
        box.withLock { $0 = nil }  // the last reference: freed on this thread
        returnFreedMemory()
      }
      if !BackgroundJob.detach(drop) { drop() }
    }
    // Sharing (`present --share`, `P`) and following (`follow`): Unix sockets in a directory
    // only you (or the group named) may enter; nothing on a network.
    // The login name is looked up when sharing starts, not before the first frame (the
    // passwords database: 50-85 µs of every start, issue 26).
    let me = Once { ShareSocket.userName(UInt32(getuid())) }
    services.userName = { me.value }
    let chosenName = self.shareName
    let group = shareGroup
    services.startShare = {
      let shareName =
        chosenName ?? me.value.filter { $0.isLetter || $0.isNumber || $0 == "-" }
      do throws(ShareFailure) {
        return .success(
          try ShareHub(name: shareName.isEmpty ? "stp-dash" : shareName, group: group))
      } catch {
        return .failure(error)
      }
    }
    services.follow = follow
    // Benchmarks: when a view was shared (presenter) or drawn (follower), on the monotonic
    // clock every process shares, one line each.
    if let path = getenv("STP_DASH_SHARE_LOG").map({ String(cString: $0) }),
      let log = fopen(path, "a")
    {
      setvbuf(log, nil, _IOLBF, 0)
      nonisolated(unsafe) let file = log
      let stamp = { (what: String) in
        _ = fputs("\(what) \(Int((monotonicSeconds() * 1_000_000).rounded()))\n", file)
      }
      services.viewShared = { stamp("shared") }
      services.viewFollowed = { stamp("followed") }
      services.viewArrived = { stamp("arrived") }
    }
    services.firstFrameDrawn = { StartLog.stamp("first-frame") }
    // Map layouts off the screen's thread: a large boundaries file never holds up a key.
    MapWork.shared.start()
    StartLog.stamp("state")
    var loop = DashboardLoop(
      state: state, backend: backend, themes: themes, watcher: watcher, services: services)
    if let link = follow {
      loop.state.session.following = FollowingState(
        name: link.name, ownData: loop.state.data.identity)
    }
    if present { loop.dispatch(.togglePresentation) }
    if self.shareName != nil { loop.dispatch(.toggleShare) }
    return loop
  }
}

/// Benchmarks: the dashboard's start in phases, when `STP_DASH_START_LOG` names a file: one line
/// each, the phase and the wall clock in ns (as `date +%s%N` gives it, so that a script can
/// measure from before the exec): main, terminal, themes, loaded (the embedded data loads
/// alongside the terminal and themes), background (the terminal's answer, asked at set-up),
/// state, first-frame.
enum StartLog {
  nonisolated(unsafe) static let file: UnsafeMutablePointer<FILE>? = getenv("STP_DASH_START_LOG")
    .flatMap { fopen($0, "a") }

  static func stamp(_ phase: String) {
    guard let file else { return }
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    fputs("\(phase) \(Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec))\n", file)
    fflush(file)
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

/// `stp-dash present [--share [NAME]]`: the dashboard in presentation mode; with `--share`,
/// colleagues on this machine follow it from their own terminals (`stp-dash follow`).
struct Present: Command {
  static let spec = CommandSpec(
    name: "present",
    abstract: "Present (slides); with --share, colleagues follow from their own terminals.",
    discussion: """
      With --share the view (pane, selection, filter, measure, compare set, spotlight, slide) is \
      shared under NAME (default: your login name) on a Unix socket that only you, or the \
      --share-group, may reach; followers draw it at their own size and theme and cannot change \
      your screen. P starts or stops sharing in any dashboard.
      """,
    options: Dashboard.spec.options.filter { $0.name != "present" } + [
      .flag("share", "Share the view for others to follow (stp-dash follow NAME)."),
      .option("share-group", "group", "Also let this group's members follow."),
    ],
    argument: ArgumentSpec(name: "name", help: "The share's name (with --share).", variadic: true))

  var dashboard: Dashboard

  init(_ p: ParsedCommand) throws(UsageFailure) {
    dashboard = try Dashboard(p)
    dashboard.present = true
    let share = p.flag("share") || p.value("share-group") != nil
    if share { dashboard.shareName = p.words.first ?? "" }
    if let g = p.value("share-group") {
      guard let gid = ShareSocket.group(named: g) else {
        throw UsageFailure(message: "stp-dash: error: no group '\(g)'")
      }
      dashboard.shareGroup = gid
    }
    if !share && !p.words.isEmpty {
      throw UsageFailure(message: "stp-dash: error: a name needs --share (present --share NAME)")
    }
  }

  func run() throws { try dashboard.run() }
}

/// `stp-dash follow [NAME]`: follow a presentation shared on this machine, drawn at your size,
/// theme, colours and mode; any key browses on your own, f follows again.
struct Follow: Command {
  static let spec = CommandSpec(
    name: "follow",
    abstract: "Follow a presentation shared on this machine (stp-dash present --share).",
    discussion: """
      Drawn at your terminal's size, in your theme, colours and mode (--linear works). Any key \
      browses on your own; f follows again. Nothing you do reaches the presenter's screen.
      """,
    options: Dashboard.spec.options.filter { $0.name != "present" },
    argument: ArgumentSpec(
      name: "name", help: "The presentation (default: the only one shared).", variadic: true))

  var dashboard: Dashboard

  init(_ p: ParsedCommand) throws(UsageFailure) {
    dashboard = try Dashboard(p)
    dashboard.followName = p.words.first ?? ""
  }

  func run() throws { try dashboard.run() }
}
