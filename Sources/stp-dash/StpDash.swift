import ArgumentParser
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
struct StpDash: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stp-dash",
    abstract: "England's 44 STPs (2016-18): league positions, partnership breadth and funding.",
    discussion: """
      Without a command, opens the full-screen dashboard. Data: the embedded 2017-18 reference data,
      or a directory of CSV files given by --data DIR or STP_DASH_DATA (see docs/DATA.md).

      Exit status: 0 success, 1 data errors (listed on standard error), 2 bad usage.
      """,
    version: stpDashVersion,
    subcommands: [Dashboard.self, League.self, Partners.self, Funding.self, Show.self,
                  Snapshot.self, Validate.self, ExportData.self],
    defaultSubcommand: Dashboard.self)

  /// Runs a command and maps failures to the documented exit statuses.
  static func main() {
    if getenv("STP_RSS_DEBUG") != nil { system("awk '/^[0-9a-f]+-/{n=$6;r=$1;p=$2} /^Rss:/{if ($2 > 60) print r,p,n,$2}' /proc/\(getpid())/smaps") }
    mapCodeOnDemand()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as DataFailure {
      writeStderr(failure.report)
      terminate(1)
    } catch let failure as UsageFailure {
      writeStderr(failure.message + "\n")
      terminate(2)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        terminate(0)
      }
      let message = fullMessage(for: error)
      if !message.isEmpty { writeStderr(message + "\n") }
      if code == .validationFailure { terminate(2) }
      terminate(code.rawValue)
    }
  }
}

// MARK: - Shared options

/// Where the data comes from.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(
    "A directory of CSV files in the stp-dash format (default: $STP_DASH_DATA, else the embedded data).",
    valueName: "dir"))
  var data: String?

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

extension OutputFormat: ExpressibleByArgument {}
extension Measure: ExpressibleByArgument {}

/// Ends the process with a status (the global `exit`, which ParsableCommand's own shadows).
func terminate(_ status: Int32) -> Never {
  exit(status)
}

/// Writes all of `s` to a file descriptor, retrying short writes (large tables, pipes).
func writeAll(_ fd: Int32, _ s: String) {
  var s = s
  s.withUTF8 { buf in
    var done = 0
    while done < buf.count {
      let n = write(fd, buf.baseAddress! + done, buf.count - done)
      if n <= 0 { return }
      done += n
    }
  }
}

func writeStderr(_ s: String) { writeAll(2, s) }

func writeStdout(_ s: String) { writeAll(1, s) }

/// Asks the kernel to map code and read-only data page by page as they are used, not 64 KB
/// around every page touched (fault-around): the dashboard runs a small part of its 13 MB binary
/// and of its libraries. Measured: peak RSS 12.6 -> 8.x MB with the embedded data (DECISIONS.md).
func mapCodeOnDemand() {
  #if os(Linux)
    guard let maps = fopen("/proc/self/maps", "r") else { return }
    defer { fclose(maps) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, 512, maps) != nil {
      // "start-end perms offset dev inode path": file-backed, not writable.
      let text = String(decoding: line.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let parts = text.split(separator: " ", omittingEmptySubsequences: true)
      guard parts.count >= 6, parts[1].hasPrefix("r"), !parts[1].contains("w"),
        parts[5].hasPrefix("/")
      else { continue }
      let bounds = parts[0].split(separator: "-")
      guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
        let p = UnsafeMutableRawPointer(bitPattern: start)
      else { continue }
      _ = madvise(p, Int(end - start), MADV_RANDOM)
    }
  #endif
}
