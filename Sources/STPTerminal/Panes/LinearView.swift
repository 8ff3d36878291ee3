import STPModel
import STPReport

/// The dashboard for screen readers and braille displays (`--linear`, and on TERM=dumb): the
/// screen as lines of plain text to be read in order, not cells to be looked at. No box
/// drawing, no half-blocks, no columns side by side: each table row is one sentence, the map is
/// its footprints by legend step with their figures, a chart is its numbers. The loop prints
/// only the lines a key changed (`LinearDiff`), so a reader hears what happened, once.
public enum LinearView {
  /// The mark before the selected row.
  public static let selectedMark = "> "

  /// Everything the screen shows now, as lines.
  public static func lines(_ s: AppState) -> [String] {
    // Whose view this is, first, read again when it changes (browsing, ended).
    let share =
      (s.session.following.map { [clean($0.status) + "."] } ?? [])
      + (s.session.sharing.map {
        ["Sharing '\(clean($0.name))': \($0.followers.count) following."]
      } ?? [])
    return share + screenLines(s)
  }

  static func screenLines(_ s: AppState) -> [String] {
    if let p = s.session.presentation {
      let slides = PresentationView.slides(s)
      guard slides.indices.contains(p.slide) else { return [] }
      guard !p.isBlank else { return ["The screen is blank; any key brings it back."] }
      let (title, figures) = PresentationView.headline(s, slides[p.slide])
      return ["Slide \(p.slide + 1) of \(slides.count): \(clean(title))"]
        + figures.map { clean($0.text) + " " + clean($0.label) }
    }
    if s.isHelpVisible {
      return ["Help (Esc closes it)"]
        + HelpOverlay.lines(s).map { label, text in
          label.isEmpty ? clean(text) : clean(label) + ": " + clean(text)
        }
    }
    let sorted = Screen.sortDescription(s).map { " · " + $0 } ?? ""
    var out = [
      clean(s.focused.tabTitle(s)) + " pane. " + clean(s.focused.coverage(s)) + sorted + "."
    ]
    let n = s.matchCount
    let matches = "\(n) match\(n == 1 ? "" : "es")"
    // While a filter or a command is typed, only the line being typed: the rows it leaves are
    // read when it is kept (Enter), not at every letter.
    if s.isEditingFilter {
      return out + [
        "Filter, typing: '\(clean(s.filter))', \(matches). Enter keeps it, Esc clears it."
      ]
    }
    if let line = s.command {
      return out + [":" + clean(line.text) + " (Enter runs it, Esc cancels)"]
    }
    if !s.filter.isEmpty { out.append("Filter '\(clean(s.filter))': \(matches).") }
    out += s.focused.linearLines(s)
    // A failed reload, as the banner says it: read once, when it happens.
    if let (summary, detail) = Screen.reloadFailure(s) {
      out.append(clean(summary) + ". " + clean(detail))
    }
    if let message = s.message { out.append(clean(message)) }
    return out
  }

  /// A table pane's rows as sentences (the same table `e` writes), the selected one marked.
  static func tableLines(_ s: AppState, _ view: ExportView?, selected: Int?) -> [String] {
    guard let view, let table = ViewExporter.table(view, dataset: s.dataset, metrics: s.metrics)
    else { return ["Nothing to show."] }
    var lines = table.sentences()
    if let i = selected, lines.indices.contains(i) { lines[i] = selectedMark + lines[i] }
    return lines
  }

  /// The map read out: each legend step with its footprints and their figures, then those
  /// unknown, then what the colours rest on.
  static func mapLines(_ s: AppState) -> [String] {
    let scale = MapScale.make(s, s.measure)
    let selected = s.selectedCode.flatMap { s.dataset.index(ofCode: $0) }
    let order = s.metrics.league(by: s.measure).map(\.footprint).filter { s.matches($0) }
    func names(_ step: Int?) -> String {
      order.filter { scale.step[$0] == step }.map { f in
        let fig = FigureText.text(s.metrics.figure(s.measure, footprint: f))
        return (f == selected ? "selected " : "") + clean(s.data.name(f)) + " (" + clean(fig) + ")"
      }.joined(separator: ", ")
    }
    var out = ["Map by \(s.measure.spec.mapTitle): \(clean(scale.basis))."]
    for (i, step) in scale.steps.enumerated() {
      out.append("\(clean(step.label)), \(step.count): \(names(i)).")
    }
    out.append("Unknown, \(scale.unknown): \(names(nil)).")
    return out
  }

  /// Text from files, cleaned for the terminal.
  static func clean(_ text: String) -> String { SafeText.forTerminal(text) }
}

/// What a key changed in the linear view: the lines to print once.
public enum LinearDiff {
  /// The lines of `next` that `previous` did not have; a selection that moved prints its new
  /// row alone (the row it left is not news). Everything when the pane or mode changed (the
  /// first line, its title, differs).
  public static func news(_ previous: [String], _ next: [String]) -> [String] {
    guard previous.first == next.first else { return next }
    let before = Set(previous)
    let mark = LinearView.selectedMark
    let unmarked = Set(
      previous.filter { $0.hasPrefix(mark) }.map { String($0.dropFirst(mark.count)) })
    return next.filter { line in
      !before.contains(line) && !unmarked.contains(line)
    }
  }
}

extension TablePane {
  func linearLines(_ s: AppState) -> [String] {
    LinearView.tableLines(s, exportView(s), selected: s.selectedIndex(in: s.rows(for: id)))
  }
}

extension MapPane {
  func linearLines(_ s: AppState) -> [String] { LinearView.mapLines(s) }
}

extension RegionsPane {
  func linearLines(_ s: AppState) -> [String] {
    LinearView.tableLines(s, exportView(s), selected: s[RegionsPane.self])
  }
}

extension DetailPane {
  /// The report's lines unwrapped, the line scrolled to marked: j and k read on.
  func linearLines(_ s: AppState) -> [String] {
    guard let d = s[DetailPane.self].subject else { return ["No STP selected."] }
    let lines = DetailView.layout(s, width: 100_000).map(\.text).map(LinearView.clean)
    return lines.enumerated().compactMap { i, line in
      let text = line.trimmingSpaces
      guard !text.isEmpty else { return nil }
      return i == d.scroll ? LinearView.selectedMark + text : text
    }
  }
}
