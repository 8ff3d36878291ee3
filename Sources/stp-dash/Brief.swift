import STPModel
import STPPlatform
import STPReport
import STPTerminal

/// `stp-dash brief STP`: one STP on one A4 page for a board paper: the band and positions,
/// funding by wave, per head, breadth, councils, ageing, designations (Detail's report, each
/// figure with its qualifier), a locator map, the region's STPs side by side, what is unknown,
/// and every figure's source as a numbered footnote with its link.
struct Brief: Command {
  static let spec = CommandSpec(
    name: "brief",
    abstract: "One STP on one printed A4 page: figures, sources as footnotes, a locator map.",
    discussion: """
      HTML (the default) prints on one A4 page (print CSS) and holds everything itself: no fonts, \
      scripts or requests. Markdown gives the same content to paste into a paper, the map left out.
      """,
    options: [
      DataOptions.option,
      .option("format", "format", "html or md.", choices: ["html", "md"]),
    ],
    argument: ArgumentSpec(name: "code-or-name", help: "The STP.", variadic: true))

  let source: DataOptions
  let format: String
  let query: String

  init(_ p: ParsedCommand) throws(UsageFailure) {
    source = DataOptions(p)
    format = p.value("format") ?? "html"
    query = p.words.joined(separator: " ")
    guard !query.isEmpty else {
      throw UsageFailure(message: "stp-dash: error: brief needs an STP, by code or name")
    }
  }

  func run() throws {
    let loaded = try source.load()
    let d = loaded.dataset
    let f = try findSTP(query, in: d)
    var s = AppState(
      dataset: d, metrics: loaded.metrics, loadedAt: "", size: Size(width: 120, height: 40))
    s.selectedCode = d.footprints[f].code
    let brief = BriefContent(s, footprint: f, origin: source.directoryName)
    writeStdout(format == "md" ? brief.markdown() : brief.html())
  }
}

/// `stp-dash report`: the whole dataset as one accessible HTML page for publishing: the
/// league, maps with their text alternatives, breadth, funding, regions and every source.
struct Report: Command {
  static let spec = CommandSpec(
    name: "report",
    abstract: "The whole dataset as one accessible HTML page: tables, maps in words, sources.",
    discussion: """
      One self-contained file (no fonts, scripts or requests): headings, tables with captions \
      and headers, the vector maps with their text alternatives, every source as a link. Meets \
      WCAG 2.2 AA as checked by axe-core in Chromium (scripts/paper-check.py).
      """,
    options: [
      DataOptions.option,
      .option("format", "format", "html (the only format).", choices: ["html"]),
    ])

  let source: DataOptions

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
  }

  func run() throws {
    let loaded = try source.load()
    let s = AppState(
      dataset: loaded.dataset, metrics: loaded.metrics, loadedAt: "",
      size: Size(width: 120, height: 40))
    writeStdout(DatasetReport.html(s, origin: source.directoryName))
  }
}
