/// A reference to text held in a `TextStore`: a byte range, decoded only when asked for.
///
/// Large tables (funding, partners) keep their text this way so that loading a million rows makes
/// no `String` per cell; a screen decodes the few dozen rows it shows.
public struct TextRef: Equatable, Hashable, Sendable {
  let start: UInt32
  let packed: UInt32  // length in the low 31 bits; the top bit marks doubled quotes to collapse

  /// The empty text.
  public static let empty = TextRef(start: 0, count: 0, hasEscapedQuotes: false)

  init(start: Int, count: Int, hasEscapedQuotes: Bool) {
    self.start = UInt32(start)
    self.packed = UInt32(count) | (hasEscapedQuotes ? 0x8000_0000 : 0)
  }

  /// Number of bytes (before doubled quotes are collapsed).
  public var byteCount: Int { Int(packed & 0x7FFF_FFFF) }
  /// Whether the text is empty.
  public var isEmpty: Bool { byteCount == 0 }
  var hasEscapedQuotes: Bool { packed & 0x8000_0000 != 0 }
}

/// The bytes of one loaded file, which `TextRef`s point into.
public struct TextStore: Sendable {
  /// The file's bytes, unchanged.
  public let bytes: [UInt8]

  /// Wraps a file's bytes.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The text a reference points to in `buf`.
  static func string(_ buf: UnsafeBufferPointer<UInt8>, _ ref: TextRef) -> String {
    guard !ref.isEmpty else { return "" }
    let start = Int(ref.start)
    return decodeCSVText(buf, start..<(start + ref.byteCount), hasEscapedQuotes: ref.hasEscapedQuotes)
  }

  /// The text a reference points to.
  public func string(_ ref: TextRef) -> String {
    guard !ref.isEmpty else { return "" }
    let start = Int(ref.start)
    return bytes.withUnsafeBufferPointer { buf in
      decodeCSVText(buf, start..<(start + ref.byteCount), hasEscapedQuotes: ref.hasEscapedQuotes)
    }
  }
}
