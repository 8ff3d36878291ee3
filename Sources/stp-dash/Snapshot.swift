import STPModel
import STPReport
import STPTerminal
import STPThemes

struct Snapshot: Command {
  static let spec = CommandSpec(
    name: "snapshot",
    abstract:
      "Print exactly what a dashboard screen would show, without a terminal (for slides, emails).",
    options: [
      DataOptions.option,
      .option(
        "pane", "pane",
        "league, partners, funding, map, compare, regions, charts, detail:CODE-OR-NAME, or present (the presentation slides' first)."
      ),
      .option(
        "stp", "code-or-name",
        "An STP: the selection (map, charts), or one of those compared (--pane compare; give it up to six times)."
      ),
      .option(
        "chart", "chart", "For --pane charts: ranges, scatter, timeline or designations.",
        choices: ChartName.allCases.map(\.rawValue)),
      .option(
        "x", "measure", "For --chart scatter: the measure across.",
        choices: Measure.allCases.map(\.rawValue)),
      .option(
        "y", "measure", "For --chart scatter: the measure up.",
        choices: Measure.allCases.map(\.rawValue)),
      .option("size", "WxH", "Screen size, e.g. 120x40."),
      .option(
        "format", "format",
        "text; ansi (with colours and attributes); svg or html (for slides, in the theme's colours).",
        choices: SnapshotFormat.allCases.map(\.rawValue)),
      .option("theme", "name|path", "Theme for --format ansi (a name or a file)."),
      measureOption,
      .flag("ascii", "Plain ASCII."),
      OptionSpec(name: "loaded-at", value: "time", help: "", hidden: true),
    ])

  let source: DataOptions
  let pane: String
  let size: String
  let format: SnapshotFormat
  let theme: String
  let by: Measure
  let ascii: Bool
  let loadedAt: String?
  let stps: [String]
  let chart: ChartName?
  let x: Measure?
  let y: Measure?

  /// The charts `--chart` names, in the pane's order (`v`).
  enum ChartName: String, CaseIterable { case ranges, scatter, timeline, designations }

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    pane = p.value("pane") ?? "league"
    size = p.value("size") ?? "120x40"
    format = p.choice("format", default: .text)
    theme = p.value("theme") ?? "default"
    by = p.choice("by", default: .band)
    ascii = p.flag("ascii")
    loadedAt = p.value("loaded-at")
    stps = p.all("stp")
    chart = p.value("chart").flatMap(ChartName.init(rawValue:))
    x = p.value("x").flatMap(Measure.init(rawValue:))
    y = p.value("y").flatMap(Measure.init(rawValue:))
  }

  enum SnapshotFormat: String, CaseIterable { case text, ansi, svg, html }

  /// The panes --pane names: every pane but Detail (which takes detail:CODE).
  static var paneNames: String {
    PaneRegistry.standard.panes.filter { $0.id != .detail }.map(\.id.name).joined(separator: ", ")
  }

  func run() throws {
    let parts = size.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w),
      (1...1000).contains(h)
    else {
      throw UsageFailure(
        message: "stp-dash: --size takes WIDTHxHEIGHT from 1x1 to 1000x1000, e.g. 120x40")
    }
    // Too small to draw the panes: say so and fail, rather than print a screen that says it.
    guard Layout.fits(Size(width: w, height: h)) else {
      throw UsageFailure(
        message: "stp-dash: \(w)x\(h) is too small for the panes: need at least "
          + "\(Layout.minimum.width)x\(Layout.minimum.height)")
    }
    let chosen = try chooseTheme(theme)
    let loaded = try source.load()
    var state = AppState(
      dataset: loaded.dataset, metrics: loaded.metrics, warnings: loaded.warnings,
      loadedAt: loadedAt ?? clockTime(),
      size: Size(width: w, height: h), glyphs: ascii || OutputMode.ascii ? .ascii : .unicode,
      themeNames: [theme])
    state.measure = by
    // Plain text has no colour: the map shows values as shading, as the mono theme does.
    state.session.shadedThemes = chosen.isMonochrome || format == .text ? [theme] : []
    state.session.alternateBorders = [
      theme: chosen.alternateBorderRoles(depth: format == .ansi ? .c256 : .direct)
    ]
    // The STPs named: the first is the selection; for compare, each is added in turn.
    let chosenSTPs = try stps.map { try findSTP($0, in: state.dataset) }
    if let first = chosenSTPs.first { state.selectedCode = state.dataset.footprints[first].code }
    if pane.lowercased() == "compare" {
      guard chosenSTPs.count <= CompareReport.limit else {
        throw UsageFailure(message: "stp-dash: compare takes up to \(CompareReport.limit) STPs")
      }
      for f in chosenSTPs {
        state.selectedCode = state.dataset.footprints[f].code
        _ = reduce(&state, .toggleCompare)
      }
    }
    if let chart {
      state.chart.view =
        ChartView(rawValue: ChartName.allCases.firstIndex(of: chart) ?? 0) ?? .ranges
    }
    if let x { state.chart.x = x }
    if let y { state.chart.y = y }
    let name = pane.lowercased()
    switch name {
    case "present", "presentation": _ = reduce(&state, .togglePresentation)
    case _ where !name.hasPrefix("detail:"):
      guard let p = state.panes.find(name), p.id != .detail else {
        throw UsageFailure(
          message: "stp-dash: unknown pane '\(pane)' (\(Self.paneNames), detail:CODE, present)")
      }
      _ = reduce(&state, .focus(p.id))
    default:
      let f = try findSTP(String(pane.dropFirst("detail:".count)), in: state.dataset)
      state.selectedCode = state.dataset.footprints[f].code
      _ = reduce(&state, .openDetail)
    }
    let canvas = Screen.render(state)
    switch format {
    case .text:
      writeStdout(canvas.lines.map { $0.trailingSpacesRemoved() }.joined(separator: "\n") + "\n")
    case .ansi:
      writeStdout(ANSIText.render(canvas, theme: chosen, depth: .c256))
    case .svg:
      writeStdout(
        ScreenExport.svg(
          canvas, theme: chosen, colour: !chosen.isMonochrome, title: "stp-dash: \(pane)"))
    case .html:
      writeStdout(
        ScreenExport.html(
          canvas, theme: chosen, colour: !chosen.isMonochrome, title: "stp-dash: \(pane)"))
    }
  }
}

extension String {
  func trailingSpacesRemoved() -> String {
    var s = Substring(self)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

/// A theme by name or path, for the batch commands; a usage error when there is none.
func chooseTheme(_ name: String) throws -> Theme {
  var catalog = ThemeCatalog()
  switch catalog.select(name) {
  case .success(let i): return catalog.theme(i)
  case .failure(let e): throw UsageFailure(message: "stp-dash: \(e)")
  }
}

/// The one STP a code or name picks out; a usage error naming the candidates otherwise.
/// The STP a command's words name, or every STP when they name none.
func footprints(_ query: [String], in d: Dataset) throws -> [Int] {
  query.isEmpty ? Array(d.footprints.indices) : [try findSTP(query.joined(separator: " "), in: d)]
}

func findSTP(_ query: String, in d: Dataset) throws -> Int {
  switch ShowReport.find(query, in: d) {
  case .success(let f): return f
  case .failure(.notFound): throw UsageFailure(message: "stp-dash: no STP matches '\(query)'")
  case .failure(.ambiguous(let candidates)):
    throw UsageFailure(
      message: "stp-dash: '\(query)' matches \(candidates.count) STPs: "
        + candidates.map { d.footprints[$0].name }.joined(separator: ", "))
  }
}
