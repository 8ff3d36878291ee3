import STPModel
import STPReport

/// Presentation mode: full-screen slides without chrome, headline figures in block digits, an
/// automatic cycle with a discreet countdown.
public struct PresentationState: Equatable, Sendable {
  public var slide = 0
  public var isPaused = false
  public var isBlank = false
  /// Seconds until the next slide (shown in a corner).
  public var secondsLeft: Int
  /// Seconds each slide stays.
  public var cycleSeconds: Int

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
    s.panes.panes.flatMap { p in p.slideHeadlines(s).indices.map { Slide.pane(p.id, variant: $0) } } + s.session.spotlight.filter { s.dataset.index(ofCode: $0) != nil }.map(Slide.spotlight)
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
    let blockWidth = figures.reduce(2) { x, f in
      x + max(BlockText.width(Panes.pounds(s, f.text)), DisplayWidth.of(f.label)) + 4
    } - 4
    if big, blockWidth < full.width, figures.allSatisfy({ BlockText.canDraw(Panes.pounds(s, $0.text)) }) {
      var x = 2
      for f in figures {
        let text = Panes.pounds(s, f.text)
        let w = max(BlockText.width(text), DisplayWidth.of(f.label))
        BlockText.draw(text, at: Point(x: x, y: y), role: f.role, glyphs: s.glyphs, on: &c, clip: full)
        c.put(f.label, at: Point(x: x, y: y + 5), role: f.role == .barSolid ? .label : f.role, clip: full)
        x += w + 4
      }
      y += 7
    } else {
      // Compact figures when the long ones would cut the line, wrapped if even they do not fit:
      // every figure is said with its basis, the last too.
      var line = figures.map { Panes.pounds(s, $0.text) + " " + $0.label }.joined(separator: " · ")
      if DisplayWidth.of(line) > full.width - 2 {
        line = figures.map { Panes.pounds(s, $0.compact ?? $0.text + " " + $0.label) }.joined(separator: " · ")
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
    let state = p.isPaused ? "paused · Enter resumes" : "next in \(p.secondsLeft)s"
    let corner = "\(min(p.slide, all.count - 1) + 1)/\(all.count) · \(state)"
    let w = DisplayWidth.of(corner)
    c.put(corner, at: Point(x: max(0, full.width - w - 1), y: full.height - 1), role: .dim, clip: full)
  }

  static func headline(_ s: AppState, _ slide: Slide) -> (String, [Headline.Figure]) {
    let m = s.metrics
    switch slide {
    case .pane(let id, let i):
      guard let all = s.panes[id]?.slideHeadlines(s), all.indices.contains(i) else { return (id.name, []) }
      let h = all[i]
      return (h.title, h.figures)
    case .spotlight(let code):
      guard let f = s.dataset.index(ofCode: code) else { return (code, []) }
      let fp = s.dataset.footprints[f]
      let pos = m.league(by: .band).first { $0.footprint == f }?.position
      var figures = [Headline.Figure(text: pos?.rank == nil ? "?" : (pos?.label ?? "?"),
                            label: pos?.rank == nil ? "band unknown" : "of \(pos?.known ?? 0) known (\(m.bands[f]?.name ?? ""))",
                            role: Panes.bandRole(m.bands[f]),
                            compact: pos?.rank == nil ? "band unknown" : "\(pos?.label ?? "") of \(pos?.known ?? 0) known")]
      let b = m.breadth[f]
      figures.append(Headline.Figure(text: b.rankValue == nil ? "?" : PartnersReport.sectorsBeyondText(b),
                            label: b.rankValue == nil ? "breadth unknown" : "sectors beyond the NHS", role: .barSolid,
                            compact: b.rankValue == nil ? "breadth unknown" : PartnersReport.sectorsBeyondText(b) + " beyond NHS"))
      if let p = m.perHead(footprint: f) {
        // The block figure is the quoted one; its label says the whole qualified value.
        figures.append(Headline.Figure(text: "£\(Int(p.quoted.rounded()))",
                              label: (p.basis == .exact ? "" : Format.perHead(p) + " ") + "a head (ONS mid-2017)",
                              role: .barSolid, compact: Format.perHead(p) + " a head"))
      } else {
        let cell = FundingReport.quotedCell(m.funding[f], s.dataset.waves)
        figures.append(Headline.Figure(text: cell.value == .null ? "?" : cell.text, label: cell.value == .null ? "capital: " + cell.text : "capital (quoted)", role: .barSolid))
      }
      return ("\(s.glyphs.spotlight) \(s.data.name(f)) (\(fp.code))", figures)
    }
  }

  static func spotlightBody(_ s: AppState, _ code: String, _ r: Rect, _ c: inout Canvas) {
    guard let f = s.dataset.index(ofCode: code) else { return }
    let m = s.metrics
    let fp = s.dataset.footprints[f]
    let b = m.breadth[f]
    let fund = m.funding[f]
    var lines: [(String, String)] = []
    for measure in Measure.allCases {
      let p = m.league(by: measure).first { $0.footprint == f }?.position
      lines.append(("Position by \(measure.rawValue)", p?.labelWithBasis ?? Absence.unknown.word))
    }
    lines.append(("Partnership", b.hasData
      ? "\(PartnersReport.partnersText(b)) organisations, "
        + (b.rankValue == nil ? "breadth unknown" : PartnersReport.sectorsBeyondText(b)
          + (b.nonNHSSectorCount == 1 && !b.isSectorCountLowerBound ? " sector" : " sectors") + " beyond the NHS") + ", "
        + (b.nonNHSShare.map { "\(PartnersReport.shareText(b, $0)) outside the NHS" } ?? "non-NHS share unknown")
      : Absence.unknown.word))
    lines.append(("Capital", FundingReport.rangeText(fund, s.dataset.waves)))
    if let p = m.perHead(footprint: f) { lines.append(("Per head", Format.perHead(p) + " (ONS mid-2017)")) }
    if let p = Format.onsPopulation(fp) { lines.append(("Population", p)) }
    let labelWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
    for (i, (label, value)) in lines.enumerated() where i < r.height {
      c.put(label, at: Point(x: r.x + 2, y: r.y + i), role: .label, clip: r)
      c.put(Panes.pounds(s, value), at: Point(x: r.x + 4 + labelWidth, y: r.y + i), role: .text, clip: r)
    }
  }
}
