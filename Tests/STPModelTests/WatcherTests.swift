import Foundation
import Testing

@testable import STPModel

/// The watcher on real directories: what an analyst's editor does to a data file.
@Suite(.serialized) struct WatcherTests {
  let dir: String

  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    put("code\n", dir + "/footprints.csv")
  }

  /// Writes a file and closes it before returning (Foundation's writer may close later, and a late
  /// close is an event the watcher rightly reports).
  func put(_ text: String, _ path: String) {
    guard let f = fopen(path, "wb") else { return }
    _ = text.withCString { fputs($0, f) }
    fclose(f)
  }

  /// Waits (up to 2 s) until the watcher reports something.
  func seen(_ w: DirectoryWatcher) -> DirectoryWatcher.Urgency? {
    let deadline = Date().addingTimeInterval(2)
    while Date() < deadline {
      if let fd = w.descriptor {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&p, 1, 50)
      } else {
        usleep(50_000)
      }
      if let u = w.drain() { return u }
    }
    return nil
  }

  @Test func aSwappedAncestorLinkIsFollowed() throws {
    // A release swap: --data base/current/data, then `ln -sfn releases/v2 current`.
    let base = dir + "/srv"
    for v in ["v1", "v2"] {
      try FileManager.default.createDirectory(
        atPath: base + "/releases/\(v)/data", withIntermediateDirectories: true)
      put("code\n", base + "/releases/\(v)/data/footprints.csv")
    }
    symlink("releases/v1", base + "/current")
    let w = DirectoryWatcher(path: base + "/current/data")
    #expect(w.drain() == nil)
    symlink("releases/v2", base + "/current.tmp")
    rename(base + "/current.tmp", base + "/current")  // what ln -sfn does
    #expect(seen(w) == .settled)
    // Now the new release's files are the ones watched.
    put("code,name\n", base + "/releases/v2/data/footprints.csv")
    #expect(seen(w) == .settled)
    put("code,x\n", base + "/releases/v1/data/footprints.csv")  // the old one: not ours any more
    #expect(seen(w) == nil)
  }

  @Test func aRecreatedGrandparentIsFollowed() throws {
    let top = dir + "/top"
    try FileManager.default.createDirectory(
      atPath: top + "/mid/data", withIntermediateDirectories: true)
    let w = DirectoryWatcher(path: top + "/mid/data")
    try FileManager.default.moveItem(atPath: top, toPath: dir + "/old-top")
    try FileManager.default.createDirectory(
      atPath: top + "/mid/data", withIntermediateDirectories: true)
    #expect(seen(w) == .settled)
    put("code\n", top + "/mid/data/footprints.csv")
    #expect(seen(w) == .settled)
  }

  @Test func usesInotifyOnLinux() {
    #expect(DirectoryWatcher(path: dir).descriptor != nil)
  }

  @Test func theMapsBoundariesAreWatchedToo() throws {
    let w = DirectoryWatcher(path: dir)
    put("{}", dir + "/boundaries.geojson")
    #expect(seen(w) == .settled)
    put("{}", dir + "/notes.json")  // not a data file
    #expect(seen(w) == nil)
  }

  @Test func aFinishedWriteIsSeen() throws {
    let w = DirectoryWatcher(path: dir)
    put("code\nE1\n", dir + "/footprints.csv")
    #expect(seen(w) == .settled)
    #expect(w.drain() == nil)  // drained
  }

  @Test func renameOverAndDeleteAreSeenButSwapFilesAreNot() throws {
    let w = DirectoryWatcher(path: dir)
    put("x", dir + "/.footprints.csv.swp-tmp")
    #expect(seen(w) == nil)
    put("code\nE2\n", dir + "/tmp-save")
    #expect(rename(dir + "/tmp-save", dir + "/footprints.csv") == 0)
    #expect(seen(w) == .settled)
    #expect(unlink(dir + "/footprints.csv") == 0)
    #expect(seen(w) == .settled)
  }

  @Test func bytesStillBeingWrittenWaitForTheWriter() throws {
    let w = DirectoryWatcher(path: dir)
    let fd = open(dir + "/footprints.csv", O_WRONLY | O_APPEND)
    defer { close(fd) }
    _ = "E3\n".withCString { write(fd, $0, 3) }
    #expect(seen(w) == .writing)
  }

  @Test func aReplacedDirectoryIsFollowed() throws {
    let w = DirectoryWatcher(path: dir)
    let fresh = dir + ".new"
    try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
    put("code\nE4\n", fresh + "/footprints.csv")
    try FileManager.default.moveItem(atPath: dir, toPath: dir + ".old")
    try FileManager.default.moveItem(atPath: fresh, toPath: dir)
    defer { try? FileManager.default.removeItem(atPath: dir + ".old") }
    #expect(seen(w) == .settled)
    // Edits inside the new directory are watched too.
    put("code\nE5\n", dir + "/footprints.csv")
    #expect(seen(w) == .settled)
  }
}

@Suite struct ReloadLoaderTests {
  @Test func aFileThatWasThereMustStillBeThere() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("req-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try Fixture.footprints.write(toFile: dir + "/footprints.csv", atomically: true, encoding: .utf8)
    let first = try DatasetLoader.load(directory: dir)
    #expect(first.files == ["footprints.csv"])
    #expect(throws: DatasetLoadError.self) {
      try DatasetLoader.load(directory: dir, required: ["footprints.csv", "ratings.csv"])
    }
    do {
      _ = try DatasetLoader.load(directory: dir, required: ["ratings.csv"])
    } catch {
      #expect(
        error.errors.map(\.description) == [
          "ratings.csv: error: missing: it was there at the last load (restore it, or restart to load without it)"
        ])
    }
  }
}
