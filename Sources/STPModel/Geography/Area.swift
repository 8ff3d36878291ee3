import STPPlatform

/// Areas of footprints on the WGS84 ellipsoid, in km².
///
/// Each ring is projected with Lambert's cylindrical equal-area projection of the ellipsoid
/// (x = a·λ, y = a·q(φ)/2, q the authalic function), where a plane area is an area on the
/// ellipsoid; the shoelace formula then gives it. Edges are at most a few hundred metres, so the
/// difference between a straight edge in the projection and a geodesic is far below the 50 m
/// rounding of the embedded vertices. England's 44 footprints sum to 130,526 km² measured from
/// the ONS polygons (the embedded `areas.txt`), 130,529 km² from the embedded shapes (tests hold
/// both).
public enum EllipsoidArea {
  static let a = 6_378_137.0
  static let f = 1 / 298.257223563
  static let e2 = f * (2 - f)
  static let e = e2.squareRoot()

  /// The authalic function q(φ) of the ellipsoid.
  static func q(_ latitude: Double) -> Double {
    let s = sin(latitude * .pi / 180)
    return (1 - e2) * (s / (1 - e2 * s * s) - log((1 - e * s) / (1 + e * s)) / (2 * e))
  }

  /// The signed area (m²) of a ring given as longitude/latitude pairs in degrees.
  public static func signedArea(_ ring: [(lon: Double, lat: Double)]) -> Double {
    signedArea(count: ring.count) { (ring[$0].lon, ring[$0].lat) }
  }

  /// The same for `count` positions given by `position(k)` (longitude, latitude).
  public static func signedArea(count: Int, _ position: (Int) -> (Double, Double)) -> Double {
    guard count >= 3 else { return 0 }
    var sum = 0.0
    var prev = position(count - 1)
    var prevY = a * q(prev.1) / 2
    for k in 0..<count {
      let p = position(k)
      let y = a * q(p.1) / 2
      sum += (prev.0 - p.0) * .pi / 180 * a * (y + prevY) / 2
      prev = p
      prevY = y
    }
    return sum
  }

  /// The embedded point back in degrees (`Projection`'s inverse; within 50 m).
  static func degrees(_ p: MapPoint) -> (lon: Double, lat: Double) {
    (
      Double(p.x) / (Projection.cosine * Projection.unitsPerDegree),
      Double(p.y) / Projection.unitsPerDegree
    )
  }

  /// Each footprint's area in km² as the embedded `areas.txt` states it (`code area` lines,
  /// measured by `scripts/convert-boundaries.py` from the ONS polygons' own degrees with the same
  /// method): reading it costs nothing at load; `km2(measuring:codes:)` checks it against the
  /// shapes.
  public static func km2(stated bytes: [UInt8], codes: [String]) -> [Double?] {
    var index: [String: Int] = [:]
    for (i, c) in codes.enumerated() { index[c] = i }
    var areas = [Double?](repeating: nil, count: codes.count)
    for line in bytes.split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
      let parts = line.split(separator: 0x20)
      guard parts.count == 2, let f = index[String(decoding: parts[0], as: UTF8.self)],
        let a = Double(String(decoding: parts[1], as: UTF8.self))
      else { continue }
      areas[f] = a
    }
    return areas
  }

  /// Each footprint's area in km² measured from the embedded shapes themselves (`F code`, `P`,
  /// `R …` lines; the first ring of a polygon is its outline, the rest its holes), one ring at a
  /// time, nothing kept: the check on the stated `areas.txt` (vertices within 50 m).
  public static func km2(measuring bytes: [UInt8], codes: [String]) -> [Double?] {
    var areas = [Double?](repeating: nil, count: codes.count)
    Boundaries.forEachRing(bytes, codes: codes) { f, inPolygon, ring in
      let a = abs(signedArea(ring.map(degrees))) / 1_000_000
      areas[f] = (areas[f] ?? 0) + (inPolygon == 0 ? a : -a)
    }
    return areas
  }
}
