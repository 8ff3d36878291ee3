import STPTerminal
import STPThemes
import Testing

/// Every shipped theme, at every colour depth the dashboard draws in, on a dark, a light and an
/// unknown background: after adaptation every text role reaches 4.5:1 and every bar 3:1, or is
/// drawn in the terminal's own colours; every map area reaches 3:1 against the border drawn
/// between it and a neighbour of its colour (`mapBorder`, or `mapBorderAlt` where that is too
/// close), wherever the map is drawn in colour; where the map's steps cannot be told apart at a
/// depth, the map shades instead. The tables are printed (issues 23, 24).
@Suite struct ContrastTests {
  let themes = ThemeCatalog(userDirectory: nil).themes
  let depths: [ColorDepth] = [.direct, .c256, .sixteen, .eight]
  let backgrounds: [Background?] = [.dark, .light, nil]

  @Test func everyRoleReachesItsThresholdInEveryThemeTierAndBackground() {
    #expect(themes.count >= 6)
    var failures: [String] = []
    var printed = ""
    for theme in themes {
      for depth in depths {
        for background in backgrounds {
          let measured = background.map { [$0] } ?? Background.allCases
          let adapted = theme.adapted(to: depth, background: background)
          // A shaded map draws its borders as blanks: its areas are read by density.
          let shaded = theme.isMonochrome || theme.mapNeedsShading(depth: depth)
          for r in adapted.contrastReadings(depth: depth, backgrounds: measured) where !r.passes {
            if shaded && r.role.isArea { continue }
            failures.append(
              "\(theme.name) \(depth.description) \(background?.rawValue ?? "unknown"): "
                + "\(r.role.rawValue) \(r.ratio ?? 0) < \(r.threshold)")
          }
          printed += theme.contrastTable(depth: depth, background: background)
        }
      }
    }
    print(printed)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// The reported defect: on an 8-colour terminal (TERM=screen, xterm) "bright black" is colour
  /// 0, black on a dark screen. Adapted, unknown values are drawn in the terminal's own colours.
  @Test func brightBlackIsNeverBlackOnAnEightColourDarkTerminal() {
    let theme = Theme(
      name: "grey", styles: [.unknown: Style(fg: .brightBlack), .title: Style(fg: .brightCyan)])
    let raw = theme.contrastReadings(depth: .eight, backgrounds: [.dark])
    #expect(raw.first { $0.role == .unknown }.flatMap(\.ratio).map { $0 < 1.5 } == true)
    let adapted = theme.adapted(to: .eight, background: .dark)
    #expect(adapted.style(.unknown).fg == .default && adapted.style(.unknown).bg == .default)
    #expect(adapted.fallbacks.contains(.unknown))
    // At 256 colours the grey is a grey, and stays; so does cyan on a dark screen.
    #expect(theme.adapted(to: .c256, background: .dark).style(.title) == theme.style(.title))
    // The default theme's grey (248) is light grey at 256 colours and white at 8: readable.
    for depth in [ColorDepth.direct, .c256, .sixteen, .eight] {
      let d = Theme.default.adapted(to: depth, background: .dark)
      #expect(d.style(.unknown).fg != .ansi(0), "\(depth)")
    }
  }

  /// A fallback never leaves a role on colour 0 or 7 over the terminal's background.
  @Test func fallbacksNeverUseColourZeroOrSevenOnTheDefaultBackground() {
    for theme in themes {
      for depth in depths {
        for background in backgrounds {
          let adapted = theme.adapted(to: depth, background: background)
          for role in adapted.fallbacks {
            let s = adapted.style(role)
            #expect(s.fg == .default && s.bg == .default, "\(theme.name) \(role)")
          }
        }
      }
    }
  }

  /// Where a depth shows two map steps (or band fills) as one colour, the map shades instead.
  @Test func theMapShadesWhereItsStepsWouldShareAColour() {
    let theme = Theme.default
    #expect(!theme.mapNeedsShading(depth: .direct))
    #expect(!theme.mapNeedsShading(depth: .c256))
    #expect(theme.mapNeedsShading(depth: .eight))
    #expect(Theme.mono.mapNeedsShading(depth: .direct))
  }

  /// The terminal's answer to OSC 11, in the forms terminals send (4, 2 and 1 hex digits a
  /// channel; BEL or ST at the end; DA1's answer behind it), and COLORFGBG's.
  @Test func theBackgroundIsReadFromTheTerminalsAnswerAndCOLORFGBG() {
    let reply = Array("\u{1b}]11;rgb:1e1e/1e1e/1e1e\u{7}\u{1b}[?62;22c".utf8)
    #expect(Background.osc11Colour(reply).map { [$0.0, $0.1, $0.2] } == [30, 30, 30])
    #expect(Background.osc11Colour(reply).map(Background.of) == .dark)
    let white = Array("\u{1b}]11;rgb:ff/ff/ff\u{1b}\\".utf8)
    #expect(Background.osc11Colour(white).map(Background.of) == .light)
    #expect(Background.osc11Colour(Array("\u{1b}]11;rgb:f/f/f\u{7}".utf8)).map { $0.0 } == 255)
    #expect(Background.osc11Colour(Array("\u{1b}[?1;2c".utf8)) == nil)  // DA1 only: no answer
    #expect(Background.osc11Colour(Array("\u{1b}]11;rgb:zz/00/00\u{7}".utf8)) == nil)
    #expect(Background.fromCOLORFGBG("15;0") == .dark)
    #expect(Background.fromCOLORFGBG("0;default;15") == .light)
    #expect(Background.fromCOLORFGBG("0;7") == .light)
    #expect(Background.fromCOLORFGBG("default") == nil)
  }

  /// A theme names its variant for the other background; a bad one is an error with its line.
  @Test func aThemeNamesItsLightAndDarkVariants() throws {
    let byName = Dictionary(uniqueKeysWithValues: themes.map { ($0.name, $0) })
    #expect(byName["default"]?.variants[.light] == "light")
    #expect(byName["light"]?.variants[.dark] == "default")
    let text = "name = \"x\"\nlight = 3\n[roles]\ntext = {}\n"
    #expect(throws: ThemeError.self) { try ThemeFile.parse(text, file: "x.toml") }
    do {
      _ = try ThemeFile.parse(text, file: "x.toml")
    } catch {
      #expect(error.description.hasPrefix("x.toml:2: light must name a theme"))
    }
  }
}
