/// A key, the action it triggers, and the words that explain it.
public struct Binding: Equatable, Sendable {
  public var keys: [Key]
  public var action: Action
  public var help: String
  /// Shown in the status bar's hints.
  public var isHint: Bool

  public init(_ keys: [Key], _ action: Action, help: String, hint: Bool = false) {
    self.keys = keys
    self.action = action
    self.help = help
    self.isHint = hint
  }

  public init(_ key: Key, _ action: Action, help: String, hint: Bool = false) {
    self.init([key], action, help: help, hint: hint)
  }

  /// The keys as people read them: "↓ j".
  public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// Bindings of one scope (a pane, or global). Help and hints are generated from the same list,
/// so they cannot drift from what the keys do.
public struct KeyMap: Equatable, Sendable {
  public var bindings: [Binding]

  public init(_ bindings: [Binding]) { self.bindings = bindings }

  /// The action bound to `key`, if any.
  public func action(for key: Key) -> Action? {
    bindings.first { $0.keys.contains(key) }?.action
  }

  /// Keys that work everywhere, with a number key for each of the registry's panes.
  public static func global(_ panes: PaneRegistry) -> KeyMap {
    var map = navigation
    let at = (map.bindings.firstIndex { $0.action == .focusPrevious } ?? 0) + 1
    map.bindings.insert(contentsOf: panes.focusBindings, at: at)
    return map
  }

  /// Keys that work everywhere but the pane numbers.
  static let navigation = KeyMap([
    Binding([.down, .char("j")], .moveSelection(by: 1), help: "next row"),
    Binding([.up, .char("k")], .moveSelection(by: -1), help: "previous row"),
    Binding([.pageDown, .ctrl("f")], .movePage(by: 1), help: "next page"),
    Binding([.pageUp, .ctrl("b")], .movePage(by: -1), help: "previous page"),
    Binding([.char("g"), .home], .moveToTop, help: "first row"),
    Binding([.char("G"), .end], .moveToBottom, help: "last row"),
    Binding([.tab], .focusNext, help: "next pane", hint: true),
    Binding([.backTab], .focusPrevious, help: "previous pane"),
    Binding(.enter, .openDetail, help: "detail", hint: true),
    Binding(.escape, .back, help: "back, clear filter"),
    Binding(.char("/"), .startFilter, help: "filter", hint: true),
    Binding(.char("n"), .nextMatch, help: "next match"),
    Binding(.char("N"), .previousMatch, help: "previous match"),
    Binding(.char("s"), .sortNext, help: "sort", hint: true),
    Binding(.char("S"), .sortReverse, help: "reverse sort"),
    Binding(.char("p"), .togglePresentation, help: "present (full screen)", hint: true),
    Binding(.char("*"), .toggleSpotlight, help: "spotlight the STP"),
    Binding(.char("e"), .export, help: "export the view"),
    Binding(.char("r"), .reload, help: "reload the data"),
    Binding(.char("t"), .cycleTheme, help: "next theme"),
    Binding(.ctrl("l"), .redraw, help: "repaint"),
    Binding(.char("?"), .toggleHelp, help: "help", hint: true),
    Binding([.char("q"), .ctrl("c")], .quit, help: "quit", hint: true),
  ])
}
