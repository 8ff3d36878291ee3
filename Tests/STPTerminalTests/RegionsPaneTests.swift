import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// Regions: roll-ups checked by hand against the CSVs (footprints.csv regions and ONS
/// populations, funding.csv amounts): never a partial sum shown as a total.
@Suite struct RegionsPaneTests {
  let d = Fixtures.embedded

  @Test func theSouthRollsUpWithItsCoverage() {
    let report = RegionsReport.make(d, Metrics(d))
    #expect(report.regions.map(\.name) == ["North", "Midlands and East", "London", "South"])
    #expect(report.regions.map { $0.footprints.count } == [9, 17, 5, 13])
    let south = report.regions[3]
    // Five southern STPs have amounts: proven £161m (Dorset at least £100m, Cornwall £40m, Devon
    // £13m, Kent £8m to £20m; Somerset "up to £79m" proves nothing), quoted £252m
    // (funding.csv); the region's ONS mid-2017 population is 14,366,312, so at least £11.21 a
    // head. The five STPs hold 4,830,497 people: 34% of the region's.
    #expect(south.withAmount == 5)
    #expect(south.capital.figure.value == .atLeast(161_000_000))
    #expect(south.capital.quoted == 252_000_000)
    #expect(south.population == 14_366_312)
    #expect(
      RegionsReport.capitalText(south)
        == "at least £161m proven; amounts for 5 of 13 STPs, 34% of the people")
    #expect(RegionsReport.perHeadText(south) == "at least £11.21")
    // London: North East London's "at least £500k" (uncertain: the sources disagree) is the
    // only amount, so the region has that much, marked, and no more is claimed.
    let london = report.regions[2]
    #expect(london.withAmount == 1)
    #expect(
      RegionsReport.capitalText(london).hasPrefix(
        "at least £500k proven (uncertain); amounts for 1 of 5 STPs"))
    #expect(london.perHeadRegion?.isLowerBound == true && london.perHeadRegion?.isUncertain == true)
    #expect(RegionsReport.bandsText(london) == "O 0 A 1 M 0 N 0 ? 4")
    // Midlands and East: 17 STPs, whose bands read in counts where letters would not fit.
    #expect(RegionsReport.bandsText(report.regions[1]) == "O 1 A 2 M 0 N 2 ? 12")
  }

  @Test func thePaneAnswersWhichRegionGotMostPerHeadAndEnterListsItsSTPs() {
    var app = HeadlessApp(size: Size(width: 120, height: 30))
    app.send(.char("7"))
    let screen = app.canvas.lines.joined(separator: "\n")
    #expect(
      screen.contains(
        "Most funding per head (proven, over the whole region's ONS mid-2017 population): South, at least £11.21"
      ))
    #expect(screen.contains("London at least £0.06 (uncertain)"))
    app.send(.down, .down, .down, .enter)
    #expect(app.state.pane == .league)
    #expect(app.state.filter == "region:south")
    #expect(app.state.rows(for: .league).count == 13)
  }

  @Test func regions120x30() {
    var app = HeadlessApp(size: Size(width: 120, height: 30))
    app.send(.char("7"))
    assertScreen(app.canvas)
  }
}
