import STPReport

/// Copying to the terminal's clipboard with OSC 52, which works over SSH and through tmux (with
/// `set -g set-clipboard on`): the text travels base64-encoded, so nothing in it reaches the
/// terminal as a control; it is cleaned of controls first all the same.
public enum Clipboard {
  /// The most text one copy sends: about 100 KB once base64-encoded, what terminals take (xterm,
  /// tmux and hterm drop longer sequences); a 10 MB cell was 13 MB written at once.
  public static let limit = 74_000

  /// The escape sequence that puts `text` on the clipboard.
  public static func osc52(_ text: String) -> String {
    "\u{1b}]52;c;" + base64(Array(SafeText.forTerminal(text).utf8)) + "\u{07}"
  }

  /// Standard base64 with padding (RFC 4648).
  public static func base64(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var out = ""
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = Int(bytes[i])
      let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
      out.append(table[b0 >> 2])
      out.append(table[(b0 & 3) << 4 | b1 >> 4])
      out.append(i + 1 < bytes.count ? table[(b1 & 15) << 2 | b2 >> 6] : "=")
      out.append(i + 2 < bytes.count ? table[b2 & 63] : "=")
      i += 3
    }
    return out
  }
}
