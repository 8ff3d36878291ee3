import STPModel
import Testing

@testable import STPReport

/// Every figure says what it rests on: when a partnership's evidence dates from, an "at least"
/// amount's share of its wave, a disputed amount in a wave's total.
@Suite struct BasisTextTests {
  static let embedded = Result { try DatasetLoader.loadEmbedded() }
  var d: Dataset { (try? Self.embedded.get())!.dataset }
  var m: Metrics { (try? Self.embedded.get())!.metrics }

  func index(_ code: String) throws -> Int { try #require(d.index(ofCode: code)) }

  @Test func membershipIsDatedByItsListsAndCountsNotByTheLookups() throws {
    let dates = d.membershipDates()
    // Humber, Coast and Vale: a member list of July 2016 (its CCG rows, 2017, are the lookup's date).
    #expect(dates[try index("E54000006")] == "2016-07")
    // Derbyshire: a list of October 2016 and a stated total of October 2017, both kept.
    #expect(dates[try index("E54000012")] == "2016-10 (list); 2017-10 (total)")
    // Bath, Swindon and Wiltshire: only the NHS lookups, so nothing dates its partnership.
    #expect(dates[try index("E54000040")] == nil)
    // The Partnerships table carries the same dates.
    let t = PartnersReport.make(d, m)
    let csv = t.rendered(as: .csv)
    #expect(csv.split(separator: "\n").first?.hasSuffix(",basis,as_of") == true)
    #expect(csv.contains(",named,2016-07\n"))
  }

  @Test func aWaveShareKeepsItsAmountsQualifier() throws {
    let dorset = m.funding[try index("E54000041")]
    let w1 = try #require(dorset.waves.first { d.waves[$0.wave].id == "wave1" })
    #expect(
      FundingReport.waveShareText(w1, national: 325_000_000)
        == "at least £100m, at least 31% of £325m")
    let show = ShowReport(d, m, footprint: try index("E54000041")).rendered(as: .table)
    #expect(show.contains("at least £100m, at least 31% of £325m"))
    #expect(!show.contains("— £100m, 31% of £325m"))
    let nel = m.funding[try index("E54000029")]
    let w4 = try #require(nel.waves.first { d.waves[$0.wave].id == "wave4" })
    #expect(
      FundingReport.waveShareText(w4, national: 963_000_000).hasSuffix(
        "(uncertain: sources disagree)"))
  }

  @Test func aWavesDisputedAmountIsMarkedInItsTotals() throws {
    let w4 = try #require(m.waves.first { d.waves[$0.wave].id == "wave4" })
    #expect(w4.uncertainQuoted == 500_000)
    let w1 = try #require(m.waves.first { d.waves[$0.wave].id == "wave1" })
    #expect(w1.uncertainQuoted == nil)
    // The wave's sum carries the mark: North East London's £0.5m is disputed, so is W4's found.
    let csv = FundingReport.waves(d, m).rendered(as: .csv)
    let row = csv.split(separator: "\n").first { $0.hasPrefix("wave4,") } ?? ""
    // North East London's disputed £500k, two nil awards (£0), three STPs named only for bids
    // not funded (their awards unknown): at least £500k, marked, with no maximum.
    #expect(row.contains("at least £500k proven (uncertain); amounts for 3 of 6 STPs named"))
    #expect(row.contains(",500000,500000,,at least,"))
  }
}
