import STPPlatform

/// Watches a data directory for changes to its files: inotify on Linux, a stat snapshot compared
/// on a timer elsewhere (or when inotify cannot be had).
///
/// It only says *that* something changed and how soon to look; the caller debounces and reloads.
/// Editors that write a temporary file and rename it over the original, writers that delete and
/// recreate, and a directory replaced by another of the same name are all seen.
public final class DirectoryWatcher {
  /// How soon to reload after what was seen.
  public enum Urgency: Equatable, Sendable {
    /// A write finished (close, rename, create, delete): reload after a short quiet spell.
    case settled
    /// Bytes are still being written (no close yet): wait longer for the writer to finish.
    case writing
  }

  /// The directory watched.
  public let path: String
  /// A descriptor to wait on (readable when something happened); nil when polling.
  public var descriptor: Int32? { inotifyFD >= 0 ? inotifyFD : nil }
  /// How often to compare snapshots when there is no descriptor, in milliseconds.
  public let pollInterval: Int32 = 1000

  private var inotifyFD: Int32 = -1
  private var dirWatch: Int32 = -1
  /// Each ancestor of the path as given, watched for the name of its next component: a parent
  /// re-created, or a link swapped (`ln -sfn releases/v2 current` above `current/data`).
  private var ancestorWatches: [Int32: String] = [:]
  private var snapshot: [String: FileStamp] = [:]

  struct FileStamp: Equatable {
    let size: Int
    let mtime: Int
    let mtimeNanos: Int
    let inode: UInt64
  }

  /// Starts watching `path` (a directory).
  public init(path: String) {
    self.path = path
    #if os(Linux)
      inotifyFD = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      if inotifyFD >= 0 { arm() }
    #endif
    if inotifyFD < 0 { snapshot = takeSnapshot() }
  }

  deinit {
    if inotifyFD >= 0 { close(inotifyFD) }
  }

  #if os(Linux)
    private static let fileEvents = UInt32(
      IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
        | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    /// Watches the directory itself (resolved now) and every ancestor of the path as given, so
    /// that the path is followed when any part of it is replaced.
    private func arm() {
      if dirWatch >= 0 { inotify_rm_watch(inotifyFD, dirWatch) }
      for wd in ancestorWatches.keys { inotify_rm_watch(inotifyFD, wd) }
      ancestorWatches = [:]
      dirWatch = inotify_add_watch(inotifyFD, path, Self.fileEvents)
      let events = UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM)
      for (ancestor, child) in ancestors {
        let wd = inotify_add_watch(inotifyFD, ancestor, events)
        if wd >= 0 { ancestorWatches[wd] = child }
      }
    }
  #endif

  /// The ancestors of the path as given (made absolute, not resolved), each with the name of
  /// the next component: "/srv/current/data" gives ("/", "srv"), ("/srv", "current"),
  /// ("/srv/current", "data").
  var ancestors: [(String, String)] {
    var absolute = path
    if !absolute.hasPrefix("/") {
      var buf = [CChar](repeating: 0, count: 4096)
      if getcwd(&buf, buf.count) != nil {
        let cwd = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        absolute = String(decoding: cwd, as: UTF8.self) + "/" + path
      }
    }
    let parts = absolute.split(separator: "/").map(String.init).filter { $0 != "." }
    var out: [(String, String)] = []
    var current = ""
    for part in parts {
      out.append((current.isEmpty ? "/" : current, part))
      current += "/" + part
    }
    return out
  }

  /// Reads what happened since the last call. Nil when nothing that matters changed.
  public func drain() -> Urgency? {
    #if os(Linux)
      guard inotifyFD >= 0 else { return pollSnapshot() }
      var result: Urgency?
      var rearm = false
      var buffer = [UInt8](repeating: 0, count: 16384)
      while true {
        let n = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        var offset = 0
        while offset + MemoryLayout<inotify_event>.size <= n {
          let (wd, mask, nameLength) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
            let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            return (e.wd, e.mask, Int(e.len))
          }
          let nameStart = offset + MemoryLayout<inotify_event>.size
          let name =
            nameLength == 0
            ? ""
            : buffer.withUnsafeBytes { raw -> String in
              let bytes = raw[nameStart..<(nameStart + nameLength)].prefix { $0 != 0 }
              return String(decoding: bytes, as: UTF8.self)
            }
          offset = nameStart + nameLength
          if let child = ancestorWatches[wd] {
            // A part of the path came or went: follow the path to what it names now.
            if name == child {
              rearm = true
              result = .settled
            }
            continue
          }
          // Events of watches given up by an earlier re-arm (their IN_IGNORED above all) are
          // stale: reacting to them would re-arm for ever.
          guard wd == dirWatch else { continue }
          if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
            rearm = true
            result = .settled
            continue
          }
          guard Self.isDataFile(name) else { continue }  // editors' swap files etc.
          if mask & UInt32(IN_MODIFY) != 0 && mask & ~UInt32(IN_MODIFY) == 0 {
            if result == nil { result = .writing }
          } else {
            result = .settled
          }
        }
      }
      if rearm { arm() }
      return result
    #else
      return pollSnapshot()
    #endif
  }

  /// The files whose changes reload: CSVs, and the map's boundaries.geojson.
  static func isDataFile(_ name: String) -> Bool {
    name.lowercased().hasSuffix(".csv") || name == GeoJSONBoundaries.fileName
  }

  // MARK: - Polling

  private func pollSnapshot() -> Urgency? {
    let now = takeSnapshot()
    defer { snapshot = now }
    return now == snapshot ? nil : .settled
  }

  private func takeSnapshot() -> [String: FileStamp] {
    var result: [String: FileStamp] = [:]
    for name in listDirectory(path) where Self.isDataFile(name) {
      var st = stat()
      guard stat(path + "/" + name, &st) == 0 else { continue }
      #if os(Linux)
        result[name] = FileStamp(
          size: Int(st.st_size), mtime: Int(st.st_mtim.tv_sec),
          mtimeNanos: Int(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
      #else
        result[name] = FileStamp(
          size: Int(st.st_size), mtime: Int(st.st_mtimespec.tv_sec),
          mtimeNanos: Int(st.st_mtimespec.tv_nsec), inode: UInt64(st.st_ino))
      #endif
    }
    return result
  }
}
