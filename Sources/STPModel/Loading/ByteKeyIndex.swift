import STPPlatform

/// A hash index from short keys (STP codes, wave ids) to positions, looked up by raw bytes.
///
/// The funding loader resolves a code on every row; looking it up in a `[String: Int]` would
/// make a `String` per row. This table reads a key of up to 16 bytes as two words, hashes them and
/// compares them with the words kept in the slot, so a lookup touches one slot and calls nothing
/// (measured: a `memcmp` per lookup cost 3% of a million-row load, an array of arrays 15% in
/// retain/release). Longer keys are hashed byte by byte and compared with `memcmp`.
final class ByteKeyIndex {
  private struct Slot {
    var key: Int32 = -1
    var count: Int32 = 0
    var low: UInt64 = 0
    var high: UInt64 = 0
  }

  /// The slots, in memory of their own: a lookup reads them with no bounds or uniqueness checks.
  private let table: UnsafeMutableBufferPointer<Slot>
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  private let starts: [Int]  // key i is bytes[starts[i]..<starts[i + 1]]
  private let mask: Int
  /// 64 minus the number of index bits: a slot is the hash's top bits.
  private let shift: UInt64

  init(_ keys: [String]) {
    let utf8 = keys.map { Array($0.utf8) }
    var starts = [0]
    for k in utf8 { starts.append(starts[starts.count - 1] + k.count) }
    let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(
      capacity: max(starts[starts.count - 1], 1))
    for (i, k) in utf8.enumerated() {
      for (j, b) in k.enumerated() { bytes[starts[i] + j] = b }
    }
    self.bytes = bytes
    self.starts = starts
    var size = 16
    var bits: UInt64 = 4
    while size < keys.count * 4 {
      size *= 2
      bits += 1
    }
    mask = size - 1
    shift = 64 - bits
    var slots = [Slot](repeating: Slot(), count: size)
    let all = UnsafeBufferPointer(bytes)
    for (i, k) in utf8.enumerated() where !k.isEmpty {
      let range = starts[i]..<starts[i + 1]
      let (low, high) = Self.words(all, range)
      var s = Int(Self.hash(all, range, low, high) >> shift)
      // A repeated key keeps its first position, as a dictionary built in order would.
      var repeated = false
      while slots[s].key >= 0 {
        let other = starts[Int(slots[s].key)]..<starts[Int(slots[s].key) + 1]
        if all.sameBytes(other, all, range) {
          repeated = true
          break
        }
        s = (s + 1) & mask
      }
      if !repeated { slots[s] = Slot(key: Int32(i), count: Int32(k.count), low: low, high: high) }
    }
    table = .allocate(capacity: slots.count)
    _ = table.initialize(from: slots)
  }

  deinit {
    bytes.deallocate()
    table.deallocate()
  }

  /// The first two words of a key (zero-padded); both zero for keys over 16 bytes.
  @inline(__always)
  private static func words(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (UInt64, UInt64)
  {
    let n = r.count
    guard n <= 16 else { return (0, 0) }
    return (
      loadWord(buf, r.lowerBound, min(n, 8)), n > 8 ? loadWord(buf, r.lowerBound + 8, n - 8) : 0
    )
  }

  /// For keys up to 16 bytes, Fibonacci hashing of the two words: multiplies whose top bits
  /// (those we index by) depend on every bit of the key (an earlier version used the low bits of
  /// such a product, and codes that differ only in high bytes collided). FNV-1a for longer keys.
  @inline(__always)
  private static func hash(
    _ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ low: UInt64, _ high: UInt64
  ) -> UInt64 {
    let n = r.count
    if n <= 16 {
      return (low ^ ((high &+ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15
    }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in r { h = (h ^ UInt64(buf[i])) &* 0x100_0000_01b3 }
    return h &* 0x9E37_79B9_7F4A_7C15
  }

  /// Whether the key in `slot` is `buf[r]` (whose first words are `low` and `high`).
  @inline(__always)
  private func holds(
    _ slot: Slot, _ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ low: UInt64, _ high: UInt64
  ) -> Bool {
    let n = r.count
    guard Int(slot.count) == n else { return false }
    if n <= 16 { return slot.low == low && slot.high == high }
    // baseAddress!: both hold the n > 16 bytes compared, so neither is empty.
    return memcmp(bytes.baseAddress! + starts[Int(slot.key)], buf.baseAddress! + r.lowerBound, n)
      == 0
  }

  /// Position of the key spelled by `buf[range]`, if any. Keys of up to 16 bytes (codes, wave
  /// ids) take an inlined path with no calls; longer ones `lookupLong`.
  @inline(__always)
  func lookup(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    let n = range.count
    guard n > 0, n <= 16, buf.baseAddress != nil else { return lookupLong(buf, range) }
    let low = loadWord(buf, range.lowerBound, min(n, 8))
    let high = n > 8 ? loadWord(buf, range.lowerBound + 8, n - 8) : 0
    var s = Int(Self.hash(buf, range, low, high) >> shift)
    while true {
      let slot = table[s]
      if slot.key < 0 { return nil }
      if Int(slot.count) == n && slot.low == low && slot.high == high { return Int(slot.key) }
      s = (s + 1) & mask
    }
  }

  @inline(never)
  private func lookupLong(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    guard !range.isEmpty, buf.baseAddress != nil else { return nil }
    let (low, high) = Self.words(buf, range)
    var s = Int(Self.hash(buf, range, low, high) >> shift)
    while true {
      let slot = table[s]
      if slot.key < 0 { return nil }
      if holds(slot, buf, range, low, high) { return Int(slot.key) }
      s = (s + 1) & mask
    }
  }
}

/// Days in a month of the Gregorian calendar (February 29 in leap years).
func daysIn(month: Int, year: Int) -> Int {
  switch month {
  case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
  case 4, 6, 9, 11: 30
  default: 31
  }
}

/// Whether the bytes are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date (no 2017-02-30).
func isDate(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
  let n = r.count
  guard n == 4 || n == 7 || n == 10 else { return false }
  func digit(_ i: Int) -> Int? {
    let d = buf[r.lowerBound + i] &- 0x30
    return d < 10 ? Int(d) : nil
  }
  for i in 0..<4 where digit(i) == nil { return false }
  if n >= 7 {
    guard buf[r.lowerBound + 4] == 0x2D, let a = digit(5), let b = digit(6),
      (1...12).contains(a * 10 + b)
    else { return false }
  }
  if n == 10 {
    guard buf[r.lowerBound + 7] == 0x2D, let a = digit(8), let b = digit(9) else { return false }
    let day = a * 10 + b
    guard day >= 1 else { return false }
    // Days 1-28 are in every month: only later days need the month's length (the common case
    // stays two comparisons on the million-row path).
    if day > 28 {
      let month = (digit(5) ?? 0) * 10 + (digit(6) ?? 0)
      let year =
        (digit(0) ?? 0) * 1000 + (digit(1) ?? 0) * 100 + (digit(2) ?? 0) * 10 + (digit(3) ?? 0)
      guard day <= daysIn(month: month, year: year) else { return false }
    }
  }
  return true
}

extension UnsafeBufferPointer<UInt8> {
  /// Whether `self[a]` and `other[b]` hold the same bytes, by one `memcmp`: `elementsEqual` on
  /// two slices walks them byte by byte through generic iterators (~2,100 instructions for a
  /// 200-byte source cell, a quarter of reading a council row).
  @inline(__always)
  func sameBytes(_ a: Range<Int>, _ other: UnsafeBufferPointer<UInt8>, _ b: Range<Int>) -> Bool {
    precondition(a.upperBound <= count && b.upperBound <= other.count)
    guard a.count == b.count else { return false }
    guard a.count > 0 else { return true }
    return memcmp(baseAddress! + a.lowerBound, other.baseAddress! + b.lowerBound, a.count) == 0
  }
}
