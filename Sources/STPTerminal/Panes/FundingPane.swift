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

  /// Every funding figure made once per load: a frame then only formats the visible ones for
  /// their column's width.
  func prepare(_ s: AppState) -> (any Sendable)? {
    let (d, m) = (s.dataset, s.metrics)
    return Once {
      let cells = Self.cells(d, m)
      return FundingCache(
        cells: cells, strip: Self.stripParts(d, m), forms: Self.forms(cells, waves: d.waves.count))
    }
  }

  /// The per-load cache, made on first use.
  static func cache(_ s: AppState) -> FundingCache? {
    s.cache(for: .funding, as: Once<FundingCache>.self)?.value
  }

  func exportView(_ s: AppState) -> ExportView? { .funding(rows: s.rows(for: id)) }

  /// Every funding figure of every footprint.
  static func cells(_ d: Dataset, _ m: Metrics) -> [FundingCells] {
    d.footprints.indices.map { f in
      FundingCells(
        funding: m.figure(.funding, footprint: f), perHead: m.figure(.perHead, footprint: f),
        waves: d.waves.indices.map { m.waveFigure(f, wave: $0) })
    }
  }

  func headline(_ s: AppState) -> Headline? {
    let m = s.metrics
    let n = s.dataset.footprints.count
    var figures: [Headline.Figure] = []
    if let wi = s.dataset.waves.firstIndex(where: \.isNational),
      let amount = s.dataset.waves[wi].nationalAmount
    {
      let w = s.dataset.waves[wi]
      figures.append(
        Headline.Figure(
          text: Format.money(amount),
          label: "\(w.shortLabel) national (\(w.stps.map { "\($0) STPs" } ?? "total"))",
          role: .barSolid, compact: "\(w.shortLabel) \(Format.money(amount))"))
      // What the amounts found prove, never their quoted sum: "≥£197.8m proven; amounts for 6
      // of the 15 STPs named".
      let sum = m.waveSum(wi)
      if sum.known > 0 {
        let forms = FigureText.sumForms(sum, what: "STPs named")
        figures.append(
          Headline.Figure(
            text: FigureText.text(sum.figure, width: 10),
            label: forms[1].drop { $0 != ";" }.dropFirst(2).description
              + (sum.quoted != (sum.figure.rankValue ?? -1)
                ? "; quoted " + Format.money(Int64(sum.quoted)) : ""),
            role: .barSolid, compact: forms[2]))
      }
    }
    let totals = (0..<n).map { m.figure(.funding, footprint: $0) }.filter {
      m.funding.indices.contains(0) && $0.isKnown
    }
    let exact = totals.count {
      if case .exact = $0.value { return !$0.hasMore } else { return false }
    }
    figures.append(
      Headline.Figure(
        text: "\(totals.count)/\(n)", label: "with an amount (\(exact) exact)", role: .barSolid,
        compact: "\(totals.count)/\(n) with an amount (\(exact) exact)"))
    return Headline(
      title: "Where the funding went, per footprint (published amounts; not every award has one)",
      figures: figures)
  }

  func columns(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = Panes.positions(s, .funding)
    let scale = Double(m.funding.map { max($0.total.high ?? $0.total.low, $0.quoted) }.max() ?? 0)
    // "GBP " is wider than "£".
    let gbp = s.glyphs.pound == "£" ? 0 : DisplayWidth.of(s.glyphs.pound) - 1
    var cols = [Panes.positionColumn(pos), Panes.nameColumn(s)]
    let cache = Self.cache(s)
    let cells = cache?.cells ?? Self.cells(s.dataset, s.metrics)
    let made = cache?.forms ?? Self.forms(cells, waves: s.dataset.waves.count)
    func figureColumn(
      _ title: String, width: Int, minWidth: Int, priority: Int, sort: @escaping (Int) -> SortKey?,
      _ k: Int
    ) -> TableColumn {
      Panes.figureColumn(
        s, title: title, width: width + gbp, minWidth: minWidth, priority: priority, sort: sort,
        made[k])
    }
    cols.append(
      figureColumn(
        "Funding", width: 18, minWidth: 7, priority: 90,
        sort: { m.value(.funding, footprint: $0).map(SortKey.number) }, 0))
    cols.append(
      TableColumn(
        title: "", width: 16, minWidth: 8, priority: 44,
        sortKey: { m.funding[$0].hasAward ? .number(Double(m.funding[$0].total.low)) : nil },
        draw: { c, r, f in
          let fund = m.funding[f]
          // The bar draws what the known range says, and only that: no bar without an award.
          guard fund.hasAward, scale > 0 else { return }
          TableView.bar(
            &c, r, solid: Double(fund.total.low) / scale,
            light: fund.total.high.map { Double($0) / scale }, glyphs: s.glyphs)
          if fund.total.high == nil || fund.hasUnknownAmount {
            // Open-ended: the light part runs to the edge; say so in words at its end.
            c.put("+?", at: Point(x: r.maxX - 2, y: r.y), role: .barLight, clip: r)
          }
        }))
    cols.append(
      figureColumn(
        "Per head", width: 18, minWidth: 8, priority: 75,
        sort: { m.value(.perHead, footprint: $0).map(SortKey.number) }, 1))
    for (w, wave) in s.dataset.waves.enumerated() {
      cols.append(
        figureColumn(
          wave.shortLabel, width: 8, minWidth: 6, priority: 45 - w,
          // A wave with no amount (a named recipient, a bid) sorts with the
          // unknowns, never as £0.
          sort: { f in cells[f].waves[w]?.rankValue.map(SortKey.number) }, 2 + w))
    }
    return cols
  }

  func strip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    // Each wave's national amount, then what the amounts found prove, with their coverage: the
    // longest forms that fit together ("W1 £325m: at least £197.8m proven; amounts for 6 of 15
    // STPs named", down to "W1 £325m: ≥£197.8m 6/15").
    let ascii = s.glyphs == .ascii
    let parts = Self.cache(s)?.strip ?? Self.stripParts(s.dataset, s.metrics)
    let depth = parts.map(\.count).max() ?? 1
    let room = r.width - 2
    var text = ""
    for level in 0..<depth {
      text = parts.map { p in p[min(level, p.count - 1)] }.joined(
        separator: level < 2 ? " · " : "  ")
      if ascii { text = ASCIIFold.fold(text) }
      if DisplayWidth.of(text) <= room { break }
    }
    if DisplayWidth.of(text) > room {
      // Whole waves only, then "…": a wave's figure is never cut.
      let shortest = parts.map { p in ascii ? ASCIIFold.fold(p[p.count - 1]) : p[p.count - 1] }
      text = ""
      for part in shortest {
        let next = text.isEmpty ? part : text + "  " + part
        if DisplayWidth.of(next) + 2 > room {
          text += text.isEmpty ? "" : "  …"
          break
        }
        text = next
      }
    }
    c.put(Panes.pounds(s, text), at: Point(x: r.x + 1, y: r.y), width: room, role: .label, clip: r)
  }
}

extension FundingPane {
  /// Each wave's strip text, longest form first: its national amount, then what the amounts of
  /// the STPs named in it prove, with their coverage, and the rows that name no STP.
  static func stripParts(_ d: Dataset, _ m: Metrics) -> [[String]] {
    m.waves.map { w in
      let wave = d.waves[w.wave]
      let head =
        wave.shortLabel
        + (wave.isNational
          ? " " + (wave.nationalAmount.map { Format.money($0) } ?? Absence.unknown.word) : "")
      let sum = FigureText.sumForms(m.waveSum(w.wave), what: "STPs named", quoted: false)
      let unnamed = m.waveUnattributed(w.wave).map { FigureText.forms($0) }
      return sum.indices.map { k in
        head + ": " + sum[k]
          + (unnamed.map { u in
            (k < 2 ? " + " + u[0] + " no STP named" : " +" + (u.last ?? "") + " unnamed")
          } ?? "")
      }
    }
  }
}

/// The funding pane's per-load cache: each footprint's figures and the strip's texts.
struct FundingCache: Sendable {
  var cells: [FundingCells]
  var strip: [[String]]
  /// The columns' texts: funding, per head, then each wave.
  var forms: [FigureForms]
}

extension FundingPane {
  /// The columns' texts, made once: funding, per head, then each wave.
  static func forms(_ cells: [FundingCells], waves: Int) -> [FigureForms] {
    [FigureForms(cells.map(\.funding)), FigureForms(cells.map(\.perHead))]
      + (0..<waves).map { w in
        FigureForms(cells.map { $0.waves.indices.contains(w) ? $0.waves[w] : nil })
      }
  }
}

/// The funding pane's figures for one footprint (nil: no row in that wave).
struct FundingCells: Sendable {
  var funding: STPModel.Figure
  var perHead: STPModel.Figure
  var waves: [STPModel.Figure?]
}
