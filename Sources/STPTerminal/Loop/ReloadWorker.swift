import STPModel
import STPPlatform
import Synchronization

/// Reloads a data directory on a thread of its own, one load at a time, so that the screen
/// answers keys during a long load: the dashboard's `LoopServices.startReload`. When a load's
/// outcome is in the mailbox it writes a byte to a pipe whose read end (`descriptor`) the loop
/// watches. Without a pipe or a thread it loads on the caller's thread: slower to answer keys,
/// never wrong.
public final class ReloadWorker: Sendable {
  /// The directory loaded.
  public let directory: String
  /// How the data is named on screen.
  let origin: String?
  /// The files of the last good load: they must still be there (a reload that loses one is an
  /// error, and the last good data stays on screen).
  let files: Mutex<Set<String>>
  /// The pipe's read end, for the loop (`LoopServices.reloadDescriptor`); nil without a pipe.
  public let descriptor: Int32?
  /// The pipe's write end.
  let wake: Int32?
  /// Loads finished so far, their outcomes in a mailbox (tests wait on it).
  public var finishedLoads: Int { finished.load(ordering: .acquiring) }
  private let finished = Atomic<Int>(0)

  /// How a directory is loaded: `DatasetLoader.load(directory:required:origin:)`, its outcome.
  public typealias Load =
    @Sendable (_ directory: String, _ required: Set<String>, _ origin: String?) -> Result<
      LoadResult, DatasetLoadError
    >
  /// The load run (tests hold it back to type during it).
  let load: Load

  /// A worker for `directory`, whose first load read `files`. `threaded: false` loads on the
  /// caller's thread (no pipe); `load` replaces the directory load (tests).
  public init(
    directory: String, origin: String?, files: Set<String>, threaded: Bool = true,
    load: Load? = nil
  ) {
    self.directory = directory
    self.origin = origin
    self.files = Mutex(files)
    self.load =
      load ?? { dir, required, origin in ReloadWorker.loadDirectory(dir, required, origin) }
    var ends: [Int32] = [-1, -1]
    if threaded && pipe(&ends) == 0 {
      for fd in ends {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
      }
      descriptor = ends[0]
      wake = ends[1]
    } else {
      descriptor = nil
      wake = nil
    }
  }

  deinit {
    if let descriptor { close(descriptor) }
    if let wake { close(wake) }
  }

  /// Starts a reload (`LoopServices.startReload`): the data on screen (`shown`) is first spilled
  /// to mapped files and handed back through the mailbox, then the directory is loaded and its
  /// views prepared off the screen's thread, and the outcome is put in the mailbox.
  public func start(
    _ mailbox: ReloadMailbox, _ shown: Dataset,
    prepare: @escaping @Sendable (LoadResult) -> PreparedViews
  ) {
    // Held so that the worker can let go of it once spilled (a captured value would live as
    // long as the whole load).
    let old = Mutex<Dataset?>(shown)
    let job: @Sendable () -> Void = { [self] in
      if wake != nil {
        // Lower priority than the screen's thread (on Linux, who 0 is the calling thread only):
        // on a busy machine keys come first.
        #if os(Linux)
          _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
        DatasetLoader.prefaultsPages.store(false, ordering: .relaxed)
      }
      // First the data on screen leaves memory for mapped files, then the new data is built:
      // the two are never both in memory (1M rows: a reload peaked at 1.9x). Loading on the
      // loop's own thread, there is no screen to hand it to meanwhile: nothing to spill.
      let spilled = old.withLock { d in
        defer { d = nil }
        return wake == nil ? nil : d?.withSpilledText()
      }
      if let spilled {
        mailbox.putSpilled(spilled)
        signal()
        // Let the screen take it (and free the old) before building the new: the loop is
        // waiting for just this, so it takes a millisecond; never more than 200 ms.
        for _ in 0..<200 where !mailbox.spilledTaken { usleep(1000) }
      }
      let required = files.withLock { $0 }
      let result = load(directory, required, origin)
      if case .success(let r) = result { files.withLock { $0 = r.files } }
      // The new data's views are made here too, off the screen's thread.
      let prepared = (try? result.get()).map(prepare)
      mailbox.put(result, prepared: prepared)
      finished.add(1, ordering: .releasing)
      signal()
    }
    if wake == nil || !BackgroundJob.detach(job) { job() }
  }

  /// The directory load, as a Result.
  public static func loadDirectory(_ dir: String, _ required: Set<String>, _ origin: String?)
    -> Result<LoadResult, DatasetLoadError>
  {
    Result { () throws(DatasetLoadError) in
      try DatasetLoader.load(directory: dir, required: required, origin: origin)
    }
  }

  /// Wakes the loop: one byte down the pipe (a full pipe already wakes it).
  private func signal() {
    guard let wake else { return }
    var byte: UInt8 = 1
    _ = write(wake, &byte, 1)
  }
}
