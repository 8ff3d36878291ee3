import STPModel
import STPReport

/// A screen as SVG or HTML, in the theme's colours and a monospace font, to paste into slides:
/// every cell's background, every run of text in its colour and weight, half-block cells as
/// their two halves. Text is escaped for XML; the documents are well-formed XML (the HTML is
/// XHTML-compatible), which the tests parse.
public enum ScreenExport {
  /// Cell size in the SVG, in pixels (a 2:1 cell, as terminals draw).
  static let cellWidth = 9.0, cellHeight = 18.0

  /// "#rrggbb" for a colour; `fallback` for the terminal's default.
  static func hex(_ c: Color, fallback: String) -> String {
    func h(_ r: Int, _ g: Int, _ b: Int) -> String {
      let digits = Array("0123456789abcdef")
      return "#" + [r, g, b].map { String(digits[$0 >> 4]) + String(digits[$0 & 15]) }.joined()
    }
    switch c {
    case .default: return fallback
    case .rgb(let r, let g, let b): return h(Int(r), Int(g), Int(b))
    case .ansi(let n), .index(let n):
      let base: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
        (0, 255, 255), (255, 255, 255),
      ]
      if n < 16 { return h(base[max(0, n)].0, base[max(0, n)].1, base[max(0, n)].2) }
      if n < 232 {
        let i = n - 16
        let level = [0, 95, 135, 175, 215, 255]
        return h(level[i / 36], level[(i / 6) % 6], level[i % 6])
      }
      let v = 8 + (n - 232) * 10
      return h(v, v, v)
    }
  }

  /// The theme as the page shows it readably: a browser shows every colour exactly, on the
  /// page's own background, so roles below their contrast there (docs/THEMES.md) take the
  /// page's colours, as they would a terminal's.
  static func forPage(_ theme: Theme) -> Theme {
    let light = defaults(theme).bg == "#ffffff"
    return theme.adapted(to: .direct, background: light ? .light : .dark)
  }

  /// The screen's own colours: the theme's text colours, else dark (or light, for a theme whose
  /// text is dark on the terminal's background).
  static func defaults(_ theme: Theme) -> (fg: String, bg: String) {
    let text = theme.style(.text)
    let darkText: Bool = {
      guard case .rgb(let r, let g, let b) = text.fg else { return text.fg == .black }
      return Int(r) + Int(g) + Int(b) < 384
    }()
    let bg =
      text.bg == .default ? (darkText ? "#ffffff" : "#121212") : hex(text.bg, fallback: "#121212")
    let fg =
      text.fg == .default
      ? (bg == "#ffffff" ? "#1c1c1c" : "#e4e4e4") : hex(text.fg, fallback: "#e4e4e4")
    return (fg, bg)
  }

  /// One cell's look: foreground, background, bold, underline, dim; half-block cells give their
  /// two halves' colours as fg (upper) and bg (lower).
  struct Look: Equatable {
    var fg: String, bg: String
    var bold = false, underline = false, dim = false
  }

  static func look(_ cell: Cell, _ theme: Theme, _ d: (fg: String, bg: String), colour: Bool)
    -> Look
  {
    let style = colour ? theme.style(cell) : theme.style(cell).monochrome
    var fg = hex(style.fg, fallback: d.fg)
    var bg = hex(style.bg, fallback: d.bg)
    if style.reverse { swap(&fg, &bg) }
    return Look(fg: fg, bg: bg, bold: style.bold, underline: style.underline, dim: style.dim)
  }

  /// Text for XML: the five markup characters as entities, and U+FFFE and U+FFFF, which XML
  /// does not allow anywhere, as U+FFFD (a name holding them made the exports invalid).
  static func escaped(_ s: String) -> String {
    var out = ""
    for ch in s {
      if ch.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) {
        out += "\u{FFFD}"
        continue
      }
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// Runs of cells with one look on a row: (first column, glyphs, look).
  static func runs(
    _ canvas: Canvas, row y: Int, _ theme: Theme, _ d: (fg: String, bg: String), colour: Bool
  )
    -> [(x: Int, text: String, look: Look, halfBlock: Bool)]
  {
    var runs: [(x: Int, text: String, look: Look, halfBlock: Bool)] = []
    for x in 0..<canvas.size.width {
      let cell = canvas[x, y]
      if cell.isContinuation { continue }
      let l = look(cell, theme, d, colour: colour)
      let half = cell.lower != nil
      if let last = runs.last, last.look == l, !half, !last.halfBlock,
        last.x + DisplayWidth.of(last.text) == x
      {
        runs[runs.count - 1].text.append(cell.glyph)
      } else {
        runs.append((x, String(cell.glyph), l, half))
      }
    }
    return runs
  }

  /// The screen as SVG.
  public static func svg(
    _ canvas: Canvas, theme: Theme, colour: Bool = true, title: String = "stp-dash"
  ) -> String {
    let theme = forPage(theme)
    let d = defaults(theme)
    let w = Double(canvas.size.width) * cellWidth
    let h = Double(canvas.size.height) * cellHeight
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(plainNumber(w))" height="\(plainNumber(h))" viewBox="0 0 \(plainNumber(w)) \(plainNumber(h))" \
      font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="15">
      <title>\(escaped(title))</title>
      <rect width="100%" height="100%" fill="\(d.bg)"/>

      """
    for y in 0..<canvas.size.height {
      let top = Double(y) * cellHeight
      for run in runs(canvas, row: y, theme, d, colour: colour) {
        let x = Double(run.x) * cellWidth
        let width = Double(DisplayWidth.of(run.text)) * cellWidth
        if run.halfBlock {
          // ▀ in fg over bg; ▄ the other way round: two rectangles, no glyph.
          let upper = run.text == "▄" ? run.look.bg : run.look.fg
          let lower = run.text == "▄" ? run.look.fg : run.look.bg
          out +=
            "<rect x=\"\(plainNumber(x))\" y=\"\(plainNumber(top))\" width=\"\(plainNumber(width))\" height=\"\(plainNumber(cellHeight / 2))\" fill=\"\(upper)\"/>"
          out +=
            "<rect x=\"\(plainNumber(x))\" y=\"\(plainNumber(top + cellHeight / 2))\" width=\"\(plainNumber(width))\" height=\"\(plainNumber(cellHeight / 2))\" fill=\"\(lower)\"/>\n"
          continue
        }
        if run.look.bg != d.bg {
          out +=
            "<rect x=\"\(plainNumber(x))\" y=\"\(plainNumber(top))\" width=\"\(plainNumber(width))\" height=\"\(plainNumber(cellHeight))\" fill=\"\(run.look.bg)\"/>"
        }
        guard run.text.contains(where: { $0 != " " }) else {
          if run.look.bg != d.bg { out += "\n" }
          continue
        }
        var attrs =
          "x=\"\(plainNumber(x))\" y=\"\(plainNumber(top + 14))\" fill=\"\(run.look.fg)\" textLength=\"\(plainNumber(width))\" xml:space=\"preserve\""
        if run.look.bold { attrs += " font-weight=\"bold\"" }
        if run.look.underline { attrs += " text-decoration=\"underline\"" }
        if run.look.dim { attrs += " fill-opacity=\"0.65\"" }
        out += "<text \(attrs)>\(escaped(run.text))</text>\n"
      }
    }
    return out + "</svg>\n"
  }

  /// A run's text for the HTML page, escaped, with each symbol, block, box-drawing or braille
  /// glyph (and each wide one) in a box exactly one cell (two) wide: a browser whose font lacks
  /// a glyph draws it from another, wider or narrower, and without the box the rest of the row
  /// would shift.
  static func cellPlaced(_ text: String) -> String {
    var out = ""
    for ch in text {
      let wide = DisplayWidth.of(ch) == 2
      if wide || (ch.unicodeScalars.first.map { $0.value >= 0x2190 } ?? false) {
        out += "<span class=\"\(wide ? "w" : "c")\">\(escaped(String(ch)))</span>"
      } else {
        out += escaped(String(ch))
      }
    }
    return out
  }

  /// The screen as an HTML page: one <pre>, a <span> per run; every span a full row high, so
  /// no seam shows between rows at any device scale.
  public static func html(
    _ canvas: Canvas, theme: Theme, colour: Bool = true, title: String = "stp-dash"
  ) -> String {
    let theme = forPage(theme)
    let d = defaults(theme)
    var out = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head><meta charset="utf-8"/><title>\(escaped(title))</title>
      <style>pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 15px; line-height: 18px; \
      color: \(d.fg); background: \(d.bg); padding: 9px; display: inline-block; } \
      pre span { display: inline-block; height: 18px; vertical-align: top; } \
      pre span.c { width: 1ch; overflow: hidden; text-align: center; } \
      pre span.w { width: 2ch; overflow: hidden; text-align: center; }</style></head>
      <body><pre>
      """
    for y in 0..<canvas.size.height {
      for run in runs(canvas, row: y, theme, d, colour: colour) {
        var css = [String]()
        if run.look.fg != d.fg { css.append("color: \(run.look.fg)") }
        if run.look.bg != d.bg { css.append("background: \(run.look.bg)") }
        if run.look.bold { css.append("font-weight: bold") }
        if run.look.underline { css.append("text-decoration: underline") }
        if run.look.dim { css.append("opacity: 0.65") }
        var text = cellPlaced(run.text)
        // Half blocks as two exact halves of the cell's background, not a glyph whose height
        // is the font's (a hairline of the other colour showed between rows at 3x).
        if let half = run.text.first, half == "▀" || half == "▄",
          run.text.allSatisfy({ $0 == half })
        {
          let (top, bottom) = half == "▀" ? (run.look.fg, run.look.bg) : (run.look.bg, run.look.fg)
          css = [
            "background: linear-gradient(to bottom, \(top) 50%, \(bottom) 50%)"
          ]
          text = String(repeating: " ", count: run.text.count)
        }
        out += css.isEmpty ? text : "<span style=\"\(css.joined(separator: "; "))\">\(text)</span>"
      }
      out += y + 1 < canvas.size.height ? "\n" : ""
    }
    return out + "</pre></body>\n</html>\n"
  }

}
