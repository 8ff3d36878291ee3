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
  case league, partners, funding
  /// One spotlighted STP: its league position, breadth and funding.
  case spotlight(String)
}

enum PresentationView {
  /// The slides: the three panes, then a tour of the spotlighted STPs.
  static func slides(_ s: AppState) -> [Slide] {
    [.league, .partners, .funding] + s.spotlight.filter { s.dataset.index(ofCode: $0) != nil }.map(Slide.spotlight)
  }

  static func render(_ s: AppState, _ p: PresentationState, on c: inout Canvas) {
    if p.isBlank { return }  // a blank screen, as a projector's "b" key gives
    let all = slides(s)
    let slide = all[min(p.slide, all.count - 1)]
    let full = Rect(s.size)
    let big = s.size.height >= 16 && s.size.width >= 40
    var y = 0
    // Headline: a title line, then block figures with labels under them.
    let (title, figures) = headline(s, slide)
    c.put(title, at: Point(x: 1, y: y), width: full.width - 2, role: .title, clip: full)
    y += 2
    if big, figures.allSatisfy({ BlockText.canDraw(Panes.pounds(s, $0.text)) }) {
      var x = 2
      for f in figures {
        let text = Panes.pounds(s, f.text)
        let w = max(BlockText.width(text), DisplayWidth.of(f.label))
        guard x + w < full.width else { break }
        BlockText.draw(text, at: Point(x: x, y: y), role: f.role, glyphs: s.glyphs, on: &c, clip: full)
        c.put(f.label, at: Point(x: x, y: y + 5), role: f.role == .barSolid ? .label : f.role, clip: full)
        x += w + 4
      }
      y += 7
    } else {
      let line = figures.map { Panes.pounds(s, $0.text) + " " + $0.label }.joined(separator: " · ")
      c.put(line, at: Point(x: 1, y: y), width: full.width - 2, role: .heading, clip: full)
      y += 2
    }
    // The body: the pane itself, or the spotlighted STP's facts.
    let body = Rect(x: 0, y: y, width: full.width, height: full.height - y - 1)
    switch slide {
    case .league: Panes.render(.league, s, in: body, on: &c)
    case .partners: Panes.render(.partners, s, in: body, on: &c)
    case .funding: Panes.render(.funding, s, in: body, on: &c)
    case .spotlight(let code): spotlightBody(s, code, body, &c)
    }
    // A discreet countdown in the bottom-right corner.
    let state = p.isPaused ? "paused · Enter resumes" : "next in \(p.secondsLeft)s"
    let corner = "\(min(p.slide, all.count - 1) + 1)/\(all.count) · \(state)"
    let w = DisplayWidth.of(corner)
    c.put(corner, at: Point(x: max(0, full.width - w - 1), y: full.height - 1), role: .dim, clip: full)
  }

  struct Figure {
    var text: String
    var label: String
    var role: Role
  }

  static func headline(_ s: AppState, _ slide: Slide) -> (String, [Figure]) {
    let m = s.metrics
    let n = s.dataset.footprints.count
    switch slide {
    case .league:
      var counts = [Band?: Int]()
      for b in m.bands { counts[b, default: 0] += 1 }
      let figures = Band.allCases.map { b in
        Figure(text: "\(counts[b, default: 0])", label: b.name, role: Panes.bandRole(b))
      } + [Figure(text: "\(counts[nil, default: 0])", label: "unknown", role: .bandUnknown)]
      return ("Who leads: NHS England's STP ratings\(m.period.map { ", \($0)" } ?? "") (\(n) STPs)", figures)
    case .partners:
      let known = m.breadth.filter { $0.rankValue != nil }
      let widest = known.map(\.sectorCount).max() ?? 0
      let shares = known.compactMap(\.nonNHSShare).sorted()
      let median = shares.isEmpty ? nil : shares[shares.count / 2]
      var figures = [
        Figure(text: "\(known.count)/\(n)", label: "show members beyond the NHS", role: .barSolid),
        Figure(text: "\(widest)", label: "sectors at most", role: .barSolid),
      ]
      if let median { figures.append(Figure(text: "\(Int((median * 100).rounded()))%", label: "median outside the NHS", role: .barSolid)) }
      return ("How broad: partners by sector", figures)
    case .funding:
      var figures: [Figure] = []
      if let w = s.dataset.waves.first, let amount = w.nationalAmount {
        figures.append(Figure(text: Format.money(amount), label: "\(w.id) national (\(w.stps.map { "\($0) STPs" } ?? "total"))", role: .barSolid))
      }
      if let summary = m.waves.first, summary.hasAmount {
        figures.append(Figure(text: Format.money(summary.quoted), label: "of it published per STP", role: .barSolid))
      }
      let known = (0..<n).filter { m.value(.funding, footprint: $0) != nil }.count
      figures.append(Figure(text: "\(known)/\(n)", label: "STPs with every amount", role: .barSolid))
      return ("Where the capital went, per footprint", figures)
    case .spotlight(let code):
      guard let f = s.dataset.index(ofCode: code) else { return (code, []) }
      let fp = s.dataset.footprints[f]
      let pos = m.league(by: .band).first { $0.footprint == f }?.position
      var figures = [Figure(text: pos?.rank == nil ? "?" : (pos?.label ?? "?"), label: "in the league (\(m.bands[f]?.name ?? "band unknown"))",
                            role: Panes.bandRole(m.bands[f]))]
      let b = m.breadth[f]
      figures.append(Figure(text: b.rankValue.map { "\($0)" } ?? "?", label: "sectors among partners", role: .barSolid))
      if let v = m.value(.perHead, footprint: f) {
        figures.append(Figure(text: "£\(Int(v.rounded()))", label: "capital a head (quoted)", role: .barSolid))
      } else {
        figures.append(Figure(text: m.funding[f].rankValue.map { Format.money($0) } ?? "?", label: "capital (quoted)", role: .barSolid))
      }
      return ("\(s.glyphs.spotlight) \(fp.name) (\(fp.code))", figures)
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
      lines.append(("Position by \(measure.rawValue)", p?.rank != nil ? "\(p?.label ?? "") of \(s.dataset.footprints.count)" : "unknown"))
    }
    lines.append(("Partnership", b.hasData
      ? "\(Format.count(b.total, basis: b.totalBasis)) organisations, \(b.rankValue.map { "\($0) sectors" } ?? "sectors unknown"), "
        + (b.nonNHSShare.map { "\(PartnersReport.shareText(b, $0)) outside the NHS" } ?? "non-NHS share unknown")
      : "unknown"))
    lines.append(("Capital", fund.hasRows ? FundingReport.rangeText(fund) : "no data"))
    if let v = m.value(.perHead, footprint: f) { lines.append(("Per head", Format.perHead(v))) }
    if let p = fp.population { lines.append(("Population", Format.population(p, basis: fp.populationBasis) + (fp.populationYear.map { " (\($0))" } ?? ""))) }
    let labelWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
    for (i, (label, value)) in lines.enumerated() where i < r.height {
      c.put(label, at: Point(x: r.x + 2, y: r.y + i), role: .label, clip: r)
      c.put(Panes.pounds(s, value), at: Point(x: r.x + 4 + labelWidth, y: r.y + i), role: .text, clip: r)
    }
  }
}
