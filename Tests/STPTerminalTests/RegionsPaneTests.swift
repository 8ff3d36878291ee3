import STPModel
import STPReport
import Testing
@testable import STPTerminal
import STPTestSupport

/// Regions: roll-ups checked by hand against the CSVs (footprints.csv regions and ONS
/// populations, funding.csv amounts): never a partial sum shown as a total.
@Suite struct RegionsPaneTests {
  let d = Fixtures.embedded

  @Test func theSouthRollsUpWithItsCoverage() {
    let report = RegionsReport.make(d, Metrics(d))
    #expect(report.regions.map(\.name) == ["North", "Midlands and East", "London", "South"])
    #expect(report.regions.map { $0.footprints.count } == [9, 17, 5, 13])
    let south = report.regions[3]
    // Five southern STPs have amounts: proven £161m, quoted £252m (funding.csv); the region's
    // ONS mid-2017 population is 14,366,312, so at least £11.21 a head.
    #expect(south.withAmount == 5)
    #expect(south.capital.low == 161_000_000 && south.capital.high == nil)
    #expect(south.quoted == 252_000_000)
    #expect(south.population == 14_366_312)
    #expect(RegionsReport.capitalText(south) == "at least £161m (amounts for 5 of 13)")
    #expect(RegionsReport.perHeadText(south) == "at least £11.21")
    // London: no amounts at all, so unknown, never £0.
    let london = report.regions[2]
    #expect(RegionsReport.capitalText(london) == "unknown (no amounts for its 5)")
    #expect(london.perHeadAtLeast == nil)
    #expect(RegionsReport.bandsText(london) == "O 0 A 0 M 0 N 0 ? 5")
  }

  @Test func thePaneAnswersWhichRegionGotMostPerHeadAndEnterListsItsSTPs() {
    var app = HeadlessApp(size: Size(width: 120, height: 30))
    app.send(.char("7"))
    let screen = app.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("Most capital per head (proven, over the whole region's ONS mid-2017 population): South, at least £11.21"))
    #expect(screen.contains("unknown for London (no amounts)"))
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
