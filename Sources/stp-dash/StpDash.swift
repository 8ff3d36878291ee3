import STPModel
import STPPlatform
import STPReport
import STPTerminal

/// The version printed by `--version`.
let stpDashVersion = "0.1.0"

@main
enum StpDash {
  /// Every command, the default first. (Computed: a stored array of metatypes is not Sendable.)
  static var commands: [any Command.Type] {
    [
      Dashboard.self, League.self, Partners.self, Funding.self, Show.self, Compare.self,
      Regions.self, Councils.self, Successors.self, Designations.self, MapCommand.self,
      Snapshot.self,
      Validate.self, ExportData.self, Brief.self, Report.self, Present.self, Follow.self,
      Themes.self, Completions.self,
      Manual.self,
    ]
  }

  static let commandLine = CommandLineSpec(
    program: "stp-dash",
    abstract: "England's 44 STPs (2016-18): league positions, partnership breadth and funding.",
    discussion: """
      Without a command, opens the full-screen dashboard. Data: the embedded 2017-18 reference data, \
      or a directory of CSV files given by --data DIR or STP_DASH_DATA (see docs/DATA.md).

      Exit status: 0 success, 1 data errors (listed on standard error) or output that cannot be \
      written, 2 bad usage.
      """,
    version: stpDashVersion, commands: commands.map { $0.spec }, defaultCommand: "dashboard")

  /// Runs a command and maps failures to the documented exit statuses.
  static func main() {
    // ASCII output: asked for, or a locale that is not UTF-8 (as the dashboard decides it).
    // Only the character set comes from the environment: it decides UTF-8 or ASCII, and what
    // ncursesw draws. The other categories stay "C": numbers, times and the system's messages
    // are never localised (every word of the program is English), and loading them (twelve
    // files) cost 0.1-0.2 ms of every start (issue 26).
    setlocale(LC_CTYPE, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().filter { $0 != "-" }
    let args = Array(CommandLine.arguments.dropFirst())
    OutputMode.ascii = args.contains("--ascii") || codeset != "UTF8"
    do {
      // No arguments, the usual start: the dashboard needs only its own spec. Building all the
      // commands' specs and help first took about 0.3 ms of the first frame (issue 26).
      switch args.isEmpty ? .run(ParsedCommand(spec: Dashboard.spec)) : try commandLine.parse(args)
      {
      case .help(let text):
        writeStdout(text)
      case .version(let v):
        writeStdout(v + "\n")
      case .run(let parsed):
        let command = commands.first { $0.spec.name == parsed.spec.name }!
        try command.init(parsed).run()
      }
    } catch let failure as DataFailure {
      writeStderr(failure.report)
      terminate(1)
    } catch let failure as UsageFailure {
      writeStderr(failure.message + "\n")
      terminate(2)
    } catch let failure as FileFailure {
      writeStderr(failure.message + "\n")
      terminate(1)
    } catch let failure as WriteFailure {
      writeStderr(failure.message + "\n")
      terminate(1)
    } catch {
      writeStderr("stp-dash: \(error)\n")
      terminate(1)
    }
  }
}

// MARK: - Shared options

/// Where the data comes from.
struct DataOptions {
  static let option = OptionSpec.option(
    "data", "dir",
    "A directory of CSV files in the stp-dash format (default: $STP_DASH_DATA, else the embedded data)."
  )

  /// The directory to read, if any (--data, then STP_DASH_DATA), as a path `open` takes.
  let directory: String?
  /// The directory as people read it (invalid UTF-8 shown as U+FFFD).
  let directoryName: String?
  /// Why a directory whose name is not valid UTF-8 could not be opened.
  let openFailure: String?

  init(_ parsed: ParsedCommand) {
    let raw: [UInt8]?
    if let v = parsed.value("data") {
      raw = rawArgument(option: "data", decodingTo: v) ?? Array(v.utf8)
    } else if let env = getenv("STP_DASH_DATA") {
      let bytes = Array(
        UnsafeBufferPointer(
          start: UnsafeRawPointer(env).assumingMemoryBound(to: UInt8.self), count: strlen(env)))
      raw = bytes.isEmpty ? nil : bytes
    } else {
      raw = nil
    }
    guard let raw else {
      (directory, directoryName, openFailure) = (nil, nil, nil)
      return
    }
    (directory, directoryName, openFailure) = Self.usablePath(raw)
  }

  /// Paths are bytes. A valid UTF-8 path is used as it is; any other is opened by its bytes and
  /// read through `/proc/self/fd/N` (never a silent fall-back to the embedded data, never "not
  /// found" for a directory that exists).
  static func usablePath(_ raw: [UInt8]) -> (String, String, String?) {
    let shown = String(decoding: raw, as: UTF8.self)
    if String(validating: raw, as: UTF8.self) != nil { return (shown, shown, nil) }
    let fd = (raw + [0]).withUnsafeBufferPointer { p in
      // baseAddress!: a C string's bytes end in NUL, so they are never empty.
      p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) {
        open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      }
    }
    guard fd >= 0 else { return (shown, shown, String(cString: strerror(errno))) }
    return ("/proc/self/fd/\(fd)", shown, nil)  // kept open for the life of the process
  }

  /// Loads the data, printing warnings to standard error; throws `DataFailure` on errors.
  func load() throws -> LoadResult {
    do throws(DatasetLoadError) {
      let result: LoadResult
      if let openFailure, let directoryName {
        throw DatasetLoadError(issues: [
          ValidationIssue(
            .error, file: directoryName, "cannot open the data directory: \(openFailure)")
        ])
      }
      if let directory {
        result = try DatasetLoader.load(directory: directory, origin: directoryName)
      } else {
        result = try DatasetLoader.loadEmbedded()
      }
      for w in result.warnings { writeStderr(w.description + "\n") }
      return result
    } catch {
      throw DataFailure(error: error, origin: directoryName ?? DatasetLoader.embeddedOrigin)
    }
  }
}

/// A failed load: all the errors, for standard error.
struct DataFailure: Error {
  let error: DatasetLoadError
  let origin: String

  var report: String {
    let errors = error.errorTotal
    return error.description + "\n"
      + "stp-dash: \(errors) error\(errors == 1 ? "" : "s") in \(origin); nothing was loaded\n"
  }
}

/// A usage problem found after parsing (e.g. an STP that matches nothing); exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}

/// The raw bytes of an option's value as given on the command line (`--data X` or `--data=X`),
/// when they decode to `value`: a path that is not valid UTF-8 must reach `open` as it was typed.
func rawArgument(option: String, decodingTo value: String) -> [UInt8]? {
  let argv = rawArguments()
  let flag = Array("--\(option)".utf8)
  for (k, a) in argv.enumerated() {
    var candidate: [UInt8]?
    if a == flag, k + 1 < argv.count { candidate = argv[k + 1] }
    if a.starts(with: flag + [UInt8(ascii: "=")]) { candidate = Array(a.dropFirst(flag.count + 1)) }
    if let c = candidate, String(decoding: c, as: UTF8.self) == value { return c }
  }
  return nil
}

/// The raw bytes of a command-line word that decodes to `value` (a positional argument).
func rawWord(decodingTo value: String) -> [UInt8]? {
  rawArguments().first { String(decoding: $0, as: UTF8.self) == value }
}

/// The command line's words after the program name, as the bytes they were given in.
func rawArguments() -> [[UInt8]] {
  (1..<Int(CommandLine.argc)).compactMap { i in
    CommandLine.unsafeArgv[i].map { p in
      Array(
        UnsafeBufferPointer(
          start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
    }
  }
}

/// Output that could not be written; exit status 1.
struct WriteFailure: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}

/// Ends the process with a status.
func terminate(_ status: Int32) -> Never {
  exit(status)
}

/// Writes all of `s` to a file descriptor, retrying short writes (large tables, pipes) and
/// interrupted ones. Returns the error number of a failed write, nil when all was written.
func writeAll(_ fd: Int32, _ s: String) -> Int32? {
  var s = s
  return s.withUTF8 { buf -> Int32? in
    var done = 0
    while done < buf.count {
      // baseAddress!: done < count, so the buffer is not empty.
      let n = write(fd, buf.baseAddress! + done, buf.count - done)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return n < 0 ? errno : EIO }
      done += n
    }
    return nil
  }
}

/// How output is written: in ASCII when `--ascii` says so or the locale is not UTF-8.
enum OutputMode {
  nonisolated(unsafe) static var ascii = false
}

/// A report in its format: in ASCII mode tables, Markdown and text folded to ASCII before their
/// layout (£ as GBP, ≥ as >=, columns still aligned), JSON with every non-ASCII character
/// escaped (the same data, in ASCII); CSV is data for programs and stays UTF-8.
func writeReport(_ table: ReportTable, _ format: OutputFormat) {
  guard OutputMode.ascii else { return writeStdout(table.rendered(as: format)) }
  switch format {
  case .table, .markdown: writeStdout(ASCIIFold.fold(table.asciiFolded().rendered(as: format)))
  case .json: writeStdout(asciiJSON(table.rendered(as: format)))
  case .csv: writeStdout(table.rendered(as: format))
  }
}

func writeReport(_ report: ShowReport, _ format: OutputFormat) {
  guard OutputMode.ascii else { return writeStdout(report.rendered(as: format)) }
  switch format {
  case .json: writeStdout(asciiJSON(report.rendered(as: format)))
  default: writeStdout(ASCIIFold.fold(report.asciiFolded().rendered(as: format)))
  }
}

/// JSON text with every non-ASCII character as a \u escape (UTF-16, as JSON wants).
func asciiJSON(_ json: String) -> String {
  var out = ""
  for u in json.unicodeScalars {
    if u.isASCII {
      out.unicodeScalars.append(u)
    } else {
      for unit in String(u).utf16 {
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
  }
  return out
}

/// Messages, cleaned of the controls file text may carry (ESC, OSC, C1, bidi): a message that
/// quotes a hostile cell must not act on the user's terminal. A failed write to standard error
/// has nowhere to be reported.
func writeStderr(_ s: String) {
  let clean = SafeText.forTerminalLines(s)
  _ = writeAll(2, OutputMode.ascii ? ASCIIFold.fold(clean) : clean)
}

/// Output: a write that fails (a full disk, a closed standard output, a broken pipe with SIGPIPE
/// ignored) is an error with a message and exit status 1, never a silent success.
func writeStdout(_ s: String) {
  if let e = writeAll(1, s) {
    writeStderr("stp-dash: cannot write the output: \(String(cString: strerror(e)))\n")
    terminate(1)
  }
}
