import STPEmbeddedData
import Testing

@testable import STPModel

/// The embedded shapes, their topology and a user's boundaries.geojson.
@Suite struct GeographyTests {
  static let loaded = try! DatasetLoader.loadEmbedded()
  var d: Dataset { Self.loaded.dataset }
  var geo: Geography { d.geography }
  func index(_ name: String) -> Int { d.footprints.firstIndex { $0.name.hasPrefix(name) }! }

  @Test func everyEmbeddedFootprintHasAShape() {
    #expect(d.footprints.count == 44)
    #expect(geo.boundaries.missing.isEmpty)
    #expect(geo.boundaries.vertexCount > 15_000)
    // England's extent on the plane: about 500 km across and 650 km from Cornwall to the border.
    let b = geo.boundaries.bounds
    #expect((5_300...5_700).contains(b.width))
    #expect((6_300...6_700).contains(b.height))
  }

  @Test func areasOnTheEllipsoidAddUpToEngland() {
    // The shared ONS polygons give 130,526 km² on the WGS84 ellipsoid (ONS's own figure for
    // England's land area is about 130,300 km²): the 44 footprints must add up to it within 0.5%.
    let areas = geo.areasKm2
    #expect(areas.count == 44 && areas.allSatisfy { $0 != nil })
    let total = areas.compactMap { $0 }.reduce(0, +)
    #expect(abs(total - 130_526) / 130_526 < 0.005, "\(total) km²")
    // The areas the embedded form states (measured by the converter from the ONS degrees) agree
    // with the embedded shapes measured again here, footprint by footprint, within 0.5% (the
    // shapes keep vertices to 100 m: London's small footprints move most, 0.2%).
    let measured = EllipsoidArea.km2(
      measuring: Boundaries.embeddedBytes, codes: d.footprints.map(\.code))
    for f in d.footprints.indices {
      let a = areas[f] ?? 0
      let b = measured[f] ?? 0
      #expect(abs(a - b) / a < 0.005, "\(d.footprints[f].name): stated \(a), measured \(b)")
    }
    #expect(abs(measured.compactMap { $0 }.reduce(0, +) - 130_526) < 10)

    // North Central London is Barnet, Camden, Enfield, Haringey and Islington: about 234 km²
    // (ONS standard area measurements); Cumbria's two STPs are the sparsest.
    #expect((228...240).contains(areas[index("North Central London")] ?? 0))
    let m = Metrics(d)
    let sparsest = d.footprints.indices.min {
      (m.value(.density, footprint: $0) ?? 0) < (m.value(.density, footprint: $1) ?? 0)
    }
    #expect(sparsest == index("West, North and East Cumbria"))
  }

  @Test func aUsersBoundariesAreMeasuredOutlineLessHoles() throws {
    // A square degree south of the equator with a quarter-degree hole, for Dorset: 12,308.5 less
    // 769.9 km² (each measured on WGS84 as the file gives them).
    let json = """
      {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E54000041"},
      "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],
      [[0.25,0.25],[0.25,0.5],[0.5,0.5],[0.5,0.25],[0.25,0.25]]]}}]}
      """
    let log = IssueLog()
    let b = try #require(
      GeoJSONBoundaries.read(Array(json.utf8), codes: d.footprints.map(\.code), log: log))
    let hole =
      abs(EllipsoidArea.signedArea([(0.25, 0.25), (0.5, 0.25), (0.5, 0.5), (0.25, 0.5)]))
      / 1_000_000
    let dorset = try #require(b.areasKm2[index("Dorset")])
    #expect(abs(dorset - (12_308.46 - hole)) < 0.5)
    #expect(b.areasKm2.compactMap { $0 }.count == 1)
  }

  @Test func aSquareDegreeHasTheEllipsoidsArea() {
    // One degree of longitude by one of latitude from the equator: 12,308.5 km² on WGS84 (a²·Δλ·Δq/2).
    let a = EllipsoidArea.signedArea([(0, 0), (1, 0), (1, 1), (0, 1)])
    #expect(abs(abs(a) / 1_000_000 - 12_308.46) < 0.5)
  }

  @Test func interiorPointsAreInsideTheirOwnShapeOnly() {
    for f in d.footprints.indices {
      let p = try! #require(geo.topology.interior[f])
      #expect(geo.boundaries.contains(f, x: Double(p.x), y: Double(p.y)), "\(d.footprints[f].name)")
      for g in d.footprints.indices where g != f {
        #expect(
          !geo.boundaries.contains(g, x: Double(p.x), y: Double(p.y)),
          "\(d.footprints[f].name) in \(d.footprints[g].name)")
      }
    }
  }

  @Test func neighboursAreTheTrueOnes() {
    func names(_ f: Int) -> Set<String> {
      Set(geo.topology.neighbours[f].map { d.footprints[$0.footprint].name })
    }
    // Dorset borders Devon, Somerset, Bath/Swindon/Wiltshire and Hampshire (checked on the ONS map).
    #expect(
      names(index("Dorset")) == [
        "Devon", "Somerset", "Bath, Swindon and Wiltshire", "Hampshire and the Isle of Wight",
      ])
    #expect(names(index("Cornwall")) == ["Devon"])
    // North Central London: NW, NE London, and Hertfordshire outside.
    #expect(
      names(index("North Central London")) == [
        "North West London", "North East London", "Hertfordshire and West Essex",
      ])
    #expect(
      !names(index("Kent")).contains("Surrey Heartlands")
        || names(index("Kent")).contains("Sussex and East Surrey"))
  }

  @Test func arrowKeysFindTheNeighbourInThatDirection() {
    let t = geo.topology
    func go(_ from: String, _ dx: Double, _ dy: Double) -> String? {
      t.neighbour(of: index(from), dx: dx, dy: dy).map { d.footprints[$0].name }
    }
    #expect(go("Dorset", 1, 0) == "Hampshire and the Isle of Wight")
    #expect(go("Dorset", -1, 0) == "Devon")
    #expect(go("Devon", -1, 0) == "Cornwall and the Isles of Scilly")
    #expect(go("Cornwall", 1, 0) == "Devon")
    #expect(go("Norfolk", 0, -1) == "Suffolk and North East Essex")
    #expect(go("Hampshire", -1, 0) == "Dorset")
    #expect(go("Sussex", 1, 0) == "Kent and Medway")
    #expect(
      go("Northumberland", 0, -1)
        == "Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby")
    #expect(
      go("Kent", -1, 0) == "South East London" || go("Kent", -1, 0) == "Sussex and East Surrey")
    // Not across water while a touching footprint lies that way (issue 24: Bristol to Devon).
    #expect(go("Bristol", -1, 0) == "Somerset")
    // Every arrow goes to a footprint that touches, unless none touching lies on that side.
    for f in d.footprints.indices {
      for (k, a) in MapTopology.arrows.enumerated() {
        guard let g = t.moves[f][k], !t.neighbours[f].contains(where: { $0.footprint == g })
        else { continue }
        let touchingThatWay = t.neighbours[f].contains { nb in
          guard let p = t.interior[f], let q = t.interior[nb.footprint] else { return false }
          return Double(q.x - p.x) * a.dx + Double(q.y - p.y) * a.dy > 0
        }
        #expect(
          !touchingThatWay,
          "\(d.footprints[f].name) \(k) crosses to \(d.footprints[g].name) past a neighbour")
      }
    }
  }

  @Test func theRasterPutsEachFootprintAtItsInteriorPoint() {
    let b = geo.boundaries
    let r = OwnerRaster.render(b, window: b.bounds.padded(0.01), width: 300, height: 390)
    for f in d.footprints.indices {
      let p = geo.topology.interior[f]!
      let px = r.pixel(x: Double(p.x), y: Double(p.y))
      #expect(px.map { r[$0.x, $0.y] } == f, "\(d.footprints[f].name)")
    }
    // Sea and Wales are nobody's: Cardiff (-3.18, 51.48) and the North Sea off Norfolk.
    for (lon, lat) in [(-3.18, 51.48), (0.9, 53.6)] {
      let q = Projection.project(longitude: lon, latitude: lat)
      let px = r.pixel(x: Double(q.x), y: Double(q.y))
      #expect(px != nil && r[px!.x, px!.y] == nil)
    }
  }

  // MARK: - boundaries.geojson

  static func square(_ code: String, _ lon: Double, _ lat: Double) -> String {
    """
    {"type": "Feature", "properties": {"STP17CD": "\(code)"}, "geometry": {"type": "Polygon",
     "coordinates": [[[\(lon), \(lat)], [\(lon + 1), \(lat)], [\(lon + 1), \(lat + 1)], [\(lon), \(lat + 1)], [\(lon), \(lat)]]]}}
    """
  }

  func load(_ geojson: String) -> Result<LoadResult, DatasetLoadError> {
    var files = Fixture.files()
    files.append(("boundaries.geojson", Array(geojson.utf8)))
    return Result { () throws(DatasetLoadError) in
      try DatasetLoader.load(files: files, origin: "test")
    }
  }

  @Test func aUserFileReplacesTheShapesAndListsTheMissing() throws {
    let text =
      "{\"type\": \"FeatureCollection\", \"features\": [\n" + Self.square("E1", -2, 52) + ",\n"
      + Self.square("E2", 0, 51) + ",\n" + Self.square("E9", 1, 50) + "\n]}\n"
    let r = try load(text).get()
    let b = r.dataset.geography.boundaries
    #expect(b.source == "boundaries.geojson")
    #expect(b.hasShape(0) && b.hasShape(1))
    #expect(b.missing == [2, 3])
    let messages = r.warnings.filter { $0.file == "boundaries.geojson" }.map(\.description)
    #expect(
      messages.contains {
        $0.hasPrefix("boundaries.geojson:6:") && $0.contains("E9 is not a footprint code")
      })
    #expect(
      messages.contains {
        $0.contains("2 of 4 footprints have no shape and are not on the map: E3, E4")
      })
  }

  @Test func brokenFilesAreErrorsAtTheirLineAndColumn() {
    func errors(_ text: String) -> [String] {
      guard case .failure(let e) = load(text) else { return [] }
      return e.errors.map(\.description)
    }
    #expect(
      errors("{\"type\": \"FeatureCollection\",\n \"features\": [}") == [
        "boundaries.geojson:2:15: error: not valid JSON: a value was expected, found '}'"
      ])
    let projected =
      "{\"type\":\"FeatureCollection\",\"features\":[\n"
      + Self.square("E1", 400000, 100000) + "]}"
    #expect(
      errors(projected).first?.hasPrefix(
        "boundaries.geojson:3:19: error: feature 1 (E1): [400000, 100000] is not a longitude")
        == true)
    let line =
      "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},\"geometry\":null}]}"
    #expect(
      errors(line) == [
        "boundaries.geojson:2:32: error: feature 1: no footprint code among its properties (expected code, stp17cd (or another stp…cd))"
      ])
    let twice =
      "{\"type\":\"FeatureCollection\",\"features\":[\n" + Self.square("E1", 0, 50) + ",\n"
      + Self.square("E1", 0, 52) + "]}"
    #expect(errors(twice).first?.contains("a second shape for E1 (the first is on line 2)") == true)
    let point =
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"E1\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,51]}}]}"
    #expect(
      errors(point).first?.contains("geometry type \"Point\" is not Polygon or MultiPolygon")
        == true)
    #expect(
      errors(String(repeating: "[", count: 100_000)).first?.contains("nested more than 64 deep")
        == true)
  }

  @Test func theEmbeddedFormatMatchesAProjectionOfTheGeoJSON() {
    // scripts/convert-boundaries.py and Projection round the same way.
    #expect(
      Projection.project(longitude: -1.9826, latitude: 53.5901) == MapPoint(x: -1344, y: 59656))
    #expect(geo.boundaries.rings[index("West Yorkshire")][0][0] == MapPoint(x: -1344, y: 59656))
  }
}

/// The bytes compiled in by the C target are the files of its Data/ directory, every one of them:
/// a file added there but not named in stp_embedded.c would otherwise be silently left out.
@Suite struct EmbeddedBytesTests {
  static let dataDirectory: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/STPModelTests/GeographyTests.swift
    return parts.joined(separator: "/") + "/Sources/CSTPEmbeddedData/Data/"
  }()

  func onDisk(_ name: String) -> [UInt8]? {
    if case .success(let bytes) = readFile(Self.dataDirectory + name) { return bytes }
    return nil
  }

  @Test func everyFileOfTheDataDirectoryIsEmbeddedByteForByte() throws {
    let csvs = DatasetLoader.embeddedFiles
    #expect(csvs.map(\.name) == DatasetLoader.fileNames)
    for file in csvs {
      let disk = try #require(onDisk(file.name), "\(file.name) is not in \(Self.dataDirectory)")
      #expect(file.bytes == disk, "\(file.name) differs from the file on disk")
    }
    #expect(EmbeddedData.boundaries == onDisk("boundaries.txt"))
    #expect(EmbeddedData.areas == onDisk("areas.txt"))
    #expect(EmbeddedData.icbBoundaries == onDisk("icb-boundaries.txt"))
    #expect(!EmbeddedData.boundaries.isEmpty && !EmbeddedData.areas.isEmpty)
    let listed = Set(listDirectory(Self.dataDirectory))
    #expect(
      listed == Set(csvs.map(\.name) + ["boundaries.txt", "areas.txt", "icb-boundaries.txt"]))
  }
}

/// Issue 26: each boundaries.geojson message found its line and column by scanning from the
/// start, so 12,000 features matching no STP took 8-9 s to validate and 200,000 over a minute.
/// Positions are now found from an index built once; the same answers, in any order.
@Suite struct TextPositionsTests {
  @Test func theSameLineAndColumnAsAScanFromTheStart() {
    var rng = SystemRandomNumberGenerator()
    for bom in [false, true] {
      var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
      let pieces: [[UInt8]] = [
        Array("ab".utf8), [0x0A], Array("£é".utf8), Array("x".utf8), [0x0A, 0x0A],
      ]
      for _ in 0..<400 { bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
      let p = TextPositions(bytes)
      var offsets = (0...bytes.count + 2).map { $0 }
      offsets += (0..<300).map { _ in Int.random(in: 0...bytes.count, using: &rng) }
      // The answer by a plain scan from the start, as messages were located before.
      func scan(_ offset: Int) -> (line: Int, column: Int) {
        var (line, column, k) = (1, 1, bom ? 3 : 0)
        while k < offset && k < bytes.count {
          if bytes[k] == 0x0A {
            line += 1
            column = 1
          } else if bytes[k] & 0xC0 != 0x80 {
            column += 1
          }
          k += 1
        }
        return (line, column)
      }
      for o in offsets {
        let want = scan(o)
        let got = p.location(o)
        #expect(got.line == want.line && got.column == want.column, "offset \(o)")
      }
    }
  }

  @Test func manyUnmatchedFeaturesValidateInOnePass() throws {
    // 20,000 features naming no STP, minified on one line: a warning each, located.
    var text = #"{"type":"FeatureCollection","features":["#
    for i in 0..<20_000 {
      if i > 0 { text += "," }
      text +=
        #"{"type":"Feature","properties":{"code":"X\#(i)"},"geometry":{"type":"Polygon","coordinates":[[[0,50],[1,50],[1,51],[0,50]]]}}"#
    }
    text += "]}"
    let files = DatasetLoader.embeddedFiles + [("boundaries.geojson", Array(text.utf8))]
    let start = ContinuousClock.now
    let r = try DatasetLoader.load(files: files, origin: "test")
    let took = ContinuousClock.now - start
    let unmatched = r.warnings.filter { $0.message.contains("is not a footprint code") }
    print("boundaries: 20,000 unmatched features on one line validated in \(took)")
    #expect(unmatched.count == 100)  // the first 100 listed, the rest counted
    #expect(unmatched.last?.line == 1 && (unmatched.last?.column ?? 0) > 10_000)
  }
}

/// Rings are read flat (16 bytes a position, not a node per number), numbers without making a
/// string each, and the whole file within a budget: the same shapes and messages as before.
@Suite struct FlatPositionsTests {
  func load(_ text: String) -> Result<LoadResult, DatasetLoadError> {
    let files = DatasetLoader.embeddedFiles + [("boundaries.geojson", Array(text.utf8))]
    return Result { () throws(DatasetLoadError) in
      try DatasetLoader.load(files: files, origin: "test")
    }
  }

  @Test func numbersAreReadExactlyAsWritten() throws {
    var rng = SystemRandomNumberGenerator()
    var texts = [
      "0", "-0", "1", "-1.5", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456",
      "9007199254740993", "1e5", "-2.5E-3", "0.000000000000000000001", "1.7976931348623157e308",
      "52.123456", "-1.98260000000000000001", "0.1234567890123456789",
    ]
    for _ in 0..<2_000 {
      let whole = Int.random(in: -180...180, using: &rng)
      let digits = Int.random(in: 0...17, using: &rng)
      let fraction = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
      texts.append(digits == 0 ? "\(whole)" : "\(whole).\(fraction)")
    }
    let doc = "[" + texts.map { "[\($0),\($0)]" }.joined(separator: ",") + "]"
    let node = try JSONTree.parse(Array(doc.utf8))
    guard case .positions(let flat) = node.value else {
      Issue.record("not read flat: \(node.kind)")
      return
    }
    #expect(flat.count == texts.count)
    for (k, t) in texts.enumerated() {
      let want = Double(t)!
      #expect(flat.pair(k).0.bitPattern == want.bitPattern, "\(t)")
    }
  }

  @Test func onlyArraysOfPositionsAreReadFlat() throws {
    func kind(_ s: String) throws -> String {
      let n = try JSONTree.parse(Array(s.utf8))
      if case .positions(let p) = n.value { return "flat \(p.count)x\(p.dims)" }
      return n.kind
    }
    #expect(try kind("[[1,2],[3,4]]") == "flat 2x2")
    #expect(try kind("[ [1, 2, 3] ,\n [4,5,6] ]") == "flat 2x3")
    #expect(try kind("[[1,2],[3,4,5]]") == "an array")  // mixed lengths: node by node
    #expect(try kind("[[1],[2]]") == "an array")
    #expect(try kind("[[1,\"a\"]]") == "an array")
    #expect(try kind("[[[1,2]]]") == "an array")
    #expect(try kind("[]") == "an array")
    // A syntax error inside is reported by the general reader, at its place.
    #expect(throws: JSONTree.SyntaxError.self) { try JSONTree.parse(Array("[[1,2],[3,]]".utf8)) }
    do {
      _ = try JSONTree.parse(Array("[[1,2],\n[3,01]]".utf8))
    } catch {
      #expect(error.line == 2 && error.column == 4 && error.message.contains("cannot start with 0"))
    }
  }

  @Test func mixedPositionLengthsMakeTheSameShape() throws {
    func ring(_ heights: Bool) -> String {
      let p = [(-2.0, 52.0), (-1.0, 52.0), (-1.0, 53.0), (-2.0, 53.0), (-2.0, 52.0)]
      return p.enumerated().map { k, q in
        heights && k % 2 == 1 ? "[\(q.0),\(q.1),12.5]" : "[\(q.0),\(q.1)]"
      }.joined(separator: ",")
    }
    func shape(_ heights: Bool) throws -> ([[MapPoint]], Double?) {
      let text =
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E54000041"},"geometry":{"type":"Polygon","coordinates":[[\#(ring(heights))]]}}]}"#
      let r = try load(text).get()
      let b = r.dataset.geography.boundaries
      let f = r.dataset.index(ofCode: "E54000041")!
      return (b.rings[f], b.areasKm2[f])
    }
    let (plain, plainArea) = try shape(false)
    let (mixed, mixedArea) = try shape(true)
    #expect(plain == mixed && plain.first?.count == 4)
    #expect(plainArea == mixedArea && (plainArea ?? 0) > 7_000)
  }

  @Test func aPositionOutOfRangeInAFlatRingIsLocated() {
    let text =
      "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"E54000041\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\n[-2,52],[-1,52],\n  [-1,953],[-2,52]]]}}]}"
    guard case .failure(let e) = load(text) else {
      Issue.record("loaded")
      return
    }
    #expect(
      e.errors.map(\.description).first?.hasPrefix(
        "boundaries.geojson:4:3: error: feature 1 (E54000041): [-1, 953] is not a longitude")
        == true)
  }

  @Test func aFileBeyondTheBudgetIsALocatedErrorNotAHugeTree() {
    // The real budget is 2 million positions; a small one shows the rule.
    let budget = JSONTree.Budget(elements: 40, message: "too many")
    let ring = (0..<30).map { "[\(-2 + Double($0) / 100),52]" }.joined(separator: ",")
    let text =
      "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"E54000041\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring),[-2,52]]]}}]}"
    let log = IssueLog()
    let codes = ["E54000041"]
    let read =
      GeoJSONBoundaries.read(Array(text.utf8), codes: codes, log: log, budget: budget) != nil
    #expect(!read)
    let issue = log.issues.first
    #expect(issue?.message == "too many" && issue?.line == 2)
    // Nodes count four times a flat number: 11 objects' members and items cross 40.
    let nodes = "[" + (0..<11).map { _ in "{\"a\":null}" }.joined(separator: ",") + "]"
    #expect(throws: JSONTree.SyntaxError.self) {
      try JSONTree.parse(Array(nodes.utf8), budget: budget)
    }
    // The budget is per feature: many small features are read one at a time (never one
    // tree of all), and only the positions kept for the map add up.
    let small = JSONTree.Budget(elements: 120, message: "too many")
    func square(_ code: String, _ lon: Double) -> String {
      #"{"type":"Feature","properties":{"code":"\#(code)"},"geometry":{"type":"Polygon","coordinates":[[[\#(lon),52],[\#(lon + 0.1),52],[\#(lon + 0.1),52.1],[\#(lon),52]]]}}"#
    }
    func collection(_ features: [String]) -> [UInt8] {
      Array(
        ("{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n")
          + "]}").utf8)
    }
    let unmatched = collection((0..<500).map { square("X\($0)", 0) })
    let manyLog = IssueLog()
    let many = GeoJSONBoundaries.read(unmatched, codes: ["E1"], log: manyLog, budget: small) != nil
    #expect(many && !manyLog.hasErrors)
    let codes25 = (0..<25).map { "E\($0)" }
    let kept = collection(codes25.enumerated().map { square($1, Double($0) / 10) })
    let keptLog = IssueLog()
    let keptAll = GeoJSONBoundaries.read(kept, codes: codes25, log: keptLog, budget: small) != nil
    #expect(!keptAll)
    // 3 positions kept each (the closing one dropped): feature 21 (line 22) crosses 60.
    #expect(keptLog.issues.first { $0.message == "too many" }?.line == 22)
    #expect(GeoJSONBoundaries.maxPositions == 2_000_000)
    #expect(GeoJSONBoundaries.budget.message.contains("more than 2 million positions"))
  }
}
