import STPModel
import STPReport

/// Draws the whole screen from the state: header, tabs, the focused pane, the status bar and,
/// when asked for, the help overlay. A pure function: no clock, no files, no terminal.
public enum Screen {
  /// The whole screen for the state: a pure function (no clock, no files).
  public static func render(_ s: AppState) -> Canvas {
    if s.session.isLinear {
      var c = Canvas(size: .zero, ascii: s.glyphs == .ascii)
      c.linearLines = LinearView.lines(s).map { c.isASCII ? ASCIIFold.fold($0) : $0 }
      return c
    }
    var c = Canvas(size: s.size, ascii: s.glyphs == .ascii)
    guard Layout.fits(s.size) else {
      tooSmall(s, &c)
      return c
    }
    if let p = s.session.presentation {
      PresentationView.render(s, p, on: &c)
      return c
    }
    let r = Layout.regions(s)
    header(s, r.header, &c)
    tabs(s, r.tabs, &c)
    banner(s, r.banner, &c)
    s.focused.render(s, in: r.pane, on: &c)
    status(s, r.status, &c)
    if s.isHelpVisible {
      HelpOverlay.render(s, on: &c)
    } else if r.tabs.height > 0 {
      c.tabRow = r.tabs.y
    }
    return c
  }

  static func tooSmall(_ s: AppState, _ c: inout Canvas) {
    let need = Layout.minimum
    let text =
      "Terminal too small: need \(need.width)x\(need.height) (now \(s.size.width)x\(s.size.height))"
    let lines = DetailView.wrap([(text, .warning)], width: max(1, s.size.width), indent: 0)
    let y0 = max(0, (s.size.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let w = DisplayWidth.of(line.text)
      c.put(line.text, at: Point(x: max(0, (s.size.width - w) / 2), y: y0 + i), role: .warning)
    }
  }

  static func header(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    var x = r.x + 1
    x += c.put("stp-dash", at: Point(x: x, y: r.y), role: .title, clip: r) + 2
    var parts = [s.dataset.origin, "\(s.dataset.footprints.count) STPs"]
    if let p = s.metrics.period {
      let rated = s.metrics.bands.compactMap { $0 }.count
      parts.append("\(rated) rated \(p)")
    }
    // The waves' national amounts overlap (waves 3 and 4 came out of the 2017 budgets' pot), so
    // they are listed, never added.
    let waves = s.dataset.nationalWaves.compactMap { w in
      w.nationalAmount.map { w.shortLabel + " " + Panes.money(s, $0) }
    }
    if !waves.isEmpty { parts.append("waves " + waves.joined(separator: ", ")) }
    c.put(
      parts.joined(separator: " · "), at: Point(x: x, y: r.y), width: r.maxX - x - 1, role: .text,
      clip: r)
  }

  /// While a reload has failed: that the data shown is the last good one, and the first error.
  /// What a failed reload says: a summary and its first problem; nil when the data is current.
  /// The banner and the linear mode say the same.
  static func reloadFailure(_ s: AppState) -> (summary: String, detail: String)? {
    guard let first = s.data.loadErrors.first else { return nil }
    let n = s.data.loadErrors.count
    let summary =
      "Not reloaded: \(n) error\(n == 1 ? "" : "s")\(s.data.failedAt.map { " at \($0)" } ?? "")"
      + " · showing the data loaded at \(s.data.loadedAt) · fixing the file reloads it"
    let detail = first.location + ": " + first.message + (n > 1 ? " (+\(n - 1) more)" : "")
    return (summary, detail)
  }

  static func banner(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    guard !r.isEmpty, let (summary, detail) = reloadFailure(s) else { return }
    c.fill(r, role: .banner)
    if r.height >= 2 {
      c.put(summary, at: Point(x: r.x + 1, y: r.y), width: r.width - 2, role: .banner, clip: r)
      c.put(detail, at: Point(x: r.x + 1, y: r.y + 1), width: r.width - 2, role: .banner, clip: r)
    } else {
      c.put(
        detail + " — showing data loaded at \(s.data.loadedAt)", at: Point(x: r.x + 1, y: r.y),
        width: r.width - 2, role: .banner, clip: r)
    }
  }

  static func tabs(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    for t in Layout.tabs(s) {
      c.put(
        t.label, at: Point(x: r.x + t.x, y: r.y), role: t.pane == s.pane ? .tabActive : .tab,
        clip: r)
    }
  }

  /// Hints in the order they are worth their room.
  static let hintOrder: [Action] = [
    .toggleHelp, .backOrQuit, .openDetail, .startFilter, .cycleMeasure, .togglePresentation,
    .sortNext, .focusNext,
  ]

  static func status(_ s: AppState, _ r: Rect, _ c: inout Canvas) {
    c.fill(r, role: .statusBar)
    var left: String
    var leftRole = Role.statusBar
    if let line = s.command {
      let choices = Commands.hint(line, s)
      left =
        ":" + line.text + (s.glyphs == .ascii ? "_" : "▏") + (choices.isEmpty ? "" : "  " + choices)
        + " · Tab completes"
        + (s.session.commandHistory.isEmpty ? "" : " · \(s.glyphs == .ascii ? "Up" : "↑") earlier")
        + " · Enter runs · Esc cancels"
      leftRole = .filter
    } else if s.isEditingFilter {
      let n = s.matchCount
      let unknown =
        s.filterQuery.unknownFields.first.map {
          " · no field '\($0):' (" + FilterQuery.fields.joined(separator: " ") + ")"
        } ?? ""
      left =
        "/" + s.filter + (s.glyphs == .ascii ? "_" : "▏") + " \(n) match\(n == 1 ? "" : "es")"
        + unknown + " · Enter keeps · Esc clears"
      leftRole = .filter
    } else if let m = s.message {
      left = m
      leftRole = .warning
    } else {
      var parts = [s.focused.coverage(s)]
      // Whom this screen follows, or who follows it, first: it says whose view this is.
      if let f = s.session.following { parts.insert(f.status, at: 0) }
      if let sh = s.session.sharing {
        let n = sh.followers.count
        parts.insert(
          "sharing '\(sh.name)': "
            + (n == 0
              ? "no one follows yet" : "\(n) following: " + sh.followers.joined(separator: ", ")),
          at: 0)
      }
      if !s.filter.isEmpty {
        let n = s.matchCount
        parts.append("filter '\(s.filter)': \(n) (n/N, Esc clears)")
      }
      if let sorted = sortDescription(s) { parts.append(sorted) }
      if !s.data.warnings.isEmpty {
        parts.append("\(s.data.warnings.count) warning\(s.data.warnings.count == 1 ? "" : "s")")
      }
      if let t = s.data.reloading, t >= 0.2 {
        parts.append("reloading… \(Int(t * 10) / 10).\(Int(t * 10) % 10) s (keys still work)")
      } else {
        parts.append("loaded \(s.data.loadedAt)")
      }
      left = parts.joined(separator: " · ")
    }
    // Hints from the key maps, chosen in order of worth (the first two always get their room),
    // shown in reading order: what to do first, help and quit last.
    var available: [(action: Action, key: String, help: String)] = []
    // The pane's own hinted keys (Charts' `v`, Compare's `x`) come after help, back, Enter, /.
    let own =
      s.mode == .normal
      ? s.focused.keyMap.bindings.filter { $0.isHint && !hintOrder.contains($0.action) }
        .map(\.action) : []
    let order = Array(hintOrder.prefix(4)) + own + hintOrder.dropFirst(4)
    // Once, not per hint: the global map is built from the panes on each call (6% of render
    // time when it was asked for each of the hints).
    let maps = s.keyMaps
    // The bindings read in place, the hint flag first: `first(where:)` copied every binding it
    // passed (its keys, texts and action), 3% of a frame's instructions.
    for action in s.isCleanSlide ? [] : order {
      search: for map in maps {
        let bindings = map.bindings
        for i in bindings.indices where bindings[i].isHint && bindings[i].action == action {
          // q says what it does here: back from Detail, quit at the top.
          let help =
            action == .backOrQuit
            ? (s.isTopLevel(s.pane) && s.history.isEmpty ? "quit" : "back") : bindings[i].hintText
          available.append((action, bindings[i].keys[0].label, help))
          break search
        }
      }
    }
    func width<C: Collection>(_ h: C) -> Int
    where C.Element == (action: Action, key: String, help: String) {
      h.reduce(0) { $0 + DisplayWidth.of($1.key) + DisplayWidth.of($1.help) + 3 }
    }
    let room = r.width - 2
    let leftWidth = DisplayWidth.of(left)
    // The first two always; then each in order of worth that still fits.
    var chosen = Array(available.prefix(2))
    var chosenWidth = width(chosen)
    for h in available.dropFirst(2) {
      let w = width(CollectionOfOne(h))
      guard leftWidth + 2 + chosenWidth + w <= room else { continue }
      chosen.append(h)
      chosenWidth += w
    }
    let readingOrder: [Action] = [
      .openDetail, .startFilter, .cycleMeasure, .sortNext, .togglePresentation, .focusNext,
      .toggleHelp, .backOrQuit,
    ]
    // Each hint's place found once (comparing actions copies their payloads), ties kept in order.
    let hints = chosen.enumerated()
      .map {
        (rank: readingOrder.firstIndex(of: $0.element.action) ?? 0, i: $0.offset, h: $0.element)
      }
      .sorted { ($0.rank, $0.i) < ($1.rank, $1.i) }
      .map(\.h)
    let leftRoom = max(0, room - chosenWidth - 1)
    c.put(
      left, at: Point(x: r.x + 1, y: r.y), width: min(leftRoom, max(leftWidth, 1)), role: leftRole,
      clip: r)
    var hx = r.maxX - chosenWidth
    for h in hints {
      hx += c.put(h.key, at: Point(x: hx, y: r.y), role: .statusKey, clip: r) + 1
      hx += c.put(h.help, at: Point(x: hx, y: r.y), role: .statusBar, clip: r) + 2
    }
  }

  static func sortDescription(_ s: AppState) -> String? {
    guard s.isList(s.pane) else { return nil }
    let sort = s.table(s.pane).sort
    let arrow = sort.isDescending ? s.glyphs.sortDescending : s.glyphs.sortAscending
    // The pane's columns only when a column is sorted: building them costs a ranking per frame.
    if let col = sort.column {
      let columns = s.tablePane(s.pane)?.columns(s) ?? []
      if col < columns.count {
        return "sorted by \(columns[col].title.isEmpty ? "bar" : columns[col].title) \(arrow)"
      }
    }
    let by = s.pane == .league ? s.measure.rawValue : s.rankMeasure(s.pane).rawValue
    return sort.isDescending ? "ranked by \(by), reversed" : "ranked by \(by)"
  }
}

/// The `?` overlay: the bindings of the focused pane and the global ones, from the key maps.
enum HelpOverlay {
  /// How far the help scrolls at this size: its rows per column less the rows the box shows.
  static func maxScroll(_ s: AppState) -> Int {
    let g = geometry(s, lines(s))
    return max(0, g.perColumn - (g.boxHeight - 2))
  }

  static func geometry(_ s: AppState, _ lines: [(String, String)]) -> (
    columnWidth: Int, keyWidth: Int, twoColumns: Bool, perColumn: Int, boxWidth: Int, boxHeight: Int
  ) {
    let keyWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
    let textWidth = lines.map { DisplayWidth.of($0.1) }.max() ?? 0
    let columnWidth = keyWidth + textWidth + 4
    // One column when it fits the height, else two side by side.
    let maxInner = max(1, s.size.height - 4)
    let twoColumns = lines.count > maxInner && 2 * columnWidth + 4 <= s.size.width - 2
    let perColumn = twoColumns ? (lines.count + 1) / 2 : lines.count
    let boxWidth = min(s.size.width - 2, (twoColumns ? 2 * columnWidth + 1 : columnWidth) + 2)
    let boxHeight = min(s.size.height - 2, perColumn + 2)
    return (columnWidth, keyWidth, twoColumns, perColumn, boxWidth, boxHeight)
  }

  /// Every line of help: the key maps in force under the overlay, abbreviations, symbols.
  static func lines(_ s: AppState) -> [(String, String)] {
    var lines: [(String, String)] = []
    // The keys of the pane under the overlay, from the same maps the keys go through.
    var under = s
    under.isHelpVisible = false
    for map in under.keyMaps where !map.bindings.isEmpty {
      lines.append(("", map.title))
      for b in map.bindings { lines.append((b.keyLabel, b.help)) }
      lines.append(("", ""))
    }
    // Abbreviated headings of the table under the overlay, in full.
    let abbreviated = (s.tablePane(s.pane)?.columns(s) ?? []).filter {
      $0.longTitle != nil && $0.longTitle != $0.title
    }
    if s.isList(s.pane) && !abbreviated.isEmpty {
      lines.append(("", "Columns"))
      for c in abbreviated { lines.append((c.title, c.longTitle ?? "")) }
      lines.append(("", ""))
    }
    let notes = s.focused.helpNotes(s)
    if !notes.isEmpty { lines += notes + [("", "")] }
    lines.append(("", "Symbols"))
    for (symbol, meaning) in Legend.symbols {
      lines.append((symbol == "★" ? s.glyphs.spotlight : symbol, meaning))
    }
    lines.append(("", ""))
    lines.append(("", "Words"))
    for (word, meaning) in Legend.words {
      lines.append((word, meaning))
    }
    return lines
  }

  static func render(_ s: AppState, on c: inout Canvas) {
    let lines = lines(s)
    let (columnWidth, keyWidth, _, perColumn, boxWidth, boxHeight) = geometry(s, lines)
    let r = Rect(
      x: (s.size.width - boxWidth) / 2, y: (s.size.height - boxHeight) / 2,
      width: boxWidth, height: boxHeight)
    guard r.width >= 4, r.height >= 3 else { return }
    c.fill(r, role: .overlay)
    let g = s.glyphs
    for x in (r.x + 1)..<(r.maxX - 1) {
      c.put(String(g.horizontal), at: Point(x: x, y: r.y), role: .overlay)
      c.put(String(g.horizontal), at: Point(x: x, y: r.maxY - 1), role: .overlay)
    }
    for y in (r.y + 1)..<(r.maxY - 1) {
      c.put(String(g.vertical), at: Point(x: r.x, y: y), role: .overlay)
      c.put(String(g.vertical), at: Point(x: r.maxX - 1, y: y), role: .overlay)
    }
    c.put(String(g.topLeft), at: Point(x: r.x, y: r.y), role: .overlay)
    c.put(String(g.topRight), at: Point(x: r.maxX - 1, y: r.y), role: .overlay)
    c.put(String(g.bottomLeft), at: Point(x: r.x, y: r.maxY - 1), role: .overlay)
    c.put(String(g.bottomRight), at: Point(x: r.maxX - 1, y: r.maxY - 1), role: .overlay)
    c.put(" Help — Esc closes ", at: Point(x: r.x + 2, y: r.y), role: .overlayKey, clip: r)
    let watching =
      s.data.directory == nil
      ? "embedded data" : (s.data.isWatching ? "watching files" : "not watching (--no-watch)")
    let colours = s.session.colorDescription.isEmpty ? "" : " · \(s.session.colorDescription)"
    let footer =
      " theme \(s.session.themeName)\(colours) · \(watching) · mouse \(s.session.isMouseEnabled ? "on" : "off") "
    c.put(
      DisplayWidth.truncate(footer, to: max(0, r.width - 4)), at: Point(x: r.x + 2, y: r.maxY - 1),
      role: .overlay, clip: r)
    let inner = r.inset(by: 1)
    // Taller than the box: j/k scroll it, and the frame says there is more.
    let top = min(s.helpScroll, max(0, perColumn - inner.height))
    if top > 0 { c.put(g.up, at: Point(x: r.maxX - 2, y: r.y), role: .overlayKey, clip: r) }
    if top + inner.height < perColumn {
      c.put(
        " \(g.down) more: j ", at: Point(x: r.maxX - 12, y: r.maxY - 1), role: .overlayKey, clip: r)
    }
    for (i, (key, text)) in lines.enumerated() {
      let col = i / max(1, perColumn)
      let y = inner.y + i % max(1, perColumn) - top
      let x0 = inner.x + 1 + col * (columnWidth + 1)
      guard y >= inner.y, y < inner.maxY else { continue }
      if key.isEmpty {
        c.put(text, at: Point(x: x0, y: y), role: .overlayKey, clip: inner)
      } else {
        c.put(key, at: Point(x: x0, y: y), role: .overlayKey, clip: inner)
        c.put(text, at: Point(x: x0 + keyWidth + 2, y: y), role: .overlay, clip: inner)
      }
    }
  }
}
