import STPModel

/// Everything about one STP, with the source and row of each value (`show`).
public struct ShowReport: Sendable {
  /// One fact: a label, its value, and where it comes from.
  public struct Entry: Sendable {
    /// What the value is.
    public var label: String
    /// The value for people.
    public var text: String
    /// The value for machines.
    public var value: JSONValue
    /// The source the data cites.
    public var source: String?
    /// The data row, `file:line`.
    public var location: String?

    /// A group's heading ("Local authority: 3", "wave1 Spring Budget … — at least £100m") as its
    /// name and what follows, for surfaces that lay it out as label and value; nil for a fact.
    public var headingParts: (name: String, detail: String)? {
      guard text.isEmpty, label != "  •" else { return nil }
      for separator in [" — ", ": "] {
        if let r = label.rangeOfBytes(separator) {
          return (String(label[..<r.lowerBound]), String(label[r.upperBound...]))
        }
      }
      return (label, "")
    }
  }

  /// A group of facts.
  public struct Section: Sendable {
    /// Heading.
    public var heading: String
    /// Key in JSON.
    public var key: String
    /// Facts.
    public var entries: [Entry]
  }

  /// STP code.
  public var code: String
  /// STP name.
  public var name: String
  /// Sections, in reading order.
  public var sections: [Section]

  /// Finds a footprint by code (exact, any case), name or other name (exact, any case), or a
  /// unique part of a name. Returns the candidates when the query is ambiguous.
  public static func find(_ query: String, in d: Dataset) -> Result<Int, LookupFailure> {
    let q = query.trimmingCharacters().lowercased()
    guard !q.isEmpty else { return .failure(.notFound) }
    if let i = d.footprints.firstIndex(where: { $0.code.lowercased() == q }) { return .success(i) }
    let exact = d.footprints.indices.filter { i in
      ([d.footprints[i].name] + d.footprints[i].otherNames).contains { $0.lowercased() == q }
    }
    if exact.count == 1 { return .success(exact[0]) }
    let partial = d.footprints.indices.filter { i in
      ([d.footprints[i].name] + d.footprints[i].otherNames).contains { $0.containsIgnoringCase(q) }
    }
    if partial.count == 1 { return .success(partial[0]) }
    if partial.isEmpty { return .failure(.notFound) }
    return .failure(.ambiguous(partial))
  }

  /// Why `find` found no single footprint.
  public enum LookupFailure: Error, Equatable {
    case notFound
    case ambiguous([Int])
  }

  /// Said while the councils are being matched: not unknown, not yet worked out.
  static func beingMatched(_ label: String) -> Entry {
    Entry(
      label: label,
      text: "being matched with the partner lists (a large load); shown when done",
      value: .null, source: nil, location: nil)
  }

  /// A figure for JSON: value, minimum, maximum, basis, uncertain; null when absent.
  static func figureObject(_ f: Figure) -> JSONValue {
    guard f.isKnown else { return .null }
    func n(_ v: Double?) -> JSONValue { v.map { FigureText.exportNumber($0, f.unit) } ?? .null }
    return .object([
      ("value", n(f.rankValue)), ("min", n(f.minimum)), ("max", n(f.maximum)),
      ("basis", .string(f.basis)), ("uncertain", .bool(f.isUncertain)),
    ])
  }

  /// Builds the report for footprint `i`.
  /// Whether the councils each partnership names were still being matched when this was made
  /// (a report made with `waitingForCouncils: false`): its councils say so, to be made again.
  public private(set) var councilsPending = false

  /// The report on footprint `i`. `waitingForCouncils: false` (the dashboard's Detail, opened
  /// while the councils of a large load are still being matched): the councils section and
  /// measure say they are being matched instead of holding the screen until they are.
  public init(_ d: Dataset, _ m: Metrics, footprint i: Int, waitingForCouncils: Bool = true) {
    let covers = waitingForCouncils ? m.councils : m.councilsUnlessBeingMatched
    let f = d.footprints[i]
    code = f.code
    name = f.name
    var sections: [Section] = []
    let loc = { (r: RowLocation) in r.description }

    // Overview.
    var overview: [Entry] = [
      Entry(
        label: "Code", text: f.code, value: .string(f.code), source: f.source,
        location: loc(f.location)),
      Entry(
        label: "Region", text: f.region ?? "unknown", value: .text(f.region), source: nil,
        location: nil),
    ]
    if !f.otherNames.isEmpty {
      overview.append(
        Entry(
          label: "Also known as", text: f.otherNames.joined(separator: "; "),
          value: .array(f.otherNames.map(JSONValue.string)), source: nil, location: nil))
    }
    overview.append(
      Entry(
        label: "Footprint no.", text: f.footprintNumber.map { "\($0)" } ?? "unknown",
        value: .number(f.footprintNumber), source: nil, location: nil))
    // The one basis of per-head figures and rankings, then the STP's own figure beside it.
    if let p = f.onsPopulation {
      overview.append(
        Entry(
          label: "Population", text: Format.onsPopulation(f) ?? "",
          value: .int(Int64(p)), source: f.onsSource, location: loc(f.location)))
      for (label, count, aged85) in [
        ("  aged 65+", f.onsAged65Plus, false), ("  aged 85+", f.onsAged85Plus, true),
      ] {
        let share = m.ageFigure(i, aged85: aged85)
        guard let count, share.isKnown else { continue }
        overview.append(
          Entry(
            label: label, text: "\(Format.grouped(Int64(count))), \(FigureText.text(share))",
            value: .int(Int64(count)), source: f.onsSource, location: loc(f.location)))
      }
    } else {
      overview.append(
        Entry(
          label: "Population", text: "unknown (no figure on the one basis)",
          value: .null, source: nil, location: loc(f.location)))
    }
    if let p = f.population {
      var text = Format.population(p, basis: f.populationBasis)
      var extras: [String] = []
      if let y = f.populationYear { extras.append(y) }
      if let t = f.populationText { extras.append("\"\(t)\"") }
      if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
      overview.append(
        Entry(
          label: "  as stated by the STP", text: text + "; not used for per head or ranks",
          value: .int(Int64(p)), source: f.populationSource, location: loc(f.location)))
    } else {
      overview.append(
        Entry(
          label: "  as stated by the STP", text: Absence.unknown.word, value: .null,
          source: nil, location: loc(f.location)))
    }
    if let ccgs = f.onsCCGCount {
      let listed = m.breadth[i].count(.commissioner).count
      overview.append(
        Entry(
          label: "CCGs",
          text: "\(ccgs) in the ONS April 2017 lookup (CCG17); \(listed) in the partner "
            + "lists (2016-17 CCG configuration, CCG16)",
          value: .int(Int64(ccgs)), source: f.onsSource, location: loc(f.location)))
    }
    if let s = f.successorCode {
      let text = s + (f.successorName.map { " \($0)" } ?? "")
      overview.append(
        Entry(
          label: "Merged into", text: text, value: .string(s), source: nil,
          location: loc(f.location)))
    }
    if let n = f.notes {
      overview.append(Entry(label: "Notes", text: n, value: .string(n), source: nil, location: nil))
    }
    sections.append(Section(heading: "\(f.name) (\(f.code))", key: "footprint", entries: overview))

    // League.
    var league: [Entry] = []
    let ratings = d.ratings.filter { $0.code == f.code }.sorted { $0.period < $1.period }
    for r in ratings {
      league.append(
        Entry(
          label: "Band \(r.period)", text: r.band?.name ?? "unknown",
          value: .text(r.band?.name), source: r.source, location: loc(r.location)))
      if let notes = r.notes {  // Devon's caveat, or how the band was reported
        league.append(
          Entry(label: "  note", text: notes, value: .string(notes), source: nil, location: nil))
      }
      for (name, band) in r.domains {
        league.append(
          Entry(
            label: "  \(name)", text: band?.name ?? "unknown", value: .text(band?.name),
            source: r.source, location: loc(r.location)))
      }
    }
    if ratings.isEmpty || m.bands[i] == nil {
      let bounds = m.bandBounds
      let text =
        bounds.unknownAreAdvancedOrMakingProgress
        ? "unknown: Advanced or Making progress (every Outstanding and Needs most improvement "
          + "STP is known; published totals: Advanced \(bounds.published(.advanced)), Making "
          + "progress \(bounds.published(.makingProgress)))"
        : "unknown (no rating found in the data)"
      league.append(
        Entry(
          label: "Band", text: text, value: .null,
          source: bounds.totals.map(\.source).joined(separator: " ; "),
          location: bounds.totals.first.map { loc($0.location) }))
    }
    // Every measure of the catalogue: its figure with qualifier and source, then its position
    // with what it rests on ("=1 of 44 (=1 of 17 known)").
    for measure in Measure.allCases {
      let spec = measure.spec
      if measure == .councils && covers == nil {
        league.append(Self.beingMatched(spec.label))
        continue
      }
      let fig = m.figure(measure, footprint: i)
      let row = m.league(by: measure).first { $0.footprint == i }
      let pos = row?.position ?? Position(rank: nil, isTied: false)
      league.append(
        Entry(
          label: spec.label, text: FigureText.text(fig),
          value: .object([
            ("value", fig.rankValue.map { FigureText.exportNumber($0, fig.unit) } ?? .null),
            ("min", fig.minimum.map { FigureText.exportNumber($0, fig.unit) } ?? .null),
            ("max", fig.maximum.map { FigureText.exportNumber($0, fig.unit) } ?? .null),
            ("basis", .string(fig.basis)),
          ]),
          source: fig.source,
          location: fig.rows.isEmpty ? nil : fig.rows.map(\.description).joined(separator: ";")))
      league.append(
        Entry(
          label: "  position", text: FigureText.position(pos),
          value: .object([
            ("rank", .number(pos.rank)), ("of", .int(Int64(pos.known))),
            ("among_all", pos.amongAll.map { .array($0.map { .int(Int64($0)) }) } ?? .null),
          ]),
          source: nil, location: nil))
    }
    sections.append(Section(heading: "League", key: "league", entries: league))

    // Partners.
    let b = m.breadth[i]
    var partners: [Entry] = [
      Entry(
        label: "Organisations",
        text: b.hasData ? PartnersReport.partnersText(b) : Absence.unknown.word,
        value: b.hasData ? .int(Int64(b.total)) : .null, source: nil, location: nil),
      Entry(
        label: "Sectors beyond the NHS",
        text: b.rankValue == nil
          ? FigureText.text(m.breadthFigure(i))
          : "\(b.nonNHSSectorCount)" + (b.isSectorCountLowerBound ? " or more" : "")
            + " (of \(b.sectorCount) sectors in all)",
        value: b.rankValue == nil ? .null : .int(Int64(b.nonNHSSectorCount)), source: nil,
        location: nil),
      Entry(
        label: "Non-NHS share",
        text: b.nonNHSShare.map { "\(PartnersReport.shareText(b, $0)) (\(b.nonNHS) of \(b.total))" }
          ?? (b.listsBeyondNHS ? Absence.unknown.word : AbsentReason.notInSource.word),
        value: .number(b.nonNHSShare), source: nil, location: nil),
      Entry(
        label: "Basis", text: PartnersReport.basis(b), value: .string(PartnersReport.basis(b)),
        source: nil, location: nil),
    ]
    // Each row decoded once (it was once per sector: 22,000 partners decoded eight times).
    let bySector = Dictionary(
      grouping: d.partners.rows(forFootprint: i).map { d.partners[$0] }, by: \.sector)
    for s in Sector.allCases {
      let named = bySector[s] ?? []
      let c = b.count(s)
      guard c.count > 0 else { continue }
      let head =
        "\(s.label): \(c.count)" + (c.isCountOnly ? " (stated count; \(c.listed) named)" : "")
      partners.append(
        Entry(label: head, text: "", value: .int(Int64(c.count)), source: nil, location: nil))
      for p in named {
        let status =
          p.isNHS == nil ? " [NHS status unknown]" : (p.isNHS == true ? "" : " [non-NHS]")
        let codeText = p.organisationCode.isEmpty ? "" : " (\(p.organisationCode))"
        partners.append(
          Entry(
            label: "  •", text: p.organisation + codeText + status,
            value: .string(p.organisation), source: p.source,
            location: loc(p.location)))
      }
    }
    for c in d.partnerCounts where c.code == f.code {
      partners.append(
        Entry(
          label: "Stated count",
          text: "\(c.group.id): " + Format.count(c.count, basis: c.basis)
            + (c.asOf.map { ", \($0)" } ?? "")
            + (c.notes.map { " — \($0)" } ?? ""),
          value: .int(Int64(c.count)), source: c.source, location: loc(c.location)))
    }
    sections.append(Section(heading: "Partnership", key: "partners", entries: partners))

    // Funding.
    let fund = m.funding[i]
    var funding: [Entry] = [
      Entry(
        label: "Funding", text: FigureText.text(m.fundingFigure(i)),
        value: Self.figureObject(m.fundingFigure(i)), source: nil, location: nil),
      Entry(
        label: "Per head", text: FigureText.text(m.perHeadFigure(i)),
        value: Self.figureObject(m.perHeadFigure(i)), source: nil, location: nil),
    ]
    for wf in fund.waves {
      let w = d.waves[wf.wave]
      var head = w.isNational ? "\(w.id) \(w.name)" : w.name
      if let national = w.nationalAmount, national > 0, wf.hasAmount, !wf.hasUnknownAmount {
        head += " — " + FundingReport.waveShareText(wf, national: national)
      }
      if wf.isNilAward && !wf.hasAward { head += " — £0 (nil award for this wave only)" }
      if let g = wf.coveredBy { head += " — counted in the \(d.waves[g].id) total" }
      funding.append(
        Entry(
          label: head, text: "", value: .number(wf.hasAmount ? wf.quoted : nil),
          source: w.source, location: loc(w.location)))
      for row in d.funding.decode(d.funding.rows(footprint: i, wave: wf.wave)) {
        let amount = row.amountText.isEmpty ? Self.amountWords(row) : row.amountText
        let kind =
          (row.kind == .scheme
            ? "" : " [\(row.kind == .unsuccessfulBid ? "bid not funded" : row.kind.rawValue)]")
          + (row.isUncertain ? " [uncertain: sources disagree]" : "")
        funding.append(
          Entry(
            label: "  •", text: "\(row.scheme)\(kind): \(amount)",
            value: .object([("min", .number(row.amountMin)), ("max", .number(row.amountMax))]),
            source: row.source, location: loc(row.location)))
        if !row.notes.isEmpty {  // e.g. why an amount is disputed
          funding.append(
            Entry(
              label: "    note", text: row.notes, value: .string(row.notes), source: nil,
              location: nil))
        }
      }
    }
    if fund.waves.isEmpty {
      funding.append(
        Entry(
          label: "Schemes", text: "none found in the data (not the same as none awarded)",
          value: .null, source: nil, location: nil))
    }
    sections.append(Section(heading: "Capital funding", key: "funding", entries: funding))

    // Councils in the footprint (ONS) and those the partnership names.
    if covers == nil {
      councilsPending = true
      sections.append(
        Section(heading: "Councils", key: "councils", entries: [Self.beingMatched("Councils")]))
    }
    if let cover = covers?[i], !cover.socialCare.isEmpty || !cover.districts.isEmpty {
      var entries = [
        Entry(
          label: "In the footprint", text: CouncilsText.inFootprint(cover),
          value: .string(CouncilsText.inFootprint(cover)),
          source: d.councils[cover.socialCare.first ?? cover.districts[0]].source, location: nil),
        Entry(
          label: "Named as partners", text: CouncilsText.named(cover, d),
          value: cover.weightedShare(d).map { .double(($0 * 10000).rounded() / 10000) } ?? .null,
          source: nil, location: nil),
      ]
      let missing = CouncilsText.missing(cover, d)
      if cover.searched && !missing.isEmpty {
        entries.append(
          Entry(
            label: "Not named", text: missing, value: .string(missing), source: nil, location: nil))
      }
      for i in cover.socialCare {
        let x = d.councils[i]
        let named = cover.searched ? (cover.named.contains(x.code) ? "; named" : "; not named") : ""
        entries.append(
          Entry(
            label: "Social care", text: CouncilsText.council(x) + named, value: .string(x.code),
            source: x.source, location: loc(x.location)))
      }
      let districts = cover.districts.map { CouncilsText.council(d.councils[$0]) }.joined(
        separator: ", ")
      entries.append(
        Entry(
          label: "Districts", text: districts,
          value: .array(cover.districts.map { .string(d.councils[$0].code) }),
          source: nil, location: nil))
      if !cover.unmatched.isEmpty {
        entries.append(
          Entry(
            label: "Not matched",
            text: cover.unmatched.joined(separator: "; ")
              + " (named as partners; no one council by that name)",
            value: .array(cover.unmatched.map { .string($0) }), source: nil, location: nil))
      }
      sections.append(Section(heading: "Councils", key: "councils", entries: entries))
    }

    // What it became.
    let lineage = Lineage(d)
    if !lineage.dates.isEmpty {
      sections.append(
        Section(
          heading: "Became", key: "became",
          entries: lineage.dates.map { date in
            Self.became(lineage.successors(of: i, asOf: date), asOf: date)
          }))
    }

    // Designations and leaders.
    let ds = d.designations.filter { $0.code == f.code || $0.code == f.successorCode }
    if !ds.isEmpty {
      sections.append(
        Section(
          heading: "Designations", key: "designations",
          entries: ds.map { x in
            var text = x.designation
            if let s = x.scope { text += " — \(s)" }
            if let n = x.scopeNote { text += " (\(n))" }
            if x.code != f.code { text += " [as \(x.code)]" }
            return Entry(
              label: x.announced ?? "undated", text: text, value: .string(x.designation),
              source: x.source, location: loc(x.location))
          }))
    }
    let ls = d.leaders.filter { $0.code == f.code }
    if !ls.isEmpty {
      sections.append(
        Section(
          heading: "Leaders", key: "leaders",
          entries: ls.map { x in
            Entry(
              label: x.asOf ?? "undated", text: x.leader + (x.role.map { ", \($0)" } ?? ""),
              value: .string(x.leader), source: x.source, location: loc(x.location))
          }))
    }
    self.sections = sections
  }

  /// One date's successors: "North East and North Cumbria ICB (86.1% of its people), Humber
  /// and North Yorkshire ICB (13.9%)", slivers marked; unknown when the data has none.
  static func became(_ parts: [Lineage.Part], asOf date: String) -> Entry {
    let label = "\(Lineage.words(date)) (\(Lineage.kind(date))s)"
    guard !parts.isEmpty else {
      return Entry(
        label: label, text: Absence.unknown.word, value: .null, source: nil, location: nil)
    }
    let text = parts.enumerated().map { n, p in
      var share = p.share
      share.note = nil  // said in words below
      let whose = n == 0 ? " of its people" : ""
      return Lineage.shortName(p.successorName) + " (" + FigureText.text(share) + whose
        + (p.isSliver ? ", a sliver" : "") + ")"
    }.joined(separator: ", ")
    let value = JSONValue.array(
      parts.map { p in
        .object([
          ("code", .string(p.successorCode)), ("name", .string(p.successorName)),
          ("ods", .text(p.successorODS)),
          ("people", FigureText.exportNumber(p.people.minimum ?? 0, .people)),
          ("share", p.share.minimum.map { FigureText.exportNumber($0, p.share.unit) } ?? .null),
          ("sliver", .bool(p.isSliver)),
        ])
      })
    return Entry(
      label: label, text: text, value: value, source: parts[0].people.source,
      location: parts.flatMap(\.people.rows).map(\.description).joined(separator: "; "))
  }

  static func amountWords(_ r: FundingRow) -> String {
    switch r.kind {
    case .nilAward: return "£0"
    case .recipient: return "amount not published"
    default: break
    }
    switch (r.amountMin, r.amountMax) {
    case (nil, nil): return "amount not published"
    case (let lo?, let hi?): return Format.range(AmountRange(low: lo, high: hi))
    case (nil, let hi?): return "up to " + Format.money(hi)
    case (let lo?, nil): return "at least " + Format.money(lo)
    }
  }

  // MARK: - Rendering

  /// The report as text, Markdown or JSON (CSV does not fit a document; callers refuse it).
  /// The report with its texts folded to ASCII (labels padded after folding stay aligned).
  public func asciiFolded() -> ShowReport {
    var r = self
    r.name = ASCIIFold.fold(name)
    r.sections = sections.map { s in
      var s = s
      s.heading = ASCIIFold.fold(s.heading)
      s.entries = s.entries.map { e in
        var e = e
        e.label = ASCIIFold.fold(e.label)
        e.text = ASCIIFold.fold(e.text)
        e.source = e.source.map(ASCIIFold.fold)
        return e
      }
      return s
    }
    return r
  }

  /// The report as JSON, Markdown, or text (for tables and CSV alike; `csvEntries` gives CSV
  /// rows).
  public func rendered(as format: OutputFormat) -> String {
    switch format {
    case .json: return json().serialized(indent: 2) + "\n"
    case .markdown: return markdown()
    case .table, .csv: return text()
    }
  }

  /// The facts as CSV rows: section, label, value, source, row.
  public func csvEntries() -> String {
    var out = "section,label,value,source,row\n"
    for s in sections {
      for e in s.entries {
        let fields = [
          s.heading, e.label.trimmingCharacters(), e.text, e.source ?? "", e.location ?? "",
        ]
        out +=
          fields.map { ReportTable.csvField(ReportTable.neutralised($0)) }.joined(separator: ",")
          + "\n"
      }
    }
    return out
  }

  func text() -> String {
    var out = ""
    for (k, s) in sections.enumerated() {
      if k > 0 { out += "\n" }
      out += SafeText.forTerminal(s.heading) + "\n"
      let width = min(
        32,
        s.entries.filter { $0.label != "  •" && !$0.text.isEmpty }
          .map { DisplayWidth.of($0.label) }.max() ?? 0)
      for e in s.entries {
        var line = "  "
        if e.text.isEmpty {
          line += SafeText.forTerminal(e.label)
        } else if e.label == "  •" {
          line += "  • " + SafeText.forTerminal(e.text)
        } else {
          line +=
            DisplayWidth.pad(SafeText.forTerminal(e.label), to: width) + "  "
            + SafeText.forTerminal(e.text)
        }
        out += line + "\n"
        if let src = e.source ?? e.location {
          let indent = e.label == "  •" ? "      " : "    "
          var citation = e.source.map { "source: \($0)" } ?? ""
          if let l = e.location, e.source != nil {
            citation += " [\(l)]"
          } else if e.source == nil {
            citation = "[\(src)]"
          }
          out += indent + SafeText.forTerminal(citation) + "\n"
        }
      }
    }
    return out
  }

  func markdown() -> String {
    func esc(_ s: String) -> String { MarkdownText.text(s) }
    var out = ""
    for (k, s) in sections.enumerated() {
      out += (k == 0 ? "# " : "\n## ") + esc(s.heading) + "\n\n"
      for e in s.entries {
        let bullet = e.label == "  •" ? "  - " : "- "
        var line = bullet
        if e.label == "  •" {
          line += esc(e.text)
        } else if e.text.isEmpty {
          line += "**" + esc(e.label) + "**"
        } else {
          line += "**" + esc(e.label.trimmingCharacters()) + ":** " + esc(e.text)
        }
        if let src = e.source { line += " — source: " + esc(src) }
        if let l = e.location { line += " (`\(l)`)" }
        out += line + "\n"
      }
    }
    return out
  }

  func json() -> JSONValue {
    .object(
      [("code", .string(code)), ("name", .string(name))]
        + sections.map { s in
          (
            s.key,
            .array(
              s.entries.map { e in
                .object([
                  ("label", .string(e.label.trimmingCharacters())), ("text", .string(e.text)),
                  ("value", e.value), ("source", .text(e.source)), ("row", .text(e.location)),
                ])
              })
          )
        })
  }
}

extension String {
  /// The text without leading and trailing white space.
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
