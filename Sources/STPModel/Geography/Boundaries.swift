import STPEmbeddedData
import Synchronization

/// A point of the map plane: longitude scaled by cos(52.5°) and latitude, in units of 100 m
/// (`Projection`). y grows northwards.
public struct MapPoint: Hashable, Sendable {
  public var x: Int32
  public var y: Int32
  public init(x: Int32, y: Int32) {
    self.x = x
    self.y = y
  }
}

/// A rectangle of the map plane (x east, y north), in projection units.
public struct MapRect: Equatable, Sendable {
  public var minX: Double, minY: Double, maxX: Double, maxY: Double
  public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
  }
  public var width: Double { maxX - minX }
  public var height: Double { maxY - minY }
  public static let empty = MapRect(
    minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
  public var isEmpty: Bool { !(maxX >= minX && maxY >= minY) }

  mutating func add(_ p: MapPoint) {
    minX = Swift.min(minX, Double(p.x))
    maxX = Swift.max(maxX, Double(p.x))
    minY = Swift.min(minY, Double(p.y))
    maxY = Swift.max(maxY, Double(p.y))
  }

  public func union(_ o: MapRect) -> MapRect {
    if isEmpty { return o }
    if o.isEmpty { return self }
    return MapRect(
      minX: Swift.min(minX, o.minX), minY: Swift.min(minY, o.minY),
      maxX: Swift.max(maxX, o.maxX), maxY: Swift.max(maxY, o.maxY))
  }

  /// The rectangle grown by `fraction` of its larger side on every edge.
  public func padded(_ fraction: Double) -> MapRect {
    let d = Swift.max(width, height) * fraction
    return MapRect(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
  }
}

/// The map projection: longitude scaled by cos(52.5°), England's middle latitude, so that its
/// shape is kept (within 3% of British National Grid across England); 100 m units. The same
/// arithmetic as `scripts/convert-boundaries.py`, which made the embedded shapes.
public enum Projection {
  public static let unitsPerDegree = 1113.2
  public static let cosine = 0.6087614290087207  // cos(52.5°)

  public static func project(longitude: Double, latitude: Double) -> MapPoint {
    MapPoint(
      x: Int32((longitude * cosine * unitsPerDegree + 0.5).rounded(.down)),
      y: Int32((latitude * unitsPerDegree + 0.5).rounded(.down)))
  }
}

/// The footprints' shapes on the map plane, by footprint index, and where they came from.
public struct Boundaries: Sendable {
  /// The rings of each footprint (outlines and holes alike: a point is inside when an odd
  /// number of its rings surround it); empty when the footprint has no shape.
  public var rings: [[[MapPoint]]]
  /// Where the shapes came from, for people: "ONS April 2017 (embedded)" or a file name.
  public var source: String
  /// The extent of every shape.
  public let bounds: MapRect
  /// Each footprint's extent (`.empty` without a shape).
  public let footprintBounds: [MapRect]

  /// Each footprint's area in km² on the WGS84 ellipsoid, measured from the source's own
  /// coordinates as its reader went (outlines less holes); nil where it was not measured.
  public var areasKm2: [Double?]

  public init(rings: [[[MapPoint]]], source: String, areasKm2: [Double?]? = nil) {
    self.rings = rings
    self.source = source
    self.areasKm2 = areasKm2 ?? Array(repeating: nil, count: rings.count)
    var all = MapRect.empty
    var each: [MapRect] = []
    for f in rings {
      var r = MapRect.empty
      for ring in f { for p in ring { r.add(p) } }
      each.append(r)
      all = all.union(r)
    }
    bounds = all
    footprintBounds = each
  }

  /// No shapes for `count` footprints.
  public static func none(_ count: Int, source: String = "none") -> Boundaries {
    Boundaries(rings: Array(repeating: [], count: count), source: source)
  }

  /// Whether footprint `f` has a shape.
  public func hasShape(_ f: Int) -> Bool { rings.indices.contains(f) && !rings[f].isEmpty }

  /// Footprints without a shape: "not on the map".
  public var missing: [Int] { rings.indices.filter { rings[$0].isEmpty } }

  /// Vertices in all.
  public var vertexCount: Int { rings.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } }

  /// What the embedded shapes are called on screen.
  public static let embeddedSource = "ONS STP boundaries, April 2017 (embedded)"
  public static let embeddedICBSource = "ONS ICB boundaries, July 2022 (embedded)"

  /// The embedded shapes of the Integrated Care Boards of July 2022 with these codes (in this
  /// order), made from the same LSOAs as the STPs' so that shared borders match.
  public static func embeddedICB(codes: [String]) -> Boundaries {
    decode(EmbeddedData.icbBoundaries, codes: codes, source: embeddedICBSource)
  }

  /// The embedded format's bytes (`boundaries.txt`).
  public static var embeddedBytes: [UInt8] { EmbeddedData.boundaries }

  /// The embedded shapes (`boundaries.txt`), matched to footprints by code.
  public static func embedded(codes: [String]) -> Boundaries {
    decode(EmbeddedData.boundaries, codes: codes, source: embeddedSource)
  }

  /// Reads the embedded format (see `scripts/convert-boundaries.py`): `F code`, `P`, and
  /// `R x y dx dy …` lines. Shapes of codes not in `codes` are skipped.
  static func decode(_ bytes: [UInt8], codes: [String], source: String) -> Boundaries {
    var rings = [[[MapPoint]]](repeating: [], count: codes.count)
    forEachRing(bytes, codes: codes) { f, _, ring in rings[f].append(ring) }
    return Boundaries(rings: rings, source: source)
  }

  /// Walks the embedded format's rings: `body` gets the footprint (index into `codes`), the ring's
  /// place in its polygon (0: the outline, then holes) and its points. Codes not in `codes` are
  /// skipped.
  static func forEachRing(_ bytes: [UInt8], codes: [String], _ body: (Int, Int, [MapPoint]) -> Void)
  {
    var index: [String: Int] = [:]
    for (i, c) in codes.enumerated() { index[c] = i }
    var current: Int?
    var inPolygon = 0
    var numbers: [Int32] = []
    var ring: [MapPoint] = []
    var lineStart = 0
    while lineStart < bytes.count {
      var end = lineStart
      while end < bytes.count && bytes[end] != 0x0A { end += 1 }
      defer { lineStart = end + 1 }
      guard end > lineStart else { continue }
      switch bytes[lineStart] {
      case UInt8(ascii: "F"):
        current =
          end > lineStart + 2
          ? index[String(decoding: bytes[(lineStart + 2)..<end], as: UTF8.self)] : nil
        inPolygon = 0
      case UInt8(ascii: "P"):
        inPolygon = 0
      case UInt8(ascii: "R"):
        guard let f = current else { continue }
        numbers.removeAll(keepingCapacity: true)
        var k = lineStart + 1
        while k < end {
          while k < end && bytes[k] == 0x20 { k += 1 }
          guard k < end else { break }
          var negative = false
          if bytes[k] == UInt8(ascii: "-") {
            negative = true
            k += 1
          }
          var v: Int32 = 0
          while k < end && bytes[k] != 0x20 {
            v = v &* 10 &+ Int32(bytes[k] &- 0x30)
            k += 1
          }
          numbers.append(negative ? -v : v)
        }
        guard numbers.count >= 2 else { continue }
        ring = []
        ring.reserveCapacity(numbers.count / 2)
        var p = MapPoint(x: numbers[0], y: numbers[1])
        ring.append(p)
        var j = 2
        while j + 1 < numbers.count {
          p = MapPoint(x: p.x &+ numbers[j], y: p.y &+ numbers[j + 1])
          ring.append(p)
          j += 2
        }
        body(f, inPolygon, ring)
        inPolygon += 1
      default: continue
      }
    }
  }

  /// Whether a point is inside footprint `f`'s shape (even-odd over all its rings).
  public func contains(_ f: Int, x: Double, y: Double) -> Bool {
    guard rings.indices.contains(f) else { return false }
    var inside = false
    for ring in rings[f] {
      var j = ring.count - 1
      for i in ring.indices {
        let a = ring[i]
        let b = ring[j]
        let ay = Double(a.y)
        let by = Double(b.y)
        if (ay > y) != (by > y) {
          let cx = Double(a.x) + (y - ay) * (Double(b.x) - Double(a.x)) / (by - ay)
          if x < cx { inside.toggle() }
        }
        j = i
      }
    }
    return inside
  }
}

/// The footprints' shapes and their topology. The embedded shapes are decoded, and the topology
/// worked out (10 ms), on first use: a start that never shows the map pays for neither (the
/// decoded shapes are 0.4 MB of the dashboard's 10 MB budget).
public struct Geography: Sendable {
  private let lazy: LazyGeography

  /// Where the shapes come from, for people (without decoding them).
  public let source: String

  public init(_ boundaries: Boundaries) {
    lazy = LazyGeography({ boundaries }, areas: { boundaries.areasKm2 })
    source = boundaries.source
  }

  /// The embedded ONS shapes for these footprint codes, decoded when first asked for.
  public static func embedded(codes: [String]) -> Geography {
    Geography(
      lazy: LazyGeography(
        { Boundaries.embedded(codes: codes) },
        areas: { EllipsoidArea.km2(stated: EmbeddedData.areas, codes: codes) }),
      source: Boundaries.embeddedSource)
  }

  private init(lazy: LazyGeography, source: String) {
    self.lazy = lazy
    self.source = source
  }

  public var boundaries: Boundaries { lazy.boundaries }
  /// Interior points and neighbours.
  public var topology: MapTopology { lazy.topology }
  /// The topology if it is worked out, without waiting (the dashboard works it out with the
  /// map's first layout, off the screen's thread).
  public var topologyIfMade: MapTopology? { lazy.topologyIfMade }
  /// Each footprint's area in km² on the WGS84 ellipsoid (`EllipsoidArea`); nil without a shape.
  /// Worked out once, on first use, without keeping the shapes.
  public var areasKm2: [Double?] { lazy.areas }

  /// No shapes for `count` footprints.
  public static func none(_ count: Int) -> Geography { Geography(.none(count)) }
}

/// Shapes, topology and areas made on first use, safely from any thread.
final class LazyGeography: Sendable {
  private let shapes: Once<Boundaries>
  private let made: Once<MapTopology>
  private let measured: Once<[Double?]>

  init(_ make: @escaping @Sendable () -> Boundaries, areas: @escaping @Sendable () -> [Double?]) {
    let shapes = Once(make)
    self.shapes = shapes
    made = Once { MapTopology(shapes.value) }
    measured = Once(areas)
  }

  var boundaries: Boundaries { shapes.value }
  var topology: MapTopology { made.value }
  var topologyIfMade: MapTopology? { made.ifMade }
  var areas: [Double?] { measured.value }
}
