import STPPlatform
import STPReport

// Readability measured, not hoped for: each role's foreground against its background as a
// terminal of a given colour depth will show them, by WCAG 2.x contrast, and a theme adapted so
// that every role reaches its threshold (docs/THEMES.md).
//
// Colours are resolved the way the backend sends them (`terminalColor`): an 8-colour terminal
// shows "bright black" as colour 0, black; a 256-colour one shows `#7f7f7f` as the nearest of
// its cube. The 16 ANSI colours are xterm's defaults; the terminal's own colours ("default")
// are taken as light grey on a dark background and black on a light one.

/// The terminal's background, as far as it is known.
public enum Background: String, Sendable, CaseIterable {
  case dark, light

  /// The backgrounds a role is measured against: black and a common dark grey, or white.
  var samples: [RGB] { self == .dark ? [(0, 0, 0), (0x1E, 0x1E, 0x1E)] : [(255, 255, 255)] }

  /// The terminal's own foreground on it.
  var defaultForeground: RGB { self == .dark ? (0xE5, 0xE5, 0xE5) : (0, 0, 0) }

  /// The background a colour is nearest to in lightness: light when its relative luminance is
  /// above that of mid grey.
  public static func of(_ c: (UInt8, UInt8, UInt8)) -> Background {
    relativeLuminance(c) > 0.18 ? .light : .dark
  }
}

/// What a role's contrast must reach: WCAG 2.x 4.5:1 for text, 3:1 for graphics (bars, chart
/// marks, map fills against the border beside them); nil for roles not measured this way.
extension Role {
  /// The contrast the role must reach: 4.5 for text, 3 for graphics; nil when not measured.
  public var contrastThreshold: Double? {
    switch self {
    case .barSolid, .barLight, .barEmpty: 3
    case .mapScale1, .mapScale2, .mapScale3, .mapScale4, .mapScale5, .mapOutstanding,
      .mapAdvanced, .mapMakingProgress, .mapNeedsImprovement, .mapUnknown, .mapSelected:
      3
    case .mapBorder, .mapBorderAlt, .mapFaded, .blackout, .text: nil
    default: 4.5
    }
  }

  /// Whether the role's style paints an area (the map), measured against the border.
  public var isArea: Bool { Role.optionalInThemes.contains(self) }

  /// Emphasis roles keep their weight when they lose their colour: they fall back to bold.
  var fallbackIsBold: Bool {
    switch self {
    case .title, .heading, .columnHeader, .columnSorted, .bandOutstanding, .bandAdvanced,
      .bandNeedsImprovement, .tabActive, .statusKey, .overlayKey, .changed, .marked, .label:
      true
    default: false
    }
  }
}

/// WCAG 2.x relative luminance of an sRGB colour.
func relativeLuminance(_ c: RGB) -> Double {
  func channel(_ v: UInt8) -> Double {
    let s = Double(v) / 255
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
  }
  return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG 2.x contrast ratio, 1 to 21.
func contrastRatio(_ a: RGB, _ b: RGB) -> Double {
  let (la, lb) = (relativeLuminance(a), relativeLuminance(b))
  return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

/// The colour a terminal of `depth` shows for `color`; nil for the terminal's own colour.
func shownRGB(_ color: Color, depth: ColorDepth) -> RGB? {
  guard depth > .none else { return nil }
  switch color {
  case .default:
    return nil
  case .ansi(let n):
    return ansiRGB[depth >= .sixteen ? n : n % 8]
  case .index(let n):
    if depth >= .c256 { return xterm256RGB(n) }
    if n < 16 { return ansiRGB[depth >= .sixteen ? n : n % 8] }
    return ansiRGB[Int(nearestANSI(xterm256RGB(n), depth: depth))]
  case .rgb(let r, let g, let b):
    switch depth {
    case .direct: return (r, g, b)
    case .c256: return xterm256RGB(Int(nearest256((r, g, b))))
    default: return ansiRGB[Int(nearestANSI((r, g, b), depth: depth))]
    }
  }
}

/// One role's measured contrast.
public struct ContrastReading: Sendable {
  /// The role.
  public var role: Role
  /// Its lowest contrast over the backgrounds measured against; nil when it is drawn wholly in
  /// the terminal's own colours (readable by definition: the user chose them).
  public var ratio: Double?
  /// What it must reach.
  public var threshold: Double
  /// Whether the style measured is a fallback (default colour with an attribute).
  public var isFallback: Bool
  /// Whether it reaches its threshold.
  public var passes: Bool { ratio.map { $0 + 1e-9 >= threshold } ?? true }
}

extension Theme {
  /// The lowest contrast of `role`'s foreground on its background at `depth`, over the sample
  /// backgrounds of each of `backgrounds` (a map area: its fill against the border's). Nil for a
  /// role not measured, or one drawn wholly in the terminal's own colours (readable by
  /// definition).
  func contrast(_ role: Role, depth: ColorDepth, backgrounds: [Background]) -> Double? {
    guard role.contrastThreshold != nil else { return nil }
    let style = style(role)
    var worst: Double?
    for background in backgrounds {
      for screen in background.samples {
        let pair: (RGB?, RGB?)
        if role.isArea {
          // An area's fill against the border drawn between it and its neighbours.
          let line = borderRole(for: role, depth: depth)
          let border = shownRGB(self.style(line).fill, depth: depth) ?? screen
          pair = (shownRGB(style.fill, depth: depth), border)
        } else {
          var fg = shownRGB(style.fg, depth: depth)
          var bg = shownRGB(style.bg, depth: depth)
          if style.reverse { swap(&fg, &bg) }
          pair = (fg, bg)
        }
        if pair.0 == nil && pair.1 == nil && !role.isArea { continue }
        let fg = pair.0 ?? (role.isArea ? screen : background.defaultForeground)
        let bg = pair.1 ?? screen
        let r = contrastRatio(fg, bg)
        worst = min(worst ?? r, r)
      }
    }
    return worst
  }

  /// Each measured role's contrast at `depth` against `backgrounds`.
  public func contrastReadings(depth: ColorDepth, backgrounds: [Background]) -> [ContrastReading] {
    Role.themable.compactMap { role in
      guard let threshold = role.contrastThreshold else { return nil }
      let ratio = contrast(role, depth: depth, backgrounds: backgrounds)
      return ContrastReading(
        role: role, ratio: ratio, threshold: threshold, isFallback: fallbacks.contains(role))
    }
  }

  /// The theme as a terminal of `depth` on `background` (nil: unknown, so both) can show it
  /// readably: each text role below 4.5:1 falls back to the terminal's own colours, with bold
  /// where it was an emphasis and reverse where it had a background of its own; never to colour
  /// 0 or 7 on the terminal's background. Map areas below 3:1 are left for the map to shade
  /// (`mapNeedsShading`).
  public func adapted(to depth: ColorDepth, background: Background?) -> Theme {
    guard depth > .none else { return self }
    let backgrounds = background.map { [$0] } ?? Background.allCases
    var out = self
    for role in Role.themable where !role.isArea {
      guard let threshold = role.contrastThreshold,
        let ratio = contrast(role, depth: depth, backgrounds: backgrounds), ratio < threshold
      else { continue }
      let old = style(role)
      let hadBackground = old.bg != .default || old.reverse
      out.styles[role] = Style(
        bold: old.bold || role.fallbackIsBold, reverse: hadBackground,
        underline: old.underline)
      out.fallbacks.insert(role)
    }
    return out
  }

  /// The border drawn between two areas of `role`'s fill at `depth`: `mapBorder` where it
  /// reaches 3:1 against the fill (or either colour is the terminal's own), else
  /// `mapBorderAlt` where that contrasts more (a black line vanishes between two dark purples;
  /// a white one does not).
  public func borderRole(for role: Role, depth: ColorDepth) -> Role {
    guard let fill = shownRGB(style(role).fill, depth: depth),
      let border = shownRGB(style(.mapBorder).fill, depth: depth)
    else { return .mapBorder }
    let ratio = contrastRatio(fill, border)
    guard ratio < 3, let alt = shownRGB(style(.mapBorderAlt).fill, depth: depth),
      contrastRatio(fill, alt) > ratio
    else { return .mapBorder }
    return .mapBorderAlt
  }

  /// The area roles whose border at `depth` is `mapBorderAlt` (`borderRole(for:depth:)`).
  public func alternateBorderRoles(depth: ColorDepth) -> Set<Role> {
    Set(Role.optionalInThemes.filter { borderRole(for: $0, depth: depth) == .mapBorderAlt })
  }

  /// Whether the map must shade by density at `depth` rather than colour: when two of its
  /// steps, or two of its band fills, come out as the same colour (an 8-colour terminal shows
  /// several viridis steps as one blue), colours would say two different values are the same.
  public func mapNeedsShading(depth: ColorDepth) -> Bool {
    guard depth > .none, !isMonochrome else { return true }
    for group in [Role.mapScale, Role.mapBands] {
      let shown = group.map { shownRGB(style($0).fill, depth: depth).map(packed) }
      if Set(shown).count < shown.count { return true }
    }
    return false
  }

  /// The contrast table, one line a role: "unknown  1.0:1  (4.5)  below: the terminal's own
  /// colours" — for the tests and `stp-dash themes --check`.
  public func contrastTable(depth: ColorDepth, background: Background?) -> String {
    let backgrounds = background.map { [$0] } ?? Background.allCases
    let adapted = self.adapted(to: depth, background: background)
    let raw = Dictionary(
      uniqueKeysWithValues: contrastReadings(depth: depth, backgrounds: backgrounds).map {
        ($0.role, $0)
      })
    var out =
      "\(name) at \(depth.description), on \(background?.rawValue ?? "a dark or light") background\n"
    for r in adapted.contrastReadings(depth: depth, backgrounds: backgrounds) {
      let before = raw[r.role]?.ratio
      let verdict: String
      if !r.passes {
        let shaded = isMonochrome || mapNeedsShading(depth: depth)
        verdict = r.role.isArea && shaded ? "below (the map shades at this depth)" : "BELOW"
      } else if r.isFallback {
        verdict = "below, so drawn in the terminal's own colours"
      } else {
        verdict = r.ratio == nil ? "the terminal's own colours" : "ok"
      }
      let shown = (r.isFallback ? before : r.ratio).map { format1($0) + ":1" } ?? "own"
      out +=
        "  " + DisplayWidth.pad(r.role.rawValue, to: 22)
        + DisplayWidth.pad(shown, to: 8, rightAligned: true)
        + "  (\(format1(r.threshold)))  \(verdict)\n"
    }
    return out
  }
}

/// One decimal: "4.5".
func format1(_ v: Double) -> String {
  let t = Int((v * 10).rounded())
  return "\(t / 10).\(t % 10)"
}

extension Background {
  /// The colour in a terminal's answer to OSC 11 ("ESC ] 11 ; rgb:RRRR/GGGG/BBBB BEL", each
  /// channel 1 to 4 hex digits), if the bytes hold one.
  public static func osc11Colour(_ bytes: [UInt8]) -> (UInt8, UInt8, UInt8)? {
    let marker = Array("11;rgb:".utf8)
    guard bytes.count >= marker.count,
      let at = (0...(bytes.count - marker.count)).first(where: {
        bytes[$0..<($0 + marker.count)].elementsEqual(marker)
      })
    else { return nil }
    let text = String(decoding: bytes[(at + marker.count)...], as: UTF8.self)
    var channels: [UInt8] = []
    for part in text.split(separator: "/", maxSplits: 2) {
      let hex = part.prefix { $0.isHexDigit }
      guard (1...4).contains(hex.count), let v = Int(hex, radix: 16) else { return nil }
      let top = (1 << (4 * hex.count)) - 1
      channels.append(UInt8((v * 255 + top / 2) / top))
    }
    guard channels.count == 3 else { return nil }
    return (channels[0], channels[1], channels[2])
  }

  /// The background `COLORFGBG` names ("15;0", "0;default;15"): its last field, a colour
  /// number (0-6 and 8 dark, 7 and 9-15 light); nil when it says nothing usable.
  public static func fromCOLORFGBG(_ value: String) -> Background? {
    guard let last = value.split(separator: ";").last, let n = Int(last), (0...15).contains(n)
    else { return nil }
    return n == 7 || n >= 9 ? .light : .dark
  }
}
