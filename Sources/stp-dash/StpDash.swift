import STPModel
import STPReport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The version printed by `--version`.
let stpDashVersion = "0.1.0"

@main
enum StpDash {
  /// Every command, the default first. (Computed: a stored array of metatypes is not Sendable.)
  static var commands: [any Command.Type] {
    [
      Dashboard.self, League.self, Partners.self, Funding.self, Show.self, Snapshot.self,
      Validate.self, ExportData.self,
    ]
  }

  static let commandLine = CommandLineSpec(
    program: "stp-dash",
    abstract: "England's 44 STPs (2016-18): league positions, partnership breadth and funding.",
    discussion: """
      Without a command, opens the full-screen dashboard. Data: the embedded 2017-18 reference data, \
      or a directory of CSV files given by --data DIR or STP_DASH_DATA (see docs/DATA.md).

      Exit status: 0 success, 1 data errors (listed on standard error), 2 bad usage.
      """,
    version: stpDashVersion, commands: commands.map { $0.spec }, defaultCommand: "dashboard")

  /// Runs a command and maps failures to the documented exit statuses.
  static func main() {
    do {
      switch try commandLine.parse(Array(CommandLine.arguments.dropFirst())) {
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
    "A directory of CSV files in the stp-dash format (default: $STP_DASH_DATA, else the embedded data).")

  var data: String?

  init(_ parsed: ParsedCommand) { data = parsed.value("data") }

  /// The directory to read, if any: --data, then STP_DASH_DATA.
  var directory: String? {
    if let data { return data }
    if let env = getenv("STP_DASH_DATA"), let s = String(validatingCString: env), !s.isEmpty {
      return s
    }
    return nil
  }

  /// Loads the data, printing warnings to standard error; throws `DataFailure` on errors.
  func load() throws -> LoadResult {
    do {
      let result: LoadResult
      if let directory {
        result = try DatasetLoader.load(directory: directory)
      } else {
        result = try DatasetLoader.loadEmbedded()
      }
      for w in result.warnings { writeStderr(w.description + "\n") }
      return result
    } catch {
      throw DataFailure(error: error, origin: directory ?? DatasetLoader.embeddedOrigin)
    }
  }
}

/// A failed load: all the errors, for standard error.
struct DataFailure: Error {
  let error: DatasetLoadError
  let origin: String

  var report: String {
    let errors = error.errors.count
    return error.description + "\n"
      + "stp-dash: \(errors) error\(errors == 1 ? "" : "s") in \(origin); nothing was loaded\n"
  }
}

/// A usage problem found after parsing (e.g. an STP that matches nothing); exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
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
      let n = write(fd, buf.baseAddress! + done, buf.count - done)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return n < 0 ? errno : EIO }
      done += n
    }
    return nil
  }
}

/// Messages, cleaned of the controls file text may carry (ESC, OSC, C1, bidi): a message that
/// quotes a hostile cell must not act on the user's terminal. A failed write to standard error
/// has nowhere to be reported.
func writeStderr(_ s: String) { _ = writeAll(2, SafeText.forTerminalLines(s)) }

/// Output: a write that fails (a full disk, a closed standard output, a broken pipe with SIGPIPE
/// ignored) is an error with a message and exit status 1, never a silent success.
func writeStdout(_ s: String) {
  if let e = writeAll(1, s) {
    writeStderr("stp-dash: cannot write the output: \(String(cString: strerror(e)))\n")
    terminate(1)
  }
}
