/// A problem found while loading a data directory, located as `file:line:column`.
public struct ValidationIssue: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Errors stop a load; warnings are reported and the data is still used.
  public enum Severity: String, Sendable, Comparable {
    case error, warning
    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
  }

  /// Error or warning.
  public var severity: Severity
  /// File name within the data directory, e.g. `funding.csv`.
  public var file: String
  /// 1-based line; 0 when the problem concerns the whole file.
  public var line: Int
  /// 1-based column in characters; 0 when the problem concerns a whole line or file.
  public var column: Int
  /// What is wrong, in words for the person who edits the file.
  public var message: String

  /// Creates an issue.
  public init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String)
  {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// The location, `file:line:column` (shorter when line or column is unknown).
  public var location: String {
    if line == 0 { return file }
    if column == 0 { return "\(file):\(line)" }
    return "\(file):\(line):\(column)"
  }

  /// `file:line:column: error: message`, the form compilers use, so editors can jump to it.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// A load that failed: every error found (and the warnings), never a partial dataset.
public struct DatasetLoadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// All issues, errors first, each group in file and line order.
  public var issues: [ValidationIssue]
  /// How many errors were found, those not listed (past a file's first 100) included.
  public var errorTotal: Int
  /// Creates the error from the issues found; `errorTotal` when more were found than listed.
  public init(issues: [ValidationIssue], errorTotal: Int? = nil) {
    self.issues = issues
    self.errorTotal = errorTotal ?? issues.count { $0.severity == .error }
  }
  /// Only the errors.
  public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
  /// Every issue on its own line.
  public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Where a value came from: the data file and the line of its row.
public struct RowLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// File name within the data directory.
  public var file: String
  /// 1-based line at which the row starts.
  public var line: Int
  /// Creates a location.
  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }
  /// `file:line`.
  public var description: String { "\(file):\(line)" }
}
