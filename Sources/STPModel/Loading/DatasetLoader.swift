import STPEmbeddedData
import STPPlatform
import Synchronization

/// A loaded dataset and the warnings its files raised.
public struct LoadResult: Sendable {
  /// The whole, valid dataset.
  public var dataset: Dataset
  /// Problems that did not stop the load, in file and line order.
  public var warnings: [ValidationIssue]
  /// The files of the format that were read.
  public var files: Set<String> = []
  /// The metrics of the dataset for its newest period, derived once by the load (the checks
  /// across files need them).
  public var metrics: Metrics
}

/// Loads and validates a data directory (or the embedded data): all of it, or nothing.
///
/// A load either returns a whole valid `Dataset` or throws `DatasetLoadError` with every error
/// found, so a screen can keep its last good data when a file is broken.
public enum DatasetLoader {
  /// The files of the format, in load order. Only `footprints.csv` is required.
  public static let fileNames: [String] = Schema.all.map(\.file)

  /// Every file a data directory may hold: the CSVs and the map's `boundaries.geojson` (without
  /// it, the embedded ONS shapes are used).
  public static let allFileNames: [String] = fileNames + [GeoJSONBoundaries.fileName]

  /// What the embedded data is called on screen and in reports.
  public static let embeddedOrigin = "embedded 2017-18 reference data"

  /// Loads the dataset compiled into the program.
  public static func loadEmbedded() throws(DatasetLoadError) -> LoadResult {
    try load(
      files: EmbeddedData.inPlace.map { ($0.name, TextStore(embedded: $0.bytes)) },
      origin: embeddedOrigin, isDirectory: false)
  }

  /// The embedded files as (name, bytes), e.g. to write them out for a user to edit.
  public static var embeddedFiles: [(name: String, bytes: [UInt8])] { EmbeddedData.files }

  /// Whether loads map their large buffers in with one call (faster, but it holds the process's
  /// address-space lock while it runs, which stalls other threads' allocations: a dashboard
  /// reloading in the background turns it off so that keys are not held up).
  public static let prefaultsPages = Atomic<Bool>(true)

  /// Whether large files are parsed in parts at once: funding.csv and partners.csv in two
  /// halves, councils.csv beside the others (tests compare both ways).
  public static let parsesInTwo = Atomic<Bool>(true)
  /// The size from which funding.csv is mapped rather than read (`mapCopyOfFile`): an eighth of
  /// the memory free at start, and at least 64 MB. Mapped, a file of 3M rows peaks at 0.4x its
  /// size instead of 1.3x, but the copy makes the load three times slower on this project's
  /// machine (BENCHMARKS.md), so only a file that could press on memory is mapped (on a 24 GB
  /// machine none is: the cap is 2 GB). Tests and benchmarks set it to compare both ways.
  public static let mapFrom = Atomic<Int>(
    max(64 << 20, Int(sysconf(Int32(_SC_AVPHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE))) / 8))

  /// The size from which funding.csv's rows keep their text in the user's file, read again
  /// when shown (`LeasedFile`), instead of in memory: 256 MB (about 1.6 million rows). Below
  /// it memory is cheap and a row in memory is quicker to show: at 1M rows (157 MB) a Detail of
  /// an STP's 23,000 rows opened in 0.58 s read whole and 0.76 s leased (a read a row), while
  /// the whole load peaks at 220 MB. Where no lease can be had, a file past `mapFrom` is mapped
  /// from a copy. Tests and benchmarks set it to compare the ways.
  public static let leaseFrom = Atomic<Int>(256 << 20)

  /// Loads the CSV files of a data directory. Files named in `required` must be there: a reload
  /// passes the files of the last good load, so that a deleted file is an error (and the last
  /// good data stays on screen) rather than a silent loss of what it held.
  public static func load(
    directory path: String, required: Set<String> = [], origin: String? = nil
  ) throws(DatasetLoadError) -> LoadResult {
    var isDir: ObjCBoolLike = false
    guard fileExists(path, isDirectory: &isDir) else {
      throw DatasetLoadError(issues: [
        ValidationIssue(.error, file: path, "data directory not found")
      ])
    }
    guard isDir else {
      throw DatasetLoadError(issues: [
        ValidationIssue(
          .error, file: path, "not a directory: --data takes a directory of CSV files")
      ])
    }
    var files: [(String, TextStore)] = []
    var early: [ValidationIssue] = []
    var unreadable: Set<String> = []
    // Files reached by a link to somewhere outside the directory: read, but their contents are
    // never quoted in a message (a link to another user's file must not leak it into errors).
    let home = realPath(path)
    var outside: Set<String> = []
    for name in allFileNames {
      let full = path.hasSuffix("/") ? path + name : path + "/" + name
      // A large funding.csv is mapped, not read: the loader lets its pages go as it reads, so
      // a file of millions of rows is never all in memory (the rows it keeps are a fifth of it).
      let read: Result<TextStore, ReadFailure>
      switch name == "funding.csv"
        ? leasedFile(full, from: Self.leaseFrom.load(ordering: .relaxed))
          ?? mapCopyOfFile(full, from: Self.mapFrom.load(ordering: .relaxed)) : nil
      {
      case .success(let store)?: read = .success(store)
      case .failure(let failure)?: read = .failure(failure)
      case nil: read = readFile(full).map(TextStore.init)
      }
      switch read {
      case .success(let bytes):
        files.append((name, bytes))
        if let home, let target = realPath(full),
          !target.hasPrefix(home.hasSuffix("/") ? home : home + "/")
        {
          outside.insert(name)
        }
      case .failure(.notFound):
        if required.contains(name) {
          early.append(
            ValidationIssue(
              .error, file: name,
              "missing: it was there at the last load (restore it, or restart to load without it)"))
        }
      case .failure(.unreadable(let reason)):
        early.append(ValidationIssue(.error, file: name, "cannot read: \(reason)"))
        unreadable.insert(name)  // one problem, one message: not "missing" as well
      }
    }
    for name in listDirectory(path)
    where name.lowercased().hasSuffix(".csv")
      && !fileNames.contains(name)
    {
      early.append(
        ValidationIssue(
          .warning, file: name,
          "not a file of the stp-dash format; ignored (expected: \(fileNames.joined(separator: ", ")))"
        ))
    }
    guard !outside.isEmpty else {
      return try load(
        files: files, origin: origin ?? path, isDirectory: true, earlyIssues: early,
        unreadable: unreadable)
    }
    func withheld(_ issues: [ValidationIssue]) -> [ValidationIssue] {
      issues.map { i in
        guard outside.contains(i.file) else { return i }
        var i = i
        i.message =
          "a problem here; this file is reached by a link outside the data directory, so its "
          + "contents are not quoted (check it with the link's target)"
        return i
      }
    }
    do {
      var result = try load(
        files: files, origin: origin ?? path, isDirectory: true, earlyIssues: early,
        unreadable: unreadable)
      result.warnings = withheld(result.warnings)
      return result
    } catch {
      throw DatasetLoadError(issues: withheld(error.issues), errorTotal: error.errorTotal)
    }
  }

  /// Loads files given as (name, bytes); names not in the format are ignored.
  public static func load(
    files: [(name: String, bytes: [UInt8])], origin: String
  ) throws(DatasetLoadError) -> LoadResult {
    try load(files: files.map { ($0.name, TextStore($0.bytes)) }, origin: origin, isDirectory: true)
  }

  /// Loads files given as (name, bytes in memory, embedded, mapped or leased).
  static func load(
    files: [(name: String, bytes: TextStore)], origin: String, isDirectory: Bool,
    earlyIssues: [ValidationIssue] = [], unreadable: Set<String> = []
  ) throws(DatasetLoadError) -> LoadResult {
    let log = IssueLog()
    earlyIssues.forEach(log.add)
    var byName: [String: TextStore] = [:]
    for f in files { byName[f.name] = f.bytes }
    var builder = Builder(log: log)
    guard let footprintBytes = byName["footprints.csv"] else {
      if !unreadable.contains("footprints.csv") {
        log.add(
          ValidationIssue(
            .error, file: "footprints.csv",
            "missing: footprints.csv lists the STPs that every other file refers to"))
      }
      throw log.loadError(fileOrder: allFileNames)
    }
    builder.readFootprints(footprintBytes)
    // footprints.csv unreadable as a table (a header typo, a wrong encoding): every code in the
    // other files would be "unknown", hundreds of errors caused by one. Say the one.
    if builder.footprints.isEmpty && log.hasErrors {
      log.add(
        ValidationIssue(
          .error, file: "footprints.csv",
          "the other files were not checked: every STP code they use must be in footprints.csv"))
      throw log.loadError(fileOrder: allFileNames)
    }
    // A large councils.csv is read beside the others (100,000 councils take ~0.1 s, overlapping
    // the serial check for repeated partners).
    let councils = byName["councils.csv"].flatMap { bytes in
      bytes.count >= 1 << 20 && parsesInTwo.load(ordering: .relaxed)
        ? builder.readCouncilsAlongside(bytes) : nil
    }
    for schema in Schema.all.dropFirst() {
      guard let bytes = byName[schema.file] else {
        // No lineage.csv: the embedded ONS lineage for the footprints it knows, as for the map.
        if schema.file == "lineage.csv" {
          if !unreadable.contains(schema.file) {
            builder.readLineage(TextStore(embedded: EmbeddedData.lineage), embedded: true)
          }
          continue
        }
        if !unreadable.contains(schema.file) {
          log.add(ValidationIssue(.warning, file: schema.file, Self.missingNote(schema.file)))
        }
        continue
      }
      switch schema.file {
      case "waves.csv": builder.readWaves(bytes)
      case "ratings.csv": builder.readRatings(bytes)
      case "band_totals.csv": builder.readBandTotals(bytes)
      case "partners.csv": builder.readPartners(bytes)
      case "partner_counts.csv": builder.readPartnerCounts(bytes)
      case "funding.csv": builder.readFunding(bytes)
      case "designations.csv": builder.readDesignations(bytes)
      case "leaders.csv": builder.readLeaders(bytes)
      case "lineage.csv": builder.readLineage(bytes)
      case "councils.csv":
        if let councils { builder.takeCouncils(councils) } else { builder.readCouncils(bytes) }
      default: break
      }
    }
    builder.finishPartners()
    // The map's shapes: the directory's own, or the embedded ONS ones matched by code.
    let codes = builder.footprints.map(\.code)
    var geography: Geography?
    if let bytes = byName[GeoJSONBoundaries.fileName]?.heapBytes {
      geography = GeoJSONBoundaries.read(bytes, codes: codes, log: log).map(Geography.init)
    } else if !unreadable.contains(GeoJSONBoundaries.fileName) {
      geography = .embedded(codes: codes)
    }
    if log.hasErrors {
      throw log.loadError(fileOrder: allFileNames)
    }
    var dataset = builder.dataset(origin: origin)
    if let geography { dataset.geography = geography }
    // Metrics once per load: the checks across files read them, and callers reuse them.
    let metrics = Metrics(dataset)
    CrossChecks.warnings(dataset, metrics).forEach(log.add)
    return LoadResult(
      dataset: dataset, warnings: log.sorted(fileOrder: allFileNames),
      files: Set(files.map(\.name)), metrics: metrics)
  }

  static func missingNote(_ file: String) -> String {
    switch file {
    case "ratings.csv": "not found: every band is shown as unknown"
    case "band_totals.csv": "not found: no published band totals"
    case "partners.csv": "not found: partner lists are unknown"
    case "partner_counts.csv": "not found: no stated partner counts"
    case "waves.csv": "not found: no national wave totals"
    case "funding.csv": "not found: funding is unknown"
    case "designations.csv": "not found: no designations"
    case "councils.csv": "not found: the councils in each footprint are unknown"
    default: "not found"
    }
  }
}

// MARK: - Files

typealias ObjCBoolLike = Bool

/// The canonical absolute path (links resolved), nil when it cannot be resolved.
func realPath(_ path: String) -> String? {
  guard let p = realpath(path, nil) else { return nil }
  defer { free(p) }
  return String(cString: p)
}

/// Why a file could not be read.
public enum ReadFailure: Error {
  case notFound
  case unreadable(String)
}

func fileExists(_ path: String, isDirectory: inout Bool) -> Bool {
  var st = stat()
  guard stat(path, &st) == 0 else { return false }
  isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
  return true
}

/// The names in a directory, sorted ("." and ".." left out); empty when it cannot be read.
public func listDirectory(_ path: String) -> [String] {
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) {
      $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
    }
    if name != "." && name != ".." { names.append(name) }
  }
  return names.sorted()
}

/// The largest file read (data or theme): 2 GB.
public let maxFileBytes = Int(UInt32.max / 2)

/// Reads a whole regular file into bytes with one allocation (a 50 MB file is read in a few ms).
/// Only regular files (or links to one): opened without blocking, so a FIFO cannot hang the
/// open, then refused with what it is, as are devices (`/dev/zero` would never end) and sockets.
/// Every read is bounded by `maxFileBytes`, a file still growing included.
public func readFile(_ path: String) -> Result<[UInt8], ReadFailure> {
  withRegularFile(path) { fd, size in read(fd, size) }
}

/// The bytes of open file `fd`, `size` bytes at the open and any more it grew by since.
private func read(_ fd: Int32, _ size: Int) -> Result<[UInt8], ReadFailure> {
  var failure: String?
  // Uninitialised capacity: no memset of a 50 MB buffer that read(2) fills anyway.
  var bytes = [UInt8](unsafeUninitializedCapacity: size) { raw, initialized in
    let base = UnsafeMutableRawPointer(raw.baseAddress)
    /// Reads [from, to) with pread: the bytes read, and the error if one stopped it.
    func readRange(_ from: Int, _ to: Int) -> (Int, Int32) {
      prefault(base.map { $0 + from }, byteCount: to - from)
      var done = from
      while done < to {
        // base!: nil only for an empty file, and then this loop never runs.
        let n = pread(fd, base! + done, to - done, off_t(done))
        if n < 0 {
          if errno == EINTR { continue }
          return (done - from, errno)
        }
        if n == 0 { break }
        done += n
      }
      return (done - from, 0)
    }
    // A large file is read in two halves at once: copying from the page cache is most of a
    // load's first 80 ms at 150 MB, and a second core halves it.
    let mid = size >= 32 << 20 ? size / 2 : size
    let second = mid < size ? Alongside.start { readRange(mid, size) } : nil
    let (firstRead, firstError) = readRange(0, second == nil ? size : mid)
    let (secondRead, secondError) = second?.join() ?? (0, 0)
    if firstError != 0 || secondError != 0 {
      failure = String(cString: strerror(firstError != 0 ? firstError : secondError))
    }
    initialized = second == nil || firstRead < mid ? firstRead : mid + secondRead
  }
  if let failure { return .failure(.unreadable(failure)) }
  lseek(fd, off_t(bytes.count), SEEK_SET)
  // A file that grew while being read: read the rest, up to the limit.
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
    if bytes.count >= maxFileBytes {
      return .failure(.unreadable("file too large (2 GB or more, still growing)"))
    }
  }
  return .success(bytes)
}

/// Opens a regular file (or a link to one) for reading: its descriptor, to be closed by the
/// caller, and its size. Opened without blocking, so a FIFO cannot hang the open, then refused
/// with what it is, as are devices (`/dev/zero` would never end) and sockets.
func openRegularFile(_ path: String) -> Result<(Int32, Int), ReadFailure> {
  let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
  if fd < 0 {
    let e = errno
    // A link whose target is gone is not an absent file: say so, for every file alike.
    var st = stat()
    if e == ENOENT && lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK {
      return .failure(.unreadable("a link to a file that does not exist"))
    }
    return .failure(e == ENOENT ? .notFound : .unreadable(String(cString: strerror(e))))
  }
  var st = stat()
  var failure: String?
  if fstat(fd, &st) != 0 {
    failure = String(cString: strerror(errno))
  } else {
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: failure = "is a directory"
    case S_IFIFO: failure = "is a FIFO (named pipe), not a regular file"
    case S_IFCHR, S_IFBLK: failure = "is a device, not a regular file"
    case S_IFSOCK: failure = "is a socket, not a regular file"
    default: failure = "is not a regular file"
    }
  }
  if let failure {
    close(fd)
    return .failure(.unreadable(failure))
  }
  // A regular file reads the same blocking or not; clear the flag all the same.
  _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
  return .success((fd, Int(st.st_size)))
}

/// A large file's bytes without holding them in the process's memory: copied by the kernel
/// (`sendfile`, page cache to page cache) into an unlinked temporary file that is mapped back
/// read-only, so that the loader can drop the pages it has read (`TextStore.release`) and a
/// screen pages in the few rows it shows. A copy, not the file itself: the user's file may change
/// or shrink while the dashboard shows it, and a mapping of it would then show other text or end
/// the process (SIGBUS). Nil when the file is under `from` bytes, or the copy cannot be made (no
/// writable temporary directory, a full disk): the caller reads it into memory then.
func mapCopyOfFile(_ path: String, from: Int) -> Result<TextStore, ReadFailure>? {
  let mapped = withRegularFile(path) { fd, size -> Result<TextStore?, ReadFailure> in
    guard size >= from,
      let (copy, copied) = TextStore.temporaryFile(copying: fd, limit: maxFileBytes)
    else { return .success(nil) }
    defer { close(copy) }
    if copied >= maxFileBytes {
      return .failure(.unreadable("file too large (2 GB or more, still growing)"))
    }
    return .success(TextStore(mapping: copy, count: copied))
  }
  switch mapped {
  case .success(let store): return store.map { .success($0) }
  case .failure(let failure): return .failure(failure)
  }
}

/// Regular file `path` of `from` bytes or more, held under a read lease and mapped for the load
/// (`LeasedFile`); nil when it is smaller or cannot be leased (the caller reads it another way).
func leasedFile(_ path: String, from: Int) -> Result<TextStore, ReadFailure>? {
  let leased = withRegularFile(path) { fd, size -> Result<TextStore?, ReadFailure> in
    guard size >= from, let file = LeasedFile.lease(fd) else { return .success(nil) }
    return .success(TextStore(leased: file))
  }
  switch leased {
  case .success(let store): return store.map { .success($0) }
  case .failure: return nil  // the other ways say what is wrong
  }
}

/// `body` with regular file `path` open (its descriptor and size), closed afterwards; a file
/// that is not one, or of `maxFileBytes` or more, is refused with the reason.
func withRegularFile<T>(
  _ path: String, _ body: (_ fd: Int32, _ size: Int) -> Result<T, ReadFailure>
) -> Result<T, ReadFailure> {
  switch openRegularFile(path) {
  case .failure(let failure): return .failure(failure)
  case .success(let (fd, size)):
    defer { close(fd) }
    if size >= maxFileBytes { return .failure(.unreadable("file too large (2 GB or more)")) }
    return body(fd, size)
  }
}

/// Work running on a thread of its own, to be joined for its result (a half of a read or a
/// check, the second part of a parse, the embedded data while the terminal is set up).
/// `join` returns as soon as the result is there, not when the thread has ended: at start the
/// thread's exit (its memory given back) cost the first frame a further 1.3 ms (median of 21
/// starts in tmux, issue 26).
public final class Alongside<T>: @unchecked Sendable {
  private var result: T?
  /// Posted once the result is set (memory of its own: a semaphore must not move).
  private let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

  private init() { sem_init(done, 0, 0) }

  deinit {
    sem_destroy(done)
    done.deallocate()
  }

  /// Starts `work`; nil when no thread could be made (run it yourself then).
  public static func start(_ work: @escaping () -> T) -> Alongside<T>? {
    let r = Alongside<T>()
    // The thread holds `r` until its work is done, so the semaphore outlives the post.
    let started = BackgroundJob.startDetached {
      r.result = work()
      sem_post(r.done)
    }
    return started ? r : nil
  }

  /// Waits for the work and hands its result over (once: nothing here keeps it, so a first
  /// load's data can go when a reload replaces it).
  public func join() -> T {
    while sem_wait(done) != 0 {}  // only a signal interrupts it (EINTR): wait again
    // take()!: set by the work before it posted, and the wait saw the post.
    return result.take()!
  }
}

/// Work on a thread of its own, to be joined (or detached: `detach`).
public final class BackgroundJob: @unchecked Sendable {
  private var thread = pthread_t()
  private let work: () -> Void

  private init(_ work: @escaping () -> Void) { self.work = work }

  /// Starts `work`; nil when no thread could be made.
  public static func start(_ work: @escaping () -> Void) -> BackgroundJob? {
    let job = BackgroundJob(work)
    let me = Unmanaged.passRetained(job).toOpaque()
    let status = pthread_create(
      &job.thread, nil,
      { raw in
        // raw!: pthread_create passes back `me`, never nil.
        let job = Unmanaged<BackgroundJob>.fromOpaque(raw!).takeRetainedValue()
        job.work()
        return nil
      }, me)
    if status != 0 {
      Unmanaged<BackgroundJob>.fromOpaque(me).release()
      return nil
    }
    return job
  }

  /// Waits for the work to end.
  public func join() { pthread_join(thread, nil) }

  /// Runs `work` on a thread that nobody waits for (it cleans up after itself); false when no
  /// thread could be made, so the caller can do the work itself.
  public static func detach(_ work: @escaping @Sendable () -> Void) -> Bool {
    startDetached(work)
  }

  /// `detach` for work whose result the caller collects itself (`Alongside`).
  static func startDetached(_ work: @escaping () -> Void) -> Bool {
    guard let job = start(work) else { return false }
    pthread_detach(job.thread)
    return true
  }
}

/// Maps in the pages of a large fresh buffer with one call before it is filled, instead of one
/// page fault per 4 KB as `read(2)` writes it: reading a 72 MB file took 35 ms, 30 ms with this
/// (a C check of the same reads here). Every page is about to be written, so nothing extra becomes resident. Only a
/// hint; kernels before 5.14 refuse it and nothing changes.
func prefault(_ pointer: UnsafeMutableRawPointer?, byteCount: Int) {
  guard DatasetLoader.prefaultsPages.load(ordering: .relaxed) else { return }
  #if os(Linux)
    let page = 4096
    guard let pointer, byteCount >= 64 * page else { return }
    let start = (Int(bitPattern: pointer) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: pointer) + byteCount) & ~(page - 1)
    guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(aligned, end - start, MADV_POPULATE_WRITE)
  #endif
}
