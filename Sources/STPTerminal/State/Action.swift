/// The panes, in tab order.
public enum PaneID: Int, CaseIterable, Sendable {
  case league, partners, funding, detail

  /// Tab title.
  public var title: String {
    switch self {
    case .league: "League"
    case .partners: "Partnerships"
    case .funding: "Funding"
    case .detail: "Detail"
    }
  }

  /// Whether the pane lists STPs (as opposed to the detail of one).
  public var isList: Bool { self != .detail }
}

/// Everything that changes state. Only `reduce` applies actions.
public enum Action: Equatable, Sendable {
  case quit
  case focus(PaneID)
  case focusNext
  case focusPrevious
  case moveSelection(by: Int)
  case movePage(by: Int)
  case moveToTop
  case moveToBottom
  case openDetail
  case back
  case startFilter
  case filterInput(Character)
  case filterBackspace
  case commitFilter
  case clearFilter
  case nextMatch
  case previousMatch
  case sortNext
  case sortReverse
  case cycleMeasure
  case toggleHelp
  case resize(Size)
  case click(Point)
  case scroll(by: Int)
  case redraw
}

/// Work for the run loop, which performs it and may feed actions back.
public enum Effect: Equatable, Sendable {
  /// Repaint every cell (after Ctrl-L, or when something else wrote on the terminal).
  case repaint
}
