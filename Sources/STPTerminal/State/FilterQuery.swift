import STPModel

/// The `/` filter: words that must all match, each a substring or a `field:value` term, with
/// `a|b` alternatives. "band:advanced region:north", "has:housing|has:voluntary", "wave:1 dorset".
/// A plain word matches the name, other names, code or region, ignoring case.
public struct FilterQuery: Sendable {
  /// The fields a term can name.
  public static let fields = ["band", "region", "has", "wave", "code", "name"]

  enum Term: Sendable {
    case text(String)
    case field(String, String)
  }

  /// Words (all must match), each a list of alternatives (any may match).
  let words: [[Term]]
  /// Fields named that do not exist ("bnd:"), so the status bar can say so.
  public let unknownFields: [String]

  /// Parses the filter text: words that must all match, `field:value`, `a|b`.
  public init(_ text: String) {
    var unknown: [String] = []
    words = text.lowercased().split(separator: " ").map { word in
      word.split(separator: "|").map { alt -> Term in
        let a = String(alt)
        guard let colon = a.firstIndex(of: ":"), colon != a.startIndex else { return .text(a) }
        let field = String(a[..<colon])
        guard Self.fields.contains(field) else {
          unknown.append(field)
          return .text(a)
        }
        return .field(field, String(a[a.index(after: colon)...]))
      }
    }
    unknownFields = unknown
  }

  /// Whether there is nothing to match (every STP matches).
  public var isEmpty: Bool { words.isEmpty }

  /// Whether footprint `f` matches every word.
  public func matches(_ f: Int, _ d: Dataset, _ m: Metrics) -> Bool {
    words.allSatisfy { alternatives in alternatives.contains { matches($0, f, d, m) } }
  }

  private func matches(_ term: Term, _ f: Int, _ d: Dataset, _ m: Metrics) -> Bool {
    let fp = d.footprints[f]
    switch term {
    case .text(let q):
      return ([fp.name, fp.code, fp.region ?? ""] + fp.otherNames).contains {
        String($0.prefix(10_000)).containsIgnoringCase(q)
      }
    case .field(let field, let v):
      switch field {
      case "band":
        guard let band = m.bands[f] else { return v == "?" || v.isEmpty || "unknown".hasPrefix(v) }
        return !v.isEmpty
          && (band.name.lowercased().hasPrefix(v) || String(band.letter).lowercased() == v)
      case "region": return (fp.region ?? "").containsIgnoringCase(v)
      case "has":
        // Organisations of a sector, named or counted: "has:housing", "has:voluntary".
        let b = m.breadth[f]
        return Sector.allCases.contains { s in
          (s.id.hasPrefix(v) || s.label.lowercased().hasPrefix(v) || s.shortLabel.lowercased() == v)
            && b.count(s).count > 0
        }
      case "wave":
        // "wave:1" or "wave:wave1": a funding row of that wave (a scheme, a total, a nil award).
        let id = v.hasPrefix("wave") ? v : "wave" + v
        return m.funding[f].waves.contains {
          d.waves[$0.wave].id.lowercased() == id || d.waves[$0.wave].shortLabel.lowercased() == v
        }
      case "code": return fp.code.lowercased().hasPrefix(v)
      case "name":
        return ([fp.name] + fp.otherNames).contains {
          String($0.prefix(10_000)).containsIgnoringCase(v)
        }
      default: return false
      }
    }
  }
}
