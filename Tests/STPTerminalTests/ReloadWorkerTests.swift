import Foundation
import STPModel
import STPTerminal
import STPTestSupport
import Synchronization
import Testing

/// The dashboard's reload worker on a real thread and a real directory, driven by the headless
/// loop: keys are answered while it loads, and a broken file leaves the last good data.
@Suite struct ReloadWorkerTests {
  let size = Size(width: 120, height: 30)

  /// A directory holding the embedded files, each passed through `edit`.
  func directory(_ edit: (String, String) -> String = { _, t in t }) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for f in DatasetLoader.embeddedFiles {
      try edit(f.name, String(decoding: f.bytes, as: UTF8.self))
        .write(toFile: dir + "/" + f.name, atomically: true, encoding: .utf8)
    }
    return dir
  }

  func rewrite(_ dir: String, _ name: String, _ edit: (String) -> String) throws {
    let path = dir + "/" + name
    try edit(try String(contentsOfFile: path, encoding: .utf8))
      .write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Waits (at most 10 s) until the worker has put its outcome in the mailbox; the loop then
  /// finds the pipe readable and the outcome there.
  func waitForTheLoad(_ worker: ReloadWorker) {
    let deadline = Date().addingTimeInterval(10)
    while worker.finishedLoads == 0 && Date() < deadline { usleep(1000) }
  }

  /// Loads `dir`, then changes a file by `edit` and runs the loop with a worker on `dir`: the
  /// files settle, the worker starts after the debounce, `during` runs while it loads, then the
  /// loop is woken by the worker's pipe.
  func run(
    _ dir: String, change file: String, _ edit: (String) -> String,
    during: [HeadlessBackend.Step]
  ) throws -> (DashboardLoop, HeadlessBackend) {
    let first = try DatasetLoader.load(directory: dir, origin: "dir")
    try rewrite(dir, file, edit)
    // The load waits until the keys of `during` are in: held back, as a long one would be.
    let gate = Atomic<Bool>(false)
    let worker = ReloadWorker(
      directory: dir, origin: "dir", files: first.files,
      load: { d, required, origin in
        while !gate.load(ordering: .acquiring) { usleep(1000) }
        return ReloadWorker.loadDirectory(d, required, origin)
      })
    let fd = try #require(worker.descriptor)
    let script: [HeadlessBackend.Step] =
      [.files(.settled), .idle(0.05)] + during
      + [
        .ready(
          fd,
          {
            gate.store(true, ordering: .releasing)
            waitForTheLoad(worker)
          }), .capture, .key(.char("Q")),
      ]
    let backend = HeadlessBackend(size: size, script: script)
    let state = AppState(
      dataset: first.dataset, metrics: first.metrics, warnings: first.warnings, loadedAt: "09:30",
      size: size, dataDirectory: dir, isWatching: true)
    var loop = DashboardLoop(
      state: state, backend: backend, themes: [.default], watcher: backend.watcher,
      services: LoopServices(
        startReload: { m, shown, prepare in worker.start(m, shown, prepare: prepare) },
        reloadDescriptor: fd, export: { _, _ in "" }, now: { backend.now },
        timeOfDay: { "10:00" }))
    #expect(loop.run() == 0)
    return (loop, backend)
  }

  @Test func keysAreAnsweredWhileTheWorkerLoadsAndTheNewDataArrives() throws {
    let dir = try directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Dorset's W1 doubled on disk.
    let (loop, backend) = try run(
      dir, change: "funding.csv",
      { $0.replacingFirst(",100000000,,at least,", with: ",200000000,,at least,") },
      during: [.key(.char("3")), .key(.down), .idle(0.5), .capture])
    let during = backend.captured[0].lines
    #expect(during[1].contains("3 Funding"))  // the key was answered during the load
    #expect(during.last?.contains("reloading") == true)
    let after = backend.captured[1].lines
    #expect(after.last?.contains("loaded 10:00") == true)
    #expect(loop.state.pane == .funding)
    #expect(loop.state.data.reloading == nil)
    #expect(loop.state.data.loadErrors.isEmpty)
    #expect(loop.state.data.changedCodes == ["E54000041"])  // Dorset
  }

  @Test func aBrokenFileLeavesTheLastGoodDataAndSaysWhereItIsBroken() throws {
    let dir = try directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let dorset = { (l: DashboardLoop) in
      l.state.dataset.footprints.firstIndex { $0.code == "E54000041" }
    }
    let (loop, backend) = try run(
      dir, change: "funding.csv",
      { $0.replacingFirst(",100000000,,at least,", with: ",-5,,at least,") },
      during: [.key(.char("3"))])
    #expect(loop.state.data.reloading == nil)
    let errors = loop.state.data.loadErrors
    #expect(errors.contains { $0.file.hasSuffix("funding.csv") && $0.line > 0 })
    // The data on screen is the last good load: Dorset's £100m is still there.
    let f = try #require(dorset(loop))
    #expect(loop.state.metrics.funding[f].quoted == 100_000_000)
    #expect(backend.captured[0].lines.joined().contains("funding.csv"))
    #expect(loop.state.pane == .funding)
  }
}
