/// What a league can be ranked by, a map coloured by, a chart drawn on. Everything a surface needs
/// to know about a measure is in its `MeasureCatalog` entry (`spec`); nothing else switches over
/// measures.
public enum Measure: String, CaseIterable, Sendable {
  case band
  case funding
  case perHead = "per-head"
  case breadth
  case population
  case density
  case share65 = "share-65"
  case share85 = "share-85"
  case councils

  /// The measure's catalogue entry.
  public var spec: MeasureSpec { MeasureCatalog.entry(self) }
  /// A heading for people.
  public var label: String { spec.label }
  /// A heading for narrow columns.
  public var shortLabel: String { spec.shortLabel }
  /// What the measure is and what it rests on, for headings, help and exports.
  public var meaning: String { spec.meaning }
  /// Decimals a share is shown with, and ranked at (percent measures).
  public var percentPlaces: Int {
    if case .percent(let p) = spec.unit { return p }
    return 0
  }
  /// Parses a `--by` / `:by` word, or an unambiguous prefix of one.
  public init?(word: String) {
    let w = word.lowercased()
    if let m = Measure.allCases.first(where: { $0.rawValue == w }) {
      self = m
    } else if !w.isEmpty, let m = Measure.allCases.first(where: { $0.rawValue.hasPrefix(w) }) {
      self = m
    } else {
      return nil
    }
  }
}

/// How a measure can be a chart's axis.
public enum MeasureAxis: Equatable, Sendable {
  /// A number on a linear scale, labelled with the figure's unit.
  case linear
  /// Ordered categories (bands): each value a tick with its label, lowest first.
  case ordinal([(value: Double, label: String)])

  public static func == (a: MeasureAxis, b: MeasureAxis) -> Bool {
    switch (a, b) {
    case (.linear, .linear): true
    case (.ordinal(let x), .ordinal(let y)):
      x.map(\.value) == y.map(\.value) && x.map(\.label) == y.map(\.label)
    default: false
    }
  }
}

/// How a measure's values are put in the map's steps.
public enum MeasureBinning: Equatable, Sendable {
  /// One step per category (bands).
  case categories
  /// Up to five steps of equal counts, except that the top step is split off while it spans
  /// more than `topSpread` times its lowest value, so that the highest values can be told apart
  /// (per head: £204 is not £633).
  case quantiles(topSpread: Double)
  /// Whole numbers, one step per value (sectors).
  case whole
}

/// A column a measure adds to exports of its league, beyond the figure's own columns.
public struct MeasureColumn: Sendable {
  public var header: String
  public var key: String
  public var isNumeric: Bool
  public var isMachineOnly: Bool
  /// The cell: a figure (written through the one formatter) or a text.
  public var cell: @Sendable (Metrics, Int) -> MeasureCell

  public init(
    _ header: String, key: String, numeric: Bool = false, machineOnly: Bool = false,
    cell: @escaping @Sendable (Metrics, Int) -> MeasureCell
  ) {
    self.header = header
    self.key = key
    self.isNumeric = numeric
    self.isMachineOnly = machineOnly
    self.cell = cell
  }
}

/// One cell of a `MeasureColumn`.
public enum MeasureCell: Sendable {
  case figure(Figure)
  case text(String?)
  case number(Double?)
}

/// Everything about one measure, in one place: its names, unit, ranking, map bins, axis, export
/// columns, and the accessor that gives each footprint's typed figure.
public struct MeasureSpec: Sendable {
  public let measure: Measure
  /// Long name: "Per head".
  public let label: String
  /// Narrow columns: "Per head".
  public let shortLabel: String
  /// A chart axis: "Funding per head (£, ONS mid-2017)".
  public let axisLabel: String
  /// What it is and rests on.
  public let meaning: String
  /// The Detail section that holds it, for Enter on a compared value.
  public let section: String
  /// The data file its values come from (cross-checks, messages).
  public let file: String
  /// How its figures are written.
  public let unit: FigureUnit
  /// Width of its column in a league pane.
  public let columnWidth: Int
  /// The map's title ("Map by funding per head") and legend foot.
  public let mapTitle: String
  public let mapBasis: String
  public let binning: MeasureBinning
  /// nil: not a chart axis.
  public let axis: MeasureAxis?
  /// The league's note: how it ranks, what it rests on, with `known` of `n`.
  public let note: @Sendable (_ known: Int, _ n: Int, _ m: Metrics) -> String
  /// Extra export columns of its league.
  public let columns: [MeasureColumn]
  /// Each footprint's figure.
  public let figure: @Sendable (Metrics, Int) -> Figure
  /// The value it ranks by: the figure's rank value, unless the entry says otherwise (funding
  /// ranks only totals whose every award has an amount). Rounded to what people read, so values
  /// that read the same are tied.
  public let rank: @Sendable (Metrics, Int) -> Double?
  /// Its value on a chart's axis (breadth: the whole number of sectors, not a packed number).
  public let axisValue: @Sendable (Metrics, Int) -> Double?
  /// Where sources bound positions among every footprint, not just the known ones: each
  /// footprint's possible positions among all (one when determined); nil where they do not.
  public var positionsAmongAll: (@Sendable (Metrics) -> [[Int]?])? = nil
  /// Whether the value is known, when that is cheaper to tell than the value (the councils
  /// measure: known without matching a million partner names); nil: `rank` is not nil.
  var isKnown: (@Sendable (Metrics, Int) -> Bool)? = nil
}

/// The catalogue: one entry per measure, in `Measure.allCases` order.
public enum MeasureCatalog {
  /// The entry for a measure.
  public static func entry(_ m: Measure) -> MeasureSpec { byMeasure[m.ordinal] }

  /// Every entry.
  public static var all: [MeasureSpec] { byMeasure }

  private static let byMeasure: [MeasureSpec] = {
    let entries = [
      band, funding, perHead, breadth, population, density, share65, share85, councils,
    ]
    precondition(
      entries.map(\.measure) == Measure.allCases, "the catalogue lists every measure in order")
    return entries
  }()

  static func rounded(_ v: Double?, places: Int) -> Double? {
    guard let v else { return nil }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (v * scale).rounded() / scale
  }

  // MARK: - Entries

  static let band = MeasureSpec(
    measure: .band, label: "Band", shortLabel: "Band", axisLabel: "Band (NHS England, July 2017)",
    meaning: "NHS England's July 2017 band", section: "League", file: "ratings.csv", unit: .band,
    columnWidth: 24, mapTitle: "band", mapBasis: "NHS England's rating", binning: .categories,
    axis: .ordinal(Band.allCases.reversed().map { (Double($0.rawValue), String($0.letter)) }),
    note: { known, n, m in
      "Ranked by band\(m.period.map { " (\($0))" } ?? ""): Outstanding > Advanced > Making progress > "
        + "Needs most improvement; \"=\" marks a shared position. Band known for \(known) of \(n) "
        + "STPs; the rest are listed after, unranked (unknown is not a band). Positions among all "
        + "\(n) are given where the published national totals fix them."
    },
    columns: [],
    figure: { m, f in m.bandFigure(f) },
    rank: { m, f in m.bands[f].map { Double($0.rawValue) } },
    axisValue: { m, f in m.bands[f].map { Double($0.rawValue) } },
    positionsAmongAll: { m in m.bandPositionsAmongAll() })

  static let funding = MeasureSpec(
    measure: .funding, label: "Funding", shortLabel: "Funding", axisLabel: "Funding (£)",
    meaning: "funding awarded in the sources, as quoted", section: "Capital funding",
    file: "funding.csv", unit: .money, columnWidth: 18, mapTitle: "funding",
    mapBasis: "as quoted (\"up to\" by its top, \"at least\" by its floor)",
    binning: .quantiles(topSpread: 2), axis: .linear,
    note: { known, n, _ in
      "Ranked by the funding amounts the sources quote (\"up to\" figures at their maximum, "
        + "\"at least\" at their floor); \(known) of \(n) STPs have every award's amount. Totals are "
        + "incomplete: most wave 2-4 schemes were not published. Range: what the amounts prove, "
        + "STP totals not double counted with their schemes."
    },
    columns: [],
    figure: { m, f in m.fundingFigure(f) },
    rank: { m, f in m.funding[f].rankValue.map(Double.init) },
    axisValue: { m, f in m.funding[f].rankValue.map(Double.init) })

  static let perHead = MeasureSpec(
    measure: .perHead, label: "Per head", shortLabel: "Per head",
    axisLabel: "Funding per head (£, ONS mid-2017)",
    meaning: "funding per head of the ONS mid-2017 population", section: "Capital funding",
    file: "funding.csv", unit: .moneyPerHead, columnWidth: 20, mapTitle: "funding per head",
    mapBasis:
      "funding quoted per head of ONS mid-2017 (\"up to\" by its top, \"at least\" by its floor)",
    binning: .quantiles(topSpread: 2), axis: .linear,
    note: { known, n, _ in
      "Funding, as quoted, divided by the ONS mid-2017 population; known for \(known) of \(n) STPs. Per "
        + "head keeps its amount's qualifier (\"up to £312m\" over 493,227 people is \"up to "
        + "£632.57\"); it ranks by the quoted figure (the maximum of \"up to\" and ranges, the "
        + "minimum of \"at least\")."
    },
    columns: [
      MeasureColumn("Funding", key: "funding", machineOnly: false) { m, f in
        .figure(m.fundingFigure(f))
      },
      MeasureColumn("Population (ONS)", key: "population_ons", numeric: true) { m, f in
        .figure(m.populationFigure(f))
      },
    ],
    figure: { m, f in m.perHeadFigure(f) },
    rank: { m, f in m.perHead(footprint: f).map { rounded($0.quoted, places: 2) ?? $0.quoted } },
    axisValue: { m, f in m.perHead(footprint: f)?.quoted })

  static let breadth = MeasureSpec(
    measure: .breadth, label: "Non-NHS breadth", shortLabel: "Non-NHS",
    axisLabel: "Sectors beyond the NHS (named partners)",
    meaning: "sectors beyond the NHS among partners, then the non-NHS share",
    section: "Partnership", file: "partners.csv", unit: .sectors, columnWidth: 10,
    mapTitle: "sectors beyond the NHS", mapBasis: "sectors beyond the NHS among named partners",
    binning: .whole, axis: .linear,
    note: { known, n, _ in
      "Ranked by the number of sectors beyond the NHS among partners, then by the non-NHS share; "
        + "known for \(known) of \(n) STPs. Where only NHS lookups (CCGs, acute trusts) exist, "
        + "breadth is not searched; where the source lists NHS bodies only, it is not in the "
        + "source. Published member lists differ in scope, so compare with care."
    },
    columns: [
      MeasureColumn("Partners", key: "partners", numeric: true) { m, f in
        .figure(m.partnersFigure(f))
      }
    ],
    figure: { m, f in m.breadthFigure(f) },
    rank: { m, f in m.breadth[f].rankValue },
    axisValue: { m, f in
      m.breadth[f].rankValue == nil ? nil : Double(m.breadth[f].nonNHSSectorCount)
    })

  static let population = MeasureSpec(
    measure: .population, label: "Population", shortLabel: "Pop",
    axisLabel: "People (ONS mid-2017)",
    meaning: "ONS mid-2017 population", section: "Population", file: "footprints.csv",
    unit: .people, columnWidth: 10, mapTitle: "population", mapBasis: "ONS mid-2017",
    binning: .quantiles(topSpread: 2), axis: .linear,
    note: populationNote("ONS mid-2017 population"),
    columns: statedPopulationColumns,
    figure: { m, f in m.populationFigure(f) },
    rank: { m, f in m.data.footprints[f].onsPopulation.map(Double.init) },
    axisValue: { m, f in m.data.footprints[f].onsPopulation.map(Double.init) })

  static let density = MeasureSpec(
    measure: .density, label: "Density", shortLabel: "Density", axisLabel: "People per km² (ONS)",
    meaning: "people per km²: ONS mid-2017 population over the footprint's area (ONS polygons, "
      + "WGS84 ellipsoid)",
    section: "Population", file: "footprints.csv", unit: .density, columnWidth: 12,
    mapTitle: "people per km²", mapBasis: "ONS mid-2017 people over area (WGS84)",
    binning: .quantiles(topSpread: 2), axis: .linear,
    note: { known, n, _ in
      "Ranked by people per km²: the ONS mid-2017 population over the area of the footprint's "
        + "ONS polygons, computed on the WGS84 ellipsoid (an equal-area projection); known for "
        + "\(known) of \(n) STPs (those with both a population and a shape)."
    },
    columns: [
      MeasureColumn("Area km²", key: "area_km2", numeric: true) { m, f in
        .figure(m.areaFigure(f))
      }
    ],
    figure: { m, f in m.densityFigure(f) },
    rank: { m, f in m.densityValue(f).map { rounded($0, places: 0) ?? $0 } },
    axisValue: { m, f in m.densityValue(f) },
    isKnown: { m, f in m.densityValue(f) != nil })

  static let share65 = ageShare(.share65, label: "Aged 65+", short: "65+", places: 1)
  static let share85 = ageShare(.share85, label: "Aged 85+", short: "85+", places: 2)

  static func ageShare(_ measure: Measure, label: String, short: String, places: Int) -> MeasureSpec
  {
    let what = "share of the ONS mid-2017 population " + label.lowercased()
    return MeasureSpec(
      measure: measure, label: label, shortLabel: short, axisLabel: label + " (% of people, ONS)",
      meaning: what, section: "Population", file: "footprints.csv", unit: .percent(places: places),
      columnWidth: 6, mapTitle: "share " + label.lowercased(),
      mapBasis: "of the ONS mid-2017 population",
      binning: .quantiles(topSpread: 2), axis: .linear, note: populationNote(what),
      columns: statedPopulationColumns,
      figure: { m, f in m.ageFigure(f, aged85: measure == .share85) },
      // Ranked at the decimals shown: shares that read the same are tied, never ranked apart.
      rank: { m, f in
        rounded(m.ageFigure(f, aged85: measure == .share85).rankValue, places: places + 2)
      },
      axisValue: { m, f in m.ageFigure(f, aged85: measure == .share85).rankValue })
  }

  static let councils = MeasureSpec(
    measure: .councils, label: "Care councils named", shortLabel: "Councils",
    axisLabel: "Care councils named (% of people)",
    meaning:
      "share of the footprint's people whose social care council is a named partner (ONS councils)",
    section: "Councils", file: "councils.csv", unit: .percent(places: 0), columnWidth: 12,
    mapTitle: "social care councils named",
    mapBasis: "people whose social care council is a named partner (ONS)",
    binning: .quantiles(topSpread: 2), axis: .linear,
    note: { known, n, _ in
      "Ranked by the share of the footprint's people whose social care authority (county, "
        + "unitary, metropolitan or London borough; ONS April 2017 lookups and mid-2017 populations) "
        + "is named among its partners; known for \(known) of \(n) STPs, those with a published "
        + "member list that covers councils. Elsewhere 'not searched' or 'not in the source': never "
        + "'0 of 3'. Matching of names: docs/DATA.md."
    },
    columns: [
      MeasureColumn("Councils (ONS)", key: "councils_in_footprint") { m, f in
        let c = m.councils[f]
        return .text(
          c.socialCare.isEmpty && c.districts.isEmpty
            ? nil
            : "\(c.socialCare.count) social care, \(c.districts.count) district (ONS)")
      }
    ],
    figure: { m, f in m.councilsFigure(f) },
    // tenths of a percent: 99.6% is not 100%
    rank: { m, f in rounded(m.councils[f].weightedShare(m.data), places: 3) },
    axisValue: { m, f in m.councils[f].weightedShare(m.data) },
    isKnown: { m, f in m.councilFrames[f].hasShare(m.data) })

  static func populationNote(_ what: String) -> @Sendable (Int, Int, Metrics) -> String {
    { known, n, _ in
      "Ranked by \(what); known for \(known) of \(n) STPs. ONS mid-2017 estimates summed over each "
        + "footprint's 2011 LSOAs (ONS April 2017 lookup). The STPs' own figures (rounded, years "
        + "2016-2023) are shown as stated, never ranked."
    }
  }

  static let statedPopulationColumns: [MeasureColumn] = [
    MeasureColumn("Population (ONS)", key: "population_ons", numeric: true) { m, f in
      .figure(m.populationFigure(f))
    },
    MeasureColumn("As stated by the STP", key: "population_stated") { m, f in
      .figure(m.statedPopulationFigure(f))
    },
    MeasureColumn("Stated as of", key: "population_stated_year", machineOnly: true) { m, f in
      .text(m.data.footprints[f].populationYear)
    },
  ]
}

extension Measure {
  /// Position in `allCases`.
  var ordinal: Int {
    // allCases is small; a linear search keeps the enum free of a second list to maintain.
    Measure.allCases.firstIndex(of: self) ?? 0
  }
}
