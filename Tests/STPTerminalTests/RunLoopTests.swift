import STPModel
import STPTerminal
import STPTestSupport
import Testing

/// The timing rules as a pure type, and the real run loop driven headless on a fake clock.
@Suite struct LoopTimersTests {
  @Test func aSettledChangeReloadsAfter30msAndAWriteInProgressAfter300ms() {
    var t = LoopTimers()
    t.filesChanged(.settled, now: 10)
    #expect(!t.isReloadDue(now: 10.029))
    #expect(t.isReloadDue(now: 10.03))
    #expect(t.timeout(now: 10) == 30)
    t.reloaded()
    t.filesChanged(.writing, now: 20)
    #expect(!t.isReloadDue(now: 20.29))
    #expect(t.isReloadDue(now: 20.3))
    t.reloaded()
    #expect(t.nextDeadline == nil)
    #expect(t.timeout(now: 30) == nil)  // nothing pending: wait without limit
  }

  @Test func aWriterThatNeverStopsCannotHoldTheReloadBackMoreThan500ms() {
    var t = LoopTimers()
    var now = 0.0
    while now < 2 {
      t.filesChanged(.writing, now: now)
      if t.isReloadDue(now: now) { break }
      now += 0.1
    }
    #expect(abs(now - 0.5) < 1e-9)
  }

  @Test func aTimerOfTheSameKeyReplacesTheOldOneAndDueOnesComeOutInOrder() {
    var t = LoopTimers()
    t.schedule(.clearChangeMarks, after: 3, key: "marks", now: 0)
    t.schedule(.clearChangeMarks, after: 5, key: "marks", now: 0)  // replaces: one timer
    t.schedule(.presentationTick, after: 1, key: "tick", now: 0)
    #expect(t.due(now: 2) == [.presentationTick])
    #expect(t.due(now: 4.9).isEmpty)
    #expect(t.due(now: 5) == [.clearChangeMarks])
    #expect(t.due(now: 99).isEmpty)
    t.schedule(.presentationTick, after: 1, key: "tick", now: 0)
    t.cancel("tick")
    #expect(t.nextDeadline == nil)
  }
}

@Suite struct RunLoopTests {
  let size = Size(width: 100, height: 30)

  func run(
    _ script: [HeadlessBackend.Step], state: AppState? = nil, watch: Bool = false,
    typesAhead: Bool = false,
    reload: @escaping () -> Result<LoadResult, DatasetLoadError> = {
      .success(try! DatasetLoader.loadEmbedded())
    }
  ) -> (status: Int32, loop: DashboardLoop, backend: HeadlessBackend) {
    let backend = HeadlessBackend(size: size, script: script)
    backend.typesAhead = typesAhead
    let s =
      state
      ?? AppState(
        dataset: Fixtures.embedded, loadedAt: "09:30", size: size,
        dataDirectory: watch ? "dir" : nil, isWatching: watch)
    var loop = DashboardLoop(
      state: s, backend: backend, themes: [.default], watcher: watch ? backend.watcher : nil,
      services: LoopServices(
        startReload: { m, _, _ in m.put(reload()) }, export: { _, _ in "exported" },
        now: { backend.now },
        timeOfDay: { "10:00" }))
    let status = loop.run()
    return (status, loop, backend)
  }

  /// Issue 26: a paste into `/` or `:` arrived as thousands of keys, each filtered and drawn:
  /// 5,000 characters froze the screen for seconds, 20,000 for over a minute. The keys waiting
  /// after the first are taken as one text: one filter, one frame.
  @Test func aPasteIsTakenAsOneTextNotAKeyAtATime() {
    let paste = Array(repeating: HeadlessBackend.Step.key(.char("x")), count: 20_000)
    let (_, loop, backend) = run(
      [.key(.char("/"))] + paste + [.key(.char("y")), .key(.enter), .key(.char(":"))]
        + Array(repeating: .key(.char("z")), count: 5_000) + [.key(.escape), .key(.char("Q"))])
    #expect(loop.state.listFilter == String(repeating: "x", count: 20_000) + "y")
    #expect(backend.cellsSent.count < 12, "\(backend.cellsSent.count) frames")
  }

  /// Keys that come faster than the screen (a held key, a slow link catching up, a debug build
  /// on a loaded machine) were drawn one frame each, so the screen fell ever further behind
  /// them. Keys already waiting are reduced first and the screen drawn once they are done.
  @Test func keysTypedAheadAreAnsweredBeforeTheScreenIsDrawnAgain() {
    let held = Array(repeating: HeadlessBackend.Step.key(.char("j")), count: 30)
    let (_, ahead, aheadBackend) = run(
      [.key(.char("3"))] + held + [.idle(1), .capture, .key(.char("Q"))], typesAhead: true)
    let (_, oneByOne, oneByOneBackend) = run(
      [.key(.char("3"))] + held + [.idle(1), .capture, .key(.char("Q"))])
    // The same keys end in the same place, drawn in 2 frames (the first, then once caught up)
    // instead of 32.
    #expect(ahead.state.selectedCode == oneByOne.state.selectedCode)
    #expect(ahead.state.selectedCode != nil)
    #expect(aheadBackend.cellsSent.count == 2, "\(aheadBackend.cellsSent.count) frames")
    #expect(oneByOneBackend.cellsSent.count == 32, "\(oneByOneBackend.cellsSent.count) frames")
    // What was captured once the keys stopped is what the keys asked for.
    #expect(aheadBackend.captured.first?.lines == oneByOneBackend.captured.first?.lines)
    #expect(aheadBackend.captured.first?.lines[1].contains("3 Funding") == true)
  }

  @Test func keysReachTheScreenAndQuitEndsWithStatus0() {
    let (status, loop, backend) = run([.idle(1), .key(.char("3")), .key(.char("Q"))])
    #expect(status == 0)
    let finished = loop.state.isFinished  // (a failed #expect would print the whole state)
    #expect(finished)
    #expect(backend.screen.lines[1].contains("3 Funding"))
    #expect(backend.screen.lines[2].contains("W1 £325m"))
    // Idle, it never woke for nothing: only for the other panes' views (50 ms after the start).
    #expect(backend.waits.first == 50)
    #expect(backend.waits.dropFirst().allSatisfy { $0 == nil }, "\(backend.waits)")
  }

  /// Issue 26, item 9: the other panes' views were made on a second thread as soon as the first
  /// frame was drawn, while the terminal was still taking that frame in (in tmux on two cores it
  /// showed 0.5-1.2 ms later). They are made a moment after it, once, with no key needed; a pane
  /// shown meanwhile makes its own view.
  @Test func theOtherPanesViewsAreMadeAMomentAfterTheFirstFrameNotWithIt() {
    let backend = HeadlessBackend(
      size: size, script: [.key(.char("2")), .idle(1), .key(.char("Q"))])
    var services = LoopServices(
      startReload: { _, _, _ in }, export: { _, _ in "" }, now: { backend.now },
      timeOfDay: { "10:00" })
    nonisolated(unsafe) var asked: [(at: Double, pane: PaneID)] = []
    services.prepareViews = { asked.append((backend.now, $0.pane)) }
    let start = backend.now
    var loop = DashboardLoop(
      state: AppState(dataset: Fixtures.embedded, loadedAt: "09:30", size: size),
      backend: backend, themes: [.default], watcher: nil, services: services)
    _ = loop.run()
    #expect(asked.map(\.at) == [start + 0.05], "\(asked.map(\.at))")
    // The key pressed before it was answered at once, its pane drawn with its own view.
    #expect(asked.first?.pane == .partners)
    #expect(backend.screen.lines[1].contains("2 Partnerships"))
    // Two frames: the first and the key's; the wake-up for the views drew nothing again.
    #expect(backend.cellsSent.count == 2, "\(backend.cellsSent)")
  }

  @Test func aSignalOrALostTerminalEndsTheLoopWith128PlusTheSignal() {
    #expect(run([.event(.signal(15))]).status == 128 + 15)
    #expect(run([]).status == 128 + 1)
  }

  @Test func theSlidesAdvanceOnTheFakeClockAndStopWhenPaused() {
    var state = AppState(dataset: Fixtures.embedded, loadedAt: "09:30", size: size)
    state.session.cycleSeconds = 5
    // (After the views' wake-up 50 ms in, so that the fake clock's steps fall on whole seconds.)
    let (_, loop, backend) = run(
      [.idle(0.1), .key(.char("p")), .idle(12), .key(.char("Q"))], state: state)
    // 12 s at 5 s a slide: the third slide, two seconds into it.
    #expect(loop.state.session.presentation?.slide == 2)
    #expect(loop.state.session.presentation?.secondsLeft == 3)
    #expect(backend.screen.lines.last?.contains("3/9 · next in 3s") == true)
    // Paused (a clicker's next), the loop waits without a timeout again.
    let paused = run(
      [.idle(0.1), .key(.char("p")), .idle(2), .key(.pageDown), .idle(30), .key(.char("Q"))],
      state: state)
    #expect(paused.loop.state.session.presentation?.slide == 1)
    #expect(paused.backend.waits.last == .some(nil))
  }

  @Test func changedFilesReloadOnceAfterTheDebounceAndTheMarksClearAfter3s() throws {
    let edited = try DatasetLoader.load(
      files: DatasetLoader.embeddedFiles.map { f in
        (
          f.name,
          f.name == "funding.csv"
            ? Array(
              String(decoding: f.bytes, as: UTF8.self).replacingFirst(
                "100000000", with: "200000000"
              ).utf8)
            : f.bytes
        )
      }, origin: "dir")
    nonisolated(unsafe) var reloads = 0
    // A write in progress, then settled 20 ms later: one reload, 30 ms after the last change.
    let (_, loop, backend) = run(
      [.files(.writing), .idle(0.02), .files(.settled), .idle(1), .key(.char("Q"))], watch: true,
      reload: {
        reloads += 1
        return .success(edited)
      })
    #expect(reloads == 1)
    #expect(backend.waits.contains(30))  // the settled debounce
    #expect(loop.state.data.loadedAt == "10:00")
    #expect(loop.state.data.changedCodes == ["E54000041"])  // Dorset, still marked 1 s later
    let later = run(
      [.files(.settled), .idle(3.5), .key(.char("Q"))], watch: true, reload: { .success(edited) })
    #expect(later.loop.state.data.changedCodes.isEmpty)  // cleared after 3 s
  }

  @Test func keysAreAnsweredWhileAReloadRunsAndItsTimeIsShown() throws {
    // A reload that runs "on another thread": it ends only when the script says so.
    let size = Size(width: 120, height: 30)
    nonisolated(unsafe) var pending: ReloadMailbox?
    let script: [HeadlessBackend.Step] = [
      .files(.settled), .idle(0.05),  // the debounce passes: the load starts
      .key(.down), .key(.down), .key(.char("3")),  // keys while it runs
      .idle(0.5), .capture,  // half a second into it
      .ready(77, { pending?.put(.success(try! DatasetLoader.loadEmbedded())) }),
      .capture, .key(.char("Q")),
    ]
    let backend = HeadlessBackend(size: size, script: script)
    let state = AppState(
      dataset: Fixtures.embedded, loadedAt: "09:30", size: size, dataDirectory: "dir",
      isWatching: true)
    var loop = DashboardLoop(
      state: state, backend: backend, themes: [.default], watcher: backend.watcher,
      services: LoopServices(
        startReload: { m, _, _ in pending = m }, reloadDescriptor: 77, export: { _, _ in "" },
        now: { backend.now }, timeOfDay: { "10:00" }))
    #expect(loop.run() == 0)
    let during = backend.captured[0].lines
    #expect(during[1].contains("3 Funding"))  // the keys were answered
    #expect(during.last?.contains("reloading… 0.5 s (keys still work)") == true)
    #expect(during.last?.contains("loaded") == false)
    let after = backend.captured[1].lines
    #expect(after.last?.contains("loaded 10:00") == true)
    #expect(loop.state.data.reloading == nil)
    // Waits were at most 100 ms while the load ran.
    #expect(backend.waits.contains(100))
  }
}
