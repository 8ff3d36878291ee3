import Foundation
import STPPlatform
import STPTestSupport
import Testing

@testable import STPTerminal

/// The presentation protocol (issue 25): versioned, length-prefixed, bounded frames of the
/// newest view; whatever a peer sends, the decoder returns messages or an error, never a crash.
@Suite struct ShareProtocolTests {
  var view: SharedView {
    var v = SharedView()
    v.presenter = "ana"
    v.data = "embedded #0123"
    v.pane = "map"
    v.selected = "E54000041"
    v.filter = "region:North, 100%\nnew line"
    v.measure = "per-head"
    v.compare = ["E54000041", "E54000007"]
    v.spotlight = ["E54000007"]
    v.slide = 3
    v.secondsLeft = 12
    return v
  }

  @Test func aViewSurvivesTheWireWhole() throws {
    var d = ShareDecoder()
    let frame = ShareWire.encode(.view(view)) + ShareWire.encode(.end)
    #expect(try d.feed(frame) == [.view(view), .end])
    // Byte by byte: a frame is only read when all of it has come.
    var e = ShareDecoder()
    var got: [ShareMessage] = []
    for b in frame { got += try e.feed([b]) }
    #expect(got == [.view(view), .end])
  }

  @Test func badFramesCloseTheConnectionWithAReason() {
    func fails(_ bytes: [UInt8], _ words: String) {
      var d = ShareDecoder()
      do {
        _ = try d.feed(bytes)
        Issue.record("accepted: \(words)")
      } catch {
        #expect(error.description.contains(words), "\(error.description)")
      }
    }
    let good = ShareWire.encode(.view(view))
    fails(Array("HTTP/1.1 200 OK\r\n".utf8), "not an stp-dash presentation")
    var other = good
    other[4] = 9
    fails(other, "protocol 9")
    var kind = good
    kind[5] = UInt8(ascii: "X")
    fails(kind, "unknown message")
    // Oversized: refused from the header, before the bytes are held.
    fails(Array("STPS".utf8) + [1, UInt8(ascii: "V"), 0x7F, 0xFF, 0xFF, 0xFF], "over the limit")
    fails(
      Array("STPS".utf8) + [1, UInt8(ascii: "V"), 0, 0, 0, 8] + Array("pane=%Z\n".utf8),
      "malformed escape")
    fails(
      Array("STPS".utf8) + [1, UInt8(ascii: "V"), 0, 0, 0, 5] + Array("pane\n".utf8),
      "malformed line")
  }

  @Test func unknownKeysAreIgnoredAndHugeFiltersCut() throws {
    var d = ShareDecoder()
    let payload = Array("pane=charts\nfuture=yes\n".utf8)
    let frame =
      Array("STPS".utf8) + [1, UInt8(ascii: "V"), 0, 0, 0, UInt8(payload.count)] + payload
    let got = try d.feed(frame)
    #expect(got.count == 1)
    if case .view(let v) = got.first { #expect(v.pane == "charts") }
    var big = view
    big.filter = String(repeating: "x", count: 100_000)
    #expect(ShareWire.encode(.view(big)).count <= ShareWire.maxPayload + 10)
  }
}

/// The sockets, in-process: a presenter and followers on a private directory; who may connect;
/// a stopped follower never slows the presenter; stale, linked and foreign paths.
@Suite(.serialized) struct ShareSocketTests {
  static func tempDir() -> String {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("share-\(UUID())").path
    return d
  }

  /// Reads until `link` has given a view (at most 2 s).
  static func nextView(_ link: FollowLink) -> SharedView? {
    let end = Date().addingTimeInterval(2)
    while Date() < end {
      for e in link.read() { if case .view(let v) = e { return v } }
      usleep(5_000)
    }
    return nil
  }

  @Test func followersGetTheNewestViewAndTheEnd() throws {
    let dir = Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let hub = try ShareHub(name: "demo", group: nil, directory: dir)
    var st = stat()
    #expect(lstat(dir, &st) == 0 && st.st_mode & 0o777 == 0o700)
    let a = try FollowLink(name: nil, directory: dir)  // the only one there
    let b = try FollowLink(name: "demo", directory: dir)
    usleep(20_000)
    #expect(hub.handle(hub.descriptors[0]))
    #expect(hub.names.count == 2)
    var v = SharedView()
    v.pane = "map"
    v.selected = "E54000041"
    hub.publish(v)
    #expect(Self.nextView(a) == v && Self.nextView(b) == v)
    // The same view again sends nothing.
    hub.publish(v)
    usleep(20_000)
    #expect(a.read().isEmpty)
    hub.stop()
    usleep(20_000)
    #expect(a.read() == [.ended])
    #expect(lstat(dir + "/demo.sock", &st) != 0, "the socket is removed")
  }

  @Test func aStoppedFollowerNeverSlowsThePresenter() throws {
    let dir = Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let hub = try ShareHub(name: "slow", group: nil, directory: dir)
    defer { hub.stop() }
    let stuck = try FollowLink(name: "slow", directory: dir)  // never reads until the end
    usleep(20_000)
    _ = hub.handle(hub.descriptors[0])
    var v = SharedView()
    var worst = 0.0
    let start = Date()
    for i in 0..<5_000 {
      v.filter = String(repeating: "f", count: 2_000) + "\(i)"
      let t = Date()
      hub.publish(v)
      worst = max(worst, Date().timeIntervalSince(t))
    }
    let total = Date().timeIntervalSince(start)
    print(
      "share: 5,000 views of 2 KB to a follower that does not read: \(Int(total * 1000)) ms, "
        + "slowest publish \(Int(worst * 1_000_000)) µs")
    #expect(worst < 0.05)
    // When it reads again it gets views, the last of them the newest.
    var last: SharedView?
    let end = Date().addingTimeInterval(3)
    while Date() < end, last?.filter != v.filter {
      hub.retry()
      for e in stuck.read() { if case .view(let got) = e { last = got } }
      usleep(2_000)
    }
    #expect(last?.filter == v.filter)
  }

  @Test func stalePathsAreReplacedOnlyWhenSafe() throws {
    let dir = Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try ShareSocket.directory(place: dir)
    // A live presentation of that name: refused.
    let live = try ShareHub(name: "x", group: nil, directory: dir)
    #expect(throws: ShareFailure.self) { try ShareHub(name: "x", group: nil, directory: dir) }
    // A dead one's socket (nothing listens): replaced.
    close(live.listener)
    let again = try ShareHub(name: "x", group: nil, directory: dir)
    again.stop()
    // A link at the socket's path: refused, by presenter and follower.
    symlink("/etc/passwd", dir + "/y.sock")
    #expect(throws: ShareFailure.self) { try ShareHub(name: "y", group: nil, directory: dir) }
    #expect(throws: ShareFailure.self) { try FollowLink(name: "y", directory: dir) }
    // A directory that is a link, or open to others, or another's.
    let linked = dir + "-link"
    symlink(dir, linked)
    defer { unlink(linked) }
    #expect(throws: ShareFailure.self) { try ShareSocket.directory(place: linked) }
    chmod(dir, 0o777)
    _ = try ShareSocket.directory(place: dir)
    var st = stat()
    #expect(lstat(dir, &st) == 0 && st.st_mode & 0o777 == 0o700, "closed again")
    if getuid() == 0 {
      chown(dir, 65534, 65534)
      #expect(throws: ShareFailure.self) { try ShareSocket.directory(place: dir) }
      chown(dir, 0, 0)
    }
    // Names cannot leave the directory.
    #expect(throws: ShareFailure.self) { try ShareSocket.path("../x", in: dir) }
  }
}
