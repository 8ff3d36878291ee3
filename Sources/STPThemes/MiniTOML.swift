/// The subset of TOML that theme files use: comments, `[table]` headers, `key = value` with
/// strings (basic and literal), integers, booleans and inline tables `{ k = v, … }`.
///
/// Written by hand (DECISIONS.md): TOMLKit's toml++ aborted on a malformed header in debug builds
/// (found by fuzzing), leaked on every parse, and loaded Foundation and ICU. Anything outside the
/// subset (arrays, dates, dotted keys, multi-line strings) is an error with its line and column.
struct MiniTOML {
  struct Entry {
    var key: String
    var value: Value
    var line: Int
  }

  enum Value {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case table([Entry])
  }

  struct ParseError: Error {
    var line: Int
    var column: Int
    var message: String
  }

  /// Keys before any header.
  var root: [Entry] = []
  /// `[name]` tables in order, with the line of their header.
  var tables: [(name: String, line: Int, entries: [Entry])] = []

  static func parse(_ text: String) throws(ParseError) -> MiniTOML {
    var p = Parser(Array(text.utf8))
    return try p.document()
  }

  private struct Parser {
    let b: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0

    init(_ bytes: [UInt8]) {
      b = bytes
      if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
        i = 3
        lineStart = 3
      }
    }

    var column: Int { i - lineStart + 1 }
    var atEnd: Bool { i >= b.count }
    var peek: UInt8? { i < b.count ? b[i] : nil }

    func fail(_ message: String) -> ParseError {
      ParseError(line: line, column: column, message: message)
    }

    mutating func spaces() { while let c = peek, c == 0x20 || c == 0x09 { i += 1 } }

    /// Spaces, a comment, then the end of the line (or of the text).
    mutating func endOfLine() throws(ParseError) {
      spaces()
      if peek == 0x23 { while let c = peek, c != 0x0A { i += 1 } }  // '#'
      if peek == 0x0D { i += 1 }
      guard let c = peek else { return }
      guard c == 0x0A else {
        throw fail("unexpected '\(Character(Unicode.Scalar(c)))' after the value")
      }
      i += 1
      line += 1
      lineStart = i
    }

    mutating func document() throws(ParseError) -> MiniTOML {
      var doc = MiniTOML()
      var current: [Entry] = []
      var currentName: String?
      var currentLine = 0
      // Names and keys seen, in sets: checking each against a list made 20,000 tables take
      // seconds (quadratic).
      var tableNames: Set<String> = []
      var currentKeys: Set<String> = []
      func close(_ doc: inout MiniTOML) {
        if let n = currentName {
          doc.tables.append((n, currentLine, current))
        } else {
          doc.root = current
        }
      }
      while !atEnd {
        spaces()
        guard let c = peek else { break }
        if c == 0x23 || c == 0x0A || c == 0x0D {
          try endOfLine()
          continue
        }
        if c == 0x5B {  // '['
          i += 1
          if peek == 0x5B { throw fail("arrays of tables are not supported in theme files") }
          spaces()
          let name = try key()
          spaces()
          guard peek == 0x5D else { throw fail("expected ']' to close the table header") }
          i += 1
          guard tableNames.insert(name).inserted else {
            throw fail("table [\(name)] appears twice")
          }
          close(&doc)
          currentName = name
          currentLine = line
          current = []
          currentKeys = []
          try endOfLine()
          continue
        }
        let entryLine = line
        let k = try key()
        spaces()
        if peek == 0x2E { throw fail("dotted keys are not supported in theme files") }
        guard peek == 0x3D else { throw fail("expected '=' after '\(k)'") }
        i += 1
        spaces()
        let v = try value()
        guard currentKeys.insert(k).inserted else {
          throw ParseError(line: entryLine, column: 1, message: "'\(k)' is set twice")
        }
        current.append(Entry(key: k, value: v, line: entryLine))
        try endOfLine()
      }
      close(&doc)
      return doc
    }

    static func isBare(_ c: UInt8) -> Bool {
      (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
        || c == 0x2D
    }

    mutating func key() throws(ParseError) -> String {
      if peek == 0x22 || peek == 0x27 { return try string() }
      let start = i
      while let c = peek, Self.isBare(c) { i += 1 }
      guard i > start else {
        if let c = peek {
          throw fail(
            "'\(Character(Unicode.Scalar(c)))' cannot start a key (letters, digits, _ and -, or a quoted key)"
          )
        }
        throw fail("expected a key")
      }
      return String(decoding: b[start..<i], as: UTF8.self)
    }

    mutating func value() throws(ParseError) -> Value {
      guard let c = peek else { throw fail("expected a value") }
      switch c {
      case 0x22, 0x27: return .string(try string())
      case 0x7B: return try inlineTable()
      case 0x74, 0x66:  // t, f
        if word("true") { return .boolean(true) }
        if word("false") { return .boolean(false) }
        throw fail("expected a value (a string, a number, true or false, or { … })")
      case 0x2B, 0x2D, 0x30...0x39: return try integer()
      case 0x5B: throw fail("arrays are not supported in theme files")
      default: throw fail("expected a value (a string, a number, true or false, or { … })")
      }
    }

    mutating func word(_ w: StaticString) -> Bool {
      let n = w.utf8CodeUnitCount
      guard i + n <= b.count else { return false }
      for k in 0..<n where b[i + k] != w.utf8Start[k] { return false }
      if i + n < b.count, Self.isBare(b[i + n]) { return false }
      i += n
      return true
    }

    mutating func integer() throws(ParseError) -> Value {
      var negative = false
      if peek == 0x2B || peek == 0x2D {
        negative = peek == 0x2D
        i += 1
      }
      var value = 0
      var digits = 0
      while let c = peek, (c >= 0x30 && c <= 0x39) || c == 0x5F {
        if c != 0x5F {
          let (m, o1) = value.multipliedReportingOverflow(by: 10)
          let (s, o2) = m.addingReportingOverflow(Int(c - 0x30))
          if o1 || o2 { throw fail("number too large") }
          value = s
          digits += 1
        }
        i += 1
      }
      guard digits > 0 else { throw fail("expected digits") }
      if let c = peek, c == 0x2E || c == 0x65 || c == 0x45 || c == 0x3A {
        throw fail("only whole numbers are supported in theme files")
      }
      return .integer(negative ? -value : value)
    }

    mutating func string() throws(ParseError) -> String {
      let quote = b[i]
      if i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote {
        throw fail("multi-line strings are not supported in theme files")
      }
      i += 1
      var out: [UInt8] = []
      while true {
        guard let c = peek, c != 0x0A, c != 0x0D else {
          throw fail("string is never closed on this line")
        }
        i += 1
        if c == quote { break }
        if c == 0x5C && quote == 0x22 {  // backslash escape in a basic string
          guard let e = peek else { throw fail("string is never closed on this line") }
          i += 1
          switch e {
          case 0x22: out.append(0x22)
          case 0x5C: out.append(0x5C)
          case 0x6E: out.append(0x0A)
          case 0x74: out.append(0x09)
          case 0x72: out.append(0x0D)
          case 0x75, 0x55:  // \uXXXX, \UXXXXXXXX
            let n = e == 0x75 ? 4 : 8
            guard i + n <= b.count,
              let v = UInt32(String(decoding: b[i..<(i + n)], as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(v)
            else { throw fail("bad \\u escape") }
            out += Array(String(Character(scalar)).utf8)
            i += n
          default: throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
          }
          continue
        }
        out.append(c)
      }
      return String(decoding: out, as: UTF8.self)
    }

    /// `{ k = v, … }` whose values are never tables: a nested `{` is an error before any
    /// recursion, so no file can nest deeper than one level (a theme of 50,000 nested tables
    /// used to overflow the stack).
    mutating func inlineTable() throws(ParseError) -> Value {
      i += 1  // '{'
      var entries: [Entry] = []
      var keys: Set<String> = []
      spaces()
      if peek == 0x7D {
        i += 1
        return .table(entries)
      }
      while true {
        spaces()
        let k = try key()
        spaces()
        guard peek == 0x3D else { throw fail("expected '=' after '\(k)'") }
        i += 1
        spaces()
        if peek == 0x7B { throw fail("nested tables are not supported in theme files") }
        let v = try value()
        // Set twice: checked against the entries while they are few (a Set for every inline
        // table cost ~1,100 instructions a key, a seventh of reading the shipped themes), by a
        // Set past 8 (a hostile table of 100,000 keys stays linear).
        if entries.count < 8 {
          guard !entries.contains(where: { $0.key == k }) else { throw fail("'\(k)' is set twice") }
        } else {
          if keys.isEmpty { keys = Set(entries.map(\.key)) }
          guard keys.insert(k).inserted else { throw fail("'\(k)' is set twice") }
        }
        entries.append(Entry(key: k, value: v, line: line))
        spaces()
        if peek == 0x2C {
          i += 1
          continue
        }
        guard peek == 0x7D else { throw fail("expected ',' or '}' in the inline table") }
        i += 1
        return .table(entries)
      }
    }
  }
}

extension MiniTOML.Value {
  var string: String? { if case .string(let s) = self { s } else { nil } }
  var integer: Int? { if case .integer(let n) = self { n } else { nil } }
  var boolean: Bool? { if case .boolean(let v) = self { v } else { nil } }
  var table: [MiniTOML.Entry]? { if case .table(let t) = self { t } else { nil } }

  var debugText: String {
    switch self {
    case .string(let s): "\"\(s)\""
    case .integer(let n): String(n)
    case .boolean(let v): String(v)
    case .table: "a table"
    }
  }
}
