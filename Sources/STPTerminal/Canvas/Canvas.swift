import STPReport

/// One terminal cell: a glyph and the role that says how to show it.
public struct Cell: Equatable, Sendable {
  /// What is drawn.
  public var glyph: Character
  /// What it means; the theme turns this into colours and attributes.
  public var role: Role
  /// The right half of a wide glyph that starts in the cell to the left: nothing is drawn here.
  public var isContinuation: Bool
  /// For a half-block glyph (the map's ▀): the role whose fill colour shows below it, while
  /// the glyph takes `role`'s fill colour, so that one cell shows two areas.
  public var lower: Role?

  /// A cell: its glyph and role, or the right half of a wide glyph, or a half-block's lower role.
  public init(
    glyph: Character = " ", role: Role = .text, isContinuation: Bool = false, lower: Role? = nil
  ) {
    self.glyph = glyph
    self.role = role
    self.isContinuation = isContinuation
    self.lower = lower
  }

  /// An empty cell.
  public static let blank = Cell()
}

/// A width × height grid of cells: the whole screen, rendered fresh every frame.
public struct Canvas: Equatable, Sendable {
  public private(set) var size: Size
  private var cells: [Cell]
  /// Text is folded to ASCII before it is placed (non-UTF-8 locales, `--ascii`).
  public let isASCII: Bool
  /// The row the pane tabs are drawn on, when the screen has one in view (not under help, not on
  /// a slide): screen goldens leave it to a golden of its own, so a new pane changes the tab
  /// golden rather than every screen's.
  public var tabRow: Int?
  /// The screen as lines to read in order, in linear mode (`--linear`): what a linear backend
  /// prints (the lines a key changed), instead of cells.
  public var linearLines: [String]?

  /// A blank canvas; `ascii` folds every text put on it to ASCII.
  public init(size: Size, ascii: Bool = false) {
    self.size = size
    self.isASCII = ascii
    cells = Array(repeating: .blank, count: size.width * size.height)
  }

  /// Each ASCII byte's glyph, made once: a Character made from a byte goes through String's
  /// UTF-8 validation, 5% of a frame's instructions when made for every cell of every frame.
  static let asciiGlyphs: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }

  /// The text as this canvas will show it: terminal-safe, and ASCII when the canvas is.
  func prepared(_ text: String) -> String {
    let safe = SafeText.forTerminal(text)
    return isASCII ? ASCIIFold.fold(safe) : safe
  }

  /// The cell at (x, y); out of bounds reads a blank cell and writes nothing.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
      return cells[y * size.width + x]
    }
    set {
      guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
      cells[y * size.width + x] = newValue
    }
  }

  /// Sets one cell, repairing any wide glyph it cuts in half.
  private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
    guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
    let i = y * size.width + x
    if cells[i].isContinuation && x > 0 && !cell.isContinuation {
      cells[i - 1] = Cell(glyph: " ", role: cells[i - 1].role)
    }
    if x + 1 < size.width && cells[i + 1].isContinuation && !cell.isContinuation {
      cells[i + 1] = Cell(glyph: " ", role: cells[i + 1].role)
    }
    cells[i] = cell
  }

  /// Writes `text` from `origin`, clipped to `clip` (default: the canvas), and returns the
  /// number of columns written. Text is made terminal-safe first (control characters, ESC and
  /// bidi overrides become visible escapes), and wide characters take two cells.
  @discardableResult
  public mutating func put(_ text: String, at origin: Point, role: Role, clip: Rect? = nil) -> Int {
    put(text, at: origin, role: role, clip: clip, isPrepared: false)
  }

  /// `put`, for text that has been through `prepared` already when `isPrepared`.
  private mutating func put(
    _ text: String, at origin: Point, role: Role, clip: Rect?, isPrepared: Bool
  ) -> Int {
    let bounds = (clip ?? Rect(size)).intersection(Rect(size))
    guard origin.y >= bounds.y, origin.y < bounds.maxY else { return 0 }
    // Fast path: printable ASCII (most of a screen) is one cell per byte, nothing to escape.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      let glyphs = Self.asciiGlyphs
      return putNarrow(
        text.utf8.lazy.map { glyphs[Int($0)] }, count: text.utf8.count, at: origin, role: role,
        bounds: bounds)
    }
    let shown = isPrepared ? text : prepared(text)
    // Common narrow text ("£13m", accents, dashes): a cell per scalar, as for ASCII.
    if let count = DisplayWidth.narrowScalarCount(shown) {
      let glyphs = Self.asciiGlyphs
      return putNarrow(
        shown.unicodeScalars.lazy.map { $0.value < 0x80 ? glyphs[Int($0.value)] : Character($0) },
        count: count, at: origin, role: role, bounds: bounds)
    }
    var x = origin.x
    for ch in shown {
      let w = DisplayWidth.of(ch)
      if w == 0 { continue }
      if x + w > bounds.maxX {
        if w == 2 && x < bounds.maxX && x >= bounds.x {
          set(x, origin.y, Cell(glyph: " ", role: role))
          x += 1
        }
        break
      }
      if x >= bounds.x {
        set(x, origin.y, Cell(glyph: ch, role: role))
        if w == 2 { set(x + 1, origin.y, Cell(glyph: " ", role: role, isContinuation: true)) }
      }
      x += w
    }
    return max(0, x - origin.x)
  }

  /// Writes `text` cut to `width` columns with a trailing "…" when it does not fit, then pads
  /// with spaces in the same role; returns the columns used (always `width`, when it fits).
  @discardableResult
  public mutating func put(
    _ text: String, at origin: Point, width: Int, role: Role, alignRight: Bool = false,
    clip: Rect? = nil
  ) -> Int {
    guard width > 0 else { return 0 }
    let cut = DisplayWidth.truncate(prepared(text), to: width, ellipsis: isASCII ? "..." : "…")
    let padded = DisplayWidth.pad(cut, to: width, rightAligned: alignRight)
    return put(padded, at: origin, role: role, clip: clip, isPrepared: true)
  }

  /// Writes `count` narrow glyphs from `origin`, clipped to `bounds` (on `origin`'s row), in one
  /// pass: a `set` per cell, with its bounds and neighbour checks, was 12% of rendering a
  /// frame. Only the ends can cut a wide glyph in two: the first cell goes through `set`, and a
  /// wide glyph's right half just past the last is blanked, as `set` does. Returns the columns
  /// used.
  private mutating func putNarrow<Glyphs: Sequence<Character>>(
    _ glyphs: Glyphs, count: Int, at origin: Point, role: Role, bounds: Rect
  ) -> Int {
    let end = origin.x + count
    let first = max(origin.x, bounds.x)
    let last = min(end, bounds.maxX) - 1
    if first <= last {
      let y = origin.y
      var each = glyphs.dropFirst(first - origin.x).makeIterator()
      // next()!: `first...last` lies within the text's `count` columns.
      set(first, y, Cell(glyph: each.next()!, role: role))
      if first < last {
        let row = y * size.width
        let width = size.width
        cells.withUnsafeMutableBufferPointer { c in
          for x in (first + 1)...last { c[row + x] = Cell(glyph: each.next()!, role: role) }
          if last + 1 < width && c[row + last + 1].isContinuation {
            c[row + last + 1] = Cell(glyph: " ", role: c[row + last + 1].role)
          }
        }
      }
    }
    return max(0, min(end, max(origin.x, bounds.maxX)) - origin.x)
  }

  /// Sets one single-width glyph (a bar block, a border) without the text path; clipped.
  public mutating func putGlyph(_ glyph: Character, at p: Point, role: Role, clip: Rect? = nil) {
    let bounds = (clip ?? Rect(size)).intersection(Rect(size))
    guard bounds.contains(p) else { return }
    let g = isASCII && !glyph.isASCII ? (ASCIIFold.fold(String(glyph)).first ?? "?") : glyph
    set(p.x, p.y, Cell(glyph: g, role: role))
  }

  /// Fills a rectangle with a glyph in a role.
  public mutating func fill(_ rect: Rect, glyph: Character = " ", role: Role) {
    let glyph = isASCII && !glyph.isASCII ? (ASCIIFold.fold(String(glyph)).first ?? "?") : glyph
    let r = rect.intersection(Rect(size))
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX { set(x, y, Cell(glyph: glyph, role: role)) }
    }
  }

  /// Changes the role of every cell in `rect`, keeping the glyphs (e.g. to highlight a row).
  public mutating func setRole(_ role: Role, in rect: Rect) {
    let r = rect.intersection(Rect(size))
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX { cells[y * size.width + x].role = role }
    }
  }

  /// Calls `body` with each cell that differs from `previous` (every cell when the size
  /// changed), row by row, without collecting them: a full 120x40 repaint as an array took
  /// 192 KB, the largest allocation of the dashboard's first frame.
  public func forEachChange(since previous: Canvas, _ body: (Int, Int, Cell) -> Void) {
    let full = previous.size != size
    for y in 0..<size.height {
      for x in 0..<size.width {
        let c = cells[y * size.width + x]
        if full || c != previous.cells[y * size.width + x] { body(x, y, c) }
      }
    }
  }

  /// The text of each row (wide glyphs once; rows end with their trailing spaces).
  public var lines: [String] {
    (0..<size.height).map { y in
      var s = ""
      for x in 0..<size.width where !cells[y * size.width + x].isContinuation {
        s.append(cells[y * size.width + x].glyph)
      }
      return s
    }
  }

  /// One role letter per cell of each row.
  public var roleLines: [String] {
    (0..<size.height).map { y in
      String((0..<size.width).map { cells[y * size.width + $0].role.letter })
    }
  }

  /// The lower halves' roles of half-block cells (a space elsewhere); nil when there are none.
  public var lowerRoleLines: [String]? {
    guard cells.contains(where: { $0.lower != nil }) else { return nil }
    return (0..<size.height).map { y in
      String((0..<size.width).map { cells[y * size.width + $0].lower?.letter ?? " " })
    }
  }
}
