import Testing

@testable import STPModel

@Suite struct RankingTests {
  @Test func standardCompetitionRankingSkipsAfterTies() {
    let r = Ranking.rank([5, 3, 3, 1, nil], names: ["a", "b", "c", "d", "e"])
    #expect(r.map(\.index) == [0, 1, 2, 3, 4])
    #expect(r.map(\.position.label) == ["1", "=2", "=2", "4", "–"])
  }

  @Test func unknownsComeLastInNameOrder() {
    let r = Ranking.rank([nil, 2, nil], names: ["z", "m", "a"])
    #expect(r.map(\.index) == [1, 2, 0])
    #expect(r.map(\.position.rank) == [1, nil, nil])
  }
}

/// Figures from the embedded 2017-18 data, worked out by hand from its CSV rows.
@Suite struct EmbeddedMetricsTests {
  let d: Dataset
  let m: Metrics

  init() throws {
    d = try DatasetLoader.loadEmbedded().dataset
    m = Metrics(d)
  }

  func index(_ code: String) throws -> Int { try #require(d.index(ofCode: code)) }

  @Test func embeddedDataLoadsWithoutWarnings() throws {
    let r = try DatasetLoader.loadEmbedded()
    #expect(r.warnings.isEmpty, "\(r.warnings)")
    #expect(r.dataset.footprints.count == 44)
    #expect(r.dataset.ratings.count == 15)
    #expect(r.dataset.waves.map(\.id) == ["wave1", "wave2", "wave3", "wave4"])
  }

  @Test func leagueByBandHasTheFiveOutstandingTiedFirst() {
    let league = m.league(by: .band)
    let top = league.prefix(5).map { d.footprints[$0.footprint].name }
    #expect(top == [
      "Dorset", "Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby",
      "Frimley Health", "Milton Keynes, Bedfordshire and Luton", "South Yorkshire and Bassetlaw",
    ])
    #expect(league.prefix(5).allSatisfy { $0.position == Position(rank: 1, isTied: true) })
    // Four Advanced share 6th; one Making progress is 10th alone; five Needs most improvement =11.
    #expect(league[5...8].allSatisfy { $0.position.label == "=6" })
    #expect(league[9].position.label == "10")
    #expect(league[10...14].allSatisfy { $0.position.label == "=11" })
    #expect(league[15...].allSatisfy { $0.position.rank == nil && $0.band == nil })
    #expect(league.allSatisfy { $0.movement == nil })  // one period: no movement
  }

  @Test func stpTotalRowIsNotAddedToItsSchemes() throws {
    // Suffolk and North East Essex, wave 1: schemes £1.3m + £1.5m + £955,313 = £3,755,313 and an
    // STP total of £3.8m that covers them. Total is £3.8m, not £7,555,313.
    let f = m.funding[try index("E54000023")]
    #expect(f.total == AmountRange(low: 3_800_000, high: 3_800_000))
    #expect(f.rankValue == 3_800_000)
    #expect(f.schemes == 3)
  }

  @Test func rangesCombineUpToAtLeastAndRanges() throws {
    // WNE Cumbria: cancer centre £30m-£50m, ICCs up to £5m, STP total "more than £65m".
    let cumbria = m.funding[try index("E54000047")]
    #expect(cumbria.total == AmountRange(low: 65_000_000, high: nil))
    #expect(cumbria.rankValue == 65_000_000)
    // Greater Manchester: up to £50m + up to £30m.
    let gm = m.funding[try index("E54000007")]
    #expect(gm.total == AmountRange(low: 0, high: 80_000_000))
    #expect(gm.rankValue == 80_000_000)
    // Dorset: at least £100m.
    #expect(m.funding[try index("E54000041")].total == AmountRange(low: 100_000_000, high: nil))
  }

  @Test func unpublishedAmountsMakeTheTotalUnknown() throws {
    // South Yorkshire and Bassetlaw: a wave 1 recipient without amount, two wave 2 schemes without
    // amounts, nothing in wave 4. Its total cannot be ranked.
    let syb = m.funding[try index("E54000009")]
    #expect(syb.hasUnknownAmount)
    #expect(syb.rankValue == nil)
    #expect(syb.waves.map(\.wave) == [0, 1, 3])
    #expect(syb.waves[2].isNilAward)
  }

  @Test func perHeadUsesThePopulation() throws {
    #expect(m.value(.perHead, footprint: try index("E54000041")) == 125)  // £100m / 800,000
    #expect(m.value(.perHead, footprint: try index("E54000011")) == 624)  // £312m / 500,000
    let gm = try #require(m.value(.perHead, footprint: try index("E54000007")))
    #expect(abs(gm - 80_000_000.0 / 2_800_000.0) < 1e-9)
    #expect(m.value(.perHead, footprint: try index("E54000012")) == nil)  // Derbyshire: no population
  }

  @Test func waveOneSummary() {
    let w1 = m.waves[0]
    #expect(w1.footprints == 15)  // the 15 recipient STPs of July 2017
    #expect(w1.schemes == 9)
    #expect(w1.quoted == 278_800_000)  // 50 + 30 + 100 + 65 + 30 + 3.8 (£m)
    #expect(m.waves[1].hasAmount == false)
    #expect(m.waves[1].shareOfNational == nil)
  }

  @Test func coverageCounts() {
    let c = Dictionary(uniqueKeysWithValues: m.coverage.map { ($0.measure, $0.count) })
    #expect(c["band"] == 15)
    #expect(c["population"] == 31)
    #expect(c["funding"] == 10)
    #expect(c["per-head"] == 7)
    #expect(c["breadth"] == 25)
    #expect(c["partners listed"] == 44)
    #expect(m.coverage.allSatisfy { $0.total == 44 })
  }

  @Test func dorsetPartnership() throws {
    // NHS Dorset CCG; three acute trusts; Dorset HealthCare; three councils; the ambulance trust.
    let b = m.breadth[try index("E54000041")]
    #expect(b.total == 9)
    #expect(b.sectorCount == 5)
    #expect(b.nonNHS == 3)
    #expect(b.nonNHSShare == 3.0 / 9.0)
    #expect(!b.isCountOnly)
  }

  @Test func nhsLookupsAloneCannotShowBreadth() throws {
    // Bath, Swindon and Wiltshire: only the 2017 CCG lookup and the acute-trust lookup.
    let b = m.breadth[try index("E54000040")]
    #expect(b.total == 6)
    #expect(!b.hasMembershipEvidence)
    #expect(b.rankValue == nil)
    #expect(b.nonNHSShare == nil)
  }

  @Test func statedCountsFillWhatIsNotNamed() throws {
    // Greater Manchester: 12 CCGs and 7 acute trusts named; 10 councils and 37 bodies stated.
    let b = m.breadth[try index("E54000007")]
    #expect(b.count(.localAuthority) == SectorCount(listed: 0, stated: 10))
    #expect(b.total == 37)
    #expect(b.isCountOnly)
    // Cheshire and Merseyside "more than 30": a lower bound, and no non-NHS partner is known.
    let cm = m.breadth[try index("E54000008")]
    #expect(cm.total == 30)
    #expect(cm.totalBasis == .atLeast)
    #expect(cm.nonNHSShare == nil)
  }
}

@Suite struct FixtureMetricsTests {
  @Test func movementBetweenPeriods() throws {
    let ratings = Fixture.ratings + """
      2018-07,E1,Advanced,test
      2018-07,E2,Outstanding,test
      2018-07,E4,Advanced,test

      """
    let d = try Fixture.load(replacing: "ratings.csv", with: ratings).dataset
    let m = Metrics(d)
    #expect(m.period == "2018-07")
    #expect(m.previousPeriod == "2017-07")
    let byCode = Dictionary(uniqueKeysWithValues: m.league(by: .band).map {
      (d.footprints[$0.footprint].code, $0)
    })
    #expect(byCode["E2"]?.movement == 1)  // =2 → 1
    #expect(byCode["E1"]?.movement == -1)  // 1 → =2
    #expect(byCode["E4"]?.movement == 0)  // =2 → =2
    #expect(byCode["E3"]?.movement == nil)  // unrated in both
    #expect(Metrics(d, period: "2017-07").league(by: .band).allSatisfy { $0.movement == nil })
  }

  @Test func fixtureFundingRules() throws {
    let d = try Fixture.load().dataset
    let m = Metrics(d)
    // E1: £10m exact + up to £5m = [£10m, £15m], quoted £15m.
    #expect(m.funding[0].total == AmountRange(low: 10_000_000, high: 15_000_000))
    #expect(m.funding[0].rankValue == 15_000_000)
    // E2: scheme £2m-£4m under an STP total of at least £3m: [£3m, open], quoted £4m.
    #expect(m.funding[1].total == AmountRange(low: 3_000_000, high: nil))
    #expect(m.funding[1].rankValue == 4_000_000)
    // E4: named recipient, no amount: unknown. E3: no rows at all.
    #expect(m.funding[3].rankValue == nil && m.funding[3].hasRows)
    #expect(!m.funding[2].hasRows)
    // Ranked: E1 then E2; unknowns after, by name: Delta (E4), Gamma (E3).
    let league = m.league(by: .funding).map { d.footprints[$0.footprint].code }
    #expect(league == ["E1", "E2", "E4", "E3"])
  }

  @Test func fixtureBreadthAndPopulationRanking() throws {
    let d = try Fixture.load().dataset
    let m = Metrics(d)
    // E1 names a council and a housing association: 4 sectors, 2 of 4 outside the NHS.
    #expect(m.breadth[0].sectorCount == 4)
    #expect(m.breadth[0].nonNHSShare == 0.5)
    // E2 has only NHS bodies and no stated total: breadth unknown.
    #expect(m.breadth[1].rankValue == nil)
    let pop = m.league(by: .population).map { d.footprints[$0.footprint].code }
    #expect(pop == ["E4", "E1", "E2", "E3"])
  }
}
