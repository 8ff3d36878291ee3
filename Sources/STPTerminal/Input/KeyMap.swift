/// A key, the action it triggers, and the words that explain it.
public struct Binding: Equatable, Sendable {
  /// The keys, the first shown in hints.
  public var keys: [Key]
  /// What the keys do.
  public var action: Action
  /// What help, the README and the manual say the keys do.
  public var help: String
  /// Shown in the status bar's hints.
  public var isHint: Bool
  /// The words in the status bar, where help's are too long ("sort" for "sort by the next column").
  public var hintText: String

  /// Several keys for one action.
  public init(
    _ keys: [Key], _ action: Action, help: String, hint: Bool = false, short: String? = nil
  ) {
    self.keys = keys
    self.action = action
    self.help = help
    self.isHint = hint
    self.hintText = short ?? help
  }

  /// One key for an action.
  public init(_ key: Key, _ action: Action, help: String, hint: Bool = false, short: String? = nil)
  {
    self.init([key], action, help: help, hint: hint, short: short)
  }

  /// The keys as people read them: "↓ j".
  public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// Where typed characters go in a mode that takes text.
public enum TextField: Equatable, Sendable {
  case filter, command
}

/// Bindings of one scope (a mode, a pane, the tables, or global). Help, hints and the README's
/// key table are generated from the same lists, so they cannot drift from what the keys do.
public struct KeyMap: Equatable, Sendable {
  /// What the scope is called in help: "Everywhere", "Tables", "League pane".
  public var title: String
  /// The bindings, in the order help lists them.
  public var bindings: [Binding]
  /// In a mode that takes text, printable characters not bound above are typed into this field.
  public var typing: TextField?

  /// A titled map; `typing` names the line other keys are typed into.
  public init(_ title: String = "", _ bindings: [Binding], typing: TextField? = nil) {
    self.title = title
    self.bindings = bindings
    self.typing = typing
  }

  /// An untitled map.
  public init(_ bindings: [Binding]) { self.init("", bindings) }

  /// The action bound to `key`, if any; in a text mode, a printable character types itself.
  public func action(for key: Key) -> Action? {
    if let b = bindings.first(where: { $0.keys.contains(key) }) { return b.action }
    if let field = typing, case .char(let c) = key {
      return field == .filter ? .filterInput(String(c)) : .commandInput(String(c))
    }
    return nil
  }

  /// Keys that work everywhere outside the modes, with a number key for each registered pane.
  public static func global(_ panes: PaneRegistry) -> KeyMap {
    var map = everywhere
    let at = (map.bindings.firstIndex { $0.action == .focusPrevious } ?? 0) + 1
    map.bindings.insert(contentsOf: panes.focusBindings, at: at)
    return map
  }

  /// Keys that work in every pane.
  static let everywhere = KeyMap(
    "Everywhere",
    [
      Binding([.tab], .focusNext, help: "next pane", hint: true),
      Binding([.backTab], .focusPrevious, help: "previous pane"),
      Binding(
        .char(":"), .startCommand,
        help: "command line (:sort, :by, :filter, :columns, :top, :theme, :pane, :export, :q)"),
      Binding(
        .char("p"), .togglePresentation, help: "present (full screen)", hint: true, short: "present"
      ),
      Binding(
        .char("P"), .toggleShare,
        help: "share this view for colleagues to follow (stp-dash follow), or stop"),
      Binding(.char("f"), .rejoin, help: "follow the presenter again (when following)"),
      Binding(.char("*"), .toggleSpotlight, help: "spotlight the STP"),
      Binding(.char("c"), .toggleCompare, help: "compare: add or take out the STP (up to 6)"),
      Binding(.char("e"), .export, help: "export the view (CSV and Markdown)"),
      Binding(.char("E"), .exportScreen, help: "export the screen as SVG and HTML (for slides)"),
      Binding(.char("r"), .reload, help: "reload the data"),
      Binding(.char("t"), .cycleTheme, help: "next theme"),
      Binding(.ctrl("l"), .redraw, help: "repaint"),
      Binding([.char("?"), .function(1)], .toggleHelp, help: "help", hint: true),
      Binding(.char("q"), .backOrQuit, help: "back; quit at the top", hint: true),
      Binding(.escape, .back, help: "back (never quits)"),
      Binding([.char("Q"), .ctrl("c"), .function(10)], .quit, help: "quit from anywhere"),
    ])

  /// Keys of every table pane (League, Partnerships, Funding, …).
  public static let table = KeyMap(
    "Tables",
    [
      Binding([.down, .char("j")], .moveSelection(by: 1), help: "next row"),
      Binding([.up, .char("k")], .moveSelection(by: -1), help: "previous row"),
      Binding([.pageDown, .ctrl("f")], .movePage(by: 1), help: "next page"),
      Binding([.pageUp, .ctrl("b")], .movePage(by: -1), help: "previous page"),
      Binding([.char("g"), .home], .moveToTop, help: "first row"),
      Binding([.char("G"), .end], .moveToBottom, help: "last row"),
      Binding([.right, .char("l")], .scrollColumns(by: 1), help: "scroll columns right"),
      Binding([.left, .char("h")], .scrollColumns(by: -1), help: "scroll columns left"),
      Binding(.enter, .openDetail, help: "detail", hint: true),
      Binding(.escape, .back, help: "clear the filter"),
      Binding(
        .char("/"), .startFilter, help: "filter: text, field:value, a|b", hint: true,
        short: "filter"),
      Binding(.char("n"), .nextMatch, help: "next match"),
      Binding(.char("N"), .previousMatch, help: "previous match"),
      Binding(
        [.char("s"), .char(">")], .sortNext, help: "sort by the next column", hint: true,
        short: "sort"),
      Binding(.char("<"), .sortPrevious, help: "sort by the previous column"),
      Binding(.char("S"), .sortReverse, help: "reverse the sort"),
      Binding(
        .char("_"), .toggleColumnWidth, help: "widen the sorted column to full width, or narrow it"),
      Binding(.char("-"), .hideColumn, help: "hide the sorted column (:columns brings it back)"),
      Binding(.char("y"), .copySource(withValue: false), help: "copy the STP's source URL"),
      Binding(.char("Y"), .copySource(withValue: true), help: "copy the STP with its source"),
    ])

  /// Typing a filter: characters go into it.
  public static let filterInput = KeyMap(
    "Filter",
    [
      Binding(.enter, .commitFilter, help: "keep the filter"),
      Binding(.escape, .clearFilter, help: "clear the filter"),
      Binding(.backspace, .filterBackspace, help: "delete a character"),
      Binding([.down, .pageDown], .moveSelection(by: 1), help: "next row"),
      Binding([.up, .pageUp], .moveSelection(by: -1), help: "previous row"),
      Binding([.ctrl("c"), .function(10)], .quit, help: "quit"),
    ], typing: .filter)

  /// Typing a command after `:`: characters go into it, never to the single-key commands.
  public static let commandInput = KeyMap(
    "Command line",
    [
      Binding(.enter, .commandRun, help: "run the command"),
      Binding(.escape, .commandCancel, help: "cancel"),
      Binding(.tab, .commandComplete, help: "complete (again for the next choice)"),
      Binding(.up, .commandRecall(by: -1), help: "the command run before (again: older)"),
      Binding(.down, .commandRecall(by: 1), help: "a newer command; past the newest, your text"),
      Binding(.backspace, .commandBackspace, help: "delete a character"),
      Binding([.ctrl("c"), .function(10)], .quit, help: "quit"),
    ], typing: .command)

  /// The help overlay.
  public static let help = KeyMap(
    "Help",
    [
      Binding(
        [.escape, .char("?"), .char("q"), .enter, .function(1)], .toggleHelp, help: "close help"),
      Binding([.down, .char("j")], .scroll(by: 1), help: "scroll help"),
      Binding([.up, .char("k")], .scroll(by: -1), help: "scroll help back"),
      Binding([.pageDown, .char(" ")], .scroll(by: 10), help: "next page of help"),
      Binding(.pageUp, .scroll(by: -10), help: "previous page of help"),
      Binding([.char("Q"), .ctrl("c"), .function(10)], .quit, help: "quit"),
    ])

  /// Presenting: what presentation clickers send, plus the keys a presenter reaches for. `q`
  /// leaves presentation: nothing quits in front of a room but Q, Ctrl-C or F10.
  public static let presentation = KeyMap(
    "Presenting",
    [
      Binding(
        [.pageDown, .right, .down, .char(" "), .char("n"), .char("j")], .presentNext,
        help: "next slide"),
      Binding(
        [.pageUp, .left, .up, .char("N"), .char("k")], .presentPrevious, help: "previous slide"),
      Binding([.char("b"), .char(".")], .toggleBlank, help: "blank the screen (any key wakes it)"),
      Binding(.enter, .resumeCycle, help: "resume the cycle"),
      Binding([.char("p"), .escape, .char("q")], .togglePresentation, help: "leave presentation"),
      Binding(.char("t"), .cycleTheme, help: "next theme"),
      Binding(.char("E"), .exportScreen, help: "export the slide as SVG and HTML"),
      Binding(.char("P"), .toggleShare, help: "share the slides for colleagues to follow, or stop"),
      Binding(.char("f"), .rejoin, help: "follow the presenter again (when following)"),
      Binding(.ctrl("l"), .redraw, help: "repaint"),
      Binding([.char("Q"), .ctrl("c"), .function(10)], .quit, help: "quit"),
    ])
}

extension KeyMap {
  /// Every key map of the dashboard, in the order help and the README give them.
  public static func all(_ panes: PaneRegistry) -> [KeyMap] {
    [global(panes), table] + panes.panes.map(\.keyMap).filter { !$0.bindings.isEmpty }
      + [filterInput, commandInput, help, presentation]
  }

  /// The README's key table, generated from the maps so the two cannot drift.
  public static func markdown(_ panes: PaneRegistry) -> String {
    var out = ""
    for map in all(panes) {
      out += "\n**\(map.title)**\n\n| keys | |\n|---|---|\n"
      for b in map.bindings {
        let keys = b.keys.map { "`" + ($0.label == "`" ? "´" : $0.label) + "`" }.joined(
          separator: " ")
        out += "| \(keys) | \(b.help.replacingBars()) |\n"
      }
      if map.typing != nil { out += "| other keys | typed into the line |\n" }
    }
    return out
  }
}

extension String {
  /// "a|b" in a Markdown table cell.
  fileprivate func replacingBars() -> String {
    var out = ""
    for ch in self { out += ch == "|" ? "\\|" : String(ch) }
    return out
  }
}
