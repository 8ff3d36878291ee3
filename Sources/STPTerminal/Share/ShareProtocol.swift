import STPModel

/// What a presenter shares with its followers (`present --share`, `follow`): the view, not the
/// screen, so each follower draws it at its own size, theme, colour tier and mode.
public struct SharedView: Equatable, Sendable {
  /// Who presents (their login name).
  public var presenter = ""
  /// The data the view was drawn from: "embedded", or a data directory and its content hash.
  public var data = ""
  /// The focused pane, by name.
  public var pane = "league"
  /// The selected STP, by code.
  public var selected: String?
  /// The filter the lists and the map share.
  public var filter = ""
  /// What the league ranks by and the map colours by.
  public var measure = "band"
  /// The compare set and the spotlight, by code.
  public var compare: [String] = []
  public var spotlight: [String] = []
  /// The slide shown (0-based) and the seconds left on it, when presenting slides.
  public var slide: Int?
  public var secondsLeft: Int?

  /// An empty view.
  public init() {}

  /// The view of `s`, presented by `presenter` from `data`.
  public init(_ s: AppState, presenter: String, data: String) {
    self.presenter = presenter
    self.data = data
    pane = s.pane.name
    selected = s.selectedCode
    filter = s.listFilter
    measure = s.measure.rawValue
    compare = s.session.compare
    spotlight = s.session.spotlight
    slide = s.session.presentation?.slide
    secondsLeft = s.session.presentation?.secondsLeft
  }
}

/// A message from presenter to follower.
public enum ShareMessage: Equatable, Sendable {
  /// The presenter's view now (the latest state, never a history).
  case view(SharedView)
  /// The presenter stopped sharing.
  case end
}

/// Why a follower closed the connection: the message its side shows.
public struct ShareProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
  public let description: String
}

/// The wire format: versioned, length-prefixed, bounded. A frame is the magic "STPS", the
/// protocol version (one byte), the kind ("V" view, "E" end), the payload's length (4 bytes,
/// big-endian, at most `maxPayload`) and the payload: UTF-8 lines `key=value`, values with `%`,
/// newline, carriage return and `,` percent-escaped, lists joined by `,`.
public enum ShareWire {
  /// The protocol version this build speaks.
  public static let version: UInt8 = 1
  /// The largest payload accepted (a view is well under 1 KB; filters and sets are bounded).
  public static let maxPayload = 16 * 1024
  static let magic: [UInt8] = Array("STPS".utf8)
  static let headerSize = 10

  /// A message as one frame.
  public static func encode(_ m: ShareMessage) -> [UInt8] {
    let (kind, payload): (UInt8, [UInt8])
    switch m {
    case .end: (kind, payload) = (UInt8(ascii: "E"), [])
    case .view(let v): (kind, payload) = (UInt8(ascii: "V"), Array(text(v).utf8))
    }
    // A view over the bound (a huge filter) is cut to fit rather than sent whole.
    let body = Array(payload.prefix(maxPayload))
    let n = UInt32(body.count)
    return magic + [version, kind]
      + [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + body
  }

  static func text(_ v: SharedView) -> String {
    var lines = [
      ("presenter", esc(v.presenter)), ("data", esc(v.data)), ("pane", esc(v.pane)),
      ("filter", esc(v.filter)), ("measure", esc(v.measure)),
      ("compare", v.compare.map(esc).joined(separator: ",")),
      ("spotlight", v.spotlight.map(esc).joined(separator: ",")),
    ]
    if let s = v.selected { lines.append(("selected", esc(s))) }
    if let s = v.slide { lines.append(("slide", "\(s)")) }
    if let s = v.secondsLeft { lines.append(("seconds-left", "\(s)")) }
    return lines.map { "\($0)=\($1)\n" }.joined()
  }

  static func esc(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "%": out += "%25"
      case "\n": out += "%0A"
      case "\r": out += "%0D"
      case ",": out += "%2C"
      default: out.append(ch)
      }
    }
    return out
  }

  static func unesc(_ s: Substring) throws(ShareProtocolError) -> String {
    var out = ""
    var i = s.startIndex
    while i < s.endIndex {
      if s[i] == "%" {
        let end = s.index(i, offsetBy: 3, limitedBy: s.endIndex) ?? s.endIndex
        switch s[i..<end] {
        case "%25": out += "%"
        case "%0A": out += "\n"
        case "%0D": out += "\r"
        case "%2C": out += ","
        default: throw ShareProtocolError(description: "a malformed escape in a view")
        }
        i = end
      } else {
        out.append(s[i])
        i = s.index(after: i)
      }
    }
    return out
  }

  /// A view from its payload. Unknown keys are ignored (a newer presenter of the same version
  /// may say more); a line without `=`, a bad escape or a bad number is an error.
  static func view(_ payload: ArraySlice<UInt8>) throws(ShareProtocolError) -> SharedView {
    guard let text = String(validating: payload, as: UTF8.self) else {
      throw ShareProtocolError(description: "a view that is not UTF-8")
    }
    var v = SharedView()
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      guard let eq = line.firstIndex(of: "=") else {
        throw ShareProtocolError(description: "a malformed line in a view")
      }
      let key = line[..<eq]
      let value = line[line.index(after: eq)...]
      func list() throws(ShareProtocolError) -> [String] {
        var out: [String] = []
        for part in value.split(separator: ",") { out.append(try unesc(part)) }
        return out
      }
      func number() throws(ShareProtocolError) -> Int {
        guard let n = Int(value), n >= 0, n < 1_000_000 else {
          throw ShareProtocolError(description: "a malformed number in a view")
        }
        return n
      }
      switch key {
      case "presenter": v.presenter = try unesc(value)
      case "data": v.data = try unesc(value)
      case "pane": v.pane = try unesc(value)
      case "selected": v.selected = try unesc(value)
      case "filter": v.filter = try unesc(value)
      case "measure": v.measure = try unesc(value)
      case "compare": v.compare = try list()
      case "spotlight": v.spotlight = try list()
      case "slide": v.slide = try number()
      case "seconds-left": v.secondsLeft = try number()
      default: break
      }
    }
    return v
  }
}

/// Reads frames from a stream of bytes as they arrive, holding at most one frame's bytes.
public struct ShareDecoder {
  var buffer: [UInt8] = []

  /// An empty decoder.
  public init() {}

  /// The messages completed by `bytes`. Throws on bad magic, another version, an unknown kind,
  /// an oversized or malformed payload: the connection is to be closed.
  public mutating func feed(_ bytes: some Collection<UInt8>) throws(ShareProtocolError)
    -> [ShareMessage]
  {
    buffer += bytes
    var out: [ShareMessage] = []
    while buffer.count >= ShareWire.headerSize {
      guard buffer.prefix(4).elementsEqual(ShareWire.magic) else {
        throw ShareProtocolError(description: "not an stp-dash presentation")
      }
      guard buffer[4] == ShareWire.version else {
        throw ShareProtocolError(
          description:
            "the presenter speaks protocol \(buffer[4]), this follower \(ShareWire.version)")
      }
      let n = buffer[6..<10].reduce(0) { $0 << 8 | Int($1) }
      guard n <= ShareWire.maxPayload else {
        throw ShareProtocolError(description: "a message of \(n) bytes, over the limit")
      }
      guard buffer.count >= ShareWire.headerSize + n else { break }
      let payload = buffer[ShareWire.headerSize..<(ShareWire.headerSize + n)]
      switch buffer[5] {
      case UInt8(ascii: "V"): out.append(.view(try ShareWire.view(payload)))
      case UInt8(ascii: "E"): out.append(.end)
      default: throw ShareProtocolError(description: "an unknown message")
      }
      buffer.removeFirst(ShareWire.headerSize + n)
    }
    return out
  }
}
