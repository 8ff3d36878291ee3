import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard on every kind of terminal it meets over SSH (issue 23): in tmux, under each
/// TERM (and NO_COLOR, and LANG=C), it starts, draws every pane and help, and quits with status
/// 0. On each screen no text on the terminal's background is drawn in colour 0 (black on the dark
/// background it is told of) and no cell's foreground equals its background; in the bytes it
/// wrote, no colour sequence the TERM's terminfo lacks (no 256-colour sequences on an 8-colour
/// terminal, no colour at all on a vt100). TERMs this machine has no terminfo for are listed and
/// skipped (.ci/run installs ncurses-term, which has xterm-16color and xterm-direct). TERM=dumb
/// gets the linear mode, tested on its own.
@Suite(.serialized) struct TerminalMatrixTests {
  struct Case {
    var term: String
    var env: [String] = []
    /// Colours the terminfo entry has (what the bytes may use).
    var colours: Int
  }

  static let cases: [Case] = [
    Case(term: "xterm", colours: 8), Case(term: "xterm-16color", colours: 16),
    Case(term: "xterm-256color", colours: 256), Case(term: "xterm-direct", colours: 1 << 24),
    Case(term: "screen", colours: 8), Case(term: "screen-256color", colours: 256),
    Case(term: "tmux-256color", colours: 256), Case(term: "linux", colours: 8),
    Case(term: "vt100", colours: 0), Case(term: "vt220", colours: 0),
    Case(term: "xterm-256color", env: ["NO_COLOR=1"], colours: 0),
    Case(term: "xterm-256color", env: ["LANG=C", "LC_ALL=C"], colours: 256),
  ]

  @Test func everyPaneOnEveryTerminal() throws {
    guard Tmux.isInstalled else { return }
    var skipped: [String] = []
    for c in Self.cases {
      guard spawn(["infocmp", c.term]).status == 0 else {
        skipped.append(c.term)
        continue
      }
      check(c)
    }
    if !skipped.isEmpty { print("terminal matrix: no terminfo here for \(skipped)") }
  }

  /// TERM=dumb (and --linear): the linear mode for screen readers. The screen is sentences,
  /// a key prints only what it changed, every key works, and it quits with 0, leaving no
  /// escape sequence behind.
  @Test func dumbTerminalsGetTheLinearMode() throws {
    guard spawn(["tmux", "-V"]).status == 0 else { return }
    let t = Tmux()
    defer { t.run("kill-server") }
    let bytesFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "linear-\(UUID()).bytes"
    ).path
    defer { try? FileManager.default.removeItem(atPath: bytesFile) }
    t.run(
      "new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50",
      "sleep 0.2; LANG=C.UTF-8 TERM=dumb '\(CLI.executable.path)'; echo status=$?; sleep 30", ";",
      "pipe-pane", "-t", "e2e", "-o", "cat > '\(bytesFile)'")
    #expect(t.waitFor { $0.contains("League pane. band known 17/44") })
    #expect(t.screen().contains("> Dorset: Pos of 17 =1; Pos of 44 =1;"))
    t.run("send-keys", "-t", "e2e", "j")
    #expect(t.waitFor { $0.contains("> Durham, Darlington, Teesside") })
    t.run("send-keys", "-t", "e2e", "5")
    #expect(t.waitFor { $0.contains("Map pane.") && $0.contains("Outstanding, 5: ") })
    t.run("send-keys", "-t", "e2e", "q", "q")
    #expect(t.waitFor { $0.contains("status=0") })
    let bytes = (try? String(contentsOfFile: bytesFile, encoding: .utf8)) ?? ""
    #expect(bytes.contains("Map pane."))
    #expect(!bytes.contains("\u{1b}"), "an escape sequence on a dumb terminal")
    // The Durham line was printed once, on the key that selected it (q back to the League
    // later prints that pane whole again).
    let beforeMap = bytes.components(separatedBy: "Map pane.").first ?? ""
    #expect(beforeMap.components(separatedBy: "> Durham").count == 2)
    // Dorset's line once, marked: j does not print again the row it left.
    #expect(beforeMap.components(separatedBy: "Dorset:").count == 2)
  }

  /// The checks catch what they look for.
  @Test func theChecksSeeBlackTextAndForeignSequences() {
    #expect(!Self.problems("\u{1b}[30mX").isEmpty)
    #expect(!Self.problems("\u{1b}[36;46mX").isEmpty)
    #expect(!Self.problems("\u{1b}[38;5;21;48;5;21mX").isEmpty)
    #expect(Self.problems("\u{1b}[30;46mX\u{1b}[0m \u{1b}[37mY").isEmpty)
    #expect(Self.problems("\u{1b}[7;30mX").isEmpty)  // reversed: black is the background
    #expect(!Self.colourSequences("\u{1b}[38;5;248mX", allowed: 8).isEmpty)
    #expect(!Self.colourSequences("\u{1b}[31mX", allowed: 0).isEmpty)
    #expect(Self.colourSequences("\u{1b}[38;5;248mX", allowed: 256).isEmpty)
    let info = "smcup=\\E[?1049h\\E[22;0;0t,\n"
    #expect(Self.foreignSequences("\u{1b}[?1049hX", terminfo: info, term: "xterm").isEmpty)
    #expect(!Self.foreignSequences("\u{1b}[?2004hX", terminfo: info, term: "xterm").isEmpty)
    #expect(!Self.foreignSequences("\u{1b}]11;?\u{1b}\\", terminfo: info, term: "vt100").isEmpty)
    #expect(Self.foreignSequences("\u{1b}]11;?\u{1b}\\", terminfo: info, term: "xterm").isEmpty)
  }

  func check(_ c: Case) {
    let name = ([c.term] + c.env).joined(separator: " ")
    let t = Tmux()
    defer { t.run("kill-server") }
    let statusFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "matrix-\(UUID()).status"
    ).path
    let bytesFile = statusFile + ".bytes"
    defer {
      try? FileManager.default.removeItem(atPath: statusFile)
      try? FileManager.default.removeItem(atPath: bytesFile)
    }
    let env = (["LANG=C.UTF-8", "TERM=\(c.term)"] + c.env).joined(separator: " ")
    t.run(
      "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40",
      "sleep 0.2; env \(env) '\(CLI.executable.path)' --background dark; "
        + "echo $? > '\(statusFile)'; sleep 30", ";",
      "pipe-pane", "-t", "e2e", "-o", "cat > '\(bytesFile)'")
    guard t.waitFor(10, { $0.contains("League") && $0.contains("Dorset") }) else {
      Issue.record("\(name): the dashboard did not start: \(t.screen())")
      return
    }
    for key in ["1", "2", "3", "4", "5", "6", "7", "8", "?"] {
      t.run("send-keys", "-t", "e2e", key)
      usleep(150_000)
      let shown = t.run("capture-pane", "-p", "-e", "-t", "e2e")
      for problem in Self.problems(shown) { Issue.record("\(name), key \(key): \(problem)") }
    }
    t.run("send-keys", "-t", "e2e", "Q")
    var status = ""
    let sent = Date()
    while Date().timeIntervalSince(sent) < 5, status.isEmpty {
      status = ((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
      usleep(20_000)
    }
    #expect(status == "0", "\(name): exit status \(status)")
    let bytes = (try? String(contentsOfFile: bytesFile, encoding: .isoLatin1)) ?? ""
    #expect(bytes.count > 1000, "\(name): the terminal's bytes were not recorded")
    for problem in Self.colourSequences(bytes, allowed: c.colours) {
      Issue.record("\(name): \(problem)")
    }
    let terminfo = spawn(["infocmp", "-1", "-x", c.term]).output
    for problem in Self.foreignSequences(bytes, terminfo: terminfo, term: c.term) {
      Issue.record("\(name): \(problem)")
    }
  }

  /// Sequences written that the TERM's terminfo entry lacks, beyond colours: each private mode
  /// set or reset (`ESC [ ? 1049 h`) must be one of the entry's strings, and the queries the
  /// dashboard writes itself (OSC 11, DA1) must not reach the Linux console or the DEC
  /// terminals, which do not take them. (ncurses writes only the entry's strings; these are
  /// the ones written by hand.)
  static func foreignSequences(_ bytes: String, terminfo: String, term: String) -> [String] {
    let esc = "\u{1b}"
    let known = terminfo.replacingOccurrences(of: "\\E", with: esc)
    var out: Set<String> = []
    var rest = bytes[...]
    while let r = rest.range(of: esc + "[?") {
      let tail = rest[r.upperBound...]
      guard let end = tail.firstIndex(where: { $0 == "h" || $0 == "l" }) else { break }
      let seq = String(rest[r.lowerBound...end])
      let modes = tail[..<end]
      if modes.allSatisfy({ $0.isNumber || $0 == ";" }), !known.contains(seq) {
        out.insert("private mode \(seq.dropFirst()) is not in \(term)'s terminfo")
      }
      rest = rest[tail.index(after: end)...]
    }
    if ["linux", "vt1", "vt2"].contains(where: { term.hasPrefix($0) }) {
      if bytes.contains(esc + "]") { out.insert("an OSC sequence sent to \(term)") }
      if bytes.contains(esc + "[c") { out.insert("a DA1 query sent to \(term)") }
    }
    return out.sorted()
  }

  /// Text on the terminal's background in colour 0, or with its foreground equal to its
  /// background, in a screen captured with its attributes (`capture-pane -e`).
  static func problems(_ screen: String) -> [String] {
    var fg: String?
    var bg: String?
    var reverse = false
    var out: Set<String> = []
    let esc = Character("\u{1b}")
    var i = screen.startIndex
    while i < screen.endIndex {
      if screen[i] == esc, screen.index(after: i) < screen.endIndex,
        screen[screen.index(after: i)] == "[",
        let m = screen[i...].firstIndex(of: "m")
      {
        let params = screen[screen.index(i, offsetBy: 2)..<m].split(
          separator: ";", omittingEmptySubsequences: false
        ).map { Int($0) ?? 0 }
        var k = 0
        while k < params.count {
          let p = params[k]
          switch p {
          case 0:
            fg = nil
            bg = nil
            reverse = false
          case 7: reverse = true
          case 27: reverse = false
          case 30...37, 90...97: fg = "\(p % 10 + (p >= 90 ? 8 : 0))"
          case 39: fg = nil
          case 40...47, 100...107: bg = "\(p % 10 + (p >= 100 ? 8 : 0))"
          case 49: bg = nil
          case 38, 48:
            // 38;5;N or 38;2;R;G;B
            let n = k + 1 < params.count && params[k + 1] == 5 ? 2 : 4
            let value = params.dropFirst(k + 2).prefix(n - 1).map(String.init).joined(
              separator: ",")
            if p == 38 { fg = value } else { bg = value }
            k += n
          default: break
          }
          k += 1
        }
        i = screen.index(after: m)
        continue
      }
      let ch = screen[i]
      if ch != " " && ch != "\n" {
        if fg == "0" && bg == nil && !reverse {
          out.insert("'\(ch)' in colour 0 on the terminal's (dark) background")
        }
        if let f = fg, f == bg { out.insert("'\(ch)' in colour \(f) on colour \(f)") }
      }
      i = screen.index(after: i)
    }
    return out.sorted().prefix(5).map { $0 }
  }

  /// Colour sequences beyond what the terminal has: 256-colour or 24-bit ones on a terminal of
  /// fewer colours, bright colours on an 8-colour one, any colour on one without colour.
  static func colourSequences(_ bytes: String, allowed: Int) -> [String] {
    var out: [String] = []
    if allowed < 256 && (bytes.contains("[38;5;") || bytes.contains("[48;5;")) {
      out.append("256-colour sequences on a \(allowed)-colour terminal")
    }
    if allowed < 1 << 24 && (bytes.contains("[38;2;") || bytes.contains("[48;2;")) {
      out.append("24-bit colour sequences on a \(allowed)-colour terminal")
    }
    if allowed == 0 {
      for code in ["[30m", "[31m", "[32m", "[33m", "[34m", "[35m", "[36m", "[37m", "[39;49m"]
      where bytes.contains(code) && code != "[39;49m" {
        out.append("colour sequence \(code) on a terminal without colour")
        break
      }
    }
    return out
  }
}
