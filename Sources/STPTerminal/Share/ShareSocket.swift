import STPPlatform

/// Why sharing or following cannot start: the message the user sees.
public struct ShareFailure: Error, Equatable, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// A connected peer's credentials (`SO_PEERCRED`).
public struct PeerCredentials: Equatable, Sendable {
  public var pid: Int32
  public var uid: UInt32
  public var gid: UInt32
}

#if canImport(Glibc)
  let socketStream = Int32(SOCK_STREAM.rawValue)
#else
  let socketStream = SOCK_STREAM
#endif

/// The Unix sockets of a shared presentation: in a directory only its owner can enter
/// (`$XDG_RUNTIME_DIR/stp-dash`, else `/tmp/stp-dash-UID`, mode 0700; 0750 and the group's
/// when a group is admitted), checked for owner and mode before use; nothing on a network.
public enum ShareSocket {
  /// The directory for presentations, created if missing, refused if it is a link, is not a
  /// directory, belongs to someone else or is open wider than `group` allows.
  /// `place` replaces the usual directory (tests).
  public static func directory(group: UInt32? = nil, create: Bool = true, place: String? = nil)
    throws(ShareFailure) -> String
  {
    let uid = getuid()
    let base: String
    if let b = place {
      base = b
    } else if group == nil, let x = getenv("XDG_RUNTIME_DIR").map({ String(cString: $0) }),
      x.hasPrefix("/")
    {
      base = x + "/stp-dash"
    } else {
      base = "/tmp/stp-dash-\(uid)"
    }
    var st = stat()
    if lstat(base, &st) != 0 {
      guard create else {
        throw ShareFailure("no presentation is shared here (\(base) is missing)")
      }
      guard mkdir(base, 0o700) == 0 || errno == EEXIST else {
        throw ShareFailure("cannot create \(base): \(String(cString: strerror(errno)))")
      }
      guard lstat(base, &st) == 0 else { throw ShareFailure("cannot read \(base)") }
    }
    guard st.st_mode & S_IFMT == S_IFDIR else {
      throw ShareFailure("\(base) is not a directory (a link or a file): refusing to use it")
    }
    guard st.st_uid == uid else {
      throw ShareFailure("\(base) belongs to user \(st.st_uid), not to you: refusing to use it")
    }
    if let g = group {
      // The group may enter and connect; nobody else.
      guard chown(base, uid, g) == 0, chmod(base, 0o750) == 0 else {
        throw ShareFailure("cannot give \(base) to group \(g): \(String(cString: strerror(errno)))")
      }
    } else if st.st_mode & 0o077 != 0 {
      guard chmod(base, 0o700) == 0 else {
        throw ShareFailure("\(base) is open to others and cannot be closed: refusing to use it")
      }
    }
    return base
  }

  /// A presentation's socket path: `NAME.sock` in `directory`. Names are letters, digits, `-`
  /// and `_`, at most 40.
  public static func path(_ name: String, in directory: String) throws(ShareFailure) -> String {
    guard !name.isEmpty, name.count <= 40,
      name.unicodeScalars.allSatisfy({
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "-" || $0 == "_"
      })
    else {
      throw ShareFailure("a presentation's name is letters, digits, - and _ (at most 40)")
    }
    return directory + "/" + name + ".sock"
  }

  /// Listens at `path` (non-blocking). A socket left there by a presenter that died is replaced
  /// only when it is yours and nothing answers on it; a link, another's file or a live
  /// presentation is refused.
  public static func listen(at path: String, group: UInt32?) throws(ShareFailure) -> Int32 {
    var st = stat()
    if lstat(path, &st) == 0 {
      guard st.st_mode & S_IFMT == S_IFSOCK else {
        throw ShareFailure("\(path) is not a socket (a link or a file): refusing to replace it")
      }
      guard st.st_uid == getuid() else {
        throw ShareFailure("\(path) belongs to someone else: refusing to replace it")
      }
      if let fd = try? connect(to: path) {
        close(fd)
        throw ShareFailure("a presentation is already shared at \(path)")
      }
      unlink(path)
    }
    let fd = try bound(path)
    if let g = group {
      guard chown(path, getuid(), g) == 0, chmod(path, 0o660) == 0 else {
        close(fd)
        throw ShareFailure("cannot give \(path) to the group: \(String(cString: strerror(errno)))")
      }
    } else {
      chmod(path, 0o600)
    }
    guard STPPlatform.listen(fd, 64) == 0 else {
      close(fd)
      throw ShareFailure("cannot listen at \(path): \(String(cString: strerror(errno)))")
    }
    setNonBlocking(fd)
    return fd
  }

  static func bound(_ path: String) throws(ShareFailure) -> Int32 {
    let fd = socket(AF_UNIX, socketStream, 0)
    guard fd >= 0 else { throw ShareFailure("cannot make a socket") }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    var ok = false
    withAddress(path) { a, n in ok = bind(fd, a, n) == 0 }
    guard ok else {
      let why = String(cString: strerror(errno))
      close(fd)
      throw ShareFailure("cannot share at \(path): \(why)")
    }
    return fd
  }

  /// Connects to the presentation at `path` (blocking connect, then non-blocking reads).
  public static func connect(to path: String, owner: UInt32? = nil) throws(ShareFailure)
    -> Int32
  {
    var st = stat()
    guard lstat(path, &st) == 0 else { throw ShareFailure("no presentation at \(path)") }
    guard st.st_mode & S_IFMT == S_IFSOCK else {
      throw ShareFailure("\(path) is not a socket (a link or a file): refusing to follow it")
    }
    if let o = owner, st.st_uid != o {
      throw ShareFailure("\(path) does not belong to its directory's owner: refusing to follow it")
    }
    let fd = socket(AF_UNIX, socketStream, 0)
    guard fd >= 0 else { throw ShareFailure("cannot make a socket") }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    var ok = false
    withAddress(path) { a, n in ok = STPPlatform.connect(fd, a, n) == 0 }
    guard ok else {
      let why = errno == EACCES ? "not allowed" : String(cString: strerror(errno))
      close(fd)
      throw ShareFailure("cannot follow \(path): \(why)")
    }
    setNonBlocking(fd)
    return fd
  }

  /// Presentations you may follow: yours (in your directory), and those other users share with
  /// a group of yours (in their `/tmp/stp-dash-UID`, which you can enter only when admitted);
  /// each directory checked to be a real directory owned by the user it is named for and closed
  /// to others. Yours first.
  public static func shared() -> [(name: String, path: String, owner: UInt32)] {
    var out: [(name: String, path: String, owner: UInt32)] = []
    let me = UInt32(getuid())
    if let mine = try? directory(create: false) {
      for n in names(in: mine) { out.append((n, mine + "/" + n + ".sock", me)) }
    }
    guard let d = opendir("/tmp") else { return out }
    defer { closedir(d) }
    while let e = readdir(d) {
      let entry = withUnsafeBytes(of: e.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard entry.hasPrefix("stp-dash-"), let uid = UInt32(entry.dropFirst(9)), uid != me else {
        continue
      }
      let dir = "/tmp/" + entry
      var st = stat()
      guard lstat(dir, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, st.st_uid == uid,
        st.st_mode & 0o007 == 0
      else { continue }
      for n in names(in: dir) { out.append((n, dir + "/" + n + ".sock", uid)) }
    }
    return out
  }

  /// The names of the presentations in `directory` you may see.
  public static func names(in directory: String) -> [String] {
    guard let d = opendir(directory) else { return [] }
    defer { closedir(d) }
    var out: [String] = []
    while let e = readdir(d) {
      let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasSuffix(".sock") { out.append(String(name.dropLast(5))) }
    }
    return out.sorted()
  }

  /// The peer's credentials on a connected Unix socket (Linux `SO_PEERCRED`).
  public static func peer(_ fd: Int32) -> PeerCredentials? {
    var cred = PeerCredentials(pid: 0, uid: 0, gid: 0)
    var len = socklen_t(MemoryLayout<PeerCredentials>.size)
    let r = withUnsafeMutableBytes(of: &cred) {
      getsockopt(fd, SOL_SOCKET, SO_PEERCRED, $0.baseAddress, &len)
    }
    return r == 0 ? cred : nil
  }

  /// Whether a peer may follow: the same user, or (with a group admitted) a member of it.
  public static func admits(_ p: PeerCredentials, group: UInt32?) -> Bool {
    if p.uid == getuid() { return true }
    guard let g = group else { return false }
    if p.gid == g { return true }
    guard let pw = getpwuid(p.uid) else { return false }
    var groups = [gid_t](repeating: 0, count: 256)
    var n = Int32(groups.count)
    guard getgrouplist(pw.pointee.pw_name, pw.pointee.pw_gid, &groups, &n) >= 0 else {
      return false
    }
    return groups.prefix(Int(n)).contains(g)
  }

  /// A user's login name, or the number when there is none.
  public static func userName(_ uid: UInt32) -> String {
    getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "\(uid)"
  }

  /// A group's number by name or number.
  public static func group(named name: String) -> UInt32? {
    if let n = UInt32(name) { return n }
    return getgrnam(name).map { $0.pointee.gr_gid }
  }

  static func setNonBlocking(_ fd: Int32) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
  }

  static func withAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Void) {
    var a = sockaddr_un()
    a.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: a.sun_path) - 1))
    withUnsafeMutableBytes(of: &a.sun_path) { raw in
      for (i, b) in bytes.enumerated() { raw[i] = b }
      raw[bytes.count] = 0
    }
    withUnsafePointer(to: &a) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
  }
}
