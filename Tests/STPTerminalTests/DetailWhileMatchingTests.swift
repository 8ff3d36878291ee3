import STPReport
import STPTerminal
import STPTestSupport
import Testing

@testable import STPModel

/// Issue 26, item 7: after a large load's first frame the councils each partnership names are
/// matched on a thread of their own, and a Detail opened meanwhile waited for them (0.75 s at
/// 1M partner rows and 100,000 councils). It opens at once now, says the councils are being
/// matched, and is made again when the loop is woken with them done.
@Suite struct DetailWhileMatchingTests {
  let size = Size(width: 120, height: 40)

  func text(_ app: HeadlessApp) -> String {
    let detail = app.state.detail?.report.sections.flatMap { s in
      [s.heading] + s.entries.map { "\($0.label) \($0.text)" }
    }
    return (detail ?? []).joined(separator: "\n")
  }

  @Test func detailOpenedWhileTheCouncilsAreMatchedSaysSoThenShowsThem() {
    var app = HeadlessApp(size: size)
    app.send(.char("/"))
    app.type("Dorset")
    app.send(.enter)
    app.state.metrics.whileCouncilsAreBeingMatched {
      app.send(.enter)  // Detail, while another thread matches the councils
    }
    #expect(app.state.pane == .detail)
    #expect(app.state.detail?.report.councilsPending == true)
    let pending = text(app)
    #expect(pending.contains("Councils being matched with the partner lists"))
    #expect(pending.contains("Care councils named being matched"))
    #expect(!pending.contains("Social care"))
    // On screen too, not only in the report: found and scrolled to.
    app.send(.char("/"))
    app.type("being matched")
    app.send(.enter)
    let screen = app.canvas.lines.joined(separator: "\n")
    #expect(screen.contains("being matched with the partner lists (a large load); shown when done"))
    app.send(.escape)
    // The loop is woken when the work is done: Detail is made again, councils and all, as a
    // report that waited gives them.
    app.send(.pane("work.ready"))
    #expect(app.state.detail?.report.councilsPending == false)
    let waited = ShowReport(
      app.state.dataset, app.state.metrics,
      footprint: app.state.dataset.index(ofCode: "E54000041") ?? -1)
    #expect(app.state.detail?.report.sections.map(\.heading) == waited.sections.map(\.heading))
    #expect(text(app).contains("Social care"))
    #expect(!text(app).contains("being matched"))
  }

  @Test func withNothingMatchingElsewhereDetailMatchesThemItself() {
    var app = HeadlessApp(size: size)
    app.send(.enter)
    #expect(app.state.detail?.report.councilsPending == false)
    #expect(text(app).contains("Social care"))
  }
}
