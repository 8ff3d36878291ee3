/// A JSON document as a tree whose every value knows its line and column, so that a problem
/// found after parsing (a ring of two points, a missing code) can be reported at its place in
/// the file. Hand-written rather than Foundation's `JSONSerialization`: that gives no positions
/// for values and would bring Foundation into the model (see DECISIONS.md, 2026-11-30).
///
/// RFC 8259, strictly: no comments, no trailing commas, no NaN; nesting is capped so that a
/// hostile file cannot exhaust the stack.
public struct JSONTree: Sendable {
  public indirect enum Value: Sendable {
    case object([(key: String, value: Node)])
    case array([Node])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    /// An array of arrays of numbers, all of one length of 2 or more (a GeoJSON ring or line),
    /// stored flat: 16 bytes a position instead of three nodes and two arrays (a boundaries file
    /// took 14 times its size in nodes).
    case positions(Positions)
  }

  /// Positions stored flat, `dims` numbers each.
  public struct Positions: Sendable {
    public let values: [Double]
    public let dims: Int
    public var count: Int { dims == 0 ? 0 : values.count / dims }
    /// The first two numbers of position `k` (longitude and latitude in GeoJSON).
    public func pair(_ k: Int) -> (Double, Double) { (values[k * dims], values[k * dims + 1]) }

    public init(values: [Double], dims: Int) {
      self.values = values
      self.dims = dims
    }
  }

  /// What a document may hold, in units of one number of a flat array (8 bytes): any other
  /// array item or object member counts as `nodeUnits` (a node and its share of an array take
  /// about 4 times as much), so the tree's memory is bounded whatever the file's size. With the
  /// message when a document holds more.
  public struct Budget: Sendable {
    public var elements: Int
    public var message: String
    public init(elements: Int, message: String) {
      self.elements = elements
      self.message = message
    }
    public static let none = Budget(elements: .max, message: "")
    public static let nodeUnits = 4
  }

  /// A value and where it starts (a byte offset; `JSONTree.location` turns it into a line and
  /// column only when a message needs one, so a one-line file of 300 KB parses in linear time).
  public struct Node: Sendable {
    public var value: Value
    public var offset: Int

    /// The member `key` of an object (first of duplicates), nil otherwise.
    public subscript(key: String) -> Node? {
      guard case .object(let members) = value else { return nil }
      return members.first { $0.key == key }?.value
    }

    public var string: String? { if case .string(let s) = value { s } else { nil } }
    public var number: Double? { if case .number(let n) = value { n } else { nil } }
    public var array: [Node]? { if case .array(let a) = value { a } else { nil } }
    /// The first two numbers of a position ([lon, lat] or [lon, lat, height]); nil otherwise.
    public var pair: (Double, Double)? {
      switch value {
      case .array(let a) where a.count >= 2:
        guard let x = a[0].number, let y = a[1].number else { return nil }
        return (x, y)
      default: return nil
      }
    }
    public var isObject: Bool { if case .object = value { true } else { false } }

    /// What kind of value it is, for messages: "an array".
    public var kind: String {
      switch value {
      case .object: "an object"
      case .array: "an array"
      case .string: "a string"
      case .number: "a number"
      case .bool: "true or false"
      case .null: "null"
      case .positions: "an array"
      }
    }
  }

  /// A syntax error and where it is.
  public struct SyntaxError: Error, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
  }

  /// Deepest nesting of arrays and objects accepted (GeoJSON needs 6).
  public static let maxDepth = 64

  /// The 1-based line and column (in characters) of a byte offset: for one message. Many
  /// messages on one file share a `TextPositions`.
  public static func location(_ offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    TextPositions(bytes).location(offset)
  }

  /// Parses a whole document; past `budget`, a syntax error at the element that crossed it.
  ///
  /// With `streaming`, the array that is the top object's member of that name is not kept: each
  /// of its elements is handed to `each` as soon as it is read (and the budget is per element),
  /// so a document of many features never becomes one tree; the member is left an empty array.
  public static func parse(
    _ bytes: [UInt8], budget: Budget = .none, streaming: String? = nil,
    each: @escaping (Node) -> Void = { _ in }
  ) throws(SyntaxError) -> Node {
    var p = Parser(bytes: bytes, budget: budget)
    p.streamKey = streaming
    p.each = each
    p.skipBOM()
    p.skipSpace()
    let root = try p.value(depth: 0)
    p.skipSpace()
    if p.i < bytes.count { throw p.error("unexpected text after the document's end") }
    return root
  }

  /// Where element `k` of the array starting at `offset` starts (for a message about one
  /// position of a flat array, which keeps no offsets): a scan of that array only.
  public static func offset(ofElement k: Int, inArrayAt offset: Int, _ bytes: [UInt8]) -> Int {
    var i = offset + 1
    var depth = 0
    var seen = 0
    var inString = false
    while i < bytes.count {
      let b = bytes[i]
      if inString {
        if b == UInt8(ascii: "\\") {
          i += 1
        } else if b == UInt8(ascii: "\"") {
          inString = false
        }
      } else {
        switch b {
        case 0x20, 0x09, 0x0D, 0x0A: break
        case UInt8(ascii: "\""):
          if depth == 0 && seen == k { return i }
          inString = true
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          if depth == 0 && seen == k { return i }
          depth += 1
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
          if depth == 0 { return offset }
          depth -= 1
        case UInt8(ascii: ","):
          if depth == 0 { seen += 1 }
        default:
          if depth == 0 && seen == k { return i }
        }
      }
      i += 1
    }
    return offset
  }

  private struct Parser {
    let bytes: [UInt8]
    var i = 0
    let budget: Budget
    var elements = 0
    var streamKey: String?
    var each: (Node) -> Void = { _ in }

    init(bytes: [UInt8], budget: Budget) {
      self.bytes = bytes
      self.budget = budget
    }

    mutating func count(_ n: Int, at: Int) throws(SyntaxError) {
      elements += n
      if elements > budget.elements { throw error(budget.message, at: at) }
    }

    /// An array of arrays of numbers of one length (2 or more), read flat; nil (and nothing
    /// consumed) when the array at `i` is anything else, for the general reader to read. A
    /// first scan counts the numbers, so the storage is allocated once.
    mutating func positions() throws(SyntaxError) -> Positions? {
      let open = i
      var k = i + 1
      var depth = 1
      var numbers = 0
      var gap = true  // no number since the last bracket or comma
      scan: while k < bytes.count {
        switch bytes[k] {
        case 0x20, 0x09, 0x0D, 0x0A: break
        case UInt8(ascii: "["):
          depth += 1
          if depth > 2 { return nil }
        case UInt8(ascii: "]"):
          depth -= 1
          if depth == 0 { break scan }
        case UInt8(ascii: ","): gap = true
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"),
          UInt8(ascii: "E"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          if depth != 2 { return nil }
          if gap { numbers += 1 }
          gap = false
        default: return nil
        }
        k += 1
      }
      guard depth == 0, numbers > 0 else { return nil }
      var values: [Double] = []
      values.reserveCapacity(numbers)
      var dims = 0
      i += 1
      func fallBack() -> Positions? {
        i = open
        return nil
      }
      while true {
        skipSpace()
        let at = i
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return fallBack() }
        i += 1
        var d = 0
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || (0x30...0x39).contains(bytes[i]),
            let v = try? number()
          else { return fallBack() }
          values.append(v)
          d += 1
          skipSpace()
          guard i < bytes.count else { return fallBack() }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
          } else if bytes[i] == UInt8(ascii: "]") {
            i += 1
            break
          } else {
            return fallBack()
          }
        }
        if dims == 0 { dims = d }
        guard d >= 2, d == dims else { return fallBack() }
        try count(d, at: at)
        skipSpace()
        guard i < bytes.count else { return fallBack() }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
        } else if bytes[i] == UInt8(ascii: "]") {
          i += 1
          return Positions(values: values, dims: dims)
        } else {
          return fallBack()
        }
      }
    }

    func error(_ message: String, at: Int? = nil) -> SyntaxError {
      let (line, column) = JSONTree.location(at ?? i, in: bytes)
      return SyntaxError(line: line, column: column, message: message)
    }

    mutating func skipBOM() {
      if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
    }

    mutating func skipSpace() {
      while i < bytes.count {
        switch bytes[i] {
        case 0x20, 0x09, 0x0D, 0x0A: i += 1
        default: return
        }
      }
    }

    var found: String {
      guard i < bytes.count else { return "the end of the file" }
      let b = bytes[i]
      return (0x21...0x7E).contains(b) ? "'\(Character(UnicodeScalar(b)))'" : String(format: b)
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    // Named like the initialiser it stands in for (String(format:) is Foundation's).
    func String(format b: UInt8) -> Swift.String {
      let hex = Array("0123456789ABCDEF")
      return "byte 0x" + Swift.String(hex[Int(b >> 4)]) + Swift.String(hex[Int(b & 15)])
    }

    mutating func value(depth: Int) throws(SyntaxError) -> Node {
      let start = i
      guard i < bytes.count else { throw error("a value was expected, found the end of the file") }
      func node(_ v: Value) -> Node { Node(value: v, offset: start) }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        guard depth < JSONTree.maxDepth else {
          throw error("nested more than \(JSONTree.maxDepth) deep")
        }
        i += 1
        var members: [(key: String, value: Node)] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
          i += 1
          return node(.object(members))
        }
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            throw error("a member name in double quotes was expected, found \(found)")
          }
          try count(Budget.nodeUnits, at: i)
          let key = try string()
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
            throw error("':' was expected, found \(found)")
          }
          i += 1
          skipSpace()
          if depth == 0, key == streamKey, i < bytes.count, bytes[i] == UInt8(ascii: "[") {
            members.append((key, try stream(depth: depth + 1)))
          } else {
            members.append((key, try value(depth: depth + 1)))
          }
          skipSpace()
          guard i < bytes.count else { throw error("the object is not closed: '}' was expected") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          if bytes[i] == UInt8(ascii: "}") {
            i += 1
            return node(.object(members))
          }
          throw error("',' or '}' was expected, found \(found)")
        }
      case UInt8(ascii: "["):
        guard depth < JSONTree.maxDepth else {
          throw error("nested more than \(JSONTree.maxDepth) deep")
        }
        if depth + 2 < JSONTree.maxDepth, let flat = try positions() {
          return node(.positions(flat))
        }
        i += 1
        var items: [Node] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
          i += 1
          return node(.array(items))
        }
        while true {
          skipSpace()
          try count(Budget.nodeUnits, at: i)
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard i < bytes.count else { throw error("the array is not closed: ']' was expected") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          if bytes[i] == UInt8(ascii: "]") {
            i += 1
            return node(.array(items))
          }
          throw error("',' or ']' was expected, found \(found)")
        }
      case UInt8(ascii: "\""): return node(.string(try string()))
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return node(.number(try number()))
      case UInt8(ascii: "t"):
        try literal("true")
        return node(.bool(true))
      case UInt8(ascii: "f"):
        try literal("false")
        return node(.bool(false))
      case UInt8(ascii: "n"):
        try literal("null")
        return node(.null)
      default: throw error("a value was expected, found \(found)")
      }
    }

    /// An array whose elements go to `each` one by one, each within the budget on its own;
    /// an empty array in the tree.
    mutating func stream(depth: Int) throws(SyntaxError) -> Node {
      let start = i
      i += 1
      skipSpace()
      if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
        i += 1
        return Node(value: .array([]), offset: start)
      }
      while true {
        skipSpace()
        elements = 0
        each(try value(depth: depth + 1))
        skipSpace()
        guard i < bytes.count else { throw error("the array is not closed: ']' was expected") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if bytes[i] == UInt8(ascii: "]") {
          i += 1
          elements = 0
          return Node(value: .array([]), offset: start)
        }
        throw error("',' or ']' was expected, found \(found)")
      }
    }

    mutating func literal(_ word: StaticString) throws(SyntaxError) {
      let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
      guard i + w.count <= bytes.count, bytes[i..<(i + w.count)].elementsEqual(w) else {
        throw error("a value was expected, found \(found)")
      }
      i += w.count
    }

    mutating func number() throws(SyntaxError) -> Double {
      let start = i
      func digits() -> Int {
        let s = i
        while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        return i - s
      }
      if bytes[i] == UInt8(ascii: "-") { i += 1 }
      let intStart = i
      let n = digits()
      guard n > 0 else { throw error("a digit was expected after '-'") }
      if n > 1 && bytes[intStart] == UInt8(ascii: "0") {
        throw error("a number cannot start with 0", at: intStart)
      }
      if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard digits() > 0 else { throw error("a digit was expected after '.'") }
      }
      if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
        i += 1
        if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
          i += 1
        }
        guard digits() > 0 else { throw error("a digit was expected in the exponent") }
      }
      if let v = fastNumber(start, i) { return v }
      let text = Swift.String(decoding: bytes[start..<i], as: UTF8.self)
      guard let v = Double(text), v.isFinite else {
        throw error("the number \(text.prefix(40)) is out of range", at: start)
      }
      return v
    }

    static let powersOfTen: [Double] = [
      1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
      1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A number already checked against the grammar, without making a String: exact when its
    /// digits fit in 2^53 and its power of ten is at most 22 (then one multiplication or
    /// division of two exact doubles rounds correctly: Clinger's fast path); nil otherwise.
    func fastNumber(_ from: Int, _ to: Int) -> Double? {
      var k = from
      let negative = bytes[k] == UInt8(ascii: "-")
      if negative { k += 1 }
      var mantissa: UInt64 = 0
      var digits = 0
      var scale = 0
      var fraction = false
      while k < to {
        let b = bytes[k]
        if b == UInt8(ascii: ".") {
          fraction = true
        } else if b >= 0x30 && b <= 0x39 {
          if digits > 0 || b != 0x30 { digits += 1 }
          guard digits <= 15 else { return nil }
          mantissa = mantissa * 10 + UInt64(b - 0x30)
          if fraction { scale -= 1 }
        } else {
          return nil  // an exponent: the general path
        }
        k += 1
      }
      guard scale >= -22 else { return nil }
      let v = Double(mantissa) / Self.powersOfTen[-scale]
      return negative ? -v : v
    }

    mutating func string() throws(SyntaxError) -> Swift.String {
      let open = i
      i += 1
      var out: [UInt8] = []
      while i < bytes.count {
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "\""):
          i += 1
          guard let s = Swift.String(validating: out, as: UTF8.self) else {
            throw error("the string is not valid UTF-8", at: open)
          }
          return s
        case UInt8(ascii: "\\"):
          i += 1
          guard i < bytes.count else { break }
          let e = bytes[i]
          i += 1
          switch e {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
          case UInt8(ascii: "b"): out.append(8)
          case UInt8(ascii: "f"): out.append(12)
          case UInt8(ascii: "n"): out.append(10)
          case UInt8(ascii: "r"): out.append(13)
          case UInt8(ascii: "t"): out.append(9)
          case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count,
              bytes[i] == UInt8(ascii: "\\"),
              bytes[i + 1] == UInt8(ascii: "u")
            {
              i += 2
              let low = try hex4()
              guard (0xDC00..<0xE000).contains(low) else {
                throw error("a lone surrogate in \\u escapes")
              }
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else {
              throw error("a lone surrogate in \\u escapes")
            }
            out.append(contentsOf: Array(Swift.String(Character(u)).utf8))
          default: throw error("'\\\(Character(UnicodeScalar(e)))' is not an escape", at: i - 2)
          }
        case 0..<0x20:
          throw error(
            b == 0x0A
              ? "the string is not closed on its line" : "a control character inside a string")
        default:
          out.append(b)
          i += 1
        }
      }
      throw error("the string is not closed: '\"' was expected", at: open)
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard i + 4 <= bytes.count else { throw error("four hex digits were expected after \\u") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let b = bytes[i]
        let d: UInt32
        switch b {
        case 0x30...0x39: d = UInt32(b - 0x30)
        case 0x41...0x46: d = UInt32(b - 0x41 + 10)
        case 0x61...0x66: d = UInt32(b - 0x61 + 10)
        default: throw error("four hex digits were expected after \\u")
        }
        v = v << 4 | d
        i += 1
      }
      return v
    }
  }
}

/// Line and column of many byte offsets in one text, without scanning from the start for each
/// (12,000 messages on a 1.9 MB file took 8-9 s that way): the line starts are found once, and
/// a column is counted from the line's start, or from the previous offset when it is on the
/// same line further on (messages come in file order, so a one-line minified file is scanned
/// once in all).
public final class TextPositions {
  let bytes: [UInt8]
  let start: Int
  var lineStarts: [Int] = []
  var last: (offset: Int, line: Int, column: Int)?

  /// Positions in `bytes` (a leading byte-order mark is not counted).
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// The 1-based line and column (in characters) of `offset`, as `JSONTree.location` gives it.
  public func location(_ offset: Int) -> (line: Int, column: Int) {
    if lineStarts.isEmpty {
      lineStarts.append(start)
      for (k, b) in bytes.enumerated() where b == 0x0A && k >= start { lineStarts.append(k + 1) }
    }
    let target = max(start, min(offset, bytes.count))
    // The last line starting at or before the offset.
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= target { lo = mid } else { hi = mid - 1 }
    }
    var k = lineStarts[lo]
    var column = 1
    if let l = last, l.line == lo + 1, l.offset <= target {
      k = l.offset
      column = l.column
    }
    while k < target {
      if bytes[k] & 0xC0 != 0x80 { column += 1 }
      k += 1
    }
    last = (target, lo + 1, column)
    return (lo + 1, column)
  }
}
