import CNcurses
import STPTerminal

/// Turns what `wget_wch` returned into an event. Pure: tests call it without a terminal.
public enum KeyDecoding {
  /// `status` is `OK` for a character and `KEY_CODE_YES` for a function key; `code` is the value.
  public static func event(status: Int32, code: UInt32) -> Event? {
    if status == KEY_CODE_YES { return functionKey(Int32(bitPattern: code)) }
    guard status == OK else { return nil }
    switch code {
    case 0x1B: return .key(.escape)
    case 0x0D, 0x0A: return .key(.enter)
    case 0x09: return .key(.tab)
    case 0x7F, 0x08: return .key(.backspace)
    case 0x01...0x1A:
      return .key(.ctrl(Character(Unicode.Scalar(UInt8(truncatingIfNeeded: code + 0x60)))))
    case 0x00, 0x1C...0x1F: return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .key(.char(Character(scalar)))
    }
  }

  static func functionKey(_ k: Int32) -> Event? {
    switch k {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_HOME, KEY_A1: return .key(.home)
    case KEY_END, KEY_C1: return .key(.end)
    case KEY_ENTER: return .key(.enter)
    case KEY_BTAB: return .key(.backTab)
    case KEY_BACKSPACE: return .key(.backspace)
    default:
      for n in 1...12 where k == shim_key_f(Int32(n)) { return .key(.function(n)) }
      return nil
    }
  }
}

/// Colour pairs, one per (foreground, background), allocated as first needed.
public struct PairCache {
  private var pairs: [Key: Int32] = [:]
  private var next: Int32 = 1
  public let limit: Int32

  struct Key: Hashable {
    let fg: Int32
    let bg: Int32
  }

  public init(limit: Int32) { self.limit = limit }

  /// The pair for the colours and whether it is new (the caller then calls `init_pair`);
  /// pair 0 (terminal default) when the terminal has no pairs left.
  public mutating func pair(fg: Int32, bg: Int32) -> (pair: Int32, isNew: Bool) {
    if fg == -1 && bg == -1 { return (0, false) }
    let key = Key(fg: fg, bg: bg)
    if let p = pairs[key] { return (p, false) }
    guard next < limit else { return (0, false) }
    pairs[key] = next
    next += 1
    return (next - 1, true)
  }
}
