#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash index from short keys (STP codes, wave ids) to positions, looked up by raw bytes.
///
/// The funding loader resolves a code on every row; looking it up in a `[String: Int]` would
/// make a `String` per row. This table hashes the field's bytes in place (FNV-1a) instead.
struct ByteKeyIndex {
  private var slots: [Int32]
  private var keys: [[UInt8]]
  private let mask: Int

  init(_ keys: [String]) {
    self.keys = keys.map { Array($0.utf8) }
    var size = 16
    while size < keys.count * 4 { size *= 2 }
    mask = size - 1
    slots = Array(repeating: -1, count: size)
    for (i, k) in self.keys.enumerated() {
      var s = Self.hash(k[...]) & mask
      while slots[s] >= 0 { s = (s + 1) & mask }
      slots[s] = Int32(i)
    }
  }

  static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: h)
  }

  /// Position of the key spelled by `buf[range]`, if any.
  func lookup(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    let field = UnsafeBufferPointer(rebasing: buf[range])
    var s = Self.hash(field) & mask
    while true {
      let e = slots[s]
      if e < 0 { return nil }
      let k = keys[Int(e)]
      if k.count == field.count
        && k.withUnsafeBufferPointer({ memcmp($0.baseAddress!, field.baseAddress!, k.count) }) == 0
      {
        return Int(e)
      }
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
