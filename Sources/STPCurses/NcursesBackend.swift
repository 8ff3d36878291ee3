import CCrashRestore
import CNcurses
import STPPlatform
import STPTerminal
import Synchronization

/// The signal that asked the dashboard to stop (SIGINT, SIGTERM, SIGHUP), 0 while none.
/// Handlers only store it: the blocking wait returns with EINTR and the loop ends cleanly.
let pendingSignal = Atomic<Int32>(0)

/// Unblocks what a parent (a test runner) may have blocked, then catches the stop signals: the
/// handlers only store the signal, and the blocking wait returns EINTR.
func installStopHandlers() {
  var all = sigset_t()
  sigfillset(&all)
  sigprocmask(SIG_UNBLOCK, &all, nil)
  for sig in [SIGINT, SIGTERM, SIGHUP] {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { pendingSignal.store($0, ordering: .relaxed) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0  // no SA_RESTART: the wait returns EINTR at once
    sigaction(sig, &action, nil)
  }
}

/// What the dashboard needs of its terminal beyond drawing and reading: ncurses, or the
/// linear terminal for screen readers.
public protocol DashboardTerminal: TerminalBackend {
  /// The colours it shows.
  var depth: ColorDepth { get }
  /// Why the depth is less than the terminal claims, if it is.
  var depthNote: String { get }
  /// Whether the locale is UTF-8.
  var isUTF8: Bool { get }
  /// The terminal's background colour, if it said: the answer to the question asked when the
  /// terminal was set up, waited for at the first call (the start does other work meanwhile).
  func reportedBackground() -> (UInt8, UInt8, UInt8)?
  /// Gives the terminal back as it was.
  func stop()
}

extension DashboardTerminal {
  /// Whether colours are shown at all.
  public var hasColors: Bool { depth > .none }
}

extension NcursesBackend: DashboardTerminal {}

/// Why the terminal could not be used.
public struct BackendError: Error, CustomStringConvertible {
  public let description: String
}

/// The only code that talks to ncurses: draws changed cells, reads keys, reports resizes.
public final class NcursesBackend: TerminalBackend {
  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private var pairs: PairCache
  /// Each style resolved once to attributes and a colour pair: a nearest-colour search per cell
  /// made a full repaint with an RGB theme take 400 ms.
  private var resolved: [Style: (attr: attr_t, pair: Int32)] = [:]
  private var stopped = false
  /// Whether the window holds only blanks (after set-up and `clear`): the next `apply` need
  /// not put the spaces that are drawn in the terminal's own colours, without attributes.
  private var windowIsBlank = true
  private var failedReads = 0
  /// The colours shown: what the terminal has, unless `--color never` or NO_COLOR say none.
  public let depth: ColorDepth
  /// Why the depth is less than the terminal claims, if it is (for help).
  public private(set) var depthNote = ""
  /// Whether the locale is UTF-8 (else the dashboard uses ASCII glyphs).
  public let isUTF8: Bool
  /// The background question (OSC 11, then DA1), asked at set-up and answered by the first
  /// `reportedBackground()`: when it was asked, until then; the answer, after.
  private var backgroundAsked: timespec?
  private var background: (UInt8, UInt8, UInt8)?

  /// Sets the locale, signal handlers and the terminal up. Throws for an unusable terminal.
  /// `color`: nil for automatic (the terminal's colours unless NO_COLOR is set), true to use
  /// the terminal's colours even with NO_COLOR, false for none.
  public init(mouse: Bool, color: Bool? = nil) throws(BackendError) {
    // The character set only, all ncursesw needs for wide characters (see StpDash.main).
    setlocale(LC_CTYPE, "")
    isUTF8 = String(cString: shim_codeset()).uppercased().replacingDashes() == "UTF8"
    // Unblock what a parent (a test runner) may have blocked, then catch the stop signals
    // before ncurses can install handlers that exit without cleaning up.
    installStopHandlers()
    // A crash restores the terminal too: modes saved now, before ncurses changes them.
    stp_crash_install()
    setenv("NCURSES_NO_UTF8_ACS", "1", 1)
    // A terminal that says it takes 24-bit colour (COLORTERM) is driven through the direct-colour
    // variant of its terminfo entry when there is one (xterm-256color -> xterm-direct, from
    // Debian's ncurses-term): ncurses only draws colours that terminfo describes.
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    let colorterm = getenv("COLORTERM").map { String(cString: $0).lowercased() } ?? ""
    let claimsTruecolor = colorterm == "truecolor" || colorterm == "24bit"
    var screenPointer: OpaquePointer?
    var note = ""
    if claimsTruecolor && color != false && term.hasSuffix("-256color") {
      let direct = String(term.dropLast("-256color".count)) + "-direct"
      screenPointer = newterm(direct, shim_stdout(), shim_stdin())
      if screenPointer == nil {
        note = " (COLORTERM says 24-bit; no \(direct) terminfo: install ncurses-term)"
      }
    }
    if screenPointer == nil { screenPointer = newterm(nil, shim_stdout(), shim_stdin()) }
    guard let s = screenPointer else {
      throw BackendError(description: "this terminal type is unknown to terminfo (TERM=\(term))")
    }
    screen = s
    set_term(s)
    guard let w = stdscr_window() else {
      endwin()
      throw BackendError(description: "could not open the screen")
    }
    window = w
    // What the crash handler writes: terminfo's own strings to leave the alternate screen, show
    // the cursor and reset attributes, and mouse reporting off.
    func cap(_ name: String) -> String {
      guard let p = tigetstr(name), Int(bitPattern: p) != -1 else { return "" }
      return String(cString: p)
    }
    stp_crash_set_reset(
      cap("sgr0") + (mouse ? "\u{1b}[?1000l\u{1b}[?1002l\u{1b}[?1006l" : "") + cap("cnorm")
        + cap("rmcup") + "\r\n")
    cbreak()
    noecho()
    nonl()
    keypad(w, true)
    intrflush(w, false)
    nodelay(w, true)
    // Enter the alternate screen first, then hide the cursor: hidden before it, the terminal
    // saves "hidden" with the main screen and restores that on exit (seen in tmux). `newterm`
    // has put the alternate screen's sequence in ncurses' output already, so the cursor's comes
    // after it.
    curs_set(0)
    // ncurses writes its output at every cursor jump until the screen has been left and
    // entered again once (`_nc_mvcur` flushes while `_endwin` is still "initial"; only the
    // return from `endwin` makes it "running"): the first frame went out in 141 writes, and
    // every frame after it in one write per jump, each a wake-up of the terminal (in tmux, a
    // parse and a redraw each) and a packet over SSH. So the screen is left and entered again
    // here, blank, at once (0.42M instructions, while the load runs on its own thread): then
    // a frame is one write (two for a large one). Before colours are started: coming back
    // with colours on, ncurses resets the terminal's palette (OSC 104), which would undo a
    // palette the user set (pywal, base16-shell). The cursor is hidden already: `endwin` shows
    // it before it leaves the alternate screen, so the main screen keeps it shown, and the
    // return hides it again on the alternate one.
    endwin()
    doupdate()
    // How long a lone Esc waits to be sure it does not start a key's escape sequence. 15 ms
    // keeps Esc's response under 25 ms (measured: 25 ms here made it 25-28 ms slower than other
    // keys); a terminal sends a whole sequence at once, so this still tells them apart. A
    // user's ESCDELAY (for a slow link) wins.
    let userDelay = getenv("ESCDELAY").flatMap { Int32(String(cString: $0)) }
    set_escdelay(userDelay ?? 15)
    let noColorEnv = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
    let wanted = color ?? !noColorEnv
    if wanted && has_colors() {
      start_color()
      use_default_colors()
      depth = ColorDepth(colors: Int(shim_colors()))
      if depth < .direct { depthNote = note }
    } else {
      depth = .none
    }
    pairs = PairCache(limit: depth > .none ? Int32(shim_color_pairs()) : 0)
    // Not on the Linux console and the old DEC terminals, which take no OSC queries.
    let asksOSC = !["linux", "vt1", "vt2", "cons"].contains { term.hasPrefix($0) }
    // The wait ends at the DA1 answer, one round trip (under a millisecond locally); the
    // deadline is only for a terminal that never answers. It was 50 ms: over a slow link, or
    // on a loaded machine, the answer came later and was read as keys (its `?` opened help,
    // its `1`, `2` and `c` changed pane and compare). Half a second covers a slow SSH link.
    // Asked now, read when the themes need it: the round trip (1.7 ms of a 10 ms start inside
    // tmux, issue 26) overlaps the themes and the data's load.
    if depth > .none && asksOSC { backgroundAsked = Self.askBackground() }
    if mouse {
      mousemask(
        shim_button1_pressed() | shim_button1_clicked() | shim_button4_pressed()
          | shim_button5_pressed(), nil)
      mouseinterval(0)
    }
  }

  /// The terminal's background colour, when it answered OSC 11 in time (see `askBackground`).
  public func reportedBackground() -> (UInt8, UInt8, UInt8)? {
    if let asked = backgroundAsked.take() {
      background = Self.readBackground(asked: asked, deadline: 0.5)
    }
    return background
  }

  /// Asks the terminal for its background colour (OSC 11), then for its attributes (DA1, which
  /// every terminal answers, in order). Returns when it asked, or nil when it could not.
  private static func askBackground() -> timespec? {
    guard isatty(0) != 0, isatty(1) != 0 else { return nil }
    let query = Array("\u{1b}]11;?\u{1b}\\\u{1b}[c".utf8)
    guard query.withUnsafeBytes({ write(1, $0.baseAddress, $0.count) }) == query.count else {
      return nil
    }
    var asked = timespec()
    clock_gettime(CLOCK_MONOTONIC, &asked)
    return asked
  }

  /// The answer to `askBackground`: the wait ends at the DA1 answer or `deadline` seconds after
  /// the question, so a terminal that does not know OSC 11 costs one round trip and one that
  /// answers nothing costs the deadline, and no late answer is left to be read as keys. Bytes
  /// typed meanwhile are dropped.
  private static func readBackground(asked start: timespec, deadline: Double) -> (
    UInt8, UInt8, UInt8
  )? {
    var reply: [UInt8] = []
    while reply.count < 512 {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      let elapsed = Double(now.tv_sec - start.tv_sec) + Double(now.tv_nsec - start.tv_nsec) / 1e9
      let left = Int32(((deadline - elapsed) * 1000).rounded(.up))
      guard left > 0 else { break }
      var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      guard poll(&p, 1, left) > 0 else { break }
      var chunk = [UInt8](repeating: 0, count: 64)
      let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      guard n > 0 else { break }
      reply += chunk.prefix(n)
      // DA1's answer, ESC [ ? ... c, comes after OSC 11's: all is in.
      if let esc = reply.lastIndex(of: 0x1b), reply[esc...].starts(with: [0x1b, 0x5b, 0x3f]),
        reply.last == 0x63
      {
        break
      }
    }
    return Background.osc11Colour(reply)
  }

  /// The terminal size.
  public var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

  /// Draws the changed cells and shows them.
  /// Draws the cells of `next` that differ from `previous`, then updates the terminal.
  public func apply(_ next: Canvas, since previous: Canvas, theme: Theme) {
    guard !stopped else { return }
    // Neighbouring cells mostly share a role: the last role's attributes and pair are kept, so
    // a run costs one style lookup (a whole first frame went through 4,800 lookups, ~2 ms of
    // the first frame's 11, issue 26), and its cell made once (`setcchar` with a space): a
    // narrow glyph's cell is that one with its character changed, as `setcchar` would make it.
    // Changed cells next to each other in a row go to the window as one run (`CellRun`).
    // On a blank window (the first frame, a repaint) a space in the default colours and no
    // attributes is what the window holds already: leaving those out of the runs took 0.23
    // million instructions off the first frame's putting (issue 26). Any other frame puts
    // every changed cell, as the window may hold something else there.
    let skipsBlanks = windowIsBlank
    windowIsBlank = false
    let normal = shim_a_normal()
    var last: (role: Role, lower: Role?, attr: attr_t, pair: Int32, blank: cchar_t)?
    // The styles met in this frame, by role: a first frame changes role ~300 times among ~30
    // roles, and resolving one (the theme's style, then its pair by a hashed lookup) cost
    // ~1,100 instructions where this search costs a few dozen.
    var met: [(role: Role, lower: Role?, attr: attr_t, pair: Int32, blank: cchar_t)] = []
    var run = CellRun(capacity: next.size.width)
    next.forEachChange(since: previous) { x, y, cell in
      guard !cell.isContinuation else { return }
      let style: (attr: attr_t, pair: Int32, blank: cchar_t)
      if let l = last, l.role == cell.role, l.lower == cell.lower {
        style = (l.attr, l.pair, l.blank)
      } else if let m = met.first(where: { $0.role == cell.role && $0.lower == cell.lower }) {
        style = (m.attr, m.pair, m.blank)
        last = m
      } else {
        let (attr, pair) = resolve(hasColors ? theme.style(cell) : theme.style(cell).monochrome)
        style = (attr, pair, Self.cell(" ", attr, pair))
        last = (cell.role, cell.lower, style.attr, style.pair, style.blank)
        met.append((cell.role, cell.lower, style.attr, style.pair, style.blank))
      }
      guard let scalar = Self.narrowScalar(cell.glyph) else {
        run.flush(to: window)
        var pair = style.pair
        put(x, y, cell.glyph, style.attr, &pair)
        return
      }
      // Left out of the run: the next cell starts a new one (`CellRun.add`).
      if skipsBlanks && scalar == 0x20 && style.pair == 0 && style.attr == normal { return }
      var cc = style.blank
      cc.chars.0 = wchar_t(bitPattern: scalar)
      run.add(cc, x: x, y: y, window: window)
    }
    run.flush(to: window)
    wnoutrefresh(window)
    doupdate()
  }

  /// A cell of one character with these attributes and colour pair, as `setcchar` makes it.
  private static func cell(_ c: Unicode.Scalar, _ attr: attr_t, _ pair: Int32) -> cchar_t {
    var wch: (wchar_t, wchar_t) = (wchar_t(bitPattern: c.value), 0)
    var pair = pair
    var cc = cchar_t()
    withUnsafePointer(to: &wch) { w in
      w.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&cc, $0, attr, 0, &pair) }
    }
    return cc
  }

  /// The glyph's one scalar when it fills one column for ncurses too (`wcwidth` 1: printable
  /// ASCII, box drawing, braille, most letters); nil for anything else.
  private static func narrowScalar(_ glyph: Character) -> UInt32? {
    var scalars = glyph.unicodeScalars.makeIterator()
    guard let first = scalars.next(), scalars.next() == nil else { return nil }
    let v = first.value
    if v >= 0x20 && v < 0x7F { return v }
    return v >= 0xA0 && shim_wcwidth(wchar_t(bitPattern: v)) == 1 ? v : nil
  }

  private func put(_ x: Int, _ y: Int, _ glyph: Character, _ attr: attr_t, _ pair: inout Int32) {
    var wch: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &wch) { raw in
      let w = raw.bindMemory(to: wchar_t.self)
      // The scalars as they are (an ASCII glyph is its one scalar): `Character.asciiValue`
      // cost ~300 instructions a cell, a third of putting it (1.5 of a first frame's 14
      // million instructions).
      var n = 0
      for s in glyph.unicodeScalars where n < 5 {
        w[n] = wchar_t(bitPattern: s.value)
        n += 1
      }
      var cc = cchar_t()
      setcchar(&cc, w.baseAddress, attr, 0, &pair)  // the pair by the extended-pair pointer
      mvwadd_wch(window, Int32(y), Int32(x), &cc)
    }
  }

  private func resolve(_ style: Style) -> (attr_t, Int32) {
    if let r = resolved[style] { return (r.attr, r.pair) }
    var attr = shim_a_normal()
    if style.bold { attr |= shim_a_bold() }
    if style.dim { attr |= shim_a_dim() }
    if style.reverse { attr |= shim_a_reverse() }
    if style.underline { attr |= shim_a_underline() }
    var pair: Int32 = 0
    if hasColors {
      let fg = terminalColor(style.fg, depth: depth)
      let bg = terminalColor(style.bg, depth: depth)
      let p = pairs.pair(fg: fg, bg: bg)
      // Extended pairs: colour numbers above 32767 (24-bit colour) and many pairs.
      if p.isNew { init_extended_pair(p.pair, fg, bg) }
      pair = p.pair
    }
    resolved[style] = (attr, pair)
    return (attr, pair)
  }

  /// Forgets what the terminal shows and clears it, so the next `apply` repaints every cell.
  public func clear() {
    clearok(window, true)
    werase(window)
    windowIsBlank = true
  }

  /// Waits for input, a resize, a signal or activity on `watch`. `timeout` in ms; nil waits
  /// without limit (an idle dashboard wakes for nothing).
  public func nextEvent(timeout: Int32?, watch: [Int32]) -> BackendEvent {
    while true {
      let sig = pendingSignal.exchange(0, ordering: .relaxed)
      if sig != 0 { return .signal(sig) }
      var code: wint_t = 0
      let status = wget_wch(window, &code)
      if status != ERR {
        failedReads = 0
        if status == KEY_CODE_YES && Int32(code) == KEY_RESIZE { return .event(.resize(size)) }
        if status == KEY_CODE_YES && Int32(code) == KEY_MOUSE {
          if let m = mouseEvent() { return .event(.mouse(m)) }
          continue
        }
        if let e = KeyDecoding.event(status: status, code: UInt32(code)) { return .event(e) }
        continue
      }
      var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
      for fd in watch { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
      let r = poll(&fds, nfds_t(fds.count), timeout ?? -1)
      if r < 0 {
        if errno == EINTR { continue }  // a signal (stop, resize, continue after ^Z)
        return .hangup
      }
      if r == 0 { return .event(.tick) }
      if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangup }
      if let ready = fds.dropFirst().first(where: { $0.revents & Int16(POLLIN | POLLHUP) != 0 }) {
        return .watchReady(ready.fd)
      }
      // Readable, yet ncurses reads nothing: end of file. A few in a row means the terminal
      // is gone; stop rather than spin.
      failedReads += 1
      if failedReads > 3 { return .hangup }
    }
  }

  /// Whether the terminal has sent bytes not yet read: keys typed (or pasted, or queued on a
  /// slow link) ahead of the screen.
  public var hasInputWaiting: Bool {
    var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&fd, 1, 0) == 1 && fd.revents & Int16(POLLIN) != 0
  }

  private func mouseEvent() -> MouseEvent? {
    var m = MEVENT()
    guard getmouse(&m) == OK else { return nil }
    let p = Point(x: Int(m.x), y: Int(m.y))
    if m.bstate & shim_button4_pressed() != 0 { return MouseEvent(.wheelUp, at: p) }
    if m.bstate & shim_button5_pressed() != 0 { return MouseEvent(.wheelDown, at: p) }
    if m.bstate & (shim_button1_pressed() | shim_button1_clicked()) != 0 {
      return MouseEvent(.press, at: p)
    }
    return nil
  }

  /// Puts text on the terminal's clipboard: OSC 52 written straight to the terminal (ncurses has
  /// no call for it; the sequence moves no cursor, so the screen ncurses knows stays true).
  public func copy(_ text: String) {
    guard !stopped else { return }
    let bytes = Array(Clipboard.osc52(text).utf8)
    bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        // baseAddress!: done < count, so the buffer is not empty.
        let n = write(1, raw.baseAddress! + done, raw.count - done)
        if n <= 0 { break }
        done += n
      }
    }
  }

  /// Restores the terminal. Safe to call more than once.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    // An answer still on its way would reach the shell as typed text: read it first.
    _ = reportedBackground()
    curs_set(1)  // endwin leaves the cursor as the program set it
    endwin()
    stp_crash_disarm()
    delscreen(screen)
  }

  deinit { stop() }
}

/// Neighbouring cells of a row gathered for one `mvwadd_wchnstr` (`NcursesBackend.apply`):
/// put one by one (`mvwadd_wch`: a move, the window's background merged, wrapping and combining
/// marks handled) a cell cost ~250 instructions, 1.2 of the first frame's 5.6 million in putting
/// and updating (issue 26). Only glyphs of one scalar that the C library also counts one column
/// wide join a run; any other (wide, combining) is put alone as before, so that ncurses places
/// every cell where it did.
private struct CellRun {
  private var cells: [cchar_t] = []
  private var at = (x: 0, y: 0)

  init(capacity: Int) { cells.reserveCapacity(capacity) }

  /// Adds the cell at (x, y), first putting what was gathered if this one does not follow it.
  mutating func add(_ cell: cchar_t, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>) {
    if cells.isEmpty || at.y != y || at.x + cells.count != x {
      flush(to: window)
      at = (x, y)
    }
    cells.append(cell)
  }

  /// Puts the gathered cells in the window.
  mutating func flush(to window: UnsafeMutablePointer<WINDOW>) {
    guard !cells.isEmpty else { return }
    _ = cells.withUnsafeBufferPointer {
      mvwadd_wchnstr(window, Int32(at.y), Int32(at.x), $0.baseAddress, Int32($0.count))
    }
    cells.removeAll(keepingCapacity: true)
  }
}

/// `stdscr` after `newterm` (Swift 6 cannot read the global itself); named after the C global.
// swift-format-ignore: AlwaysUseLowerCamelCase
private func stdscr_window() -> UnsafeMutablePointer<WINDOW>? { shim_stdscr() }

extension String {
  func replacingDashes() -> String { String(filter { $0 != "-" }) }
}
