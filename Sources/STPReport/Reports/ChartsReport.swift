import STPModel

/// The numbers behind the charts, for the screen and for CSV: funding ranges per STP in a wave,
/// a scatter of two measures with its correlation, and a timeline of designations and capital.
public enum ChartsReport {
  // MARK: - Funding ranges

  /// One STP's amount in a wave: what the sources prove (`low`) and the most it can be (`high`,
  /// nil when open-ended).
  public struct RangeBar: Sendable, Equatable {
    /// The STP (index into the dataset's footprints).
    public var footprint: Int
    /// Pounds the sources prove for it in the wave.
    public var low: Int64
    /// The most it can be, in pounds; nil when open-ended ("at least").
    public var high: Int64?
    /// The figure it ranks by: "up to" by its top, "at least" by its floor.
    public var quoted: Int64
    /// The amount as `FigureText` writes it ("up to £312m").
    public var text: String
  }

  /// The STPs with an amount in wave `w` (largest quoted first), and those named in the wave
  /// without one.
  public static func ranges(_ d: Dataset, _ m: Metrics, wave w: Int) -> (
    bars: [RangeBar], unknown: [Int]
  ) {
    var bars: [RangeBar] = []
    var unknown: [Int] = []
    for f in d.footprints.indices {
      guard let wf = m.funding[f].waves.first(where: { $0.wave == w }) else { continue }
      if wf.hasAmount && wf.hasAward {
        bars.append(
          RangeBar(
            footprint: f, low: wf.range.low, high: wf.range.high, quoted: wf.quoted,
            text: FigureText.text(m.waveFigure(f, wave: w) ?? .money(wf.range))))
      } else if !wf.isNilAward && wf.unsuccessfulBids == 0 || wf.hasUnknownAmount {
        unknown.append(f)
      }
    }
    bars.sort { $0.quoted != $1.quoted ? $0.quoted > $1.quoted : $0.footprint < $1.footprint }
    return (bars, unknown)
  }

  /// `ranges` as a table for the CLI and the exports: each STP's amount in the wave with the
  /// figure's machine columns (minimum, maximum, basis, source, rows), those without one last.
  public static func rangesTable(_ d: Dataset, _ m: Metrics, wave w: Int) -> ReportTable {
    let (bars, unknown) = ranges(d, m, wave: w)
    var columns = [
      ReportTable.Column("Wave", key: "wave"), ReportTable.Column("Code", key: "code"),
      ReportTable.Column("STP", key: "name"),
    ]
    columns +=
      [ReportTable.Column("Amount", key: "amount")]
      + FigureText.machineColumns("Amount", key: "amount")
    var t = ReportTable(columns: columns)
    let label = d.waves[w].shortLabel
    for f in bars.map(\.footprint) + unknown {
      let fig = m.waveFigure(f, wave: w) ?? .absent(.unknown, unit: .money)
      t.rows.append(
        [.text(label), .text(d.footprints[f].code), .text(d.footprints[f].name)]
          + FigureText.cells(fig))
    }
    if let national = d.waves[w].nationalAmount {
      t.notes.append("\(label) national total: \(Format.money(national)).")
    }
    return t
  }

  // MARK: - Scatter

  /// Two measures plotted against each other, over the STPs where both are known.
  public struct Scatter: Sendable {
    /// Each STP with both values, as the axes place them (bounds at their quoted figure).
    public var points: [(footprint: Int, x: Double, y: Double)]
    /// Footprints left out for want of x, y or both.
    public var unknown: Int
    /// Pearson's r over the points; nil with fewer than three or no spread.
    public var pearson: Double?
    /// Spearman's rho (ranks, ties averaged); nil like `pearson`.
    public var spearman: Double?
  }

  /// The scatter of `y` against `x` over the `count` footprints: each measure's axis value from
  /// the catalogue (breadth as whole sectors, band as its ordinal), unknowns left out and counted.
  public static func scatter(_ m: Metrics, count: Int, x: Measure, y: Measure) -> Scatter {
    var points: [(footprint: Int, x: Double, y: Double)] = []
    // Each measure's axis value (the catalogue's: breadth as whole sectors, band as its ordinal),
    // never a packed ranking number.
    for f in 0..<count {
      if let a = x.spec.axisValue(m, f), let b = y.spec.axisValue(m, f) { points.append((f, a, b)) }
    }
    let xs = points.map(\.x)
    let ys = points.map(\.y)
    return Scatter(
      points: points, unknown: count - points.count, pearson: Correlation.pearson(xs, ys),
      spearman: Correlation.spearman(xs, ys))
  }

  /// `scatter` as a table: each STP's two axis values, and both figures with their machine
  /// columns.
  public static func scatterTable(_ d: Dataset, _ m: Metrics, x: Measure, y: Measure) -> ReportTable
  {
    let s = scatter(m, count: d.footprints.count, x: x, y: y)
    let xKey = "x_" + x.rawValue.replacingHyphens()
    let yKey = "y_" + y.rawValue.replacingHyphens()
    var columns = [
      ReportTable.Column("Code", key: "code"), ReportTable.Column("STP", key: "name"),
      ReportTable.Column(x.spec.axisLabel + " (axis)", key: xKey + "_axis", numeric: true),
      ReportTable.Column(y.spec.axisLabel + " (axis)", key: yKey + "_axis", numeric: true),
    ]
    columns +=
      [ReportTable.Column(x.label, key: xKey)] + FigureText.machineColumns(x.label, key: xKey)
    columns +=
      [ReportTable.Column(y.label, key: yKey)] + FigureText.machineColumns(y.label, key: yKey)
    var t = ReportTable(columns: columns)
    for p in s.points {
      var row: [ReportTable.Cell] = [
        .text(d.footprints[p.footprint].code), .text(d.footprints[p.footprint].name),
        ReportTable.Cell(plainNumber(p.x), .double(p.x)),
        ReportTable.Cell(plainNumber(p.y), .double(p.y)),
      ]
      row += FigureText.cells(m.figure(x, footprint: p.footprint))
      row += FigureText.cells(m.figure(y, footprint: p.footprint))
      t.rows.append(row)
    }
    t.notes.append(
      "n = \(s.points.count) with both values; \(s.unknown) left out (unknown). "
        + "Pearson r \(s.pearson.map { Format.fixed($0, 2) } ?? "n/a"), Spearman rho \(s.spearman.map { Format.fixed($0, 2) } ?? "n/a"). "
        + "Axes: \(x.spec.axisLabel) across, \(y.spec.axisLabel) up; each figure with its qualifier beside its axis value."
    )
    return t
  }

  // MARK: - Timeline

  /// One dated event: a designation (devolution, ACS, ICS, success regime), a capital award or
  /// a national wave.
  public struct Event: Sendable, Equatable {
    /// The STP it concerns; nil for a national event (a wave's announcement).
    public var footprint: Int?
    /// "2017-06" or "2017-07-19"; the year alone when that is all the source says.
    public var date: String
    /// What happened.
    public var kind: Kind
    /// The event in words, with its amount where it is capital.
    public var text: String
    /// The kinds of event.
    public enum Kind: String, Sendable {
      case devolution, acs, ics, successRegime, capital, wave

      /// The kind in words, for people and exports ("success regime", never an internal id).
      public var words: String {
        switch self {
        case .devolution: "devolution"
        case .acs: "accountable care system (ACS)"
        case .ics: "integrated care system (ICS)"
        case .successRegime: "success regime"
        case .capital: "funding award"
        case .wave: "national capital wave"
        }
      }
    }

    /// One letter for the lane: D devolution, A accountable care, I integrated care, S success
    /// regime, £ an award; W for a national wave.
    public var letter: Character {
      switch kind {
      case .devolution: "D"
      case .acs: "A"
      case .ics: "I"
      case .successRegime: "S"
      case .capital: "£"
      case .wave: "W"
      }
    }

    /// Years as a number for the axis: 2017-06 is 2017.42; a year alone is its middle.
    public var time: Double? {
      let parts = date.split(separator: "-")
      guard let y = parts.first.flatMap({ Int($0) }) else { return nil }
      let month = parts.count > 1 ? Int(parts[1]) ?? 6 : 6
      let day = parts.count > 2 ? Int(parts[2]) ?? 15 : 15
      return Double(y) + (Double(month - 1) + Double(day - 1) / 31) / 12
    }
  }

  /// Every dated designation and award, and the national waves; `undated` lists the rest.
  public static func timeline(_ d: Dataset, _ m: Metrics) -> (events: [Event], undated: [Event]) {
    var events: [Event] = []
    var undated: [Event] = []
    for x in d.designations {
      guard
        let f = d.index(ofCode: x.code)
          ?? d.footprints.firstIndex(where: { $0.successorCode == x.code })
      else { continue }
      let lower = x.designation.lowercased()
      let kind: Event.Kind =
        lower.containsBytes("integrated")
        ? .ics
        : lower.containsBytes("accountable")
          ? .acs
          : lower.containsBytes("success") ? .successRegime : .devolution
      let e = Event(footprint: f, date: x.announced ?? "", kind: kind, text: x.designation)
      if e.time == nil { undated.append(e) } else { events.append(e) }
    }
    for (w, wave) in d.waves.enumerated() where wave.isNational {
      guard let date = wave.announced else { continue }
      events.append(
        Event(
          footprint: nil, date: date, kind: .wave,
          text: "\(wave.shortLabel) \(wave.name)"
            + (wave.nationalAmount.map { ", \(Format.money($0))" } ?? "")))
      for f in d.footprints.indices {
        if let wf = m.funding[f].waves.first(where: { $0.wave == w }), wf.hasAward {
          events.append(
            Event(
              footprint: f, date: date, kind: .capital,
              text: "\(wave.shortLabel): "
                + (m.waveFigure(f, wave: w).map { FigureText.text($0) } ?? "award, amount unknown"))
          )
        }
      }
    }
    // Each event's time read once: read in every comparison, the dates were parsed again and
    // again (3.4 M instructions of the Charts pane's preparation, issue 26). Same order.
    let timed = events.map { ($0.time ?? 0, $0) }.sorted { $0.0 < $1.0 }
    return (timed.map(\.1), undated)
  }

  /// `timeline` as a table: date, STP ("England" for a national event), kind and event; the
  /// undated last.
  public static func timelineTable(_ d: Dataset, _ m: Metrics) -> ReportTable {
    let (events, undated) = timeline(d, m)
    var t = ReportTable(columns: [
      ReportTable.Column("Date", key: "date"), ReportTable.Column("Code", key: "code"),
      ReportTable.Column("STP", key: "name"),
      ReportTable.Column("Kind", key: "kind"), ReportTable.Column("Event", key: "event"),
    ])
    for e in events + undated {
      t.rows.append([
        .text(e.date.isEmpty ? nil : e.date), .text(e.footprint.map { d.footprints[$0].code }),
        .text(e.footprint.map { d.footprints[$0].name } ?? "England"), .text(e.kind.words),
        .text(e.text),
      ])
    }
    return t
  }
}

extension Format {
  /// A number with `places` decimals: 0.43, -0.12.
  public static func fixed(_ v: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let n = Int((abs(v) * scale).rounded())
    let whole = n / Int(scale)
    let frac = n % Int(scale)
    var f = String(frac)
    while f.count < places { f = "0" + f }
    return (v < 0 && n > 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + f : "")
  }
}
