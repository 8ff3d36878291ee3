import Testing

@testable import STPModel

/// What became of each STP: the embedded lineage (ONS lookups, mid-2017 people), checked against
/// the figures worked out by hand from ../shared/geo, and a user's own lineage.csv validated.
@Suite struct LineageTests {
  let result: LoadResult
  let lineage: Lineage
  init() throws {
    result = try DatasetLoader.loadEmbedded()
    lineage = Lineage(result.dataset)
  }

  func code(_ c: String) -> Int {
    result.dataset.index(ofCode: c) ?? -1
  }

  func share(_ parts: [Lineage.Part], _ successor: String) -> Double? {
    guard case .exact(let v) = parts.first(where: { $0.successorCode == successor })?.share.value
    else { return nil }
    return v
  }

  @Test func fortyFourSTPsBecameFortyTwoICBsAndEnglandAddsUpBothWays() {
    #expect(lineage.dates == ["2021-04", "2022-07"])
    for date in lineage.dates {
      #expect(lineage.successors(asOf: date).count == 42)
      #expect(lineage.total(asOf: date) == 55_619_430)
      #expect(lineage.successors(asOf: date).reduce(0) { $0 + $1.people } == 55_619_430)
      let stps = Set(result.dataset.lineage.filter { $0.asOf == date }.map(\.footprint))
      #expect(stps.count == 44)
    }
  }

  @Test func everySTPsSharesAndEveryICBsSharesAddUpToAWhole() {
    for date in lineage.dates {
      for f in result.dataset.footprints.indices {
        let parts = lineage.successors(of: f, asOf: date)
        let sum = parts.compactMap { $0.share.minimum }.reduce(0, +)
        #expect(abs(sum - 1) < 1e-9, "\(result.dataset.footprints[f].code) \(date)")
      }
      for s in lineage.successors(asOf: date) {
        let sum = lineage.footprints(of: s.code, asOf: date).compactMap { $0.share.minimum }
          .reduce(0, +)
        #expect(abs(sum - 1) < 1e-9, "\(s.code) \(date)")
      }
    }
  }

  @Test func theSplitsCheckedByHand() {
    // Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby.
    let durham = lineage.successors(of: code("E54000045"), asOf: "2022-07")
    #expect(durham.map(\.successorCode) == ["E54000050", "E54000051"])
    #expect(durham.first?.successorName == "NHS North East and North Cumbria Integrated Care Board")
    #expect(abs((share(durham, "E54000050") ?? 0) - 0.861) < 0.0005)
    #expect(abs((share(durham, "E54000051") ?? 0) - 0.139) < 0.0005)
    #expect(durham.first?.people.minimum == 947_058)
    // The Black Country: West Birmingham to Birmingham and Solihull.
    let blackCountry = lineage.successors(of: code("E54000016"), asOf: "2022-07")
    let bsol = blackCountry.first { $0.successorName.contains("Birmingham and Solihull") }
    #expect(bsol?.people.minimum == 175_800)
    #expect(abs((bsol?.share.minimum ?? 0) - 0.129) < 0.0005)
    // Greater Manchester: Glossop to Derby and Derbyshire, a sliver.
    let manchester = lineage.successors(of: code("E54000007"), asOf: "2022-07")
    let glossop = manchester.first { $0.successorCode == "E54000058" }
    #expect(glossop?.people.minimum == 33_334)
    #expect(abs((glossop?.share.minimum ?? 0) - 0.0118) < 0.00005)
    #expect(glossop?.isSliver == true)
    #expect(manchester.first?.isSliver == false)
    // The ICB side: North East and North Cumbria took three STPs whole.
    let nenc = lineage.footprints(of: "E54000050", asOf: "2022-07")
    #expect(
      nenc.map { result.dataset.footprints[$0.footprint].code }.sorted()
        == ["E54000045", "E54000046", "E54000047"])
    #expect(nenc.reduce(0) { $0 + Int($1.people.minimum ?? 0) } == 2_963_018)
  }

  @Test func eachPartCitesItsRowAndTheONSLookups() {
    let part = lineage.successors(of: code("E54000045"), asOf: "2022-07")[0]
    #expect(part.people.source?.contains("ONS") == true)
    #expect(part.people.source?.contains("Open Government Licence") == true)
    #expect(part.people.row?.file == "lineage.csv")
    #expect((part.people.row?.line ?? 0) > 1)
  }

  @Test func aDirectoryWithoutALineageGetsTheEmbeddedOneForTheCodesItHasQuietly() throws {
    let loaded = try Fixture.load()
    #expect(loaded.dataset.lineage.isEmpty)  // the fixture's codes are not ONS codes
    #expect(!loaded.warnings.contains { $0.file == "lineage.csv" })
    // The fixture with its STP E1 given the ONS code of Durham, Darlington, Teesside, ...
    let files = Fixture.files().map { f in
      let text = String(decoding: f.bytes, as: UTF8.self)
        .replacingOccurrences(of: "\nE1,", with: "\nE54000045,")
        .replacingOccurrences(of: ",E1,", with: ",E54000045,")
      return (name: f.name, bytes: Array(text.utf8))
    }
    let renamed = try DatasetLoader.load(files: files, origin: "fixture")
    #expect(renamed.dataset.lineage.count == 4)  // two successors at each of two dates
    #expect(renamed.dataset.lineage.first?.location.file == "lineage.csv (embedded)")
  }

  @Test func aUsersLineageIsValidatedWithFileAndLine() {
    let text = """
      code,as_of,successor_code,successor_name,people,source
      E1,2022-07,X1,Northern ICB,600000,test
      E1,2022-07,X1,Northern ICB,1,test
      E9,2022-07,X1,Northern ICB,5,test
      E2,2022-07,X1,Southern ICB,5,test
      E2,July,X2,Southern ICB,5,test
      E3,2022-07,X2,Southern ICB,-4,test

      """
    let errors = Fixture.errors(replacing: "lineage.csv", with: text)
    #expect(errors.map(\.line) == [3, 4, 5, 6, 7])
    #expect(errors[0].message.contains("listed twice for E1 in 2022-07 (first on line 2)"))
    #expect(errors[1].message.contains("unknown STP code 'E9'"))
    #expect(errors[2].message.contains("named 'Northern ICB' on line 2"))
    #expect(errors[3].message.contains("bad date 'July'"))
    #expect(errors.allSatisfy { $0.file == "lineage.csv" })
  }

  @Test func quotedAndPaddedCellsReadAsTheirPlainText() throws {
    // Codes and dates are matched on the cell's bytes; a cell written with quotes, escapes or
    // spaces falls back to its text and must read the same (or fail the same) as a plain one.
    let good = """
      code,as_of,successor_code,successor_name,people,source
      "E1",2022-07,X1,Northern ICB,600000,"test"
       E1 ,2021-04,X1,Northern ICB,600000,test
      E1,"2020-01",X1,Northern ICB,600000,test
      E2, 2022-07 ,X2,Southern ICB,600000,"te""st"

      """
    let rows = try Fixture.load(replacing: "lineage.csv", with: good).dataset.lineage
    #expect(rows.map(\.footprint) == [0, 0, 0, 1])
    #expect(rows.map(\.asOf) == ["2022-07", "2021-04", "2020-01", "2022-07"])
    #expect(rows.map(\.source) == ["test", "test", "test", "te\"st"])
    let bad =
      good + """
        "E""1",2022-07,X3,Eastern ICB,1,test
        E2,"2022-02-30",X3,Eastern ICB,1,test

        """
    let errors = Fixture.errors(replacing: "lineage.csv", with: bad)
    #expect(errors.map(\.line) == [6, 7])
    #expect(errors.first?.message.contains("unknown STP code 'E\"1'") == true)
    #expect(errors.last?.message.contains("bad date '2022-02-30'") == true)
  }

  @Test func successorsWhosePeopleDoNotAddUpToTheFootprintsAreWarnedOf() throws {
    // E1's ons_population is 900,000 in the fixture; E2's 600,000.
    let text = """
      code,as_of,successor_code,successor_name,people,source
      E1,2022-07,X1,Northern ICB,600000,test
      E1,2022-07,X2,Southern ICB,300000,test
      E2,2022-07,X2,Southern ICB,500000,test

      """
    let loaded = try Fixture.load(replacing: "lineage.csv", with: text)
    let warnings = loaded.warnings.filter { $0.file == "lineage.csv" }
    #expect(warnings.map(\.line) == [4])
    #expect(warnings.first?.message.contains("E2's successors in 2022-07 add up to 500000") == true)
    #expect(warnings.first?.message.contains("ons_population in footprints.csv is 600000") == true)
    let lineage = Lineage(loaded.dataset)
    let x2 = lineage.footprints(of: "X2", asOf: "2022-07")
    #expect(x2.map(\.footprint) == [1, 0])  // E2's 500,000 first
    #expect(abs((x2.first?.share.minimum ?? 0) - 0.625) < 1e-9)
  }
}
