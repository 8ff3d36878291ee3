import Foundation
import STPModel
import STPReport
import STPTerminal
import Testing

/// The whole screen as text: the size, each row padded to full width, then a role letter per cell.
/// The tab row is left out (`tabs: true` keeps it): the tab goldens check it, so adding a pane
/// does not change every screen's golden.
public func goldenText(_ canvas: Canvas, tabs: Bool = false) -> String {
  let skipped = tabs ? nil : canvas.tabRow
  let mark = "‹tabs: see tabRow goldens›"
  var out = "size \(canvas.size.width)x\(canvas.size.height)\n"
  for (i, line) in canvas.lines.enumerated() {
    out += i == skipped ? mark + "\n" : DisplayWidth.pad(line, to: canvas.size.width) + "\n"
  }
  let roleLines = canvas.roleLines.enumerated().map { $0.offset == skipped ? mark : $0.element }
  let used = Set(
    roleLines.enumerated().filter { $0.offset != skipped }.map(\.element).joined()
      + (canvas.lowerRoleLines ?? []).joined())
  let legend = Role.allCases.filter { used.contains($0.letter) }.map {
    "\($0.letter) \($0.rawValue)"
  }
  out += "--- roles  " + legend.joined(separator: "  ") + "\n"
  for line in roleLines { out += line + "\n" }
  if let lower = canvas.lowerRoleLines {
    out += "--- lower halves (▀ ▄ cells)\n"
    for line in lower { out += line + "\n" }
  }
  return out
}

/// Compares a canvas with `Goldens/<test name>.txt` beside the test file.
///
/// A missing golden, or `STP_RECORD_GOLDENS=1`, records the file and **fails** the test
/// ("recorded new golden"), so no new picture passes unreviewed. A mismatch prints a `-`/`+`
/// line diff.
public func assertScreen(
  _ canvas: Canvas, named name: String = #function, filePath: String = #filePath,
  tabs: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) {
  assertGolden(
    goldenText(canvas, tabs: tabs), named: name, filePath: filePath,
    sourceLocation: sourceLocation)
}

/// Compares text with `Goldens/<test name>.txt` beside the test file, recording it as
/// `assertScreen` does.
public func assertGolden(
  _ actual: String, named name: String = #function, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let base = name.hasSuffix("()") ? String(name.dropLast(2)) : name
  let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(
    "Goldens")
  let url = dir.appendingPathComponent(base + ".txt")
  let record = ProcessInfo.processInfo.environment["STP_RECORD_GOLDENS"] == "1"
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded new golden \(url.lastPathComponent); review it, then run again",
      sourceLocation: sourceLocation)
    return
  }
  guard expected != actual else { return }
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var diff: [String] = []
  for i in 0..<max(e.count, a.count) {
    let x = i < e.count ? String(e[i]) : nil
    let y = i < a.count ? String(a[i]) : nil
    if x != y {
      if let x { diff.append("-\(x)") }
      if let y { diff.append("+\(y)") }
    }
  }
  let message =
    "screen differs from \(url.lastPathComponent) (STP_RECORD_GOLDENS=1 re-records):\n"
    + diff.prefix(40).joined(separator: "\n")
  Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
