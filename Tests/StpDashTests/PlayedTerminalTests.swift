import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard on a pseudo-terminal this test plays: it reads what the dashboard writes and
/// answers its questions when it chooses (tmux answers them at once, so a slow terminal, or a
/// slow SSH link, can only be played this way).
final class PlayedTerminal {
  let master: Int32
  let pid: pid_t
  private var bytes: [UInt8] = []
  /// Everything the dashboard wrote so far.
  var output: String { String(decoding: bytes, as: UTF8.self) }
  /// How many bytes the dashboard wrote so far.
  var written: Int { bytes.count }
  /// What the dashboard wrote after its first `offset` bytes.
  func written(since offset: Int) -> String { String(decoding: bytes[offset...], as: UTF8.self) }

  /// Starts `command` (a shell command line) on the terminal, 120x40, TERM=xterm-256color.
  /// nil when this system has no pseudo-terminals.
  init?(_ command: String, environment: [String] = []) {
    // The pseudo-terminal calls, which Swift's Glibc module leaves out (they need
    // _XOPEN_SOURCE), looked up in the C library itself.
    typealias IntCall = @convention(c) (Int32) -> Int32
    typealias NameCall = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let libc = dlopen(nil, RTLD_NOW)
    func call<T>(_ name: String, _: T.Type) -> T? {
      dlsym(libc, name).map { unsafeBitCast($0, to: T.self) }
    }
    guard let openpt = call("posix_openpt", IntCall.self),
      let grant = call("grantpt", IntCall.self),
      let unlock = call("unlockpt", IntCall.self), let ptsname = call("ptsname", NameCall.self)
    else { return nil }
    master = openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)  // not for other tests' children
    guard master >= 0, grant(master) == 0, unlock(master) == 0,
      let name = ptsname(master).map({ String(cString: $0) })
    else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    posix_spawn_file_actions_addclose(&actions, master)
    var attr = posix_spawnattr_t()
    emptySignalMask(&attr)
    // NO_COLOR off: `swift test` sets it, and a terminal without colours is not asked its
    // background.
    let line =
      "stty cols 120 rows 40; exec env -u NO_COLOR LANG=C.UTF-8 TERM=xterm-256color "
      + environment.joined(separator: " ") + " " + command
    let args: [String] = ["/bin/sh", "-c", line]
    let argv = args.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var child: pid_t = 0
    let rc = posix_spawn(&child, "/bin/sh", &actions, &attr, argv, environ)
    posix_spawn_file_actions_destroy(&actions)
    posix_spawnattr_destroy(&attr)
    guard rc == 0 else {
      close(master)
      return nil
    }
    pid = child
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    close(master)
  }

  /// Reads until `done` holds for the output or `seconds` pass; whether it held.
  @discardableResult
  func read(seconds: Double = 10, until done: (String) -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    var chunk = [UInt8](repeating: 0, count: 4096)
    while !done(output) {
      let left = end.timeIntervalSinceNow
      guard left > 0 else { return false }
      var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&p, 1, Int32(left * 1000) + 1) > 0 else { continue }
      let n = chunk.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
      guard n > 0 else { return done(output) }
      bytes += chunk[0..<n]
    }
    return true
  }

  /// Waits for the background question (OSC 11, then DA1), answers `reply`, and reads until
  /// the first frame shows the league; whether both came.
  func answer(_ reply: String) -> Bool {
    guard read(until: { $0.contains("\u{1b}]11;?") && $0.contains("\u{1b}[c") }) else {
      return false
    }
    write(reply)
    return read { $0.contains("Dorset") }
  }

  /// Quits with `:q` and reads until the dashboard leaves the alternate screen (it leaves and
  /// enters it once as it starts, too); whether it did.
  func quit() -> Bool {
    let from = bytes.count
    write(":q\r")
    return read(seconds: 5) { _ in
      self.written(since: from).contains("\u{1b}[?1049l")
    }
  }

  func write(_ text: String) {
    let data = Array(text.utf8)
    _ = data.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
  }
}

@Suite(.serialized) struct PlayedTerminalTests {
  /// The dashboard asks the terminal its background (OSC 11, then DA1) as it sets the terminal
  /// up, and reads the answer only when the themes need it: the data loads meanwhile, so a
  /// terminal that answers slowly (over SSH, one round trip) costs that round trip, not the
  /// round trip and the load after it (issue 26). The answer is still used: a white background
  /// picks the light theme.
  @Test func theDataLoadsWhileTheTerminalAnswers() throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "start-\(UUID()).log"
    ).path
    defer { try? FileManager.default.removeItem(atPath: log) }
    let t = try #require(
      PlayedTerminal("'\(CLI.executable.path)'", environment: ["STP_DASH_START_LOG='\(log)'"]))
    #expect(
      t.read { $0.contains("\u{1b}]11;?") && $0.contains("\u{1b}[c") },
      "no question: \(t.output.debugDescription.prefix(600))")
    // A slow terminal: the answer comes 300 ms after the question.
    usleep(300_000)
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    let answered = Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
    t.write("\u{1b}]11;rgb:ffff/ffff/ffff\u{1b}\\\u{1b}[?62;22c")
    #expect(t.read { $0.contains("Dorset") }, "no first frame: \(t.output.suffix(300))")
    let phases = Dictionary(
      ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap
      {
        line -> (String, Int)? in
        let parts = line.split(separator: " ")
        guard parts.count == 2, let ns = Int(parts[1]) else { return nil }
        return (String(parts[0]), ns)
      }, uniquingKeysWith: { a, _ in a })
    let loaded = try #require(phases["loaded"], "phases: \(phases)")
    #expect(
      loaded < answered, "the data loaded \((loaded - answered) / 1_000_000) ms after the answer")
    #expect((phases["background"] ?? 0) >= answered, "the answer read before it came: \(phases)")
    // The answer was read, not left to be taken as keys, and it chose the light theme.
    t.write("?")
    #expect(t.read { $0.contains("theme light") && $0.contains("light background") })
    t.write("\u{1b}")  // help closes; then quit
    usleep(100_000)
    #expect(t.quit())
  }

  /// A frame reaches the terminal in one write (two when it fills ncurses' buffer), not in one
  /// per cursor jump: ncurses flushes at every jump until its screen has been left and entered
  /// once, and the dashboard's first frame went out in 141 writes, a pane's in 65-102, each
  /// a wake-up of the terminal and a packet over SSH. Counted by the kernel (`syscw` in
  /// /proc/PID/io) around a key that redraws the whole screen.
  @Test func aFrameIsOneWrite() throws {
    let t = try #require(PlayedTerminal("'\(CLI.executable.path)' --background dark"))
    #expect(t.answer("\u{1b}]11;rgb:0000/0000/0000\u{1b}\\\u{1b}[?62;22c"))
    t.read(seconds: 0.5) { _ in false }  // the start's other work done
    func writes() throws -> Int {
      let io = try String(contentsOfFile: "/proc/\(t.pid)/io", encoding: .utf8)
      let line = try #require(io.split(separator: "\n").first { $0.hasPrefix("syscw:") })
      return try #require(Int(line.dropFirst("syscw:".count).trimmingCharacters(in: .whitespaces)))
    }
    for (key, shown) in [("2", "Humber, Coast and Vale"), ("3", "Shropshire and Telford")] {
      let before = try writes()
      let from = t.written
      t.write(key)
      #expect(t.read { _ in t.written(since: from).contains(shown) }, "pane \(key) not drawn")
      t.read(seconds: 0.3) { _ in false }
      let made = try writes() - before
      #expect(made >= 1 && made <= 3, "pane \(key) drawn in \(made) writes")
    }
    #expect(t.quit())
  }

  /// With `--background` the answer is not needed, but it comes all the same: it is read, never
  /// left to arrive as keys (its `?` would open help, its `2` the Partnerships pane).
  @Test func anAnswerNotNeededIsStillRead() throws {
    let t = try #require(PlayedTerminal("'\(CLI.executable.path)' --background dark"))
    #expect(t.answer("\u{1b}]11;rgb:ffff/ffff/ffff\u{1b}\\\u{1b}[?62;2;22c"))
    // Nothing more happens: no help, no other pane.
    t.read(seconds: 0.5) { _ in false }
    #expect(!t.output.contains("Help — Esc closes"))
    #expect(!t.output.contains("How broad beyond the NHS"))
    t.write("?")
    #expect(t.read { $0.contains("Help") && $0.contains("dark background") })
    t.write("\u{1b}")
    usleep(100_000)
    #expect(t.quit())
  }
}
