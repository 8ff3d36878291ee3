import Foundation
import Testing

@testable import STPModel

/// A funding.csv past `DatasetLoader.mapFrom` is mapped from a copy, its pages let go behind the
/// check and the parse: the load must give exactly what reading it whole gives, keep its text
/// when the user's file changes afterwards, and place a problem deep in the file at its line.
@Suite(.serialized) struct MappedFundingTests {
  /// A data directory: the fixture's files with a funding.csv of `rows` rows (38 MB at 420,000:
  /// several 8 MB steps, in two parts), `bad` bytes written over row `badRow`'s scheme.
  func directory(rows: Int, badRow: Int? = nil) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stp-map-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, bytes) in Fixture.files() where name != "funding.csv" {
      try Data(bytes).write(to: dir.appendingPathComponent(name))
    }
    var s = "code,wave,announced,kind,scheme,amount_min,amount_max,basis,source\n"
    s.reserveCapacity(rows * 90)
    for i in 0..<rows {
      s +=
        "E\(i % 4 + 1),\(i % 7 == 0 ? "not stated" : "w1"),2017-07,scheme,"
        + "\"Scheme \(i), a long name – café\",\(1000 + i),\(1000 + i),exact,https://example.org/\(i)\n"
    }
    var bytes = Array(s.utf8)
    if let badRow, let at = s.range(of: "Scheme \(badRow),") {
      bytes[s.utf8.distance(from: s.startIndex, to: at.lowerBound)] = 0xFF
    }
    try Data(bytes).write(to: dir.appendingPathComponent("funding.csv"))
    return dir.path
  }

  func load(_ dir: String, mapped: Bool) -> Result<LoadResult, DatasetLoadError> {
    let before = DatasetLoader.mapFrom.load(ordering: .relaxed)
    DatasetLoader.mapFrom.store(mapped ? 0 : .max, ordering: .relaxed)
    defer { DatasetLoader.mapFrom.store(before, ordering: .relaxed) }
    return Result { () throws(DatasetLoadError) in try DatasetLoader.load(directory: dir) }
  }

  @Test func aMappedFileLoadsAsAFileReadWhole() throws {
    let rows = 420_000
    let dir = try directory(rows: rows)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let read = try load(dir, mapped: false).get()
    let mapped = try load(dir, mapped: true).get()
    #expect(read.dataset.funding.text.isInMemory)
    #expect(!mapped.dataset.funding.text.isInMemory)
    #expect(mapped.dataset.funding.count == rows)
    #expect(mapped.dataset.funding.records == read.dataset.funding.records)
    #expect(mapped.dataset.waves.map(\.id) == read.dataset.waves.map(\.id))
    #expect(mapped.warnings == read.warnings)
    for row in [0, 1, rows / 2, rows / 2 + 1, rows - 1] {
      #expect(mapped.dataset.funding[row] == read.dataset.funding[row])
    }
    // The user's file cut short and rewritten after the load: what is shown is what was loaded
    // (a copy is mapped, never the user's file).
    try Data("code,wave\n".utf8).write(to: URL(fileURLWithPath: dir + "/funding.csv"))
    #expect(mapped.dataset.funding[rows - 1].scheme == "Scheme \(rows - 1), a long name – café")
    #expect(mapped.dataset.funding[rows - 1].source == "https://example.org/\(rows - 1)")
  }

  @Test func invalidUTF8DeepInAMappedFileIsAnErrorAtItsLine() throws {
    let rows = 420_000
    for bad in [3, 150_000, rows - 2] {  // before, inside and past the first 8 MB steps
      let dir = try directory(rows: rows, badRow: bad)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      guard case .failure(let read) = load(dir, mapped: false),
        case .failure(let mapped) = load(dir, mapped: true)
      else {
        Issue.record("a load of invalid UTF-8 passed")
        return
      }
      #expect(mapped.issues == read.issues)
      #expect(mapped.errors.first?.line == bad + 2, "row \(bad)")
      #expect(mapped.errors.first?.message.contains("invalid UTF-8") == true)
    }
  }
}
