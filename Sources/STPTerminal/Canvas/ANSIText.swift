/// A canvas as text with ANSI colour and attribute codes, for `stp-dash snapshot --format ansi`:
/// what the screen would show, pasteable into a terminal or converted for slides.
public enum ANSIText {
  /// Each row with SGR codes wherever the style changes, reset at the end of every row.
  public static func render(_ canvas: Canvas, theme: Theme, depth: ColorDepth) -> String {
    var out = ""
    for y in 0..<canvas.size.height {
      var current: Style?
      for x in 0..<canvas.size.width {
        let cell = canvas[x, y]
        if cell.isContinuation { continue }
        let style = depth == .none ? theme.style(cell).monochrome : theme.style(cell)
        if style != current {
          out += sgr(style, depth: depth)
          current = style
        }
        out.append(cell.glyph)
      }
      out += "\u{1B}[0m\n"
    }
    return out
  }

  /// The SGR sequence that sets `style` from scratch.
  static func sgr(_ style: Style, depth: ColorDepth) -> String {
    var codes = ["0"]
    if style.bold { codes.append("1") }
    if style.dim { codes.append("2") }
    if style.underline { codes.append("4") }
    if style.reverse { codes.append("7") }
    if depth > .none {
      if let fg = colorCode(style.fg, depth: depth, foreground: true) { codes.append(fg) }
      if let bg = colorCode(style.bg, depth: depth, foreground: false) { codes.append(bg) }
    }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  static func colorCode(_ c: Color, depth: ColorDepth, foreground: Bool) -> String? {
    let n = terminalColor(c, depth: depth)
    guard n >= 0 else { return nil }
    let base = foreground ? 30 : 40
    if depth == .direct, n >= 8 || { if case .rgb = c { return true } else { return false } }() {
      return "\(base + 8);2;\((n >> 16) & 0xFF);\((n >> 8) & 0xFF);\(n & 0xFF)"
    }
    if n < 8 { return "\(base + Int(n))" }
    if n < 16 && depth == .sixteen { return "\(base + 60 + Int(n) - 8)" }
    return "\(base + 8);5;\(n)"
  }
}
