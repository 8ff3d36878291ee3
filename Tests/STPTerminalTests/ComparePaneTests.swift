import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// Compare: c on Dorset and Frimley shows them side by side, with values checked by hand against
/// the embedded CSVs (footprints.csv rows 38 and 31, funding.csv row 4, partners.csv).
@Suite struct ComparePaneTests {
  let d = Fixtures.embedded
  func index(_ name: String) -> Int { d.footprints.firstIndex { $0.name.hasPrefix(name) }! }

  func comparing(_ names: [String], size: Size = Size(width: 120, height: 40)) -> HeadlessApp {
    var app = HeadlessApp(size: size)
    for n in names {
      app.state.selectedCode = d.footprints[index(n)].code
      app.send(.char("c"))
    }
    app.send(.char("6"))
    return app
  }

  func row(_ r: CompareReport, _ label: String) -> CompareReport.Row {
    guard let found = r.rows.first(where: { $0.label == label }) else {
      Issue.record("no row \(label)")
      return r.rows[0]
    }
    return found
  }

  @Test func dorsetAndFrimleySideBySide() {
    let app = comparing(["Dorset", "Frimley"])
    #expect(app.state.pane == .compare)
    let r = ComparePane.report(app.state)
    #expect(r.names == ["Dorset", "Frimley Health"])
    // ONS mid-2017: 770,689 and 739,365; aged 65+ 24.8% and 15.7% (computed from footprints.csv).
    #expect(
      row(r, "Population").cells.map(\.text) == [
        "770,689 (ONS mid-2017)", "739,365 (ONS mid-2017)",
      ])
    #expect(
      row(r, "Aged 65+").cells.map(\.text) == ["24.8% (ONS mid-2017)", "15.7% (ONS mid-2017)"])
    #expect(row(r, "Aged 65+").best == [0])
    // Both Outstanding: tied first of the 17 rated, and first of all 44 (every Outstanding is
    // known), both marked.
    #expect(row(r, "Band 2017-07").best == [0, 1])
    let bandPosition = (r.rows.firstIndex { $0.label == "Band 2017-07" } ?? 0) + 1
    #expect(
      r.rows[bandPosition].cells.map(\.text) == [
        "=1 of 44 (=1 of 17 known)", "=1 of 44 (=1 of 17 known)",
      ])
    // Funding: Dorset's wave-1 scheme is "at least £100m" (funding.csv:4); Frimley's is unknown:
    // never zero, no bar, and no "highest" among one known value.
    let funding = row(r, "Funding")
    #expect(funding.cells.map(\.text) == ["at least £100m", "unknown"])
    #expect(funding.cells[1].value == nil && !funding.cells[1].isKnown)
    #expect(funding.best.isEmpty)
    #expect(funding.cells[0].location == "funding.csv:4")
    #expect(funding.cells[0].figure?.basis == "at least" && funding.cells[0].figure?.maximum == nil)
    // Dorset names nine organisations (partners.csv); Frimley states 13 and names 6.
    #expect(row(r, "Organisations").cells.map(\.text) == ["9", "13 stated, 6 named"])
    let screen = app.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("Dorset") && screen.contains("Frimley Health"))
    #expect(screen.contains("▲ 24.8%"))
  }

  @Test func cTogglesAndStopsAtSix() {
    var app = HeadlessApp(size: Size(width: 120, height: 40))
    for f in 0..<7 {
      app.state.selectedCode = d.footprints[f].code
      app.send(.char("c"))
    }
    #expect(app.state.session.compare.count == 6)
    #expect(app.state.message?.hasPrefix("compare: already 6 STPs") == true)
    app.state.selectedCode = d.footprints[0].code
    app.send(.char("c"))
    #expect(app.state.session.compare.count == 5)
    // x in the pane takes out the STP under the cursor.
    app.send(.char("6"), .right, .char("x"))
    #expect(app.state.session.compare.count == 4)
    #expect(!app.state.session.compare.contains(d.footprints[2].code))
  }

  @Test func spotlightedSTPsAreComparedWhenNoneIsAdded() {
    var app = HeadlessApp(size: Size(width: 120, height: 40))
    for n in ["Devon", "Cornwall"] {
      app.state.selectedCode = d.footprints[index(n)].code
      app.send(.char("*"))
    }
    app.send(.char("6"))
    #expect(ComparePane.report(app.state).names == ["Devon", "Cornwall and the Isles of Scilly"])
    #expect(app.canvas.lines.last?.contains("comparing 2 of 6 (the spotlighted)") == true)
  }

  @Test func enterOpensDetailAtTheValueAndYCopiesItsSource() {
    var app = comparing(["Dorset", "Frimley"])
    let r = ComparePane.report(app.state)
    guard let funding = r.rows.firstIndex(where: { $0.label == "Funding" }) else {
      Issue.record("no Funding row")
      return
    }
    for _ in 0..<funding { app.send(.down) }
    app.send(.char("Y"))
    guard case .copy(let text)? = app.effects.last else {
      Issue.record("nothing copied")
      return
    }
    #expect(text.hasPrefix("Dorset: Funding at least £100m — source: https://www.lgcplus.com/"))
    #expect(text.hasSuffix("[funding.csv:4]"))
    app.send(.enter)
    #expect(app.state.pane == .detail)
    #expect(app.state.detail?.code == "E54000041")
    #expect(app.canvas.lines.contains { $0.hasPrefix("Capital funding") })
    app.send(.char("q"))
    #expect(app.state.pane == .compare)
  }

  @Test func theSlideNamesTheComparedSet() {
    let app = comparing(["Dorset", "Frimley"])
    let h = ComparePane().headline(app.state)
    #expect(
      h?.title.hasPrefix("Compared: Dorset, Frimley Health (positions by band, of 17 known)")
        == true)
    #expect(h?.figures.map(\.text) == ["=1", "=1"])
    #expect(PresentationView.slides(app.state).contains(.pane(.compare, variant: 0)))
  }

  @Test func compare80x24() {
    assertScreen(
      comparing(["Dorset", "Frimley", "Devon"], size: Size(width: 80, height: 24)).canvas)
  }
  @Test func compareEmpty80x24() {
    assertScreen(comparing([], size: Size(width: 80, height: 24)).canvas)
  }

  /// What each became, in Detail's words, with shorter forms that keep every share whole.
  @Test func becameSaysWhatEachSTPBecameAndNarrowsWithoutCuttingAShare() {
    let m = Metrics(d)
    let r = CompareReport.make(
      d, m, footprints: [index("Durham, Darlington"), index("Greater Man")])
    let became = row(r, "Became (July 2022)")
    #expect(
      became.cells[0].text
        == "North East and North Cumbria ICB (86.1% of its people), Humber and North Yorkshire ICB (13.9%)"
    )
    #expect(became.cells[1].forms.last == "2 ICBs: 98.8%, 1.18%")
    #expect(became.cells[1].text.contains("Derby and Derbyshire ICB (1.18%, a sliver)"))
    #expect(became.cells[0].location?.contains("lineage.csv:95;lineage.csv:96") == true)
    let narrow = comparing(
      ["Durham, Darlington", "Greater Man"], size: Size(width: 80, height: 60))
    let screen = narrow.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("86.1%") && screen.contains("1.18%"))
  }
}
