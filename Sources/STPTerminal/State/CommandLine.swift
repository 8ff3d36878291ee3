import STPModel

/// The `:` command line: what has been typed, the completion being cycled by Tab, and where
/// Up and Down are in the commands run before.
public struct CommandLineState: Equatable, Sendable {
  /// The command as typed so far, without the `:`.
  public var text = ""
  /// While Tab cycles: the text before the completed word, the choices, the one shown.
  var cycle: (head: String, choices: [String], index: Int)?
  /// While Up and Down recall earlier commands: the one shown (an index into the session's
  /// `commandHistory`), and what was typed before the first Up, which Down past the newest
  /// gives back.
  var recalled: (index: Int, draft: String)?

  /// A command line holding `text`.
  public init(text: String = "") { self.text = text }

  /// Equal when the text and the completion cycle are.
  public static func == (a: Self, b: Self) -> Bool {
    a.text == b.text && a.cycle?.head == b.cycle?.head && a.cycle?.choices == b.cycle?.choices
      && a.cycle?.index == b.cycle?.index && a.recalled?.index == b.recalled?.index
      && a.recalled?.draft == b.recalled?.draft
  }

  /// Shows the command `by` steps older (negative) or newer (positive) in `history` (oldest
  /// first); past the newest, the text typed before recalling. Nothing older than the oldest.
  mutating func recall(by: Int, in history: [String]) {
    guard !history.isEmpty else { return }
    let current = recalled?.index ?? history.count
    let next = min(max(current + by, 0), history.count)
    let draft = recalled?.draft ?? text
    if next == history.count {
      text = draft
      recalled = nil
    } else {
      text = history[next]
      recalled = (next, draft)
    }
    cycle = nil
  }

  /// How many commands a session remembers for Up and Down.
  static let historyLimit = 50

  /// `history` with `text` run last: blank lines and a repeat of the newest are not kept.
  static func remembering(_ text: String, in history: [String]) -> [String] {
    let t = text.trimmingSpaces
    guard !t.isEmpty, history.last != t else { return history }
    return Array((history + [t]).suffix(historyLimit))
  }
}

/// The commands, their arguments' choices and how each runs.
enum Commands {
  /// Command names with what they take, for completion and help.
  static let all: [(name: String, usage: String)] = [
    ("sort", "sort COLUMN [desc]: sort the table by a column (no column: rank order)"),
    ("by", "by MEASURE: rank the league by a measure"),
    ("filter", "filter TEXT: filter rows (field:value, a|b); no text clears it"),
    ("theme", "theme NAME: use a theme"),
    ("pane", "pane NAME: go to a pane"),
    ("top", "top N: number the top N footprints on the map (top 0: none)"),
    (
      "columns", "columns [hide|show NAME | reset]: list, hide, show or restore the table's columns"
    ),
    ("export", "export: write the view to CSV and Markdown"),
    ("help", "help: the keys"),
    ("quit", "quit (or q)"),
  ]

  /// The choices for the word being typed, given the words before it.
  static func choices(_ words: [String], _ s: AppState) -> [String] {
    guard let first = words.first?.lowercased() else { return all.map(\.name) }
    if first == "columns", let table = s.tablePane(s.pane) {
      if words.count == 1 { return ["hide", "show", "reset"] }
      if words.count == 2, ["hide", "show"].contains(words[1].lowercased()) {
        return table.columns(s).dropFirst(words[1].lowercased() == "hide" ? 2 : 0)
          .map { $0.longTitle ?? ($0.title.isEmpty ? "bar" : $0.title) }
      }
      return []
    }
    if words.count > 1 { return [] }  // one argument at most
    switch first {
    case "sort":
      return ((s.tablePane(s.pane)?.columns(s) ?? []).map(\.title).filter { !$0.isEmpty })
    case "by": return Measure.allCases.map(\.rawValue)
    case "theme": return s.session.themeNames
    case "pane": return s.panes.ids.map(\.name)
    case "filter": return FilterQuery.fields.map { $0 + ":" }
    default: return []
    }
  }

  /// Completes the last word of `line` (or offers the next choice when Tab is pressed again).
  static func complete(_ line: inout CommandLineState, _ s: AppState) {
    if var c = line.cycle, !c.choices.isEmpty, line.text == c.head + c.choices[c.index] {
      c.index = (c.index + 1) % c.choices.count
      line.cycle = c
      line.text = c.head + c.choices[c.index]
      return
    }
    let endsWithSpace = line.text.hasSuffix(" ")
    var words = line.text.split(separator: " ").map(String.init)
    let partial = endsWithSpace || words.isEmpty ? "" : words.removeLast()
    let choices = Commands.choices(words, s).filter {
      $0.lowercased().hasPrefix(partial.lowercased())
    }
    guard !choices.isEmpty else { return }
    let head = words.isEmpty ? "" : words.joined(separator: " ") + " "
    line.cycle = (head, choices, 0)
    // One choice: complete it and a space to go on typing; several: the first, Tab for the next.
    line.text = head + choices[0] + (choices.count == 1 && words.isEmpty ? " " : "")
    if choices.count == 1 { line.cycle = nil }
  }

  /// What the status bar shows while typing: the choices for the word being typed.
  static func hint(_ line: CommandLineState, _ s: AppState) -> String {
    if let c = line.cycle { return c.choices.joined(separator: " ") }
    var words = line.text.split(separator: " ").map(String.init)
    let partial = line.text.hasSuffix(" ") || words.isEmpty ? "" : words.removeLast()
    let choices = Commands.choices(words, s).filter {
      $0.lowercased().hasPrefix(partial.lowercased())
    }
    if words.isEmpty && choices.count == 1,
      let usage = all.first(where: { $0.name == choices[0] })?.usage
    {
      return usage
    }
    return choices.joined(separator: " ")
  }

  /// Runs the command typed; an unknown one or a bad argument leaves a message saying so.
  static func run(_ text: String, _ s: inout AppState) -> [Action] {
    let words = text.split(separator: " ", maxSplits: 1).map(String.init)
    guard let typed = words.first?.lowercased() else { return [] }
    // A command's unique start will do (`:col` for `:columns`), as in vim.
    let starts = all.map(\.name).filter { $0.hasPrefix(typed) }
    let name = all.contains { $0.name == typed } || starts.count != 1 ? typed : starts[0]
    let arg = words.count > 1 ? words[1].trimmingSpaces : ""
    switch name {
    case "q", "quit", "q!", "qa": return [.quit]
    case "help": return [.toggleHelp]
    case "export": return [.export]
    case "pane":
      guard let p = s.panes.find(arg) else {
        s.message = "no pane '\(arg)': " + s.panes.ids.map(\.name).joined(separator: ", ")
        return []
      }
      return [.focus(p.id)]
    case "by":
      guard let m = Measure(word: arg) else {
        s.message =
          "no measure '\(arg)': " + Measure.allCases.map(\.rawValue).joined(separator: ", ")
        return []
      }
      s.measure = m
      s[LeaguePane.self].sort = SortState()
      // Where the pane shows the measure (the map), it changes there; elsewhere the league shows it.
      if s.focused.showsMeasure {
        s.message = "by \(m.label.lowercased())"
        return []
      }
      return [.focus(.league)]
    case "theme":
      let q = arg.lowercased()
      guard
        let i = s.session.themeNames.firstIndex(where: { $0.lowercased() == q })
          ?? s.session.themeNames.firstIndex(where: { !q.isEmpty && $0.lowercased().hasPrefix(q) })
      else {
        s.message = "no theme '\(arg)': " + s.session.themeNames.joined(separator: ", ")
        return []
      }
      s.session.themeIndex = i
      s.message = "theme: \(s.session.themeName)"
      return [.redraw]
    case "filter":
      s.filter = arg
      return [.commitFilter]
    case "top":
      guard let n = Int(arg.isEmpty ? "5" : arg), (0...10).contains(n) else {
        s.message = "top takes a number from 0 to 10"
        return []
      }
      return (s.pane == .map ? [] : [.focus(.map)]) + [.pane("map.top:\(n)")]
    case "columns":
      guard let table = s.tablePane(s.pane) else {
        s.message = "this pane has no columns to choose"
        return []
      }
      table.columnsCommand(&s, arg)
      return []
    case "sort":
      guard let table = s.tablePane(s.pane) else {
        s.message = "this pane is not sorted"
        return []
      }
      var parts = arg.split(separator: " ").map(String.init)
      let descending =
        parts.last.map { ["desc", "-", "reverse", "down"].contains($0.lowercased()) } ?? false
      if descending { parts.removeLast() }
      let title = parts.joined(separator: " ").lowercased()
      if title.isEmpty || title == "rank" {
        s.updateTable(table.id) { $0.sort = SortState(column: nil, isDescending: descending) }
        return []
      }
      // Hidden columns (`-`) are not sorted by: the sort would not show.
      let columns = table.shownColumns(s).map { $0.isHidden ? nil : $0 }
      guard
        let c = columns.indices.first(where: {
          columns[$0]?.sortKey != nil && columns[$0]?.title.lowercased() == title
        })
          ?? columns.indices.first(where: {
            columns[$0]?.sortKey != nil && columns[$0]?.title.lowercased().hasPrefix(title) == true
          })
      else {
        s.message =
          "no column '\(arg)' to sort by: "
          + columns.compactMap { $0 }.filter { $0.sortKey != nil && !$0.title.isEmpty }.map(\.title)
          .joined(separator: " ")
        return []
      }
      s.updateTable(table.id) { $0.sort = SortState(column: c, isDescending: descending) }
      return []
    default:
      s.message = "unknown command '\(name)': " + all.map(\.name).joined(separator: ", ")
      return []
    }
  }
}

extension String {
  var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
