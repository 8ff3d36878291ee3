import STPTerminal
import STPThemes
import Testing

/// The four bands (as text and as map fills) and the map scale's five steps stay apart for
/// people with each dichromacy: CIEDE2000 at least 15 between any two, in the default and
/// colour-blind-safe themes (issue 23). The matrices are printed. (The scale's dark steps may be
/// close to the black border: they take the theme's alternative border, tested with the map.)
@Suite struct ColourVisionTests {
  let themes = ThemeCatalog(userDirectory: nil).themes

  @Test func bandsAndMapStepsStayApartUnderEveryDichromacy() throws {
    var failures: [String] = []
    for name in ["default", "colour-blind-safe"] {
      let theme = try #require(themes.first { $0.name == name })
      print(theme.distinctnessTable())
      for report in theme.distinctness() {
        for (vision, (d, a, b)) in report.worst where d < 15 {
          failures.append(
            "\(name) \(report.group) \(vision.rawValue): \(a.rawValue)–\(b.rawValue) \(d)")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
