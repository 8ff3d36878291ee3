import STPModel
import Testing

@testable import STPReport

/// The one formatter: a qualifier never falls off its number, a width budget shortens the words
/// and never the number, sums say what they rest on.
@Suite struct FigureTextTests {
  static let loaded = try! DatasetLoader.loadEmbedded()  // the embedded data always loads (tested)
  var d: Dataset { Self.loaded.dataset }
  var m: Metrics { Self.loaded.metrics }
  func index(_ code: String) -> Int { d.index(ofCode: code) ?? -1 }

  @Test func qualifiersShortenButStay() {
    let dorset = Figure(.atLeast(100_000_000), unit: .money)
    #expect(FigureText.text(dorset) == "at least £100m")
    #expect(FigureText.text(dorset, width: 13) == "≥£100m")
    #expect(FigureText.text(dorset, width: 6) == "≥£100m")
    #expect(FigureText.text(dorset, width: 5) == "…")  // never "≥£10" or "at least £…"
    #expect(FigureText.text(Figure(.upTo(80_000_000), unit: .money), width: 8) == "≤£80m")
    #expect(
      FigureText.text(Figure(.range(30_000_000, 80_000_000), unit: .money), width: 10)
        == "£30m–£80m")
    #expect(FigureText.text(Figure(.approx(26), unit: .count)) == "~26")
    // In ASCII the width is measured as shown: "GBP 204.22" needs ten columns, never "GBP 20...".
    let perHead = Figure(.atLeast(204.22), unit: .moneyPerHead)
    #expect(FigureText.text(perHead, width: 12, ascii: true) == ">=GBP 204.22")
    #expect(FigureText.text(perHead, width: 11, ascii: true) == "…")
  }

  @Test func everyFormOfEveryFigureKeepsItsNumberWhole() {
    // Each measure's figure for every STP: the number the long form shows appears whole in every
    // shorter form that shows a number at all.
    for measure in Measure.allCases {
      for f in d.footprints.indices {
        let fig = m.figure(measure, footprint: f)
        let forms = FigureText.forms(fig)
        #expect(forms.count == 4, "\(measure) \(f)")
        guard fig.isKnown, let v = fig.rankValue, fig.unit == .money || fig.unit == .moneyPerHead
        else { continue }
        let n = FigureText.number(fig.maximum ?? fig.minimum ?? v, fig.unit)
        for form in forms {
          #expect(form.contains(n), "\(measure) \(d.footprints[f].name): \(form) lacks \(n)")
        }
      }
    }
  }

  @Test func absentFiguresSayWhy() {
    #expect(
      FigureText.text(m.breadthFigure(index("E54000015")))
        == "not in the source (the source lists NHS bodies only)")
    #expect(FigureText.text(m.breadthFigure(index("E54000040")), width: 12) == "not searched")
    #expect(FigureText.text(m.fundingFigure(index("E54000043"))) == "£0 in W4; other waves unknown")
    #expect(FigureText.text(m.fundingFigure(index("E54000043")), width: 9) == "£0 in W4")
    // A nil award is never £0 a head: per head is unknown, saying why.
    #expect(
      FigureText.text(m.perHeadFigure(index("E54000043")))
        == "unknown (£0 in W4; other waves unknown)")
    #expect(FigureText.text(m.councilsFigure(index("E54000034"))) == "5 stated, unnamed")
  }

  @Test func perHeadIsInPenceEverywhere() {
    // Kent and Medway: £8m to £20m over 1,831,772 people (ONS mid-2017): £4.37 to £10.92, never
    // "£4.37 to £11" on one surface and 10.92 on another.
    let kent = m.perHeadFigure(index("E54000032"))
    #expect(FigureText.text(kent) == "£4.37 to £10.92 (ONS mid-2017)")
    #expect(FigureText.text(kent, width: 12) == "£4.37–£10.92")
    #expect(
      FigureText.cells(kent)[2].value == .double(4.37)
        && FigureText.cells(kent)[3].value == .double(10.92))
  }

  @Test func aSumSaysWhatItProvesAndCovers() {
    let w1 = FigureText.sumForms(m.waveSum(0), what: "STPs named")
    #expect(
      w1[0] == "at least £197.8m proven; amounts for 6 of 15 STPs named, 36% of the people; "
        + "quoted £307.8m (\"up to\" by its top)")
    #expect(w1.last == "≥£197.8m")
    let w2 = FigureText.sumForms(m.waveSum(1), what: "STPs named")
    #expect(w2[0] == "no amount found (0 of 2 STPs named)")
    // Waves 3 and 4 together: Kent and Medway's "just under £20m" covers its £8m: proven £8m.
    let w34 = m.waveSum(d.waves.firstIndex { $0.id == "wave3+wave4" } ?? 0)
    #expect(
      FigureText.sumForms(w34, what: "STPs named")[1] == "£8m proven, up to £20m; the one STP named"
    )
  }

  @Test func positionsCarryTheirDenominators() {
    let band = m.league(by: .band)
    let dorset =
      band.first { $0.footprint == index("E54000041") }?.position
      ?? Position(rank: nil, isTied: false)
    #expect(FigureText.position(dorset) == "=1 of 44 (=1 of 17 known)")
    #expect(FigureText.position(dorset, width: 10) == "=1 of 44")
    let devon =
      band.first { $0.footprint == index("E54000037") }?.position
      ?? Position(rank: nil, isTied: false)
    #expect(FigureText.position(devon) == "=11 of 17 known (=20, =24 or =26 of 44)")
    #expect(FigureText.position(devon, width: 8) == "=11/17")
    let unknown =
      band.first { $0.footprint == index("E54000040") }?.position
      ?? Position(rank: nil, isTied: false)
    #expect(FigureText.position(unknown) == "unranked: =6, =20, =24 or =26 of 44")
  }
}
