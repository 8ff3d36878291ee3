import STPPlatform

/// The presenter's end of a shared presentation: a listening Unix socket and its followers.
/// Each follower holds at most the frame being written and the newest one after it, so a slow
/// or stopped follower never slows the presenter (older views are dropped; it gets the newest
/// when it reads again). Followers send nothing; a follower that closes is dropped.
public final class ShareHub {
  struct Follower {
    var fd: Int32
    var name: String
    /// The rest of the frame being written, then the newest frame waiting.
    var writing: [UInt8] = []
    var next: [UInt8]?
  }

  /// The share's name and socket path.
  public let name: String
  public let path: String
  let listener: Int32
  let group: UInt32?
  var followers: [Follower] = []
  var latest: [UInt8]?
  /// Connections refused (wrong user), for the status line and tests.
  public private(set) var refused = 0
  /// Told just before a changed view is sent (benchmarks).
  public var onPublish: (() -> Void)?

  /// Shares as `name` (the socket in `ShareSocket.directory`), admitting `group` as well as
  /// the same user.
  public init(name: String, group: UInt32?, directory: String? = nil) throws(ShareFailure) {
    let dir = try ShareSocket.directory(group: group, place: directory)
    let path = try ShareSocket.path(name, in: dir)
    self.listener = try ShareSocket.listen(at: path, group: group)
    self.name = name
    self.path = path
    self.group = group
  }

  /// The descriptors the loop waits on: the listener and each follower (readable on close).
  public var descriptors: [Int32] { [listener] + followers.map(\.fd) }

  /// The followers' login names, in the order they joined.
  public var names: [String] { followers.map(\.name) }

  /// Whether some follower has bytes waiting (the loop retries soon).
  public var hasPending: Bool { followers.contains { !$0.writing.isEmpty || $0.next != nil } }

  /// Handles a readable descriptor: accepts and checks new followers, or drops one that closed.
  /// Returns whether the followers changed.
  public func handle(_ fd: Int32) -> Bool {
    if fd == listener {
      var changed = false
      while true {
        let c = accept(listener, nil, nil)
        guard c >= 0 else { break }
        _ = fcntl(c, F_SETFD, FD_CLOEXEC)
        ShareSocket.setNonBlocking(c)
        guard let p = ShareSocket.peer(c), ShareSocket.admits(p, group: group) else {
          refused += 1
          close(c)
          continue
        }
        var f = Follower(fd: c, name: ShareSocket.userName(p.uid))
        if let l = latest { f.next = l }
        followers.append(f)
        flush(followers.count - 1)
        changed = true
      }
      return changed
    }
    guard let i = followers.firstIndex(where: { $0.fd == fd }) else { return false }
    var junk = [UInt8](repeating: 0, count: 256)
    let n = read(fd, &junk, junk.count)
    if n > 0 { return false }  // a follower has nothing to say; what it sends is ignored
    if n < 0 && (errno == EAGAIN || errno == EINTR) { return false }
    close(fd)
    followers.remove(at: i)
    return true
  }

  /// Shares `view` with every follower, if it differs from the last shared. Returns whether the
  /// followers changed (one that went away while written to).
  @discardableResult public func publish(_ view: SharedView) -> Bool {
    let frame = ShareWire.encode(.view(view))
    guard frame != latest else { return retry() }
    latest = frame
    onPublish?()
    for i in followers.indices { followers[i].next = frame }
    return retry()
  }

  /// Writes what each follower has waiting, as far as it takes it. Returns whether a follower
  /// was dropped.
  @discardableResult public func retry() -> Bool {
    var dropped = false
    var i = 0
    while i < followers.count {
      if flush(i) {
        i += 1
      } else {
        close(followers[i].fd)
        followers.remove(at: i)
        dropped = true
      }
    }
    return dropped
  }

  /// Writes to follower `i` without blocking; false when its connection is gone.
  @discardableResult func flush(_ i: Int) -> Bool {
    while true {
      if followers[i].writing.isEmpty {
        guard let n = followers[i].next else { return true }
        followers[i].writing = n
        followers[i].next = nil
      }
      let w = followers[i].writing.withUnsafeBytes {
        send(followers[i].fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if w < 0 { return errno == EAGAIN || errno == EINTR }
      followers[i].writing.removeFirst(w)
    }
  }

  /// Says the end to every follower (as far as each takes it at once), closes and removes the
  /// socket.
  public func stop() {
    let end = ShareWire.encode(.end)
    for f in followers {
      // Mid-frame, the end would be read as the frame's rest: the close says it instead.
      if f.writing.isEmpty {
        end.withUnsafeBytes { _ = send(f.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      }
      close(f.fd)
    }
    followers = []
    close(listener)
    unlink(path)
  }
}

/// The follower's end: a connection to a presentation, read as frames.
public final class FollowLink {
  /// The connection (nil once closed).
  public private(set) var descriptor: Int32?
  var decoder = ShareDecoder()
  /// The share followed.
  public let name: String

  /// Follows the presentation `name` (nil: the only one there is).
  /// `directory`: look only there (tests); otherwise in yours and in those shared with you.
  public init(name: String?, directory: String? = nil) throws(ShareFailure) {
    var all: [(name: String, path: String, owner: UInt32)]
    if let directory {
      let dir = try ShareSocket.directory(create: false, place: directory)
      all = ShareSocket.names(in: dir).map { ($0, dir + "/" + $0 + ".sock", UInt32(getuid())) }
    } else {
      all = ShareSocket.shared()
    }
    if let name {
      _ = try ShareSocket.path(name, in: "")  // a valid name, or the reason
      all = all.filter { $0.name == name }
      guard let first = all.first else {
        throw ShareFailure("no presentation named '\(name)' is shared with you")
      }
      all = [first]  // yours first, when two users share one name
    }
    guard all.count == 1 else {
      throw ShareFailure(
        all.isEmpty
          ? "no presentation is shared with you (start one with: stp-dash present --share)"
          : "\(all.count) presentations are shared: name one ("
            + all.map(\.name).joined(separator: ", ") + ")")
    }
    self.name = all[0].name
    descriptor = try ShareSocket.connect(to: all[0].path, owner: all[0].owner)
  }

  /// What arrived: views, the end, or why the connection closed. Nothing for a spurious wake.
  public func read() -> [FollowEvent] {
    guard let fd = descriptor else { return [] }
    var out: [FollowEvent] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = STPPlatform.read(fd, &chunk, chunk.count)
      if n > 0 {
        do {
          for m in try decoder.feed(chunk.prefix(n)) {
            switch m {
            case .view(let v): out.append(.view(v))
            case .end:
              close()
              return out + [.ended]
            }
          }
        } catch {
          close()
          return out + [.failed("closed: the presenter sent \(error.description)")]
        }
        continue
      }
      if n < 0 && (errno == EAGAIN || errno == EINTR) { return out }
      // Closed without an end: the presenter was killed or lost its terminal.
      close()
      return out + [.ended]
    }
  }

  func close() {
    if let fd = descriptor { _ = STPPlatform.close(fd) }
    descriptor = nil
  }
}

/// What a follower's connection brought.
public enum FollowEvent: Equatable, Sendable {
  case view(SharedView)
  /// The presentation ended (or the presenter went away).
  case ended
  /// The connection was closed for a reason.
  case failed(String)
}
