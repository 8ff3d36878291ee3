import STPTerminal
import TOMLKit

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
  static let styleKeys: Set<String> = ["fg", "bg", "bold", "dim", "reverse", "underline"]
  static let ansiNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
    "bright-cyan", "bright-white",
  ]

  /// Parses `text`, naming `file` in errors.
  public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw ThemeError(file: file, line: Int(e.source.begin.line), column: Int(e.source.begin.column),
                       message: "not valid TOML: \(e.description)")
    } catch {
      throw ThemeError(file: file, line: 1, column: 0, message: "not valid TOML: \(error)")
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func line(of key: String, in section: String?) -> Int {
      var inSection = section == nil
      for (i, l) in lines.enumerated() {
        let t = l.trimmingCharacters()
        if t.hasPrefix("[") { inSection = t == "[\(section ?? "")]" }
        if inSection, t.hasPrefix(key), t.dropFirst(key.count).trimmingCharacters().hasPrefix("=") { return i + 1 }
        if inSection, t.hasPrefix("\"\(key)\"") { return i + 1 }
      }
      return section.flatMap { s in lines.firstIndex { $0.trimmingCharacters() == "[\(s)]" }.map { $0 + 1 } } ?? 1
    }
    func fail(_ message: String, key: String, section: String?) -> ThemeError {
      ThemeError(file: file, line: line(of: key, in: section), column: 0, message: message)
    }

    for key in table.keys where !["name", "description", "palette", "roles"].contains(key) {
      throw fail("unknown key '\(key)' (expected name, description, [palette], [roles])", key: key, section: nil)
    }
    guard let name = table["name"]?.string, !name.isEmpty else {
      throw ThemeError(file: file, line: 1, column: 0, message: "missing name = \"…\"")
    }
    // Palette: named colours, each an ANSI name, #rrggbb, 0-255 or "default".
    var palette: [String: Color] = [:]
    if let p = table["palette"] {
      guard let pt = p.table else { throw fail("palette must be a table: [palette]", key: "palette", section: nil) }
      for key in pt.keys.sorted() {
        guard let c = pt[key].flatMap({ color($0, palette: [:]) }) else {
          throw fail("palette colour '\(key)' is not a colour (an ANSI name, #rrggbb or 0-255)", key: key,
                     section: "palette")
        }
        palette[key] = c
      }
    }
    guard let rolesValue = table["roles"], let roles = rolesValue.table else {
      throw ThemeError(file: file, line: 1, column: 0, message: "missing [roles]: every role needs a style")
    }
    var styles: [Role: Style] = [:]
    for key in roles.keys.sorted() {
      guard let role = Role(rawValue: key) else {
        throw fail("unknown role '\(key)' (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))",
                   key: key, section: "roles")
      }
      guard let st = roles[key]?.table else {
        throw fail("role '\(key)' needs a style table, e.g. { fg = \"cyan\", bold = true }", key: key, section: "roles")
      }
      var style = Style()
      for sk in st.keys.sorted() {
        guard let v = st[sk] else { continue }
        switch sk {
        case "fg", "bg":
          guard let c = color(v, palette: palette) else {
            throw fail("\(key).\(sk): unknown colour \(v.debugText) (a [palette] name, an ANSI name such as "
              + "\"bright-cyan\", \"#rrggbb\", 0-255 or \"default\")", key: key, section: "roles")
          }
          if sk == "fg" { style.fg = c } else { style.bg = c }
        case "bold", "dim", "reverse", "underline":
          guard let b = v.bool else {
            throw fail("\(key).\(sk) must be true or false", key: key, section: "roles")
          }
          switch sk {
          case "bold": style.bold = b
          case "dim": style.dim = b
          case "reverse": style.reverse = b
          default: style.underline = b
          }
        default:
          throw fail("\(key): unknown style key '\(sk)' (expected: fg, bg, bold, dim, reverse, underline)",
                     key: key, section: "roles")
        }
      }
      styles[role] = style
    }
    let missing = Role.allCases.filter { styles[$0] == nil }.map(\.rawValue)
    if !missing.isEmpty {
      throw fail("missing role\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))", key: "",
                 section: "roles")
    }
    return Theme(name: name, styles: styles)
  }

  /// A colour value: a palette name, an ANSI name, "#rrggbb", 0-255 or "default".
  static func color(_ v: any TOMLValueConvertible, palette: [String: Color]) -> Color? {
    if let n = v.int { return (0...255).contains(n) ? .index(n) : nil }
    guard let s = v.string?.lowercased() else { return nil }
    if let c = palette[s] { return c }
    if s == "default" { return .default }
    if s == "grey" || s == "gray" { return .brightBlack }
    if let i = ansiNames.firstIndex(of: s) { return .ansi(i) }
    if s.hasPrefix("#"), s.count == 7, let rgb = UInt32(s.dropFirst(), radix: 16) {
      return .rgb(UInt8(rgb >> 16), UInt8((rgb >> 8) & 0xFF), UInt8(rgb & 0xFF))
    }
    return nil
  }
}

extension TOMLValueConvertible {
  var debugText: String {
    if let s = self.string { return "\"\(s)\"" }
    if let i = self.int { return String(i) }
    return "value"
  }
}

extension StringProtocol {
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
    return String(s)
  }
}
