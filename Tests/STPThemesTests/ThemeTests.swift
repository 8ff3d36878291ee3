import Foundation
import STPTerminal
import STPThemeData
import Testing

@testable import STPThemes

@Suite struct ShippedThemeTests {
  @Test func everyShippedThemeParsesAndCoversEveryRole() throws {
    #expect(ShippedThemes.files.count >= 6)
    for file in ShippedThemes.files {
      let theme = try ThemeFile.parse(String(decoding: file.bytes, as: UTF8.self), file: file.name)
      #expect(theme.coversEveryRole, "\(file.name)")
      #expect(file.name == theme.name + ".toml")
    }
  }

  /// docs/THEMES.md lists every role a theme file must give (issue 26: it omitted `marked`, so a
  /// theme written from the docs was refused).
  @Test func theDocsListEveryRequiredRole() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../docs/THEMES.md").standardized.path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let start = try #require(text.range(of: "Roles: `"))
    let end = try #require(text[start.upperBound...].firstIndex(of: "`"))
    let listed = Set(
      text[start.upperBound..<end].split(whereSeparator: \.isWhitespace).map(String.init))
    let required = Set(
      Role.themable.filter { !Role.optionalInThemes.contains($0) }.map(\.rawValue))
    #expect(listed == required)
  }

  @Test func theThemesFolderAndTheEmbeddedListAgree() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../themes").standardized.path
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".toml")
    }.sorted()
    #expect(onDisk == ShippedThemes.files.map(\.name).sorted())
    for file in ShippedThemes.files {
      #expect(FileManager.default.contents(atPath: folder + "/" + file.name) == Data(file.bytes))
    }
  }

  @Test func theCompiledInFallbacksAreTheShippedFiles() throws {
    let catalog = ThemeCatalog(userDirectory: nil)
    #expect(catalog.problems.isEmpty)
    #expect(catalog.themes.first { $0.name == "default" } == Theme.default)
    #expect(catalog.themes.first { $0.name == "mono" } == Theme.mono)
    #expect(
      catalog.themes.map(\.name) == [
        "default", "light", "high-contrast", "colour-blind-safe", "projector", "mono",
      ])
  }

  /// At start only the theme shown is parsed (the others when first shown: reading all six
  /// was 2.8M instructions of a ~27M start); a user's file is parsed at once, for its problems.
  @Test func themesAreParsedWhenFirstShown() throws {
    let catalog = ThemeCatalog(userDirectory: nil)
    #expect(catalog.parsed.isEmpty)
    #expect(catalog.names == ShippedThemes.files.map { String($0.name.dropLast(5)) })
    #expect(catalog.theme(0).name == "default")
    #expect(catalog.parsed == ["default"])
    #expect(catalog.themes.map(\.name) == catalog.names)
    #expect(catalog.parsed == catalog.names)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lazy-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try BrokenThemeTests.good.replacingOccurrences(
      of: "name = \"default\"", with: "name = \"dusk\""
    )
    .write(toFile: dir + "/dusk.toml", atomically: true, encoding: .utf8)
    let mine = ThemeCatalog(userDirectory: dir)
    #expect(mine.parsed == ["dusk"])
  }

  @Test func monoUsesNoColourAndColourBlindSafeAvoidsRedAndGreen() throws {
    let catalog = ThemeCatalog(userDirectory: nil)
    let mono = try #require(catalog.themes.first { $0.name == "mono" })
    #expect(
      Role.allCases.allSatisfy { mono.style($0).fg == .default && mono.style($0).bg == .default })
    let safe = try #require(catalog.themes.first { $0.name == "colour-blind-safe" })
    let redGreen: Set<Color> = [.ansi(1), .ansi(2), .ansi(9), .ansi(10)]
    for role in Role.allCases {
      #expect(
        !redGreen.contains(safe.style(role).fg) && !redGreen.contains(safe.style(role).bg),
        "\(role)")
    }
    // The bands differ by more than hue: the lowest is also underlined.
    #expect(safe.style(.bandNeedsImprovement).underline)
  }
}

@Suite struct BrokenThemeTests {
  func error(_ text: String) -> String {
    do {
      _ = try ThemeFile.parse(text, file: "mine.toml")
      return ""
    } catch {
      return error.description
    }
  }

  static let good = String(decoding: ShippedThemes.files[0].bytes, as: UTF8.self)

  @Test func syntaxErrorsHaveLineAndColumn() {
    let e = error("name = \"x\"\n[roles]\ntext = { fg = }\n")
    #expect(e == "mine.toml:3:15: expected a value (a string, a number, true or false, or { … })")
  }

  @Test func unknownRoleIsLocated() {
    let text = Self.good.replacingOccurrences(of: "selection = {", with: "selectoin = {")
    let line =
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
        $0.hasPrefix("selectoin")
      }! + 1
    #expect(error(text).hasPrefix("mine.toml:\(line): unknown role 'selectoin'"))
  }

  @Test func unknownColourIsLocated() {
    let text = Self.good.replacingOccurrences(
      of: "title = { fg = \"accent\"", with: "title = { fg = \"acent\"")
    let line =
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
        $0.hasPrefix("title =")
      }! + 1
    let e = error(text)
    #expect(e.hasPrefix("mine.toml:\(line): title.fg: unknown colour \"acent\""), "\(e)")
  }

  @Test func missingRolesAndBadFlags() {
    #expect(error("name = \"x\"\n[roles]\ntext = {}\n").contains("missing roles: dim, title"))
    #expect(
      error(Self.good.replacingOccurrences(of: "bold = true", with: "bold = \"yes\"")).contains(
        "must be true or false"))
    #expect(error("[roles]\n").contains("missing name"))
    #expect(
      error("name = \"x\"\ncolour = 1\n[roles]\n").hasPrefix("mine.toml:2: unknown key 'colour'"))
  }
}

@Suite(.serialized) struct ThemeCatalogTests {
  @Test func userThemesAddReplaceAndBrokenOnesAreReported() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let good = BrokenThemeTests.good
    try good.replacingOccurrences(of: "name = \"default\"", with: "name = \"sunset\"")
      .write(toFile: dir + "/sunset.toml", atomically: true, encoding: .utf8)
    try good.replacingOccurrences(
      of: "accent = \"bright-cyan\"", with: "accent = \"bright-magenta\""
    )
    .write(toFile: dir + "/default.toml", atomically: true, encoding: .utf8)
    try "name = \"broken\"\n[roles\n".write(
      toFile: dir + "/broken.toml", atomically: true, encoding: .utf8)
    var catalog = ThemeCatalog(userDirectory: dir)
    #expect(catalog.themes.map(\.name).contains("sunset"))
    // The user's default.toml, not the shipped one.
    #expect(catalog.themes.first { $0.name == "default" }?.style(.title).fg == .ansi(13))
    #expect(catalog.problems.map(\.file) == [dir + "/broken.toml"])
    #expect(try catalog.select("sunset").get() == catalog.themes.firstIndex { $0.name == "sunset" })
    #expect(throws: ThemeError.self) { try catalog.select("nope").get() }
    #expect(throws: ThemeError.self) { try catalog.select(dir + "/broken.toml").get() }
  }
}

@Suite struct MiniTOMLTests {
  func error(_ text: String) -> String {
    do {
      _ = try MiniTOML.parse(text)
      return ""
    } catch {
      return "\(error.line):\(error.column): \(error.message)"
    }
  }

  @Test func deepNestingIsOneErrorNotACrash() {
    // 50,000 nested inline tables (about 300 KB) overflowed the stack: now an error at the
    // second '{', found without recursing.
    let deep =
      "x = " + String(repeating: "{a = ", count: 50_000) + "1"
      + String(repeating: "}", count: 50_000)
    #expect(error(deep) == "1:10: nested tables are not supported in theme files")
  }

  @Test func manyTablesAndKeysParseAndDuplicatesAreStillFound() throws {
    let many = (0..<20_000).map { "[t\($0)]\nk = 1\n" }.joined()
    let doc = try MiniTOML.parse(many)
    #expect(doc.tables.count == 20_000)
    #expect(error(many + "[t7]\n") == "40001:5: table [t7] appears twice")
    let keys = "[roles]\n" + (0..<20_000).map { "k\($0) = 1\n" }.joined()
    #expect(try MiniTOML.parse(keys).tables[0].entries.count == 20_000)
    #expect(error(keys + "k3 = 2\n") == "20002:1: 'k3' is set twice")
  }

  /// A key set twice in an inline table is found however many keys it has (checked against the
  /// entries while few, by a set past 8).
  @Test func inlineTablesFindKeysSetTwice() throws {
    for n in [1, 2, 7, 8, 9, 30] {
      let keys = (0..<n).map { "k\($0) = \($0)" }
      #expect(
        try MiniTOML.parse("t = { \(keys.joined(separator: ", ")) }").root[0].value.table?.count
          == n)
      let again = "t = { \(keys.joined(separator: ", ")), k0 = 1 }"
      #expect(error(again).hasSuffix("'k0' is set twice"), "\(n) keys")
      if n > 1 {
        let last = "t = { \(keys.joined(separator: ", ")), k\(n - 1) = 1 }"
        #expect(error(last).hasSuffix("'k\(n - 1)' is set twice"), "\(n) keys")
      }
    }
  }

  /// "#rrggbb" colours: six hex digits in either case, nothing else.
  @Test func hexColours() {
    func colour(_ s: String) -> Color? { ThemeFile.color(.string(s), palette: [:]) }
    #expect(colour("#00ff7F") == .rgb(0, 255, 127))
    #expect(colour("#ABCDEF") == .rgb(0xAB, 0xCD, 0xEF))
    for bad in ["#12345", "#1234567", "#12345g", "123456", "#12 456", "#１２３４５６", "#-12345", ""] {
      #expect(colour(bad) == nil, "\(bad)")
    }
    #expect(colour("Red") == .ansi(1))
    #expect(ThemeFile.color(.string("Brand"), palette: ["brand": .rgb(1, 2, 3)]) == .rgb(1, 2, 3))
  }

  @Test func theSubsetThemesUse() throws {
    let doc = try MiniTOML.parse(
      """
      # comment
      name = "a \\"quoted\\" \\u00e9" # trailing
      n = -1_000
      [palette]
      'lit' = 'C:\\raw'
      [roles]
      text = { fg = "red", bold = true, n = 7 }
      empty = {}
      """)
    #expect(doc.root.map(\.key) == ["name", "n"])
    #expect(doc.root[0].value.string == "a \"quoted\" é")
    #expect(doc.root[1].value.integer == -1000)
    #expect(doc.tables.map(\.name) == ["palette", "roles"])
    #expect(doc.tables[0].entries[0].value.string == "C:\\raw")
    #expect(doc.tables[1].entries[0].value.table?.map(\.key) == ["fg", "bold", "n"])
    #expect(doc.tables[1].entries[0].line == 7)
  }

  @Test func whatIsNotSupportedSaysSoWithItsPlace() {
    #expect(error("a = [1, 2]") == "1:5: arrays are not supported in theme files")
    #expect(error("[[t]]") == "1:2: arrays of tables are not supported in theme files")
    #expect(error("a.b = 1") == "1:2: dotted keys are not supported in theme files")
    #expect(
      error("a = \"\"\"x\"\"\"") == "1:5: multi-line strings are not supported in theme files")
    #expect(error("a = 1.5") == "1:6: only whole numbers are supported in theme files")
    #expect(
      error("[%alette]")
        == "1:2: '%' cannot start a key (letters, digits, _ and -, or a quoted key)")
    #expect(error("a = \"open") == "1:10: string is never closed on this line")
    #expect(error("a = 1 b = 2") == "1:7: unexpected 'b' after the value")
    #expect(error("a = 1\na = 2") == "2:1: 'a' is set twice")
    #expect(error("[t]\n[t]") == "2:4: table [t] appears twice")
  }
}
