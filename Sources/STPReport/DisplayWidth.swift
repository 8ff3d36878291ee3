/// Terminal display widths of text, following Unicode's East Asian Width and general categories.
///
/// Hand-written rather than `wcwidth(3)`, whose answer depends on the process locale (so tests
/// would vary by machine). Wide: East Asian Wide/Fullwidth ranges and emoji presentation; zero:
/// combining marks, enclosing marks, format characters and variation selectors.
public enum DisplayWidth {
  /// Columns a string takes in a terminal. String and Substring have forms of their own: this
  /// generic one is not specialised when called from another module, and went through protocol
  /// witnesses a byte at a time (55% of a 44,000-entry Detail's layout, issue 26). All three
  /// measure through `columns`, specialised here for each.
  public static func of(_ text: some StringProtocol) -> Int { columns(text) }

  /// Columns a string takes in a terminal.
  public static func of(_ text: String) -> Int { columns(text) }

  /// Columns a piece of a string takes in a terminal.
  public static func of(_ text: Substring) -> Int { columns(text) }

  /// Printable ASCII, most text: a column per byte, without splitting into characters (on the
  /// bytes in place where they are contiguous); otherwise each character's columns.
  @inline(__always)
  static func columns<S: StringProtocol>(_ text: S) -> Int {
    let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      for b in bytes where b < 0x20 || b >= 0x7F { return nil }
      return bytes.count
    }
    if let ascii, let n = ascii { return n }
    if ascii == nil, !text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
      return text.utf8.count
    }
    if let n = narrowScalarCount(text) { return n }
    var total = 0
    for ch in text { total += of(ch) }
    return total
  }

  /// The number of scalars, when every one is printable ASCII or from the common narrow ranges
  /// of `isNarrowCommon` ("£13m" and "Hélène – Trust" are; "≤£632.57" is not): each is then a
  /// grapheme cluster of its own (no scalar there joins another), one column wide, so that count
  /// is the text's width, found without splitting it into characters. Nil otherwise: the general
  /// rule decides. (Splitting figures such as "£13m" into characters to measure them was a third of
  /// the funding pane's frame at 200x60, issue 26.)
  public static func narrowScalarCount<S: StringProtocol>(_ text: S) -> Int? {
    var n = 0
    for s in text.unicodeScalars {
      let v = s.value
      guard (v >= 0x20 && v < 0x7F) || isNarrowCommon(v) else { return nil }
      n += 1
    }
    return n
  }

  /// Columns one grapheme cluster takes: 0, 1 or 2.
  public static func of(_ ch: Character) -> Int {
    let scalars = ch.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let v = first.value
    if v < 0x7F { return v < 0x20 ? 0 : 1 }  // ASCII
    // A lone scalar from the non-ASCII ranges drawn on every screen (£, letters with accents,
    // dashes, quotes, …, •, box drawing, bar blocks): one column, with no Unicode property
    // lookup. (A test checks these ranges against the general rule below.)
    if ch.utf8.count == (v < 0x800 ? 2 : 3) && isNarrowCommon(v) { return 1 }
    return generalWidth(scalars)
  }

  /// Latin-1 and Latin Extended-A/B (soft hyphen excepted), the dashes, quotes and bullets of
  /// General Punctuation, Box Drawing and Block Elements: none wide, none emoji, none zero-width.
  static func isNarrowCommon(_ v: UInt32) -> Bool {
    (0xA0..<0x300).contains(v) && v != 0xAD || (0x2010...0x2027).contains(v)
      || (0x2500...0x259F).contains(v)
  }

  /// The general rule for a grapheme cluster: emoji presentation is wide, otherwise the widest
  /// of its scalars.
  static func generalWidth(_ scalars: Character.UnicodeScalarView) -> Int {
    guard let first = scalars.first else { return 0 }
    if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
    if first.properties.isEmojiPresentation { return 2 }
    var width = 0
    for s in scalars {
      width = max(width, scalarWidth(s))
      if width == 2 { break }
    }
    return width
  }

  static func scalarWidth(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    switch s.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if v == 0x200B || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return 0 }
    if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul medial vowels and final consonants
    return isWide(v) ? 2 : 1
  }

  /// East Asian Wide and Fullwidth blocks (Unicode 15 EastAsianWidth.txt, condensed to ranges).
  static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
      0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
      0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
      0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
      0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E,
      0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF,
      0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
      0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
      0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// Pads `text` with spaces to `width` columns (left- or right-aligned). Never truncates.
  public static func pad(_ text: String, to width: Int, rightAligned: Bool = false) -> String {
    let w = of(text)
    guard w < width else { return text }
    let fill = spaces(width - w)
    return rightAligned ? fill + text : text + fill
  }

  /// `n` spaces (none when `n` is not positive), cut from a string of them made once:
  /// `String(repeating:count:)` built a table cell's padding at ~1,900 instructions (issue 26).
  public static func spaces(_ n: Int) -> String {
    guard n > 0 else { return "" }
    guard n <= blanks.utf8.count, let cut = String(blanks.utf8.prefix(n)) else {
      return String(repeating: " ", count: n)
    }
    return cut
  }

  private static let blanks = String(repeating: " ", count: 256)

  /// Cuts `text` to at most `width` columns, ending in `ellipsis` ("…") when anything was cut.
  public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    guard of(text) > width else { return text }
    let markWidth = of(ellipsis)
    let mark = markWidth <= width ? ellipsis : ""
    let room = width - (mark.isEmpty ? 0 : markWidth)
    var out = ""
    var used = 0
    for ch in text {
      let w = of(ch)
      if used + w > room { break }
      out.append(ch)
      used += w
    }
    return out + mark
  }
}

/// Making text from data files safe to print on a terminal.
public enum SafeText {
  /// Replaces what a terminal would act on rather than show: C0 controls (tab, newline, ESC …),
  /// DEL, C1 controls and bidirectional overrides/isolates. Controls become visible `^X` or
  /// `\u{…}` escapes; bidi controls become U+FFFD. Everything else is kept.
  public static func forTerminal(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      guard needsEscape(s) else {
        out.append(s)
        continue
      }
      let v = s.value
      if v < 0x20 {
        out.append("^")
        out.append(Unicode.Scalar(UInt8(v + 0x40)))
      } else if v == 0x7F {
        out.append(contentsOf: "^?".unicodeScalars)
      } else if v < 0xA0 {
        out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        out.append("\u{FFFD}")
      }
    }
    return String(out)
  }

  /// Cleans text of several lines: each line as `forTerminal`, the line breaks kept (messages on
  /// standard error quote file text, which may hold ESC, OSC, C1 or bidi controls).
  public static func forTerminalLines(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { forTerminal(String($0)) }
      .joined(separator: "\n")
  }

  /// Whether a scalar must not reach a terminal as it is: C0 and C1 controls, DEL, and the
  /// bidirectional embeddings and overrides that reorder what follows them.
  public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
  }
}

extension String {
  /// At most `limit` characters, with what was left out said: a 50 MB name from a hostile file
  /// costs what its first screenful costs, not seconds a frame. Short text is returned as it is.
  public func bounded(_ limit: Int) -> String {
    guard utf8.count > limit else { return self }
    let head = prefix(limit)
    let rest = utf8.count - head.utf8.count
    return rest > 0 ? String(head) + "… (+\(rest) bytes not shown)" : self
  }
}

/// Plain-ASCII stand-ins for what an ASCII terminal cannot show.
public enum ASCIIFold {
  static let table: [Character: String] = [
    "·": ".", "…": "...", "–": "-", "—": "-", "≥": ">=", "≤": "<=", "£": "GBP ", "▲": "^", "▼": "v",
    "▸": ">", "▏": "|", "█": "#", "░": ":", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+",
    "┘": "+",
    "•": "*", "\u{FFFD}": "?", "‘": "'", "’": "'", "“": "\"", "”": "\"", "×": "x", "→": "->",
    "←": "<-",
    "↑": "^", "↓": "v", "✗": "x", "©": "(c)", "²": "2",
  ]
  /// Latin-1 letters À…ÿ without their accents.
  static let latin1 = Array("AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPsaaaaaaaceeeeiiiidnooooo/ouuuuypy")

  /// The text with every non-ASCII character replaced: known symbols by their ASCII forms,
  /// accented Latin letters by the bare letter, anything else by "?".
  public static func fold(_ text: String) -> String {
    guard !text.allSatisfy(\.isASCII) else { return text }
    var out = ""
    for ch in text {
      if ch.isASCII {
        out.append(ch)
      } else if let s = table[ch] {
        out += s
      } else if let v = ch.unicodeScalars.first?.value, (0xC0...0xFF).contains(v) {
        out.append(latin1[Int(v - 0xC0)])
      } else {
        out.append("?")
      }
    }
    return out
  }
}

/// Text from the data as Markdown shows it, never as markup: cleaned as for a terminal, then
/// `\`, `<`, `>`, `&` and `` ` `` backslash-escaped (CommonMark), so a name like
/// `<img src=x onerror=…>` stays text in a `.md` that a renderer turns into HTML.
public enum MarkdownText {
  /// Running text.
  public static func text(_ s: String) -> String {
    var out = ""
    for ch in SafeText.forTerminal(s) {
      switch ch {
      case "\\", "<", ">", "&", "`": out += "\\" + String(ch)
      default: out.append(ch)
      }
    }
    return out
  }

  /// A table cell: as text, and `|` escaped too.
  public static func cell(_ s: String) -> String {
    text(s).split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
  }
}
