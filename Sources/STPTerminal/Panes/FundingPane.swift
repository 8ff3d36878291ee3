import STPModel
import STPReport

/// Where the capital went: quoted totals, the range the sources prove, per head, per wave.
struct FundingPane: TablePane {
  let id = PaneID.funding
  let title = "Funding"

  func rankMeasure(_ s: AppState) -> Measure { .funding }

  func coverage(_ s: AppState) -> String {
    let n = s.dataset.footprints.count
    func count(_ m: Measure) -> Int { (0..<n).count { s.metrics.value(m, footprint: $0) != nil } }
    return "funding known \(count(.funding))/\(n), per head \(count(.perHead))/\(n)"
  }

  /// Every funding figure formatted once per load: a frame then only copies the texts.
  func prepare(_ s: AppState) -> (any Sendable)? { Self.cells(s.dataset, s.metrics, s.glyphs) }

  func exportView(_ s: AppState) -> ExportView? { .funding(rows: s.rows(for: id)) }

  /// Formats every funding figure of every footprint once.
  static func cells(_ d: Dataset, _ m: Metrics, _ g: Glyphs) -> [FundingCells] {
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

  func headline(_ s: AppState) -> Headline? {
    let m = s.metrics
    let n = s.dataset.footprints.count
    var figures: [Headline.Figure] = []
    if let wi = s.dataset.waves.firstIndex(where: \.isNational), let amount = s.dataset.waves[wi].nationalAmount {
      let w = s.dataset.waves[wi]
      figures.append(Headline.Figure(text: Format.money(amount), label: "\(w.shortLabel) national (\(w.stps.map { "\($0) STPs" } ?? "total"))",
                            role: .barSolid, compact: "\(w.shortLabel) \(Format.money(amount))"))
      if let summary = m.waves.first(where: { $0.wave == wi }), summary.hasAmount {
        figures.append(Headline.Figure(text: Format.money(summary.attributedQuoted),
                              label: "of it quoted per STP (\(summary.footprints) named)", role: .barSolid,
                              compact: "\(Format.money(summary.attributedQuoted)) to \(summary.footprints) STPs"))
      }
    }
    let totals = (0..<n).compactMap { m.funding[$0].rankValue != nil ? m.funding[$0].basis : nil }
    let exact = totals.count { $0 == .exact }
    figures.append(Headline.Figure(text: "\(totals.count)/\(n)", label: "with a quoted total (\(exact) exact)", role: .barSolid,
                          compact: "\(totals.count)/\(n) quoted totals (\(exact) exact)"))
    return Headline(title: "Where the capital went, per footprint (amounts found, not all awarded)", figures: figures)
  }

  func columns(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = Panes.positions(s, .funding)
    let scale = Double(m.funding.map { max($0.total.high ?? $0.total.low, $0.quoted) }.max() ?? 0)
    let gbp = s.glyphs.pound == "£" ? 0 : DisplayWidth.of(s.glyphs.pound) - 1  // "GBP " is wider than "£"
    var cols = [Panes.positionColumn(pos), Panes.nameColumn(s)]
    let cells = s.cache(for: id, as: [FundingCells].self) ?? Self.cells(s.dataset, s.metrics, s.glyphs)
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
                        sort: { f in
                          // A wave with no amount (a named recipient, a bid) sorts with the
                          // unknowns, never as £0.
                          m.funding[f].waves.first { $0.wave == w && $0.hasAmount }.map { .number(Double($0.quoted)) }
                        },
                        value: { f in cells[f].waves.indices.contains(w) ? cells[f].waves[w] : ("", .text) }))
    }
    return cols
  }

  func strip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    // Words when they fit, else the compact form: "W3 £760m: £412m + £17m unnamed · W4 £963m: £500k!".
    func parts(compact: Bool) -> [String] {
      s.metrics.waves.map { w -> String in
        let wave = s.dataset.waves[w.wave]
        guard wave.isNational else {
          return wave.shortLabel + ": " + (w.hasAmount ? Panes.money(s, w.quoted) : Absence.unknown.word)
        }
        let national = wave.nationalAmount.map { Panes.money(s, $0) } ?? Absence.unknown.word
        // Sums leave out STPs named without an amount: say how many, never let them pass as all.
        let unknown = w.unknownAmounts == 0 ? ""
          : compact ? " +\(w.unknownAmounts)?" : " + \(w.unknownAmounts) STP\(w.unknownAmounts == 1 ? "" : "s") amount unknown"
        guard w.hasAmount else {
          return wave.shortLabel + " " + national + ": " + (compact ? "none" : "no amount found") + unknown
        }
        // "!" on an amount that sources dispute, all of it or the part given.
        let doubt = w.uncertainQuoted.map { $0 == w.quoted ? Absence.uncertain.glyph : " (" + Panes.money(s, $0) + Absence.uncertain.glyph + ")" } ?? ""
        let unnamed = w.unattributedRows > 0
          ? " + " + Panes.money(s, w.unattributedQuoted) + (compact ? " unnamed" : " no STP named") : ""
        return wave.shortLabel + " " + national + ": " + Panes.money(s, w.attributedQuoted) + doubt
          + (compact ? "" : " quoted to STPs") + unknown + unnamed
      }
    }
    var text = parts(compact: false).joined(separator: " · ")
    if DisplayWidth.of(text) > r.width - 2 { text = parts(compact: true).joined(separator: "  ") }
    c.put(text, at: Point(x: r.x + 1, y: r.y), width: r.width - 2, role: .label, clip: r)
  }
}

/// The funding pane's texts for one footprint.
struct FundingCells: Sendable {
  var quoted: (String, Role)
  var range: (String, Role)
  var perHead: (String, Role)
  var waves: [(String, Role)]
}
