import Synchronization

/// A value made on first use, safely from any thread, then kept: per-load caches (the map's
/// shapes, topology and areas; partnership sources; panes' texts) that cost nothing until asked
/// for.
public final class Once<T: Sendable>: Sendable {
  private let make: @Sendable () -> T
  private let made = Mutex<T?>(nil)

  /// A value `make` will build the first time it is asked for.
  public init(_ make: @escaping @Sendable () -> T) { self.make = make }

  /// The value if it is built, without waiting: nil before the first call and while another
  /// thread builds it.
  public var ifMade: T? { made.withLockIfAvailable { $0 } ?? nil }

  /// The value, built now if it is not yet and no other thread is building it; nil while one
  /// is (a caller that must not wait says so instead).
  public var valueUnlessBeingMade: T? {
    made.withLockIfAvailable { v in
      if let v { return v }
      let built = make()
      v = built
      return built
    }
  }

  /// Runs `body` as if another thread were building the value (tests of what a caller that
  /// does not wait shows meanwhile).
  func whileBeingMade<R>(_ body: () -> R) -> R { made.withLock { _ in body() } }

  /// The value, built on the first call.
  public var value: T {
    made.withLock { v in
      if let v { return v }
      let built = make()
      v = built
      return built
    }
  }
}
