internal import CSTPScan
import STPPlatform
import Synchronization

/// A user's data file whose rows' text is read again from the file itself when a row is shown,
/// instead of being kept in memory: a million funding rows then hold their 32-byte records, not
/// the 157 MB of the file (DECISIONS.md, "Memory at scale").
///
/// Safe because the file is held under a read lease (`fcntl(F_SETLEASE)`): before any process
/// opens it for writing or cuts it short, the kernel signals this one and holds that process
/// back; a thread here copies the file (the kernel copies, page cache to page cache) into an
/// unlinked temporary file, reads go on from the copy, and only then is the lease let go. A save
/// by rename leaves the open file as it was and breaks nothing. Should the file change all the
/// same (the process stopped past the kernel's lease-break time, 45 s), the change is seen (size
/// and modification time differ from the load's) and the text is said to be unavailable, never
/// read wrong.
final class LeasedFile: @unchecked Sendable {
  /// What a change to the file's bytes alters: its size and modification time (not its change
  /// time, which a rename over it moves by unlinking it while its bytes stay as they were).
  struct Identity: Equatable {
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    init(_ st: stat) {
      size = Int(st.st_size)
      seconds = Int(st.st_mtim.tv_sec)
      nanoseconds = Int(st.st_mtim.tv_nsec)
    }
  }

  private struct State: @unchecked Sendable {
    /// The descriptor reads come from: the user's file under the lease, or the copy after a
    /// break (-1 when neither).
    var fd: Int32
    /// Whether `fd` is the user's file (leased), not the copy.
    var isOriginal = true
    /// The text can no longer be read as loaded.
    var isLost = false
    /// The whole file mapped read-only: while it is loaded (the parse reads it in place).
    var mapping: UnsafeRawBufferPointer?
  }

  private let state: Mutex<State>
  /// The file's size (fixed: no process can open it for writing while the lease holds).
  let count: Int
  private let identity: Identity

  /// The lease on a duplicate of `fd` (a regular file open read-only), mapped for the load. Nil
  /// when the lease cannot be had (the file open for writing somewhere, another user's file, a
  /// file system without leases) or the file cannot be mapped: the caller reads it whole then.
  static func lease(_ fd: Int32) -> LeasedFile? {
    guard let signal = signal else { return nil }
    let mine = fcntl(fd, F_DUPFD_CLOEXEC, 0)
    guard mine >= 0 else { return nil }
    // Registered under the same lock as the lease is taken: a break signalled at once waits for
    // the file to be known rather than going unanswered.
    return live.withLock { live -> LeasedFile? in
      var st = stat()
      guard stp_lease_take(mine, signal) == 0, fstat(mine, &st) == 0, st.st_size > 0,
        let base = mmap(nil, Int(st.st_size), PROT_READ, MAP_SHARED, mine, 0), base != MAP_FAILED
      else {
        _ = stp_lease_drop(mine)
        close(mine)
        return nil
      }
      let file = LeasedFile(
        fd: mine, identity: Identity(st),
        mapping: UnsafeRawBufferPointer(start: base, count: Int(st.st_size)))
      live[mine] = Weak(file: file)
      return file
    }
  }

  private init(fd: Int32, identity: Identity, mapping: UnsafeRawBufferPointer) {
    count = identity.size
    self.identity = identity
    state = Mutex(State(fd: fd, mapping: mapping))
  }

  deinit {
    let s = state.withLock { $0 }
    if s.isOriginal { Self.live.withLock { $0[s.fd] = nil } }
    if let m = s.mapping { Self.unmap(m) }
    if s.fd >= 0 {
      if s.isOriginal { _ = stp_lease_drop(s.fd) }
      close(s.fd)
    }
  }

  /// Whether the text is still as it was loaded (false once it changed under a stopped process,
  /// or a break could not be answered with a copy).
  var isIntact: Bool { state.withLock { !$0.isLost } }

  /// Calls `body` with the whole file's bytes: the load's mapping, or (after the load) a mapping
  /// made for the call. Nil when the text is lost.
  func withMapping<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    if let m = state.withLock({ $0.isLost ? nil : $0.mapping }) {
      return body(m.bindMemory(to: UInt8.self))
    }
    return state.withLock { s -> R? in
      // The lease held (the lock keeps a break waiting, and its writer with it) and the file
      // as loaded: the mapping cannot reach past its end.
      if s.isOriginal && !s.isLost && !Self.isSame(s.fd, identity) { s.isLost = true }
      guard !s.isLost, s.fd >= 0,
        let base = mmap(nil, count, PROT_READ, MAP_SHARED, s.fd, 0), base != MAP_FAILED
      else { return nil }
      let m = UnsafeRawBufferPointer(start: base, count: count)
      defer { Self.unmap(m) }
      return body(m.bindMemory(to: UInt8.self))
    }
  }

  /// Lets the pages wholly inside `range` of the load's mapping go from the process's memory
  /// (they stay in the file, and come back if read again).
  func release(_ range: Range<Int>) {
    if let m = state.withLock({ $0.mapping }) { TextStore.releasePages(of: m, range) }
  }

  /// The load is over: the mapping goes (rows are read with `withReader` from now on).
  func loaded() {
    if let m = state.withLock({ s -> UnsafeRawBufferPointer? in
      defer { s.mapping = nil }
      return s.mapping
    }) {
      Self.unmap(m)
    }
  }

  /// Calls `body` with a reader of the file (bytes at an offset into a buffer: how many), all
  /// its reads under one hold of the lock and one check that the file is as loaded: many rows
  /// read at once (a detail's 20,000) cost a read each, not a lock, a check and a read. Nil
  /// when the text is lost.
  func withReader<R>(
    _ body: ((UnsafeMutableRawBufferPointer, Int) -> Int) -> R
  ) -> R? {
    state.withLock { s -> R? in
      guard !s.isLost, s.fd >= 0 else { return nil }
      let fd = s.fd
      let result = body { buffer, offset in
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
          let n = pread(fd, base + done, buffer.count - done, off_t(offset + done))
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { break }
          done += n
        }
        return done
      }
      if s.isOriginal && !Self.isSame(fd, identity) {
        s.isLost = true
        return nil
      }
      return result
    }
  }

  /// Rows read one after another into one buffer (512 bytes: most rows whole in one read, a
  /// realistic row being about 160; larger blocks copied more than they served), which grows
  /// for a longer row.
  struct RowReads: ~Copyable {
    private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 8)
    let read: (UnsafeMutableRawBufferPointer, Int) -> Int
    let count: Int

    init(_ read: @escaping (UnsafeMutableRawBufferPointer, Int) -> Int, count: Int) {
      self.read = read
      self.count = count
    }

    deinit { buffer.deallocate() }

    /// `body` with the bytes from `start` on and whether they reach the end of the file; read
    /// again, more of them, each time it returns nil before the end.
    mutating func row<R>(
      from start: Int, _ body: (UnsafeBufferPointer<UInt8>, _ toEnd: Bool) -> R?
    ) -> R? {
      while true {
        let want = min(buffer.count, max(0, count - start))
        let n = read(UnsafeMutableRawBufferPointer(rebasing: buffer[..<want]), start)
        let toEnd = start + n >= count || n < want
        let bytes = UnsafeBufferPointer(
          start: buffer.bindMemory(to: UInt8.self).baseAddress, count: n)
        if let r = body(bytes, toEnd) { return r }
        if toEnd { return nil }
        let larger = buffer.count * 4
        buffer.deallocate()
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: larger, alignment: 8)
      }
    }
  }

  /// The lease is being broken (another process opens the file to write it): the file is
  /// copied, reads and the load's mapping move to the copy, and the lease goes.
  func answerBreak() {
    state.withLock { s in
      guard s.isOriginal, s.fd >= 0 else { return }
      let original = s.fd
      defer {
        Self.live.withLock { $0[original] = nil }
        _ = stp_lease_drop(original)
        close(original)
        s.isOriginal = false
      }
      guard Self.isSame(original, identity),
        let (copy, copied) = TextStore.temporaryFile(copying: original, limit: count + 1),
        copied == count, Self.isSame(original, identity)
      else {
        s.isLost = true
        s.fd = -1
        return
      }
      if let m = s.mapping, let base = m.baseAddress {
        // The same addresses, now the copy's pages: a parse reading them sees the same bytes.
        let moved = mmap(
          UnsafeMutableRawPointer(mutating: base), count, PROT_READ, MAP_SHARED | MAP_FIXED, copy,
          0)
        if moved == MAP_FAILED {
          s.isLost = true
        }
      }
      s.fd = copy
    }
  }

  private static func isSame(_ fd: Int32, _ identity: Identity) -> Bool {
    var st = stat()
    return fstat(fd, &st) == 0 && Identity(st) == identity
  }

  private static func unmap(_ m: UnsafeRawBufferPointer) {
    if let base = m.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), m.count) }
  }

  // MARK: - The lease signal

  private struct Weak: @unchecked Sendable {
    weak var file: LeasedFile?
  }

  /// Leased files by descriptor, for the thread that answers breaks.
  private static let live = Mutex<[Int32: Weak]>([:])

  /// The lease signal, once its handler, pipe and answering thread are set up; nil when they
  /// cannot be (then no file is leased).
  private static let signal: Int32? = {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return nil }
    let (readEnd, writeEnd) = (fds[0], fds[1])
    _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
    let sig = stp_lease_install(writeEnd)
    guard sig > 0, BackgroundJob.detach({ answerBreaks(readEnd) }) else {
      close(readEnd)
      close(writeEnd)
      return nil
    }
    return sig
  }()

  /// The answering thread: each descriptor the handler writes has its lease broken.
  private static func answerBreaks(_ pipe: Int32) {
    var fd: Int32 = -1
    while true {
      let n = withUnsafeMutableBytes(of: &fd) { STPPlatform.read(pipe, $0.baseAddress, 4) }
      if n < 0 && errno == EINTR { continue }
      guard n == 4 else { return }
      let file = live.withLock { $0[fd]?.file }
      file?.answerBreak()
    }
  }
}
