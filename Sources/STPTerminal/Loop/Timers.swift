import STPModel

/// The run loop's timing rules as data: when to reload after files change, and the timers that
/// effects ask for (`Effect.after`). Pure: every method takes the time, so tests drive it with
/// any clock.
public struct LoopTimers: Sendable {
  /// Pending timers by key: a new timer of the same key replaces the old one, so a repeating
  /// tick cannot double.
  private var timers: [String: (at: Double, action: Action)] = [:]
  /// When a debounced reload is due, and when the burst of changes that asked for it began.
  private(set) var reloadAt: Double?
  private var burstStart: Double?

  /// Quiet time after a settled change (a file closed after writing), after bytes that are
  /// still arriving, and the longest a burst can hold a reload back.
  public static let settledDelay = 0.03
  /// Quiet time while a file is still being written (its bytes still arriving).
  public static let writingDelay = 0.3
  /// The longest a burst of changes can put a reload off, in seconds.
  public static let burstCap = 0.5

  /// No timers pending.
  public init() {}

  /// Asks for `action` at `now + seconds`, replacing any pending timer of the same key.
  public mutating func schedule(_ action: Action, after seconds: Double, key: String, now: Double) {
    timers[key] = (now + max(0, seconds), action)
  }

  /// Drops a pending timer.
  public mutating func cancel(_ key: String) { timers[key] = nil }

  /// Files in the data directory changed. Debounce: reload once they have been quiet for 30 ms
  /// (300 ms while bytes are still arriving without a close), but never later than 500 ms after
  /// the burst began, so a writer that never stops cannot hold the screen back.
  public mutating func filesChanged(_ urgency: DirectoryWatcher.Urgency, now: Double) {
    if reloadAt == nil { burstStart = now }
    let quiet = now + (urgency == .settled ? Self.settledDelay : Self.writingDelay)
    reloadAt = min(quiet, (burstStart ?? now) + Self.burstCap)
  }

  /// A reload happened (asked for, or due): nothing is pending.
  public mutating func reloaded() {
    reloadAt = nil
    burstStart = nil
  }

  /// The earliest moment something is due, if anything is pending.
  public var nextDeadline: Double? {
    ([reloadAt] + timers.values.map(\.at)).compactMap { $0 }.min()
  }

  /// Milliseconds to wait from `now` (rounded up), nil to wait without limit.
  public func timeout(now: Double) -> Int32? {
    nextDeadline.map { Self.milliseconds(until: $0, now: now) }
  }

  /// Milliseconds from `now` to `deadline`, rounded up (0 when it has passed, a day at most).
  static func milliseconds(until deadline: Double, now: Double) -> Int32 {
    Int32(min(86_400_000, max(0, (deadline - now) * 1000)).rounded(.up))
  }

  /// Whether the debounced reload is due.
  public func isReloadDue(now: Double) -> Bool { reloadAt.map { $0 <= now } ?? false }

  /// Removes and returns the timers that are due, earliest first.
  public mutating func due(now: Double) -> [Action] {
    let ready = timers.filter { $0.value.at <= now }.sorted { $0.value.at < $1.value.at }
    for (key, _) in ready { timers[key] = nil }
    return ready.map(\.value.action)
  }
}
