import CCrashRestore
import STPPlatform
import STPReport
import STPTerminal

/// The terminal in linear mode (`--linear`, TERM=dumb): for screen readers and braille
/// displays. No cursor addressing, no colour, no alternate screen: each frame prints only the
/// lines a key changed (`LinearDiff`), as plain text, one line each, so a reader announces
/// them once. Keys are read one at a time (canonical input and echo off when standard input is
/// a terminal); arrows, Page Up/Down, Home and End are decoded from their ANSI sequences.
public final class LinearBackend: DashboardTerminal {
  public let depth = ColorDepth.none
  public let depthNote = " (linear mode)"
  public let isUTF8: Bool
  public func reportedBackground() -> (UInt8, UInt8, UInt8)? { nil }
  /// The size panes are laid out for (what the terminal says, else 80x24); nothing is drawn
  /// by position.
  public let size: Size
  private var saved: termios?
  private var stopped = false
  private var repaintAll = true
  private var input: [UInt8] = []
  private var failedReads = 0

  /// Sets standard input to one key at a time (when it is a terminal) and catches the stop
  /// signals.
  public init() {
    setlocale(LC_CTYPE, "")  // the character set only (see StpDash.main)
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
    isUTF8 = codeset.filter { $0 != "-" } == "UTF8"
    installStopHandlers()
    var ws = winsize()
    size =
      ioctl(1, UInt(TIOCGWINSZ), &ws) == 0 && ws.ws_col > 0
      ? Size(width: Int(ws.ws_col), height: Int(ws.ws_row)) : Size(width: 80, height: 24)
    if isatty(0) != 0 {
      stp_crash_install()  // a crash restores the modes saved here
      stp_crash_set_reset("\r\n")
      var t = termios()
      if tcgetattr(0, &t) == 0 {
        saved = t
        t.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
          cc[Int(VMIN)] = 1
          cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &t)
      }
    }
  }

  /// Prints the lines the frame changed.
  public func apply(_ next: Canvas, since previous: Canvas, theme: Theme) {
    guard !stopped else { return }
    let lines = next.linearLines ?? []
    let news = repaintAll ? lines : LinearDiff.news(previous.linearLines ?? [], lines)
    repaintAll = false
    guard !news.isEmpty else { return }
    write(news.joined(separator: "\n") + "\n")
  }

  /// Ctrl-L: the next frame prints every line again.
  public func clear() { repaintAll = true }

  /// Waits for a key, a signal or one of `watch`, at most `timeout` ms.
  public func nextEvent(timeout: Int32?, watch: [Int32]) -> BackendEvent {
    while true {
      let sig = pendingSignal.exchange(0, ordering: .relaxed)
      if sig != 0 { return .signal(sig) }
      if let key = decode() { return .event(.key(key)) }
      var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
      for fd in watch { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
      // A lone Esc: wait 25 ms for the rest of a sequence before taking it as Esc.
      let wait = input.isEmpty ? (timeout ?? -1) : 25
      let r = poll(&fds, nfds_t(fds.count), wait)
      if r < 0 {
        if errno == EINTR { continue }
        return .hangup
      }
      if r == 0 {
        if !input.isEmpty, let key = decode(final: true) { return .event(.key(key)) }
        return .event(.tick)
      }
      if let ready = fds.dropFirst().first(where: { $0.revents & Int16(POLLIN | POLLHUP) != 0 }) {
        return .watchReady(ready.fd)
      }
      var chunk = [UInt8](repeating: 0, count: 256)
      let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if n > 0 {
        failedReads = 0
        input += chunk.prefix(n)
        continue
      }
      if n < 0 && errno == EINTR { continue }
      failedReads += 1
      if failedReads > 3 || fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
        return .hangup
      }
    }
  }

  /// The first key in the bytes read; nil while a sequence may still be arriving (unless
  /// `final`).
  private func decode(final: Bool = false) -> Key? {
    guard let first = input.first else { return nil }
    if first == 0x1B {
      if input.count == 1 {
        guard final else { return nil }
        input.removeFirst()
        return .escape
      }
      let sequences: [([UInt8], Key)] = [
        (Array("[A".utf8), .up), (Array("[B".utf8), .down), (Array("[C".utf8), .right),
        (Array("[D".utf8), .left), (Array("[5~".utf8), .pageUp), (Array("[6~".utf8), .pageDown),
        (Array("[H".utf8), .home), (Array("[F".utf8), .end), (Array("[1~".utf8), .home),
        (Array("[4~".utf8), .end), (Array("[Z".utf8), .backTab), (Array("OA".utf8), .up),
        (Array("OB".utf8), .down), (Array("OC".utf8), .right), (Array("OD".utf8), .left),
      ]
      let rest = input.dropFirst()
      for (seq, key) in sequences where rest.starts(with: seq) {
        input.removeFirst(1 + seq.count)
        return key
      }
      if !final && sequences.contains(where: { $0.0.starts(with: rest) }) { return nil }
      input.removeFirst()
      return .escape
    }
    switch first {
    case 0x0D, 0x0A:
      input.removeFirst()
      return .enter
    case 0x09:
      input.removeFirst()
      return .tab
    case 0x7F, 0x08:
      input.removeFirst()
      return .backspace
    case 0x01...0x1A:
      input.removeFirst()
      return .ctrl(Character(UnicodeScalar(first + 0x60)))
    default:
      // One UTF-8 character (its length from the first byte).
      let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
      guard input.count >= length else { return final ? dropOne() : nil }
      let bytes = Array(input.prefix(length))
      input.removeFirst(length)
      guard let ch = String(decoding: bytes, as: UTF8.self).first, ch != "\u{FFFD}" else {
        return nil
      }
      return .char(ch)
    }
  }

  private func dropOne() -> Key? {
    input.removeFirst()
    return nil
  }

  /// The clipboard cannot be reached without a terminal's escape sequences: the text is
  /// printed, to be selected by the reader's own means.
  public func copy(_ text: String) { write("Copied: " + SafeText.forTerminal(text) + "\n") }

  private func write(_ text: String) {
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { STPPlatform.write(1, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return }
      done += n
    }
  }

  /// Input back as it was.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    if var t = saved { tcsetattr(0, TCSANOW, &t) }
    stp_crash_disarm()
  }

  deinit { stop() }
}
