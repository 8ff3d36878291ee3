import STPPlatform

/// Which footprint owns each pixel of a window of the map plane: the shapes filled by scanline
/// (even-odd), pixel centres sampled. Pixel (0, 0) is the window's north-west corner.
public struct OwnerRaster: Sendable {
  public let width: Int
  public let height: Int
  /// Footprint index per pixel, row by row; -1 for none (sea, Wales, Scotland).
  public private(set) var owners: [Int16]
  public let window: MapRect

  /// Map units per pixel, across and down.
  public var unitsPerPixelX: Double { window.width / Double(max(width, 1)) }
  public var unitsPerPixelY: Double { window.height / Double(max(height, 1)) }

  public subscript(x: Int, y: Int) -> Int? {
    guard x >= 0, y >= 0, x < width, y < height else { return nil }
    let o = owners[y * width + x]
    return o < 0 ? nil : Int(o)
  }

  /// The pixel holding a point of the plane; nil outside the window.
  public func pixel(x: Double, y: Double) -> (x: Int, y: Int)? {
    let px = Int(((x - window.minX) / unitsPerPixelX).rounded(.down))
    let py = Int(((window.maxY - y) / unitsPerPixelY).rounded(.down))
    guard px >= 0, py >= 0, px < width, py < height else { return nil }
    return (px, py)
  }

  /// The centre of a pixel on the plane.
  public func centre(x: Int, y: Int) -> (x: Double, y: Double) {
    (
      window.minX + (Double(x) + 0.5) * unitsPerPixelX,
      window.maxY - (Double(y) + 0.5) * unitsPerPixelY
    )
  }

  /// Pixels owned by each footprint.
  public func counts(footprints: Int) -> [Int] {
    var c = [Int](repeating: 0, count: footprints)
    for o in owners where o >= 0 && Int(o) < footprints { c[Int(o)] += 1 }
    return c
  }

  /// Sets a pixel's owner (a footprint too thin to own a pixel is given the one at its
  /// interior point).
  public mutating func claim(x: Int, y: Int, _ f: Int) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    owners[y * width + x] = Int16(f)
  }

  /// Fills `window` at `width` x `height` pixels. Where shapes overlap (slivers between
  /// simplified neighbours), the footprint listed first keeps the pixel.
  /// `only` fills one footprint alone.
  public static func render(
    _ b: Boundaries, window: MapRect, width: Int, height: Int, only: Int? = nil
  ) -> OwnerRaster {
    let w = max(width, 0)
    let h = max(height, 0)
    var owners = [Int16](repeating: -1, count: w * h)
    let sx = window.width / Double(max(w, 1))
    let sy = window.height / Double(max(h, 1))
    var crossings: [Double] = []
    // An edge, ready for scanning: its y span and x at a given y.
    struct Edge {
      var y0: Double
      var y1: Double
      var x0: Double
      var slope: Double
    }
    var edges: [Edge] = []
    var firstRow: [Int32] = []  // each edge's first row, for a bucket sort
    var order: [Int32] = []
    var start: [Int32] = []
    var active: [Int] = []
    owners.withUnsafeMutableBufferPointer { out in
      for (f, rings) in b.rings.enumerated()
      where !rings.isEmpty && f < Int(Int16.max) && (only == nil || only == f) {
        let fb = b.footprintBounds[f]
        // Rows whose centre line can cross the shape.
        let top = max(0, Int(((window.maxY - fb.maxY) / sy - 0.5).rounded(.up)))
        let bottom = min(h - 1, Int(((window.maxY - fb.minY) / sy - 0.5).rounded(.down)))
        guard top <= bottom, fb.maxX >= window.minX, fb.minX <= window.maxX else { continue }
        // Only edges that span a row centre in top...bottom: a band of a tall raster takes
        // the edges that cross it, not the whole shape's.
        let yTop = window.maxY - (Double(top) + 0.5) * sy
        let yBottom = window.maxY - (Double(bottom) + 0.5) * sy
        edges.removeAll(keepingCapacity: true)
        firstRow.removeAll(keepingCapacity: true)
        for ring in rings where ring.count >= 3 {
          var a = ring[ring.count - 1]
          for p in ring {
            if a.y != p.y {
              let (lo, hi) = a.y < p.y ? (a, p) : (p, a)
              let y0 = Double(lo.y)
              let y1 = Double(hi.y)
              // Spans a centre line y when y0 <= y < y1.
              if y1 > yBottom && y0 <= yTop {
                edges.append(
                  Edge(
                    y0: y0, y1: y1, x0: Double(lo.x),
                    slope: Double(hi.x - lo.x) / Double(hi.y - lo.y)))
                // The row before the first whose centre is below y1 (one early is harmless:
                // the crossing test below is exact; one late would lose a crossing).
                let r = Int(((window.maxY - y1) / sy - 0.5).rounded(.down))
                firstRow.append(Int32(min(max(r, top), bottom) - top))
              }
            }
            a = p
          }
        }
        // Edges bucketed by their first row (a counting sort: linear in the edges); going
        // down the rows, an edge joins the active list at its first row and leaves it once
        // the row is below its bottom, so each row tests only the edges that span it (testing
        // every edge on every row made a 600,000-vertex ring take 6-10 s).
        let rowsSpanned = bottom - top + 1
        start.removeAll(keepingCapacity: true)
        start.append(contentsOf: repeatElement(0, count: rowsSpanned + 1))
        for r in firstRow { start[Int(r) + 1] += 1 }
        for r in 0..<rowsSpanned { start[r + 1] += start[r] }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: repeatElement(0, count: edges.count))
        var fill = start
        for (k, r) in firstRow.enumerated() {
          order[Int(fill[Int(r)])] = Int32(k)
          fill[Int(r)] += 1
        }
        active.removeAll(keepingCapacity: true)
        for row in top...bottom {
          let y = window.maxY - (Double(row) + 0.5) * sy
          for k in start[row - top]..<start[row - top + 1] { active.append(Int(order[Int(k)])) }
          // One pass: drop the edges that ended above this row, and find the crossings.
          crossings.removeAll(keepingCapacity: true)
          var kept = 0
          edges.withUnsafeBufferPointer { e in
            active.withUnsafeMutableBufferPointer { a in
              for i in 0..<a.count {
                let k = a[i]
                guard e[k].y0 <= y else { continue }
                a[kept] = k
                kept += 1
                if y < e[k].y1 { crossings.append(e[k].x0 + (y - e[k].y0) * e[k].slope) }
              }
            }
          }
          active.removeLast(active.count - kept)
          guard crossings.count >= 2 else { continue }
          crossings.sort()
          var i = 0
          while i + 1 < crossings.count {
            let from = max(0, Int(((crossings[i] - window.minX) / sx - 0.5).rounded(.up)))
            let to = min(w - 1, Int(((crossings[i + 1] - window.minX) / sx - 0.5).rounded(.down)))
            if from <= to {
              let base = row * w
              for x in from...to where out[base + x] < 0 { out[base + x] = Int16(f) }
            }
            i += 2
          }
        }
      }
    }
    return OwnerRaster(width: w, height: h, owners: owners, window: window)
  }
}

/// What the shapes say about each other, worked out once per load: which footprints touch (on
/// a raster of 800 pixels across the whole extent, 850 m for England, along at least two pixel
/// edges: one can be a gap thinner than a pixel, and at 2 km North Central London "touched"
/// South East London across the City), and each footprint's interior point (the pixel farthest
/// from its edge on a raster of its own, 96 pixels across: a pole of inaccessibility to within
/// about 1% of its size). Rasterised in bands of 64 rows, so the memory it needs is small (the
/// whole raster at once peaked at 3.5 MB).
public struct MapTopology: Sendable {
  /// A point well inside each footprint; nil without a shape.
  public let interior: [MapPoint?]
  /// Each footprint's neighbours with the length of the shared edge (in pixel edges),
  /// longest first.
  public let neighbours: [[(footprint: Int, shared: Int)]]
  /// Where each arrow leads from each footprint (east, west, north, south; `arrows`).
  public let moves: [[Int?]]

  public init(_ b: Boundaries, resolution: Int = 800) {
    let n = b.rings.count
    guard !b.bounds.isEmpty else {
      interior = Array(repeating: nil, count: n)
      neighbours = Array(repeating: [], count: n)
      moves = Array(repeating: [nil, nil, nil, nil], count: n)
      return
    }
    let unit = max(b.bounds.width, b.bounds.height, 1) / Double(resolution)
    let window = b.bounds.padded(2 * unit / max(b.bounds.width, b.bounds.height, 1))
    let w = Int((window.width / unit).rounded(.up))
    let h = Int((window.height / unit).rounded(.up))
    // Shared edges, band by band (the last row of a band meets the first of the next).
    var shared = [[Int: Int]](repeating: [:], count: n)
    func touch(_ a: Int16, _ c: Int16) {
      guard a >= 0, c >= 0, a != c else { return }
      shared[Int(a)][Int(c), default: 0] += 1
      shared[Int(c)][Int(a), default: 0] += 1
    }
    var above: [Int16] = []
    var top = 0
    while top < h {
      let rows = min(64, h - top)
      let band = MapRect(
        minX: window.minX, minY: window.maxY - Double(top + rows) * unit,
        maxX: window.minX + Double(w) * unit, maxY: window.maxY - Double(top) * unit)
      let r = OwnerRaster.render(b, window: band, width: w, height: rows)
      r.owners.withUnsafeBufferPointer { o in
        for x in 0..<w where !above.isEmpty { touch(above[x], o[x]) }
        for y in 0..<rows {
          for x in 0..<w {
            let i = y * w + x
            if x + 1 < w { touch(o[i], o[i + 1]) }
            if y + 1 < rows { touch(o[i], o[i + w]) }
          }
        }
        above = Array(o[((rows - 1) * w)..<(rows * w)])
      }
      top += rows
    }
    neighbours = shared.map { m in
      m.filter { $0.value >= 2 }.map { (footprint: $0.key, shared: $0.value) }
        .sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.footprint < $1.footprint }
    }
    let points = (0..<n).map { Self.interiorPoint(b, $0) }
    interior = points
    moves = Self.plan(points, neighbours)
  }

  /// The pixel of footprint `f`'s own raster farthest from its edge (a 3-4 chamfer distance).
  static func interiorPoint(_ b: Boundaries, _ f: Int, across: Int = 96) -> MapPoint? {
    let fb = b.footprintBounds[f]
    guard !fb.isEmpty else { return nil }
    let unit = max(fb.width, fb.height, 1) / Double(across)
    let window = MapRect(
      minX: fb.minX - 2 * unit, minY: fb.minY - 2 * unit, maxX: fb.maxX + 2 * unit,
      maxY: fb.maxY + 2 * unit)
    let w = Int((window.width / unit).rounded(.up))
    let h = Int((window.height / unit).rounded(.up))
    let fitted = MapRect(
      minX: window.minX, minY: window.maxY - Double(h) * unit,
      maxX: window.minX + Double(w) * unit, maxY: window.maxY)
    let r = OwnerRaster.render(b, window: fitted, width: w, height: h, only: f)
    let inside = r.owners.map { $0 == Int16(f) }
    let big = Int32.max / 2
    var dist = inside.map { $0 ? big : 0 }
    func relax(_ i: Int, _ j: Int, _ cost: Int32) {
      dist[i] = min(dist[i], inside[j] ? dist[j] + cost : cost)
    }
    for y in 0..<h {
      for x in 0..<w where inside[y * w + x] {
        let i = y * w + x
        if x > 0 { relax(i, i - 1, 3) }
        if y > 0 {
          relax(i, i - w, 3)
          if x > 0 { relax(i, i - w - 1, 4) }
          if x < w - 1 { relax(i, i - w + 1, 4) }
        }
      }
    }
    for y in stride(from: h - 1, through: 0, by: -1) {
      for x in stride(from: w - 1, through: 0, by: -1) where inside[y * w + x] {
        let i = y * w + x
        if x < w - 1 { relax(i, i + 1, 3) }
        if y < h - 1 {
          relax(i, i + w, 3)
          if x < w - 1 { relax(i, i + w + 1, 4) }
          if x > 0 { relax(i, i + w - 1, 4) }
        }
      }
    }
    var best = (Int32(-1), -1)
    for i in dist.indices where inside[i] && dist[i] > best.0 { best = (dist[i], i) }
    guard best.1 >= 0 else {
      // Thinner than a pixel: the middle of its extent.
      return MapPoint(
        x: Int32(((fb.minX + fb.maxX) / 2).rounded()), y: Int32(((fb.minY + fb.maxY) / 2).rounded())
      )
    }
    let c = r.centre(x: best.1 % w, y: best.1 / w)
    return MapPoint(x: Int32(c.x.rounded()), y: Int32(c.y.rounded()))
  }

  /// The arrows' directions on the plane: east, west, north, south.
  public static let arrows: [(dx: Double, dy: Double)] = [(1, 0), (-1, 0), (0, 1), (0, -1)]

  /// The footprint an arrow leads to from `f` (the arrow nearest to dx east, dy north); nil at
  /// a coast with nothing beyond.
  public func neighbour(of f: Int, dx: Double, dy: Double) -> Int? {
    guard moves.indices.contains(f) else { return nil }
    var k = 0
    var most = -Double.infinity
    for (i, a) in Self.arrows.enumerated() {
      let along: Double = a.dx * dx + a.dy * dy
      if along > most { (k, most) = (i, along) }
    }
    return moves[f][k]
  }

  /// The angle (degrees) between an arrow and the way from `f`'s interior point to `g`'s, and
  /// the distance.
  static func bearing(_ interior: [MapPoint?], _ f: Int, _ g: Int, _ arrow: Int) -> (
    angle: Double, distance: Double
  )? {
    guard f != g, let from = interior[f], let to = interior[g] else { return nil }
    let vx = Double(to.x - from.x)
    let vy = Double(to.y - from.y)
    let d = (vx * vx + vy * vy).squareRoot()
    guard d > 0 else { return nil }
    let a = arrows[arrow]
    return (degrees(max(-1, min(1, (vx * a.dx + vy * a.dy) / d))), d)
  }

  /// Each arrow from each footprint leads to the neighbour most nearly in that direction
  /// (within 70°, else any touching one on that side, under 90°); at a coast with none, to the
  /// nearest footprint within 45° (across an estuary). Then no
  /// footprint is left out: one that is nobody's best in any direction (Milton Keynes lies
  /// diagonally from all its neighbours) takes over the arrow most nearly pointing at it from a
  /// neighbour, provided that arrow's old target is still reached another way.
  static func plan(_ interior: [MapPoint?], _ neighbours: [[(footprint: Int, shared: Int)]])
    -> [[Int?]]
  {
    let n = interior.count
    var moves = [[Int?]](repeating: [nil, nil, nil, nil], count: n)
    for f in 0..<n where interior[f] != nil {
      for k in arrows.indices {
        var near: (g: Int, angle: Double)?
        for nb in neighbours[f] {
          guard let b = bearing(interior, f, nb.footprint, k), b.angle <= 70 else { continue }
          if b.angle < near?.angle ?? .infinity { near = (nb.footprint, b.angle) }
        }
        // A touching footprint anywhere on that side (under 90°) before one across water: from
        // Bristol, west is Somerset (south-west), not Devon across Bridgwater Bay.
        if near == nil {
          for nb in neighbours[f] {
            guard let b = bearing(interior, f, nb.footprint, k), b.angle < 90 else { continue }
            if b.angle < near?.angle ?? .infinity { near = (nb.footprint, b.angle) }
          }
        }
        if near == nil {
          var across: (g: Int, distance: Double)?
          for g in 0..<n {
            guard let b = bearing(interior, f, g, k), b.angle <= 45 else { continue }
            if b.distance < across?.distance ?? .infinity { across = (g, b.distance) }
          }
          moves[f][k] = across?.g
        } else {
          moves[f][k] = near?.g
        }
      }
    }
    var tried = Set<Int>()
    while true {
      var incoming = [Int](repeating: 0, count: n)
      for f in 0..<n { for case let g? in moves[f] { incoming[g] += 1 } }
      guard
        let g = (0..<n).first(where: {
          interior[$0] != nil && incoming[$0] == 0 && !tried.contains($0)
        })
      else { break }
      tried.insert(g)
      var best: (f: Int, k: Int, angle: Double)?
      for (f, _) in neighbours[g] {
        for k in arrows.indices {
          guard let b = bearing(interior, f, g, k), b.angle <= 60 else { continue }
          if let old = moves[f][k], incoming[old] <= 1 { continue }
          if b.angle < best?.angle ?? .infinity { best = (f, k, b.angle) }
        }
      }
      if let best { moves[best.f][best.k] = g }
    }
    return moves
  }

  private static func degrees(_ cos: Double) -> Double { acos(cos) * 180 / Double.pi }
}
