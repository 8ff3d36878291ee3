import STPPlatform

/// A reference to text held in a `TextStore`: a byte range, decoded only when asked for.
///
/// Large tables (funding, partners) keep their text this way so that loading a million rows makes
/// no `String` per cell; a screen decodes the few dozen rows it shows.
public struct TextRef: Equatable, Hashable, Sendable {
  let start: UInt32
  let packed: UInt32  // length in the low 31 bits; the top bit marks doubled quotes to collapse

  /// The empty text.
  public static let empty = TextRef(start: 0, count: 0, hasEscapedQuotes: false)

  init(start: Int, count: Int, hasEscapedQuotes: Bool) {
    self.start = UInt32(start)
    self.packed = UInt32(count) | (hasEscapedQuotes ? 0x8000_0000 : 0)
  }

  /// Number of bytes (before doubled quotes are collapsed).
  public var byteCount: Int { Int(packed & 0x7FFF_FFFF) }
  /// Whether the text is empty.
  public var isEmpty: Bool { byteCount == 0 }
  var hasEscapedQuotes: Bool { packed & 0x8000_0000 != 0 }
}

/// The bytes of one loaded file, which `TextRef`s point into: in memory (the file's bytes as
/// read, or the program's own embedded data), or spilled to a file that is mapped back (see
/// `spilled()`).
public struct TextStore: Sendable {
  /// Where the bytes are. A class, so that a mapping is unmapped exactly once, when the last
  /// dataset that shares it goes.
  final class Storage: @unchecked Sendable {
    let heap: [UInt8]
    let mapped: UnsafeRawBufferPointer?
    /// The user's file itself, under a lease: rows are read from it when shown.
    let leased: LeasedFile?
    /// Bytes of the executable's read-only data (the embedded files): read where they are,
    /// never copied and never freed.
    let embedded: UnsafeBufferPointer<UInt8>?

    init(heap: [UInt8]) {
      self.heap = heap
      mapped = nil
      leased = nil
      embedded = nil
    }

    init(embedded: UnsafeBufferPointer<UInt8>) {
      heap = []
      mapped = nil
      leased = nil
      self.embedded = embedded
    }

    init(leased: LeasedFile) {
      heap = []
      mapped = nil
      self.leased = leased
      embedded = nil
    }

    init(mapped: UnsafeRawBufferPointer) {
      heap = []
      self.mapped = mapped
      leased = nil
      embedded = nil
    }

    deinit {
      if let m = mapped, let base = m.baseAddress {
        munmap(UnsafeMutableRawPointer(mutating: base), m.count)
      }
    }

    func withBuffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
      if let m = mapped { return body(m.bindMemory(to: UInt8.self)) }
      if let l = leased {
        // A lost text reads as no bytes (its rows then read as blank; `isIntact` says why).
        return l.withMapping(body) ?? body(UnsafeBufferPointer(start: nil, count: 0))
      }
      if let e = embedded { return body(e) }
      return heap.withUnsafeBufferPointer(body)
    }
  }

  let storage: Storage

  /// Wraps a file's bytes.
  public init(_ bytes: [UInt8]) { storage = Storage(heap: bytes) }

  /// Bytes that live as long as the program (the embedded files, in its read-only data): read
  /// in place. Copying them cost each start 0.3 million instructions and ~50 more fresh pages
  /// (1.5-1.8 µs each on this project's VM), for 400 KB that were then kept twice.
  public init(embedded: UnsafeBufferPointer<UInt8>) { storage = Storage(embedded: embedded) }

  init(storage: Storage) { self.storage = storage }

  /// The user's file, leased (`LeasedFile`): its rows are read from it when shown.
  init(leased: LeasedFile) { storage = Storage(leased: leased) }

  /// Number of bytes.
  public var count: Int {
    storage.leased?.count ?? storage.mapped?.count ?? storage.embedded?.count ?? storage.heap.count
  }

  /// The bytes as read into memory; nil for a store that is not an array of them (embedded,
  /// mapped or leased).
  var heapBytes: [UInt8]? {
    storage.embedded == nil && storage.mapped == nil && storage.leased == nil ? storage.heap : nil
  }

  /// Whether the bytes live in memory (not spilled, not left in the user's file).
  public var isInMemory: Bool { storage.mapped == nil && storage.leased == nil }

  /// Whether the bytes are read from the user's file itself (under a lease).
  public var isLeased: Bool { storage.leased != nil }

  /// Whether the text is as loaded: false only for a leased file changed in a way the lease
  /// could not stop (the process stopped for longer than the kernel waits for it).
  public var isIntact: Bool { storage.leased?.isIntact ?? true }

  /// The load is over: a leased file's mapping goes (rows are read again when shown).
  func loaded() { storage.leased?.loaded() }

  /// Calls `body` with the bytes from `start` on: all of them in memory, or for a leased file
  /// 512 bytes read from it, more each time `body` returns nil (a row longer than what was read;
  /// its second argument says whether the bytes reach the end). Nil when a leased file's text
  /// is lost.
  func withBytes<R>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>, _ toEnd: Bool) -> R?)
    -> R?
  {
    guard let leased = storage.leased else {
      return withBuffer { all in
        body(UnsafeBufferPointer(rebasing: all[min(start, all.count)...]), true)
      }
    }
    return leased.withReader { read in
      withoutActuallyEscaping(read) { read in
        var rows = LeasedFile.RowReads(read, count: leased.count)
        return rows.row(from: start, body)
      }
    } ?? nil
  }

  /// Calls `body` with the bytes.
  public func withBuffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    storage.withBuffer(body)
  }

  /// The same bytes written to an unlinked temporary file and mapped back read-only: they leave
  /// the process's memory (the kernel pages in what a screen reads, and can drop it again), so a
  /// reload does not hold two datasets' text at once. Nil when it cannot be done (no writable
  /// temporary directory, a full disk); the caller keeps the bytes in memory then.
  public func spilled() -> TextStore? {
    // Small stores are not worth a file; embedded bytes are not the process's to give back.
    guard isInMemory, storage.embedded == nil, count >= 1 << 20 else { return nil }
    let dirs = [getenv("TMPDIR").map { String(cString: $0) }, "/var/tmp", "/tmp"].compactMap { $0 }
    for dir in dirs {
      var template = Array((dir + "/stp-dash-text-XXXXXX").utf8CString)
      let fd = mkstemp(&template)
      guard fd >= 0 else { continue }
      _ = unlink(template)  // gone when unmapped
      defer { close(fd) }
      let ok = storage.heap.withUnsafeBytes { raw -> Bool in
        var done = 0
        while done < raw.count {
          // baseAddress!: done < count, so the buffer is not empty.
          let n = write(fd, raw.baseAddress! + done, raw.count - done)
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { return false }
          done += n
        }
        return true
      }
      guard ok else { continue }
      let base = mmap(nil, count, PROT_READ, MAP_SHARED, fd, 0)
      guard let base, base != MAP_FAILED else { continue }
      return TextStore(storage: Storage(mapped: UnsafeRawBufferPointer(start: base, count: count)))
    }
    return nil
  }

  /// An unlinked temporary file (in `$TMPDIR`, `/var/tmp` or `/tmp`) holding the bytes of `fd`
  /// from its start to its end (at most `limit`), copied by the kernel: its descriptor and size.
  /// Nil when no temporary directory takes it.
  static func temporaryFile(copying fd: Int32, limit: Int) -> (Int32, Int)? {
    let dirs = [getenv("TMPDIR").map { String(cString: $0) }, "/var/tmp", "/tmp"].compactMap { $0 }
    for dir in dirs {
      var template = Array((dir + "/stp-dash-text-XXXXXX").utf8CString)
      let out = mkstemp(&template)
      guard out >= 0 else { continue }
      _ = unlink(template)  // gone when closed and unmapped
      var offset = off_t(0)
      var failed = false
      while Int(offset) < limit {
        let n = sendfile(out, fd, &offset, min(1 << 30, limit - Int(offset)))
        if n < 0 && errno == EINTR { continue }
        if n < 0 { failed = true }
        if n <= 0 { break }
      }
      if failed {
        close(out)
        continue
      }
      return (out, Int(offset))
    }
    return nil
  }

  /// The first `count` bytes of `fd` mapped read-only; nil when the mapping fails.
  init?(mapping fd: Int32, count: Int) {
    guard count > 0 else {
      self.init([])
      return
    }
    let base = mmap(nil, count, PROT_READ, MAP_SHARED, fd, 0)
    guard let base, base != MAP_FAILED else { return nil }
    self.init(storage: Storage(mapped: UnsafeRawBufferPointer(start: base, count: count)))
  }

  /// Lets the pages wholly inside `range` go from the process's memory (a mapped store only; its
  /// bytes stay in the file and come back when read again). The loader calls it behind itself,
  /// so that reading a file never holds all of it at once.
  public func release(_ range: Range<Int>) {
    if let l = storage.leased { return l.release(range) }
    if let m = storage.mapped { Self.releasePages(of: m, range) }
  }

  /// Lets the pages wholly inside `range` of mapping `m` go (a mapped store's, or a leased
  /// file's while it is loaded).
  static func releasePages(of m: UnsafeRawBufferPointer, _ range: Range<Int>) {
    guard let base = m.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (range.lowerBound + page - 1) / page * page
    let end = min(range.upperBound, m.count) / page * page
    guard end > start else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
  }

  /// The text a reference points to in `buf`.
  static func string(_ buf: UnsafeBufferPointer<UInt8>, _ ref: TextRef) -> String {
    guard !ref.isEmpty else { return "" }
    let start = Int(ref.start)
    return decodeCSVText(
      buf, start..<(start + ref.byteCount), hasEscapedQuotes: ref.hasEscapedQuotes)
  }

  /// The text a reference points to.
  public func string(_ ref: TextRef) -> String {
    guard !ref.isEmpty else { return "" }
    return withBuffer { Self.string($0, ref) }
  }
}
