/// Matches a field's bytes against a few ASCII keywords, ignoring case, without making a string.
///
/// A million funding rows each name a kind and a basis; comparing byte by byte against every
/// candidate took 8% of that load. Here a field of up to 16 bytes is read as two words, lower-cased
/// eight bytes at a time, and compared with each keyword's words.
struct KeywordTable {
  /// A keyword's length and first 16 bytes as words: no references, so a scan costs no
  /// reference counting.
  private struct Entry {
    let count: Int
    let low: UInt64
    let high: UInt64
  }

  private let entries: [Entry]
  private let keywords: [[UInt8]]

  /// `keywords` are ASCII and lower case.
  init(_ keywords: [String]) {
    self.keywords = keywords.map { Array($0.utf8) }
    entries = self.keywords.map { b in
      b.withUnsafeBufferPointer { p in
        Entry(
          count: b.count, low: loadWord(p, 0, min(b.count, 8)),
          high: b.count > 8 ? loadWord(p, 8, min(b.count - 8, 8)) : 0)
      }
    }
  }

  /// Position of the keyword that `buf[range]` spells in any case, if any.
  @inline(__always)
  func index(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    let n = range.count
    guard n > 0 else { return nil }
    if n <= 16 {
      let low = lowercasedASCII(loadWord(buf, range.lowerBound, min(n, 8)))
      let high = n > 8 ? lowercasedASCII(loadWord(buf, range.lowerBound + 8, n - 8)) : 0
      return entries.withUnsafeBufferPointer { entries in
        for i in 0..<entries.count {
          let e = entries[i]
          if e.count == n && e.low == low && e.high == high { return i }
        }
        return nil
      }
    }
    // Longer: the first 16 bytes as words, as above, then the rest of each candidate
    // ("community-mental-health", "voluntary-community" and "private-independent" went byte by
    // byte through every keyword: most of a partner row's sector lookup).
    let low = lowercasedASCII(loadWord(buf, range.lowerBound, 8))
    let high = lowercasedASCII(loadWord(buf, range.lowerBound + 8, 8))
    for i in entries.indices {
      let e = entries[i]
      guard e.count == n && e.low == low && e.high == high else { continue }
      let same = keywords[i].withUnsafeBufferPointer { k in
        (16..<n).allSatisfy { asciiLowercased(buf[range.lowerBound + $0]) == k[$0] }
      }
      if same { return i }
    }
    return nil
  }
}

/// `count` (0...8) bytes from `start` as a little-endian word, the rest zero.
@inline(__always)
func loadWord(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
  guard count > 0, let base = buf.baseAddress else { return 0 }
  #if _endian(little)
    if start + 8 <= buf.count {
      let w = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
      return count >= 8 ? w : w & ((1 << UInt64(count * 8)) - 1)
    }
  #endif
  var w: UInt64 = 0
  for i in 0..<count { w |= UInt64(buf[start + i]) << UInt64(i * 8) }
  return w
}

/// The byte, lower case if it is an ASCII capital (A-Z).
@inline(__always)
func asciiLowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

/// The word with each ASCII capital (A-Z) made lower case; other bytes unchanged.
@inline(__always)
func lowercasedASCII(_ w: UInt64) -> UInt64 {
  let ones: UInt64 = 0x0101_0101_0101_0101
  let heptets = w & 0x7F7F_7F7F_7F7F_7F7F
  let atLeastA = heptets &+ ones &* (0x80 - 0x41)
  let pastZ = heptets &+ ones &* (0x80 - 0x5B)
  let upper = atLeastA & ~pastZ & ~w & 0x8080_8080_8080_8080
  return w | (upper >> 2)
}
