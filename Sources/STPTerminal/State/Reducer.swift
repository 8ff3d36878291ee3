import STPModel
import STPReport

/// Applies one action to the state: the only place state changes. Work on the outside world
/// comes back as effects.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
  let wasRunning = state.session.presentation?.isRunning == true
  var effects = apply(&state, action)
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
  /// The presentation's one-second countdown.
  public static let presentation = "presentation"
  /// Clearing the marks on rows a reload changed.
  public static let changeMarks = "change-marks"
  /// How long rows changed by a reload stay marked, in seconds.
  public static let changeMarkSeconds = 3.0
}

/// Applies an action: the help overlay's scrolling, else the focused pane's own behaviour,
/// else what every pane shares; then the focused pane puts its view right (after a load, every
/// pane does).
private func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
  // A message stays until the user does something: not cleared by what happens on its own
  // (the panes' preparation finishing right after the first frame erased a start message such
  // as "theme skipped: …" within milliseconds).
  if !action.happensOnItsOwn { state.message = nil }
  if state.isHelpVisible, case .scroll(let by) = action {
    // Clamped when drawn, so the overlay never scrolls past its last line.
    let next = state.helpScroll.addingReportingOverflow(by).partialValue
    state.helpScroll = max(0, min(next, HelpOverlay.maxScroll(state)))
    return []
  }
  if let effects = state.focused.reduce(&state, action) { return effects }
  let effects =
    applyCommandLine(&state, action) ?? applyPresentation(&state, action)
    ?? applyData(&state, action) ?? applyShare(&state, action) ?? applyShared(&state, action)
  if case .dataLoaded = action {
    // Shared and followed views name the data they were drawn from.
    if state.session.sharing != nil { state.session.sharing?.data = state.data.identity }
    if state.session.following != nil { state.session.following?.ownData = state.data.identity }
    for p in state.panes.panes { p.settle(&state, after: action) }
  } else {
    state.focused.settle(&state, after: action)
  }
  return effects
}

/// What every pane shares: quitting and going back, focus, the filter's text, help, the
/// selection's marks (`c`, `*`, `y`), exports, the theme, the size.
private func applyShared(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .quit:
    state.isFinished = true
  case .backOrQuit:
    // Back one level; quit only at the top.
    if state.isHelpVisible {
      state.isHelpVisible = false
    } else if !goBack(&state) {
      state.isFinished = true
    }
  case .back:
    if state.isHelpVisible {
      state.isHelpVisible = false
    } else if state.isEditingFilter || !state.filter.isEmpty {
      state.filter = ""
      state.isEditingFilter = false
    } else {
      _ = goBack(&state)
    }
  case .unbound(let key):
    state.message = "\(key.label): not a key here, ? for help"
  case .focus(let p):
    focus(&state, p)
  case .focusNext, .focusPrevious:
    let ids = state.panes.ids
    let i = state.panes.index(of: state.pane) ?? 0
    focus(&state, ids[(i + (action == .focusNext ? 1 : ids.count - 1)) % ids.count])
  case .click(let p):
    if let pane = Layout.tab(at: p.x, state), Layout.regions(state).tabs.contains(p) {
      focus(&state, pane)
    }
  case .startFilter:
    state.isEditingFilter = true
  case .filterInput(let text):
    state.filter.append(contentsOf: text)
  case .filterBackspace:
    if !state.filter.isEmpty { state.filter.removeLast() }
  case .commitFilter:
    state.isEditingFilter = false
  case .clearFilter:
    state.filter = ""
    state.isEditingFilter = false
  case .nextMatch, .previousMatch:
    state.message =
      state.filter.isEmpty ? "no filter: press / to type one" : "nothing to find in this pane"
  case .sortNext, .sortReverse, .sortPrevious:
    state.message = "this pane is not sorted"
  case .cycleMeasure:
    state.message = "m: not a key here, ? for help"
  case .toggleHelp:
    state.isHelpVisible.toggle()
    state.helpScroll = 0
  case .resize(let size):
    state.size = size
  case .redraw:
    return [.repaint]
  case .copySource(let withValue):
    guard let (text, what) = copyText(state, withValue: withValue) else {
      state.message = "nothing to copy here"
      break
    }
    let size = SafeText.forTerminal(text).utf8.count
    guard size <= Clipboard.limit else {
      // Cut, it would be a wrong source; whole, the terminal would drop it.
      state.message =
        "not copied: \(what) is \(size / 1000) KB, more than a terminal's clipboard takes "
        + "(\(Clipboard.limit / 1000) KB); e exports it"
      break
    }
    state.message = "copied \(what) to the clipboard (OSC 52)"
    return [.copy(text)]
  case .toggleCompare:
    toggleCompare(&state)
  case .toggleSpotlight:
    guard let code = state.focused.subject(state) else {
      state.message = "no STP selected"
      break
    }
    if let i = state.session.spotlight.firstIndex(of: code) {
      state.session.spotlight.remove(at: i)
    } else {
      state.session.spotlight.append(code)
    }
    let n = state.session.spotlight.count
    state.message = "spotlight: \(n) STP\(n == 1 ? "" : "s") marked"
  case .export:
    guard let request = state.focused.exportRequest(state) else {
      state.message = "nothing to export here"
      break
    }
    return [.export(request)]
  case .exportScreen:
    // The screen as a slide: without the message this key would leave, the cursor, the scroll
    // marks and the key hints (the data's provenance and coverage stay).
    var shown = state
    shown.message = nil
    shown.isCleanSlide = true
    shown.session.isLinear = false  // a slide is a picture, in linear mode too
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
  default:
    break  // a pane's action where the focused pane has none of it (moving on a slide-less pane)
  }
  return []
}

/// The command line's keys (`:`); nil for other actions.
private func applyCommandLine(_ state: inout AppState, _ action: Action) -> [Effect]? {
  switch action {
  case .startCommand:
    state.command = CommandLineState()
  case .commandInput(let text):
    state.command?.text.append(contentsOf: text)
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
    return effects
  default:
    return nil
  }
  return []
}

/// Presentation mode's keys and its timer; nil for other actions.
private func applyPresentation(_ state: inout AppState, _ action: Action) -> [Effect]? {
  switch action {
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
  default:
    return nil
  }
  return []
}

/// Loading and reloading the data; nil for other actions.
private func applyData(_ state: inout AppState, _ action: Action) -> [Effect]? {
  switch action {
  case .reload:
    guard state.data.directory != nil else {
      state.message = "the embedded data cannot change; start with --data DIR to reload a directory"
      return []
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
  default:
    return nil
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
    // Keep the selection if the STP is still there; otherwise the first row. (Each pane then
    // settles: Detail reopens its STP from the new data, or goes back when it has gone.)
    if state.selectedCode.flatMap(state.dataset.index(ofCode:)) == nil {
      state.selectedCode = state.listRows.first.map { state.dataset.footprints[$0].code }
    }
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

/// Notes the pane being left in the navigation history (Detail, not a place to come back to,
/// keeps its own way back).
func remember(_ state: inout AppState, leaving p: PaneID) {
  guard state.panes[p]?.isTopLevel == true, state.history.last != p else { return }
  state.history.append(p)
  if state.history.count > 32 { state.history.removeFirst() }
}

private func focus(_ state: inout AppState, _ p: PaneID) {
  if p != state.pane { remember(&state, leaving: state.pane) }
  state.pane = p
}

/// `c` anywhere: the STP the pane is on joins the compared set, or leaves it.
private func toggleCompare(_ state: inout AppState) {
  guard let code = state.focused.subject(state), let f = state.dataset.index(ofCode: code) else {
    state.message = "no STP selected"
    return
  }
  let name = state.data.name(f).bounded(60)
  let limit = CompareReport.limit
  if let i = state.session.compare.firstIndex(of: code) {
    state.session.compare.remove(at: i)
    state.message = "compare: \(name) taken out (\(state.session.compare.count) of \(limit))"
  } else if state.session.compare.count >= limit {
    state.message = "compare: already \(limit) STPs; c on one of them takes it out"
  } else {
    state.session.compare.append(code)
    state.message =
      "compare: \(name) added (\(state.session.compare.count) of \(limit)); 6 shows them"
  }
}

/// What `y` (the source URL) or `Y` (the STP with its source) copies for the STP the pane is
/// on, and what to call it.
private func copyText(_ state: AppState, withValue: Bool) -> (String, String)? {
  guard let code = state.focused.subject(state), let f = state.dataset.index(ofCode: code) else {
    return nil
  }
  let fp = state.dataset.footprints[f]
  let url = firstURL(fp.source) ?? fp.source
  let name = state.data.name(f).bounded(60)
  return withValue
    ? ("\(fp.name) (\(fp.code)) — source: \(fp.source) [\(fp.location)]", "\(name) with its source")
    : (url, "the source of \(name)")
}

/// The first http(s) URL in a source text ("https://a ; https://b" gives the first).
public func firstURL(_ text: String) -> String? {
  text.split(separator: " ").first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(
    String.init)
}
