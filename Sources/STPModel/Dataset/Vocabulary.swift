/// The four bands of NHS England's July 2017 STP progress ratings, best first.
public enum Band: Int, CaseIterable, Comparable, Sendable, Codable {
  case outstanding = 4
  case advanced = 3
  case makingProgress = 2
  case needsMostImprovement = 1

  /// The band's name as NHS England wrote it; also the spelling the data files use.
  public var name: String {
    switch self {
    case .outstanding: "Outstanding"
    case .advanced: "Advanced"
    case .makingProgress: "Making progress"
    case .needsMostImprovement: "Needs most improvement"
    }
  }

  /// One letter that tells the band without colour: O, A, M, N.
  public var letter: Character {
    switch self {
    case .outstanding: "O"
    case .advanced: "A"
    case .makingProgress: "M"
    case .needsMostImprovement: "N"
    }
  }

  /// Parses a band name, ignoring case and surrounding space.
  public init?(name: some StringProtocol) {
    let key = name.trimmingSpaces().lowercased()
    guard let band = Band.allCases.first(where: { $0.name.lowercased() == key }) else { return nil }
    self = band
  }

  public static func < (a: Band, b: Band) -> Bool { a.rawValue < b.rawValue }
}

/// The fixed vocabulary of partner sectors used for partnership breadth.
public enum Sector: String, CaseIterable, Sendable, Codable {
  case commissioner
  case acute
  case communityMentalHealth = "community-mental-health"
  case primaryCare = "primary-care"
  case localAuthority = "local-authority"
  case housing
  case voluntaryCommunity = "voluntary-community"
  case privateIndependent = "private-independent"
  case academic
  case publicResidents = "public"
  case other

  /// The identifier written in data files (`local-authority`).
  public var id: String { rawValue }

  /// Position in `allCases`, without a search or a hash (a metric counts a million rows by it).
  public var ordinal: Int {
    switch self {
    case .commissioner: 0
    case .acute: 1
    case .communityMentalHealth: 2
    case .primaryCare: 3
    case .localAuthority: 4
    case .housing: 5
    case .voluntaryCommunity: 6
    case .privateIndependent: 7
    case .academic: 8
    case .publicResidents: 9
    case .other: 10
    }
  }

  /// A label for people.
  public var label: String {
    switch self {
    case .commissioner: "CCG/commissioner"
    case .acute: "Acute provider"
    case .communityMentalHealth: "Community or mental-health provider"
    case .primaryCare: "Primary care"
    case .localAuthority: "Local authority"
    case .housing: "Housing"
    case .voluntaryCommunity: "Voluntary and community"
    case .privateIndependent: "Private or independent"
    case .academic: "Academic"
    case .publicResidents: "Residents/public"
    case .other: "Other"
    }
  }

  /// A short column heading (at most four characters).
  public var shortLabel: String {
    switch self {
    case .commissioner: "CCG"
    case .acute: "Acut"
    case .communityMentalHealth: "CoMH"
    case .primaryCare: "Prim"
    case .localAuthority: "LA"
    case .housing: "Hous"
    case .voluntaryCommunity: "Vol"
    case .privateIndependent: "Priv"
    case .academic: "Acad"
    case .publicResidents: "Pub"
    case .other: "Oth"
    }
  }

  /// Whether an organisation of this sector is part of the NHS when its row does not say.
  ///
  /// Commissioners and NHS providers are NHS; councils, housing, the voluntary sector, private
  /// firms, universities and residents are not. Primary care (GP practices are independent
  /// contractors, federations are companies) and `other` are unknown unless the row says.
  public var defaultIsNHS: Bool? {
    switch self {
    case .commissioner, .acute, .communityMentalHealth: true
    case .localAuthority, .housing, .voluntaryCommunity, .privateIndependent, .academic,
      .publicResidents:
      false
    case .primaryCare, .other: nil
    }
  }

  /// Parses an id (`local-authority`) or a label (`Local authority`), ignoring case.
  public init?(text: some StringProtocol) {
    let key = text.trimmingSpaces().lowercased()
    if let s = Sector(rawValue: key) {
      self = s
      return
    }
    let aliases: [String: Sector] = [
      "ccg": .commissioner, "ccg/commissioner": .commissioner, "acute provider": .acute,
      "community or mental-health provider": .communityMentalHealth, "primary care": .primaryCare,
      "local authority": .localAuthority, "voluntary and community": .voluntaryCommunity,
      "private or independent": .privateIndependent, "residents/public": .publicResidents,
      "residents": .publicResidents,
    ]
    guard let s = aliases[key] else { return nil }
    self = s
  }
}

/// How exact an amount of money is, as the source states it.
public enum AmountBasis: String, CaseIterable, Sendable, Codable {
  /// One figure: minimum and maximum are both set and equal.
  case exact
  /// "Up to £X": only the maximum is set.
  case upTo = "up to"
  /// "At least £X": only the minimum is set.
  case atLeast = "at least"
  /// "£X to £Y": both set, minimum below maximum.
  case range
}

/// What a funding row records.
public enum FundingKind: String, CaseIterable, Sendable, Codable {
  /// One award to one scheme.
  case scheme
  /// A total for all of an STP's schemes in a wave; overlaps that wave's scheme rows.
  case stpTotal = "stp-total"
  /// The STP is named as a recipient in the wave; the amount is not known.
  case recipient
  /// The source says the STP got nothing in the wave.
  case nilAward = "nil"
  /// A named bid that was not funded; never counted as money.
  case unsuccessfulBid = "unsuccessful-bid"
}

/// How exact a stated count of partner organisations is.
public enum CountBasis: String, CaseIterable, Sendable, Codable {
  /// The stated number.
  case exact
  /// "More than N": a lower bound.
  case atLeast = "at least"
  /// "Some N": approximate.
  case approx
}

/// How exact a population figure is.
public enum PopulationBasis: String, CaseIterable, Sendable, Codable {
  case exact, approx, over, under
}

/// The groups a partner count may describe: a sector, or one of three aggregates.
public enum CountGroup: Hashable, Sendable {
  /// Organisations of one sector.
  case sector(Sector)
  /// All partner organisations.
  case all
  /// NHS provider trusts of any kind (acute, community, mental health, ambulance).
  case nhsProvider
  /// Partners outside the NHS, sector not given.
  case nonNHS

  /// The identifier written in data files.
  public var id: String {
    switch self {
    case .sector(let s): s.id
    case .all: "all"
    case .nhsProvider: "nhs-provider"
    case .nonNHS: "non-nhs"
    }
  }

  /// Parses an identifier or a sector label.
  public init?(text: some StringProtocol) {
    switch text.trimmingSpaces().lowercased() {
    case "all": self = .all
    case "nhs-provider": self = .nhsProvider
    case "non-nhs": self = .nonNHS
    default:
      guard let s = Sector(text: text) else { return nil }
      self = .sector(s)
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  func trimmingSpaces() -> Substring {
    // Most cells have nothing to trim: said by their first and last bytes, without breaking
    // the text into characters (~870 instructions a cell otherwise). A text whose first or last
    // byte is a space or tab is trimmed by characters, as before.
    func isSpace(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 }
    var s = Substring(self)
    if !isSpace(s.utf8.first) && !isSpace(s.utf8.last) { return s }
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return s
  }
}

extension String {
  /// Whether `needle` occurs in the text, ignoring case (a filter's test), with the standard
  /// library alone: `String.contains(String)` lives in _StringProcessing, which brings the regex
  /// engine (800 KB of code) into the program. An ASCII needle, the usual case, is compared on
  /// UTF-8 bytes with ASCII letters folded (a detail filter over 70k lines: 10 ms, not 200 ms);
  /// so "cafe" also finds "cafe" followed by a combining accent. Otherwise by characters.
  public func containsIgnoringCase(_ needle: String) -> Bool {
    let n = Array(needle.utf8)
    if n.isEmpty { return true }
    if n.allSatisfy({ $0 < 0x80 }) {
      let first = asciiLowercased(n[0])
      let found = utf8.withContiguousStorageIfAvailable { h -> Bool in
        guard h.count >= n.count else { return false }
        for start in 0...(h.count - n.count) where asciiLowercased(h[start]) == first {
          var j = 1
          while j < n.count && asciiLowercased(h[start + j]) == asciiLowercased(n[j]) { j += 1 }
          if j == n.count { return true }
        }
        return false
      }
      if let found { return found }
    }
    let nc = Array(needle.lowercased())
    let h = Array(lowercased())
    guard h.count >= nc.count else { return false }
    for start in 0...(h.count - nc.count) where h[start] == nc[0] {
      if h[start..<(start + nc.count)].elementsEqual(nc) { return true }
    }
    return false
  }

  /// Where `needle`'s UTF-8 bytes first occur in the text (case as given), with the standard
  /// library alone, for the reason given at `containsIgnoringCase`.
  public func rangeOfBytes(_ needle: String) -> Range<String.Index>? {
    let n = Array(needle.utf8)
    let h = Array(utf8)
    guard h.count >= n.count else { return nil }
    for start in 0...(h.count - n.count) where n.isEmpty || h[start] == n[0] {
      guard h[start..<(start + n.count)].elementsEqual(n) else { continue }
      let lower = utf8.index(utf8.startIndex, offsetBy: start)
      return lower..<utf8.index(lower, offsetBy: n.count)
    }
    return nil
  }

  /// Whether `needle`'s UTF-8 bytes occur in the text (case as given).
  public func containsBytes(_ needle: String) -> Bool { rangeOfBytes(needle) != nil }
}

/// The fixed vocabulary for a value that is absent or qualified: one glyph and one word each,
/// the same on every screen and in every output (docs/DATA.md, the help's legend, README). ASCII
/// terminals get the canvas's fold of the glyph (`·` `.`, `✗` `x`); `Legend` says what each means.
/// CSV writes a blank cell and JSON `null` for `unknown` and `notFunded`; `noneNamed` and
/// `sourcedZero` are real zeros (0).
public enum Absence: CaseIterable, Sendable {
  /// The data has no value: never looked up, not published, or not derivable.
  case unknown
  /// A list that was searched names none (a sector with no member in a published list).
  case noneNamed
  /// A source says the value is zero (a nil award in one wave).
  case sourcedZero
  /// A named bid that was not funded: its size is a bid, not an award.
  case notFunded
  /// The sources disagree or the figure is disputed: shown, marked, never preferred.
  case uncertain

  /// The glyph in UTF-8 terminals.
  public var glyph: String {
    switch self {
    case .unknown: "?"
    case .noneNamed: "·"
    case .sourcedZero: "0"
    case .notFunded: "✗"
    case .uncertain: "!"
    }
  }

  /// The word, where there is room for one.
  public var word: String {
    switch self {
    case .unknown: "unknown"
    case .noneNamed: "none named"
    case .sourcedZero: "nil"
    case .notFunded: "not funded"
    case .uncertain: "uncertain"
    }
  }
}

/// A date as people say it: "2021-04" -> "April 2021", "2018" -> "2018" (the text itself when
/// it is not a date).
public func spokenDate(_ date: String) -> String {
  let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]
  let parts = date.split(separator: "-")
  guard parts.count >= 2, let m = Int(parts[1]), (1...12).contains(m) else { return date }
  return "\(months[m - 1]) \(parts[0])"
}
