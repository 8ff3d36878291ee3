import STPModel
import STPReport

/// Everything about one STP, each value with its source and data row, scrollable. Entered from
/// a list (Enter); Esc, Enter or q go back to it.
struct DetailPane: StatefulPane {
  let id = PaneID.detail
  let title = "Detail"
  static let initialState = DetailPaneState()

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
    title + (s[DetailPane.self].subject.map { ": " + $0.report.name.bounded(100) } ?? "")
  }

  func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    DetailView.render(s, in: area, on: &canvas)
  }

  func coverage(_ s: AppState) -> String { "every value with its source" }

  func exportView(_ s: AppState) -> ExportView? {
    s[DetailPane.self].subject.map { .detail(code: $0.code) }
  }

  func subject(_ s: AppState) -> String? { s[DetailPane.self].subject?.code }
  func findText(_ s: AppState) -> String { s[DetailPane.self].find }
  func setFindText(_ s: inout AppState, _ text: String) { s[DetailPane.self].find = text }
  func matchCount(_ s: AppState) -> Int { DetailView.matchLines(s).count }

  // MARK: - Behaviour

  /// Opens Detail on the selected STP, coming from `pane` (where Enter, Esc and q return).
  static func open(_ s: inout AppState, from pane: PaneID) {
    guard let code = s.selectedCode, let f = s.dataset.index(ofCode: code) else {
      s.message = "no STP selected"
      return
    }
    if pane != .detail { s[DetailPane.self].returnTo = pane }
    let shown = s[DetailPane.self].subject
    if shown?.code != code
      || (shown?.report.councilsPending == true && s.metrics.councilsUnlessBeingMatched != nil)
    {
      s[DetailPane.self].subject = DetailState(
        code: code,
        report: ShowReport(s.dataset, s.metrics, footprint: f, waitingForCouncils: false),
        scroll: shown?.code == code ? shown?.scroll ?? 0 : 0)
    }
    s.pane = .detail
    relayout(&s)
  }

  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    let page = max(1, Layout.bodyRows(s) - 1)
    switch action {
    case .scroll(let by), .moveSelection(let by): Self.scroll(&s, by: by)
    case .movePage(let by): Self.scroll(&s, by: by * page)
    case .moveToTop: Self.scroll(&s, by: Int.min / 2)
    case .moveToBottom: Self.scroll(&s, by: Int.max / 2)
    case .openDetail, .backOrQuit: returnToList(&s)
    case .back:
      // Esc first clears a find (the shared handling); then goes back.
      guard s[DetailPane.self].find.isEmpty && !s.isEditingFilter else { return nil }
      returnToList(&s)
    case .nextMatch, .previousMatch:
      guard !s[DetailPane.self].find.isEmpty else { return nil }
      jumpToMatch(&s, forward: action == .nextMatch)
    case .copySource(let withValue):
      guard let (text, what) = Self.copyText(s, withValue: withValue) else {
        s.message = "nothing to copy here"
        return []
      }
      s.message = "copied \(what) to the clipboard (OSC 52)"
      return [.copy(text)]
    default: return nil
    }
    return []
  }

  func settle(_ s: inout AppState, after action: Action) {
    switch action {
    case .pane("work.ready"):
      // The councils were being matched when Detail was made: made again now they are.
      guard let d = s[DetailPane.self].subject, d.report.councilsPending,
        s.metrics.councilsUnlessBeingMatched != nil, let f = s.dataset.index(ofCode: d.code)
      else { return }
      s[DetailPane.self].subject = DetailState(
        code: d.code, report: ShowReport(s.dataset, s.metrics, footprint: f), scroll: d.scroll)
    case .dataLoaded:
      // A reload: the same STP from the new data, at the same line; gone, back to the list.
      guard let d = s[DetailPane.self].subject else { return }
      if let f = s.dataset.index(ofCode: d.code) {
        s[DetailPane.self].subject = DetailState(
          code: d.code, report: ShowReport(s.dataset, s.metrics, footprint: f), scroll: d.scroll)
      } else {
        s[DetailPane.self].subject = nil
        if s.pane == id { s.pane = s[DetailPane.self].returnTo }
      }
    case .followed, .rejoin:
      // A follower shown the presenter's Detail: on the STP the presenter opened.
      guard s.pane == id, s[DetailPane.self].subject?.code != s.selectedCode else { return }
      Self.open(&s, from: s[DetailPane.self].returnTo)
      if s[DetailPane.self].subject == nil { s.pane = .league }
    case .focus, .focusNext, .focusPrevious:
      // Arrived by its number or Tab: on the selected STP, returning where it came from.
      guard s.pane == id else { return }
      let from = s.history.last ?? .league
      Self.open(&s, from: from)
      if s[DetailPane.self].subject == nil { s.pane = from }
    case .filterInput, .filterBackspace:
      if let line = DetailView.matchLines(s).first { Self.scrollTo(&s, line) }
    default: break
    }
    guard s.pane == id else { return }
    Self.relayout(&s)
    if let d = s[DetailPane.self].subject { Self.scrollTo(&s, d.scroll) }
  }

  /// Back to the pane Detail was opened from.
  private func returnToList(_ s: inout AppState) {
    let to = s[DetailPane.self].returnTo
    s.pane = s.panes[to] != nil && to != id ? to : (s.panes.ids.first ?? .league)
  }

  /// Keeps the layout for the pane's width (after an open, a resize or a reload).
  static func relayout(_ s: inout AppState) {
    guard let d = s[DetailPane.self].subject else { return }
    let width = Layout.regions(s).pane.width
    guard d.width != width || d.lines.isEmpty else { return }
    let lines = DetailView.layout(s, width: width)
    s[DetailPane.self].subject?.lines = lines
    s[DetailPane.self].subject?.width = width
  }

  private static func scroll(_ s: inout AppState, by n: Int) {
    guard let d = s[DetailPane.self].subject else { return }
    scrollTo(&s, d.scroll.addingReportingOverflow(n).partialValue)
  }

  /// Scrolls to `line`, kept within the report.
  static func scrollTo(_ s: inout AppState, _ line: Int) {
    let count = DetailView.lines(s, width: Layout.regions(s).pane.width).count
    let top = max(0, min(line, count - Layout.bodyRows(s, pane: .detail)))
    s[DetailPane.self].subject?.scroll = top
  }

  private func jumpToMatch(_ s: inout AppState, forward: Bool) {
    let lines = DetailView.matchLines(s)
    let cur = s[DetailPane.self].subject?.scroll ?? 0
    let next =
      forward
      ? lines.first(where: { $0 > cur }) ?? lines.first
      : lines.last(where: { $0 < cur }) ?? lines.last
    guard let next else {
      s.message = "no match for '\(s[DetailPane.self].find)'"
      return
    }
    Self.scrollTo(&s, next)
  }

  /// What `y` (the source URL) or `Y` (the value with its source) copies: the first line in
  /// view that has a source, and what to call it.
  private static func copyText(_ s: AppState, withValue: Bool) -> (String, String)? {
    let lines = DetailView.lines(s, width: Layout.regions(s).pane.width)
    let top = s[DetailPane.self].subject?.scroll ?? 0
    guard let line = lines.dropFirst(top).first(where: { $0.source != nil }),
      let source = line.source
    else { return nil }
    let label = line.label ?? "the value"
    return withValue
      ? (label + ": " + (line.value ?? "") + " — source: " + source, label + " with its source")
      : (firstURL(source) ?? source, "the source of " + label)
  }
}

/// Detail's own state: the STP it shows (laid out once), its find text, and the pane it returns
/// to.
public struct DetailPaneState: Sendable {
  /// The STP shown, with its report; nil before one is opened.
  public var subject: DetailState?
  /// The text `/` finds in the report: Detail's own, apart from the lists' filter.
  public var find = ""
  /// The pane Enter, Esc and q go back to.
  public var returnTo = PaneID.league
  /// No STP yet, no find, returning to the League.
  public init() {}
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
    guard let d = s[DetailPane.self].subject, width > 0 else { return [] }
    return d.width == width ? d.lines : layout(s, width: width)
  }

  /// Lays the report out for `width` columns, long lines wrapped.
  static func layout(_ s: AppState, width: Int) -> [Line] {
    guard let d = s[DetailPane.self].subject, width > 0 else { return [] }
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
    let q = s[DetailPane.self].find.lowercased()
    guard !q.isEmpty else { return [] }
    return lines(s, width: Layout.regions(s).pane.width).enumerated()
      .filter { $0.element.text.containsIgnoringCase(q) }.map(\.offset)
  }

  /// Cuts runs into lines of at most `width` columns, breaking after spaces where it can;
  /// continuation lines start `indent` columns in.
  static func wrap(_ runs: [(String, Role)], width: Int, indent: Int) -> [Line] {
    let runs = runs.map { (SafeText.forTerminal($0.0), $0.1) }
    // Most entries fit on one line: kept as they are, runs of one role joined (a Detail of
    // 22,000 funding rows and 22,000 partners took 1.1 s cutting every entry into Characters).
    if runs.reduce(0, { $0 + DisplayWidth.of($1.0) }) <= width {
      var line: [(String, Role)] = []
      for (t, r) in runs where !t.isEmpty {
        if let last = line.last, last.1 == r {
          line[line.count - 1].0 += t
        } else {
          line.append((t, r))
        }
      }
      return [Line(runs: line)]
    }
    // Printable ASCII: one byte a column, no grapheme breaking.
    if runs.allSatisfy({ $0.0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) {
      var cells: [(UInt8, Role)] = []
      for (t, r) in runs { for b in t.utf8 { cells.append((b, r)) } }
      return wrap(
        cells, width: width, indent: indent, space: UInt8(ascii: " "),
        separators: Array("/?&#=".utf8), columns: { _ in 1 },
        text: { String(decoding: $0, as: UTF8.self) })
    }
    var cells: [(Character, Role)] = []
    for (t, r) in runs { for ch in t { cells.append((ch, r)) } }
    return wrap(
      cells, width: width, indent: indent, space: " ", separators: Array("/?&#="),
      columns: { DisplayWidth.of($0) }, text: { String($0) })
  }

  /// The wrapping of `wrap`, over cells of bytes or of Characters.
  private static func wrap<C: Equatable>(
    _ cells: [(C, Role)], width: Int, indent: Int, space: C, separators: [C],
    columns: (C) -> Int, text: ([C]) -> String
  ) -> [Line] {
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
        let w = columns(cells[end].0)
        if used + w > avail { break }
        used += w
        if cells[end].0 == space { lastBreak = end + 1 }
        if separators.contains(cells[end].0) { lastSeparator = end + 1 }
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
      var runStart = start
      for i in start..<end where i == end - 1 || cells[i + 1].1 != cells[i].1 {
        let run = text(cells[runStart...i].map(\.0))
        if let last = line.last, last.1 == cells[i].1 {
          line[line.count - 1].0 += run
        } else {
          line.append((run, cells[i].1))
        }
        runStart = i + 1
      }
      lines.append(Line(runs: line))
      start = end
      first = false
      // Skip the spaces a break leaves at the start of the next line.
      while start < cells.count && cells[start].0 == space && !first { start += 1 }
    }
    return lines
  }

  static func render(_ s: AppState, in area: Rect, on canvas: inout Canvas) {
    guard !area.isEmpty else { return }
    guard let d = s[DetailPane.self].subject else {
      canvas.put(
        "No STP selected: choose one in a list and press Enter.",
        at: Point(x: area.x + 1, y: area.y),
        role: .dim, clip: area)
      return
    }
    let all = lines(s, width: area.width)
    let top = max(0, min(d.scroll, all.count - area.height))
    let q = s[DetailPane.self].find.lowercased()
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

extension AppState {
  /// Detail's subject: the STP it shows, its report and scroll (Detail's own state, read from
  /// outside the panes).
  public var detail: DetailState? { self[DetailPane.self].subject }
  /// Detail's find text (its own, apart from the lists' filter).
  public var detailFind: String { self[DetailPane.self].find }
}
