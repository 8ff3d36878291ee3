import Testing

@testable import STPModel

/// A large funding file parsed in two parts at once gives exactly what one pass gives: rows,
/// lines, wave groups and problems, wherever the middle falls.
@Suite(.serialized) struct ParallelParseTests {
  func funding(rows: Int, quotedNewlineAt: Int? = nil, badAt: [Int] = [], groupsFrom: Int = 0)
    -> String
  {
    var s = "code,wave,announced,kind,scheme,amount_min,amount_max,basis,source\n"
    s.reserveCapacity(rows * 90)
    for i in 0..<rows {
      let code = "E\(i % 4 + 1)"
      let wave = i >= groupsFrom && i % 7 == 0 ? (i % 2 == 0 ? "w1+w2" : "not stated") : "w1"
      let name =
        i == quotedNewlineAt
        ? "\"Scheme \(i), over\ntwo lines\"" : "\"Scheme \(i), a long name – café\""
      let amount = badAt.contains(i) ? "-5" : "\(1000 + i)"
      s +=
        "\(code),\(wave),2017-07,scheme,\(name),\(amount),\(amount),exact,https://example.org/\(i)\n"
    }
    return s
  }

  typealias Load = Result<LoadResult, DatasetLoadError>

  /// `file` replaced by `text` in the fixture (added when the fixture has none), loaded once in
  /// one pass and once in parts at once.
  func both(_ text: String, as file: String = "funding.csv") -> (one: Load, two: Load) {
    func load() -> Load {
      Result { () throws(DatasetLoadError) in try Fixture.load(replacing: file, with: text) }
    }
    DatasetLoader.parsesInTwo.store(false, ordering: .relaxed)
    let one = load()
    DatasetLoader.parsesInTwo.store(true, ordering: .relaxed)
    return (one, load())
  }

  func same(_ a: Result<LoadResult, DatasetLoadError>, _ b: Result<LoadResult, DatasetLoadError>) {
    switch (a, b) {
    case (.success(let x), .success(let y)):
      #expect(x.dataset.funding.count == y.dataset.funding.count)
      #expect(x.dataset.funding.records == y.dataset.funding.records)
      #expect(x.dataset.waves.map(\.id) == y.dataset.waves.map(\.id))
      #expect(x.warnings == y.warnings)
      let last = x.dataset.funding.count - 1
      #expect(x.dataset.funding[last].scheme == y.dataset.funding[last].scheme)
    case (.failure(let x), .failure(let y)):
      #expect(x.issues == y.issues)
    default:
      Issue.record("one load failed and the other did not")
    }
  }

  @Test func aLargeFileParsesTheSameInTwoParts() {
    let rows = 420_000  // about 38 MB: over the 32 MB at which the file is split
    let text = funding(rows: rows, groupsFrom: rows / 2)
    #expect(text.utf8.count > 32 << 20)
    let (one, two) = both(text)
    same(one, two)
    if case .success(let r) = two { #expect(r.dataset.funding.count == rows) }
  }

  @Test func problemsInTheSecondHalfKeepTheirLines() {
    let rows = 420_000
    let (one, two) = both(funding(rows: rows, badAt: [10, rows / 2 + 3, rows - 1]))
    same(one, two)
    // amount_min and amount_max each: two errors a row.
    if case .failure(let e) = two {
      #expect(e.errors.map(\.line) == [12, 12, rows / 2 + 5, rows / 2 + 5, rows + 1, rows + 1])
    }
  }

  @Test func aQuotedFieldAcrossTheMiddleFallsBackToOnePass() {
    let rows = 420_000
    // The middle of the file falls inside a row whose quoted name has a newline: the second part's
    // guess is wrong and must be dropped. Put such rows around the middle.
    var text = funding(rows: rows)
    let middle = text.utf8.count / 2
    let i = text.utf8.index(text.utf8.startIndex, offsetBy: middle)
    // A long quoted field with newlines straddling the middle.
    let lineStart = text[..<i].lastIndex(of: "\n").map { text.index(after: $0) } ?? i
    let filler =
      "E1,w1,2017-07,scheme,\"" + String(repeating: "x\n", count: 4000) + "\",1,1,exact,s\n"
    text.insert(contentsOf: filler, at: lineStart)
    let (one, two) = both(text)
    same(one, two)
    if case .success(let r) = two { #expect(r.dataset.funding.count == rows + 1) }
  }

  /// A partners file of `rows` rows (about 34 MB at 720,000: past the 32 MB split), some names
  /// repeating rows of the other half (in another case), a bad sector at `badAt`.
  func partners(rows: Int, badAt: [Int] = []) -> String {
    var s = "code,organisation,sector,source\n"
    s.reserveCapacity(rows * 50)
    for i in 0..<rows {
      // Row i repeats row i - rows/2 (upper case) every 50,000th row of the second half.
      let name =
        i >= rows / 2 && i % 50_000 == 0
        ? "ORGANISATION \(i - rows / 2), A TRUST" : "Organisation \(i), a trust"
      let sector = badAt.contains(i) ? "nonsense" : "acute"
      s += "E\(i % 4 + 1),\"\(name)\",\(sector),list \(i % 31)\n"
    }
    return s
  }

  func bothPartners(_ text: String) -> (one: Load, two: Load) { both(text, as: "partners.csv") }

  @Test func aLargePartnersFileParsesTheSameInTwoParts() {
    let rows = 720_000
    let text = partners(rows: rows)
    #expect(text.utf8.count > 32 << 20)
    let (one, two) = bothPartners(text)
    guard case .success(let x) = one, case .success(let y) = two else {
      Issue.record("a load failed")
      return
    }
    let (a, b) = (x.dataset.partners, y.dataset.partners)
    #expect(a.count == b.count)
    #expect(a.footprint == b.footprint && a.line == b.line && a.sector == b.sector)
    #expect(a.organisation == b.organisation)
    #expect(b[b.count - 1].organisation == "Organisation \(rows - 1), a trust")
    // The repeats of the first half's names found across the split, with the first's line.
    let repeats = y.warnings.filter { $0.message.contains("is listed twice") }
    #expect(repeats.count == x.warnings.filter { $0.message.contains("is listed twice") }.count)
    #expect(repeats.count == 7)  // rows 400,000, 450,000, ... 700,000
    #expect(repeats.first?.line == 400_002)
    #expect(repeats.first?.message.contains("first on line 40002)") == true)
    #expect(x.warnings == y.warnings)
  }

  @Test func partnerProblemsInTheSecondHalfKeepTheirLines() {
    let rows = 720_000
    #expect(partners(rows: rows).utf8.count > 32 << 20)
    let (one, two) = bothPartners(partners(rows: rows, badAt: [10, rows / 2 + 3, rows - 1]))
    guard case .failure(let x) = one, case .failure(let y) = two else {
      Issue.record("a load of bad sectors passed")
      return
    }
    #expect(x.issues == y.issues)
    #expect(y.errors.map(\.line) == [12, rows / 2 + 5, rows + 1])
  }

  @Test func aQuotedPartnerNameAcrossTheMiddleFallsBackToOnePass() {
    let rows = 720_000
    var text = partners(rows: rows)
    let i = text.utf8.index(text.utf8.startIndex, offsetBy: text.utf8.count / 2)
    let lineStart = text[..<i].lastIndex(of: "\n").map { text.index(after: $0) } ?? i
    let filler = "E1,\"" + String(repeating: "a name\n", count: 4000) + "\",acute,s\n"
    text.insert(contentsOf: filler, at: lineStart)
    let (one, two) = bothPartners(text)
    guard case .success(let x) = one, case .success(let y) = two else {
      Issue.record("a load failed")
      return
    }
    #expect(y.dataset.partners.count == rows + 1 - 7)  // the seven repeats counted once
    #expect(x.dataset.partners.line == y.dataset.partners.line)
    #expect(x.warnings == y.warnings)
  }

  func councils(rows: Int, repeatAt: Int? = nil, unknownFrom: Int = .max) -> String {
    var s = "code,tier,council_code,council_name,population,share,source\n"
    for i in 0..<rows {
      let code = i >= unknownFrom ? "E9" : "E\(i % 4 + 1)"
      let council = i == repeatAt ? 0 : i
      s +=
        "\(code),social-care,C\(council),Council \(council) of the long name,\(1000 + i),0.5,lookup\n"
    }
    return s
  }

  func bothCouncils(_ text: String) -> (one: Load, two: Load) { both(text, as: "councils.csv") }

  @Test func aLargeCouncilsFileReadBesideTheOthersGivesWhatOnePassGives() {
    let rows = 30_000
    #expect(councils(rows: rows).utf8.count > 1 << 20)  // read on a thread of its own
    let (one, two) = bothCouncils(councils(rows: rows))
    guard case .success(let x) = one, case .success(let y) = two else {
      Issue.record("a load failed")
      return
    }
    #expect(y.dataset.councils.count == rows)
    #expect(x.dataset.councils.map(\.code) == y.dataset.councils.map(\.code))
    #expect(x.dataset.councils.map(\.location) == y.dataset.councils.map(\.location))
    #expect(y.dataset.councils.last?.location.line == rows + 1)
    #expect(x.warnings == y.warnings)
  }

  @Test func councilProblemsReadBesideTheOthersKeepTheirLinesAndTheirCount() {
    let rows = 30_000
    // A council listed twice (line 20,002), then 150 rows of an unknown STP: 100 listed, the
    // rest counted as errors, as one pass would.
    let text = councils(rows: rows, repeatAt: 20_000, unknownFrom: rows - 150)
    let (one, two) = bothCouncils(text)
    guard case .failure(let x) = one, case .failure(let y) = two else {
      Issue.record("a load of bad councils passed")
      return
    }
    #expect(x.issues == y.issues)
    #expect(x.errorTotal == y.errorTotal)
    #expect(y.errorTotal == 151)
    #expect(y.errors.first?.line == 20_002)
    #expect(y.errors.first?.message.contains("first on line 2)") == true)
    #expect(y.issues.contains { $0.message.contains("51 more error(s)") })
  }
}
