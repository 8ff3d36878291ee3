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

  /// Creates a scanner; the buffer must outlive it. A UTF-8 byte-order mark is skipped.
  public init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    position = hasBOM ? 3 : 0
  }

  /// Offset at which content starts (3 when the buffer opens with a BOM).
  public var contentStart: Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// Reads the next non-blank record into `fields` (cleared first); false at the end of input.
  public mutating func nextRecord(into fields: inout [CSVField]) throws(CSVSyntaxError) -> Bool {
    fields.removeAll(keepingCapacity: true)
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
    while true {
      let field = try scanField()
      fields.append(field)
      if position >= n { return true }
      let b = bytes[position]
      if b == 0x2C {  // comma: another field follows (possibly empty, even at the end of a line)
        position += 1
        if position >= n || bytes[position] == 0x0A || bytes[position] == 0x0D {
          fields.append(CSVField(start: position, end: position, origin: position,
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
          throw CSVSyntaxError(message: "quoted field is never closed", offset: origin,
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
          return CSVField(start: start, end: end, origin: origin, isQuoted: true,
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
    while position < n {
      let b = bytes[position]
      if b == 0x2C || b == 0x0A || b == 0x0D { break }
      position += 1
    }
    return CSVField(start: start, end: position, origin: origin, isQuoted: false,
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
