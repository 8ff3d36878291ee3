import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// The charts, with expectations worked out by hand from the CSVs (funding.csv wave-1 rows,
/// designations.csv) and a correlation computed by hand.
@Suite struct ChartsPaneTests {
  let d = Fixtures.embedded
  var m: Metrics { Metrics(d) }

  func app(_ view: Int, size: Size = Size(width: 120, height: 32)) -> HeadlessApp {
    var a = HeadlessApp(size: size)
    a.send(.char("8"))
    for _ in 0..<view { a.send(.char("v")) }
    return a
  }

  @Test func waveOneRangesAreTheProvenAmountsAndTheUnknownsApart() {
    let (bars, unknown) = ChartsReport.ranges(d, m, wave: 0)
    // funding.csv, wave 1: Dorset at least £100m, Greater Manchester up to £80m, West/North/East
    // Cumbria at least £65m, Derbyshire up to £30m, Herefordshire and Worcestershire £29m (new,
    // 2026-12-02), Suffolk and NE Essex £3.8m: proven 100 + 65 + 29 + 3.8 = £197.8m; nine
    // recipients without amounts.
    #expect(
      bars.map(\.text) == [
        "at least £100m", "up to £80m", "at least £65m", "up to £30m", "£29m", "£3.8m",
      ])
    #expect(bars.reduce(0) { $0 + $1.low } == 197_800_000)
    #expect(unknown.count == 9)
    let screen = app(0).canvas.lines.joined(separator: "\n")
    #expect(screen.contains("proven £197.8m for 6 STPs of £325m nationally"))
    #expect(screen.contains("Amount unknown (9)"))
  }

  @Test func correlationsAreComputedAsByHand() {
    // r for (1,2) (2,4) (3,5) (4,9): 0.9648 (by hand); Spearman on ranks with a tie averaged.
    #expect(abs(Correlation.pearson([1, 2, 3, 4], [2, 4, 5, 9])! - 0.9648) < 0.0001)
    #expect(Correlation.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
    #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)  // no spread: no r
    #expect(Correlation.pearson([1, 2], [1, 2]) == nil)  // under 3 points
  }

  @Test func theScatterPlotsOnlyKnownPairsAndMovesThroughThePoints() {
    var a = app(1)
    let sc = ChartsReport.scatter(
      a.state.metrics, count: d.footprints.count, x: .breadth, y: .perHead)
    // Both breadth and per head are known for 7 STPs; the other 37 are counted, not plotted at 0.
    #expect(sc.points.count == 7 && sc.unknown == 37)
    // Breadth is plotted as its whole number of sectors beyond the NHS, not a packed number.
    #expect(Set(sc.points.map(\.x)) == [1, 2])
    let screen = a.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("n = 7; 37 unknown, not plotted · Pearson r"))
    #expect(screen.contains("Dorset: 1, 33%, at least £129.75"))
    let before = a.state.selectedCode
    a.send(.right)
    #expect(a.state.selectedCode != before)
    let moved = a.state.selectedCode.flatMap { d.index(ofCode: $0) }!
    #expect(sc.points.contains { $0.footprint == moved })
    // [ and ] change the measures; band is an axis too (ordinal: its letters at the ends).
    a.send(.char("]"))
    #expect(a.state.chart.y == .breadth)
    #expect(ChartsPane.next(.councils) == .band)
    let byBand = ChartsReport.scatter(
      a.state.metrics, count: d.footprints.count, x: .band, y: .density)
    #expect(byBand.points.count == 17 && Set(byBand.points.map(\.x)) == [1, 2, 3, 4])
  }

  @Test func theTimelinePlacesDatedDesignationsAndListsTheUndated() {
    let (events, undated) = ChartsReport.timeline(d, m)
    // designations.csv: eight accountable care system rows (June 2017) in seven STPs (Buckinghamshire,
    // Oxfordshire and Berkshire West has two), twelve integrated care systems.
    #expect(events.filter { $0.kind == .acs }.count == 8)
    #expect(Set(events.filter { $0.kind == .acs }.compactMap(\.footprint)).count == 7)
    #expect(Set(events.filter { $0.kind == .ics }.compactMap(\.footprint)).count == 12)
    #expect(undated.count == 3)
    #expect(
      events.filter { $0.kind == .wave }.map(\.date) == [
        "2017-07-19", "2017-11-22", "2018-03", "2018-12",
      ])
    let screen = app(2).canvas.lines.joined(separator: "\n")
    #expect(screen.contains("Undated (not placed): Cornwall and the Isles of Scilly"))
  }

  @Test func eachChartHasASlideAndExportsItsNumbers() {
    let a = app(0)
    #expect(
      ChartsPane().slideHeadlines(a.state).map(\.title).map { String($0.prefix(14)) } == [
        "W1 funding per", "Per head again", "Designations a", "The bands of J",
      ])
    #expect(ChartsPane().exportView(a.state) == .chartRanges(wave: 0))
    let csv = ChartsReport.rangesTable(d, m, wave: 0).rendered(as: .csv)
    // Each amount with its value, minimum, maximum and basis: "at least" has no maximum.
    #expect(csv.contains("W1,E54000041,Dorset,at least £100m,100000000,100000000,,at least,"))
    // "up to £80m" proves nothing: its minimum is blank, as in funding.csv's export, not 0.
    #expect(csv.contains("W1,E54000007,Greater Manchester,up to £80m,80000000,,80000000,up to,"))
  }

  @Test func charts80x24InColourAndASCII() {
    for v in 0..<ChartView.allCases.count {
      var a = app(v, size: Size(width: 80, height: 24))
      _ = a.canvas
      a.state.session.glyphs = .ascii
      let text = a.canvas.lines.joined()
      #expect(text.filter { !$0.isASCII }.isEmpty, "chart \(v)")
    }
  }

  @Test func chartsRanges80x24() { assertScreen(app(0, size: Size(width: 80, height: 24)).canvas) }
  @Test func chartsScatter80x24() { assertScreen(app(1, size: Size(width: 80, height: 24)).canvas) }
  @Test func chartsTimeline200x60() {
    assertScreen(app(2, size: Size(width: 200, height: 60)).canvas)
  }
  @Test func chartsDesignations120x40() {
    assertScreen(app(3, size: Size(width: 120, height: 40)).canvas)
  }
  @Test func chartsDesignations70x24() {
    assertScreen(app(3, size: Size(width: 70, height: 24)).canvas)
  }

  /// The bands and designations chart: counts per band and wave as designations.csv and
  /// ratings.csv give them, the undated as unknown, the correlation with its n, each STP below.
  @Test func theBandsAndDesignationsChartShowsCountsUnknownsAndTheCorrelation() {
    var a = app(3, size: Size(width: 120, height: 40))
    let screen = a.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("Outstanding (5)"))
    #expect(screen.contains("Band unknown (27)"))
    #expect(screen.contains("18 of 44 dated, the rest unknown (not never)"))
    #expect(screen.contains("-0.80 over the 10 STPs"))
    #expect(screen.contains("-1 month (median of 5)"))
    #expect(screen.contains("16.5 months (median of 2)"))
    #expect(screen.contains("Surrey Heartlands"))
    #expect(screen.contains("no dated designation (unknown)"))
    // j moves along the STPs; Enter opens the Detail of the one selected.
    a.send(.char("j"))
    let selected = a.state.selectedCode
    #expect(selected != nil)
    a.send(.enter)
    #expect(a.state.pane == .detail)
  }
}
