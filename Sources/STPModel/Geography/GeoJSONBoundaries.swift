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

  /// The shapes, or nil when the file has errors (all of them are in `log`).
  static func read(_ bytes: [UInt8], codes: [String], log: IssueLog) -> Boundaries? {
    let file = fileName
    let positions = TextPositions(bytes)
    func issue(_ severity: ValidationIssue.Severity, _ node: JSONTree.Node?, _ message: String) {
      let (line, column) = node.map { positions.location($0.offset) } ?? (0, 0)
      log.add(ValidationIssue(severity, file: file, line: line, column: column, message))
    }
    let root: JSONTree.Node
    do {
      root = try JSONTree.parse(bytes)
    } catch {
      log.add(
        ValidationIssue(
          .error, file: file, line: error.line, column: error.column,
          "not valid JSON: \(error.message)"))
      return nil
    }
    guard root["type"]?.string == "FeatureCollection", let features = root["features"]?.array else {
      issue(
        .error, root,
        "expected a GeoJSON FeatureCollection: an object with \"type\": \"FeatureCollection\" and a \"features\" array"
      )
      return nil
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
    for (n, feature) in features.enumerated() {
      let label = "feature \(n + 1)"
      guard feature.isObject, feature["type"]?.string == "Feature" else {
        fail(feature, "\(label): expected an object with \"type\": \"Feature\"")
        continue
      }
      guard let properties = feature["properties"], case .object(let members) = properties.value
      else {
        fail(feature, "\(label): no \"properties\" object to name its footprint (\(codeKeys))")
        continue
      }
      guard let codeMember = members.first(where: { isCodeKey($0.key) }) else {
        fail(properties, "\(label): no footprint code among its properties (expected \(codeKeys))")
        continue
      }
      guard let code = codeMember.value.string.map({ String($0.trimmingSpaces()) }), !code.isEmpty
      else {
        fail(
          codeMember.value,
          "\(label): the code \"\(codeMember.key)\" must be a non-empty string, not \(codeMember.value.kind)"
        )
        continue
      }
      let shown = code.count > 40 ? String(code.prefix(40)) + "…" : code
      guard let geometry = feature["geometry"], geometry.isObject else {
        issue(
          .warning, feature["geometry"] ?? feature,
          "\(label) (\(shown)): no geometry; not on the map")
        continue
      }
      let kind = geometry["type"]?.string ?? ""
      guard kind == "Polygon" || kind == "MultiPolygon" else {
        fail(
          geometry,
          "\(label) (\(shown)): geometry type \"\(kind.prefix(30))\" is not Polygon or MultiPolygon"
        )
        continue
      }
      guard let coordinates = geometry["coordinates"], let top = coordinates.array else {
        fail(geometry, "\(label) (\(shown)): \"coordinates\" must be an array")
        continue
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
          guard let positions = ringNode.array else {
            fail(
              ringNode,
              "\(label) (\(shown)): a ring must be an array of positions, not \(ringNode.kind)")
            bad = true
            return
          }
          guard positions.count >= 4 else {
            fail(
              ringNode,
              "\(label) (\(shown)): a ring needs at least 4 positions (the last repeating the first); this has \(positions.count)"
            )
            bad = true
            return
          }
          var ring: [MapPoint] = []
          ring.reserveCapacity(positions.count)
          var degrees: [(lon: Double, lat: Double)] = []
          degrees.reserveCapacity(positions.count)
          for p in positions {
            guard let pair = p.array, pair.count >= 2, let lon = pair[0].number,
              let lat = pair[1].number
            else {
              fail(p, "\(label) (\(shown)): a position must be [longitude, latitude] in numbers")
              bad = true
              return
            }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
              fail(
                p,
                "\(label) (\(shown)): [\(plainNumber(lon)), \(plainNumber(lat))] is not a longitude and latitude; "
                  + "GeoJSON coordinates are WGS84 degrees (RFC 7946), not grid metres")
              bad = true
              return
            }
            let q = Projection.project(longitude: lon, latitude: lat)
            if ring.last != q { ring.append(q) }
            degrees.append((lon, lat))
          }
          // The first ring of a polygon is its outline, the others its holes (RFC 7946).
          let a = abs(EllipsoidArea.signedArea(degrees))
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
      if bad { continue }
      guard let f = index[code] else {
        issue(
          .warning, codeMember.value,
          "\(label): \(shown) is not a footprint code in footprints.csv; its shape is not drawn")
        continue
      }
      if let first = firstAt[f] {
        let (line, _) = positions.location(first.offset)
        fail(
          codeMember.value, "\(label): a second shape for \(shown) (the first is on line \(line))")
        continue
      }
      firstAt[f] = codeMember.value
      if shape.isEmpty {
        issue(
          .warning, geometry,
          "\(label) (\(shown)): the shape is empty at 100 m precision; not on the map")
      }
      rings[f] = shape
      areas[f] = shape.isEmpty ? nil : area / 1_000_000
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
