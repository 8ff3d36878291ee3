import STPModel
import STPPlatform
import Synchronization

/// Map layouts made off the screen's thread, in the dashboard: rasterising a large boundaries
/// file (and working out its topology) took up to a second, during which keys and signals went
/// unanswered. When on (`start`), a layout not yet made is made on a thread of its own and the
/// map pane says so meanwhile; when it is ready, a byte on a pipe (`descriptor`, which the loop
/// watches) wakes the loop to draw it. Off (batch commands, tests), layouts are made in place.
public final class MapWork: Sendable {
  /// The one the dashboard starts; its map caches use it.
  public static let shared = MapWork()

  private let ends = Mutex<(read: Int32, write: Int32)?>(nil)
  private let running = Atomic<Int>(0)

  /// Layouts are made off the caller's thread from now on; false if no pipe could be made
  /// (then they are made in place, as before).
  @discardableResult
  public func start() -> Bool {
    ends.withLock { e in
      if e != nil { return true }
      var fds: [Int32] = [-1, -1]
      guard pipe(&fds) == 0 else { return false }
      for fd in fds {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
      }
      e = (fds[0], fds[1])
      return true
    }
  }

  /// The pipe's read end, readable when a layout is ready; nil when off.
  public var descriptor: Int32? { ends.withLock { $0?.read } }
  /// Whether a layout is being made now.
  public var isBusy: Bool { running.load(ordering: .acquiring) > 0 }

  /// Runs `work` on a thread of its own and wakes the loop when it is done; false when off or
  /// no thread could be made (the caller does the work itself).
  /// `isLayout: false`: other work that wakes the loop when done (the panes' views and the
  /// councils made after the first frame), not counted as a layout being made.
  func run(_ work: @escaping @Sendable () -> Void, isLayout: Bool = true) -> Bool {
    guard let wake = ends.withLock({ $0?.write }) else { return false }
    let counted = isLayout ? 1 : 0
    running.add(counted, ordering: .releasing)
    let started = BackgroundJob.detach { [self] in
      work()
      running.subtract(counted, ordering: .releasing)
      var byte: UInt8 = 1
      _ = write(wake, &byte, 1)
    }
    if !started { running.subtract(counted, ordering: .releasing) }
    return started
  }

  /// Empties the pipe after a wake.
  public func drain() {
    guard let fd = descriptor else { return }
    var bytes = [UInt8](repeating: 0, count: 64)
    while read(fd, &bytes, bytes.count) > 0 {}
  }
}
