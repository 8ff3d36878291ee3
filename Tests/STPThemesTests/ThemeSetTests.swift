import STPModel
import STPTerminal
import STPTestSupport
import STPThemes
import Testing

/// Issue 26, item 9: the dashboard adapted every theme to the terminal and measured each one's
/// map traits before its first frame (about 2 ms of 11). A theme is now adapted and measured
/// when it is first shown: cycling with `t` must show each one exactly as the start-up
/// computation did, at every colour depth and background, the map's shading and borders
/// included.
@Suite struct ThemeSetTests {
  let written = ThemeCatalog(userDirectory: nil).themes

  /// The dashboard's loop on the embedded data at 120x40 in `themes`, given `keys`; no theme is
  /// marked as shading before it is shown.
  func run(_ themes: ThemeSet, keys: [Key]) -> (DashboardLoop, HeadlessBackend) {
    let size = Size(width: 120, height: 40)
    let backend = HeadlessBackend(size: size, script: keys.map { .key($0) })
    var state = AppState(
      dataset: Fixtures.embedded, loadedAt: "09:30", size: size, themeNames: themes.names)
    state.session.shadedThemes = []
    var loop = DashboardLoop(
      state: state, backend: backend, themes: themes, watcher: nil,
      services: LoopServices(
        startReload: { _, _, _ in }, export: { _, _ in "" }, now: { backend.now },
        timeOfDay: { "10:00" }))
    _ = loop.run()
    return (loop, backend)
  }

  @Test func eachThemeShownByTIsTheThemeAdaptedAndMeasuredAsAtStart() {
    #expect(written.count >= 6)
    for depth in [ColorDepth.direct, .c256, .sixteen, .eight] {
      for background in [Background.dark, .light, nil] {
        // The map, then `t` through every theme and back to the first.
        let keys = [Key.char("5")] + Array(repeating: Key.char("t"), count: written.count)
        let (loop, backend) = run(
          ThemeSet(written: written, depth: depth, background: background), keys: keys)
        let adapted = written.map { $0.adapted(to: depth, background: background) }
        let label = "\(depth) on \(background.map(\.rawValue) ?? "an unknown") background"
        // Each frame in the theme in use; the last ones cycled through every theme.
        let shownNames = backend.themesShown.suffix(written.count + 1).map(\.name)
        #expect(shownNames == written.map(\.name) + [written[0].name], "\(label)")
        for theme in backend.themesShown {
          #expect(adapted.contains(theme), "\(label): \(theme.name) not as adapted at start")
        }
        let shaded = Set(
          adapted.filter { $0.isMonochrome || $0.mapNeedsShading(depth: depth) }.map(\.name))
        #expect(loop.state.session.shadedThemes == shaded, "\(label)")
        let borders = Dictionary(
          uniqueKeysWithValues: adapted.map { ($0.name, $0.alternateBorderRoles(depth: depth)) })
        #expect(loop.state.session.alternateBorders == borders, "\(label)")
      }
    }
  }

  @Test func aThemeNeverShownIsNeitherAdaptedNorMeasured() {
    let (loop, _) = run(
      ThemeSet(written: written, depth: .eight, background: .dark), keys: [.char("5")])
    #expect(Set(loop.state.session.alternateBorders.keys) == [written[0].name])
  }
}
