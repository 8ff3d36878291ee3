/// Reads one CSV file against its schema, row by row, reporting problems with their location.
///
/// Works on the file's bytes: fields are byte ranges; numbers and keywords are parsed without
/// making strings. Noncopyable: a million-row loop passes it to helpers by borrowing, never by a
/// copy that would retain its strings and tables on every call (measured: 5% of a 1M-row load).
struct TableReader: ~Copyable {
  let schema: Schema
  let buf: UnsafeBufferPointer<UInt8>
  let log: IssueLog
  private var scanner: CSVScanner
  /// The current row's fields, written in place.
  private var row: RowFields
  /// Field index of each known column present in the header.
  let columnIndex: [String: Int]
  /// The same, for lookups by name in a row loop (`ColumnTable`).
  private let byName: ColumnTable
  /// Open-ended columns present (name, field index), in header order.
  let openColumns: [(name: String, index: Int)]
  /// 1-based line of the current row.
  var line: Int { scanner.recordLine }

  var file: String { schema.file }

  /// Reads the header; nil when the file cannot be read as a table (issues are logged).
  /// `release`: told each range the encoding check has passed (a mapped file's pages can go).
  init?(
    schema: Schema, bytes: UnsafeBufferPointer<UInt8>, log: IssueLog, checkingEncoding: Bool = true,
    release: (@Sendable (Range<Int>) -> Void)? = nil
  ) {
    self.schema = schema
    self.buf = bytes
    self.log = log
    var scanner = CSVScanner(bytes)
    if checkingEncoding, let encoding = foreignEncoding(bytes) {
      log.add(ValidationIssue(.error, file: schema.file, line: 1, column: 1, encoding))
      return nil
    }
    if checkingEncoding, let bad = firstInvalidUTF8Offset(bytes, release: release) {
      var lineNo = 1
      for i in 0..<bad where bytes[i] == 0x0A { lineNo += 1 }
      log.add(
        ValidationIssue(
          .error, file: schema.file, line: lineNo,
          column: bytes.column(ofOffset: bad),
          "invalid UTF-8 (byte 0x\(hexByte(bytes[bad]))); save the file as UTF-8"))
      return nil
    }
    var header: [CSVField] = []
    do {
      guard try scanner.nextRecord(into: &header) else {
        log.add(
          ValidationIssue(
            .error, file: schema.file, line: 1,
            "empty file: expected a header row with the columns "
              + schema.required.joined(separator: ", ")))
        return nil
      }
    } catch {
      log.add(
        ValidationIssue(
          .error, file: schema.file, line: error.line,
          column: bytes.column(ofOffset: error.offset), error.message))
      return nil
    }
    var columnIndex: [String: Int] = [:]
    var openColumns: [(name: String, index: Int)] = []
    var ok = true
    for (i, f) in header.enumerated() {
      let name = bytes.string(f).trimmingSpaces().lowercased()
      let col = bytes.column(ofOffset: f.origin)
      if name.isEmpty {
        log.add(
          ValidationIssue(
            .error, file: schema.file, line: 1, column: col,
            "empty column name in the header"))
        ok = false
      } else if columnIndex[name] != nil || openColumns.contains(where: { $0.name == name }) {
        log.add(
          ValidationIssue(
            .error, file: schema.file, line: 1, column: col,
            "duplicate column '\(name)'"))
        ok = false
      } else if schema.required.contains(name) || schema.optional.contains(name) {
        columnIndex[name] = i
      } else if let p = schema.openPrefix, name.hasPrefix(p), name.count > p.count {
        openColumns.append((name, i))
      } else {
        let known = (schema.required + schema.optional).joined(separator: ", ")
        let extra = schema.openPrefix.map { ", or \($0)<name>" } ?? ""
        log.add(
          ValidationIssue(
            .error, file: schema.file, line: 1, column: col,
            "unknown column '\(name)' (expected: \(known)\(extra))"))
        ok = false
      }
    }
    for name in schema.required where columnIndex[name] == nil {
      log.add(
        ValidationIssue(
          .error, file: schema.file, line: 1,
          "missing column '\(name)'"))
      ok = false
    }
    if !ok { return nil }
    self.scanner = scanner
    self.columnIndex = columnIndex
    byName = ColumnTable(columnIndex)
    self.openColumns = openColumns
    row = RowFields(capacity: header.count)
  }

  deinit { row.base.deallocate() }

  /// Rows from `offset` on (a row start), their lines counted from 1 there.
  mutating func seek(to offset: Int) { scanner.seek(to: offset) }

  /// Advances to the next row with the right number of fields; false at the end (or when the
  /// rest of the file cannot be read).
  mutating func next() -> Bool {
    while true {
      do {
        guard try scanner.scanRecord(into: &row) else { return false }
      } catch {
        log.add(
          ValidationIssue(
            .error, file: schema.file, line: error.line,
            column: buf.column(ofOffset: error.offset), error.message))
        return false
      }
      if row.count != row.capacity {
        log.add(
          ValidationIssue(
            .error, file: schema.file, line: scanner.recordLine,
            "expected \(row.capacity) fields as in the header, found \(row.count)"))
        continue
      }
      return true
    }
  }

  // MARK: - Reading fields

  /// A column resolved once, for hot loops: its field index (-1 if absent). Holds no String,
  /// so copying it costs no reference counting.
  struct Column {
    let index: Int
  }

  func column(_ name: String) -> Column { Column(index: byName[name] ?? -1) }

  /// The header name of a resolved column (for messages).
  func name(of c: Column) -> String {
    columnIndex.first(where: { $0.value == c.index })?.key ?? "?"
  }

  @inline(__always)
  func field(_ c: Column) -> CSVField? { c.index < 0 ? nil : row.base[c.index] }

  func field(_ column: String) -> CSVField? {
    guard let i = byName[column] else { return nil }
    return row.base[i]
  }

  /// Field `i` of the current row (an index from the header).
  func field(at i: Int) -> CSVField { row.base[i] }

  /// Whether two cells of this file decode to the same text because they are written the same.
  @inline(__always)
  func sameCell(_ a: CSVField, _ b: CSVField) -> Bool {
    a.count == b.count && a.hasEscapedQuotes == b.hasEscapedQuotes
      && buf.sameBytes(a.start..<a.end, buf, b.start..<b.end)
  }

  /// Where the current row begins in the file.
  var rowOrigin: Int { row.base[0].origin }

  @inline(__always)
  func isBlank(_ c: Column) -> Bool {
    guard let f = field(c) else { return true }
    if f.end > f.start && buf[f.start] != 0x20 && buf[f.start] != 0x09 { return false }
    return buf.trimmedRange(f).isEmpty
  }

  @inline(__always)
  func ref(_ c: Column) -> TextRef {
    guard let f = field(c) else { return .empty }
    return TextRef(start: f.start, count: f.count, hasEscapedQuotes: f.hasEscapedQuotes)
  }

  func isBlank(_ column: String) -> Bool {
    guard let f = field(column) else { return true }
    return buf.trimmedRange(f).isEmpty
  }

  /// The cell as text; nil when the column is absent or the cell blank.
  func text(_ column: String) -> String? { text(self.column(column)) }

  func text(_ c: Column) -> String? {
    guard let f = field(c), !buf.trimmedRange(f).isEmpty else { return nil }
    return buf.string(f)
  }

  /// The cell as a reference into the file's bytes (empty when absent).
  func ref(_ column: String) -> TextRef {
    guard let f = field(column) else { return .empty }
    return TextRef(start: f.start, count: f.count, hasEscapedQuotes: f.hasEscapedQuotes)
  }

  /// A required cell; logs "blank" and returns nil when empty.
  func requiredText(_ column: String) -> String? {
    if let t = text(column) { return t }
    report(column, "\(column) is blank; every row needs one")
    return nil
  }

  /// `requiredText` for a column resolved once (a hot loop's: no lookup by name per cell).
  func requiredText(_ c: Column) -> String? {
    if let t = text(c) { return t }
    report(c, "\(name(of: c)) is blank; every row needs one")
    return nil
  }

  func report(_ column: String, _ message: String, severity: ValidationIssue.Severity = .error) {
    report(self.column(column), message, severity: severity)
  }

  func report(_ c: Column, _ message: String, severity: ValidationIssue.Severity = .error) {
    let col = field(c).map { buf.column(ofOffset: $0.origin) } ?? 0
    log.add(ValidationIssue(severity, file: schema.file, line: line, column: col, message))
  }

  func reportRow(_ message: String, severity: ValidationIssue.Severity = .error) {
    log.add(ValidationIssue(severity, file: schema.file, line: line, message))
  }

  /// The trimmed byte range of a cell (empty when the column is absent).
  @inline(__always)
  func keyword(_ c: Column) -> Range<Int> {
    guard c.index >= 0 else { return 0..<0 }
    return buf.trimmedRange(row.base[c.index])
  }

  enum NumberResult {
    case blank
    case value(Int64)
    case invalid
  }

  /// A whole, non-negative number (pounds, people, counts). Logs what is wrong with it.
  func number(_ column: String, what: StaticString) -> NumberResult {
    number(self.column(column), what: what)
  }

  @inline(__always)
  func number(_ c: Column, what: StaticString) -> NumberResult {
    guard c.index >= 0 else { return .blank }
    let f = row.base[c.index]
    // Fast path: 1 to 15 plain digits, the shape of nearly every amount.
    let n = f.end - f.start
    if n > 0 && n < 16 {
      var value: Int64 = 0
      var i = f.start
      while i < f.end {
        let d = buf[i] &- 0x30
        if d > 9 { break }
        value = value &* 10 &+ Int64(d)
        i += 1
      }
      if i == f.end { return .value(value) }
    } else if n == 0 {
      return .blank
    }
    return numberSlowPath(c, what: what)
  }

  /// Every other shape: spaces, signs, decimals, overflow; with the message for each problem.
  func numberSlowPath(_ c: Column, what: StaticString) -> NumberResult {
    guard let f = field(c) else { return .blank }
    let r = buf.trimmedRange(f)
    if r.isEmpty { return .blank }
    var value: Int64 = 0
    var i = r.lowerBound
    if buf[i] == 0x2D || buf[i] == 0x2B {  // '-', '+'
      let column = name(of: c)
      let rest = buf[(i + 1)..<r.upperBound]
      if buf[i] == 0x2D && !rest.isEmpty && rest.contains(where: { $0 >= 0x31 && $0 <= 0x39 })
        && rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
      {
        report(column, "negative \(what) '\(buf.string(f))'; \(column) must be 0 or more")
      } else {
        // "+5", "-0": a sign where whole numbers have none.
        report(
          column,
          "bad number '\(buf.string(f))' in \(column): expected a whole number without a sign")
      }
      return .invalid
    }
    if i == r.upperBound || r.count > 19 {
      let column = name(of: c)
      report(column, "bad number '\(buf.string(f))' in \(column): expected a whole number")
      return .invalid
    }
    while i < r.upperBound {
      let d = buf[i] &- 0x30
      guard d < 10 else {
        let column = name(of: c)
        let hint = buf[i] == 0x2E ? " (no decimals: whole pounds or people)" : ""
        report(column, "bad number '\(buf.string(f))' in \(column): expected a whole number\(hint)")
        return .invalid
      }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = m.addingReportingOverflow(Int64(d))
      if o1 || o2 || sum > 1_000_000_000_000_000 {
        let column = name(of: c)
        report(column, "number '\(buf.string(f))' in \(column) is too large")
        return .invalid
      }
      value = sum
      i += 1
    }
    return .value(value)
  }

  /// The cell as a plain decimal (`UnsafeBufferPointer.plainDecimal`); nil for a blank cell, an
  /// absent column and any other shape (read it as text then, with its message).
  func plainDecimal(_ c: Column) -> Double? {
    guard let f = field(c), !f.hasEscapedQuotes else { return nil }
    return buf.plainDecimal(buf.trimmedRange(f))
  }

  /// A date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; logs otherwise. Nil when blank or bad.
  func date(_ column: String) -> String? { date(self.column(column)) }

  func date(_ c: Column) -> String? {
    // A date is ASCII digits and dashes: checked on the cell's bytes, one string made.
    if let f = field(c), !f.hasEscapedQuotes {
      let r = buf.trimmedRange(f)
      if isDate(buf, r) { return decodeCSVText(buf, r, hasEscapedQuotes: false) }
    }
    guard let t = text(c)?.trimmingSpaces() else { return nil }
    if isDate(t) { return String(t) }
    let column = name(of: c)
    report(c, "bad date '\(t)' in \(column): expected YYYY, YYYY-MM or YYYY-MM-DD")
    return nil
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// The bytes in `r` as a decimal when they are digits with at most one '.' between digits
  /// ("0.42", "1", "12.5"), at most 15 of them significant and at most 22 after the point:
  /// exactly `Double(String)`'s value (a mantissa below 2^53 and a power of ten up to 10^22 are
  /// exact doubles, and one division of exact doubles is correctly rounded). Nil for any other
  /// shape. Reading councils' shares through `Double(String)` cost ~1,100 instructions a row,
  /// making and trimming the string included.
  func plainDecimal(_ r: Range<Int>) -> Double? {
    guard !r.isEmpty, r.count <= 24 else { return nil }
    var mantissa: Int64 = 0
    var sawDigit = false
    var significant = 0  // digits from the first that is not 0
    var fraction = -1  // digits after the point; -1: no point
    for i in r {
      let b = self[i]
      if b == 0x2E {  // '.'
        guard fraction < 0, sawDigit else { return nil }
        fraction = 0
        continue
      }
      let d = b &- 0x30
      guard d < 10 else { return nil }
      sawDigit = true
      if mantissa > 0 || d > 0 { significant += 1 }
      guard significant <= 15 else { return nil }
      mantissa = mantissa * 10 + Int64(d)
      if fraction >= 0 { fraction += 1 }
    }
    guard fraction != 0, fraction <= 22 else { return nil }
    guard fraction > 0 else { return Double(mantissa) }
    var scale = 1.0
    for _ in 0..<fraction { scale *= 10 }
    return Double(mantissa) / scale
  }
}

/// A column whose cells mostly repeat the row above's (a source every row cites): its text is
/// made when the cell is written differently from the last one read, not once per row.
struct RepeatedText {
  private var last = ""
  private var lastCell: CSVField?
  /// One string per distinct text, when the cells alternate between a few.
  private var interned: [String: String]?

  init(interning: Bool = false) { interned = interning ? [:] : nil }

  /// `TableReader.requiredText(_:)` of the column, reusing the last text for a cell written
  /// as the last one read was.
  mutating func requiredText(_ r: borrowing TableReader, _ c: TableReader.Column) -> String? {
    if let cell = r.field(c), let lastCell, r.sameCell(cell, lastCell) { return last }
    guard var text = r.requiredText(c) else { return nil }
    if interned != nil {
      if let known = interned?[text] { text = known } else { interned?[text] = text }
    }
    (last, lastCell) = (text, r.field(c))
    return text
  }
}

/// Field indices by column name, for the readers that look their columns up by name in the row
/// loop: the header's names in a `ByteKeyIndex`, looked up by the name's bytes. A Dictionary's
/// SipHash and probe cost ~350 instructions a lookup: 3,500 lookups were 2.1 M of the 14.4 M
/// instructions that load the embedded data (issue 26).
struct ColumnTable {
  private let index: ByteKeyIndex
  private let fields: [Int]

  init(_ columns: [String: Int]) {
    let named = columns.filter { !$0.key.isEmpty }
    index = ByteKeyIndex(named.map(\.key))
    fields = named.map(\.value)
  }

  /// The field index of the column so named, if the header has it.
  subscript(name: String) -> Int? {
    var name = name
    return name.withUTF8 { bytes in index.lookup(bytes, 0..<bytes.count) }.map { fields[$0] }
  }
}

/// The current row's fields in storage of the header's width, written in place (no array append
/// per field); a row with more fields is counted but not stored.
struct RowFields: CSVFieldSink {
  let base: UnsafeMutablePointer<CSVField>
  let capacity: Int
  var count = 0

  /// Allocates room for `capacity` fields (at least one); the owner deallocates `base`.
  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: Swift.max(capacity, 1))
  }

  mutating func resetFields() { count = 0 }

  @inline(__always)
  mutating func addField(_ field: CSVField) {
    if count < capacity { base[count] = field }
    count &+= 1
  }
}

/// Whether `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date: digits only (no
/// signs), a month 1-12, a day that month has.
func isDate(_ text: some StringProtocol) -> Bool {
  let bytes = Array(text.utf8)
  return bytes.withUnsafeBufferPointer { isDate($0, 0..<bytes.count) }
}

/// Two upper-case hex digits.
func hexByte(_ b: UInt8) -> String {
  let digits = Array("0123456789ABCDEF")
  return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}

/// What is wrong with a file that is not plain UTF-8 but says what it is: UTF-16 or UTF-32 (by
/// their byte-order marks, or the zero bytes of UTF-16 text without one), or UTF-8 with a second
/// byte-order mark (which would otherwise show as an invisible character in the first column's
/// name). Nil for UTF-8 with at most one mark.
func foreignEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
  func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && zip(b, p).allSatisfy { $0 == $1 } }
  let advice = "; save it as UTF-8"
  if starts([0xFF, 0xFE, 0, 0]) { return "the file is UTF-32 (little-endian), not UTF-8" + advice }
  if starts([0, 0, 0xFE, 0xFF]) { return "the file is UTF-32 (big-endian), not UTF-8" + advice }
  if starts([0xFF, 0xFE]) { return "the file is UTF-16 (little-endian), not UTF-8" + advice }
  if starts([0xFE, 0xFF]) { return "the file is UTF-16 (big-endian), not UTF-8" + advice }
  if starts([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) {
    return "the file starts with two UTF-8 byte-order marks; save it as UTF-8 with one or none"
  }
  // UTF-16 without a mark: ASCII text with a zero byte beside every character.
  let head = b.prefix(64)
  if head.count >= 8 {
    let zeros = head.count { $0 == 0 }
    if zeros * 3 >= head.count {
      let evenZeros = stride(from: 0, to: head.count, by: 2).count { head[$0] == 0 }
      return
        "the file looks like UTF-16 (\(evenZeros * 2 > zeros ? "big" : "little")-endian, no byte-order mark), not UTF-8"
        + advice
    }
  }
  return nil
}
