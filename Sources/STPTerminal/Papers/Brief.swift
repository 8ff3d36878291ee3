import STPModel
import STPReport

/// What a brief says, built once and written as HTML or Markdown.
public struct BriefContent {
  let s: AppState
  let f: Int
  let origin: String
  /// The report's sections, each entry with its footnote number.
  var sections: [Section] = []
  /// A section: its heading and its rows, each with the numbers of its notes.
  typealias Section = (heading: String, entries: [(label: String, text: String, notes: [Int])])
  /// What the footprint became at the last date of the lineage ("July 2022 (ICBs)", its text,
  /// its notes), nil when the data has no lineage.
  var became: (label: String, text: String, notes: [Int])?
  /// The sources, numbered in order of first use, each with the data rows that cite it.
  var notes = SourceNotes()
  /// The region's STPs, this one first: name and the figures of four measures.
  var peers: [(name: String, figures: [String])] = []
  static let peerMeasures: [Measure] = [.band, .funding, .perHead, .breadth]
  /// The measures the data does not have for this STP, with the reason.
  var unknown: [String] = []

  /// The brief of footprint `f` in the data of `s`, read from `origin` (a directory, or nil for
  /// the embedded data).
  public init(_ s: AppState, footprint f: Int, origin: String?) {
    self.s = s
    self.f = f
    self.origin = origin ?? "embedded 2017-18 reference data"
    let d = s.dataset
    let m = s.metrics
    let report = ShowReport(d, m, footprint: f)
    // What it became, in the lede: the successors at the last date (the ICBs of July 2022; the
    // STPs of 2021 are in `show`), its note first as it comes first on the page.
    if let e = report.sections.first(where: { $0.key == "became" })?.entries.last {
      became = (e.label, e.text, e.source.map { [notes.cite($0, rows: e.location)] } ?? [])
    }
    for section in report.sections.dropFirst() where section.key != "became" {
      var entries: [(String, String, [Int])] = []
      var names = 0
      var sectors: [String] = []
      for e in section.entries {
        // Sector counts share one line; a wave's heading is its name and its total.
        if let head = e.headingParts, section.key == "partners" {
          sectors.append("\(head.name) \(head.detail)")
          continue
        }
        // Partner names are many: counted here, listed by `stp-dash show`.
        if e.label == "  •" {
          names += 1
          continue
        }
        let note = e.source.map { notes.cite($0, rows: e.location) }
        let head = e.headingParts
        let label = head?.name ?? e.label.trimmingSpaces
        let text = head.map { $0.detail } ?? e.text
        // A position joins the figure it ranks ("Outstanding; =1 of 44").
        let mine = note.map { [$0] } ?? []
        if label == "position", let last = entries.popLast() {
          entries.append((last.0, last.1 + "; " + text, last.2 + mine))
          continue
        }
        // Rows of one kind (each social care council) share a line: one page holds more.
        if let last = entries.last, last.0 == label {
          entries.removeLast()
          entries.append(
            (label, last.1 + " · " + text, last.2 + mine.filter { !last.2.contains($0) }))
          continue
        }
        entries.append((label, text, mine))
      }
      if !sectors.isEmpty {
        let at = entries.firstIndex { $0.0 == "Basis" }.map { $0 + 1 } ?? entries.endIndex
        entries.insert(("By sector", sectors.joined(separator: " · "), []), at: at)
      }
      if names > 0 {
        entries.append(
          ("Named", "\(names) (stp-dash show \(d.footprints[f].code) lists them)", []))
      }
      sections.append((section.heading, entries))
    }
    let region = d.footprints[f].region
    let others = m.league(by: .band).map(\.footprint).filter {
      $0 != f && region != nil && d.footprints[$0].region == region
    }
    peers = ([f] + others).map { g in
      (
        d.footprints[g].name,
        Self.peerMeasures.map { FigureText.forms(m.figure($0, footprint: g)).last ?? "" }
      )
    }
    unknown = Measure.allCases.compactMap { measure in
      let fig = m.figure(measure, footprint: f)
      return fig.isKnown ? nil : "\(measure.label): \(FigureText.text(fig))"
    }
  }

  var name: String { s.dataset.footprints[f].name }
  var code: String { s.dataset.footprints[f].code }
  var region: String { s.dataset.footprints[f].region ?? "region unknown" }

  /// The page: print CSS for A4, self-contained.
  public func html() -> String {
    let x = VectorMap.xml
    let becameHTML =
      became.map { "became in \(x($0.label)): \(x($0.text))\(SourceNotes.marks($0.notes)) · " }
      ?? ""
    var out = """
      <!DOCTYPE html>
      <html lang="en-GB"><head><meta charset="utf-8"/>
      <title>\(x(name)): STP brief</title>
      <style>
      @page { size: A4; margin: 10mm; }
      body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7pt; line-height: 1.15; \
      color: #111; background: #fff; margin: 0 auto; max-width: 190mm; }
      .cols { column-count: 2; column-gap: 6mm; } h2 { break-after: avoid; } tr { break-inside: avoid; }
      h1 { font-size: 13pt; margin: 0 0 1mm; } h2 { font-size: 8.8pt; margin: 1.2mm 0 0.4mm; }
      .lede { margin: 0 0 2mm; color: #333; }
      .top { display: grid; grid-template-columns: 1fr 42mm; gap: 5mm; align-items: start; }
      .map { margin: 0; } figcaption { font-size: 6pt; color: #333; }
      .map svg { width: 100%; height: auto; }
      table { border-collapse: collapse; margin: 0 0 1mm; }
      th, td { text-align: left; vertical-align: top; padding: 0.2mm 2mm 0.2mm 0; }
      thead th { border-bottom: 1px solid #555; }
      th[scope=row] { font-weight: normal; color: #333; width: 30%; }
      .cols table { width: 100%; }
      sup { font-size: 6.5pt; line-height: 0; } a { color: #0645ad; }
      ol.notes { font-size: 6pt; padding-left: 5mm; margin: 1mm 0 0; overflow-wrap: anywhere; \
      column-count: 2; column-gap: 6mm; } .rows { color: #333; }
      @media print { a { color: #111; } }
      </style></head>
      <body><main><header>
      <h1>\(x(name)) <span style="font-weight: normal">(\(x(code)))</span></h1>
      <p class="lede">\(x(region)) · Sustainability and Transformation Partnership, 2017-18 · \
      \(becameHTML)data: \(x(origin)). Every figure says what it rests on; its source is the \
      numbered note.</p>
      </header>
      <div class="top"><div class="cols">

      """
    func table(_ section: Section) -> String {
      var out = "<section><h2>\(x(section.heading))</h2>\n<table><caption hidden>"
      out += "\(x(section.heading))</caption><tbody>\n"
      for e in section.entries {
        let note = SourceNotes.marks(e.notes)
        out += "<tr><th scope=\"row\">\(x(e.label))</th><td>\(x(e.text))\(note)</td></tr>\n"
      }
      return out + "</tbody></table></section>\n"
    }
    // The map's column holds what is short, under the map: designations, leaders, the unknowns.
    let shown = sections.filter { !$0.entries.isEmpty }
    let side = ["Designations", "Leaders"]
    for section in shown where !side.contains(section.heading) { out += table(section) }
    out += """
      </div><aside><figure class="map">\(VectorMap.svg(s, measure: .band, theme: .default, highlight: f, legend: false))
      <figcaption>\(x(name)) outlined on the 44 footprints, coloured by NHS England's band \
      (green Outstanding, pale blue Advanced, yellow Making progress, magenta Needs most \
      improvement, hatched unknown). Boundaries: ONS, OGL v3.0; contains OS data © Crown \
      copyright and database right.</figcaption></figure>

      """
    for section in shown where side.contains(section.heading) { out += table(section) }
    out += "<section><h2>What is unknown</h2>\n"
    out +=
      unknown.isEmpty
      ? "<p>Every measure is known.</p>\n"
      : "<ul>" + unknown.map { "<li>\(x($0))</li>" }.joined() + "</ul>\n"
    out += "</section></aside></div>\n"
    out += "<h2>\(x(region)): the region's STPs side by side</h2>\n<table>"
    out += "<caption hidden>The STPs of \(x(region))</caption><thead><tr><th scope=\"col\">STP</th>"
    for m in Self.peerMeasures { out += "<th scope=\"col\">\(x(m.label))</th>" }
    out += "</tr></thead><tbody>\n"
    for (i, p) in peers.enumerated() {
      let cell = { (t: String) in i == 0 ? "<strong>\(x(t))</strong>" : x(t) }
      out += "<tr><th scope=\"row\">\(cell(p.name))</th>"
      out += p.figures.map { "<td>\(cell($0))</td>" }.joined() + "</tr>\n"
    }
    out += "</tbody></table>\n"
    out +=
      "<p>? unknown (the reason is in that STP's brief) · ✗ bid not funded · ≥ at least · ≤ up to · "
    out += "O A M N the bands of July 2017</p>\n"
    out += "<h2>Sources</h2>\n"
    out += notes.html()
    out += "</main></body></html>\n"
    return out
  }

  /// The same content to paste into a paper, the map left out.
  public func markdown() -> String {
    func md(_ t: String) -> String { MarkdownText.cell(t) }
    var out = "# \(md(name)) (\(md(code)))\n\n"
    out += "\(md(region)) · STP, 2017-18 · "
    if let b = became {
      out += "became in \(md(b.label)): \(md(b.text))\(b.notes.map { "[^\($0)]" }.joined()) · "
    }
    out += "data: \(md(origin)).\n"
    for section in sections where !section.entries.isEmpty {
      out += "\n## \(md(section.heading))\n\n| | |\n|---|---|\n"
      for e in section.entries {
        out += "| \(md(e.label)) | \(md(e.text))\(e.notes.map { "[^\($0)]" }.joined()) |\n"
      }
    }
    out += "\n## \(md(region)): the region's STPs\n\n| STP | "
    out += Self.peerMeasures.map { md($0.label) }.joined(separator: " | ") + " |\n"
    out += "|" + String(repeating: "---|", count: Self.peerMeasures.count + 1) + "\n"
    for p in peers {
      out += "| \(md(p.name)) | " + p.figures.map(md).joined(separator: " | ") + " |\n"
    }
    out += "\n## What is unknown\n\n"
    out += unknown.isEmpty ? "Every measure is known.\n" : unknown.map { "- \(md($0))\n" }.joined()
    out += "\n"
    out += notes.markdown(md)
    out += "\nBoundaries: ONS, OGL v3.0; contains OS data © Crown copyright and database right.\n"
    return out
  }
}
