import Foundation
import STPModel
import STPTerminal
import STPTestSupport
import Testing

/// What a reload does to what the user sees: new data only when valid, their place kept.
@Suite struct ReloadTests {
  func files(_ edit: (String, String) -> String = { _, text in text }) -> [(
    name: String, bytes: [UInt8]
  )] {
    DatasetLoader.embeddedFiles.map { f in
      (f.name, Array(edit(f.name, String(decoding: f.bytes, as: UTF8.self)).utf8))
    }
  }

  func update(_ serial: Int, _ edit: @escaping (String, String) -> String) -> DataUpdate {
    do {
      return DataUpdate(
        .success(try DatasetLoader.load(files: files(edit), origin: "dir")), at: "10:0\(serial)",
        serial: serial)
    } catch {
      return DataUpdate(.failure(error), at: "10:0\(serial)", serial: serial)
    }
  }

  func app() -> HeadlessApp {
    var app = HeadlessApp(
      AppState(
        dataset: Fixtures.embedded, loadedAt: "09:30", size: Size(width: 100, height: 30),
        dataDirectory: "dir", isWatching: true))
    app.send(.char("3"))  // funding pane
    app.send(.char("/"))
    app.type("o")
    app.send(.enter, .char("s"), .char("s"), .char("S"), .down, .down)  // filter, sort, move
    return app
  }

  @Test func aValidChangeReplacesTheDataAndKeepsThePlace() {
    var app = app()
    let before = (
      app.state.pane, app.state.selectedCode, app.state.filter, app.state.table(.funding).sort,
      app.rows
    )
    app.send(
      Action.dataLoaded(
        update(1) { name, text in
          name == "funding.csv"
            ? text.replacingFirst(",100000000,,at least,", with: ",200000000,,at least,") : text
        }))
    #expect(app.state.pane == before.0)
    #expect(app.state.selectedCode == before.1)
    #expect(app.state.filter == before.2)
    #expect(app.state.table(.funding).sort == before.3)
    #expect(app.rows == before.4)
    #expect(app.state.data.loadedAt == "10:01")
    #expect(app.state.data.changedCodes == ["E54000041"])  // only Dorset's figures changed
    #expect(
      app.effects.last
        == .after(TimerKey.changeMarkSeconds, .clearChangeMarks, key: TimerKey.changeMarks))
    let dorset = app.state.dataset.index(ofCode: "E54000041") ?? 0
    #expect(app.state.metrics.funding[dorset].rankValue == 200_000_000)
    app.send(Action.clearChangeMarks)
    #expect(app.state.data.changedCodes.isEmpty)
  }

  @Test func anInvalidChangeKeepsTheLastGoodDataAndAFixClearsTheBanner() {
    var app = HeadlessApp(
      AppState(
        dataset: Fixtures.embedded, loadedAt: "09:30", size: Size(width: 100, height: 24),
        dataDirectory: "dir", isWatching: true))
    app.send(
      Action.dataLoaded(
        update(1) { name, text in
          name == "funding.csv"
            ? text.replacingFirst(",100000000,,at least,", with: ",-1,,at least,") : text
        }))
    #expect(app.state.dataset.funding.count == Fixtures.embedded.funding.count)
    #expect(app.state.data.loadErrors.map(\.location) == ["funding.csv:4:114"])
    #expect(app.state.data.loadedAt == "09:30")
    assertScreen(app.canvas)
    app.send(Action.dataLoaded(update(2) { _, text in text }))
    #expect(app.state.data.loadErrors.isEmpty)
    #expect(app.state.data.loadedAt == "10:02")
    #expect(!app.canvas.lines.joined().contains("Not reloaded"))
  }

  /// Issue 26: funding amounts each within their bound but together past 64 bits crashed the
  /// dashboard on save. Now the load fails at the row where the total passes the bound, and the
  /// screen keeps the last good data.
  @Test func fundingPastTheTotalBoundKeepsTheLastGoodData() {
    var app = app()
    let rows = (0..<10_000).map { i in
      "E54000041,wave1,2017-07-19,scheme,Big \(i),1000000000000000,1000000000000000,exact,,,"
        + "https://example.org/x,\n"
    }.joined()
    app.send(
      Action.dataLoaded(update(1) { name, text in name == "funding.csv" ? text + rows : text }))
    #expect(app.state.dataset.funding.count == Fixtures.embedded.funding.count)
    let error = app.state.data.loadErrors.first { $0.message.contains("the bound on all funding") }
    #expect(error?.location.hasPrefix("funding.csv:") == true, "\(app.state.data.loadErrors)")
    #expect(app.canvas.lines.joined().contains("Not reloaded"))
  }

  @Test func aBrokenBoundariesFileKeepsTheLastGoodMap() throws {
    // Two footprints drawn from the user's file: Dorset and Devon as squares.
    let good = """
      {"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"code": "E54000041"}, "geometry": {"type": "Polygon",
       "coordinates": [[[-2.5, 50.6], [-1.8, 50.6], [-1.8, 51.0], [-2.5, 51.0], [-2.5, 50.6]]]}},
      {"type": "Feature", "properties": {"code": "E54000037"}, "geometry": {"type": "Polygon",
       "coordinates": [[[-4.5, 50.3], [-2.5, 50.3], [-2.5, 51.2], [-4.5, 51.2], [-4.5, 50.3]]]}}
      ]}
      """
    func load(_ geojson: String) -> Result<LoadResult, DatasetLoadError> {
      Result { () throws(DatasetLoadError) in
        try DatasetLoader.load(
          files: files() + [("boundaries.geojson", Array(geojson.utf8))], origin: "dir")
      }
    }
    let first = try load(good).get()
    var app = HeadlessApp(
      AppState(
        dataset: first.dataset, loadedAt: "09:30", size: Size(width: 100, height: 30),
        dataDirectory: "dir", isWatching: true))
    app.send(.char("5"))
    #expect(app.canvas.lines.last?.contains("on the map 2/44") == true)
    #expect(app.canvas.lines.joined().contains("not on the map (42)"))
    // A typo on line 4: the load fails at its line and column; the two shapes stay.
    let broken = good.replacingFirst(
      "\"Polygon\",\n \"coordinates\": [[[-4.5", with: "\"Polygon\",\n \"coordinates\": [[[-4.5,,")
    app.send(Action.dataLoaded(DataUpdate(load(broken), at: "10:01", serial: 1)))
    #expect(app.state.data.loadErrors.map(\.location) == ["boundaries.geojson:5:25"])
    #expect(app.state.dataset.geography.boundaries.source == "boundaries.geojson")
    #expect(app.state.dataset.geography.boundaries.missing.count == 42)
    #expect(app.canvas.lines.joined().contains("boundaries.geojson:5:25"))
    #expect(app.canvas.lines.last?.contains("on the map 2/44") == true)
  }

  @Test func aVanishedSTPMovesTheSelectionAndClosesItsDetail() {
    var app = HeadlessApp(
      AppState(
        dataset: Fixtures.embedded, loadedAt: "09:30", size: Size(width: 100, height: 30),
        dataDirectory: "dir"))
    app.send(.enter)  // Dorset's detail
    #expect(app.state.pane == .detail)
    // Dorset's rows removed everywhere.
    app.send(
      Action.dataLoaded(
        update(1) { _, text in
          text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("E54000041") }.joined(separator: "\n")
        }))
    #expect(app.state.data.loadErrors.isEmpty)
    #expect(app.state.pane == .league)
    #expect(app.state.detail == nil)
    #expect(app.state.selectedCode == app.rows.first)
    #expect(app.rows.count == 43)
  }

  @Test func rReloadsOnlyADirectory() {
    var dir = HeadlessApp(
      AppState(
        dataset: Fixtures.embedded, loadedAt: "09:30", size: Size(width: 80, height: 24),
        dataDirectory: "dir"))
    dir.send(Key.char("r"))
    #expect(dir.effects == [.reload])
    var embedded = HeadlessApp(size: Size(width: 80, height: 24))
    embedded.send(Key.char("r"))
    #expect(embedded.effects.isEmpty)
    #expect(embedded.state.message?.contains("--data DIR") == true)
  }

  @Test func changedRowsAreMarked() {
    var app = HeadlessApp(
      AppState(
        dataset: Fixtures.embedded, loadedAt: "09:30", size: Size(width: 80, height: 24),
        dataDirectory: "dir"))
    app.send(
      Action.dataLoaded(
        update(1) { name, text in
          name == "footprints.csv"
            ? text.replacingFirst(
              "E54000034,Frimley Health,", with: "E54000034,Frimley Health ICS,") : text
        }))
    #expect(app.state.data.changedCodes == ["E54000034"])
    assertScreen(app.canvas)
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let r = range(of: target) else { fatalError("not found: \(target)") }
    return replacingCharacters(in: r, with: replacement)
  }
}
