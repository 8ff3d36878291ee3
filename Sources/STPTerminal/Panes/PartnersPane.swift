import STPModel
import STPReport

/// How broad each partnership is beyond the NHS: organisations by sector, sectors, non-NHS share.
struct PartnersPane: TablePane {
  let id = PaneID.partners
  let title = "Partnerships"
  let shortTitle = "Partners"

  func rankMeasure(_ s: AppState) -> Measure { .breadth }

  /// The sector headings in words, where the table has room (help lists them when it has not).
  static let sectorHeadings = [
    "CCGs", "Acute", "Community/MH", "Primary care", "Local auth", "Housing", "Voluntary",
    "Private",
    "Academic", "Public", "Other",
  ]

  func coverage(_ s: AppState) -> String {
    let n = s.dataset.footprints.count
    return "breadth known \((0..<n).count { s.metrics.value(.breadth, footprint: $0) != nil })/\(n)"
  }

  /// When each footprint's membership evidence dates from ("As of"), read once per load.
  func prepare(_ s: AppState) -> (any Sendable)? { s.dataset.membershipDates() }

  func exportView(_ s: AppState) -> ExportView? { .partners(rows: s.rows(for: id)) }

  func headline(_ s: AppState) -> Headline? {
    let m = s.metrics
    let n = s.dataset.footprints.count
    let h = m.breadthHeadline
    var figures = [
      Headline.Figure(
        text: "\(h.beyondNHS)/\(h.known)", label: "name partners beyond the NHS", role: .barSolid,
        compact: "\(h.beyondNHS)/\(h.known) beyond the NHS"),
      Headline.Figure(
        text: "\(h.widest)", label: "sectors beyond the NHS at most", role: .barSolid,
        compact: "\(h.widest) sectors at most"),
    ]
    if let median = h.medianShare {
      figures.append(
        Headline.Figure(
          text: Format.percent(median), label: "median non-NHS (\(h.shares) known)",
          role: .barSolid,
          compact: "median \(Format.percent(median)) non-NHS (\(h.shares))"))
    }
    // Councils: of the partnerships whose member lists were searched, how many name every social
    // care council in their footprint (ONS).
    let searched = m.councils.filter { $0.weightedShare(s.dataset) != nil }
    let all = searched.filter { $0.socialCareMissing(s.dataset).isEmpty }.count
    if !searched.isEmpty {
      figures.append(
        Headline.Figure(
          text: "\(all)/\(searched.count)", label: "name all their social care councils",
          role: .barSolid,
          compact: "\(all)/\(searched.count) name all their care councils"))
    }
    return Headline(
      title:
        "How broad beyond the NHS: breadth known for \(h.known) of \(n) STPs; councils (ONS) for the \(searched.count) with member lists",
      figures: figures)
  }

  func columns(_ s: AppState) -> [TableColumn] {
    let m = s.metrics
    let pos = Panes.positions(s, .breadth)
    var cols = [Panes.positionColumn(pos), Panes.nameColumn(s)]
    cols.append(
      .text(
        "Sectors", width: 7, right: true, priority: 88,
        longTitle: "Non-NHS sectors: sectors beyond the NHS with a named member",
        sort: { m.breadth[$0].rankValue.map(SortKey.number) },
        value: { f in
          let b = m.breadth[f]
          guard b.rankValue != nil else { return (Absence.unknown.glyph, .unknown) }
          return (PartnersReport.sectorsBeyondText(b), .text)
        }))
    cols.append(
      .text(
        "Orgs", width: 5, right: true, priority: 80,
        sort: { m.breadth[$0].hasData ? .number(Double(m.breadth[$0].total)) : nil },
        value: { f in
          let b = m.breadth[f]
          guard b.hasData else { return (Absence.unknown.glyph, .unknown) }
          // "37*": a stated 37, fewer named (Detail says "37 stated, 29 named")
          let more = b.total > b.named
          return (
            Format.count(b.total, basis: b.totalBasis) + (more ? "*" : ""), more ? .label : .text
          )
        }))
    cols.append(
      .text(
        "Non-NHS", width: 7, right: true, priority: 86,
        longTitle: "Non-NHS: the non-NHS share of the partners",
        sort: { m.breadth[$0].nonNHSShare.map(SortKey.number) },
        value: { f in
          let b = m.breadth[f]
          return b.nonNHSShare.map { (PartnersReport.shareText(b, $0), .text) }
            ?? (Absence.unknown.glyph, .unknown)
        }))
    // Social care councils (ONS) the partnership names: "2 of 3 (86%)", "not searched".
    cols.append(
      .text(
        "Councils", width: 10, minWidth: 10, right: true, priority: 84,
        longTitle:
          "Social care councils (ONS) named as partners of those in the footprint, and the share of its people they serve; ? not searched",
        sort: { m.value(.councils, footprint: $0).map(SortKey.number) },
        value: { f in
          let c = m.councils[f]
          guard let share = c.weightedShare(s.dataset) else {
            return (c.stated.map { "\($0) unnamed" } ?? Absence.unknown.glyph, .unknown)
          }
          return (
            "\(c.socialCareNamed(s.dataset).count)/\(c.socialCare.count) \(CouncilsText.percent(share))",
            .text
          )
        }))
    for (k, sector) in Sector.allCases.enumerated() {
      cols.append(
        .text(
          sector.shortLabel, width: 4, minWidth: 4, right: true, priority: 50 - k,
          longTitle: Self.sectorHeadings[k],
          sort: { f in
            // A sector never searched ("?") sorts with the unknowns, not as 0.
            let b = m.breadth[f]
            let n = b.count(sector).count
            return n == 0 && !b.wasSearched(sector) ? nil : .number(Double(n))
          },
          value: { f in
            let b = m.breadth[f]
            let c = b.count(sector)
            if c.count == 0 {
              return b.wasSearched(sector)
                ? (s.glyphs.dot, .dim) : (Absence.unknown.glyph, .unknown)
            }
            return ("\(c.count)" + (c.isCountOnly ? "*" : ""), c.isCountOnly ? .label : .text)
          }))
    }
    cols.append(
      .text(
        "Basis", width: 16, minWidth: 8, priority: 30,
        sort: { .text(PartnersReport.basis(m.breadth[$0])) },
        value: { f in
          let b = PartnersReport.basis(m.breadth[f])
          return (b, b == "named" ? .text : .dim)
        }))
    let dates = s.cache(for: id, as: [String?].self) ?? []
    cols.append(
      .text(
        "As of", width: 9, minWidth: 9, priority: 40,
        sort: { f in dates.indices.contains(f) ? dates[f].map(SortKey.text) : nil },
        value: { f in
          guard dates.indices.contains(f), let d = dates[f] else {
            return (Absence.unknown.glyph, .unknown)
          }
          return (Panes.compactDates(d), .text)
        }))
    return cols
  }

  func strip(_ s: AppState, _ c: inout Canvas, _ r: Rect) {
    let known = s.metrics.breadth.filter { $0.rankValue != nil }.count
    var x = r.x + 1
    x +=
      c.put(
        "Breadth known for \(known) of \(s.dataset.footprints.count)", at: Point(x: x, y: r.y),
        role: .label, clip: r) + 2
    c.put(
      "Sectors: non-NHS sectors · Non-NHS: their share of partners · * stated count, fewer named · + ≥ lower bound · \(s.glyphs.dot) none named · ? unknown (only NHS lookups on record)",
      at: Point(x: x, y: r.y), width: r.maxX - x - 1, role: .dim, clip: r)
  }
}
