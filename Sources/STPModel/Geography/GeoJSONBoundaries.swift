/// Reads a user's `boundaries.geojson`: a FeatureCollection (RFC 7946, WGS84 longitude and
/// latitude) whose Polygon and MultiPolygon features each name a footprint code in a property
/// (`code`, or `stp17cd`-style: `stp…cd`, any case). Problems are reported at their line and
/// column; shapes of codes not in footprints.csv are warned about and left out.
public enum GeoJSONBoundaries {
  public static let fileName = "boundaries.geojson"

  /// The property names read as the footprint code, for messages.
  static let codeKeys = "code, stp17cd (or another stp…cd)"

  static func isCodeKey(_ key: String) -> Bool {
    let k = key.lowercased()
    if k == "code" || k == "stp_code" { return true }
    guard k.hasPrefix("stp"), k.hasSuffix("cd"), k.count >= 5 else { return false }
    return k.dropFirst(3).dropLast(2).allSatisfy(\.isNumber)
  }

  /// The most positions (of two numbers) a file may hold. A terminal map needs far fewer (the
  /// embedded shapes have 15,789; the finest map, 200 columns, has about 24,000 pixels), and
  /// the bound keeps reading in time and memory: 1,000,000 positions load in about 0.3 s. Other
  /// arrays and objects count against it too (`JSONTree.Budget`), so memory is bounded whatever
  /// the file's size (docs/DATA.md).
  public static let maxPositions = 2_000_000

  static let budget = JSONTree.Budget(
    elements: 2 * maxPositions,
    message:
      "more than \(maxPositions / 1_000_000) million positions (or as much in other arrays): far more than a terminal map can show; simplify the file first (for example mapshaper's -simplify) to well under that"
  )

  /// A ring's positions: flat, or the first that is not a position, or nil when the ring is
  /// not an array.
  enum RingPositions {
    case flat(JSONTree.Positions)
    case bad(JSONTree.Node)

    var count: Int {
      if case .flat(let f) = self { f.count } else { 0 }
    }
  }

  static func positions(_ ring: JSONTree.Node) -> RingPositions? {
    if case .positions(let flat) = ring.value { return .flat(flat) }
    guard let items = ring.array else { return nil }
    // Not read flat: empty, or positions of mixed lengths ([lon, lat] and [lon, lat, height]),
    // or something that is not a position.
    var values: [Double] = []
    values.reserveCapacity(items.count * 2)
    for p in items {
      guard let pair = p.pair else { return .bad(p) }
      values.append(pair.0)
      values.append(pair.1)
    }
    return .flat(JSONTree.Positions(values: values, dims: 2))
  }

  /// A file's shapes for `codes` (nil when it has errors) and its issues: the file on its own
  /// (the fuzz target; loads read it with the rest of the data).
  public static func read(_ bytes: [UInt8], codes: [String]) -> (
    boundaries: Boundaries?, issues: [ValidationIssue]
  ) {
    let log = IssueLog()
    let b = read(bytes, codes: codes, log: log)
    return (b, log.issues)
  }

  /// The shapes, or nil when the file has errors (all of them are in `log`).
  static func read(
    _ bytes: [UInt8], codes: [String], log: IssueLog, budget: JSONTree.Budget = budget
  ) -> Boundaries? {
    let file = fileName
    let positions = TextPositions(bytes)
    func issue(_ severity: ValidationIssue.Severity, at offset: Int?, _ message: String) {
      let (line, column) = offset.map { positions.location($0) } ?? (0, 0)
      log.add(ValidationIssue(severity, file: file, line: line, column: column, message))
    }
    func issue(_ severity: ValidationIssue.Severity, _ node: JSONTree.Node?, _ message: String) {
      issue(severity, at: node?.offset, message)
    }
    var index: [String: Int] = [:]
    for (i, c) in codes.enumerated() { index[c] = i }
    var rings = [[[MapPoint]]](repeating: [], count: codes.count)
    var areas = [Double?](repeating: nil, count: codes.count)
    var firstAt: [Int: JSONTree.Node] = [:]
    var errors = false
    func fail(_ node: JSONTree.Node?, _ message: String) {
      issue(.error, node, message)
      errors = true
    }
    var kept = 0  // positions kept for the map
    /// One feature: its shape kept under its code, or its problems logged.
    func read(_ n: Int, _ feature: JSONTree.Node) {
      let label = "feature \(n + 1)"
      guard feature.isObject, feature["type"]?.string == "Feature" else {
        fail(feature, "\(label): expected an object with \"type\": \"Feature\"")
        return
      }
      guard let properties = feature["properties"], case .object(let members) = properties.value
      else {
        fail(feature, "\(label): no \"properties\" object to name its footprint (\(codeKeys))")
        return
      }
      guard let codeMember = members.first(where: { isCodeKey($0.key) }) else {
        fail(properties, "\(label): no footprint code among its properties (expected \(codeKeys))")
        return
      }
      guard let code = codeMember.value.string.map({ String($0.trimmingSpaces()) }), !code.isEmpty
      else {
        fail(
          codeMember.value,
          "\(label): the code \"\(codeMember.key)\" must be a non-empty string, not \(codeMember.value.kind)"
        )
        return
      }
      let shown = code.count > 40 ? String(code.prefix(40)) + "…" : code
      guard let geometry = feature["geometry"], geometry.isObject else {
        issue(
          .warning, feature["geometry"] ?? feature,
          "\(label) (\(shown)): no geometry; not on the map")
        return
      }
      let kind = geometry["type"]?.string ?? ""
      guard kind == "Polygon" || kind == "MultiPolygon" else {
        fail(
          geometry,
          "\(label) (\(shown)): geometry type \"\(kind.prefix(30))\" is not Polygon or MultiPolygon"
        )
        return
      }
      guard let coordinates = geometry["coordinates"], let top = coordinates.array else {
        fail(geometry, "\(label) (\(shown)): \"coordinates\" must be an array")
        return
      }
      var shape: [[MapPoint]] = []
      var area = 0.0  // m² on the ellipsoid, from the file's own degrees: outlines less holes
      var bad = false
      func polygon(_ node: JSONTree.Node) {
        guard let ringNodes = node.array, !ringNodes.isEmpty else {
          fail(
            node, "\(label) (\(shown)): a polygon must be an array of rings (arrays of positions)")
          bad = true
          return
        }
        for (k, ringNode) in ringNodes.enumerated() {
          guard let positions = Self.positions(ringNode) else {
            fail(
              ringNode,
              "\(label) (\(shown)): a ring must be an array of positions, not \(ringNode.kind)")
            bad = true
            return
          }
          if case .bad(let p) = positions {
            fail(p, "\(label) (\(shown)): a position must be [longitude, latitude] in numbers")
            bad = true
            return
          }
          guard case .flat(let flat) = positions, flat.count >= 4 else {
            fail(
              ringNode,
              "\(label) (\(shown)): a ring needs at least 4 positions (the last repeating the first); this has \(positions.count)"
            )
            bad = true
            return
          }
          var ring: [MapPoint] = []
          ring.reserveCapacity(flat.count)
          for j in 0..<flat.count {
            let (lon, lat) = flat.pair(j)
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
              let at = JSONTree.offset(ofElement: j, inArrayAt: ringNode.offset, bytes)
              issue(
                .error, at: at,
                "\(label) (\(shown)): [\(plainNumber(lon)), \(plainNumber(lat))] is not a longitude and latitude; "
                  + "GeoJSON coordinates are WGS84 degrees (RFC 7946), not grid metres")
              errors = true
              bad = true
              return
            }
            let q = Projection.project(longitude: lon, latitude: lat)
            if ring.last != q { ring.append(q) }
          }
          let degrees = flat
          // The first ring of a polygon is its outline, the others its holes (RFC 7946).
          let a = abs(EllipsoidArea.signedArea(count: degrees.count, degrees.pair))
          area += k == 0 ? a : -a
          while ring.count > 1 && ring.last == ring.first { ring.removeLast() }
          if ring.count >= 3 { shape.append(ring) }
        }
      }
      if kind == "Polygon" {
        polygon(coordinates)
      } else {
        for p in top {
          polygon(p)
          if bad { break }
        }
      }
      if bad { return }
      guard let f = index[code] else {
        issue(
          .warning, codeMember.value,
          "\(label): \(shown) is not a footprint code in footprints.csv; its shape is not drawn")
        return
      }
      if let first = firstAt[f] {
        let (line, _) = positions.location(first.offset)
        fail(
          codeMember.value, "\(label): a second shape for \(shown) (the first is on line \(line))")
        return
      }
      firstAt[f] = codeMember.value
      if shape.isEmpty {
        issue(
          .warning, geometry,
          "\(label) (\(shown)): the shape is empty at 100 m precision; not on the map")
      }
      // What the map keeps is bounded too, whatever the features' count.
      kept += shape.reduce(0) { $0 + $1.count }
      if kept > budget.elements / 2 {
        fail(feature, budget.message)
        return
      }
      rings[f] = shape
      areas[f] = shape.isEmpty ? nil : area / 1_000_000
    }
    // Features are read one at a time as the parser meets them (`JSONTree.parse(each:)`): the
    // tree of one feature at a time, never of the whole file (200,000 features took 14 times
    // the file's size as one tree).
    var count = 0
    let root: JSONTree.Node
    do {
      root = try JSONTree.parse(bytes, budget: budget, streaming: "features") { feature in
        read(count, feature)
        count += 1
      }
    } catch {
      log.add(
        ValidationIssue(
          .error, file: file, line: error.line, column: error.column,
          error.message == budget.message ? error.message : "not valid JSON: \(error.message)"))
      return nil
    }
    guard root["type"]?.string == "FeatureCollection", let features = root["features"]?.array else {
      issue(
        .error, root,
        "expected a GeoJSON FeatureCollection: an object with \"type\": \"FeatureCollection\" and a \"features\" array"
      )
      return nil
    }
    for feature in features {  // only when not streamed
      read(count, feature)
      count += 1
    }
    if errors { return nil }
    let missing = rings.indices.filter { rings[$0].isEmpty }
    if !missing.isEmpty && missing.count < codes.count {
      let names = missing.prefix(5).map { codes[$0] }.joined(separator: ", ")
      log.add(
        ValidationIssue(
          .warning, file: file,
          "\(missing.count) of \(codes.count) footprints have no shape and are not on the map: \(names)\(missing.count > 5 ? ", …" : "")"
        ))
    } else if missing.count == codes.count {
      log.add(
        ValidationIssue(
          .warning, file: file, "no shape matches a code in footprints.csv; the map is empty"))
    }
    return Boundaries(rings: rings, source: file, areasKm2: areas)
  }
}

/// A number as written, without a trailing ".0": 400000, -1.5 (messages, exports, SVG).
public func plainNumber(_ v: Double) -> String {
  if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
  return String(v)
}
