import STPModel

/// Where the map goes in a rectangle of cells: England scaled to fit, and magnified insets for
/// footprints that would get too few cells (London's five at most sizes), placed where they
/// hide the least of the main map. A pure function of the shapes, the rectangle and the glyph
/// mode, so it is made once per size and kept (`MapPane`'s cache).
public struct MapLayout: Sendable {
  /// One drawn view of the plane: the main map or an inset.
  public struct Frame: Sendable {
    /// The cells it covers (an inset's border is outside this).
    public var rect: Rect
    /// Owners of its pixels: `rect.width` across, `rect.height × pixelRows` down.
    public var raster: OwnerRaster
    /// The inset's title ("London ×4"); nil for the main map.
    public var title: String?
    /// The footprints the inset exists for.
    public var members: [Int]
  }

  /// Pixel rows per cell: 2 with half-blocks, 1 for the character raster.
  public let pixelRows: Int
  /// England, scaled to the pane.
  public let main: Frame
  /// Magnified boxes for footprints too small in the main frame (London's).
  public let insets: [Frame]
  /// The footprints that own no cell anywhere (none, unless the space is tiny).
  public let unseen: [Int]
  /// Another layer's owners in each frame's window, the main frame first (the ICB layer keeps
  /// the 2017 footprints here, to outline the selected one over its successors); empty if none.
  public var outline: [OwnerRaster] = []

  /// This layout with `other`'s shapes rasterised in each of its frames' windows as `outline`.
  public func outlined(by other: Boundaries) -> MapLayout {
    var copy = self
    copy.outline = ([main] + insets).map { f in
      OwnerRaster.render(
        other, window: f.raster.window, width: f.raster.width, height: f.raster.height)
    }
    return copy
  }

  /// No cells at all: what the map pane holds while the layout is made off the screen's thread.
  public static func empty(at area: Rect, halfBlocks: Bool, _ geo: Geography) -> MapLayout {
    let b = geo.boundaries
    let frame = Frame(
      rect: Rect(x: area.x, y: area.y, width: 0, height: 0),
      raster: OwnerRaster.render(b, window: b.bounds, width: 0, height: 0), title: nil,
      members: [])
    return MapLayout(pixelRows: halfBlocks ? 2 : 1, main: frame, insets: [], unseen: [])
  }

  /// A footprint "gets too few cells" below a quarter of the average footprint's cells, and
  /// always below 3: at 80x24 that is London's five and Birmingham's two; at 200x60, London's.
  static func fewCells(_ counts: [Int], rows: Int) -> Double {
    let drawn = counts.filter { $0 > 0 }
    guard !drawn.isEmpty else { return 3 }
    let average = Double(drawn.reduce(0, +)) / Double(rows) / Double(drawn.count)
    return max(3, average / 4)
  }

  /// The footprint drawn at a cell (insets first: they sit on top); nil for sea or none.
  public func owner(at p: Point) -> Int? {
    for f in insets.reversed() where f.rect.contains(p) {
      return Self.owner(f, p, pixelRows)
    }
    if main.rect.contains(p) { return Self.owner(main, p, pixelRows) }
    return nil
  }

  static func owner(_ f: Frame, _ p: Point, _ rows: Int) -> Int? {
    let x = p.x - f.rect.x
    let y = (p.y - f.rect.y) * rows
    // A half-block cell: the upper pixel, else the lower.
    return f.raster[x, y] ?? (rows == 2 ? f.raster[x, y + 1] : nil)
  }

  /// Whether a cell of the main map is hidden by an inset.
  func isCovered(_ p: Point) -> Bool { insets.contains { $0.rect.inset(by: -1).contains(p) } }

  /// Cells each footprint can be selected by (main map cells not under an inset, and inset cells).
  public func cellCounts(_ count: Int) -> [Int] {
    var c = [Int](repeating: 0, count: count)
    for y in main.rect.y..<(main.rect.y + main.rect.height) {
      for x in main.rect.x..<(main.rect.x + main.rect.width) {
        let p = Point(x: x, y: y)
        if !isCovered(p), let f = owner(at: p), f < count { c[f] += 1 }
      }
    }
    for inset in insets {
      for y in inset.rect.y..<(inset.rect.y + inset.rect.height) {
        for x in inset.rect.x..<(inset.rect.x + inset.rect.width) {
          if let f = owner(at: Point(x: x, y: y)), f < count { c[f] += 1 }
        }
      }
    }
    return c
  }

  /// The cell to mark a footprint at (its interior point): in its inset when it has one.
  public func anchor(of f: Int, _ geo: Geography) -> Point? {
    guard geo.topology.interior.indices.contains(f), let p = geo.topology.interior[f] else {
      return nil
    }
    for frame in insets.reversed() + [main] {
      guard let px = frame.raster.pixel(x: Double(p.x), y: Double(p.y)) else { continue }
      let cell = Point(x: frame.rect.x + px.x, y: frame.rect.y + px.y / pixelRows)
      if frame.title == nil && isCovered(cell) { continue }
      if owner(at: cell) == f { return cell }
    }
    return nil
  }

  /// Lays the map out in `area`.
  /// `name` titles an inset from its footprints ("London").
  public static func make(
    _ geo: Geography, in area: Rect, halfBlocks: Bool, name: ([Int]) -> String
  ) -> MapLayout {
    let rows = halfBlocks ? 2 : 1
    let b = geo.boundaries
    let n = b.rings.count
    let empty = Frame(
      rect: Rect(x: area.x, y: area.y, width: 0, height: 0),
      raster: OwnerRaster.render(b, window: b.bounds, width: 0, height: 0), title: nil, members: [])
    guard area.width > 0, area.height > 0, !b.bounds.isEmpty else {
      return MapLayout(
        pixelRows: rows, main: empty, insets: [],
        unseen: Array(b.rings.indices.filter { b.hasShape($0) }))
    }
    // A cell is about twice as tall as it is wide: a pixel is square with half-blocks, and
    // twice as tall as wide without.
    let aspect = Double(2 / rows)  // pixel height over width
    let world = b.bounds
    let unit = max(
      world.width / Double(area.width), world.height / (Double(area.height * rows) * aspect))
    let w = max(1, min(area.width, Int((world.width / unit).rounded(.up))))
    let h = max(
      1, min(area.height, Int((world.height / (unit * aspect) / Double(rows)).rounded(.up))))
    let window = MapRect(
      minX: world.minX, minY: world.maxY - Double(h * rows) * unit * aspect,
      maxX: world.minX + Double(w) * unit, maxY: world.maxY)
    var raster = OwnerRaster.render(b, window: window, width: w, height: h * rows)
    let mainRect = Rect(x: area.x, y: area.y, width: w, height: h)
    // Each footprint owns the pixel at its interior point, even one thinner than a pixel
    // (sampling pixel centres can miss it): the point a marker, a test or a click relies on.
    claimInteriors(&raster, geo, Array(0..<n))
    let counts = raster.counts(footprints: n)
    let main = Frame(rect: mainRect, raster: raster, title: nil, members: [])
    // Too small to see or click: magnified in an inset.
    let few = fewCells(counts, rows: rows)
    let small = (0..<n).filter { b.hasShape($0) && Double(counts[$0]) / Double(rows) < few }
    let insets = placeInsets(
      small, geo, main: main, area: area, rows: rows, aspect: aspect, unit: unit, name: name)
    var layout = MapLayout(pixelRows: rows, main: main, insets: insets, unseen: [])
    let cells = layout.cellCounts(n)
    layout = MapLayout(
      pixelRows: rows, main: main, insets: insets,
      unseen: (0..<n).filter { b.hasShape($0) && cells[$0] == 0 })
    return layout
  }

  /// The most of any other footprint's cells on the main map an inset may cover: a few percent.
  static let coverLimit = 0.05

  /// Groups the small footprints that lie close together, and gives each group an inset as
  /// large as it needs (at most two fifths of the area each way), made smaller until some place
  /// covers at most `coverLimit` of each other footprint's cells; there, the fewest cells of
  /// other footprints hidden, then the nearest to the group (and never a footprint's last cells).
  static func placeInsets(
    _ small: [Int], _ geo: Geography, main: Frame, area: Rect, rows: Int, aspect: Double,
    unit: Double,
    name: ([Int]) -> String
  ) -> [Frame] {
    guard !small.isEmpty else { return [] }
    let b = geo.boundaries
    let reach = max(b.bounds.width, b.bounds.height) * 0.05
    // Single-link clusters by the gap between extents.
    var groups: [[Int]] = []
    for f in small {
      let fb = b.footprintBounds[f]
      let near = groups.indices.filter { g in
        groups[g].contains { gap(b.footprintBounds[$0], fb) <= reach }
      }
      var merged = [f]
      for g in near.reversed() { merged += groups.remove(at: g) }
      groups.append(merged.sorted())
    }
    // Largest groups first: they need the room.
    groups.sort { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    var frames: [Frame] = []
    var taken: [Rect] = []
    let n = b.rings.count
    // Cells each footprint has on the main map: the smallest joins an inset first.
    var mainCells = [Int](repeating: 0, count: n)
    for y in 0..<main.rect.height {
      for x in 0..<main.rect.width {
        if let f = owner(main, Point(x: main.rect.x + x, y: main.rect.y + y), rows) {
          mainCells[f] += 1
        }
      }
    }
    // The inset at most two fifths of the area each way (with its border), at least 4x3.
    let maxW = max(4, area.width * 2 / 5 - 2)
    let maxH = max(3, area.height * 2 / 5 - 2)
    func unitFor(_ w: MapRect) -> Double {
      max(w.width / Double(maxW), w.height / (Double(maxH * rows) * aspect))
    }
    for cluster in groups {
      // The smallest first; a larger one joins only while the inset still magnifies 3 times
      // (at 80x24, Frimley and Surrey would shrink London's inset to 2x: they stay on the main
      // map, small but their own).
      let bySize = cluster.sorted {
        mainCells[$0] != mainCells[$1] ? mainCells[$0] < mainCells[$1] : $0 < $1
      }
      var group: [Int] = []
      var extent = MapRect.empty
      for f in bySize {
        let grown = extent.union(b.footprintBounds[f])
        if !group.isEmpty && unitFor(grown.padded(0.06)) > unit / 3 { continue }
        group.append(f)
        extent = grown
      }
      group.sort()
      let window = extent.padded(0.06)
      // No bigger than it needs: the smallest member gets about four times a few cells.
      let smallest = max(0.5, Double(group.map { mainCells[$0] }.min() ?? 1) / Double(rows))
      let needed = (4 * fewCells(mainCells, rows: rows) / smallest).squareRoot()
      let home =
        main.raster.pixel(x: (window.minX + window.maxX) / 2, y: (window.minY + window.maxY) / 2)
        .map { Point(x: main.rect.x + $0.x, y: main.rect.y + $0.y / rows) }
        ?? Point(x: main.rect.x, y: main.rect.y)
      // Each footprint's cells still in view, summed over rectangles (a summed-area table per
      // footprint), and each one's visible extent: a box hides a footprint's last cells exactly
      // when it covers that extent. Every position then costs O(footprints), not O(box).
      let mw = main.rect.width
      let mh = main.rect.height
      let stride = (mw + 1) * (mh + 1)
      var sums = [Int32](repeating: 0, count: stride * n)
      var visibleCells = [Int](repeating: 0, count: n)
      var extents = [Rect?](repeating: nil, count: n)
      for y in 0..<mh {
        for x in 0..<mw {
          let p = Point(x: main.rect.x + x, y: main.rect.y + y)
          var cellOwner: Int?
          if !taken.contains(where: { $0.contains(p) }), let f = owner(main, p, rows) {
            cellOwner = f
            visibleCells[f] += 1
            if let e = extents[f] {
              let x0 = min(e.x, p.x)
              let y0 = min(e.y, p.y)
              extents[f] = Rect(
                x: x0, y: y0, width: max(e.maxX, p.x + 1) - x0, height: max(e.maxY, p.y + 1) - y0)
            } else {
              extents[f] = Rect(x: p.x, y: p.y, width: 1, height: 1)
            }
          }
          for f in 0..<n {
            let o = f * stride
            sums[o + (y + 1) * (mw + 1) + x + 1] =
              (cellOwner == f ? 1 : 0) + sums[o + y * (mw + 1) + x + 1]
              + sums[o + (y + 1) * (mw + 1) + x] - sums[o + y * (mw + 1) + x]
          }
        }
      }
      let others = (0..<n).filter { !group.contains($0) && visibleCells[$0] > 0 }
      func hidden(_ f: Int, _ r: Rect) -> Int {
        let c = r.intersection(main.rect)
        guard !c.isEmpty else { return 0 }
        let x0 = c.x - main.rect.x
        let y0 = c.y - main.rect.y
        let x1 = x0 + c.width
        let y1 = y0 + c.height
        let o = f * stride
        return Int(
          sums[o + y1 * (mw + 1) + x1] - sums[o + y0 * (mw + 1) + x1]
            - sums[o + y1 * (mw + 1) + x0] + sums[o + y0 * (mw + 1) + x0])
      }
      // The inset as large as it needs, then smaller (a quarter less magnification a step)
      // until some place covers at most `coverLimit` of every other footprint's cells; if none
      // does before the magnification is lost, the place that covers the least of any one.
      var u = max(unitFor(window), unit / max(needed, 2))
      var best: (rect: Rect, worst: Double, cost: Int, distance: Int)?
      var made: (raster: OwnerRaster, u: Double)?
      while u < unit * 0.8 {  // no real magnification: leave it
        let w = max(1, Int((window.width / u).rounded(.up)))
        let h = max(1, Int((window.height / (u * aspect) / Double(rows)).rounded(.up)))
        // Centre the window on the group at the inset's exact size.
        let cx = (window.minX + window.maxX) / 2
        let cy = (window.minY + window.maxY) / 2
        let ww = Double(w) * u
        let wh = Double(h * rows) * u * aspect
        let framed = MapRect(
          minX: cx - ww / 2, minY: cy - wh / 2, maxX: cx + ww / 2, maxY: cy + wh / 2)
        var raster = OwnerRaster.render(b, window: framed, width: w, height: h * rows)
        claimInteriors(&raster, geo, group)
        let counts = raster.counts(footprints: n)
        let boxW = w + 2
        let boxH = h + 2
        guard boxW <= area.width, boxH <= area.height else {
          u *= 4.0 / 3
          continue
        }
        let guarded = (0..<n).compactMap { f in
          !group.contains(f) && counts[f] == 0 ? extents[f] : nil
        }
        var here: (rect: Rect, worst: Double, cost: Int, distance: Int)?
        for y in area.y...(area.y + area.height - boxH) {
          for x in area.x...(area.x + area.width - boxW) {
            let box = Rect(x: x, y: y, width: boxW, height: boxH)
            if taken.contains(where: { $0.intersects(box) }) { continue }
            // Never hide a footprint's last cells (unless the inset itself shows it).
            if guarded.contains(where: { box.intersection($0) == $0 }) { continue }
            var worst = 0.0
            var cost = 0
            for f in others {
              let k = hidden(f, box)
              guard k > 0 else { continue }
              cost += k
              worst = max(worst, Double(k) / Double(visibleCells[f]))
            }
            let distance = abs(x + boxW / 2 - home.x) + abs(y + boxH / 2 - home.y)
            let key = (worst > coverLimit ? worst : 0, cost, distance)
            if let h = here, key >= (h.worst > coverLimit ? h.worst : 0, h.cost, h.distance) {
              continue
            }
            here = (box, worst, cost, distance)
          }
        }
        if let here, here.worst < best?.worst ?? .infinity {
          best = here
          made = (raster, u)
        }
        if let b = best, b.worst <= coverLimit { break }
        u *= 4.0 / 3
      }
      guard let place = best, let made else { continue }
      taken.append(place.rect)
      let magnification = Int((unit / made.u).rounded())
      frames.append(
        Frame(
          rect: place.rect.inset(by: 1), raster: made.raster,
          title: "\(name(group)) ×\(magnification)", members: group))
    }
    return frames
  }

  static func claimInteriors(_ raster: inout OwnerRaster, _ geo: Geography, _ footprints: [Int]) {
    for f in footprints {
      if let p = geo.topology.interior[f], let px = raster.pixel(x: Double(p.x), y: Double(p.y)) {
        raster.claim(x: px.x, y: px.y, f)
      }
    }
  }

  static func forEachCell(_ r: Rect, _ body: (Point) -> Void) {
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY { for x in r.x..<r.maxX { body(Point(x: x, y: y)) } }
  }

  /// The extent's gap: 0 when they touch or overlap.
  static func gap(_ a: MapRect, _ b: MapRect) -> Double {
    let dx = max(0, max(a.minX, b.minX) - min(a.maxX, b.maxX))
    let dy = max(0, max(a.minY, b.minY) - min(a.maxY, b.maxY))
    return max(dx, dy)
  }
}

extension Rect {
  func intersects(_ o: Rect) -> Bool { !intersection(o).isEmpty }
}
