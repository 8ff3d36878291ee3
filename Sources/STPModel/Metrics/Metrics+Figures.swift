/// Each measure's figure for one footprint: value, qualifier, reason when absent, source and
/// the data rows that hold it. The catalogue's accessors (`MeasureCatalog`) call these.
extension Metrics {
  // MARK: - Band

  /// The band, or why it is unknown ("Advanced or Making progress" where the published totals
  /// leave only those).
  public func bandFigure(_ f: Int) -> Figure {
    let code = data.footprints[f].code
    let rating = data.ratings.last { $0.code == code && $0.period == period }
    guard let band = bands[f] else {
      let note = bandBounds.unknownAreAdvancedOrMakingProgress ? "Advanced or Making progress" : nil
      return .absent(.unknown, unit: .band, note: note)
    }
    return Figure(
      .exact(Double(band.rawValue)), unit: .band, source: rating?.source,
      rows: rating.map { [$0.location] } ?? [])
  }

  /// Each footprint's possible positions by band among all footprints, from the published
  /// national totals: with every Outstanding known, an Advanced STP is =6 of 44 whatever the
  /// unknown bands are; Making progress depends on how many were Advanced (=20, =24 or =26).
  /// One set per source whose totals agree with the known bands; nil for every footprint when no
  /// source does or the totals do not add up to the footprints.
  func bandPositionsAmongAll() -> [[Int]?] {
    let n = bands.count
    let known = bandBounds.known
    let sources = bandBounds.totals.compactMap { t -> [Band: Int]? in
      var counts: [Band: Int] = [:]
      for b in Band.allCases {
        guard let c = t.count(b), c >= known[b, default: 0] else { return nil }
        counts[b] = c
      }
      return counts.values.reduce(0, +) == n ? counts : nil
    }
    guard !sources.isEmpty else { return Array(repeating: nil, count: n) }
    func positions(_ b: Band) -> [Int] {
      var seen: [Int] = []
      for s in sources {
        let p = 1 + Band.allCases.filter { $0 > b }.reduce(0) { $0 + s[$1, default: 0] }
        if !seen.contains(p) { seen.append(p) }
      }
      return seen.sorted()
    }
    let unknown = bandBounds.possible.flatMap(positions)
    let unknownSet = Array(Set(unknown)).sorted()
    return bands.map { b in b.map(positions) ?? unknownSet }
  }

  // MARK: - Funding

  /// The data rows a footprint's funding figure rests on (STP totals that cover their waves,
  /// else the rows with amounts), in file order, at most `FundingCalculator.citedRows`.
  func fundingRows(_ f: Int, waves: [WaveFunding]) -> [RowLocation] {
    var rows: [Int32] = []
    for w in waves where rows.count < FundingCalculator.citedRows { rows += w.rows }
    return rows.prefix(FundingCalculator.citedRows).sorted().map {
      RowLocation(file: "funding.csv", line: Int(data.funding.records[Int($0)].line))
    }
  }

  /// The first source named by some of `rows`.
  func fundingSource(_ waves: [WaveFunding]) -> String? {
    guard let r = waves.lazy.flatMap(\.rows).first else { return nil }
    return data.funding.source(Int(r))
  }

  /// A footprint's funding over all waves: "£8m to £20m", "at least £100m", "up
  /// to £80m + amounts unknown"; absent as a nil award ("£0 in W4; other waves unknown") or
  /// unknown.
  public func fundingFigure(_ f: Int) -> Figure {
    fundingFigures.value(f) { makeFundingFigure(f) }
  }

  private func makeFundingFigure(_ f: Int) -> Figure {
    let fund = funding[f]
    let counted = fund.waves.filter { $0.coveredBy == nil }
    if fund.isNilOnly {
      let nilWaves = fund.waves.filter(\.isNilAward)
      let labels = nilWaves.map { data.waves[$0.wave].shortLabel }.joined(separator: ", ")
      return .absent(
        .nilAward, unit: .money, note: "£0 in \(labels); other waves unknown",
        source: fundingSource(nilWaves), rows: fundingRows(f, waves: nilWaves))
    }
    guard fund.hasAward else {
      let bidsOnly =
        fund.hasRows
        && fund.waves.allSatisfy {
          $0.unsuccessfulBids > 0 && !$0.hasUnknownAmount && $0.schemes == 0
        }
      return .absent(
        bidsOnly ? .bidNotFunded : .unknown, unit: .money,
        note: fund.hasRows && !bidsOnly ? "named, amount not published" : nil,
        source: fundingSource(fund.waves), rows: fundingRows(f, waves: fund.waves))
    }
    var value = FigureValue(low: Double(fund.total.low), high: fund.total.high.map(Double.init))
    if case .absent = value { value = .upTo(Double(fund.quoted)) }
    // Cited: the rows that carry the amounts (a recipient named without one holds no figure).
    let awarded = counted.filter(\.hasAward)
    var fig = Figure(
      value, unit: .money, isUncertain: fund.isUncertain, source: fundingSource(awarded),
      rows: fundingRows(f, waves: awarded))
    fig.hasMore = fund.hasUnknownAmount
    return fig
  }

  /// One wave of one footprint: its amount with qualifier, £0 for a nil award, absent as "bid
  /// not funded" or unknown; nil when the footprint has no row in the wave.
  public func waveFigure(_ f: Int, wave w: Int) -> Figure? {
    guard let wf = funding[f].waves.first(where: { $0.wave == w }) else { return nil }
    let rows = fundingRows(f, waves: [wf])
    let source = fundingSource([wf])
    if wf.isNilAward && !wf.hasAward && !wf.hasUnknownAmount {
      return Figure(
        .exact(0), unit: .money, isUncertain: wf.isUncertain, note: "nil award", source: source,
        rows: rows)
    }
    guard wf.hasAward else {
      let notFunded = wf.unsuccessfulBids > 0 && wf.schemes == 0 && !wf.hasUnknownAmount
      return .absent(notFunded ? .bidNotFunded : .unknown, unit: .money, source: source, rows: rows)
    }
    var value = FigureValue(low: Double(wf.range.low), high: wf.range.high.map(Double.init))
    if case .absent = value { value = .upTo(Double(wf.quoted)) }
    var fig = Figure(value, unit: .money, isUncertain: wf.isUncertain, source: source, rows: rows)
    fig.hasMore = wf.hasUnknownAmount
    return fig
  }

  /// A wave's amounts over the STPs named in it: "at least £197.8m proven; amounts for 6 of 15
  /// STPs named", with the people the STPs with amounts cover. An STP named only for a bid that
  /// was not funded counts as one whose amount is unknown (the bid says nothing of its awards).
  public func waveSum(_ w: Int) -> FigureSum {
    var parts: [Figure] = []
    var people: [Int64?] = []
    for f in data.footprints.indices {
      guard let fig = waveFigure(f, wave: w) else { continue }
      parts.append(fig)
      people.append(data.footprints[f].onsPopulation.map(Int64.init))
    }
    return FigureSum(parts, unit: .money, people: people)
  }

  /// The amounts of a wave's rows that name no STP, as a figure; nil when there are none.
  public func waveUnattributed(_ w: Int) -> Figure? {
    guard let s = waves.first(where: { $0.wave == w }), s.unattributedRows > 0 else { return nil }
    return .money(s.unattributedRange)
  }

  /// Funding per head of the ONS mid-2017 population: the funding figure over the people, its
  /// qualifier kept ("up to £312m" over 493,227 is "up to £632.57"); absent (unknown, with the
  /// funding's reason in words) without an amount or a population. A nil award is never £0 a
  /// head: it covers one wave, not the total.
  public func perHeadFigure(_ f: Int) -> Figure {
    let money = fundingFigure(f)
    let fp = data.footprints[f]
    guard money.isKnown, let p = fp.onsPopulation, p > 0 else {
      let why =
        !money.isKnown
        ? (money.note ?? (money.absence == .unknown ? nil : money.absence?.word))
        : "no ONS population"
      return .absent(
        .unknown, unit: .moneyPerHead, note: why, source: money.source, rows: money.rows)
    }
    var fig = money.divided(by: Double(p), unit: .moneyPerHead)
    fig.note = "ONS mid-2017"
    fig.rows = money.rows + [fp.location]
    return fig
  }

  // MARK: - Partnership

  /// Sectors beyond the NHS with the non-NHS share: "1, 33%", "2+, ≥27%"; absent as "not in the
  /// source" (a list of NHS bodies only), "not searched" (NHS lookups only) or unknown.
  public func breadthFigure(_ f: Int) -> Figure {
    let b = breadth[f]
    let (source, rows) = partnerSource(f)
    guard b.hasData else { return .absent(.unknown, unit: .sectors) }
    guard b.listsBeyondNHS else {
      return .absent(
        .notInSource, unit: .sectors, note: "the source lists NHS bodies only", source: source,
        rows: rows)
    }
    guard b.hasMembershipEvidence else {
      return .absent(
        .notSearched, unit: .sectors, note: "NHS lookups only", source: source, rows: rows)
    }
    guard b.rankValue != nil else {
      return .absent(
        .statedUnnamed, unit: .sectors, note: "a total stated; members beyond the NHS unnamed",
        source: source, rows: rows)
    }
    let n = Double(b.nonNHSSectorCount)
    return Figure(
      b.isSectorCountLowerBound ? .atLeast(n) : .exact(n), unit: .sectors,
      share: b.nonNHSShare, isShareLowerBound: b.isShareLowerBound, source: source, rows: rows)
  }

  /// Partner organisations in all: "25", "30+", "~26".
  public func partnersFigure(_ f: Int) -> Figure {
    let b = breadth[f]
    let (source, rows) = partnerSource(f)
    guard b.hasData else { return .absent(.unknown, unit: .count) }
    let n = Double(b.total)
    let value: FigureValue =
      switch b.totalBasis {
      case .exact: .exact(n)
      case .atLeast: .atLeast(n)
      case .approx: .approx(n)
      }
    return Figure(value, unit: .count, source: source, rows: rows)
  }

  /// Where a partnership's figures come from: its stated total's row, else its first listed
  /// member beyond the lookups, else its first row (made once per load).
  func partnerSource(_ f: Int) -> (String?, [RowLocation]) {
    let c = partnerCites.get(data)
    return c.indices.contains(f) ? (c[f].source, c[f].rows) : (nil, [])
  }

  /// The share of the footprint's people whose social care council is a named partner, noted
  /// "2 of 3"; absent as "10 stated, unnamed", "not in the source", "not searched" or unknown.
  public func councilsFigure(_ f: Int) -> Figure {
    let c = councils[f]
    let first = c.socialCare.first.map { data.councils[$0] }
    guard !c.socialCare.isEmpty else { return .absent(.unknown, unit: .percent(places: 0)) }
    guard let share = c.weightedShare(data) else {
      if let stated = c.stated {
        return .absent(
          .statedUnnamed, unit: .percent(places: 0), note: "\(stated) stated, unnamed",
          source: partnerSource(f).0, rows: partnerSource(f).1)
      }
      let reason: AbsentReason = c.notInSource ? .notInSource : .notSearched
      return .absent(
        reason, unit: .percent(places: 0), source: first?.source,
        rows: first.map { [$0.location] } ?? [])
    }
    var fig = Figure(
      .exact(share), unit: .percent(places: 0), source: first?.source,
      rows: first.map { [$0.location] } ?? [])
    fig.lead = "\(c.socialCareNamed(data).count) of \(c.socialCare.count)"
    return fig
  }

  // MARK: - Population and place

  /// The ONS mid-2017 population.
  public func populationFigure(_ f: Int) -> Figure {
    let fp = data.footprints[f]
    guard let p = fp.onsPopulation else { return .absent(.unknown, unit: .people) }
    return Figure(
      .exact(Double(p)), unit: .people, note: fp.onsYear.map { "ONS " + $0 },
      source: fp.onsSource, rows: [fp.location])
  }

  /// The STP's own population figure, as stated ("~2,600,000 (2016)").
  public func statedPopulationFigure(_ f: Int) -> Figure {
    let fp = data.footprints[f]
    guard let p = fp.population else { return .absent(.unknown, unit: .people) }
    let n = Double(p)
    let value: FigureValue =
      switch fp.populationBasis {
      case .approx: .approx(n)
      case .over: .atLeast(n)
      case .under: .upTo(n)
      case .exact, nil: .exact(n)
      }
    return Figure(
      value, unit: .people, note: fp.populationYear, source: fp.populationSource,
      rows: [fp.location])
  }

  /// A share of the ONS population by age.
  public func ageFigure(_ f: Int, aged85: Bool) -> Figure {
    let fp = data.footprints[f]
    let places = aged85 ? 2 : 1
    guard let part = aged85 ? fp.onsAged85Plus : fp.onsAged65Plus, let whole = fp.onsPopulation,
      whole > 0
    else {
      return .absent(.unknown, unit: .percent(places: places))
    }
    return Figure(
      .exact(Double(part) / Double(whole)), unit: .percent(places: places),
      note: fp.onsYear.map { "ONS " + $0 }, source: fp.onsSource, rows: [fp.location])
  }

  /// The footprint's area (km², ONS polygons on the WGS84 ellipsoid).
  public func areaFigure(_ f: Int) -> Figure {
    guard areasKm2.indices.contains(f), let a = areasKm2[f], a > 0 else {
      return .absent(.unknown, unit: .area)
    }
    return Figure(
      .exact(a), unit: .area, note: "WGS84 ellipsoid",
      source: data.geography.source + "; area on the WGS84 ellipsoid")
  }

  /// An area with thousands separators: "2,660".
  func groupedKm2(_ a: Double) -> String {
    let digits = String(Int(a.rounded()))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }

  /// People per km²: the ONS mid-2017 population over the area.
  /// People per km², the value of `densityFigure` without its texts (ranking and counting read
  /// it for every footprint: through the figure, the start's cross-checks spent 0.7M
  /// instructions making notes and sources they dropped, issue 26).
  func densityValue(_ f: Int) -> Double? {
    guard areasKm2.indices.contains(f), let a = areasKm2[f], a > 0,
      let p = data.footprints[f].onsPopulation
    else { return nil }
    return Double(p) / a
  }

  public func densityFigure(_ f: Int) -> Figure {
    let area = areaFigure(f)
    let pop = populationFigure(f)
    guard let a = area.rankValue, let p = pop.rankValue else {
      return .absent(.unknown, unit: .density)
    }
    return Figure(
      .exact(p / a), unit: .density, note: "ONS mid-2017 over \(groupedKm2(a)) km²",
      source: (pop.source ?? "") + "; " + (area.source ?? ""), rows: pop.rows)
  }
}
