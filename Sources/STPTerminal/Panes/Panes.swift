import STPModel
import STPReport

/// The three list panes: their columns and summary strips.
enum Panes {
  static func columns(for pane: PaneID, _ s: AppState) -> [TableColumn] {
    switch pane {
    case .league, .detail: league(s)
    case .partners: partners(s)
    case .funding: funding(s)
    }
  }

  static func render(_ pane: PaneID, _ s: AppState, in area: Rect, on canvas: inout Canvas) {
    let columns = columns(for: pane, s)
    TableView.render(s, pane: pane, columns: columns, strip: { c, r in
      switch pane {
      case .league, .detail: leagueStrip(s, &c, r)
      case .partners: partnersStrip(s, &c, r)
      case .funding: fundingStrip(s, &c, r)
      }
    }, in: area, on: &canvas)
  }

  // MARK: - Shared cells

  static func positions(_ s: AppState, _ measure: Measure) -> [Int: LeagueRow] {
    Dictionary(uniqueKeysWithValues: s.metrics.league(by: measure).map { ($0.footprint, $0) })
  }

  static func positionColumn(_ rows: [Int: LeagueRow]) -> TableColumn {
    .text("Pos", width: 4, right: true, priority: 100,
          sort: { rows[$0]?.position.rank.map { .number(Double($0)) } },
          value: { (rows[$0]?.position.label ?? "–", rows[$0]?.position.rank == nil ? .unknown : .text) })
  }

  static func nameColumn(_ s: AppState) -> TableColumn {
    .text("STP", width: 40, minWidth: 20, flexible: true, priority: 99,
          sort: { .text(s.dataset.footprints[$0].name.lowercased()) },
          value: { (s.dataset.footprints[$0].name, .text) })
  }

  static func bandRole(_ b: Band?) -> Role {
    switch b {
    case .outstanding: .bandOutstanding
    case .advanced: .bandAdvanced
    case .makingProgress: .bandMakingProgress
    case .needsMostImprovement: .bandNeedsImprovement
    case nil: .bandUnknown
    }
  }

  // MARK: - League

  static func league(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = positions(s, s.measure)
    var cols = [positionColumn(pos), nameColumn(s)]
    cols.append(.text("Region", width: 17, minWidth: 6, priority: 40,
                      sort: { s.dataset.footprints[$0].region.map { .text($0) } },
                      value: { (s.dataset.footprints[$0].region ?? "unknown", .text) }))
    cols.append(TableColumn(
      title: "Band", width: 24, minWidth: 1, priority: 90,
      sortKey: { m.bands[$0].map { .number(Double($0.rawValue)) } },
      draw: { c, r, f in
        let b = m.bands[f]
        let text = r.width < 3 ? String(b?.letter ?? "?") : "\(b?.letter ?? "?") \(b?.name ?? "unknown")"
        c.put(text, at: Point(x: r.x, y: r.y), width: r.width, role: bandRole(b), clip: r)
      }))
    if m.previousPeriod != nil {
      cols.append(.text("Move", width: 4, right: true, priority: 60,
                        sort: { pos[$0]?.movement.map { .number(Double($0)) } },
                        value: { f in
                          guard let mv = pos[f]?.movement else { return ("", .dim) }
                          if mv > 0 { return (s.glyphs.up + "\(mv)", .movementUp) }
                          if mv < 0 { return (s.glyphs.down + "\(-mv)", .movementDown) }
                          return ("=", .dim)
                        }))
    }
    if s.measure != .band {
      let values = (0..<s.dataset.footprints.count).map { m.value(s.measure, footprint: $0) }
      let top = values.compactMap { $0 }.max() ?? 0
      // "at least £204", "£4.37 to £11": the widest qualified values, whole.
      cols.append(.text(s.measure.label, width: 13, minWidth: 8, right: true, priority: 85,
                        sort: { values[$0].map(SortKey.number) },
                        value: { f in measureText(s, s.measure, f) }))
      cols.append(TableColumn(
        title: "", width: 20, minWidth: 0, priority: 20,
        draw: { c, r, f in
          guard let v = values[f], top > 0 else { return }
          TableView.bar(&c, r, solid: v / top, light: v / top, glyphs: s.glyphs)
        }))
    }
    return cols
  }

  /// A measure's value for people, with its qualifier; "unknown" (dim) when the data does not
  /// have it.
  static func measureText(_ s: AppState, _ measure: Measure, _ f: Int) -> (String, Role) {
    let m = s.metrics
    let unknown = (Absence.unknown.word, Role.unknown)
    switch measure {
    case .band:
      return (m.bands[f]?.name ?? Absence.unknown.word, bandRole(m.bands[f]))
    case .funding:
      let cell = FundingReport.quotedCell(m.funding[f], s.dataset.waves)
      return (pounds(s, cell.text), cell.value == .null ? .unknown : .text)
    case .perHead:
      return m.perHead(footprint: f).map { (pounds(s, Format.perHead($0)), .text) } ?? unknown
    case .breadth:
      let b = m.breadth[f]
      guard b.rankValue != nil else { return unknown }
      let share = b.nonNHSShare.map { ", " + PartnersReport.shareText(b, $0) } ?? ""
      return (PartnersReport.sectorsBeyondText(b) + share, .text)
    case .population:
      return s.dataset.footprints[f].onsPopulation.map { (Format.grouped(Int64($0)), .text) } ?? unknown
    case .share65, .share85:
      return m.value(measure, footprint: f).map { (Format.percent($0, places: measure.percentPlaces), .text) } ?? unknown
    }
  }

  static func money(_ s: AppState, _ v: Int64) -> String { pounds(s, Format.money(v)) }

  /// Swaps "£" for the glyph set's pound (ASCII terminals read "GBP").
  static func pounds(_ s: AppState, _ text: String) -> String { pounds(s.glyphs, text) }

  static func pounds(_ g: Glyphs, _ text: String) -> String {
    g.pound == "£" ? text : text.replacingPound(with: g.pound)
  }

  static func leagueStrip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    let m = s.metrics
    var counts = [Band?: Int]()
    for b in m.bands { counts[b, default: 0] += 1 }
    let bands = Band.allCases.map(Optional.some) + [nil]
    let period = m.period.map { " \($0)" } ?? ""
    // Names when they fit, letters otherwise: "O Outstanding 5" or "O 5". The unknown count
    // says what it can still be when the published totals pin the other bands.
    let bounds = m.bandBounds
    let either = bounds.unknownAreAdvancedOrMakingProgress
    // The published totals that pin the unknowns, compactly: "A 20/18/14, M 14/16/20 published".
    func values(_ b: Band) -> String { bounds.publishedValues(b).map(String.init).joined(separator: "/") }
    let published = either ? "(published: A \(values(.advanced)), M \(values(.makingProgress)))" : ""
    var says = false
    var showPublished = false
    func label(_ b: Band?, long: Bool) -> String {
      let n = counts[b, default: 0]
      guard let b else {
        let head = long ? "? unknown \(n)" + (says ? ", A or M" : "") : "? \(n)" + (says ? " A/M" : "")
        return head + (showPublished ? " " + published : "")
      }
      return long ? "\(b.letter) \(b.name) \(n)" : "\(b.letter) \(n)"
    }
    let title = "Bands\(period):"
    func width(long: Bool) -> Int {
      DisplayWidth.of(title) + bands.reduce(0) { $0 + DisplayWidth.of(label($1, long: long)) + 2 }
    }
    // The richest layout that fits, most telling first: the published totals before long names.
    var long = false
    let layouts: [(long: Bool, says: Bool, published: Bool)] = either
      ? [(true, true, true), (false, true, true), (true, true, false), (false, true, false), (false, false, false)]
      : [(true, false, false), (false, false, false)]
    for (k, l) in layouts.enumerated() {
      (long, says, showPublished) = (l.long, l.says, l.published)
      if width(long: long) + (l.long ? 12 : 2) <= r.width || k == layouts.count - 1 { break }
    }
    var x = r.x + 1
    x += c.put(title, at: Point(x: x, y: r.y), role: .label, clip: r) + 1
    for b in bands {
      x += c.put(label(b, long: long), at: Point(x: x, y: r.y), role: bandRole(b), clip: r) + 2
    }
    // A bar of the same counts in what is left of the line.
    let rest = Rect(x: x, y: r.y, width: r.maxX - x - 1, height: 1)
    let total = max(1, m.bands.count)
    guard rest.width >= 8 else { return }
    var bx = rest.x
    for b in bands {
      let w = Int((Double(counts[b, default: 0]) / Double(total) * Double(rest.width)).rounded())
      let glyph = b == nil ? s.glyphs.barLight : s.glyphs.barSolid
      for _ in 0..<w where bx < rest.maxX {
        c.putGlyph(glyph, at: Point(x: bx, y: r.y), role: bandRole(b), clip: rest)
        bx += 1
      }
    }
  }

  // MARK: - Partnerships

  static func partners(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = positions(s, .breadth)
    var cols = [positionColumn(pos), nameColumn(s)]
    cols.append(.text("Beyond", width: 6, right: true, priority: 88,
                      sort: { m.breadth[$0].rankValue.map(SortKey.number) },
                      value: { f in
                        let b = m.breadth[f]
                        guard b.rankValue != nil else { return (Absence.unknown.glyph, .unknown) }
                        return (PartnersReport.sectorsBeyondText(b), .text)
                      }))
    cols.append(.text("Orgs", width: 5, right: true, priority: 80,
                      sort: { m.breadth[$0].hasData ? .number(Double(m.breadth[$0].total)) : nil },
                      value: { f in
                        let b = m.breadth[f]
                        guard b.hasData else { return (Absence.unknown.glyph, .unknown) }
                        // "37*": a stated 37, fewer named (Detail says "37 stated, 29 named")
                        let more = b.total > b.named
                        return (Format.count(b.total, basis: b.totalBasis) + (more ? "*" : ""), more ? .label : .text)
                      }))
    cols.append(.text("NonNHS", width: 6, right: true, priority: 86,
                      sort: { m.breadth[$0].nonNHSShare.map(SortKey.number) },
                      value: { f in
                        let b = m.breadth[f]
                        return b.nonNHSShare.map { (PartnersReport.shareText(b, $0), .text) }
                          ?? (Absence.unknown.glyph, .unknown)
                      }))
    for (k, sector) in Sector.allCases.enumerated() {
      cols.append(.text(sector.shortLabel, width: 4, minWidth: 4, right: true, priority: 50 - k,
                        sort: { .number(Double(m.breadth[$0].count(sector).count)) },
                        value: { f in
                          let b = m.breadth[f]
                          let c = b.count(sector)
                          if c.count == 0 {
                            return b.wasSearched(sector) ? (s.glyphs.dot, .dim) : (Absence.unknown.glyph, .unknown)
                          }
                          return ("\(c.count)" + (c.isCountOnly ? "*" : ""), c.isCountOnly ? .label : .text)
                        }))
    }
    cols.append(.text("Basis", width: 16, minWidth: 8, priority: 30,
                      sort: { .text(PartnersReport.basis(m.breadth[$0])) },
                      value: { f in
                        let b = PartnersReport.basis(m.breadth[f])
                        return (b, b == "named" ? .text : .dim)
                      }))
    let dates = s.membershipDates
    cols.append(.text("As of", width: 9, minWidth: 9, priority: 40,
                      sort: { f in dates.indices.contains(f) ? dates[f].map(SortKey.text) : nil },
                      value: { f in
                        guard dates.indices.contains(f), let d = dates[f] else { return (Absence.unknown.glyph, .unknown) }
                        return (compactDates(d), .text)
                      }))
    return cols
  }

  /// Dates in at most 9 columns: one date as it is ("2016-07", "c.2017"), several as the span of
  /// their years ("2016–2017"); Detail gives them in full.
  static func compactDates(_ dates: String) -> String {
    guard dates.contains(";") || DisplayWidth.of(dates) > 9 else { return dates }
    var years: [Int] = []
    var digits = 0, value = 0
    for ch in dates + " " {
      if let d = ch.wholeNumberValue, ch.isASCII {
        digits += 1; value = value * 10 + d
      } else {
        if digits == 4 { years.append(value) }
        digits = 0; value = 0
      }
    }
    guard let lo = years.min(), let hi = years.max() else { return String(dates.prefix(8)) + "…" }
    let approx = dates.contains("c.") ? "c." : ""
    return lo == hi ? approx + "\(lo)" : "\(lo)–\(hi)"
  }

  static func partnersStrip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    let known = s.metrics.breadth.filter { $0.rankValue != nil }.count
    var x = r.x + 1
    x += c.put("Breadth known for \(known) of \(s.dataset.footprints.count)", at: Point(x: x, y: r.y),
               role: .label, clip: r) + 2
    c.put("Beyond: sectors beyond the NHS · * stated count, fewer named · + ≥ lower bound · \(s.glyphs.dot) none named · ? unknown (only NHS lookups on record)",
          at: Point(x: x, y: r.y), width: r.maxX - x - 1, role: .dim, clip: r)
  }

  // MARK: - Funding

  /// Formats every funding figure of every footprint once.
  static func fundingCells(_ d: Dataset, _ m: Metrics, _ g: Glyphs) -> [FundingCells] {
    func pounds(_ t: String) -> String { Panes.pounds(g, t) }
    return d.footprints.indices.map { f in
      let fund = m.funding[f]
      let q = FundingReport.quotedCell(fund, d.waves)
      let quoted: (String, Role) = (pounds(q.text), q.value == .null ? .unknown : .text)
      let range: (String, Role) = (pounds(FundingReport.rangeText(fund, d.waves)), fund.hasAward ? .text : .unknown)
      let perHead: (String, Role) = m.perHead(footprint: f).map { (pounds(Format.perHead($0)), .text) }
        ?? (Absence.unknown.word, .unknown)
      let waves = d.waves.indices.map { w -> (String, Role) in
        let cell = FundingReport.waveCell(fund, w)
        let covered = fund.waves.first { $0.wave == w }?.coveredBy != nil
        return (pounds(cell.text), cell.value == .null && !cell.text.isEmpty || covered ? .unknown : .text)
      }
      return FundingCells(quoted: quoted, range: range, perHead: perHead, waves: waves)
    }
  }

  static func funding(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = positions(s, .funding)
    let scale = Double(m.funding.map { max($0.total.high ?? $0.total.low, $0.quoted) }.max() ?? 0)
    let gbp = s.glyphs.pound == "£" ? 0 : DisplayWidth.of(s.glyphs.pound) - 1  // "GBP " is wider than "£"
    var cols = [positionColumn(pos), nameColumn(s)]
    let cells = s.fundingCells
    cols.append(.text("Quoted", width: 8 + gbp, right: true, priority: 90,
                      sort: { m.funding[$0].rankValue.map { .number(Double($0)) } },
                      value: { cells[$0].quoted }))
    cols.append(TableColumn(
      title: "", width: 16, minWidth: 8, priority: 44,
      sortKey: { m.funding[$0].hasAward ? .number(Double(m.funding[$0].total.low)) : nil },
      draw: { c, r, f in
        let fund = m.funding[f]
        // The bar draws what the known range says, and only that: no bar without an award.
        guard fund.hasAward, scale > 0 else {
          c.put(Absence.unknown.word, at: Point(x: r.x, y: r.y), role: .unknown, clip: r)
          return
        }
        TableView.bar(&c, r, solid: Double(fund.total.low) / scale,
                      light: fund.total.high.map { Double($0) / scale }, glyphs: s.glyphs)
        if fund.total.high == nil || fund.hasUnknownAmount {
          // Open-ended: the light part runs to the edge; say so in words at its end.
          c.put("+?", at: Point(x: r.maxX - 2, y: r.y), role: .barLight, clip: r)
        }
      }))
    cols.append(.text("Known range", width: 18 + gbp, minWidth: 14 + gbp, priority: 72,
                      value: { cells[$0].range }))
    cols.append(.text("Per head", width: 13 + gbp, minWidth: 13 + gbp, right: true, priority: 75,
                      sort: { m.value(.perHead, footprint: $0).map(SortKey.number) },
                      value: { cells[$0].perHead }))
    for (w, wave) in s.dataset.waves.enumerated() {
      cols.append(.text(wave.shortLabel, width: 7 + gbp, minWidth: 6 + gbp, right: true, priority: 45 - w,
                        sort: { f in m.funding[f].waves.first { $0.wave == w }.map { .number(Double($0.quoted)) } },
                        value: { f in cells[f].waves.indices.contains(w) ? cells[f].waves[w] : ("", .text) }))
    }
    return cols
  }

  static func fundingStrip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    // Words when they fit, else the compact form: "W3 £760m: £412m + £17m unnamed · W4 £963m: £500k!".
    func parts(compact: Bool) -> [String] {
      s.metrics.waves.map { w -> String in
        let wave = s.dataset.waves[w.wave]
        guard wave.isNational else {
          return wave.shortLabel + ": " + (w.hasAmount ? money(s, w.quoted) : Absence.unknown.word)
        }
        let national = wave.nationalAmount.map { money(s, $0) } ?? Absence.unknown.word
        guard w.hasAmount else { return wave.shortLabel + " " + national + ": " + (compact ? "none" : "none found") }
        // "!" on an amount that sources dispute, all of it or the part given.
        let doubt = w.uncertainQuoted.map { $0 == w.quoted ? Absence.uncertain.glyph : " (" + money(s, $0) + Absence.uncertain.glyph + ")" } ?? ""
        let unnamed = w.unattributedRows > 0
          ? " + " + money(s, w.unattributedQuoted) + (compact ? " unnamed" : " no STP named") : ""
        return wave.shortLabel + " " + national + ": " + money(s, w.attributedQuoted) + doubt
          + (compact ? "" : " to STPs") + unnamed
      }
    }
    var text = parts(compact: false).joined(separator: " · ")
    if DisplayWidth.of(text) > r.width - 2 { text = parts(compact: true).joined(separator: " · ") }
    c.put(text, at: Point(x: r.x + 1, y: r.y), width: r.width - 2, role: .label, clip: r)
  }
}

extension String {
  func replacingPound(with s: String) -> String {
    var out = ""
    for ch in self { if ch == "£" { out += s } else { out.append(ch) } }
    return out
  }
}

/// The funding pane's texts for one footprint.
struct FundingCells: Sendable {
  var quoted: (String, Role)
  var range: (String, Role)
  var perHead: (String, Role)
  var waves: [(String, Role)]
}
