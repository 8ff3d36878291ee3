internal import CSTPScan

/// Finds the first byte of `bytes` that is not part of well-formed UTF-8.
///
/// Rejects overlong forms, surrogates and code points above U+10FFFF, as the Unicode standard
/// requires. ASCII, the usual case, is checked 64 bytes at a time (SSE2; eight bytes without it).
///
/// `release`, when given, is told each range already checked (8 MB at a time), so that a mapped
/// file's pages can go as the check passes them.
public func firstInvalidUTF8Offset(
  _ bytes: UnsafeBufferPointer<UInt8>, release: (@Sendable (Range<Int>) -> Void)? = nil
) -> Int? {
  // A large buffer is checked in two halves at once (20 ms for 150 MB of text with accents in
  // most rows, on one core), split where a character starts.
  let n = bytes.count
  if n >= 32 << 20, let base = bytes.baseAddress {
    var mid = n / 2
    while mid < n && base[mid] & 0xC0 == 0x80 { mid += 1 }  // not inside a character
    let second = Alongside.start {
      (firstInvalidUTF8InChunks(bytes, mid..<n, release: release) ?? -1, 0)
    }
    if let second {
      let first = firstInvalidUTF8InChunks(bytes, 0..<mid, release: release)
      let (later, _) = second.join()
      return first ?? (later >= 0 ? later : nil)
    }
  }
  return firstInvalidUTF8InChunks(bytes, 0..<n, release: release)
}

/// The check of `range` of `bytes` on one thread; with `release`, 8 MB at a time, each chunk
/// ending where a character starts and released once checked.
private func firstInvalidUTF8InChunks(
  _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
  release: (@Sendable (Range<Int>) -> Void)?
) -> Int? {
  guard let base = bytes.baseAddress, !range.isEmpty else { return nil }
  guard let release else {
    return firstInvalidUTF8Serial(
      UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    ).map { range.lowerBound + $0 }
  }
  var start = range.lowerBound
  while start < range.upperBound {
    var end = min(range.upperBound, start + (8 << 20))
    while end < range.upperBound && base[end] & 0xC0 == 0x80 { end += 1 }
    if let bad = firstInvalidUTF8Serial(
      UnsafeBufferPointer(start: base + start, count: end - start))
    {
      return start + bad
    }
    release(start..<end)
    start = end
  }
  return nil
}

/// The check on one thread.
func firstInvalidUTF8Serial(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
  let n = bytes.count
  guard let base = bytes.baseAddress else { return nil }
  var i = 0
  while i < n {
    if i &+ 64 <= n {
      // Straight to the block's first non-ASCII byte: checking the next 64 bytes again after
      // each ASCII byte or word before it was 6% of a 1M-row start (an en dash in every row).
      let high = stp_high64(base + i)
      if high == 0 {
        i &+= 64
        continue
      }
      i &+= high.trailingZeroBitCount
    } else if i + 8 <= n {
      let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      if word & 0x8080_8080_8080_8080 == 0 {
        i += 8
        continue
      }
    }
    let b0 = bytes[i]
    if b0 < 0x80 {
      i += 1
      continue
    }
    func cont(_ k: Int) -> UInt8? {
      guard i + k < n else { return nil }
      let b = bytes[i + k]
      return b & 0xC0 == 0x80 ? b : nil
    }
    switch b0 {
    case 0xC2...0xDF:
      guard cont(1) != nil else { return i }
      i += 2
    case 0xE0...0xEF:
      guard let b1 = cont(1), cont(2) != nil else { return i }
      if b0 == 0xE0 && b1 < 0xA0 { return i }  // overlong
      if b0 == 0xED && b1 > 0x9F { return i }  // surrogate
      i += 3
    case 0xF0...0xF4:
      guard let b1 = cont(1), cont(2) != nil, cont(3) != nil else { return i }
      if b0 == 0xF0 && b1 < 0x90 { return i }  // overlong
      if b0 == 0xF4 && b1 > 0x8F { return i }  // above U+10FFFF
      i += 4
    default:
      return i
    }
  }
  return nil
}
