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

  /// The lengths in bytes of the `aliases`' keys.
  private static let aliasLengths = Set(aliases.keys.map(\.utf8.count))
  /// `kindWords` as bytes, for `key`.
  private static let kindWordBytes: [[UInt8]] = kindWords.map { Array($0.utf8) }

  /// The words of a name that identify a council: "kingston upon hull".
  /// Works on UTF-8 bytes (ASCII letters lowered; other letters kept as they are) into one buffer,
  /// no String a word: a million-row file's thousands of partner names cost 4 ms, not the 36 ms
  /// of walking Characters, and 100,000 council names 30 ms, not 110 ms.
  public static func key(_ name: String) -> String {
    var name = name
    return name.withUTF8 { key($0) }
  }

  /// The key of a name's UTF-8 bytes; a CSV field's bytes as written give the same key, its
  /// doubled quotes being word breaks like any other punctuation.
  static func key(_ name: UnsafeBufferPointer<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(name.count)
    var wordStart = 0
    func end() {
      // `out` holds the words kept so far, each followed by a space, then this word.
      let word = out[wordStart...]
      if !word.isEmpty
        && !kindWordBytes.contains(where: { $0.count == word.count && $0.elementsEqual(word) })
      {
        out.append(UInt8(ascii: " "))
      } else {
        out.removeSubrange(wordStart...)
      }
      wordStart = out.count
    }
    for b in name {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(b + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
        out.append(b)
      case UInt8(ascii: "&"):
        end()
        out += Array("and".utf8)
        end()
      default: end()
      }
    }
    end()
    if !out.isEmpty { out.removeLast() }  // the space after the last word
    let kept = String(decoding: out, as: UTF8.self)
    // Looked up only at an alias's length: a second hash of every key cost a third of `key`.
    return aliasLengths.contains(out.count) ? aliases[kept] ?? kept : kept
  }

  /// Councils by key: the council's code, or nil when several councils share the key.
  public static func index(_ councils: [Council]) -> [String: String?] {
    var byKey: [String: String?] = [:]
    byKey.reserveCapacity(councils.count)
    for c in councils {
      let k = key(c.name)
      if let found = byKey[k] {
        if found != c.code { byKey[k] = .some(nil) }
      } else {
        byKey[k] = c.code
      }
    }
    return byKey
  }

  /// The code of the one council among `councils` (indices into `Dataset.councils`, a
  /// footprint's own) whose name begins with the words of `name`; nil when none or several do.
  static func localCode(_ name: String, _ councils: [Int], _ d: Dataset) -> String? {
    PrefixIndex(councils.map { (key(d.councils[$0].name), d.councils[$0].code) })
      .code(startingWith: key(name))
  }

  /// A footprint's councils by key, sorted by the key's bytes, so that the councils whose key
  /// begins with a name's words are found by binary search: 100,000 councils and 100,000
  /// unmatched partner names took 8 s as a scan of every council for each name.
  struct PrefixIndex {
    private let keys: [[UInt8]]
    private let codes: [String]

    init(_ councils: [(key: String, code: String)]) {
      let sorted = councils.map { (Array($0.key.utf8), $0.code) }
        .sorted { $0.0.lexicographicallyPrecedes($1.0) }
      keys = sorted.map(\.0)
      codes = sorted.map(\.1)
    }

    /// The code of the one council whose key begins with the words of key `k` (then a space);
    /// nil when none or several do.
    func code(startingWith k: String) -> String? {
      guard !k.isEmpty else { return nil }
      let prefix = Array(k.utf8) + [UInt8(ascii: " ")]
      var low = 0
      var high = keys.count
      while low < high {
        let mid = (low + high) / 2
        if keys[mid].lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
      }
      var found: String?
      while low < keys.count && keys[low].starts(with: prefix) {
        if let f = found, f != codes[low] { return nil }
        found = codes[low]
        low += 1
      }
      return found
    }
  }

  /// The council code a partner's name stands for among `byKey` (`index`); nil when none or
  /// several match.
  static func code(_ name: String, _ byKey: [String: String?]) -> String? {
    code(key: key(name), byKey)
  }

  /// The same, from the name's key.
  static func code(key k: String, _ byKey: [String: String?]) -> String? {
    if let found = byKey[k] { return found }
    // "London Borough of Camden", "Camden London Borough Council". (Words compared one by one:
    // String.contains(String) goes through the regex engine, 20 ms over 9k names.)
    // Most names have no "london" at all: looked for in the bytes before splitting into words
    // (a byte scan: `starts(with:)` at every index of the UTF-8 view was 3.5% of a 100,000-row
    // validate).
    var bytes = k
    let mayBeLondon = bytes.withUTF8 { b -> Bool in
      guard b.count >= 6 else { return false }
      for i in 0...(b.count - 6) where b[i] == UInt8(ascii: "l") {
        if b[i + 1] == UInt8(ascii: "o") && b[i + 2] == UInt8(ascii: "n")
          && b[i + 3] == UInt8(ascii: "d") && b[i + 4] == UInt8(ascii: "o")
          && b[i + 5] == UInt8(ascii: "n")
        {
          return true
        }
      }
      return false
    }
    guard mayBeLondon else { return nil }
    let words = k.split(separator: " ")
    guard words.contains(where: { $0 == "london" }) else { return nil }
    let without = words.filter { $0 != "london" }.joined(separator: " ")
    guard !without.isEmpty, let found = byKey[without] else { return nil }
    return found
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
    guard hasShare(d) else { return nil }
    // From the people counts, not the rounded shares: all named is exactly 100%.
    let all = socialCare.reduce(0) { $0 + d.councils[$1].population }
    return Double(socialCareNamed(d).reduce(0) { $0 + d.councils[$1].population }) / Double(all)
  }

  /// Whether `weightedShare` is known: searched, with social care councils of some people. It
  /// does not rest on which councils are named.
  func hasShare(_ d: Dataset) -> Bool {
    searched && socialCare.reduce(0) { $0 + d.councils[$1].population } > 0
  }

  /// Named social care authorities over all of them; nil when not searched.
  public func countShare(_ d: Dataset) -> Double? {
    guard searched, !socialCare.isEmpty else { return nil }
    return Double(socialCareNamed(d).count) / Double(socialCare.count)
  }
}

enum CouncilCalculator {
  /// `splitAt`: the partner row where the second of two halves matched at once starts (by
  /// default the middle, from 100,000 rows; the end: one pass).
  static func compute(_ d: Dataset, _ breadth: [Breadth], splitAt: Int? = nil)
    -> [CouncilCover]
  {
    named(d, frames(d, breadth), splitAt: splitAt)
  }

  /// Each footprint's councils and whether its partnership was searched for them, without the
  /// matching of names (`named`): what a measure's being known rests on, cheap at any size.
  static func frames(_ d: Dataset, _ breadth: [Breadth]) -> [CouncilCover] {
    var covers = [CouncilCover](repeating: CouncilCover(), count: d.footprints.count)
    for (i, c) in d.councils.enumerated() {
      switch c.tier {
      case .socialCare: covers[c.footprint].socialCare.append(i)
      case .district: covers[c.footprint].districts.append(i)
      }
    }
    // Shares read once: through `d.councils` each sort copied the dataset and each comparison
    // read two councils (0.74M of the start's 1.1M here, issue 26). Same comparisons, same order.
    let shares = d.councils.map(\.share)
    for f in covers.indices {
      covers[f].socialCare.sort { shares[$0] > shares[$1] }
      covers[f].districts.sort { shares[$0] > shares[$1] }
      guard breadth.indices.contains(f) else { continue }
      covers[f].stated = breadth[f].count(.localAuthority).stated
      // Searched: partners named beyond the NHS lookups (a published member list); a stated
      // count of councils alone names none.
      covers[f].searched = breadth[f].namesBeyondLookups && breadth[f].wasSearched(.localAuthority)
      covers[f].notInSource =
        breadth[f].namesBeyondLookups && !breadth[f].wasSearched(.localAuthority)
    }
    return covers
  }

  /// `frames` with the councils each partnership names and its names that match none.
  static func named(_ d: Dataset, _ frames: [CouncilCover], splitAt: Int? = nil) -> [CouncilCover] {
    var covers = frames
    let byKey = CouncilMatcher.index(d.councils)
    let p = d.partners
    let own = covers.map { $0.socialCare + $0.districts }
    // A million partner rows are matched in two halves at once (0.3 s on one core), merged in
    // file order: the second half's unmatched names after the first's.
    let half = min(p.count, max(0, splitAt ?? (p.count >= 100_000 ? p.count / 2 : p.count)))
    let job = half < p.count ? Alongside.start { match(d, own, byKey, half..<p.count) } : nil
    var matches = match(d, own, byKey, 0..<(job == nil ? p.count : half))
    if let second = job?.join() {
      for f in matches.indices {
        matches[f].named.formUnion(second[f].named)
        var listed = Set(matches[f].unmatched)
        for name in second[f].unmatched where listed.insert(name).inserted {
          matches[f].unmatched.append(name)
        }
      }
    }
    for f in covers.indices {
      covers[f].named = matches[f].named
      covers[f].unmatched = matches[f].unmatched
    }
    return covers
  }

  /// One footprint's councils named by its partners, and its local-authority partners named
  /// no council (each name once, in file order).
  struct Matches {
    var named: Set<String> = []
    var unmatched: [String] = []
  }

  /// Matches the local-authority partners of `rows` to councils: each footprint's partners to
  /// `byKey`, then to the councils `own[f]` of their own footprint by the start of the name.
  static func match(
    _ d: Dataset, _ own: [[Int]], _ byKey: [String: String?], _ rows: Range<Int>
  ) -> [Matches] {
    let p = d.partners
    var out = [Matches](repeating: Matches(), count: own.count)
    // Each row's name is keyed afresh: a key costs less than remembering it (a memo of a
    // million rows' names took 0.3 s of hashing and growing).
    var listed = [Set<String>](repeating: [], count: own.count)
    // Each footprint's councils by key, made on first need.
    var councilKeys = [CouncilMatcher.PrefixIndex?](repeating: nil, count: own.count)
    for row in rows where p.sector[row] == .localAuthority {
      let f = Int(p.footprint[row])
      guard own.indices.contains(f) else { continue }
      let ref = p.organisation[row]
      let k = p.text.withBuffer {
        CouncilMatcher.key(
          UnsafeBufferPointer(rebasing: $0[Int(ref.start)..<Int(ref.start) + ref.byteCount]))
      }
      var local = CouncilMatcher.code(key: k, byKey)
      // A source that names the borough only ("Kingston" in South West London's list) matches
      // the one council of its own footprint whose name begins with those words, never one
      // elsewhere ("Kingston upon Thames", not Kingston upon Hull).
      if local == nil {
        if councilKeys[f] == nil {
          councilKeys[f] = CouncilMatcher.PrefixIndex(
            own[f].map { (CouncilMatcher.key(d.councils[$0].name), d.councils[$0].code) })
        }
        local = councilKeys[f]?.code(startingWith: k)
      }
      if let code = local {
        out[f].named.insert(code)
      } else {
        let name = p.text.string(ref)
        if listed[f].insert(name).inserted { out[f].unmatched.append(name) }
      }
    }
    return out
  }
}
