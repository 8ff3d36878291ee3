import STPTestSupport
import Testing

@testable import STPTerminal

/// Text put on the canvas in one call lands exactly as if put a character at a time: a run of
/// narrow glyphs written in one pass cuts wide glyphs at its ends the way a single cell does.
@Suite struct CanvasTests {
  /// The same inputs on every run.
  typealias Random = SeededRandom

  /// A 12-column row of wide (漢, 字) and narrow glyphs in several roles.
  func background(_ r: inout Random) -> Canvas {
    var c = Canvas(size: Size(width: 12, height: 3))
    var x = 0
    while x < 12 {
      let role: Role = [.text, .dim, .title][r.below(3)]
      switch r.below(3) {
      case 0: x += c.put(r.below(2) == 0 ? "漢" : "字", at: Point(x: x, y: 1), role: role)
      case 1: x += c.put("é", at: Point(x: x, y: 1), role: role)
      default: x += 1
      }
    }
    return c
  }

  @Test func aNarrowRunCutsWideGlyphsAsSingleCellsDo() {
    var r = Random(state: 2017)
    for _ in 0..<3_000 {
      let start = background(&r)
      // ASCII, or narrow text with £, é, – and … among the letters (the other one-pass path).
      let narrow: [Character] = ["£", "é", "–", "…"]
      let mixed = r.below(2) == 0
      let text = String(
        (0..<(1 + r.below(8))).map { _ in
          mixed && r.below(3) == 0
            ? narrow[r.below(4)] : Character(Unicode.Scalar(97 + UInt8(r.below(26))))
        })
      let x = r.below(14) - 2
      let clip: Rect? =
        r.below(2) == 0 ? nil : Rect(x: r.below(6), y: 0, width: r.below(12), height: 3)
      var whole = start
      let used = whole.put(text, at: Point(x: x, y: 1), role: .heading, clip: clip)
      var single = start
      for (i, ch) in text.enumerated() {
        single.put(String(ch), at: Point(x: x + i, y: 1), role: .heading, clip: clip)
      }
      guard whole == single else {
        func row(_ c: Canvas) -> String {
          (0..<12).map { x in c[x, 1].isContinuation ? "|" : String(c[x, 1].glyph) }.joined()
        }
        Issue.record(
          "'\(text)' at \(x), clip \(String(describing: clip)): \(row(whole)) != \(row(single))")
        return
      }
      let bounds = (clip ?? Rect(start.size)).intersection(Rect(start.size))
      #expect(used == max(0, min(x + text.count, max(x, bounds.maxX)) - x))
    }
  }
}
