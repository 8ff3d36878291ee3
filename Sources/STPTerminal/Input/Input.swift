/// A key press, decoded by the backend. Raw terminal codes never get past the backend.
public enum Key: Hashable, Sendable {
  case char(Character)
  case ctrl(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace
  case function(Int)

  /// A short name for help and the status bar.
  public var label: String {
    switch self {
    case .char(" "): "Space"
    case .char(let c): String(c)
    case .ctrl(let c): "^" + String(c).uppercased()
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "Bksp"
    case .function(let n): "F\(n)"
    }
  }
}

/// A mouse action at a cell.
public struct MouseEvent: Equatable, Sendable {
  /// A button press or a wheel turn.
  public enum Kind: Equatable, Sendable { case press, wheelUp, wheelDown }
  /// What the mouse did.
  public var kind: Kind
  /// The cell it did it on.
  public var point: Point
  /// A mouse event at a cell.
  public init(_ kind: Kind, at point: Point) {
    self.kind = kind
    self.point = point
  }
}

/// What the backend reports.
public enum Event: Equatable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  /// Nothing arrived before the wait ended (only when a timeout was asked for).
  case tick
}
