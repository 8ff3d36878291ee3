import STPPlatform
import STPReport
import STPTerminal
import STPThemes

/// `stp-dash themes`: the themes on offer; `--check [FILE]` measures their contrast.
struct Themes: Command {
  static let spec = CommandSpec(
    name: "themes",
    abstract: "List the themes; with --check, print each role's contrast at every colour depth.",
    discussion: """
      --check measures each role's foreground against its background as a terminal will show it \
      (24-bit, 256, 16 and 8 colours; on a dark, a light, or an unknown background, which means \
      both): text must reach 4.5:1 and bars 3:1 (WCAG 2.x). A role below its threshold is drawn \
      in the terminal's own colours (with bold where it was an emphasis) and marked "own". Map \
      areas are measured against the border beside them. Then the bands and the map's steps as \
      people with deuteranopia, protanopia and tritanopia see them (Machado 2009), by CIEDE2000 \
      difference (at least 15 apart). Exit status 1 when a theme file cannot be read. Give a \
      theme file to check yours (docs/THEMES.md).
      """,
    options: [
      .flag("check", "Print the contrast table of each theme (or of FILE)."),
      .option(
        "background", "light|dark", "Only this background (default: dark, light and unknown).",
        choices: Background.allCases.map(\.rawValue)),
    ],
    argument: ArgumentSpec(
      name: "file", help: "A theme file to check (default: every theme).", variadic: true))

  let check: Bool
  let background: Background?
  let file: String?

  init(_ p: ParsedCommand) throws(UsageFailure) {
    check = p.flag("check")
    background = p.value("background").flatMap(Background.init(rawValue:))
    file = p.words.first
    if p.words.count > 1 {
      throw UsageFailure(message: "stp-dash: error: themes takes one theme file at most")
    }
  }

  func run() throws {
    var catalog = ThemeCatalog()
    var themes = catalog.themes
    if let file {
      switch catalog.select(file) {
      case .success(let i): themes = [catalog.themes[i]]
      case .failure(let e): throw FileFailure(message: "stp-dash: \(e)")
      }
    }
    guard check else {
      writeStdout(themes.map { SafeText.forTerminal($0.name) + "\n" }.joined())
      for p in catalog.problems { writeStderr("stp-dash: theme skipped: \(p)\n") }
      return
    }
    var out = ""
    let backgrounds: [Background?] = background.map { [$0] } ?? [.dark, .light, nil]
    for theme in themes {
      for depth in [ColorDepth.direct, .c256, .sixteen, .eight] {
        for bg in backgrounds {
          out += theme.contrastTable(depth: depth, background: bg)
          out +=
            theme.mapNeedsShading(depth: depth)
            ? "  map: its steps share colours here, so it shades by density\n" : ""
          out += "\n"
        }
      }
      out += theme.distinctnessTable() + "\n"
    }
    // Theme names come from files: cleaned line by line.
    writeStdout(
      out.split(separator: "\n", omittingEmptySubsequences: false)
        .map { SafeText.forTerminal(String($0)) }.joined(separator: "\n"))
  }
}

/// A file that cannot be used: its message, exit status 1.
struct FileFailure: Error {
  let message: String
}
