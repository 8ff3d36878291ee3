import STPModel
import STPReport

/// `stp-dash report`: the whole dataset as one accessible, self-contained HTML page: the
/// league, the maps with their text alternatives, partnership breadth, funding, the regions,
/// and every figure's source as a numbered note with its link and rows. The tables are the
/// batch commands' tables (one renderer for both), so the page says what `league` says.
public enum DatasetReport {
  /// The measures drawn as maps.
  static let mapMeasures: [Measure] = [.band, .perHead]

  /// The page for the data in `s`, read from `origin` (a directory, or nil for the embedded
  /// data).
  public static func html(_ s: AppState, origin: String?) -> String {
    let x = VectorMap.xml
    let d = s.dataset
    let m = s.metrics
    let n = d.footprints.count
    let origin = origin ?? "embedded 2017-18 reference data"
    var notes = SourceNotes()
    var sections: [(id: String, heading: String, body: String)] = []

    let league = LeagueReport.make(d, m, by: .band)
    sections.append(
      (
        "league", "The league",
        "<p>Positions by NHS England's band of \(x(m.period ?? "the newest period")); "
          + "equal bands share a position (=1). A band the sources do not give is unknown, "
          + "and the position says how many are known.</p>\n"
          + scrolling(league.html(caption: "The \(n) STPs by band", notes: &notes), "The league")
      ))

    var maps = ""
    for measure in mapMeasures {
      let words = VectorMap.textAlternative(s, measure: measure)
      maps += """
        <h3>By \(x(measure.spec.mapTitle))</h3>
        <figure>\(VectorMap.svg(s, measure: measure, theme: .default))
        <figcaption>Map by \(x(measure.spec.mapTitle)); unknown values hatched. Its content \
        in words follows.</figcaption></figure>
        <h4>The map by \(x(measure.spec.mapTitle)) in words</h4>
        <ul>\(words.map { "<li>\(x($0))</li>" }.joined(separator: "\n"))</ul>

        """
    }
    sections.append(("where", "Where", maps))

    sections.append(
      (
        "breadth", "Partnership breadth",
        "<p>Who each partnership names beyond the NHS: organisations by sector, the sectors "
          + "beyond the NHS, and their share.</p>\n"
          + scrolling(
            PartnersReport.make(d, m).html(caption: "Partnership breadth", notes: &notes),
            "Partnership breadth")
      ))

    sections.append(
      (
        "funding", "Funding",
        "<p>Capital awarded to each STP in the national waves found in the data. An amount "
          + "the sources do not give is unknown, never £0.</p>\n"
          + scrolling(
            FundingReport.make(d, m).html(caption: "Funding per STP", notes: &notes),
            "Funding per STP")
          + "<h3>The national waves</h3>\n"
          + scrolling(
            FundingReport.waves(d, m).html(caption: "The national waves", notes: &notes),
            "The national waves")
      ))

    sections.append(
      (
        "regions", "Regions",
        scrolling(
          RegionsReport.make(d, m).table().html(caption: "The NHS regions of 2017", notes: &notes),
          "The regions")
      ))

    // What became of each STP, and whether the 2017 league foretold the designations.
    if !d.lineage.isEmpty {
      sections.append(
        (
          "became", "What each STP became",
          "<p>Each STP's successors in April 2021 (STPs) and July 2022 (Integrated Care Boards), "
            + "with the ONS mid-2017 people each took and their share of the STP's; under 2% is "
            + "a sliver.</p>\n"
            + scrolling(
              LineageReport.table(d, footprints: Array(d.footprints.indices)).html(
                caption: "The successors of the \(n) STPs", notes: &notes),
              "The successors")
        ))
    }
    sections.append(
      (
        "designations", "Bands and designations",
        "<p>How many STPs of each band of July 2017 were first designated an accountable or "
          + "integrated care system in each wave. An STP with no dated designation is unknown, "
          + "not never; a count is a count, not a cause.</p>\n"
          + scrolling(
            DesignationsReport.byBand(d, m).html(
              caption: "STPs per band by wave of first designation", notes: &notes),
            "Bands and designations")
      ))

    var out = """
      <!DOCTYPE html>
      <html lang="en-GB"><head><meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>England's \(n) STPs, 2017-18: league, breadth and funding</title>
      <style>
      body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 1rem; line-height: 1.45; \
      color: #111; background: #fff; margin: 0 auto; padding: 1rem; max-width: 80rem; }
      h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; margin-top: 2rem; \
      border-bottom: 1px solid #555; } h3 { font-size: 1.1rem; } h4 { font-size: 1rem; }
      a { color: #0645ad; } a:focus, .scroll:focus { outline: 3px solid #0645ad; }
      .scroll { overflow-x: auto; margin: 0 0 1rem; }
      table { border-collapse: collapse; font-size: 0.9rem; }
      caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
      th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.6rem 0.2rem 0; \
      border-bottom: 1px solid #ccc; }
      thead th { border-bottom: 2px solid #555; } tbody th { font-weight: normal; }
      td.n, th.n { text-align: right; white-space: nowrap; } sup { line-height: 0; }
      .tnote, .rows { color: #333; } figure { margin: 1rem 0; }
      figure svg { max-width: 100%; height: auto; }
      ol.notes { overflow-wrap: anywhere; }
      @media (forced-colors: active) { figure svg { forced-color-adjust: none; } }
      @media print { .scroll { overflow: visible; } a { color: #111; } }
      </style></head>
      <body><main>
      <h1>England's \(n) Sustainability and Transformation Partnerships, 2017-18</h1>
      <p>League positions, partnership breadth and funding for every STP, with where each \
      figure comes from. Data: \(x(origin)). Made by stp-dash.</p>
      <h2 id="read">How to read it</h2>
      <ul>
      <li><strong>unknown</strong>: the data does not have the value. It is never counted \
      as zero and never guessed.</li>
      <li><strong>at least</strong> (≥) and <strong>up to</strong> (≤): the sources give a \
      lower or an upper bound, not the amount.</li>
      <li><strong>=3 of 10 known</strong>: a position shared with others, among the 10 STPs \
      whose value is known.</li>
      <li>A small number after a figure is its note under <a href="#sources">Sources</a>, \
      with the data rows it rests on.</li>
      </ul>
      <nav aria-label="Contents"><h2 id="contents">Contents</h2><ol>

      """
    for section in sections {
      out += "<li><a href=\"#\(section.id)\">\(x(section.heading))</a></li>\n"
    }
    out += "<li><a href=\"#sources\">Sources</a></li>\n</ol></nav>\n"
    for section in sections {
      out += "<section aria-labelledby=\"\(section.id)\">"
      out += "<h2 id=\"\(section.id)\">\(x(section.heading))</h2>\n\(section.body)</section>\n"
    }
    out += """
      <section aria-labelledby="sources"><h2 id="sources">Sources</h2>
      \(notes.html())
      <p>Populations: ONS mid-2017 small-area estimates; footprint boundaries: Office for \
      National Statistics, April 2017, licensed under the Open Government Licence v.3.0. \
      Contains OS data © Crown copyright and database right.</p></section>
      </main></body></html>

      """
    return out
  }

  /// A wide table in a region that scrolls sideways at high zoom, reachable by keyboard.
  static func scrolling(_ table: String, _ label: String) -> String {
    "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(VectorMap.xml(label))\">"
      + table + "</div>\n"
  }
}
