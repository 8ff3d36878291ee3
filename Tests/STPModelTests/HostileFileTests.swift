import Foundation
import Testing

@testable import STPModel

/// Files that are not regular files: nothing hangs, nothing grows without bound, one message each.
@Suite struct HostileFileTests {
  /// A data directory with the fixture's files, and the chance to replace one by something else.
  func directory(_ prepare: (String) -> Void) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID())")
      .path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in Fixture.files() {
      FileManager.default.createFile(atPath: dir + "/" + f.name, contents: Data(f.bytes))
    }
    prepare(dir)
    return dir
  }

  func issues(_ dir: String) -> [String] {
    do {
      _ = try DatasetLoader.load(directory: dir)
      return []
    } catch {
      return error.errors.map { "\($0.file): \($0.message)" }
    }
  }

  @Test func aFIFOIsRefusedAtOnceInsteadOfBlockingTheOpen() {
    let dir = directory { d in
      unlink(d + "/funding.csv")
      mkfifo(d + "/funding.csv", 0o644)
    }
    // Without O_NONBLOCK this open would wait for a writer forever (the test would hang).
    #expect(issues(dir) == ["funding.csv: cannot read: is a FIFO (named pipe), not a regular file"])
    #expect(readFile(dir + "/funding.csv").isFailure)
  }

  @Test func aLinkToAnEndlessDeviceIsRefusedNotReadForever() {
    let dir = directory { d in
      unlink(d + "/partners.csv")
      symlink("/dev/zero", d + "/partners.csv")
    }
    #expect(issues(dir) == ["partners.csv: cannot read: is a device, not a regular file"])
  }

  /// Issue 26: a dangling boundaries.geojson link was silently taken as no file (the map fell
  /// back to the embedded shapes). A link whose target is gone is said, for every file alike.
  @Test func aDanglingLinkIsSaidNotTakenAsAbsent() {
    let dir = directory { d in
      symlink(d + "/nowhere.geojson", d + "/boundaries.geojson")
      unlink(d + "/ratings.csv")
      symlink(d + "/nowhere.csv", d + "/ratings.csv")
    }
    #expect(
      Set(issues(dir)) == [
        "boundaries.geojson: cannot read: a link to a file that does not exist",
        "ratings.csv: cannot read: a link to a file that does not exist",
      ], "\(issues(dir))")
  }

  @Test func aLinkToARegularFileIsRead() throws {
    let dir = directory { d in
      rename(d + "/waves.csv", d + "/waves.real")
      symlink(d + "/waves.real", d + "/waves.csv")
    }
    #expect(issues(dir).isEmpty)
  }

  @Test func anUnreadableFileIsOneMessageNotAlsoMissing() throws {
    // (A FIFO, since tests may run as root, who can read a file without permissions.)
    let dir = directory { d in
      unlink(d + "/ratings.csv")
      mkfifo(d + "/ratings.csv", 0o644)
    }
    do {
      _ = try DatasetLoader.load(directory: dir)
      Issue.record("loaded")
    } catch {
      // The error, and no "not found" warning for the same file.
      #expect(
        error.issues.filter { $0.file == "ratings.csv" }.map(\.message)
          == ["cannot read: is a FIFO (named pipe), not a regular file"])
    }
  }

  @Test func anUnreadableFootprintsFileIsOneError() {
    let dir = directory { d in
      unlink(d + "/footprints.csv")
      mkfifo(d + "/footprints.csv", 0o644)
    }
    #expect(
      issues(dir) == ["footprints.csv: cannot read: is a FIFO (named pipe), not a regular file"])
  }
}

/// Messages never quote a file that a link reaches outside the data directory.
@Suite struct OutsideLinkTests {
  @Test func aLinkOutsideTheDirectoryIsReadButNeverQuoted() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID())")
      .path
    let dir = base + "/data"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: base) }
    for f in Fixture.files() {
      FileManager.default.createFile(atPath: dir + "/" + f.name, contents: Data(f.bytes))
    }
    try "root:SECRET-HASH:0:0\n".write(toFile: base + "/secret", atomically: true, encoding: .utf8)
    unlink(dir + "/ratings.csv")
    symlink(base + "/secret", dir + "/ratings.csv")
    do {
      _ = try DatasetLoader.load(directory: dir)
      Issue.record("loaded")
    } catch {
      let text = error.description
      #expect(!text.lowercased().contains("secret"))
      #expect(error.errors.first?.location == "ratings.csv:1:1")
      #expect(text.contains("reached by a link outside the data directory"))
    }
    // The same file inside the directory, linked: quoted as usual.
    try FileManager.default.moveItem(atPath: base + "/secret", toPath: dir + "/secret.txt")
    unlink(dir + "/ratings.csv")
    symlink("secret.txt", dir + "/ratings.csv")
    do {
      _ = try DatasetLoader.load(directory: dir)
    } catch {
      #expect(error.description.contains("unknown column 'root:secret-hash:0:0'"))
    }
  }
}

extension Result {
  var isFailure: Bool { if case .failure = self { true } else { false } }
}

/// The data on screen during a reload: its large texts spilled to a mapped file, read the same.
@Suite struct SpilledTextTests {
  @Test func spilledTextReadsTheSameAndLeavesMemory() throws {
    var funding = "code,wave,announced,kind,scheme,amount_min,amount_max,basis,source\n"
    for i in 0..<20_000 {
      funding +=
        "E\(i % 4 + 1),w1,2017-07,scheme,\"Scheme \(i), a long name with a comma\",\(i),\(i),exact,https://example.org/\(i)\n"
    }
    let d = try Fixture.load(replacing: "funding.csv", with: funding).dataset
    #expect(d.funding.text.isInMemory && d.funding.text.count > 1 << 20)
    let spilled = try #require(d.withSpilledText())
    #expect(!spilled.funding.text.isInMemory)
    for row in [0, 1, 9_999, 19_999] {
      #expect(spilled.funding[row].scheme == d.funding[row].scheme)
      #expect(spilled.funding[row].source == d.funding[row].source)
    }
    #expect(spilled.funding[19_999].scheme == "Scheme 19999, a long name with a comma")
    // The metrics cite the data's rows: moved to the spilled data, they no longer hold the old
    // text (else spilling would free nothing), and their figures read the same.
    let r = try Fixture.load(replacing: "funding.csv", with: funding)
    let moved = r.metrics.replacingData(spilled)
    #expect(!moved.data.funding.text.isInMemory)
    for f in r.dataset.footprints.indices {
      #expect(moved.fundingFigure(f) == r.metrics.fundingFigure(f))
    }
    // Small stores are not worth a file.
    #expect(try Fixture.load().dataset.withSpilledText() == nil)
  }
}

/// The UTF-8 check of a large buffer, done in two halves, finds what one pass finds.
@Suite struct LargeUTF8Tests {
  @Test func bothHalvesAndTheSeamAreChecked() {
    // 34 MB of "a", with two-byte characters across the middle, where the halves meet.
    var bytes = [UInt8](repeating: 0x61, count: 34 << 20)
    let mid = bytes.count / 2
    for k in stride(from: mid - 9, to: mid + 9, by: 2) {
      bytes[k] = 0xC3
      bytes[k + 1] = 0xA9
    }
    #expect(bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) } == nil)
    for bad in [10, mid - 1, mid, mid + 1, bytes.count - 2] {
      let saved = bytes[bad]
      bytes[bad] = 0xFF
      let expected = bytes.withUnsafeBufferPointer { firstInvalidUTF8Serial($0) }
      #expect(expected != nil)
      #expect(bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) } == expected)
      bytes[bad] = saved
    }
  }
}
