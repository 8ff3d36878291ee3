import STPModel
import STPReport

/// Presentation mode: full-screen slides without chrome, headline figures in block digits, an
/// automatic cycle with a discreet countdown.
public struct PresentationState: Equatable, Sendable {
  /// The slide shown, 0-based.
  public var slide = 0
  /// Stopped on this slide (a clicker key pauses; Enter resumes).
  public var isPaused = false
  /// The screen blanked (`b`); any key wakes it.
  public var isBlank = false
  /// Seconds until the next slide (shown in a corner).
  public var secondsLeft: Int
  /// Seconds each slide stays.
  public var cycleSeconds: Int

  /// Presenting from the first slide, each shown `cycleSeconds`.
  public init(cycleSeconds: Int) {
    self.cycleSeconds = max(1, cycleSeconds)
    secondsLeft = self.cycleSeconds
  }

  /// Whether the cycle timer runs.
  public var isRunning: Bool { !isPaused && !isBlank }
}

/// One slide.
public enum Slide: Equatable, Sendable {
  /// A pane's headline over the pane (`variant` of its `slideHeadlines`).
  case pane(PaneID, variant: Int = 0)
  /// One spotlighted STP: its league position, breadth and funding.
  case spotlight(String)
}

enum PresentationView {
  /// The slides: each pane that has a headline, then a tour of the spotlighted STPs.
  static func slides(_ s: AppState) -> [Slide] {
    s.panes.panes.flatMap { p in p.slideHeadlines(s).indices.map { Slide.pane(p.id, variant: $0) } }
      + s.session.spotlight.filter { s.dataset.index(ofCode: $0) != nil }.map(Slide.spotlight)
  }

  static func render(_ s: AppState, _ p: PresentationState, on c: inout Canvas) {
    if p.isBlank {  // a black screen, as a projector's "b" key gives, whatever the theme
      c.fill(Rect(s.size), role: .blackout)
      return
    }
    let all = slides(s)
    let slide = all[min(p.slide, all.count - 1)]
    let full = Rect(s.size)
    let big = s.size.height >= 16 && s.size.width >= 40
    var y = 0
    // Headline: a title line, then block figures with labels under them.
    let (title, figures) = headline(s, slide)
    // The title says what the figures count: wrapped, never cut.
    for l in DetailView.wrap([(title, .title)], width: max(1, full.width - 2), indent: 0) {
      c.put(l.text, at: Point(x: 1, y: y), width: full.width - 2, role: .title, clip: full)
      y += 1
    }
    y += 1
    // Block figures only when every one fits: a headline never drops a figure (the unknown
    // count last of all) for want of room; the one-line form says them all.
    let blockWidth =
      figures.reduce(2) { x, f in
        x + max(BlockText.width(Panes.pounds(s, f.text)), DisplayWidth.of(f.label)) + 4
      } - 4
    if big, blockWidth < full.width,
      figures.allSatisfy({ BlockText.canDraw(Panes.pounds(s, $0.text)) })
    {
      var x = 2
      for f in figures {
        let text = Panes.pounds(s, f.text)
        let w = max(BlockText.width(text), DisplayWidth.of(f.label))
        BlockText.draw(
          text, at: Point(x: x, y: y), role: f.role, glyphs: s.glyphs, on: &c, clip: full)
        c.put(
          f.label, at: Point(x: x, y: y + 5), role: f.role == .barSolid ? .label : f.role,
          clip: full)
        x += w + 4
      }
      y += 7
    } else {
      // Compact figures when the long ones would cut the line, wrapped if even they do not fit:
      // every figure is said with its basis, the last too.
      var line = figures.map { Panes.pounds(s, $0.text) + " " + $0.label }.joined(separator: " · ")
      if DisplayWidth.of(line) > full.width - 2 {
        line = figures.map { Panes.pounds(s, $0.compact ?? $0.text + " " + $0.label) }.joined(
          separator: " · ")
      }
      let lines = DetailView.wrap([(line, .heading)], width: max(1, full.width - 2), indent: 0)
      for l in lines {
        c.put(l.text, at: Point(x: 1, y: y), width: full.width - 2, role: .heading, clip: full)
        y += 1
      }
      y += 1
    }
    // The body: the pane itself, or the spotlighted STP's facts.
    let body = Rect(x: 0, y: y, width: full.width, height: full.height - y - 1)
    switch slide {
    case .pane(let id, let i): s.panes[id]?.renderSlide(s, i, in: body, on: &c)
    case .spotlight(let code): spotlightBody(s, code, body, &c)
    }
    // A discreet countdown in the bottom-right corner.
    var state = p.isPaused ? "paused · Enter resumes" : "next in \(p.secondsLeft)s"
    // A follower's slides run on the presenter's clock: it says whom it follows instead.
    if let f = s.session.following {
      state =
        f.isLive && f.endedAt == nil && f.problem == nil && !f.dataDiffers
        ? f.status + " · next in \(p.secondsLeft)s" : f.status
    }
    if let sh = s.session.sharing {
      state += " · sharing '\(sh.name)', \(sh.followers.count) following"
    }
    let corner = "\(min(p.slide, all.count - 1) + 1)/\(all.count) · \(state)"
    let w = DisplayWidth.of(corner)
    c.put(
      corner, at: Point(x: max(0, full.width - w - 1), y: full.height - 1), role: .dim, clip: full)
  }

  static func headline(_ s: AppState, _ slide: Slide) -> (String, [Headline.Figure]) {
    let m = s.metrics
    switch slide {
    case .pane(let id, let i):
      guard let all = s.panes[id]?.slideHeadlines(s), all.indices.contains(i) else {
        return (id.name, [])
      }
      let h = all[i]
      return (h.title, h.figures)
    case .spotlight(let code):
      guard let f = s.dataset.index(ofCode: code) else { return (code, []) }
      let fp = s.dataset.footprints[f]
      // Each headline figure through the one formatter: its block text keeps its qualifier
      // ("≤£632.57", "≥£100m"), its label what it rests on.
      let pos =
        m.league(by: .band).first { $0.footprint == f }?.position
        ?? Position(rank: nil, isTied: false)
      let among = pos.amongAll.flatMap { $0.count == 1 ? "=\($0[0])" : nil }
      var figures = [
        Headline.Figure(
          text: among ?? (pos.rank == nil ? "?" : pos.label),
          label: FigureText.position(pos) + (m.bands[f].map { " (\($0.name))" } ?? ""),
          role: Panes.bandRole(m.bands[f]),
          compact: FigureText.position(pos, width: 24))
      ]
      for measure in [Measure.breadth, .perHead] {
        let fig = m.figure(measure, footprint: f)
        let spec = measure.spec
        figures.append(
          Headline.Figure(
            text: fig.isKnown ? FigureText.text(fig, width: 9) : "?",
            label: spec.label + ": " + FigureText.text(fig), role: .barSolid,
            compact: spec.shortLabel + " " + FigureText.text(fig, width: 24)))
      }
      return ("\(s.glyphs.spotlight) \(s.data.name(f)) (\(fp.code))", figures)
    }
  }

  static func spotlightBody(_ s: AppState, _ code: String, _ r: Rect, _ c: inout Canvas) {
    guard let f = s.dataset.index(ofCode: code) else { return }
    let m = s.metrics
    let b = m.breadth[f]
    var lines: [(String, String)] = []
    for measure in Measure.allCases {
      let p =
        m.league(by: measure).first { $0.footprint == f }?.position
        ?? Position(rank: nil, isTied: false)
      let fig = m.figure(measure, footprint: f)
      let room = max(10, r.width - 30)
      lines.append(
        (
          measure.label,
          FigureText.text(fig, width: room / 2) + " · " + FigureText.position(p, width: room / 2)
        ))
    }
    lines.append(
      (
        "Partnership",
        b.hasData ? "\(PartnersReport.partnersText(b)) organisations" : Absence.unknown.word
      ))
    let labelWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
    for (i, (label, value)) in lines.enumerated() where i < r.height {
      c.put(label, at: Point(x: r.x + 2, y: r.y + i), role: .label, clip: r)
      c.put(
        Panes.pounds(s, value), at: Point(x: r.x + 4 + labelWidth, y: r.y + i), role: .text, clip: r
      )
    }
  }
}
