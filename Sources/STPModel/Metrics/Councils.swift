/// Councils named as partners, matched to the councils whose areas a footprint covers.
///
/// The matcher compares names as sets of words, without the words that only say what kind of
/// council it is ("council", "county", "borough", "city", "district", "metropolitan", "royal",
/// "of", "the", "corporation"), so "Dorset County Council" is Dorset, "Borough of Poole" is Poole
/// and "Royal Borough of Windsor and Maidenhead" is Windsor and Maidenhead; "London Borough of X"
/// is X. One alias is needed: "Hull" is Kingston upon Hull. A name that matches no council, or
/// more than one, is listed as unmatched, never guessed.
public enum CouncilMatcher {
  static let kindWords: Set<String> = [
    "council", "county", "borough", "city", "district", "metropolitan", "royal", "of", "the",
    "corporation",
    "unitary", "authority",
  ]
  /// Names people use that differ from ONS's beyond the kind words.
  public static let aliases: [String: String] = ["hull": "kingston upon hull"]

  /// The words of a name that identify a council: "kingston upon hull".
  /// Works on UTF-8 bytes (ASCII letters lowered; other letters kept as they are): a million-row
  /// file's thousands of partner names cost 4 ms, not the 36 ms of walking Characters.
  public static func key(_ name: String) -> String {
    var words: [String] = []
    var word: [UInt8] = []
    func end() {
      if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
      word.removeAll(keepingCapacity: true)
    }
    for b in name.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(b + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
        word.append(b)
      case UInt8(ascii: "&"):
        end()
        words.append("and")
      default: end()
      }
    }
    end()
    let kept = words.filter { !kindWords.contains($0) }.joined(separator: " ")
    return aliases[kept] ?? kept
  }

  /// The code of the one council among `councils` (indices into `Dataset.councils`, a
  /// footprint's own) whose name begins with the words of `name`; nil when none or several do.
  static func localCode(_ name: String, _ councils: [Int], _ d: Dataset) -> String? {
    localCode(key(name), councils.map { (key(d.councils[$0].name), d.councils[$0].code) })
  }

  /// The same, from a name's key and the footprint's councils as (key, code).
  static func localCode(_ k: String, _ councils: [(key: String, code: String)]) -> String? {
    guard !k.isEmpty else { return nil }
    let found = Set(councils.filter { $0.key.hasPrefix(k + " ") }.map(\.code))
    return found.count == 1 ? found.first : nil
  }

  /// The council code a partner's name stands for among `byKey` (key → codes); nil when none or
  /// several match.
  static func code(_ name: String, _ byKey: [String: Set<String>]) -> String? {
    let k = key(name)
    if let found = byKey[k] { return found.count == 1 ? found.first : nil }
    // "London Borough of Camden", "Camden London Borough Council". (Words compared one by one:
    // String.contains(String) goes through the regex engine, 20 ms over 9k names.)
    let words = k.split(separator: " ")
    guard words.contains(where: { $0 == "london" }) else { return nil }
    let without = words.filter { $0 != "london" }.joined(separator: " ")
    guard !without.isEmpty, let found = byKey[without] else { return nil }
    return found.count == 1 ? found.first : nil
  }
}

/// One footprint's councils and how many of them its partnership names.
public struct CouncilCover: Sendable, Equatable {
  /// Indices into `Dataset.councils`, largest share first.
  public var socialCare: [Int] = []
  public var districts: [Int] = []
  /// Whether the partnership's member list was searched for councils (a published list, not
  /// NHS lookups only): without it, "named" is not known.
  public var searched = false
  /// The partnership's published list leaves councils out of its scope (a list of NHS bodies
  /// only): whether they are partners is not in the source.
  public var notInSource = false
  /// Councils the partnership says it has without naming them (partner_counts.csv), if any.
  public var stated: Int?
  /// Council codes the partnership names.
  public var named: Set<String> = []
  /// Local-authority partners whose names match no council (or several).
  public var unmatched: [String] = []

  /// The footprint's social care authorities the partnership names.
  public func socialCareNamed(_ d: Dataset) -> [Int] {
    socialCare.filter { named.contains(d.councils[$0].code) }
  }
  public func socialCareMissing(_ d: Dataset) -> [Int] {
    socialCare.filter { !named.contains(d.councils[$0].code) }
  }

  /// Share of the footprint's people whose social care authority is named; nil when not searched
  /// or no councils are known.
  public func weightedShare(_ d: Dataset) -> Double? {
    guard searched, !socialCare.isEmpty else { return nil }
    // From the people counts, not the rounded shares: all named is exactly 100%.
    let all = socialCare.reduce(0) { $0 + d.councils[$1].population }
    guard all > 0 else { return nil }
    return Double(socialCareNamed(d).reduce(0) { $0 + d.councils[$1].population }) / Double(all)
  }

  /// Named social care authorities over all of them; nil when not searched.
  public func countShare(_ d: Dataset) -> Double? {
    guard searched, !socialCare.isEmpty else { return nil }
    return Double(socialCareNamed(d).count) / Double(socialCare.count)
  }
}

enum CouncilCalculator {
  static func compute(_ d: Dataset, _ breadth: [Breadth]) -> [CouncilCover] {
    var covers = [CouncilCover](repeating: CouncilCover(), count: d.footprints.count)
    var byKey: [String: Set<String>] = [:]
    for (i, c) in d.councils.enumerated() {
      switch c.tier {
      case .socialCare: covers[c.footprint].socialCare.append(i)
      case .district: covers[c.footprint].districts.append(i)
      }
      byKey[CouncilMatcher.key(c.name), default: []].insert(c.code)
    }
    for f in covers.indices {
      covers[f].socialCare.sort { d.councils[$0].share > d.councils[$1].share }
      covers[f].districts.sort { d.councils[$0].share > d.councils[$1].share }
      guard breadth.indices.contains(f) else { continue }
      covers[f].stated = breadth[f].count(.localAuthority).stated
      // Searched: partners named beyond the NHS lookups (a published member list); a stated
      // count of councils alone names none.
      covers[f].searched = breadth[f].namesBeyondLookups && breadth[f].wasSearched(.localAuthority)
      covers[f].notInSource =
        breadth[f].namesBeyondLookups && !breadth[f].wasSearched(.localAuthority)
    }
    let p = d.partners
    // Local-authority partners only: their names, each matched once however often it recurs.
    var memo: [String: String?] = [:]
    var listed = [Set<String>](repeating: [], count: covers.count)
    // Each footprint's councils by key, made on first need; names matched locally, memoised per
    // footprint (a million rows of unmatched names must not key every council again).
    var councilKeys = [[(key: String, code: String)]?](repeating: nil, count: covers.count)
    var localMemo: [Int: [String: String?]] = [:]
    for row in 0..<p.count where p.sector[row] == .localAuthority {
      let f = Int(p.footprint[row])
      guard covers.indices.contains(f) else { continue }
      let name = p.text.string(p.organisation[row])
      let code: String?
      if let known = memo[name] {
        code = known
      } else {
        code = CouncilMatcher.code(name, byKey)
        memo[name] = code
      }
      // A source that names the borough only ("Kingston" in South West London's list) matches
      // the one council of its own footprint whose name begins with those words, never one
      // elsewhere ("Kingston upon Thames", not Kingston upon Hull).
      var local = code
      if local == nil {
        if let known = localMemo[f]?[name] {
          local = known
        } else {
          if councilKeys[f] == nil {
            councilKeys[f] = (covers[f].socialCare + covers[f].districts).map {
              (CouncilMatcher.key(d.councils[$0].name), d.councils[$0].code)
            }
          }
          let found = CouncilMatcher.localCode(CouncilMatcher.key(name), councilKeys[f] ?? [])
          localMemo[f, default: [:]][name] = found
          local = found
        }
      }
      if let code = local {
        covers[f].named.insert(code)
      } else if listed[f].insert(name).inserted {
        covers[f].unmatched.append(name)
      }
    }
    return covers
  }
}
