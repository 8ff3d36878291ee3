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
    #expect(r.dataset.ratings.count == 17)  // 15 from the press, Devon from its own page
    // The national waves, then the two groups funding rows name: Cornwall's "wave not stated"
    // and Kent and Medway's total for waves 3 and 4 together.
    #expect(
      r.dataset.waves.map(\.id) == [
        "wave1", "wave2", "wave3", "wave4", "not stated", "wave3+wave4",
      ])
    #expect(r.dataset.waves.map(\.parts) == [nil, nil, nil, nil, [], [2, 3]])
    #expect(
      r.dataset.bandTotals.map { $0.counts } == [[5, 20, 14, 5], [5, 18, 16, 5], [5, 14, 20, 5]])
  }

  @Test func onsPopulationsAddUpToEngland() throws {
    // ONS's published mid-2017 population of England, summed over the 44 footprints' LSOAs.
    #expect(d.footprints.compactMap(\.onsPopulation).count == 44)
    #expect(d.footprints.compactMap(\.onsPopulation).reduce(0, +) == 55_619_430)
    let dorset = d.footprints[try index("E54000041")]
    #expect(
      dorset.onsPopulation == 770_689 && dorset.onsAged65Plus == 190_793
        && dorset.onsAged85Plus == 29_436)
    #expect(dorset.population == 800_000)  // the STP's own "0.8 million", kept beside it
    #expect(d.footprints.allSatisfy { ($0.onsAged85Plus ?? 0) < ($0.onsAged65Plus ?? 0) })
  }

  @Test func leagueByBandHasTheFiveOutstandingTiedFirst() {
    let league = m.league(by: .band)
    let top = league.prefix(5).map { d.footprints[$0.footprint].name }
    #expect(
      top == [
        "Dorset", "Durham, Darlington, Teesside, Hambleton, Richmondshire and Whitby",
        "Frimley Health", "Milton Keynes, Bedfordshire and Luton", "South Yorkshire and Bassetlaw",
      ])
    #expect(
      league.prefix(5).allSatisfy {
        $0.position == Position(rank: 1, isTied: true, known: 17, total: 44, amongAll: [1])
      })
    // Five Advanced (South East London's band is new, 2026-12-02) share 6th; two Making progress
    // (West Yorkshire, Devon) =11; five Needs most improvement =13; of the 17 known.
    #expect(league[5...9].allSatisfy { $0.position.label == "=6" })
    #expect(league[10...11].allSatisfy { $0.position.label == "=11" })
    #expect(league[12...16].allSatisfy { $0.position.label == "=13" })
    #expect(league[12].position.labelWithBasis == "=13 of 17 known")
    #expect(league[17...].allSatisfy { $0.position.rank == nil && $0.band == nil })
    // Among all 44, where the published totals fix it: every Outstanding and every Needs most
    // improvement is known, so Advanced is =6 of 44 and Needs most improvement =40 of 44 (5 +
    // A + M + 1 = 40 by every source); Making progress is =26, =24 or =20 as the sources put
    // Advanced at 20, 18 or 14. An unknown band is Advanced or Making progress.
    #expect(league[5].position.amongAll == [6])
    #expect(league[10].position.amongAll == [20, 24, 26])
    #expect(league[12].position.amongAll == [40])
    #expect(league[17].position.amongAll == [6, 20, 24, 26])
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

  @Test func perHeadUsesTheONSPopulationAndKeepsTheQualifier() throws {
    // Dorset: at least £100m over 770,689 people: at least £129.75, no maximum.
    let dorset = try #require(m.perHead(footprint: try index("E54000041")))
    #expect(dorset.basis == .atLeast && dorset.high == nil && abs(dorset.low - 129.754) < 0.001)
    // Shropshire: up to £312m over 493,227: up to £632.57, nothing proven below it.
    let shropshire = try #require(m.perHead(footprint: try index("E54000011")))
    #expect(
      shropshire.basis == .upTo && shropshire.low == 0
        && abs((shropshire.high ?? 0) - 632.569) < 0.001)
    // Ranked at the pence shown (values that read the same are tied).
    #expect(
      m.value(.perHead, footprint: try index("E54000011")) == (shropshire.quoted * 100).rounded()
        / 100)
    #expect(m.perHeadFigure(try index("E54000011")).basis == "up to")
    #expect(m.perHeadFigure(try index("E54000011")).minimum == nil)
    // Derbyshire states no population of its own; the ONS basis gives one: up to £30m / 1,015,666.
    let derbyshire = try #require(m.perHead(footprint: try index("E54000012")))
    #expect(abs((derbyshire.high ?? 0) - 29.537) < 0.001)
    // Gloucestershire: only a nil award (wave 4): no total, no per head.
    #expect(m.perHead(footprint: try index("E54000043")) == nil)
    #expect(m.funding[try index("E54000043")].isNilOnly)
  }

  @Test func aTotalOverTwoWavesCoversTheirSchemes() throws {
    // Kent and Medway: an £8m wave-3 scheme and "just under £20m" for waves 3 and 4 together.
    let kent = m.funding[try index("E54000032")]
    #expect(kent.total == AmountRange(low: 8_000_000, high: 20_000_000))
    #expect(kent.quoted == 20_000_000 && kent.basis == .range)
    let w3 = try #require(kent.waves.first { $0.wave == 2 })
    #expect(w3.coveredBy == 5)  // counted in wave3+wave4, not again
    // Cornwall: £40m whose wave is not stated, and an unsuccessful bid in wave 4.
    let cornwall = m.funding[try index("E54000036")]
    #expect(cornwall.rankValue == 40_000_000)
    #expect(
      cornwall.waves.first { $0.wave == 4 }?.range == AmountRange(low: 40_000_000, high: 40_000_000)
    )
    #expect(cornwall.waves.first { $0.wave == 3 }?.unsuccessfulBids == 1)
    // North East London's £0.5m is disputed: uncertain, and its wave-1 money unknown.
    let nel = m.funding[try index("E54000029")]
    #expect(nel.isUncertain && nel.rankValue == nil)
  }

  @Test func breadthRanksBySectorsBeyondTheNHSThenShare() throws {
    // Leicester names an ambulance trust ("other", NHS) and no non-NHS partner: 0 sectors beyond
    // the NHS, 0%; Greater Manchester names councils: 1 sector beyond, 27%. GM ranks higher.
    let leicester = m.breadth[try index("E54000015")]
    let gm = m.breadth[try index("E54000007")]
    #expect(leicester.nonNHSSectorCount == 0 && gm.nonNHSSectorCount == 1)
    #expect((gm.rankValue ?? 0) > (leicester.rankValue ?? 0))
    // Humber, Coast and Vale: council, voluntary and "other" non-NHS partners: 3 sectors beyond.
    #expect(m.breadth[try index("E54000006")].nonNHSSectorCount == 3)
    let top = m.league(by: .breadth).first.map { d.footprints[$0.footprint].code }
    #expect(top == "E54000006")
  }

  @Test func sharesRankAtThePrecisionShown() throws {
    // Aged 85+: Somerset 18,982 / 555,195 = 3.419%, Norfolk and Waveney 34,599 / 1,016,287 =
    // 3.404%: shown 3.42% and 3.40%, ranked apart. At one decimal both would read 3.4%.
    let league = m.league(by: .share85)
    func row(_ code: String) throws -> LeagueRow {
      try #require(league.first { d.footprints[$0.footprint].code == code })
    }
    #expect(try row("E54000038").value == 0.0342 && row("E54000022").value == 0.034)
    // Two footprints whose shares read the same are tied, never ranked apart by what is not shown.
    for (a, b) in zip(league, league.dropFirst()) where a.value == b.value {
      #expect(a.position.rank == b.position.rank && a.position.isTied)
    }
    #expect(league.contains { $0.position.isTied })
  }

  @Test func headlinesCountWhatTheySay() {
    let h = m.breadthHeadline
    // Breadth known for 22: the 21 of before, less Leicester, Leicestershire and Rutland (its
    // source lists NHS bodies only: not in the source, no longer 0), plus South West London's
    // list and Cheshire and Merseyside's stated 9 councils (2026-12-02). Bristol, North East
    // London and Suffolk state a total while naming only NHS lookups ("0+"): unknown.
    #expect(h.known == 22)
    #expect(h.beyondNHS == 22)  // of those, naming a partner beyond the NHS
    #expect(h.widest == 3)
    let b = m.bandBounds
    #expect(b.unknown == 27 && b.unknownAreAdvancedOrMakingProgress)
    #expect(b.possible == [.advanced, .makingProgress])
    #expect(b.published(.advanced) == "20, 18 or 14")
  }

  @Test func waveOneSummary() {
    let w1 = m.waves[0]
    #expect(w1.footprints == 15)  // the 15 recipient STPs of July 2017
    #expect(w1.schemes == 10)
    #expect(w1.quoted == 307_800_000)  // 50 + 30 + 100 + 65 + 30 + 3.8 + 29 (£m)
    // What the amounts prove: Dorset 100 + WNE Cumbria 65 + Herefordshire and Worcestershire 29 +
    // Suffolk 3.8 (£m); Greater Manchester's and Derbyshire's "up to" prove nothing. Six of the
    // 15 named recipients have an amount.
    let sum = m.waveSum(0)
    #expect(sum.figure.value == .atLeast(197_800_000))
    #expect(sum.known == 6 && sum.count == 15)
    #expect(sum.quoted == 307_800_000)
    #expect(m.waves[1].hasAmount == false)
    #expect(m.waves[1].shareOfNational == nil)
  }

  @Test func coverageCounts() {
    let c = Dictionary(uniqueKeysWithValues: m.coverage.map { ($0.measure, $0.count) })
    #expect(c["band"] == 17)
    #expect(c["population"] == 44)  // ONS mid-2017 for every footprint
    #expect(c["density"] == 44)  // and a shape for every footprint
    #expect(c["funding"] == 11)
    #expect(c["per-head"] == 11)
    #expect(c["share-65"] == 44 && c["share-85"] == 44)
    #expect(c["breadth"] == 22)  // "0+" (a stated total, only NHS bodies named) is unknown
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
    // Greater Manchester: 12 CCGs and 7 acute trusts named; its 10 councils named (NHS England's
    // page, 2026-12-02) and stated; 37 bodies stated, NHS bodies and councils only: the sectors
    // beyond those are not in the source, so its one sector beyond the NHS is a lower bound.
    let b = m.breadth[try index("E54000007")]
    #expect(b.count(.localAuthority) == SectorCount(listed: 10, stated: 10))
    #expect(b.total == 37)
    #expect(b.isCountOnly)
    #expect(
      b.isSectorCountLowerBound && b.isOutOfScope(.voluntaryCommunity)
        && !b.isOutOfScope(.localAuthority))
    // Cheshire and Merseyside: 12 CCGs + 20 providers + 9 councils = 41 stated (2026-12-02; the
    // earlier "more than 30" was a lower bound and agrees), names not listed: 9 of 41 non-NHS.
    let cm = m.breadth[try index("E54000008")]
    #expect(cm.total == 41)
    #expect(cm.totalBasis == .exact)
    #expect(cm.nonNHSShare == 9.0 / 41.0)
    // Leicester, Leicestershire and Rutland: its only source lists NHS bodies only. Its reach
    // beyond the NHS is not in the source: absent for that reason, never 0 and never ranked.
    let llr = try index("E54000015")
    #expect(m.breadth[llr].rankValue == nil && m.breadth[llr].nonNHSShare == nil)
    #expect(m.breadthFigure(llr).absence == .notInSource)
    #expect(m.councilsFigure(llr).absence == .notInSource)
  }
}

@Suite struct FixtureMetricsTests {
  @Test func movementBetweenPeriods() throws {
    let ratings =
      Fixture.ratings + """
        2018-07,E1,Advanced,test
        2018-07,E2,Outstanding,test
        2018-07,E4,Advanced,test

        """
    let d = try Fixture.load(replacing: "ratings.csv", with: ratings).dataset
    let m = Metrics(d)
    #expect(m.period == "2018-07")
    #expect(m.previousPeriod == "2017-07")
    let byCode = Dictionary(
      uniqueKeysWithValues: m.league(by: .band).map {
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
    // Ranked on the ONS basis (1.9m, 0.9m, 0.6m, 0.3m), not the stated figures (E2 states 500k
    // but has 600k; E3 states none and is still ranked).
    let pop = m.league(by: .population).map { d.footprints[$0.footprint].code }
    #expect(pop == ["E4", "E1", "E2", "E3"])
    #expect(m.league(by: .population).last?.position.labelWithBasis == "4 of 4")
    // Share aged 65+: Beta 25%, Alpha and Gamma 20% (tied, by name), Delta 15%.
    let old = m.league(by: .share65)
    #expect(old.map { d.footprints[$0.footprint].code } == ["E2", "E1", "E3", "E4"])
    #expect(old.map(\.position.label) == ["1", "=2", "=2", "4"])
  }
}

/// When a partnership's evidence dates from: each footprint's dates once, the annotated form of
/// a date kept over its bare form, whichever comes first and however often rows repeat them.
@Suite struct MembershipDateTests {
  @Test func repeatedListsAndDatesAreReadAsOnce() throws {
    let rows = [
      "E1,A1,acute,s,members,2016-10", "E1,A2,acute,s,members,2016-10",
      "E1,A3,acute,s,members,2016-10 (list)", "E1,A4,acute,s,members,2016-10",
      "E1,A5,acute,s,members+ONS lookup,2017-01;2017-04", "E1,A6,acute,s,members,2016-10",
      "E2,B1,acute,s,ONS lookup,2017-04", "E2,B2,acute,s,ONS lookup,2017-04",
      "E3,C1,acute,s,members,2016-07", "E3,C2,acute,s,other list,2016-07",
      "E3,C3,acute,s,members,2016-07",
    ]
    let text = "code,organisation,sector,source,list,as_of\n" + rows.joined(separator: "\n") + "\n"
    let d = try Fixture.load(replacing: "partners.csv", with: text).dataset
    let dates = d.membershipDates()
    #expect(dates[try #require(d.index(ofCode: "E1"))] == "2016-10 (list); 2017-01")
    #expect(dates[try #require(d.index(ofCode: "E2"))] == nil)  // the lookups only
    #expect(dates[try #require(d.index(ofCode: "E3"))] == "2016-07")
  }
}

/// Density ranks and counts from its value, read without making the figure's texts: the value
/// is exactly the figure's, for every footprint (those without an area or a population too).
@Suite struct DensityValueTests {
  @Test func theValueIsTheFigures() throws {
    let l = try DatasetLoader.loadEmbedded()
    let m = l.metrics
    var known = 0
    for f in l.dataset.footprints.indices {
      #expect(m.densityValue(f) == m.densityFigure(f).rankValue, "\(l.dataset.footprints[f].code)")
      #expect(
        m.value(.density, footprint: f)
          == MeasureCatalog.rounded(m.densityFigure(f).rankValue, places: 0))
      #expect(m.isKnown(.density, footprint: f) == (m.densityFigure(f).rankValue != nil))
      if m.densityValue(f) != nil { known += 1 }
    }
    #expect(known == 44)
    let fixture = try Fixture.load()
    for f in fixture.dataset.footprints.indices {
      #expect(fixture.metrics.densityValue(f) == fixture.metrics.densityFigure(f).rankValue)
      #expect(
        fixture.metrics.isKnown(.density, footprint: f)
          == (fixture.metrics.densityFigure(f).rankValue != nil))
    }
  }
}
