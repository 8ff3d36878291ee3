import STPTerminal

/// A problem in a theme file, located as `file:line` (and column for syntax errors).
public struct ThemeError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String {
    column > 0 ? "\(file):\(line):\(column): \(message)" : "\(file):\(line): \(message)"
  }
}

/// Reads a theme file: TOML with `name`, an optional `description`, a `[palette]` of named
/// colours and a `[roles]` table that maps every role to a style.
public enum ThemeFile {
  static let ansiNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
    "bright-cyan", "bright-white",
  ]

  /// Parses `text`, naming `file` in errors.
  public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
    let doc: MiniTOML
    do {
      doc = try MiniTOML.parse(text)
    } catch {
      throw ThemeError(file: file, line: error.line, column: error.column, message: error.message)
    }
    func fail(_ message: String, line: Int) -> ThemeError {
      ThemeError(file: file, line: line, column: 0, message: message)
    }
    for e in doc.root where !["name", "description", "light", "dark"].contains(e.key) {
      throw fail(
        "unknown key '\(e.key)' (expected name, description, light, dark, [palette], [roles])",
        line: e.line)
    }
    // The theme to use instead on a light (or dark) background: its other variant, by name.
    var variants: [Background: String] = [:]
    for bg in Background.allCases {
      guard let e = doc.root.first(where: { $0.key == bg.rawValue }) else { continue }
      guard let v = e.value.string, !v.isEmpty else {
        throw fail("\(bg.rawValue) must name a theme, as \(bg.rawValue) = \"…\"", line: e.line)
      }
      variants[bg] = v
    }
    for t in doc.tables where !["palette", "roles"].contains(t.name) {
      throw fail("unknown table [\(t.name)] (expected [palette] and [roles])", line: t.line)
    }
    guard let nameEntry = doc.root.first(where: { $0.key == "name" }) else {
      throw fail("missing name = \"…\"", line: 1)
    }
    guard let name = nameEntry.value.string, !name.isEmpty else {
      throw fail("name must be a non-empty string", line: nameEntry.line)
    }
    if let d = doc.root.first(where: { $0.key == "description" }), d.value.string == nil {
      throw fail("description must be a string", line: d.line)
    }
    // Palette: named colours, each an ANSI name, #rrggbb, 0-255 or "default".
    var palette: [String: Color] = [:]
    for e in doc.tables.first(where: { $0.name == "palette" })?.entries ?? [] {
      guard let c = color(e.value, palette: [:]) else {
        throw fail(
          "palette colour '\(e.key)' is not a colour (an ANSI name, #rrggbb or 0-255)", line: e.line
        )
      }
      palette[e.key.lowercased()] = c
    }
    guard let roles = doc.tables.first(where: { $0.name == "roles" }) else {
      throw fail("missing [roles]: every role needs a style", line: 1)
    }
    var styles: [Role: Style] = [:]
    for e in roles.entries {
      guard let role = Role(rawValue: e.key), role != .blackout else {
        throw fail(
          "unknown role '\(e.key)' (roles: \(Role.themable.map(\.rawValue).joined(separator: ", ")))",
          line: e.line)
      }
      guard let st = e.value.table else {
        throw fail(
          "role '\(e.key)' needs a style table, e.g. { fg = \"cyan\", bold = true }", line: e.line)
      }
      var style = Style()
      for sv in st {
        switch sv.key {
        case "fg", "bg":
          guard let c = color(sv.value, palette: palette) else {
            throw fail(
              "\(e.key).\(sv.key): unknown colour \(sv.value.debugText) (a [palette] name, an ANSI name "
                + "such as \"bright-cyan\", \"#rrggbb\", 0-255 or \"default\")", line: e.line)
          }
          if sv.key == "fg" { style.fg = c } else { style.bg = c }
        case "bold", "dim", "reverse", "underline":
          guard let v = sv.value.boolean else {
            throw fail("\(e.key).\(sv.key) must be true or false", line: e.line)
          }
          switch sv.key {
          case "bold": style.bold = v
          case "dim": style.dim = v
          case "reverse": style.reverse = v
          default: style.underline = v
          }
        default:
          throw fail(
            "\(e.key): unknown style key '\(sv.key)' (expected: fg, bg, bold, dim, reverse, underline)",
            line: e.line)
        }
      }
      styles[role] = style
    }
    // The map's roles may be left out (files written before the map): the default theme's, or
    // mono's for a file without colours.
    let coloured = styles.values.contains { $0.fg != .default || $0.bg != .default }
    for role in Role.optionalInThemes where styles[role] == nil {
      styles[role] = (coloured ? Theme.default : Theme.mono).style(role)
    }
    let missing = Role.themable.filter { styles[$0] == nil }.map(\.rawValue)
    if !missing.isEmpty {
      throw fail(
        "missing role\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))",
        line: roles.line)
    }
    var theme = Theme(name: name, styles: styles)
    theme.variants = variants
    return theme
  }

  /// A colour value: a palette name, an ANSI name, "#rrggbb", 0-255 or "default".
  static func color(_ v: MiniTOML.Value, palette: [String: Color]) -> Color? {
    if let n = v.integer { return (0...255).contains(n) ? .index(n) : nil }
    guard let text = v.string else { return nil }
    // "#rrggbb" first, on its bytes (no palette name or colour name starts with '#'): through
    // characters, it was a fifth of reading the shipped themes at start (issue 26).
    if let c = hexColor(text) { return c }
    let s = text.lowercased()
    if let c = palette[s] { return c }
    if s == "default" { return .default }
    if s == "grey" || s == "gray" { return .brightBlack }
    if let i = ansiNames.firstIndex(of: s) { return .ansi(i) }
    return nil
  }

  /// "#rrggbb" (hex digits in either case) as a colour; nil for anything else.
  static func hexColor(_ text: String) -> Color? {
    var text = text
    return text.withUTF8 { b -> Color? in
      guard b.count == 7, b[0] == 0x23 else { return nil }  // '#'
      var rgb: UInt32 = 0
      for c in b[1...] {
        let digit: UInt8
        switch c {
        case 0x30...0x39: digit = c - 0x30
        case 0x61...0x66: digit = c - 0x61 + 10
        case 0x41...0x46: digit = c - 0x41 + 10
        default: return nil
        }
        rgb = rgb << 4 | UInt32(digit)
      }
      return .rgb(UInt8(rgb >> 16), UInt8((rgb >> 8) & 0xFF), UInt8(rgb & 0xFF))
    }
  }
}
