import STPModel
import STPReport
import STPTerminal
import STPTestSupport
import Testing

/// Linear mode (`--linear`, TERM=dumb) for screen readers and braille displays: the screen as
/// sentences, and after a key only what changed (issue 23).
@Suite struct LinearTests {
  func app() -> HeadlessApp {
    var a = HeadlessApp(size: Size(width: 120, height: 40))
    a.state.session.isLinear = true
    return a
  }

  func lines(_ a: HeadlessApp) -> [String] { a.canvas.linearLines ?? [] }

  @Test func eachRowIsOneSentenceWithItsQualifiers() {
    var a = app()
    a.send(.char("m"), .char("m"))  // the league by per head
    let l = lines(a)
    #expect(l.first == "League pane. per-head known 11/44 · ranked by per-head.")
    // The selected row, marked; the name first, every figure with its qualifier and basis.
    let dorset = l.first { $0.contains("Dorset:") } ?? ""
    #expect(dorset.contains("Per head at least £129.75"), "\(dorset)")
    #expect(l.contains { $0.hasPrefix("> ") })
    #expect(l.contains { $0.contains("unknown") })
  }

  @Test func aKeyPrintsOnlyWhatItChanged() {
    var a = app()
    let before = lines(a)
    a.send(.char("j"))
    let news = LinearDiff.news(before, lines(a))
    #expect(news.count == 1 && news[0].hasPrefix("> ") && news[0].contains("Durham"), "\(news)")
    // Another pane: all of it.
    let onLeague = lines(a)
    a.send(.char("5"))
    let map = LinearDiff.news(onLeague, lines(a))
    #expect(map.first?.hasPrefix("Map pane.") == true)
    #expect(
      map.contains { $0.hasPrefix("Outstanding, 5: ") && $0.contains("Dorset (Outstanding)") })
    #expect(map.contains { $0.hasPrefix("Unknown, 27: ") })
    // Round every measure and back: nothing to say. A key with no binding: just that.
    let still = lines(a)
    for _ in Measure.allCases { a.send(.char("m")) }
    #expect(LinearDiff.news(still, lines(a)).isEmpty)
    a.send(.char("Z"))
    #expect(LinearDiff.news(still, lines(a)) == ["Z: not a key here, ? for help"])
  }

  @Test func everyPaneReadsAsTextWithoutDrawingCharacters() {
    var a = app()
    a.send(.char("c"))  // one STP compared
    let drawing = Set("─│┌┐└┘├┤┬┴┼▀▄█░▒▓▏▕⣿")
    for key in ["1", "2", "3", "4", "5", "6", "7", "8"] {
      a.send(.char(Character(key)))
      let l = lines(a)
      #expect(l.count > 2, "pane \(key): \(l)")
      for line in l {
        #expect(!line.contains { drawing.contains($0) }, "pane \(key): \(line)")
      }
    }
    a.send(.char("?"))
    #expect(lines(a).first == "Help (Esc closes it)")
    #expect(lines(a).contains { $0.contains("next pane") })
  }

  @Test func detailReadsOnLineByLine() {
    var a = app()
    a.send(.enter)
    let l = lines(a)
    #expect(l.first?.hasPrefix("Detail: Dorset pane.") == true)
    #expect(l.contains { $0.contains("Band 2017-07") && $0.contains("Outstanding") })
    a.send(.char("j"))
    let news = LinearDiff.news(l, lines(a))
    #expect(news.count == 1 && news[0].hasPrefix("> "), "\(news)")
  }

  /// Typing a filter reads back the line typed; keeping it reads the rows it leaves.
  @Test func aFilterIsReadWhenItIsKept() {
    var a = app()
    a.send(.char("/"))
    a.type("york")
    let typing = lines(a)
    #expect(typing.last == "Filter, typing: 'york', 2 matches. Enter keeps it, Esc clears it.")
    #expect(!typing.contains { $0.contains("Dorset") })
    a.send(.enter)
    let kept = LinearDiff.news(typing, lines(a))
    #expect(kept.contains("Filter 'york': 2 matches."))
    #expect(kept.contains { $0.contains("> South Yorkshire and Bassetlaw:") })
    #expect(kept.contains { $0.hasPrefix("West Yorkshire:") })
    #expect(!kept.contains { $0.contains("Dorset") })
  }

  /// A reload that fails is read out once, as the banner says it; the rows stay the last good.
  @Test func aFailedReloadIsReadOut() {
    var a = app()
    let before = lines(a)
    let error = DatasetLoadError(issues: [
      ValidationIssue(.error, file: "footprints.csv", line: 39, "unterminated quote")
    ])
    a.send(Action.dataLoaded(DataUpdate(.failure(error), at: "10:15", serial: 1)))
    let news = LinearDiff.news(before, lines(a))
    #expect(news.count == 1, "\(news)")
    #expect(
      news.first?.hasPrefix("Not reloaded: 1 error at 10:15 · showing the data loaded at") == true)
    #expect(news.first?.contains("footprints.csv:39") == true)
  }
}
