/// Collects issues during a load, keeping at most `limitPerFile` per file so that a broken
/// million-row file reports its first problems and a count of the rest, not a million lines.
final class IssueLog {
  static let limitPerFile = 100
  private(set) var issues: [ValidationIssue] = []
  private var countByFile: [String: Int] = [:]
  private var droppedByFile: [String: Int] = [:]
  private var droppedErrorsByFile: [String: Int] = [:]
  private(set) var errorCount = 0

  func add(_ issue: ValidationIssue) {
    if issue.severity == .error { errorCount += 1 }
    let n = countByFile[issue.file, default: 0]
    if n >= Self.limitPerFile {
      droppedByFile[issue.file, default: 0] += 1
      if issue.severity == .error { droppedErrorsByFile[issue.file, default: 0] += 1 }
      return
    }
    countByFile[issue.file] = n + 1
    issues.append(issue)
  }

  /// Adds an issue whose message is made only when it will be listed: past the cap only the
  /// count grows (36,640 repeated partner rows formatted 36,640 messages to keep 100).
  func add(
    _ severity: ValidationIssue.Severity, file: String, line: Int, _ message: () -> String
  ) {
    guard countByFile[file, default: 0] < Self.limitPerFile else {
      if severity == .error { errorCount += 1 }
      droppedByFile[file, default: 0] += 1
      if severity == .error { droppedErrorsByFile[file, default: 0] += 1 }
      return
    }
    add(ValidationIssue(severity, file: file, line: line, message()))
  }

  var hasErrors: Bool { errorCount > 0 }

  /// Adds another log's issues (each line moved by `lineOffset`), as if they had been added here.
  func absorb(_ other: IssueLog, lineOffset: Int) {
    for var i in other.issues {
      if i.line > 0 { i.line += lineOffset }
      add(i)
    }
    for (file, n) in other.droppedByFile { droppedByFile[file, default: 0] += n }
    for (file, n) in other.droppedErrorsByFile { droppedErrorsByFile[file, default: 0] += n }
    // Errors the other log dropped still count (those it kept were counted by `add`).
    errorCount += other.errorCount - other.issues.count { $0.severity == .error }
  }

  /// Whether some error is in `file`.
  func hasErrors(in file: String) -> Bool {
    issues.contains { $0.file == file && $0.severity == .error }
  }

  /// All issues, errors first, then by file order and line, plus a line per file whose issues
  /// were cut.
  func sorted(fileOrder: [String]) -> [ValidationIssue] {
    func rank(_ f: String) -> Int { fileOrder.firstIndex(of: f) ?? fileOrder.count }
    var all = issues.enumerated().sorted { a, b in
      let (x, y) = (a.element, b.element)
      if x.severity != y.severity { return x.severity < y.severity }
      if rank(x.file) != rank(y.file) { return rank(x.file) < rank(y.file) }
      if x.line != y.line { return x.line < y.line }
      return a.offset < b.offset
    }.map(\.element)
    // The count of what was cut goes after the file's last listed problem.
    // It is an error only when errors were among them; warnings alone make a warning.
    for (file, dropped) in droppedByFile.sorted(by: { $0.key < $1.key }) {
      let errors = droppedErrorsByFile[file, default: 0]
      let severity: ValidationIssue.Severity = errors > 0 ? .error : .warning
      let kinds =
        errors == 0
        ? "\(dropped) more warning(s)"
        : errors == dropped
          ? "\(dropped) more error(s)"
          : "\(dropped) more problem(s) (\(errors) error(s), \(dropped - errors) warning(s))"
      let note = ValidationIssue(
        severity, file: file,
        "\(kinds) in this file not listed (first \(Self.limitPerFile) shown)")
      let at = (all.lastIndex { $0.file == file && $0.severity == severity } ?? (all.count - 1)) + 1
      all.insert(note, at: min(at, all.count))
    }
    return all
  }

  /// The failed load: the issues as `sorted` gives them, and how many errors there were.
  func loadError(fileOrder: [String]) -> DatasetLoadError {
    DatasetLoadError(issues: sorted(fileOrder: fileOrder), errorTotal: errorCount)
  }
}
