import STPPlatform
import STPReport

// Colour-blind safety, measured: colours that mean different things (the four bands, the map's
// steps) are simulated as people with each dichromacy see them (Machado, Oliveira and Fernandes
// 2009, severity 1, on linear sRGB) and compared by CIEDE2000 colour difference (docs/THEMES.md).

/// A way of seeing colour.
public enum Vision: String, CaseIterable, Sendable {
  case typical, deuteranopia, protanopia, tritanopia

  /// Machado et al. (2009), severity 1.0, for linear RGB.
  var matrix: [[Double]]? {
    switch self {
    case .typical: nil
    case .protanopia:
      [
        [0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
      ]
    case .deuteranopia:
      [
        [0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
      ]
    case .tritanopia:
      [
        [1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
      ]
    }
  }

  /// A colour as seen this way (sRGB in, sRGB out).
  func simulate(_ c: RGB) -> RGB {
    guard let m = matrix else { return c }
    let lin = [linear(c.0), linear(c.1), linear(c.2)]
    let out = m.map { row in min(1, max(0, row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2])) }
    return (encoded(out[0]), encoded(out[1]), encoded(out[2]))
  }
}

private func linear(_ v: UInt8) -> Double {
  let s = Double(v) / 255
  return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
}

private func encoded(_ v: Double) -> UInt8 {
  let s = v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055
  return UInt8(max(0, min(255, (s * 255).rounded())))
}

/// CIE L*a*b* (D65) of an sRGB colour.
func lab(_ c: RGB) -> (l: Double, a: Double, b: Double) {
  let (r, g, b) = (linear(c.0), linear(c.1), linear(c.2))
  let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
  let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
  let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
  func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
  return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
}

/// CIEDE2000 colour difference between two sRGB colours (Sharma, Wu and Dalal 2005).
func deltaE2000(_ c1: RGB, _ c2: RGB) -> Double {
  let (l1, a1, b1) = lab(c1)
  let (l2, a2, b2) = lab(c2)
  let rad = Double.pi / 180
  let cBar = (hypot(a1, b1) + hypot(a2, b2)) / 2
  let g = 0.5 * (1 - sqrt(pow(cBar, 7) / (pow(cBar, 7) + pow(25, 7))))
  let a1p = (1 + g) * a1
  let a2p = (1 + g) * a2
  let c1p = hypot(a1p, b1)
  let c2p = hypot(a2p, b2)
  func hue(_ b: Double, _ a: Double) -> Double {
    guard a != 0 || b != 0 else { return 0 }
    let h = atan2(b, a) / rad
    return h < 0 ? h + 360 : h
  }
  let h1p = hue(b1, a1p)
  let h2p = hue(b2, a2p)
  let dLp = l2 - l1
  let dCp = c2p - c1p
  var dhp = 0.0
  if c1p * c2p != 0 {
    dhp = h2p - h1p
    if dhp > 180 { dhp -= 360 } else if dhp < -180 { dhp += 360 }
  }
  let dHp = 2 * sqrt(c1p * c2p) * sin(dhp / 2 * rad)
  let lBarP = (l1 + l2) / 2
  let cBarP = (c1p + c2p) / 2
  var hBarP = h1p + h2p
  if c1p * c2p != 0 {
    if abs(h1p - h2p) <= 180 {
      hBarP /= 2
    } else {
      hBarP = (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2
    }
  }
  let t =
    1 - 0.17 * cos((hBarP - 30) * rad) + 0.24 * cos(2 * hBarP * rad)
    + 0.32 * cos((3 * hBarP + 6) * rad) - 0.20 * cos((4 * hBarP - 63) * rad)
  let dTheta = 30 * exp(-pow((hBarP - 275) / 25, 2))
  let rc = 2 * sqrt(pow(cBarP, 7) / (pow(cBarP, 7) + pow(25, 7)))
  let sl = 1 + 0.015 * pow(lBarP - 50, 2) / sqrt(20 + pow(lBarP - 50, 2))
  let sc = 1 + 0.045 * cBarP
  let sh = 1 + 0.015 * cBarP * t
  let rt = -sin(2 * dTheta * rad) * rc
  let (lt, ct, ht) = (dLp / sl, dCp / sc, dHp / sh)
  return sqrt(lt * lt + ct * ct + ht * ht + rt * ct * ht)
}

/// Colours that must be told apart, and how far apart they are seen.
public struct DistinctnessReport: Sendable {
  /// The group: "band text", "map bands", "map scale".
  public var group: String
  /// The roles compared.
  public var roles: [Role]
  /// The smallest CIEDE2000 difference between two of them, for each way of seeing.
  public var worst: [Vision: (Double, Role, Role)]
  /// The full matrix for one way of seeing: `matrix[vision][i][j]`.
  public var matrix: [Vision: [[Double]]]
}

extension Theme {
  /// The groups of roles whose colours mean different things, each compared pairwise under each
  /// way of seeing, at 24-bit colour (what the theme asks for).
  public func distinctness() -> [DistinctnessReport] {
    let groups: [(String, [Role], Bool)] = [
      (
        "band text", [.bandOutstanding, .bandAdvanced, .bandMakingProgress, .bandNeedsImprovement],
        false
      ),
      ("map bands", Role.mapBands, true), ("map scale", Role.mapScale, true),
    ]
    return groups.compactMap { name, roles, isArea in
      let colours = roles.compactMap { role -> RGB? in
        let s = style(role)
        return shownRGB(isArea ? s.fill : s.fg, depth: .direct)
      }
      guard colours.count == roles.count else { return nil }  // terminal's own: no colour
      var worst: [Vision: (Double, Role, Role)] = [:]
      var matrix: [Vision: [[Double]]] = [:]
      for vision in Vision.allCases {
        let seen = colours.map { vision.simulate($0) }
        var m = Array(repeating: Array(repeating: 0.0, count: roles.count), count: roles.count)
        for i in roles.indices {
          for j in roles.indices where j > i {
            let d = deltaE2000(seen[i], seen[j])
            m[i][j] = d
            m[j][i] = d
            if d < worst[vision]?.0 ?? .infinity { worst[vision] = (d, roles[i], roles[j]) }
          }
        }
        matrix[vision] = m
      }
      return DistinctnessReport(group: name, roles: roles, worst: worst, matrix: matrix)
    }
  }

  /// The matrices as text, for the tests and `stp-dash themes --check`.
  public func distinctnessTable() -> String {
    var out = ""
    for r in distinctness() {
      out += "\(name): \(r.group), CIEDE2000 between each two (at least 15)\n"
      for vision in Vision.allCases {
        guard let m = r.matrix[vision] else { continue }
        out += "  \(vision.rawValue)\n"
        for (i, row) in m.enumerated() {
          out +=
            "    " + DisplayWidth.pad(r.roles[i].rawValue, to: 22)
            + row.enumerated().map { j, d in
              DisplayWidth.pad(i == j ? "–" : format1(d), to: 6, rightAligned: true)
            }.joined() + "\n"
        }
      }
    }
    return out
  }
}
