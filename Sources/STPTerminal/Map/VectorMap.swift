import STPModel
import STPReport

/// The map for papers: the footprints as SVG paths from their shapes, not cells. The same bins,
/// legend and basis as the terminal's (`MapScale`), unknown values hatched with a pattern (not
/// a colour), London again in an inset, a `<title>` per footprint with its name and figure, a
/// text alternative (the footprints by step) and the ONS/OS attribution.
public enum VectorMap {
  /// The map's width in CSS pixels; its height follows England's shape.
  static let mapWidth = 520.0
  static let panelWidth = 330.0

  /// The SVG of `measure` over the data in `s`, coloured by `theme` (as written: a page shows
  /// every colour).
  /// `highlight`: one footprint outlined in black over the rest (a brief's locator map).
  public static func svg(
    _ s: AppState, measure: Measure, theme: Theme, highlight: Int? = nil, legend: Bool = true
  ) -> String {
    let b = s.dataset.geography.boundaries
    let scale = MapScale.make(s, measure)
    let n = s.dataset.footprints.count
    guard !b.bounds.isEmpty else { return "" }
    let k = mapWidth / b.bounds.width
    let mapHeight = (b.bounds.height * k).rounded(.up)
    let height = max(mapHeight, 420) + 40
    let width = mapWidth + (legend ? panelWidth : 0) + 30
    func fill(_ role: Role) -> String {
      ScreenExport.hex(theme.style(role).fill, fallback: "#808080")
    }
    let figure = { (f: Int) in FigureText.text(s.metrics.figure(measure, footprint: f)) }
    // Ids per measure, so that a page may hold maps by several measures.
    let id = "map-\(measure.rawValue)"
    let title = "Map by \(measure.spec.mapTitle): the \(n) STP footprints (\(scale.basis))"
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(fmt(width)) \(fmt(height))" \
      width="\(fmt(width))" height="\(fmt(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" \
      font-family="DejaVu Sans, Arial, sans-serif" font-size="13">
      <title id="\(id)-title">\(xml(title))</title>
      <desc id="\(id)-desc">\(xml(textAlternative(s, measure: measure, highlight: highlight).joined(separator: " ")))</desc>
      <defs><pattern id="\(id)-unknown" width="6" height="6" patternUnits="userSpaceOnUse" \
      patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>\
      <line x1="0" y1="0" x2="0" y2="6" stroke="#5a5a5a" stroke-width="2.4"/></pattern></defs>
      <rect width="100%" height="100%" fill="#ffffff"/>
      <text x="10" y="22" font-size="16" font-weight="bold" fill="#111111">\
      \(xml("Map by \(measure.spec.mapTitle): the \(n) STP footprints"))</text>

      """
    // Each footprint: its rings as one path (even-odd, so holes stay holes), in its step's
    // colour or hatched, outlined in dark grey so every border shows, on paper too (a pale fill
    // against the white page); a title for people hovering
    // and for screen readers.
    // The outline: dark grey, or white on a fill too dark for grey to reach 3:1 against it
    // (two neighbours of one dark step stay apart; WCAG 1.4.11).
    func stroke(_ role: Role) -> String {
      guard role != .mapUnknown, let rgb = shownRGB(theme.style(role).fill, depth: .direct),
        contrastRatio(rgb, (0x33, 0x33, 0x33)) < 3
      else { return "#333333" }
      return "#ffffff"
    }
    func paths(
      _ fs: [Int], _ k: Double, _ ox: Double, _ oy: Double, _ window: MapRect,
      outlineOnly: Bool = false
    ) -> String {
      var g = ""
      for f in fs where b.rings.indices.contains(f) && !b.rings[f].isEmpty {
        var d = ""
        for ring in b.rings[f] where ring.count >= 3 {
          var px = 0.0
          var py = 0.0
          for (i, p) in ring.enumerated() {
            let x = ((ox + (Double(p.x) - window.minX) * k) * 10).rounded() / 10
            let y = ((oy + (window.maxY - Double(p.y)) * k) * 10).rounded() / 10
            if i == 0 {
              d += "M\(fmt(x)) \(fmt(y))"
            } else if x != px || y != py {
              d += "l\(fmt(x - px)) \(fmt(y - py))"
            }
            (px, py) = (x, y)
          }
          d += "z"
        }
        let role = scale.role(f)
        let paint = role == .mapUnknown ? "url(#\(id)-unknown)" : fill(role)
        if outlineOnly {
          g += "<path d=\"\(d)\" fill=\"none\" stroke=\"#000000\" stroke-width=\"3\"/>\n"
          continue
        }
        g +=
          "<path d=\"\(d)\" fill=\"\(paint)\" fill-rule=\"evenodd\" stroke=\"\(stroke(role))\" "
          + "stroke-width=\"0.5\"><title>\(xml(s.dataset.footprints[f].name)): "
          + "\(xml(Panes.pounds(s.glyphs, figure(f))))</title></path>\n"
      }
      return g
    }
    out += "<g id=\"\(id)-england\">\n" + paths(Array(0..<n), k, 10, 36, b.bounds) + "</g>\n"
    if let h = highlight, b.rings.indices.contains(h), !b.rings[h].isEmpty {
      // Drawn again on top, unfilled, with a heavy outline.
      out +=
        "<g id=\"\(id)-highlight\">" + paths([h], k, 10, 36, b.bounds, outlineOnly: true) + "</g>\n"
    }
    // London, four times as large, in a box in the North Sea corner, its area marked.
    let london = (0..<n).filter { s.dataset.footprints[$0].region == "London" && b.hasShape($0) }
    if !london.isEmpty {
      let lb = london.map { b.footprintBounds[$0] }.reduce(MapRect.empty) { $0.union($1) }
      let lk = min(150 / lb.width, 120 / lb.height)
      let boxX = 10 + mapWidth - lb.width * lk - 14
      let boxY = 46.0
      let mark = (
        x: 10 + (lb.minX - b.bounds.minX) * k, y: 36 + (b.bounds.maxY - lb.maxY) * k,
        w: lb.width * k, h: lb.height * k
      )
      out +=
        "<rect x=\"\(fmt(mark.x))\" y=\"\(fmt(mark.y))\" width=\"\(fmt(mark.w))\" "
        + "height=\"\(fmt(mark.h))\" fill=\"none\" stroke=\"#111111\" stroke-width=\"1\"/>\n"
        + "<g id=\"\(id)-london\"><rect x=\"\(fmt(boxX - 6))\" y=\"\(fmt(boxY - 6))\" "
        + "width=\"\(fmt(lb.width * lk + 12))\" height=\"\(fmt(lb.height * lk + 12))\" "
        + "fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"1\"/>\n"
        + "<text x=\"\(fmt(boxX - 6))\" y=\"\(fmt(boxY - 10))\" fill=\"#111111\">"
        + "London ×\(Int((lk / k).rounded()))</text>\n"
        + paths(london, lk, boxX, boxY, lb) + "</g>\n"
    }
    guard legend else { return out + "</svg>\n" }
    // The legend: the same steps, labels and counts as the terminal's, then the basis and the
    // attribution.
    var y = 60.0
    let x = mapWidth + 40
    out += "<g id=\"\(id)-legend\" fill=\"#111111\">\n"
    out +=
      "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-weight=\"bold\">\(xml(measure.label))</text>\n"
    y += 22
    let rows: [(String, String)] =
      scale.steps.map { (fill($0.role), "\(Panes.pounds(s.glyphs, $0.label)) (\($0.count))") }
      + [("url(#\(id)-unknown)", "unknown (\(scale.unknown))")]
    for (paint, label) in rows {
      out +=
        "<rect x=\"\(fmt(x))\" y=\"\(fmt(y - 12))\" width=\"18\" height=\"14\" fill=\"\(paint)\" "
        + "stroke=\"#111111\" stroke-width=\"0.5\"/>"
        + "<text x=\"\(fmt(x + 26))\" y=\"\(fmt(y))\">\(xml(label))</text>\n"
      y += 22
    }
    for line in wrap(scale.basis, 44) {
      out += "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"12\">\(xml(line))</text>\n"
      y += 16
    }
    y += 8
    for line in [
      "Boundaries: Office for National Statistics, April 2017,",
      "licensed under the Open Government Licence v.3.0.",
      "Contains OS data © Crown copyright and database right.",
    ] {
      out += "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"11\">\(xml(line))</text>\n"
      y += 15
    }
    out += "</g>\n</svg>\n"
    return out
  }

  /// The map of `measure` in words, for screen readers: each step with its footprints and their
  /// figures; `highlight`, the footprint outlined, is read as "selected".
  public static func textAlternative(
    _ s: AppState, measure: Measure, highlight: Int? = nil
  ) -> [String] {
    var whole = s
    whole.listFilter = ""  // every footprint, whatever the screen's filter
    whole.measure = measure  // the measure drawn, whatever the screen's
    whole.selectedCode = highlight.map { s.dataset.footprints[$0].code }  // only what is drawn
    return LinearView.mapLines(whole)
  }

  /// An HTML page holding the map and its text alternative.
  public static func html(_ s: AppState, measure: Measure, theme: Theme) -> String {
    let scale = MapScale.make(s, measure)
    return """
      <!DOCTYPE html>
      <html lang="en-GB"><head><meta charset="utf-8"/>
      <title>Map by \(xml(measure.spec.mapTitle)): STP footprints</title>
      <style>body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5rem; color: #111; \
      background: #fff; } p { max-width: 60rem; }</style></head>
      <body><main><h1>Map by \(xml(measure.spec.mapTitle))</h1>
      \(svg(s, measure: measure, theme: theme))
      <h2>The map in words</h2>
      \(textAlternative(s, measure: measure).map { "<p>\(xml($0))</p>" }.joined(separator: "\n"))
      <p>\(xml(scale.basis))</p>
      </main></body></html>

      """
  }

  /// Text escaped for XML, cleaned of control characters.
  public static func xml(_ text: String) -> String {
    ScreenExport.escaped(SafeText.forTerminal(text))
  }

  /// A number with at most one decimal, without a trailing ".0".
  static func fmt(_ v: Double) -> String {
    let t = Int((v * 10).rounded())
    let sign = t < 0 ? "-" : ""
    let a = abs(t)
    return sign + "\(a / 10)" + (a % 10 == 0 ? "" : ".\(a % 10)")
  }

  /// Words in lines of at most `width` characters.
  static func wrap(_ text: String, _ width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
