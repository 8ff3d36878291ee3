import STPModel
import STPReport

/// Applies one action to the state: the only place state changes. Work on the outside world
/// comes back as effects.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
  let wasRunning = state.session.presentation?.isRunning == true
  var effects = apply(&state, action)
  relayoutDetail(&state)
  // The slide countdown ticks each second while a cycle runs: started when it starts, again
  // after each tick, dropped when it pauses, blanks or ends.
  let running = state.session.presentation?.isRunning == true
  if running && (!wasRunning || action == .presentationTick) {
    effects.append(.after(1, .presentationTick, key: TimerKey.presentation))
  } else if wasRunning && !running {
    effects.append(.cancel(TimerKey.presentation))
  }
  return effects
}

/// The keys of the timers the reducer asks for.
public enum TimerKey {
  public static let presentation = "presentation"
  public static let changeMarks = "change-marks"
  /// How long rows changed by a reload stay marked, in seconds.
  public static let changeMarkSeconds = 3.0
}

/// Keeps the detail pane's layout for the current width (after an open, a resize or a reload).
func relayoutDetail(_ state: inout AppState) {
  guard let d = state.detail else { return }
  let width = Layout.regions(state).pane.width
  guard d.width != width || d.lines.isEmpty else { return }
  let lines = DetailView.layout(state, width: width)
  state.detail?.lines = lines
  state.detail?.width = width
}

private func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
  if action != .redraw { state.message = nil }
  // The focused pane's own actions first (the league's measure, …).
  if let effects = state.focused.reduce(&state, action) {
    ensureVisible(&state)
    return effects
  }
  switch action {
  case .quit:
    state.isFinished = true
  case .backOrQuit:
    // Back one level; quit only at the top (a list pane, no overlay).
    if state.isHelpVisible {
      state.isHelpVisible = false
    } else if state.session.presentation != nil {
      return apply(&state, .togglePresentation)
    } else if !state.isTopLevel(state.pane) && state.pane != state.previousPane,
      state.panes[state.previousPane] != nil
    {
      state.pane = state.previousPane
      ensureVisible(&state)
    } else if goBack(&state) {
      ensureVisible(&state)
    } else {
      state.isFinished = true
    }
  case .unbound(let key):
    state.message = "\(key.label): not a key here, ? for help"
  case .scrollColumns(let by):
    guard state.isList(state.pane) else { break }
    let width = Layout.regions(state).pane.width
    let columns = state.tablePane(state.pane)?.columns(state) ?? []
    let maxOffset = TableView.maxColumnOffset(columns, width: width)
    let now = state.table(state.pane).columnOffset
    let next = min(max(0, now + by), maxOffset)
    if next == now {
      state.message =
        maxOffset == 0
        ? "every column is on screen"
        : (by > 0 ? "no more columns to the right" : "at the first column")
    }
    state.tables[state.pane, default: TableState()].columnOffset = next
  case .startCommand:
    state.command = CommandLineState()
  case .commandInput(let c):
    state.command?.text.append(c)
    state.command?.cycle = nil
  case .commandBackspace:
    if state.command?.text.isEmpty == true {
      state.command = nil  // backspace on an empty line closes it, as in vim
    } else {
      state.command?.text.removeLast()
      state.command?.cycle = nil
    }
  case .commandComplete:
    if var line = state.command {
      Commands.complete(&line, state)
      state.command = line
    }
  case .commandRecall(let by):
    state.command?.recall(by: by, in: state.session.commandHistory)
  case .commandCancel:
    state.command = nil
  case .commandRun:
    let text = state.command?.text ?? ""
    state.command = nil
    state.session.commandHistory = CommandLineState.remembering(
      text, in: state.session.commandHistory)
    var effects: [Effect] = []
    for next in Commands.run(text, &state) { effects += apply(&state, next) }
    ensureVisible(&state)
    return effects
  case .copySource(let withValue):
    guard let (text, what) = copyText(state, withValue: withValue) else {
      state.message = "nothing to copy here"
      break
    }
    state.message = "copied \(what) to the clipboard (OSC 52)"
    return [.copy(text)]
  case .focus(let p):
    focus(&state, p)
  case .focusNext, .focusPrevious:
    let ids = state.panes.ids
    let i = state.panes.index(of: state.pane) ?? 0
    focus(&state, ids[(i + (action == .focusNext ? 1 : ids.count - 1)) % ids.count])
  case .moveSelection(let by):
    if state.pane == .detail { scrollDetail(&state, by: by) } else { moveSelection(&state, by: by) }
  case .movePage(let by):
    let page = max(1, Layout.bodyRows(state) - 1)
    if state.pane == .detail {
      scrollDetail(&state, by: by * page)
    } else {
      moveSelection(&state, by: by * page)
    }
  case .moveToTop:
    if state.pane == .detail {
      scrollDetail(&state, by: Int.min / 2)
    } else {
      moveSelection(&state, by: Int.min / 2)
    }
  case .moveToBottom:
    if state.pane == .detail {
      scrollDetail(&state, by: Int.max / 2)
    } else {
      moveSelection(&state, by: Int.max / 2)
    }
  case .scroll(let by) where state.isHelpVisible:
    // Clamped when drawn, so the overlay never scrolls past its last line.
    state.helpScroll = max(
      0,
      min(state.helpScroll.addingReportingOverflow(by).partialValue, HelpOverlay.maxScroll(state)))
  case .scroll(let by):
    if !state.isList(state.pane) {
      scrollDetail(&state, by: by)
    } else {
      let rows = state.rows(for: state.pane)
      let top = (state.table(state.pane).top) + by
      state.tables[state.pane, default: TableState()].top = clampTop(
        top, rows: rows.count, visible: Layout.bodyRows(state))
    }
  case .openDetail:
    openDetail(&state)
  case .back:
    if state.isHelpVisible {
      state.isHelpVisible = false
    } else if state.isEditingFilter || !state.filter.isEmpty {
      clearFilter(&state)
    } else if !state.isTopLevel(state.pane) {
      state.pane = state.previousPane
      ensureVisible(&state)
    } else if goBack(&state) {
      ensureVisible(&state)
    }
  case .startFilter:
    state.isEditingFilter = true
  case .filterInput(let c):
    state.filter.append(c)
    afterFilterChange(&state)
  case .filterBackspace:
    if !state.filter.isEmpty { state.filter.removeLast() }
    afterFilterChange(&state)
  case .commitFilter:
    state.isEditingFilter = false
    if state.filter.isEmpty { break }
    if state.isList(state.pane) && state.rows(for: state.pane).isEmpty {
      state.message = "no STP matches '\(state.filter)'"
    }
  case .clearFilter:
    clearFilter(&state)
  case .nextMatch, .previousMatch:
    jumpToMatch(&state, forward: action == .nextMatch)
  case .sortNext, .sortReverse, .sortPrevious:
    guard state.isList(state.pane) else {
      state.message = "the detail pane is not sorted"
      break
    }
    let columns = state.tablePane(state.pane)?.columns(state) ?? []
    let sortable = columns.indices.filter { columns[$0].sortKey != nil }
    var s = state.table(state.pane).sort
    if action == .sortReverse {
      s.isDescending.toggle()
    } else if action == .sortPrevious {
      // Rank order sits before the first column, as in htop's "<".
      if let c = s.column, let i = sortable.firstIndex(of: c) {
        s = SortState(column: i > 0 ? sortable[i - 1] : nil)
      } else {
        s = SortState(column: sortable.last)
      }
    } else if let c = s.column, let i = sortable.firstIndex(of: c) {
      s = SortState(column: i + 1 < sortable.count ? sortable[i + 1] : nil)
    } else {
      s = SortState(column: sortable.first)
    }
    state.tables[state.pane, default: TableState()].sort = s
    ensureVisible(&state)
  case .cycleMeasure:
    state.message = "m: not a key here, ? for help"
  case .moveOnMap, .chart:
    break
  case .toggleHelp:
    state.isHelpVisible.toggle()
    state.helpScroll = 0
  case .resize(let size):
    state.size = size
    ensureVisible(&state)
    // Growing shows as many rows above the selection as fit, rather than keeping a scroll that a
    // smaller size forced.
    if state.isList(state.pane), let i = state.selectedIndex(in: state.rows(for: state.pane)) {
      let top = state.table(state.pane).top
      state.tables[state.pane, default: TableState()].top = min(
        top, max(0, i - Layout.bodyRows(state) + 1))
    }
    if let d = state.detail {
      let newScroll = clampDetail(state, d.scroll)
      state.detail?.scroll = newScroll
    }
  case .click(let p):
    click(&state, p)
  case .redraw:
    return [.repaint]
  case .reload:
    guard state.data.directory != nil else {
      state.message = "the embedded data cannot change; start with --data DIR to reload a directory"
      break
    }
    return [.reload]
  case .dataLoaded(let update):
    state.data.reloading = nil
    return applyReload(&state, update)
  case .reloadProgress(let seconds):
    state.data.reloading = seconds
  case .dataSpilled(let spilled):
    // Only while the same data is shown (it always is: one reload at a time).
    if spilled.dataset.footprints.map(\.code) == state.dataset.footprints.map(\.code) {
      state.data.dataset = spilled.dataset
      // The metrics cite the data's rows: they move to the spilled text too, so the old text is
      // freed (the figures are the same).
      state.data.metrics = state.data.metrics.replacingData(spilled.dataset)
    }
  case .clearChangeMarks:
    state.data.changedCodes = []
  case .togglePresentation:
    state.session.presentation =
      state.session.presentation == nil
      ? PresentationState(cycleSeconds: state.session.cycleSeconds) : nil
    state.isHelpVisible = false
    return [.repaint]
  case .presentNext, .presentPrevious:
    guard var p = state.session.presentation else { break }
    let count = PresentationView.slides(state).count
    p.slide = (p.slide + (action == .presentNext ? 1 : count - 1)) % count
    p.isPaused = true
    p.isBlank = false
    p.secondsLeft = p.cycleSeconds
    state.session.presentation = p
  case .toggleBlank:
    state.session.presentation?.isBlank.toggle()
  case .resumeCycle:
    state.session.presentation?.isPaused = false
    state.session.presentation?.isBlank = false
  case .presentationTick:
    guard var p = state.session.presentation, p.isRunning else { break }
    p.secondsLeft -= 1
    if p.secondsLeft <= 0 {
      p.slide = (p.slide + 1) % PresentationView.slides(state).count
      p.secondsLeft = p.cycleSeconds
    }
    state.session.presentation = p
  case .toggleCompare:
    let code = state.pane == .detail ? state.detail?.code : state.selectedCode
    guard let code, let f = state.dataset.index(ofCode: code) else {
      state.message = "no STP selected"
      break
    }
    let name = state.data.name(f).bounded(60)
    if let i = state.session.compare.firstIndex(of: code) {
      state.session.compare.remove(at: i)
      state.message =
        "compare: \(name) taken out (\(state.session.compare.count) of \(CompareReport.limit))"
    } else if state.session.compare.count >= CompareReport.limit {
      state.message = "compare: already \(CompareReport.limit) STPs; c on one of them takes it out"
    } else {
      state.session.compare.append(code)
      state.message =
        "compare: \(name) added (\(state.session.compare.count) of \(CompareReport.limit)); 6 shows them"
    }
  case .toggleSpotlight:
    let code = state.pane == .detail ? state.detail?.code : state.selectedCode
    guard let code else {
      state.message = "no STP selected"
      break
    }
    if let i = state.session.spotlight.firstIndex(of: code) {
      state.session.spotlight.remove(at: i)
    } else {
      state.session.spotlight.append(code)
    }
    state.message =
      "spotlight: \(state.session.spotlight.count) STP\(state.session.spotlight.count == 1 ? "" : "s") marked"
  case .export:
    guard let view = state.focused.exportView(state) else {
      state.message = "nothing to export here"
      break
    }
    return [
      .export(ExportRequest(view: view, filter: state.isList(state.pane) ? state.filter : ""))
    ]
  case .exportScreen:
    // The screen as a slide: without the message this key would leave, the cursor, the scroll
    // marks and the key hints (the data's provenance and coverage stay).
    var shown = state
    shown.message = nil
    shown.isCleanSlide = true
    let name = state.session.presentation.map { "slide-\($0.slide + 1)" } ?? state.pane.name
    return [.exportScreen(Screen.render(shown), theme: state.session.themeName, pane: name)]
  case .exported(let message):
    state.message = message
  case .cycleTheme:
    guard state.session.themeNames.count > 1 else {
      state.message = "only one theme is available"
      break
    }
    state.session.themeIndex = (state.session.themeIndex + 1) % state.session.themeNames.count
    state.message = "theme: \(state.session.themeName)"
    return [.repaint]
  }
  return []
}

/// A new dataset replaces the old only when the whole load is valid; the pane, the selection
/// (by code), the filter, the sort and the scroll all carry over. Rows whose shown values
/// changed are marked for a while.
private func applyReload(_ state: inout AppState, _ update: DataUpdate) -> [Effect] {
  switch update.outcome {
  case .failure(let error):
    state.data.loadErrors = error.errors.isEmpty ? error.issues : error.errors
    state.data.failedAt = update.at
    return []
  case .success(let result):
    let before = rowSignatures(state.dataset, state.metrics)
    state.data.dataset = result.dataset
    state.data.metrics = result.metrics
    state.data.warnings = result.warnings
    state.data.loadedAt = update.at
    state.data.loadErrors = []
    state.data.failedAt = nil
    if let prepared = update.prepared {
      state.data.names = prepared.names
      state.caches = prepared.caches
    } else {
      state.data.refreshNames()
      state.refreshCaches()
    }
    let after = rowSignatures(state.dataset, state.metrics)
    state.data.changedCodes = Set(after.filter { before[$0.key] != $0.value }.map(\.key))
    // Keep the selection if the STP is still there; otherwise the first row.
    if state.selectedCode.flatMap(state.dataset.index(ofCode:)) == nil {
      state.selectedCode = state.rows(
        for: state.isList(state.pane) ? state.pane : state.previousPane
      ).first
        .map { state.dataset.footprints[$0].code }
    }
    if let d = state.detail {
      if let f = state.dataset.index(ofCode: d.code) {
        state.detail = DetailState(
          code: d.code, report: ShowReport(state.dataset, state.metrics, footprint: f),
          scroll: d.scroll)
        let newScroll = clampDetail(state, d.scroll)
        state.detail?.scroll = newScroll
      } else {
        state.detail = nil
        if state.pane == .detail { state.pane = state.previousPane }
      }
    }
    ensureVisible(&state)
    return state.data.changedCodes.isEmpty
      ? [] : [.after(TimerKey.changeMarkSeconds, .clearChangeMarks, key: TimerKey.changeMarks)]
  }
}

/// What each STP's rows show, as one string per code, to tell which rows a reload changed.
func rowSignatures(_ d: Dataset, _ m: Metrics) -> [String: String] {
  var out: [String: String] = [:]
  for (i, f) in d.footprints.enumerated() {
    let fund = m.funding[i]
    let b = m.breadth[i]
    out[f.code] = [
      f.name, f.region ?? "", "\(m.bands[i]?.rawValue ?? 0)", "\(f.population ?? -1)",
      "\(fund.total.low)/\(fund.total.high ?? -1)/\(fund.quoted)/\(fund.hasUnknownAmount)/\(fund.schemes)",
      "\(b.total)/\(b.sectorCount)/\(b.nonNHS)/\(b.nhs)/\(b.hasMembershipEvidence)",
    ].joined(separator: "|")
  }
  return out
}

// MARK: - Helpers

/// Back along the navigation history to the pane come from; false at the top (nothing to go
/// back to).
private func goBack(_ state: inout AppState) -> Bool {
  while let last = state.history.popLast() {
    guard last != state.pane, state.panes[last] != nil else { continue }
    state.pane = last
    return true
  }
  return false
}

/// Notes the pane being left in the navigation history (Detail keeps its own way back).
func remember(_ state: inout AppState, leaving p: PaneID) {
  guard p != .detail, state.history.last != p else { return }
  state.history.append(p)
  if state.history.count > 32 { state.history.removeFirst() }
}

private func focus(_ state: inout AppState, _ p: PaneID) {
  if p != state.pane { remember(&state, leaving: state.pane) }
  if p == .detail {
    if state.isTopLevel(state.pane) { state.previousPane = state.pane }
    if state.detail == nil || state.detail?.code != state.selectedCode { buildDetail(&state) }
    if state.detail == nil {
      state.message = "no STP selected"
      return
    }
  }
  state.pane = p
  ensureVisible(&state)
}

private func openDetail(_ state: inout AppState) {
  guard state.isList(state.pane) else {
    state.pane = state.previousPane
    return
  }
  let rows = state.rows(for: state.pane)
  guard let i = state.selectedIndex(in: rows) ?? rows.indices.first else {
    state.message = "no STP to show"
    return
  }
  state.selectedCode = state.dataset.footprints[rows[i]].code
  state.previousPane = state.pane
  buildDetail(&state)
  state.pane = .detail
}

extension AppState {
  /// Opens Detail on the selected STP (the map's Enter).
  mutating func openDetailOfSelection() {
    buildDetail(&self)
    if detail != nil { pane = .detail }
  }
}

private func buildDetail(_ state: inout AppState) {
  guard let code = state.selectedCode, let f = state.dataset.index(ofCode: code) else {
    state.detail = nil
    return
  }
  state.detail = DetailState(
    code: code, report: ShowReport(state.dataset, state.metrics, footprint: f))
}

private func moveSelection(_ state: inout AppState, by n: Int) {
  let rows = state.rows(for: state.pane)
  guard !rows.isEmpty else { return }
  let current = state.selectedIndex(in: rows) ?? (n > 0 ? -1 : rows.count)
  let next = min(max(current.addingReportingOverflow(n).partialValue, 0), rows.count - 1)
  state.selectedCode = state.dataset.footprints[rows[next]].code
  ensureVisible(&state)
}

/// Keeps the selected row of the focused list pane on screen.
func ensureVisible(_ state: inout AppState) {
  guard state.isList(state.pane) else { return }
  let rows = state.rows(for: state.pane)
  let visible = Layout.bodyRows(state)
  var top = state.table(state.pane).top
  if let i = state.selectedIndex(in: rows), visible > 0 {
    if i < top { top = i }
    if i >= top + visible { top = i - visible + 1 }
  }
  state.tables[state.pane, default: TableState()].top = clampTop(
    top, rows: rows.count, visible: visible)
}

func clampTop(_ top: Int, rows: Int, visible: Int) -> Int {
  max(0, min(top, rows - max(visible, 1)))
}

private func scrollDetail(_ state: inout AppState, by n: Int) {
  guard let d = state.detail else { return }
  let newScroll = clampDetail(state, d.scroll.addingReportingOverflow(n).partialValue)
  state.detail?.scroll = newScroll
}

private func clampDetail(_ state: AppState, _ scroll: Int) -> Int {
  let lines = DetailView.lines(state, width: Layout.regions(state).pane.width).count
  return max(0, min(scroll, lines - Layout.bodyRows(state, pane: .detail)))
}

private func clearFilter(_ state: inout AppState) {
  state.filter = ""
  state.isEditingFilter = false
  ensureVisible(&state)
}

private func afterFilterChange(_ state: inout AppState) {
  if state.isList(state.pane) {
    let rows = state.rows(for: state.pane)
    if state.selectedIndex(in: rows) == nil, let first = rows.first {
      state.selectedCode = state.dataset.footprints[first].code
    }
    state.tables[state.pane, default: TableState()].top = 0
    ensureVisible(&state)
  } else if state.isTopLevel(state.pane) {
    // The map: the selection moves to the first match (in league order) when it stops matching.
    let selected = state.selectedCode.flatMap { state.dataset.index(ofCode: $0) }
    if selected.map({ !state.matches($0) }) ?? true,
      let first = state.metrics.league(by: state.measure).map(\.footprint).first(where: {
        state.matches($0)
      })
    {
      state.selectedCode = state.dataset.footprints[first].code
    }
  } else if let line = DetailView.matchLines(state).first {
    let newScroll = clampDetail(state, line)
    state.detail?.scroll = newScroll
  }
}

private func jumpToMatch(_ state: inout AppState, forward: Bool) {
  guard !state.filter.isEmpty else {
    state.message = "no filter: press / to type one"
    return
  }
  if state.pane == .detail {
    let lines = DetailView.matchLines(state)
    let cur = state.detail?.scroll ?? 0
    let next =
      forward
      ? lines.first(where: { $0 > cur }) ?? lines.first
      : lines.last(where: { $0 < cur }) ?? lines.last
    guard let next else {
      state.message = "no match for '\(state.filter)'"
      return
    }
    let newScroll = clampDetail(state, next)
    state.detail?.scroll = newScroll
    return
  }
  let rows = state.rows(for: state.pane)
  guard !rows.isEmpty else {
    state.message = "no match for '\(state.filter)'"
    return
  }
  let i = state.selectedIndex(in: rows) ?? -1
  let next = forward ? (i + 1) % rows.count : (i - 1 + rows.count) % rows.count
  state.selectedCode = state.dataset.footprints[rows[next]].code
  ensureVisible(&state)
}

private func click(_ state: inout AppState, _ p: Point) {
  let r = Layout.regions(state)
  if r.tabs.contains(p) {
    if let pane = Layout.tab(at: p.x, state) { focus(&state, pane) }
    return
  }
  guard state.isList(state.pane), let table = state.tablePane(state.pane) else { return }
  let pane = r.pane
  if p.y == pane.y + 1 && pane.contains(p) {
    // A heading: sort by its column; again to reverse; the position column is rank order.
    let columns = table.columns(state)
    let fit = TableView.fit(
      state, pane: table.id, columns: columns, width: pane.width, rows: state.rows(for: table.id))
    guard
      let hit = fit.columns.first(where: { p.x - pane.x >= $0.x && p.x - pane.x < $0.x + $0.width }
      ),
      columns[hit.index].sortKey != nil
    else { return }
    var sort = state.table(table.id).sort
    let column: Int? = hit.index == 0 ? nil : hit.index
    sort =
      sort.column == column
      ? SortState(column: column, isDescending: !sort.isDescending) : SortState(column: column)
    state.tables[table.id, default: TableState()].sort = sort
    ensureVisible(&state)
    return
  }
  let body = Layout.body(state)
  guard body.contains(p) else { return }
  let rows = state.rows(for: state.pane)
  let i = (state.table(state.pane).top) + (p.y - body.y)
  guard i < rows.count else { return }
  let code = state.dataset.footprints[rows[i]].code
  if code == state.selectedCode {
    openDetail(&state)  // a second click on the selected row opens it
  } else {
    state.selectedCode = code
    ensureVisible(&state)
  }
}

/// What `y` (the source URL) or `Y` (the value with its source) copies, and what to call it.
private func copyText(_ state: AppState, withValue: Bool) -> (String, String)? {
  if state.isTopLevel(state.pane) {
    guard let code = state.selectedCode, let f = state.dataset.index(ofCode: code) else {
      return nil
    }
    let fp = state.dataset.footprints[f]
    let url = firstURL(fp.source) ?? fp.source
    return withValue
      ? (
        "\(fp.name) (\(fp.code)) — source: \(fp.source) [\(fp.location)]",
        "\(state.data.name(f).bounded(60)) with its source"
      )
      : (url, "the source of \(state.data.name(f).bounded(60))")
  }
  // Detail: the first line in view that has a source.
  let lines = DetailView.lines(state, width: Layout.regions(state).pane.width)
  let top = state.detail?.scroll ?? 0
  guard let line = lines.dropFirst(top).first(where: { $0.source != nil }), let source = line.source
  else { return nil }
  let label = line.label ?? "the value"
  return withValue
    ? (label + ": " + (line.value ?? "") + " — source: " + source, label + " with its source")
    : (firstURL(source) ?? source, "the source of " + label)
}

/// The first http(s) URL in a source text ("https://a ; https://b" gives the first).
func firstURL(_ text: String) -> String? {
  text.split(separator: " ").first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(
    String.init)
}
