import Foundation
import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// SVG and HTML exports parse as XML and carry the screen's text and the theme's colours.
@Suite struct ScreenExportTests {
  /// Every element with its attributes and text, in document order.
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String], text: String)] = []
    var open: [Int] = []
    func parser(
      _ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      elements.append((name, attributes, ""))
      open.append(elements.count - 1)
    }
    func parser(
      _ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      _ = open.popLast()
    }
    func parser(_ p: XMLParser, foundCharacters s: String) {
      if let i = open.last { elements[i].text += s }
    }
  }

  func parse(_ text: String) -> Collector? {
    let parser = XMLParser(data: Data(text.utf8))
    let c = Collector()
    parser.delegate = c
    return parser.parse() ? c : nil
  }

  func mapApp() -> HeadlessApp {
    var app = HeadlessApp(size: Size(width: 100, height: 30))
    app.send(.char("5"))
    return app
  }

  /// Issue 26: U+FFFE or U+FFFF in a name made the SVG and HTML exports invalid XML (XML allows
  /// neither anywhere). The screen's SVG and the vector map, with such a name, parse.
  @Test func noncharactersInANameStillMakeValidXML() throws {
    let files = DatasetLoader.embeddedFiles.map { f in
      (
        f.name,
        Array(
          String(decoding: f.bytes, as: UTF8.self).replacingOccurrences(
            of: ",Dorset,", with: ",Dor\u{FFFE}set\u{FFFF},"
          ).utf8)
      )
    }
    let d = try DatasetLoader.load(files: files, origin: "test").dataset
    #expect(d.footprints.contains { $0.name.unicodeScalars.contains { $0.value == 0xFFFE } })
    var app = HeadlessApp(
      AppState(dataset: d, loadedAt: "09:30", size: Size(width: 100, height: 30)))
    app.send(.char("5"))
    #expect(parse(ScreenExport.svg(app.canvas, theme: .default)) != nil)
    let s = AppState(dataset: d, loadedAt: "09:30", size: Size(width: 120, height: 40))
    let svg = VectorMap.svg(s, measure: .band, theme: .default)
    #expect(svg.contains("Dor\u{FFFD}set"))
    #expect(parse(svg) != nil)
  }

  @Test func theSVGHasTheTextAndTheThemesColours() throws {
    let app = mapApp()
    let svg = ScreenExport.svg(app.canvas, theme: .default)
    let doc = try #require(parse(svg))
    // The title in the default theme's bright cyan, bold.
    let title = try #require(doc.elements.first { $0.name == "text" && $0.text == "stp-dash" })
    #expect(title.attributes["fill"] == "#00ffff" && title.attributes["font-weight"] == "bold")
    // The selected footprint (Dorset, top of the league) keeps its own fill inside (the default
    // theme's green for Outstanding, 35: its colour still reads against the legend); only its
    // outline takes the selection.
    let v = MapView(app.state, Layout.regions(app.state).pane)
    let cell = try #require(
      v.layout.anchor(
        of: Fixtures.embedded.index(ofCode: "E54000041")!, Fixtures.embedded.geography))
    let px = Double(cell.x) * ScreenExport.cellWidth + 1
    let py = Double(cell.y) * ScreenExport.cellHeight + 1
    func covers(_ a: [String: String]) -> Bool {
      guard let x = a["x"].flatMap(Double.init), let y = a["y"].flatMap(Double.init),
        let w = a["width"].flatMap(Double.init), let h = a["height"].flatMap(Double.init)
      else { return false }
      return x <= px && px < x + w && y <= py && py < y + h
    }
    let rects = doc.elements.filter { $0.name == "rect" && covers($0.attributes) }
    #expect(rects.last?.attributes["fill"] == "#00af5f")
    // The legend's words are there, escaped as needed.
    #expect(doc.elements.contains { $0.name == "text" && $0.text.contains("Outstanding (5)") })
  }

  @Test func theHTMLHasTheTextAndTheThemesColours() throws {
    var app = HeadlessApp(size: Size(width: 80, height: 24))
    app.state.filter = "<&>"
    let html = ScreenExport.html(app.canvas, theme: .default)
    let doc = try #require(parse(html))
    let spans = doc.elements.filter { $0.name == "span" }
    #expect(
      spans.contains {
        $0.text == "stp-dash" && $0.attributes["style"]?.contains("color: #00ffff") == true
      })
    // The status bar's white on blue (default theme: fg white, bg blue).
    #expect(spans.contains { $0.attributes["style"]?.contains("background: #0000ee") == true })
    let pre = try #require(doc.elements.first { $0.name == "pre" })
    #expect(!pre.text.isEmpty || spans.count > 10)
  }

  @Test func eExportsTheScreenThroughTheLoop() {
    var app = HeadlessApp(size: Size(width: 80, height: 24))
    app.send(.char("E"))
    guard case .exportScreen(let canvas, let theme, let pane)? = app.effects.last else {
      Issue.record("no screen export: \(app.effects)")
      return
    }
    #expect(theme == "default" && pane == "league")
    // The screen as a slide: the screen drawn without the cursor, the scroll marks (▸ ▼) and
    // the key hints, and without the message E leaves.
    var slide = app.state
    slide.isCleanSlide = true
    slide.message = nil
    #expect(canvas == Screen.render(slide))
    #expect(!canvas.lines.joined().contains("▸") && !canvas.lines.joined().contains("▼"))
    #expect(Screen.render(app.state).lines.joined().contains("▼"))
  }
}

/// The HTML export at any device scale (issue 24): every span a full row high; half blocks as two
/// exact halves of a background, not a glyph of the font's height; symbols and braille each in a
/// box one cell wide, so a fallback font cannot shift the row.
@Suite struct HTMLSeamTests {
  @Test func halfBlocksAreBackgroundsAndSymbolsAreBoxedCells() {
    var map = HeadlessApp(size: Size(width: 100, height: 30))
    map.send(.char("5"))
    let html = ScreenExport.html(map.canvas, theme: .default)
    #expect(html.contains("pre span { display: inline-block; height: 18px;"))
    #expect(html.contains("linear-gradient(to bottom, "))
    #expect(!html.contains("▀") && !html.contains("▄"))
    var chart = HeadlessApp(size: Size(width: 100, height: 30))
    chart.send(.char("8"), .char("v"))  // the scatter, in braille
    let scatter = ScreenExport.html(chart.canvas, theme: .default)
    let braille = scatter.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }
    #expect(!braille.isEmpty)
    // Each braille glyph sits alone in a one-cell box.
    let boxed = scatter.components(separatedBy: "<span class=\"c\">").dropFirst()
      .compactMap { $0.first }.filter { ch in
        ch.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false
      }
    #expect(boxed.count == braille.count)
  }
}

/// The vector map for papers (issue 24): valid XML, a path per footprint with its name and
/// figure in a <title>, unknown values hatched (a pattern, not a colour), the terminal's legend,
/// the attribution, a text alternative, and under 200 KB.
@Suite struct VectorMapTests {
  @Test func everyFootprintIsAPathWithItsFigure() throws {
    let d = Fixtures.embedded
    var s = AppState(dataset: d, loadedAt: "09:30", size: Size(width: 120, height: 40))
    for measure in [Measure.band, .perHead, .breadth] {
      s.measure = measure
      let svg = VectorMap.svg(s, measure: measure, theme: .default)
      #expect(svg.utf8.count < 200_000, "\(measure): \(svg.utf8.count) bytes")
      let doc = try #require(ScreenExportTests().parse(svg), "\(measure): not XML")
      let paths = doc.elements.filter { $0.name == "path" }
      let titles = doc.elements.filter { $0.name == "title" }.map(\.text)
      let scale = MapScale.make(s, measure)
      let london = d.footprints.indices.filter { d.footprints[$0].region == "London" }
      #expect(paths.count == d.footprints.count + london.count)  // London again in its inset
      for f in d.footprints.indices {
        let fig = FigureText.text(s.metrics.figure(measure, footprint: f))
        #expect(titles.contains("\(d.footprints[f].name): \(fig)"), "\(d.footprints[f].name)")
      }
      let hatched = paths.filter { $0.attributes["fill"]?.hasSuffix("-unknown)") == true }.count
      let unknownPaths = d.footprints.indices.filter { scale.step[$0] == nil }.map {
        london.contains($0) ? 2 : 1
      }.reduce(0, +)
      #expect(hatched == unknownPaths)
      let texts = doc.elements.filter { $0.name == "text" }.map(\.text).joined(separator: "\n")
      for step in scale.steps { #expect(texts.contains("\(step.label) (\(step.count))")) }
      #expect(texts.contains("unknown (\(scale.unknown))"))
      #expect(texts.contains("Open Government Licence v.3.0"))
      #expect(texts.contains("London ×"))
      let desc = doc.elements.first { $0.name == "desc" }?.text ?? ""
      #expect(desc.contains("Unknown, \(scale.unknown):"))
    }
  }
}
