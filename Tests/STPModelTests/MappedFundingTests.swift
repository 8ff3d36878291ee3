import Foundation
import Testing

@testable import STPModel

/// A funding.csv past `DatasetLoader.leaseFrom` is left in the user's file under a lease (past
/// `mapFrom`, mapped from a copy), its pages let go behind the check and the parse: the load
/// must give exactly what reading it whole gives, keep its text when the user's file changes
/// afterwards, and place a problem deep in the file at its line.
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
    // Two rows longer than a first read of a leased file's row (512 bytes).
    let longTail = String(repeating: ", and more", count: 300)
    for i in 0..<rows {
      s +=
        "E\(i % 4 + 1),\(i % 7 == 0 ? "not stated" : "w1"),2017-07,scheme,"
        + "\"Scheme \(i), a long name – café\(i == 5 || i == rows - 3 ? longTail : "")\","
        + "\(1000 + i),\(1000 + i),exact,https://example.org/\(i)\n"
    }
    var bytes = Array(s.utf8)
    if let badRow, let at = s.range(of: "Scheme \(badRow),") {
      bytes[s.utf8.distance(from: s.startIndex, to: at.lowerBound)] = 0xFF
    }
    // Written through a descriptor closed on exec: a child another test starts meanwhile (a
    // tmux server lives on) must not inherit it open for writing, or no lease can be taken.
    let fd = open(
      dir.appendingPathComponent("funding.csv").path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
      0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
      let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { throw CocoaError(.fileWriteUnknown) }
      written += n
    }
    return dir.path
  }

  /// How funding.csv is loaded: read whole, mapped from a copy, or left in the user's file
  /// under a lease.
  enum Way { case read, mapped, leased }

  func load(_ dir: String, _ way: Way) -> Result<LoadResult, DatasetLoadError> {
    let before = (
      DatasetLoader.leaseFrom.load(ordering: .relaxed),
      DatasetLoader.mapFrom.load(ordering: .relaxed)
    )
    DatasetLoader.leaseFrom.store(way == .leased ? 0 : .max, ordering: .relaxed)
    DatasetLoader.mapFrom.store(way == .mapped ? 0 : .max, ordering: .relaxed)
    defer {
      DatasetLoader.leaseFrom.store(before.0, ordering: .relaxed)
      DatasetLoader.mapFrom.store(before.1, ordering: .relaxed)
    }
    return Result { () throws(DatasetLoadError) in try DatasetLoader.load(directory: dir) }
  }

  @Test func aMappedOrLeasedFileLoadsAsAFileReadWhole() throws {
    let rows = 420_000
    let dir = try directory(rows: rows)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let read = try load(dir, .read).get()
    #expect(read.dataset.funding.text.isInMemory)
    for way in [Way.mapped, .leased] {
      let other = try load(dir, way).get()
      #expect(!other.dataset.funding.text.isInMemory)
      #expect(other.dataset.funding.text.isLeased == (way == .leased))
      #expect(other.dataset.funding.count == rows)
      #expect(other.dataset.funding.records == read.dataset.funding.records)
      #expect(other.dataset.waves.map(\.id) == read.dataset.waves.map(\.id))
      #expect(other.warnings == read.warnings)
      let sample = [0, 1, 5, rows / 2, rows / 2 + 1, rows - 3, rows - 1]
      for row in sample {
        #expect(other.dataset.funding[row] == read.dataset.funding[row])
      }
      // Many rows at once (a detail), long ones among them, as one at a time.
      #expect(other.dataset.funding.decode(sample) == sample.map { read.dataset.funding[$0] })
      #expect(other.dataset.funding[5].scheme.count > 3000)
    }
  }

  /// The user's file rewritten in place after the load (cut short, then new text): what is
  /// shown is what was loaded. A mapped copy never was the user's file; a leased file is copied
  /// when the writer opens it, before the writer can change a byte.
  @Test func aFileRewrittenInPlaceAfterTheLoadStillShowsWhatWasLoaded() throws {
    let rows = 420_000
    for way in [Way.mapped, .leased] {
      let dir = try directory(rows: rows)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let loaded = try load(dir, way).get()
      let funding = loaded.dataset.funding
      #expect(funding.text.isLeased == (way == .leased))
      let fd = open(dir + "/funding.csv", O_WRONLY | O_TRUNC)  // held back until copied
      #expect(fd >= 0)
      _ = "code,wave\n".withCString { write(fd, $0, 10) }
      close(fd)
      #expect(funding.text.isIntact)
      #expect(funding[rows - 1].scheme == "Scheme \(rows - 1), a long name – café")
      #expect(funding[rows - 1].source == "https://example.org/\(rows - 1)")
      #expect(funding[7].scheme == "Scheme 7, a long name – café")
    }
  }

  /// The descriptors this process has open on `path`.
  func openCount(_ path: String) -> Int {
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return fds.filter {
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) == path
    }.count
  }

  /// A dataset let go (a reload replaced it) lets its file and its lease go.
  @Test func aLeasedFileIsClosedWithTheLastDatasetUsingIt() throws {
    let dir = try directory(rows: 420_000)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = URL(fileURLWithPath: dir + "/funding.csv").resolvingSymlinksInPath().path
    do {
      let loaded = try load(dir, .leased).get()
      #expect(loaded.dataset.funding.text.isLeased)
      #expect(openCount(path) == 1)
      let again = try load(dir, .leased).get()
      #expect(openCount(path) == 2)
      _ = again.dataset.funding[3]
    }
    #expect(openCount(path) == 0)
  }

  /// A reload loads on a thread that ends. The kernel tells the thread that took a lease of
  /// its break, so a lease taken there went untold once it ended, and a writer opening the file
  /// waited the whole lease-break time (45 s) in a session's fourth in-place save.
  @Test func aBreakIsAnsweredAfterTheThreadThatLoadedHasEnded() throws {
    let rows = 420_000
    let dir = try directory(rows: rows)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    final class Box: @unchecked Sendable { var result: LoadResult? }
    let box = Box()
    let job = BackgroundJob.start { box.result = try? self.load(dir, .leased).get() }
    job?.join()
    let funding = try #require(box.result?.dataset.funding)
    #expect(funding.text.isLeased)
    let asked = Date()
    let fd = open(dir + "/funding.csv", O_WRONLY | O_TRUNC)
    let waited = Date().timeIntervalSince(asked)
    #expect(fd >= 0)
    close(fd)
    #expect(waited < 5, "the writer waited \(waited) s")
    #expect(funding.text.isIntact)
    #expect(funding[rows - 1].scheme == "Scheme \(rows - 1), a long name – café")
  }

  /// A save by rename leaves the loaded file as it was: a leased file reads on from it.
  @Test func aFileReplacedByRenameAfterTheLoadStillShowsWhatWasLoaded() throws {
    let rows = 420_000
    let dir = try directory(rows: rows)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let funding = try load(dir, .leased).get().dataset.funding
    try Data("code,wave\n".utf8).write(
      to: URL(fileURLWithPath: dir + "/funding.csv"), options: .atomic)
    #expect(funding.text.isLeased && funding.text.isIntact)
    #expect(funding[rows / 2].scheme == "Scheme \(rows / 2), a long name – café")
  }

  @Test func invalidUTF8DeepInAMappedFileIsAnErrorAtItsLine() throws {
    let rows = 420_000
    for bad in [3, 150_000, rows - 2] {  // before, inside and past the first 8 MB steps
      let dir = try directory(rows: rows, badRow: bad)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      guard case .failure(let read) = load(dir, .read),
        case .failure(let mapped) = load(dir, .mapped),
        case .failure(let leased) = load(dir, .leased)
      else {
        Issue.record("a load of invalid UTF-8 passed")
        return
      }
      #expect(mapped.issues == read.issues)
      #expect(leased.issues == read.issues)
      #expect(leased.errors.first?.line == bad + 2, "row \(bad)")
      #expect(leased.errors.first?.message.contains("invalid UTF-8") == true)
    }
  }
}
