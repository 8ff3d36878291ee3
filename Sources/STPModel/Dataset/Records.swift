/// One STP footprint: the unit everything else is keyed on.
public struct Footprint: Equatable, Sendable {
  /// ONS code, e.g. `E54000041`; unique in a dataset.
  public var code: String
  /// Name, e.g. `Dorset`.
  public var name: String
  /// Other names the footprint is known by (separated by `;` in the file).
  public var otherNames: [String]
  /// NHS England region of the period.
  public var region: String?
  /// The 2016 NHS England footprint number, where a source shows it.
  public var footprintNumber: Int?
  /// Population as the STP itself stated it (often rounded, of mixed years); nil when unknown.
  /// Shown beside `onsPopulation`, never used for per-head figures or rankings.
  public var population: Int?
  /// How exact the population is.
  public var populationBasis: PopulationBasis?
  /// The source's own wording of the population, e.g. "slightly more than one million".
  public var populationText: String?
  /// When the population figure applies, as the source dates it (e.g. `2016-07`, `c.2017`).
  public var populationYear: String?
  /// Where the population comes from.
  public var populationSource: String?
  /// Population on one basis for every footprint (ONS mid-2017 estimates in the embedded data):
  /// the basis of every per-head figure and of ranking by population; nil when unknown.
  public var onsPopulation: Int?
  /// People aged 65 and over on the same basis.
  public var onsAged65Plus: Int?
  /// People aged 85 and over on the same basis.
  public var onsAged85Plus: Int?
  /// When the estimates apply, e.g. `mid-2017`.
  public var onsYear: String?
  /// Where the estimates come from, and how they were summed.
  public var onsSource: String?
  /// CCGs in the footprint in the configuration of the population basis (ONS April 2017, CCG17).
  public var onsCCGCount: Int?
  /// Code of the footprint this one merged into, if any.
  public var successorCode: String?
  /// Name of that successor.
  public var successorName: String?
  /// Where the code, name and region come from.
  public var source: String
  /// Free notes.
  public var notes: String?
  /// The row in `footprints.csv`.
  public var location: RowLocation
}

/// One STP's band in one rating period.
public struct Rating: Equatable, Sendable {
  /// Rating period, e.g. `2017-07`; periods sort as text, so use `YYYY-MM`.
  public var period: String
  /// Footprint code.
  public var code: String
  /// Overall band; nil when the row records that the band is unknown.
  public var band: Band?
  /// Bands for individual domains (from `domain_*` columns), in column order.
  public var domains: [(name: String, band: Band?)]
  /// Where the band comes from.
  public var source: String
  /// Free notes.
  public var notes: String?
  /// The row in `ratings.csv`.
  public var location: RowLocation

  public static func == (a: Rating, b: Rating) -> Bool {
    a.period == b.period && a.code == b.code && a.band == b.band && a.source == b.source
      && a.notes == b.notes && a.location == b.location
      && a.domains.map(\.name) == b.domains.map(\.name)
      && a.domains.map(\.band) == b.domains.map(\.band)
  }
}

/// A count of partner organisations that an STP stated, where no full list is at hand.
public struct PartnerCount: Equatable, Sendable {
  /// Footprint code.
  public var code: String
  /// What is counted.
  public var group: CountGroup
  /// How many.
  public var count: Int
  /// How exact the count is.
  public var basis: CountBasis
  /// What the source's list covers, on an `all` row: nil for the whole partnership; otherwise
  /// the sectors it covers (`nhs` stands for the NHS sectors). A sector outside it is "not in the
  /// source", never "none named".
  public var scope: Set<Sector>? = nil
  /// When the count applies.
  public var asOf: String?
  /// Where it comes from.
  public var source: String
  /// Free notes.
  public var notes: String?
  /// The row in `partner_counts.csv`.
  public var location: RowLocation
}

/// One national capital funding wave, or a group of rows that name no single wave.
///
/// `waves.csv` lists the national waves. Funding rows may instead say `not stated` (the source
/// gives no wave) or join wave ids with `+` (`wave3+wave4`: one figure for several waves together);
/// each such distinct value becomes a wave of its own after the national ones, with no national
/// amount and `parts` saying what it spans, so no wave is invented.
public struct Wave: Equatable, Sendable {
  /// Identifier used by funding rows, e.g. `wave1`, `wave3+wave4` or `not stated`.
  public var id: String
  /// Name, e.g. "Spring Budget 2017 STP capital".
  public var name: String
  /// Announcement date (`YYYY-MM` or `YYYY-MM-DD`).
  public var announced: String?
  /// National size of the wave in pounds.
  public var nationalAmount: Int64?
  /// Number of schemes nationally, where a source states it.
  public var schemes: Int?
  /// Number of STPs funded nationally, where a source states it.
  public var stps: Int?
  /// Where the figures come from.
  public var source: String
  /// Free notes.
  public var notes: String?
  /// The row in `waves.csv` (for a group: the first funding row that names it).
  public var location: RowLocation
  /// nil for a national wave of `waves.csv`; for a group, the national waves it spans (empty:
  /// the wave is not stated).
  public var parts: [Int]? = nil

  /// Whether this is a national wave of `waves.csv` (not a group of rows).
  public var isNational: Bool { parts == nil }

  /// A short label: "W1", "W3+4", "W?".
  public var shortLabel: String {
    guard let parts else { return id.hasPrefix("wave") ? "W" + id.dropFirst(4) : id }
    if parts.isEmpty { return "W?" }
    return "W"
      + id.split(separator: "+").map { $0.hasPrefix("wave") ? String($0.dropFirst(4)) : String($0) }
      .joined(separator: "+")
  }
}

/// Published national totals of the bands in one rating period, as one source states them.
///
/// Sources disagree (the July 2017 totals: 5/20/14/5, 5/18/16/5, 5/14/20/5): every row is kept and
/// none is preferred. They bound what the unknown bands can be, never which footprint has which.
public struct BandTotal: Equatable, Sendable {
  /// Rating period, e.g. `2017-07`.
  public var period: String
  /// Who published the totals, e.g. "HFMA Healthcare Finance, 30 Aug 2017".
  public var sourceName: String
  /// Count per band, in `Band.allCases` order; nil where the source gives none.
  public var counts: [Int?]
  /// Where it comes from.
  public var source: String
  /// Free notes.
  public var notes: String?
  /// The row in `band_totals.csv`.
  public var location: RowLocation

  /// The count for one band.
  public func count(_ band: Band) -> Int? { counts[Band.allCases.firstIndex(of: band) ?? 0] }
}

/// An integration designation (accountable or integrated care system, devolution, success regime).
public struct Designation: Equatable, Sendable {
  /// Footprint code, or a successor footprint's code.
  public var code: String
  /// When announced, as the source dates it.
  public var announced: String?
  /// What was designated.
  public var designation: String
  /// Whole STP, part, or wider.
  public var scope: String?
  /// Detail of the scope.
  public var scopeNote: String?
  /// Where it comes from.
  public var source: String
  /// The row in `designations.csv`.
  public var location: RowLocation
}

/// A named STP leader or chair, as a source names them at a date.
public struct Leader: Equatable, Sendable {
  /// Footprint code.
  public var code: String
  /// Name as given.
  public var leader: String
  /// Role as the source states it.
  public var role: String?
  /// When.
  public var asOf: String?
  /// Where it comes from.
  public var source: String
  /// The row in `leaders.csv`.
  public var location: RowLocation
}

/// A council whose area a footprint covers, from ONS geography (`councils.csv`).
public struct Council: Equatable, Sendable {
  /// The two kinds of council a partnership needs: adult social care (county, unitary,
  /// metropolitan or London borough: 152 in England) and housing (district and unitary: 326).
  public enum Tier: String, Sendable, CaseIterable {
    case socialCare = "social-care"
    case district
  }

  /// Index into `Dataset.footprints`.
  public var footprint: Int
  public var tier: Tier
  /// ONS code (E10…, E06…, E07…, E08…, E09…).
  public var code: String
  public var name: String
  /// Mid-2017 people of the footprint in the council's area, and their share of the footprint.
  public var population: Int
  public var share: Double
  public var source: String
  public var location: RowLocation

  /// A council covering under 2% of the footprint's people: a real but marginal member.
  public var isSliver: Bool { share < 0.02 }
}

/// What became of a footprint: one successor (an STP of April 2021, an Integrated Care Board of
/// July 2022) and the people it took from the footprint (`lineage.csv`, from the ONS lookups).
public struct Succession: Equatable, Sendable {
  /// Index into `Dataset.footprints`.
  public var footprint: Int
  /// When the successor existed: `2021-04` (STPs), `2022-07` (ICBs).
  public var asOf: String
  /// ONS code of the successor (E54…) and its NHS (ODS) code when stated.
  public var successorCode: String
  public var successorODS: String?
  public var successorName: String
  /// Mid-2017 people living in both the footprint and the successor, and in how many LSOAs.
  public var people: Int
  public var lsoas: Int?
  public var source: String
  public var location: RowLocation
}
