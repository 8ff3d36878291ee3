#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash index from short keys (STP codes, wave ids) to positions, looked up by raw bytes.
///
/// The funding loader resolves a code on every row; looking it up in a `[String: Int]` would
/// make a `String` per row. This table hashes the field's bytes in place (FNV-1a) and keeps all
/// keys in one flat buffer, so a lookup does no reference counting (measured: an array of
/// arrays cost 15% of a million-row load in retain/release).
final class ByteKeyIndex {
  private let slots: [Int32]
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  private let starts: [Int]  // key i is bytes[starts[i]..<starts[i + 1]]
  private let mask: Int

  init(_ keys: [String]) {
    let utf8 = keys.map { Array($0.utf8) }
    var starts = [0]
    for k in utf8 { starts.append(starts[starts.count - 1] + k.count) }
    bytes = .allocate(capacity: max(starts[starts.count - 1], 1))
    for (i, k) in utf8.enumerated() {
      for (j, b) in k.enumerated() { bytes[starts[i] + j] = b }
    }
    self.starts = starts
    var size = 16
    while size < keys.count * 4 { size *= 2 }
    mask = size - 1
    var slots = [Int32](repeating: -1, count: size)
    for (i, k) in utf8.enumerated() where !k.isEmpty {
      var s = Self.hash(k) & mask
      while slots[s] >= 0 { s = (s + 1) & mask }
      slots[s] = Int32(i)
    }
    self.slots = slots
  }

  deinit { bytes.deallocate() }

  static func hash(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { hash($0.baseAddress!, $0.count) }
  }

  /// A fast hash of short keys: two overlapping 8-byte words for keys of 8 to 16 bytes (codes
  /// such as E54000041), FNV-1a otherwise.
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    if n >= 8 && n <= 16 {
      let a = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
      let b = UnsafeRawPointer(p + n - 8).loadUnaligned(as: UInt64.self)
      // The bytes that differ between codes sit high in these words, and multiplying only
      // carries bits upward; MurmurHash3's fmix64 mixes every bit into the low ones we index by.
      var h = a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)
      h ^= h >> 33
      h = h &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 33
      h = h &* 0xC4CE_B9FE_1A85_EC53
      h ^= h >> 33
      return Int(truncatingIfNeeded: h)
    }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: h)
  }

  /// Position of the key spelled by `buf[range]`, if any.
  func lookup(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    guard let base = buf.baseAddress else { return nil }
    let p = base + range.lowerBound
    let n = range.count
    guard n > 0 else { return nil }
    var s = Self.hash(p, n) & mask
    while true {
      let e = Int(slots[s])
      if e < 0 { return nil }
      let start = starts[e]
      if starts[e + 1] - start == n && memcmp(bytes.baseAddress! + start, p, n) == 0 { return e }
      s = (s + 1) & mask
    }
  }
}

/// Whether the bytes are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
func isDate(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
  let n = r.count
  guard n == 4 || n == 7 || n == 10 else { return false }
  func digit(_ i: Int) -> Int? {
    let d = buf[r.lowerBound + i] &- 0x30
    return d < 10 ? Int(d) : nil
  }
  for i in 0..<4 where digit(i) == nil { return false }
  if n >= 7 {
    guard buf[r.lowerBound + 4] == 0x2D, let a = digit(5), let b = digit(6), (1...12).contains(a * 10 + b)
    else { return false }
  }
  if n == 10 {
    guard buf[r.lowerBound + 7] == 0x2D, let a = digit(8), let b = digit(9), (1...31).contains(a * 10 + b)
    else { return false }
  }
  return true
}
