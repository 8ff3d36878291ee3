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

  @Test func theThemesFolderAndTheEmbeddedListAgree() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../themes").standardized.path
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }.sorted()
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
    #expect(catalog.themes.map(\.name) == ["default", "light", "high-contrast", "colour-blind-safe", "projector", "mono"])
  }

  @Test func monoUsesNoColourAndColourBlindSafeAvoidsRedAndGreen() throws {
    let catalog = ThemeCatalog(userDirectory: nil)
    let mono = try #require(catalog.themes.first { $0.name == "mono" })
    #expect(Role.allCases.allSatisfy { mono.style($0).fg == .default && mono.style($0).bg == .default })
    let safe = try #require(catalog.themes.first { $0.name == "colour-blind-safe" })
    let redGreen: Set<Color> = [.ansi(1), .ansi(2), .ansi(9), .ansi(10)]
    for role in Role.allCases {
      #expect(!redGreen.contains(safe.style(role).fg) && !redGreen.contains(safe.style(role).bg), "\(role)")
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
    #expect(e.hasPrefix("mine.toml:3:"))
    #expect(e.contains("not valid TOML"))
  }

  @Test func unknownRoleIsLocated() {
    let text = Self.good.replacingOccurrences(of: "selection = {", with: "selectoin = {")
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("selectoin") }! + 1
    #expect(error(text).hasPrefix("mine.toml:\(line): unknown role 'selectoin'"))
  }

  @Test func unknownColourIsLocated() {
    let text = Self.good.replacingOccurrences(of: "title = { fg = \"accent\"", with: "title = { fg = \"acent\"")
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("title =") }! + 1
    let e = error(text)
    #expect(e.hasPrefix("mine.toml:\(line): title.fg: unknown colour \"acent\""), "\(e)")
  }

  @Test func missingRolesAndBadFlags() {
    #expect(error("name = \"x\"\n[roles]\ntext = {}\n").contains("missing roles: dim, title"))
    #expect(error(Self.good.replacingOccurrences(of: "bold = true", with: "bold = \"yes\"")).contains("must be true or false"))
    #expect(error("[roles]\n").contains("missing name"))
    #expect(error("name = \"x\"\ncolour = 1\n[roles]\n").hasPrefix("mine.toml:2: unknown key 'colour'"))
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
    try good.replacingOccurrences(of: "accent = \"bright-cyan\"", with: "accent = \"bright-magenta\"")
      .write(toFile: dir + "/default.toml", atomically: true, encoding: .utf8)
    try "name = \"broken\"\n[roles\n".write(toFile: dir + "/broken.toml", atomically: true, encoding: .utf8)
    var catalog = ThemeCatalog(userDirectory: dir)
    #expect(catalog.themes.map(\.name).contains("sunset"))
    #expect(catalog.themes.first { $0.name == "default" }?.style(.title).fg == .ansi(13))  // the user's
    #expect(catalog.problems.map(\.file) == [dir + "/broken.toml"])
    #expect(try catalog.select("sunset").get() == catalog.themes.firstIndex { $0.name == "sunset" })
    #expect(throws: ThemeError.self) { try catalog.select("nope").get() }
    #expect(throws: ThemeError.self) { try catalog.select(dir + "/broken.toml").get() }
  }
}
