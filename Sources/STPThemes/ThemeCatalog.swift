import STPModel
import STPPlatform
import STPTerminal
import STPThemeData

/// The themes on offer: the shipped ones, then the user's own from
/// `$XDG_CONFIG_HOME/stp-dash/themes/` (default `~/.config/stp-dash/themes/`); a user theme with a
/// shipped theme's name replaces it. Broken files are left out and reported.
public struct ThemeCatalog {
  /// Usable themes, in cycling order.
  public private(set) var themes: [Theme] = []
  /// Problems found, each as `file:line: message`.
  public private(set) var problems: [ThemeError] = []

  /// Loads the shipped themes and those in `userDirectory` (nil: the XDG default).
  public init(userDirectory: String? = ThemeCatalog.defaultUserDirectory) {
    for file in ShippedThemes.files {
      add(String(decoding: file.bytes, as: UTF8.self), file: "themes/" + file.name)
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
      if let i = themes.firstIndex(where: { $0.name == theme.name }) {
        themes[i] = theme
      } else {
        themes.append(theme)
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
        if let i = themes.firstIndex(where: { $0.name == theme.name }) {
          themes[i] = theme
          return .success(i)
        }
        themes.append(theme)
        return .success(themes.count - 1)
      } catch {
        return .failure(error)
      }
    }
    if let i = themes.firstIndex(where: { $0.name == choice }) { return .success(i) }
    let known = themes.map(\.name).joined(separator: ", ")
    return .failure(
      ThemeError(
        file: choice, line: 0, column: 0, message: "no theme of that name (themes: \(known))"))
  }
}

func readText(_ path: String) -> String? {
  guard case .success(let bytes) = readFile(path) else { return nil }
  return String(decoding: bytes, as: UTF8.self)
}
