import STPModel
import STPPlatform
import STPReport
import STPTerminal
import STPThemes

/// `stp-dash map`: the map of a measure, with its legend, printed once: in colour to a
/// terminal, as shading to a file or pipe.
struct MapCommand: Command {
  static let spec = CommandSpec(
    name: "map",
    abstract: "Print the map of England's STP footprints coloured by a measure, with its legend.",
    discussion: """
      To a terminal: in colour (half-blocks), at the terminal's size. To a file or pipe, or with \
      --format text: values as shading density (· ░ ▒ ▓ █, ? unknown), 100x40 unless --size says. \
      --format svg draws the footprints as paths from their shapes, with the same bins and legend, \
      unknown values hatched, London in an inset and each footprint's name and figure in its \
      <title>; --format html puts it on a page with the map in words. \
      Boundaries: ONS, Open Government Licence v3.0; contains OS data © Crown copyright.
      """,
    options: [
      DataOptions.option, measureOption,
      .option("size", "WxH", "Size, e.g. 120x40 (default: the terminal's, or 100x40)."),
      .option(
        "format", "format",
        "ansi (colours), text (shading), svg (a vector map for papers) or html (the vector map with its text alternative); default ansi to a terminal.",
        choices: ["ansi", "text", "svg", "html"]),
      .option("theme", "name|path", "Theme for the colours (a name or a file)."),
      .option("select", "code|name", "Highlight one STP and name its value."),
      .option(
        "layer", "stp|icb",
        "stp: the footprints of April 2017 (default); icb: the ICBs of July 2022, shaded by the share of the --select STP's people each took, its 2017 footprint outlined (ansi or text).",
        choices: ["stp", "icb"]),
      .flag("ascii", "Plain ASCII."),
    ])

  let source: DataOptions
  let by: Measure
  let size: String?
  let format: String?
  let theme: String
  let select: String?
  let ascii: Bool
  let byICB: Bool

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    by = p.choice("by", default: .band)
    size = p.value("size")
    format = p.value("format")
    theme = p.value("theme") ?? "default"
    select = p.value("select")
    ascii = p.flag("ascii")
    byICB = p.value("layer") == "icb"
  }

  func run() throws {
    let toTerminal = isatty(1) == 1
    let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
    let colour = (format ?? (toTerminal && !noColor ? "ansi" : "text")) == "ansi"
    let (w, h) = try dimensions(toTerminal)
    let chosen = try chooseTheme(theme)
    let loaded = try source.load()
    var state = AppState(
      dataset: loaded.dataset, metrics: loaded.metrics, loadedAt: "",
      size: Size(width: w, height: h),
      glyphs: ascii || OutputMode.ascii ? .ascii : .unicode, themeNames: [theme])
    state.measure = by
    state.session.shadedThemes = chosen.isMonochrome || !colour ? [theme] : []
    state.session.alternateBorders = [theme: chosen.alternateBorderRoles(depth: .c256)]
    state.selectedCode = nil
    if let select {
      state.selectedCode = state.dataset.footprints[try findSTP(select, in: state.dataset)].code
    }
    if byICB {
      guard format != "svg" && format != "html" else {
        throw UsageFailure(
          message:
            "stp-dash: error: --layer icb draws in the terminal (--format ansi or text); the SVG map is of the 2017 footprints"
        )
      }
      guard state.showsICBLayer(true) else {
        throw UsageFailure(
          message: "stp-dash: error: no successors in the data (lineage.csv): no ICB layer")
      }
    }
    if format == "svg" || format == "html" {
      // Papers: every colour as the theme writes it (a page shows them all).
      state.session.glyphs = .unicode
      writeStdout(
        format == "svg"
          ? VectorMap.svg(state, measure: by, theme: chosen)
          : VectorMap.html(state, measure: by, theme: chosen))
      return
    }
    var canvas = Canvas(size: Size(width: w, height: h), ascii: state.glyphs == .ascii)
    state.refreshCaches()
    PaneRegistry.standard[.map]?.render(state, in: Rect(canvas.size), on: &canvas)
    if colour {
      writeStdout(ANSIText.render(canvas, theme: chosen, depth: .c256))
    } else {
      writeStdout(canvas.lines.map { $0.trailingSpacesRemoved() }.joined(separator: "\n") + "\n")
    }
  }

  /// --size, else the terminal's, else 100x40.
  func dimensions(_ toTerminal: Bool) throws -> (Int, Int) {
    if let size {
      let parts = size.lowercased().split(separator: "x")
      guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (20...1000).contains(w),
        (5...1000).contains(h)
      else {
        throw UsageFailure(
          message: "stp-dash: --size takes WIDTHxHEIGHT from 20x5 to 1000x1000, e.g. 120x40")
      }
      return (w, h)
    }
    var ws = winsize()
    if toTerminal, ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col >= 20, ws.ws_row >= 5 {
      return (Int(ws.ws_col), Int(ws.ws_row) - 1)  // a row for the prompt after it
    }
    return (100, 40)
  }
}
