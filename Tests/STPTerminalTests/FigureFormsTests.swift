import STPModel
import STPReport
import STPTestSupport
import Testing

@testable import STPTerminal

/// A table cell picks its figure's form by widths measured once per load; what it picks must be
/// what the shared formatter (`FigureText.fit`) picks from the column's level, at every width,
/// for every measure, in Unicode and folded to ASCII.
@Suite struct FigureFormsTests {
  let d = Fixtures.embedded
  let m = Metrics(Fixtures.embedded)

  @Test func aCellShowsTheFirstFormThatFitsFromItsColumnsLevel() {
    var checked = 0
    for measure in Measure.allCases {
      let figures = d.footprints.indices.map { m.figure(measure, footprint: $0) }
      for (forms, ascii) in [(FigureForms(figures), false), (FigureForms(figures).folded(), true)] {
        for width in 0...48 {
          for f in d.footprints.indices {
            let figure = figures[f]
            let all = FigureText.forms(figure)
            let lv = figure.isKnown ? forms.levels : forms.absentLevels
            let level = lv.firstIndex { $0 <= width } ?? (lv.count - 1)
            let expected = FigureText.fit(
              Array(all[max(0, min(level, all.count - 1))...]), width: width, ascii: ascii)
            #expect(
              forms.text(f, width: width)?.0 == expected,
              "\(measure) \(d.footprints[f].code) at \(width)")
            checked += 1
          }
        }
      }
    }
    #expect(checked > 10_000)
  }
}
