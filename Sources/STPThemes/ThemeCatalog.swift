import STPModel
import STPPlatform
import STPTerminal
import STPThemeData

/// The themes on offer: the shipped ones, then the user's own from
/// `$XDG_CONFIG_HOME/stp-dash/themes/` (default `~/.config/stp-dash/themes/`); a user theme with a
/// shipped theme's name replaces it. Broken files are left out and reported.
public struct ThemeCatalog {
  /// One theme of the catalogue: its name, and the theme, parsed the first time it is asked
  /// for. The shipped files are known good (their tests parse them, and check that each file is
  /// named after its theme), so at start only the theme shown is parsed: reading all six was
  /// 2.8M instructions of the start's ~27M (issue 26). A user's file is parsed at once, so
  /// that its problems are reported.
  final class Entry {
    let name: String
    private var made: Theme?
    private let make: () -> Theme

    init(name: String, _ make: @escaping () -> Theme) {
      self.name = name
      self.make = make
    }

    init(_ theme: Theme) {
      name = theme.name
      made = theme
      make = { theme }
    }

    var isParsed: Bool { made != nil }

    var theme: Theme {
      if let made { return made }
      let t = make()
      made = t
      return t
    }
  }

  private var entries: [Entry] = []
  /// Problems found, each as `file:line: message`.
  public private(set) var problems: [ThemeError] = []

  /// The themes' names, in cycling order (no theme is parsed for them).
  public var names: [String] { entries.map(\.name) }
  /// Usable themes, in cycling order (each parsed now if it was not yet).
  public var themes: [Theme] { entries.map(\.theme) }
  /// Theme `index`, parsed now if it was not yet.
  public func theme(_ index: Int) -> Theme { entries[index].theme }

  /// The names of the themes parsed so far.
  var parsed: [String] { entries.filter(\.isParsed).map(\.name) }

  /// Loads the shipped themes and those in `userDirectory` (nil: the XDG default).
  public init(userDirectory: String? = ThemeCatalog.defaultUserDirectory) {
    for file in ShippedThemes.files {
      let bytes = file.bytes
      let path = "themes/" + file.name
      // A shipped file that failed to parse (its tests forbid it) would show as the default.
      entries.append(
        Entry(name: String(file.name.dropLast(".toml".count))) {
          (try? ThemeFile.parse(String(decoding: bytes, as: UTF8.self), file: path)) ?? .default
        })
    }
    if let dir = userDirectory {
      for name in listDirectory(dir) where name.hasSuffix(".toml") && !name.hasPrefix(".") {
        if let text = readText(dir + "/" + name) { add(text, file: dir + "/" + name) }
      }
    }
  }

  private mutating func add(_ text: String, file: String) {
    do {
      let theme = try ThemeFile.parse(text, file: file)
      if let i = entries.firstIndex(where: { $0.name == theme.name }) {
        entries[i] = Entry(theme)
      } else {
        entries.append(Entry(theme))
      }
    } catch {
      problems.append(error)
    }
  }

  /// `$XDG_CONFIG_HOME/stp-dash/themes`, or `~/.config/stp-dash/themes`.
  public static var defaultUserDirectory: String? {
    if let x = getenv("XDG_CONFIG_HOME").map({ String(cString: $0) }), !x.isEmpty {
      return x + "/stp-dash/themes"
    }
    guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
    return home + "/.config/stp-dash/themes"
  }

  /// The theme for `--theme NAME|PATH`: a path (with a slash or ending in .toml) is read and
  /// added to the catalog; a name must be one the catalog has. Returns the index in `themes`.
  public mutating func select(_ choice: String) -> Result<Int, ThemeError> {
    if choice.contains("/") || choice.hasSuffix(".toml") {
      guard let text = readText(choice) else {
        return .failure(
          ThemeError(file: choice, line: 0, column: 0, message: "cannot read the theme file"))
      }
      do {
        let theme = try ThemeFile.parse(text, file: choice)
        if let i = entries.firstIndex(where: { $0.name == theme.name }) {
          entries[i] = Entry(theme)
          return .success(i)
        }
        entries.append(Entry(theme))
        return .success(entries.count - 1)
      } catch {
        return .failure(error)
      }
    }
    if let i = entries.firstIndex(where: { $0.name == choice }) { return .success(i) }
    let known = names.joined(separator: ", ")
    return .failure(
      ThemeError(
        file: choice, line: 0, column: 0, message: "no theme of that name (themes: \(known))"))
  }
}

func readText(_ path: String) -> String? {
  guard case .success(let bytes) = readFile(path) else { return nil }
  return String(decoding: bytes, as: UTF8.self)
}
