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

  func both(_ text: String) -> (
    one: Result<LoadResult, DatasetLoadError>, two: Result<LoadResult, DatasetLoadError>
  ) {
    func load() -> Result<LoadResult, DatasetLoadError> {
      Result { () throws(DatasetLoadError) in try Fixture.load(replacing: "funding.csv", with: text)
      }
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
}
