/// Large characters five cells high, for headline figures a room can read.
enum BlockText {
  /// Each glyph as five rows; "#" is a filled cell.
  static let font: [Character: [String]] = [
    "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
    "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", " ##", "  #", "###"],
    "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
    "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", " # ", " # ", " # "],
    "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
    "=": ["   ", "###", "   ", "###", "   "], "/": ["  #", "  #", " # ", "#  ", "#  "],
    "%": ["# #", "  #", " # ", "#  ", "# #"], ".": [" ", " ", " ", " ", "#"],
    "£": [" ##", " # ", "###", " # ", "###"], "m": ["     ", "#### ", "# # #", "# # #", "# # #"],
    "b": ["#  ", "#  ", "###", "# #", "###"], "n": ["   ", "   ", "###", "# #", "# #"],
    "k": ["#  ", "# #", "## ", "# #", "# #"], "?": ["###", "  #", " ##", "   ", " # "],
    "-": ["   ", "   ", "###", "   ", "   "], "–": ["   ", "   ", "###", "   ", "   "],
    " ": ["  ", "  ", "  ", "  ", "  "], "G": ["###", "#  ", "# #", "# #", "###"],
    "B": ["## ", "# #", "## ", "# #", "## "], "P": ["###", "# #", "###", "#  ", "#  "],
    // Qualifiers, so that a headline keeps them in block letters too: ≥£197.8m, ≤£80m.
    "≥": ["#  ", " ##", "#  ", "   ", "###"], "≤": ["  #", "## ", "  #", "   ", "###"],
    "+": ["   ", " # ", "###", " # ", "   "], "~": ["   ", "   ", "## ", " ##", "   "],
  ]

  /// Columns `text` takes (one blank column between glyphs).
  static func width(_ text: String) -> Int {
    let ws = text.map { font[$0]?.first?.count ?? 3 }
    return ws.reduce(0, +) + max(0, ws.count - 1)
  }

  /// Whether every character has a block form.
  static func canDraw(_ text: String) -> Bool { text.allSatisfy { font[$0] != nil } }

  /// Draws `text` with its top-left at `origin`; returns the columns used.
  @discardableResult
  static func draw(
    _ text: String, at origin: Point, role: Role, glyphs: Glyphs, on canvas: inout Canvas,
    clip: Rect
  ) -> Int {
    var x = origin.x
    for ch in text {
      guard let rows = font[ch] else { continue }
      for (dy, row) in rows.enumerated() {
        for (dx, cell) in row.enumerated() where cell == "#" {
          canvas.putGlyph(
            glyphs.barSolid, at: Point(x: x + dx, y: origin.y + dy), role: role, clip: clip)
        }
      }
      x += (rows.first?.count ?? 3) + 1
    }
    return x - origin.x - 1
  }
}
