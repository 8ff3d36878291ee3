/// A JSON value that keeps the order of object keys (reports read better that way).
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Equal when they serialise to the same text (objects keep their key order).
  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

  /// An optional string, null when nil.
  public static func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
  /// An optional integer, null when nil.
  public static func number(_ n: Int?) -> JSONValue { n.map { .int(Int64($0)) } ?? .null }
  /// An optional 64-bit integer, null when nil.
  public static func number(_ n: Int64?) -> JSONValue { n.map(JSONValue.int) ?? .null }
  /// An optional double, null when nil.
  public static func number(_ n: Double?) -> JSONValue { n.map(JSONValue.double) ?? .null }

  /// The value as JSON text; `indent` > 0 pretty-prints.
  public func serialized(indent: Int = 0) -> String {
    var out = ""
    write(to: &out, indent: indent, level: 0)
    return out
  }

  private func write(to out: inout String, indent: Int, level: Int) {
    let nl = indent > 0 ? "\n" : ""
    let pad = String(repeating: " ", count: indent * (level + 1))
    let end = String(repeating: " ", count: indent * level)
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isFinite { out += String(d) } else { out += "null" }
    case .string(let s): JSONValue.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[" + nl
      for (i, v) in items.enumerated() {
        out += pad
        v.write(to: &out, indent: indent, level: level + 1)
        out += (i + 1 < items.count ? "," : "") + nl
      }
      out += end + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{" + nl
      for (i, (k, v)) in pairs.enumerated() {
        out += pad
        JSONValue.quote(k, into: &out)
        out += indent > 0 ? ": " : ":"
        v.write(to: &out, indent: indent, level: level + 1)
        out += (i + 1 < pairs.count ? "," : "") + nl
      }
      out += end + "}"
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // Controls (C0, DEL, C1 such as U+009B, a CSI on some terminals), line separators and
        // bidi overrides: escaped, so JSON printed to a terminal cannot act on it.
        if SafeText.needsEscape(u) || (0x2028...0x2029).contains(u.value) {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}
