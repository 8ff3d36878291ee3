import Testing

@testable import STPModel

/// Did the 2017 league foretell the designations: counts per band and wave, checked by hand
/// against designations.csv and ratings.csv; unknowns kept apart; the correlation only where
/// enough STPs have both.
@Suite struct DesignationsByBandTests {
  @Test func theEmbeddedCountsPerBandAndWave() throws {
    let r = try DatasetLoader.loadEmbedded()
    let x = DesignationsByBand(r.dataset, r.metrics)
    #expect(x.waves == ["2017-06", "2018-05", "2019-06", "2020-05"])
    // Outstanding: Dorset, Frimley, South Yorkshire and Bassetlaw, Milton Keynes... in the
    // shadow first wave; Durham... in June 2019 through its merged successor (E54000049).
    #expect(x.count(band: .outstanding, wave: "2017-06") == 4)
    #expect(x.count(band: .outstanding, wave: "2019-06") == 1)
    #expect(x.count(band: .advanced, wave: nil) == 3)
    #expect(x.count(band: .needsMostImprovement, wave: "2020-05") == 2)
    #expect(x.count(band: nil) == 27)
    #expect(x.count(band: nil, wave: nil) == 19)
    #expect(x.rows.count { $0.designation != nil } == 18)
    #expect(x.medianMonths(band: .outstanding).months == -1)
    #expect(x.medianMonths(band: .advanced).months == 16.5)
    // Ten STPs have both: Spearman's rho worked out by hand (mean ranks for ties) -0.8004.
    #expect(x.n == 10)
    #expect(abs((x.rho ?? 0) - (-0.8004)) < 0.0001)
  }

  func loaded(designations: String, ratings: String? = nil) throws -> DesignationsByBand {
    var files = Fixture.files(replacing: "ratings.csv", with: ratings ?? Fixture.ratings)
    files.append(("designations.csv", Array(designations.utf8)))
    let r = try DatasetLoader.load(files: files, origin: "fixture")
    return DesignationsByBand(r.dataset, r.metrics)
  }

  @Test func anUndatedOrOtherDesignationIsUnknownAndAYearAloneHasNoMonths() throws {
    let x = try loaded(
      designations: """
        code,announced,designation,scope,source
        E1,2018,Integrated care system (listed),whole STP,test
        E2,,Integrated care system,whole STP,test
        E4,2016,Success regime,whole STP,test
        E4,2019-06,Integrated care system,whole STP,test
        E4,2017-06,"Accountable care system (first wave, shadow)",part,test

        """)
    #expect(x.rows[0].wave == "2018" && x.rows[0].months == nil)
    #expect(x.rows[1].designation == nil)  // undated: unknown, not "never"
    #expect(x.rows[3].wave == "2017-06" && x.rows[3].months == -1)  // the earliest ACS/ICS
    #expect(x.count(band: .advanced, wave: nil) == 1)
    // One STP with both a band and a month (E1 has a year only): too few to correlate.
    #expect(x.n == 1 && x.rho == nil)
  }
}
