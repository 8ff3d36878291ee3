import Testing

@testable import STPModel

/// Councils in every footprint, from ONS geography, against those each partnership names. The
/// expectations were checked by hand against the ONS lookups (../shared/geo) and partners.csv.
@Suite struct CouncilTests {
  static let loaded = try! DatasetLoader.loadEmbedded()
  var d: Dataset { Self.loaded.dataset }
  var m: Metrics { Self.loaded.metrics }
  func cover(_ code: String) -> CouncilCover { m.councils[d.index(ofCode: code)!] }
  func names(_ idx: [Int]) -> [String] { idx.map { d.councils[$0].name } }

  @Test func dorsetsSocialCareAuthoritiesAreDorsetBournemouthAndPoole() {
    let c = cover("E54000041")
    #expect(Set(names(c.socialCare)) == ["Dorset", "Bournemouth", "Poole"])
    #expect(c.districts.count == 8)
    #expect(c.searched && c.socialCareMissing(d).isEmpty)
  }

  @Test func greaterManchesterIsItsTenBoroughsAndADerbyshireSliver() {
    let c = cover("E54000007")
    #expect(
      Set(names(c.socialCare)) == [
        "Manchester", "Wigan", "Stockport", "Bolton", "Salford", "Trafford",
        "Oldham", "Tameside", "Rochdale", "Bury", "Derbyshire",
      ])
    let derbyshire = d.councils[c.socialCare.first { d.councils[$0].name == "Derbyshire" }!]
    // Glossop: 33,334 people.
    #expect(derbyshire.isSliver && abs(derbyshire.share - 0.0118) < 0.0001)
    // Its ten borough councils are named (NHS England's STP page, 2026-12-02); Derbyshire, whose
    // Glossop sliver is 1.18% of its people, is not: 98.8%, which never reads as 100%.
    #expect(c.searched && c.stated == 10)
    #expect(names(c.socialCareMissing(d)) == ["Derbyshire"])
    #expect(abs((c.weightedShare(d) ?? 0) - 0.9882) < 0.0001)

  }

  @Test func northEastLondonIncludesACityOfLondonSliver() {
    let city = cover("E54000029").socialCare.map { d.councils[$0] }.first {
      $0.name == "City of London"
    }
    #expect(city?.isSliver == true && city?.population == 7654)
  }

  @Test func englandHas152SocialCareAuthoritiesAnd326Districts() {
    #expect(Set(d.councils.filter { $0.tier == .socialCare }.map(\.code)).count == 152)
    #expect(Set(d.councils.filter { $0.tier == .district }.map(\.code)).count == 326)
    // Every footprint's shares add up to its people.
    for f in d.footprints.indices {
      let sum = m.councils[f].socialCare.reduce(0) { $0 + d.councils[$1].population }
      #expect(sum == d.footprints[f].onsPopulation, "\(d.footprints[f].name)")
    }
  }

  @Test func theMatcherReadsCouncilNamesAsPeopleWriteThem() {
    let byKey = CouncilMatcher.index(d.councils)
    func code(_ name: String) -> String? { CouncilMatcher.code(name, byKey) }
    #expect(code("Hull City Council") == "E06000010")  // Kingston upon Hull, City of
    #expect(code("Bournemouth Borough Council") == "E06000028")
    #expect(code("Borough of Poole") == "E06000029")
    #expect(code("Dorset County Council") == "E10000009")
    #expect(code("Royal Borough of Windsor and Maidenhead") == "E06000040")
    #expect(code("London Borough of Camden") == "E09000007")
    #expect(code("Camden London Borough Council") == "E09000007")  // "london" last
    #expect(code("LONDON BOROUGH OF CAMDEN") == "E09000007")
    #expect(code("Dudley (council)") == "E08000027")
    #expect(code("City of York Council") == "E06000014")
    #expect(code("Herefordshire Council") == "E06000019")  // Herefordshire, County of
    #expect(code("East Riding of Yorkshire Council") == "E06000011")
    #expect(code("Local Government Association") == nil)  // no council: listed, not guessed
    // The key: words only, lower case, the kind words dropped wherever they stand.
    #expect(CouncilMatcher.key("  City of  York Council ") == "york")
    #expect(CouncilMatcher.key("Council") == "")
    #expect(CouncilMatcher.key("Bath & North East Somerset") == "bath and north east somerset")
    #expect(CouncilMatcher.key("Brighton-and-Hove (City)") == "brighton and hove")
    #expect(CouncilMatcher.key("Hull City Council") == "kingston upon hull")
    #expect(CouncilMatcher.key("Île de Wight 2") == "Île de wight 2")
  }

  @Test func whetherAMeasureIsKnownNeedsNoMatchingAndAgreesWithItsValue() {
    // The load's checks ask every measure how many footprints it knows; the councils measure
    // answers without matching partner names (a million rows took 0.2-0.3 s of a start).
    for measure in Measure.allCases {
      for f in d.footprints.indices {
        #expect(m.isKnown(measure, footprint: f) == (m.value(measure, footprint: f) != nil))
      }
    }
    let fresh = Metrics(d)
    #expect(fresh.councilFrames.map(\.named) == Array(repeating: [], count: d.footprints.count))
    #expect(fresh.councils.contains { !$0.named.isEmpty })  // matched when first asked for
  }

  @Test func matchingInTwoHalvesGivesWhatOnePassGives() {
    // A million rows are matched in two halves at once; here the rows are split at several
    // points, among them between the repeated names, and each split must name the same councils and list the same unmatched
    // names in the same order as one pass.
    // names as a member list gives them, some matching no council, some repeated across the
    // halves.
    let extra = ["Nowhere Parish", "Dorset County Council", "Atlantis Council", "Nowhere Parish"]
      .map { "E54000041,\($0),,local-authority,no,list,2017,test,\n" }.joined()
    let files = DatasetLoader.embeddedFiles.map {
      $0.name == "partners.csv" ? ($0.name, $0.bytes + Array(extra.utf8)) : $0
    }
    let loaded = try! DatasetLoader.load(files: files, origin: "test")
    let data = loaded.dataset
    let breadth = loaded.metrics.breadth
    let one = CouncilCalculator.compute(data, breadth, splitAt: data.partners.count)
    let dorset = data.index(ofCode: "E54000041")!
    #expect(one[dorset].unmatched == ["Nowhere Parish", "Atlantis Council"])
    #expect(one.contains { !$0.named.isEmpty })
    let n = data.partners.count
    for split in [0, 1, n / 2, n - 4, n - 3, n - 2, n - 1] {
      #expect(CouncilCalculator.compute(data, breadth, splitAt: split) == one, "\(split)")
    }
  }

  @Test func aBoroughNamedAloneMatchesTheOneCouncilWhoseNameBeginsSo() {
    let index = CouncilMatcher.PrefixIndex([
      ("kingston upon thames", "E09000021"), ("richmond upon thames", "E09000027"),
      ("kingstonia", "X1"), ("sutton", "E09000029"), ("sutton coldfield", "X2"),
      ("merton west", "X3"), ("merton east", "X4"), ("croydon south", "X5"),
      ("croydon south", "X5"),
    ])
    #expect(index.code(startingWith: "kingston") == "E09000021")  // not "kingstonia"
    #expect(index.code(startingWith: "richmond") == "E09000027")
    #expect(index.code(startingWith: "sutton") == "X2")  // whole words: "sutton coldfield" only
    #expect(index.code(startingWith: "merton") == nil)  // two councils: not guessed
    #expect(index.code(startingWith: "croydon") == "X5")  // one council listed twice
    #expect(index.code(startingWith: "hull") == nil)
    #expect(index.code(startingWith: "") == nil)
    #expect(CouncilMatcher.PrefixIndex([]).code(startingWith: "kingston") == nil)
  }

  @Test func everyNamedCouncilIsMatchedOrListed() {
    let p = d.partners
    var checked = 0
    let byKey = CouncilMatcher.index(d.councils)
    for row in 0..<p.count where p.sector[row] == .localAuthority {
      let partner = p[row]
      let c = m.councils[partner.footprint]
      let own = c.socialCare + c.districts
      if let code = CouncilMatcher.code(partner.organisation, byKey)
        ?? CouncilMatcher.localCode(partner.organisation, own, d)
      {
        #expect(c.named.contains(code))
      } else {
        #expect(c.unmatched.contains(partner.organisation), "\(partner.organisation)")
      }
      checked += 1
    }
    // partners.csv: 88 local-authority rows (72, then Greater Manchester's 10 and South West
    // London's 6, 2026-12-02).
    #expect(checked == 88)
    // South West London's list names the boroughs only: "Kingston" is Kingston upon Thames and
    // "Richmond" Richmond upon Thames, the one council of the footprint whose name begins so
    // (never Kingston upon Hull).
    let swl = m.councils[d.index(ofCode: "E54000031") ?? 0]
    #expect(swl.searched && swl.unmatched.isEmpty && swl.socialCareMissing(d).isEmpty)
    // In the reference data every one matches a council of its own footprint.
    for (f, c) in m.councils.enumerated() {
      let own = Set((c.socialCare + c.districts).map { d.councils[$0].code })
      #expect(c.named.isSubset(of: own), "\(d.footprints[f].name): \(c.named.subtracting(own))")
      #expect(c.unmatched.isEmpty, "\(d.footprints[f].name): \(c.unmatched)")
    }
  }

  @Test func theMeasureRanksTheSearchedAndLeavesTheRestUnknown() {
    // Norfolk and Waveney names Norfolk but not Suffolk (Waveney: 11.6% of its people).
    let norfolk = d.index(ofCode: "E54000022")!
    #expect(m.value(.councils, footprint: norfolk) == 0.884)
    #expect(m.value(.councils, footprint: d.index(ofCode: "E54000007") ?? 0) == 0.988)
    // Leicester, Leicestershire and Rutland's list is of NHS bodies only: not in the source.
    #expect(m.value(.councils, footprint: d.index(ofCode: "E54000015") ?? 0) == nil)
    let known = d.footprints.indices.filter { m.value(.councils, footprint: $0) != nil }.count
    #expect(known == 17)
  }

  /// The fixture's files with these rows as councils.csv (after its header), loaded.
  static func load(councils rows: String) -> Result<LoadResult, DatasetLoadError> {
    var files = Fixture.files()
    files.append(
      (
        "councils.csv",
        Array(("code,tier,council_code,council_name,population,share,source\n" + rows).utf8)
      ))
    return Result { () throws(DatasetLoadError) in
      try DatasetLoader.load(files: files, origin: "t")
    }
  }

  @Test func aBrokenCouncilsFileIsAnErrorAtItsLine() {
    let result = Self.load(
      councils: """
        E1,social-care,E10000001,Alpha,100,1.5,ons
        E1,parish,E06000001,Beta,100,0.5,ons

        """)
    guard case .failure(let e) = result else {
      Issue.record("loaded")
      return
    }
    #expect(e.errors.map(\.location) == ["councils.csv:2:36", "councils.csv:3:4"])
  }

  /// A council listed three times for one footprint and tier: both repeats name the first line
  /// (the check records a line only for a key not seen before).
  @Test func aRepeatedCouncilNamesItsFirstLineEachTime() {
    let result = Self.load(
      councils: """
        E1,district,E07000001,Alpha,100,0.5,ons
        E1,district,E07000001,Alpha,100,0.5,ons
        E1,social-care,E07000001,Alpha,100,0.5,ons
        E1,district,E07000001,Alpha,100,0.5,ons

        """)
    guard case .failure(let e) = result else {
      Issue.record("loaded")
      return
    }
    #expect(e.errors.map(\.location) == ["councils.csv:3:13", "councils.csv:5:13"])
    #expect(
      e.errors.map(\.message) == [
        "E07000001 is listed twice for this footprint and tier (first on line 2)",
        "E07000001 is listed twice for this footprint and tier (first on line 2)",
      ])
  }

  /// Codes, tiers and sources are matched on the file's bytes: in any case and with spaces
  /// around them, as their text reads; an unknown code or a blank source is still an error at
  /// its cell.
  @Test func councilCellsReadAsTheirTextReads() {
    let good = """
       E1 ,District,E07000001,Alpha,100,0.5,"ons, lookup"
      E1, SOCIAL-CARE ,E10000001,Beta,100,0.5,"ons, lookup"
      E2,district,E07000002,Gamma,100,0.5,ons lookup

      """
    guard case .success(let r) = Self.load(councils: good) else {
      Issue.record("the councils did not load")
      return
    }
    let d = r.dataset
    #expect(d.councils.map { d.footprints[$0.footprint].code } == ["E1", "E1", "E2"])
    #expect(d.councils.map(\.tier) == [.district, .socialCare, .district])
    #expect(d.councils.map(\.source) == ["ons, lookup", "ons, lookup", "ons lookup"])
    guard
      case .failure(let e) = Self.load(
        councils:
          good + "E9,district,E07000003,Delta,100,0.5,ons\nE2,Parish,E07000004,Eta,100,0.5,\n")
    else {
      Issue.record("an unknown code and a blank source loaded")
      return
    }
    #expect(
      e.errors.map(\.location) == ["councils.csv:5:1", "councils.csv:6:4", "councils.csv:6:33"])
    #expect(e.errors.first?.message == "unknown STP code 'E9' (not in footprints.csv)")
    #expect(
      e.errors.dropFirst().first?.message
        == "unknown tier 'Parish' (expected social-care or district)")
  }
}
