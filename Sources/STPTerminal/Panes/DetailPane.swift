import STPModel
import STPReport

/// Everything about one STP, each value with its source and data row, scrollable. Entered from
/// a list (Enter); Esc, Enter or q go back to it.
struct DetailPane: Pane {
  let id = PaneID.detail
  let title = "Detail"

  var keyMap: KeyMap {
    KeyMap(
      "Detail pane",
      [
        Binding([.down, .char("j")], .scroll(by: 1), help: "next line"),
        Binding([.up, .char("k")], .scroll(by: -1), help: "previous line"),
        Binding([.pageDown, .ctrl("f")], .movePage(by: 1), help: "next page"),
        Binding([.pageUp, .ctrl("b")], .movePage(by: -1), help: "previous page"),
        Binding([.char("g"), .home], .moveToTop, help: "top"),
        Binding([.char("G"), .end], .moveToBottom, help: "bottom"),
        Binding(.enter, .openDetail, help: "back to the list", hint: true),
        Binding(.escape, .back, help: "back (first clears a find)"),
        Binding(.char("/"), .startFilter, help: "find text", hint: true),
        Binding(.char("n"), .nextMatch, help: "next match"),
        Binding(.char("N"), .previousMatch, help: "previous match"),
        Binding(.char("y"), .copySource(withValue: false), help: "copy the line's source URL"),
        Binding(.char("Y"), .copySource(withValue: true), help: "copy the line with its source"),
      ])
  }

  func tabTitle(_ s: AppState) -> String {
    title + (s.detail.map { ": " + $0.report.name.bounded(100) } ?? "")
  }

  func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    DetailView.render(s, in: area, on: &canvas)
  }

  func coverage(_ s: AppState) -> String { "every value with its source" }

  func exportView(_ s: AppState) -> ExportView? { s.detail.map { .detail(code: $0.code) } }
}

/// The detail report laid out in lines and drawn.
enum DetailView {
  /// One screen line: runs of text with roles.
  struct Line: Equatable {
    var runs: [(text: String, role: Role)]
    /// The report entry the line shows, for `y`/`Y`: its label, value text and source.
    var label: String?
    var value: String?
    var source: String?
    var text: String { runs.map(\.text).joined() }
    static func == (a: Line, b: Line) -> Bool {
      a.text == b.text && a.runs.map(\.role) == b.runs.map(\.role)
    }
  }

  /// The report laid out for `width` columns: the kept layout when it was made for this width.
  static func lines(_ s: AppState, width: Int) -> [Line] {
    guard let d = s.detail, width > 0 else { return [] }
    return d.width == width ? d.lines : layout(s, width: width)
  }

  /// Lays the report out for `width` columns, long lines wrapped.
  static func layout(_ s: AppState, width: Int) -> [Line] {
    guard let d = s.detail, width > 0 else { return [] }
    var out: [Line] = []
    for (k, section) in d.report.sections.enumerated() {
      if k > 0 { out.append(Line(runs: [])) }
      out += wrap([(section.heading.bounded(2000), .heading)], width: width, indent: 0)
      let labelWidth = min(
        30,
        section.entries.filter { $0.label != "  •" && !$0.text.isEmpty }
          .map { DisplayWidth.of($0.label) }.max() ?? 0)
      for entry in section.entries {
        // Texts bounded: a 50 MB cell lays out its first 2,000 characters and says the rest.
        var e = entry
        e.label = e.label.bounded(2000)
        e.text = e.text.bounded(2000)
        e.source = e.source?.bounded(2000)
        let runs: [(String, Role)]
        if e.label == "  •" {
          runs = [("    • ", .dim), (Panes.pounds(s, e.text), .text)]
        } else if e.text.isEmpty {
          runs = [("  " + Panes.pounds(s, e.label), .label)]
        } else {
          runs = [
            ("  " + DisplayWidth.pad(e.label, to: labelWidth) + "  ", .label),
            (Panes.pounds(s, e.text), .text),
          ]
        }
        var entry = wrap(runs, width: width, indent: e.label == "  •" ? 6 : labelWidth + 4)
        if let src = e.source {
          let loc = e.location.map { " [\($0)]" } ?? ""
          entry += wrap(
            [((e.label == "  •" ? "      " : "    ") + "source: " + src + loc, .source)],
            width: width, indent: 8)
        } else if let loc = e.location {
          entry += wrap(
            [((e.label == "  •" ? "      " : "    ") + "[\(loc)]", .source)], width: width,
            indent: 8)
        }
        let label = e.label == "  •" ? e.text : e.label.trimmingSpaces
        for i in entry.indices {
          entry[i].label = label
          entry[i].value = e.text
          entry[i].source = e.source.map { $0 + (e.location.map { " [\($0)]" } ?? "") }
        }
        out += entry
      }
    }
    return out
  }

  /// Indices of the lines that contain the filter text.
  static func matchLines(_ s: AppState) -> [Int] {
    guard !s.filter.isEmpty else { return [] }
    let q = s.filter.lowercased()
    return lines(s, width: Layout.regions(s).pane.width).enumerated()
      .filter { $0.element.text.containsIgnoringCase(q) }.map(\.offset)
  }

  /// Cuts runs into lines of at most `width` columns, breaking after spaces where it can;
  /// continuation lines start `indent` columns in.
  static func wrap(_ runs: [(String, Role)], width: Int, indent: Int) -> [Line] {
    var cells: [(Character, Role)] = []
    for (t, r) in runs { for ch in SafeText.forTerminal(t) { cells.append((ch, r)) } }
    let indent = indent < width / 2 ? indent : 0
    var lines: [Line] = []
    var start = 0
    var first = true
    while start < cells.count || first {
      let avail = first ? width : width - indent
      var used = 0
      var end = start
      var lastBreak = -1
      var lastSeparator = -1
      while end < cells.count {
        let w = DisplayWidth.of(cells[end].0)
        if used + w > avail { break }
        used += w
        if cells[end].0 == " " { lastBreak = end + 1 }
        if "/?&#=".contains(cells[end].0) { lastSeparator = end + 1 }
        end += 1
      }
      if end < cells.count && lastBreak > start {
        end = lastBreak
      } else if end < cells.count && lastSeparator > start + (end - start) / 3 {
        // A word longer than the line (a URL): break after a separator, not inside a name.
        end = lastSeparator
      }
      if end == start && start < cells.count { end = start + 1 }  // a glyph wider than the line
      var line: [(String, Role)] =
        first || indent == 0 ? [] : [(String(repeating: " ", count: indent), .text)]
      for (ch, r) in cells[start..<end] {
        if let last = line.last, last.1 == r {
          line[line.count - 1].0.append(ch)
        } else {
          line.append((String(ch), r))
        }
      }
      lines.append(Line(runs: line.map { ($0.0, $0.1) }))
      start = end
      first = false
      // Skip the spaces a break leaves at the start of the next line.
      while start < cells.count && cells[start].0 == " " && !first { start += 1 }
    }
    return lines
  }

  static func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    guard !area.isEmpty else { return }
    guard let d = s.detail else {
      canvas.put(
        "No STP selected: choose one in a list and press Enter.",
        at: Point(x: area.x + 1, y: area.y),
        role: .dim, clip: area)
      return
    }
    let all = lines(s, width: area.width)
    let top = max(0, min(d.scroll, all.count - area.height))
    let q = s.filter.lowercased()
    for i in 0..<min(area.height, all.count - top) {
      var x = area.x
      let line = all[top + i]
      for run in line.runs {
        x += canvas.put(run.text, at: Point(x: x, y: area.y + i), role: run.role, clip: area)
      }
      if !q.isEmpty, line.text.containsIgnoringCase(q) {
        highlight(q, in: line.text, row: area.y + i, x0: area.x, area: area, canvas: &canvas)
      }
    }
    if top > 0 {
      canvas.put(s.glyphs.up, at: Point(x: area.maxX - 1, y: area.y), role: .dim, clip: area)
    }
    if top + area.height < all.count {
      canvas.put(
        s.glyphs.down, at: Point(x: area.maxX - 1, y: area.maxY - 1), role: .dim, clip: area)
    }
  }

  /// Marks each occurrence of `q` in a drawn line with the match role.
  private static func highlight(
    _ q: String, in text: String, row: Int, x0: Int, area: Rect, canvas: inout Canvas
  ) {
    let chars = Array(SafeText.forTerminal(text))
    let lower = chars.map { Character($0.lowercased()) }
    let qc = Array(q)
    guard qc.count <= lower.count else { return }
    var col = [Int](repeating: 0, count: chars.count + 1)
    for (i, ch) in chars.enumerated() { col[i + 1] = col[i] + DisplayWidth.of(ch) }
    var i = 0
    while i + qc.count <= lower.count {
      if Array(lower[i..<(i + qc.count)]) == qc {
        canvas.setRole(
          .match,
          in: Rect(x: x0 + col[i], y: row, width: col[i + qc.count] - col[i], height: 1)
            .intersection(area))
        i += qc.count
      } else {
        i += 1
      }
    }
  }
}
