internal import CSTPScan

/// One field of a CSV record: a byte range into the scanned buffer.
///
/// For a quoted field the range excludes the quotes; `hasEscapedQuotes` says the range still holds
/// doubled quotes (`""`) that must be collapsed when the text is read.
public struct CSVField: Equatable, Sendable {
  /// Offset of the first content byte.
  public var start: Int
  /// Offset one past the last content byte.
  public var end: Int
  /// Offset where the field begins in the file (its opening quote, if quoted): for error columns.
  public var origin: Int
  /// The field was written in quotes.
  public var isQuoted: Bool
  /// The content holds `""` pairs standing for one quote each.
  public var hasEscapedQuotes: Bool

  /// Number of content bytes.
  public var count: Int { end - start }
}

/// A malformed record, with the offset of the offending byte.
public struct CSVSyntaxError: Error, Equatable, Sendable {
  /// What went wrong, in words for a user.
  public var message: String
  /// Byte offset of the problem in the buffer.
  public var offset: Int
  /// 1-based line of the problem.
  public var line: Int
}

/// Where a scanner puts the fields of one record.
public protocol CSVFieldSink {
  /// Forgets the previous record's fields.
  mutating func resetFields()
  /// Takes the record's next field.
  mutating func addField(_ field: CSVField)
}

extension Array: CSVFieldSink where Element == CSVField {
  public mutating func resetFields() { removeAll(keepingCapacity: true) }
  public mutating func addField(_ field: CSVField) { append(field) }
}

/// A scanner over UTF-8 CSV bytes (RFC 4180 plus CRLF, lone CR and a leading BOM).
///
/// It hands out byte ranges, never `String`s, so a million-row file costs no allocation per field;
/// callers decode only the fields they keep. Blank lines are skipped.
public struct CSVScanner {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var position: Int
  /// 1-based line at which the scanner stands (counts newlines inside quoted fields too).
  public private(set) var line = 1
  /// 1-based line on which the record most recently returned by `nextRecord` began.
  public private(set) var recordLine = 0
  /// The delimiter masks of the 64 bytes at `blockStart` (bit k: byte blockStart + k), kept
  /// from row to row: a row usually ends in the block where the next one starts.
  private var blockStart = -64
  private var blockCommas: UInt64 = 0
  private var blockNewlines: UInt64 = 0
  private var blockQuotes: UInt64 = 0
  private var blockCRs: UInt64 = 0

  /// Creates a scanner; the buffer must outlive it. A UTF-8 byte-order mark is skipped.
  public init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.init(bytes, skippingBOM: true)
  }

  /// A scanner that reads a byte-order mark as text (for a row in the middle of a file).
  init(_ bytes: UnsafeBufferPointer<UInt8>, skippingBOM: Bool) {
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    position = hasBOM && skippingBOM ? 3 : 0
  }

  /// Moves to `offset`, the start of a row, counting lines from 1 again there (a second scanner
  /// reading the second part of a file at once with the first).
  mutating func seek(to offset: Int) {
    position = offset
    line = 1
    blockStart = -64
  }

  /// Where the next record starts (just past the last one read).
  var offset: Int { position }

  /// Offset at which content starts (3 when the buffer opens with a BOM).
  public var contentStart: Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// Reads the next non-blank record into `fields` (cleared first); false at the end of input.
  public mutating func nextRecord(into fields: inout [CSVField]) throws(CSVSyntaxError) -> Bool {
    try scanRecord(into: &fields)
  }

  /// Reads the next non-blank record into `sink` (reset first); false at the end of input.
  @inline(__always)
  mutating func scanRecord<Sink: CSVFieldSink>(into sink: inout Sink) throws(CSVSyntaxError) -> Bool
  {
    sink.resetFields()
    let n = bytes.count
    // Skip blank lines.
    while position < n {
      let b = bytes[position]
      if b == 0x0A {
        position += 1
        line += 1
      } else if b == 0x0D {
        position += 1
        if position < n && bytes[position] == 0x0A { position += 1 }
        line += 1
      } else {
        break
      }
    }
    guard position < n else { return false }
    recordLine = line
    if scanPlainRow(into: &sink) { return true }
    while true {
      let field = try scanField()
      sink.addField(field)
      if position >= n { return true }
      let b = bytes[position]
      if b == 0x2C {  // comma: another field follows (possibly empty, even at the end of a line)
        position += 1
        if position >= n || bytes[position] == 0x0A || bytes[position] == 0x0D {
          sink.addField(
            CSVField(
              start: position, end: position, origin: position,
              isQuoted: false, hasEscapedQuotes: false))
          consumeLineEnd()
          return true
        }
        continue
      }
      consumeLineEnd()
      return true
    }
  }

  /// The common row: no quote and no CR before its LF (or the end of input). Its fields are the
  /// spans between commas, found 64 bytes at a time (SSE2) or eight. No field's search waits for
  /// the previous field's end, so the CPU overlaps them; the field-by-field loop below is bound by
  /// that wait (measured on 1M funding rows: 190 ms with that loop, 180 ms eight bytes at a time,
  /// 142 ms with SSE2). Returns false, having consumed nothing, when the row needs the general
  /// scanner.
  @inline(__always)
  private mutating func scanPlainRow<Sink: CSVFieldSink>(into sink: inout Sink) -> Bool {
    #if _endian(little)
      guard let base = bytes.baseAddress else { return false }
      let n = bytes.count
      let ones: UInt64 = 0x0101_0101_0101_0101
      let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      /// The high bit of each byte of `x` that is zero (exact: no borrow between bytes).
      @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x | lows) }
      var i = position
      var fieldStart = position
      // Sixty-four bytes at a time where SSE2 finds the delimiters (x86-64). Quoted fields stay
      // on this path: a prefix XOR of the quote bits marks the bytes inside quotes, whose commas
      // and newlines are content (a file where most rows quote a name with a comma loaded 25%
      // slower when every such row went to the field-by-field scanner).
      if STP_SCAN_SIMD != 0 {
        var inQuotes: UInt64 = 0  // all ones while the byte at i is inside quotes
        var fieldQuotes = 0  // quote bytes in the current field so far
        /// Bit k: an odd number of bits at or below k.
        @inline(__always) func prefixXor(_ x: UInt64) -> UInt64 {
          var x = x
          x ^= x << 1
          x ^= x << 2
          x ^= x << 4
          x ^= x << 8
          x ^= x << 16
          x ^= x << 32
          return x
        }
        /// The field from `s` to `e` (a delimiter), or nil when its quoting is not the simple
        /// kind (a quote not at both ends): the general scanner then reports it precisely.
        @inline(__always) func field(_ s: Int, _ e: Int, quotes: Int) -> CSVField? {
          if quotes == 0 {
            return CSVField(start: s, end: e, origin: s, isQuoted: false, hasEscapedQuotes: false)
          }
          guard base[s] == 0x22, e &- s >= 2, base[e &- 1] == 0x22, quotes & 1 == 0 else {
            return nil
          }
          if quotes > 2 {
            // Quotes inside must come in pairs ("" for one); anything else is the general
            // scanner's to report.
            var k = s &+ 1
            while k < e &- 1 {
              if base[k] == 0x22 {
                guard k &+ 1 < e &- 1, base[k &+ 1] == 0x22 else { return nil }
                k &+= 2
              } else {
                k &+= 1
              }
            }
          }
          return CSVField(
            start: s &+ 1, end: e &- 1, origin: s, isQuoted: true, hasEscapedQuotes: quotes > 2)
        }
        while true {
          if i < blockStart || i >= blockStart &+ 64 {
            guard i &+ 64 <= n else { break }
            let m = stp_scan64(base + i)
            blockStart = i
            blockCommas = m.comma
            blockNewlines = m.newline
            blockQuotes = m.quote
            blockCRs = m.cr
          }
          let shift = UInt64(i &- blockStart)  // bit k now stands for byte i + k
          let quotes = blockQuotes >> shift
          if quotes | inQuotes | UInt64(fieldQuotes) == 0 {
            // No quote in sight (the common row): delimiters only.
            let lf = blockNewlines >> shift
            let inRow = lf == 0 ? ~0 : (lf & (0 &- lf)) &- 1
            if (blockCRs >> shift) & inRow != 0 {
              sink.resetFields()
              return false
            }
            var commas = (blockCommas >> shift) & inRow
            while commas != 0 {
              let j = i &+ commas.trailingZeroBitCount
              sink.addField(
                CSVField(
                  start: fieldStart, end: j, origin: fieldStart, isQuoted: false,
                  hasEscapedQuotes: false))
              fieldStart = j &+ 1
              commas &= commas &- 1
            }
            if lf != 0 {
              let j = i &+ lf.trailingZeroBitCount
              sink.addField(
                CSVField(
                  start: fieldStart, end: j, origin: fieldStart, isQuoted: false,
                  hasEscapedQuotes: false))
              position = j &+ 1
              line += 1
              return true
            }
            i = blockStart &+ 64
            continue
          }
          let valid: UInt64 = shift == 0 ? ~0 : (1 << (64 &- shift)) &- 1
          // Bytes inside quotes (an opening quote counts as inside, a closing one as outside).
          let inside = (prefixXor(quotes) ^ inQuotes) & valid
          let lf = (blockNewlines >> shift) & ~inside & valid
          let inRow = lf == 0 ? valid : (lf & (0 &- lf)) &- 1
          // A CR, or a newline inside quotes (a field over several lines): the general scanner.
          if ((blockCRs >> shift) | (blockNewlines >> shift) & inside) & inRow != 0 {
            sink.resetFields()
            return false
          }
          var commas = (blockCommas >> shift) & ~inside & inRow
          var counted = 0  // quotes before the bit of the last delimiter handled
          /// Ends the field at the delimiter `k` bytes on; false when its quoting needs the
          /// general scanner.
          @inline(__always) func delimiter(at k: Int) -> Bool {
            let below = (k == 0 ? 0 : quotes & ((1 << UInt64(k)) &- 1)).nonzeroBitCount
            guard let f = field(fieldStart, i &+ k, quotes: fieldQuotes &+ below &- counted) else {
              return false
            }
            sink.addField(f)
            counted = below
            fieldQuotes = 0
            fieldStart = i &+ k &+ 1
            return true
          }
          while commas != 0 {
            guard delimiter(at: commas.trailingZeroBitCount) else {
              sink.resetFields()
              return false
            }
            commas &= commas &- 1
          }
          if lf != 0 {
            guard delimiter(at: lf.trailingZeroBitCount) else {
              sink.resetFields()
              return false
            }
            position = fieldStart
            line += 1
            return true
          }
          fieldQuotes &+= quotes.nonzeroBitCount &- counted
          // Inside quotes at the next block's first byte: the last byte's state here.
          inQuotes = (inside >> UInt64(63 &- Int(shift))) & 1 == 1 ? ~0 : 0
          i = blockStart &+ 64
        }
        // The row runs on past the last whole block: start it again below, quotes and all.
        if inQuotes != 0 || fieldQuotes != 0 {
          sink.resetFields()
          return false
        }
      }
      // Eight bytes at a time (near the end of the input, or without SSE2).
      while i &+ 8 <= n {
        let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        let lf = zeros(w ^ (ones &* 0x0A))
        // Bytes before the row's LF (all eight when the LF is further on).
        let inRow = lf == 0 ? ~0 : (lf & (0 &- lf)) &- 1
        if (zeros(w ^ (ones &* 0x22)) | zeros(w ^ (ones &* 0x0D))) & inRow != 0 {
          sink.resetFields()
          return false
        }
        var commas = zeros(w ^ (ones &* 0x2C)) & inRow
        while commas != 0 {
          let j = i &+ commas.trailingZeroBitCount >> 3
          sink.addField(
            CSVField(
              start: fieldStart, end: j, origin: fieldStart, isQuoted: false,
              hasEscapedQuotes: false))
          fieldStart = j &+ 1
          commas &= commas &- 1
        }
        if lf != 0 {
          let j = i &+ lf.trailingZeroBitCount >> 3
          sink.addField(
            CSVField(
              start: fieldStart, end: j, origin: fieldStart, isQuoted: false,
              hasEscapedQuotes: false))
          position = j &+ 1
          line += 1
          return true
        }
        i &+= 8
      }
      // The last few bytes of the input, one at a time.
      while i < n {
        let b = base[i]
        if b == 0x22 || b == 0x0D {
          sink.resetFields()
          return false
        }
        if b == 0x2C || b == 0x0A {
          sink.addField(
            CSVField(
              start: fieldStart, end: i, origin: fieldStart, isQuoted: false,
              hasEscapedQuotes: false))
          fieldStart = i &+ 1
          if b == 0x0A {
            position = i &+ 1
            line += 1
            return true
          }
        }
        i &+= 1
      }
      sink.addField(
        CSVField(
          start: fieldStart, end: n, origin: fieldStart, isQuoted: false,
          hasEscapedQuotes: false))
      position = n
      return true
    #else
      return false
    #endif
  }

  private mutating func consumeLineEnd() {
    let n = bytes.count
    guard position < n else { return }
    if bytes[position] == 0x0D {
      position += 1
      if position < n && bytes[position] == 0x0A { position += 1 }
      line += 1
    } else if bytes[position] == 0x0A {
      position += 1
      line += 1
    }
  }

  /// Scans one field, leaving `position` on the delimiter (comma, line end) or at the end.
  private mutating func scanField() throws(CSVSyntaxError) -> CSVField {
    let n = bytes.count
    let origin = position
    if position < n && bytes[position] == 0x22 {
      position += 1
      let start = position
      var escaped = false
      while true {
        guard position < n else {
          throw CSVSyntaxError(
            message: "quoted field is never closed", offset: origin,
            line: lineOf(offset: origin))
        }
        let b = bytes[position]
        if b == 0x22 {
          if position + 1 < n && bytes[position + 1] == 0x22 {
            escaped = true
            position += 2
            continue
          }
          let end = position
          position += 1
          if position < n {
            let next = bytes[position]
            if next != 0x2C && next != 0x0A && next != 0x0D {
              throw CSVSyntaxError(
                message: "unexpected character after a closing quote (quotes inside a field "
                  + "must be doubled)", offset: position, line: line)
            }
          }
          return CSVField(
            start: start, end: end, origin: origin, isQuoted: true,
            hasEscapedQuotes: escaped)
        }
        if b == 0x0A {
          line += 1
        } else if b == 0x0D {
          if !(position + 1 < n && bytes[position + 1] == 0x0A) { line += 1 }
        }
        position += 1
      }
    }
    let start = position
    #if _endian(little)
      // Eight bytes at a time: the lowest byte that is a comma, LF or CR ends the field. (The
      // has-zero-byte trick can flag bytes above a true match, never below one, so the lowest
      // flag is exact.)
      if let base = bytes.baseAddress {
        while position &+ 8 <= n {
          let w = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
          let ones: UInt64 = 0x0101_0101_0101_0101
          let highs: UInt64 = 0x8080_8080_8080_8080
          let comma = w ^ (ones &* 0x2C)
          let lf = w ^ (ones &* 0x0A)
          let cr = w ^ (ones &* 0x0D)
          let hits = ((comma &- ones) & ~comma | (lf &- ones) & ~lf | (cr &- ones) & ~cr) & highs
          if hits != 0 {
            position &+= hits.trailingZeroBitCount >> 3
            return CSVField(
              start: start, end: position, origin: origin, isQuoted: false,
              hasEscapedQuotes: false)
          }
          position &+= 8
        }
      }
    #endif
    while position < n {
      let b = bytes[position]
      if b == 0x2C || b == 0x0A || b == 0x0D { break }
      position += 1
    }
    return CSVField(
      start: start, end: position, origin: origin, isQuoted: false,
      hasEscapedQuotes: false)
  }

  private func lineOf(offset: Int) -> Int {
    var l = 1
    var i = 0
    while i < offset {
      if bytes[i] == 0x0A {
        l += 1
      } else if bytes[i] == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
        l += 1
      }
      i += 1
    }
    return l
  }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// 1-based column (in Unicode scalars) of `offset` within its line.
  public func column(ofOffset offset: Int) -> Int {
    var i = Swift.min(offset, count)
    while i > 0 && self[i - 1] != 0x0A && self[i - 1] != 0x0D { i -= 1 }
    if i == 0 && count >= 3 && self[0] == 0xEF && self[1] == 0xBB && self[2] == 0xBF { i = 3 }
    var column = 1
    while i < offset && i < count {
      if self[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return column
  }

  /// The text of a field, with doubled quotes collapsed.
  public func string(_ field: CSVField) -> String {
    decodeCSVText(self, field.start..<field.end, hasEscapedQuotes: field.hasEscapedQuotes)
  }

  /// The field's text without surrounding ASCII spaces and tabs (for numbers and keywords).
  @inline(__always)
  public func trimmedRange(_ field: CSVField) -> Range<Int> {
    var s = field.start
    var e = field.end
    while s < e && (self[s] == 0x20 || self[s] == 0x09) { s += 1 }
    while e > s && (self[e - 1] == 0x20 || self[e - 1] == 0x09) { e -= 1 }
    return s..<e
  }
}

/// Decodes a field's bytes as UTF-8, collapsing each doubled quote to one when asked.
func decodeCSVText(
  _ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasEscapedQuotes: Bool
) -> String {
  let slice = UnsafeBufferPointer(rebasing: buf[range])
  guard hasEscapedQuotes else { return String(decoding: slice, as: UTF8.self) }
  var out: [UInt8] = []
  out.reserveCapacity(slice.count)
  var i = 0
  while i < slice.count {
    out.append(slice[i])
    i += (slice[i] == 0x22 && i + 1 < slice.count && slice[i + 1] == 0x22) ? 2 : 1
  }
  return String(decoding: out, as: UTF8.self)
}

extension CSVScanner {
  /// The fields of the first record of `text` as strings (quotes removed, doubled quotes
  /// collapsed); empty when it is not valid CSV. For checking what the program wrote (tests,
  /// tools), not for loading: a load keeps byte ranges.
  public static func fields(of text: some StringProtocol) -> [String] {
    [UInt8](text.utf8).withUnsafeBufferPointer { buf in
      var scanner = CSVScanner(buf)
      var fields: [CSVField] = []
      guard (try? scanner.nextRecord(into: &fields)) == true else { return [] }
      return fields.map(buf.string)
    }
  }
}
