/// How many colours a terminal shows.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
  case none = 0
  case eight = 8
  case sixteen = 16
  case c256 = 256
  /// 24-bit colour written directly (terminfo with the RGB capability, e.g. xterm-direct).
  case direct = 16_777_216

  /// Fewer colours first.
  public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

  /// The depth for a terminal that reports `colors` (terminfo's `colors`).
  public init(colors: Int) {
    switch colors {
    case 16_777_216...: self = .direct
    case 256...: self = .c256
    case 16...: self = .sixteen
    case 8...: self = .eight
    default: self = .none
    }
  }

  /// For help: "256 colours".
  public var description: String {
    switch self {
    case .none: "no colour"
    case .eight: "8 colours"
    case .sixteen: "16 colours"
    case .c256: "256 colours"
    case .direct: "24-bit colour"
    }
  }
}

/// The terminal colour number that shows `color` best at `depth`: -1 for the terminal default,
/// the colour itself where the terminal has it, else the nearest it has (RGB distance, weighted
/// for the eye). 24-bit colours at `.direct` are 0xRRGGBB.
public func terminalColor(_ color: Color, depth: ColorDepth) -> Int32 {
  switch color {
  case .default:
    return -1
  case .ansi(let n):
    // Direct-colour terminfo reads numbers from 8 up as RGB values: send bright colours as RGB.
    if depth == .direct && n >= 8 { return packed(ansiRGB[n]) }
    return depth >= .sixteen ? Int32(n) : Int32(n % 8)
  case .index(let n):
    if depth == .direct { return n < 8 ? Int32(n) : packed(xterm256RGB(n)) }
    if depth >= .c256 { return Int32(n) }
    if n < 16 { return depth >= .sixteen ? Int32(n) : Int32(n % 8) }
    return nearestANSI(xterm256RGB(n), depth: depth)
  case .rgb(let r, let g, let b):
    switch depth {
    case .direct: return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
    case .c256: return nearest256((r, g, b))
    default: return nearestANSI((r, g, b), depth: depth)
    }
  }
}

typealias RGB = (UInt8, UInt8, UInt8)

func packed(_ c: RGB) -> Int32 { Int32(c.0) << 16 | Int32(c.1) << 8 | Int32(c.2) }

/// xterm's default 16 colours.
let ansiRGB: [RGB] = [
  (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
  (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
  (255, 0, 255), (0, 255, 255), (255, 255, 255),
]

/// The RGB of xterm's 256-colour index `n`.
func xterm256RGB(_ n: Int) -> RGB {
  if n < 16 { return ansiRGB[n] }
  if n >= 232 {
    let v = UInt8(8 + (n - 232) * 10)
    return (v, v, v)
  }
  let i = n - 16
  return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
}

/// The six levels of each channel in xterm's colour cube (indices 16-231).
let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

/// Squared distance, weighted (red 2, green 4, blue 3) as a cheap stand-in for perception.
func distance(_ a: RGB, _ b: RGB) -> Int {
  let dr = Int(a.0) - Int(b.0)
  let dg = Int(a.1) - Int(b.1)
  let db = Int(a.2) - Int(b.2)
  return 2 * dr * dr + 4 * dg * dg + 3 * db * db
}

func nearestANSI(_ c: RGB, depth: ColorDepth) -> Int32 {
  guard depth > .none else { return -1 }
  let count = depth >= .sixteen ? 16 : 8
  var best = 0
  for i in 1..<count where distance(c, ansiRGB[i]) < distance(c, ansiRGB[best]) { best = i }
  return Int32(best)
}

/// The 256-colour index nearest `c` (the colour cube and the greys, by `distance`; of equally
/// near ones the lowest index). The distance is a weighted sum over the channels and the cube is
/// every mix of six levels, so the nearest cube colour takes each channel's nearest level (the
/// lower on a tie): one pass over 6 levels a channel and the 24 greys, not all 240 colours
/// (27,000 instructions a colour, 0.46 million of a start in the 256-colour themes, issue 26).
/// A test compares it with the search over all 240.
func nearest256(_ c: RGB) -> Int32 {
  func level(_ v: UInt8) -> Int {
    var best = 0
    for i in 1..<6 where abs(Int(v) - Int(cubeLevels[i])) < abs(Int(v) - Int(cubeLevels[best])) {
      best = i
    }
    return best
  }
  var best = 16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2)
  var bestDistance = distance(c, xterm256RGB(best))
  for i in 232..<256 {
    let d = distance(c, xterm256RGB(i))
    if d < bestDistance { (best, bestDistance) = (i, d) }
  }
  return Int32(best)
}

/// `nearest256` by searching all 240 colours (for its test).
func nearest256BySearch(_ c: RGB) -> Int32 {
  var best = 16
  for i in 16..<256 where distance(c, xterm256RGB(i)) < distance(c, xterm256RGB(best)) { best = i }
  return Int32(best)
}
