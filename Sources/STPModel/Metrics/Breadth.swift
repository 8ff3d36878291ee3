/// Organisations of one sector in one partnership.
public struct SectorCount: Equatable, Sendable {
  /// Organisations listed by name in partners.csv.
  public var listed: Int
  /// A stated count, where one exists.
  public var stated: Int?
  /// The figure used: the larger of the two.
  public var count: Int { max(listed, stated ?? 0) }
  /// The figure rests on a count alone for some organisations (none are named for them).
  public var isCountOnly: Bool { (stated ?? 0) > listed }
}

/// How broad one partnership is.
public struct Breadth: Equatable, Sendable {
  /// Per sector, in `Sector.allCases` order.
  public var sectors: [SectorCount]
  /// NHS providers that a stated count includes but no row names (their sector is unknown).
  public var unlistedNHSProviders: Int
  /// Non-NHS partners that a stated count includes but no row names.
  public var unlistedNonNHS: Int
  /// Partners a stated total includes beyond everything above.
  public var unclassified: Int
  /// All partner organisations.
  public var total: Int
  /// How exact `total` is (a stated "more than 30" makes it a lower bound).
  public var totalBasis: CountBasis
  /// Organisations inside the NHS, outside it, and of unknown status; they add up to `total`.
  public var nhs: Int
  /// Organisations outside the NHS.
  public var nonNHS: Int
  /// Organisations whose NHS status is unknown.
  public var unknownStatus: Int
  /// Whether the data says anything about members beyond NHS bodies: a stated total, or a
  /// non-NHS partner named or counted. Without it the rows are NHS lookups (CCGs, acute trusts)
  /// that cannot show how broad the partnership is, so breadth and share are unknown.
  public var hasMembershipEvidence: Bool
  /// What the source's list covers: nil for the whole partnership, otherwise its sectors
  /// (`partner_counts.csv`'s `scope`). Sectors outside it are not in the source.
  public var scope: Set<Sector>? = nil

  /// Whether the source's list covers any sector beyond the NHS. Where it does not (a list of
  /// NHS bodies only), reach beyond the NHS is not in the source: breadth and share are absent
  /// for that reason, never 0.
  public var listsBeyondNHS: Bool {
    guard let scope else { return true }
    return scope.contains { $0.defaultIsNHS == false }
  }

  /// Whether the sector lies outside what the source's list covers.
  public func isOutOfScope(_ s: Sector) -> Bool { scope.map { !$0.contains(s) } ?? false }

  /// Count for one sector.
  public func count(_ sector: Sector) -> SectorCount {
    sectors[sector.ordinal]
  }

  /// Organisations named in partners.csv (a stated count may say there are more).
  public var named: Int { sectors.reduce(0) { $0 + $1.listed } }

  /// Whether the data could show members of this sector: the sector is one the NHS lookups cover
  /// (CCGs, acute trusts), a count for it is stated, or a member list names organisations beyond
  /// those lookups. A stated total without names ("some 26") searched no sector. Where not
  /// searched, an empty sector is unknown, not "none named".
  public func wasSearched(_ s: Sector) -> Bool {
    if isOutOfScope(s) && count(s).stated == nil && s != .commissioner && s != .acute {
      return false
    }
    if s == .commissioner || s == .acute || count(s).stated != nil { return true }
    return namesBeyondLookups
  }

  /// Whether some partners are named beyond the CCG and acute-trust lookups: a member list was
  /// published (and searched for every sector).
  public var namesBeyondLookups: Bool {
    named - count(.commissioner).listed - count(.acute).listed > 0
  }

  /// Sectors with at least one organisation.
  public var sectorCount: Int { sectors.filter { $0.count > 0 }.count }

  /// Some figure rests on stated counts rather than named organisations.
  public var isCountOnly: Bool {
    sectors.contains(where: \.isCountOnly) || unlistedNHSProviders > 0 || unlistedNonNHS > 0
      || unclassified > 0
  }

  /// Share of partners outside the NHS; nil when unknown: no membership evidence, or no non-NHS
  /// partner known while some partners' status is unknown (0% would then be a guess).
  public var nonNHSShare: Double? {
    guard hasMembershipEvidence, listsBeyondNHS, total > 0 else { return nil }
    if nonNHS == 0 && unknownStatus > 0 { return nil }
    return Double(nonNHS) / Double(total)
  }

  /// The share is a lower bound: some partners' NHS status is unknown.
  public var isShareLowerBound: Bool { unknownStatus > 0 }

  /// The sector count is a lower bound: some partners are counted but their sector is unknown.
  public var isSectorCountLowerBound: Bool {
    unlistedNHSProviders > 0 || unlistedNonNHS > 0 || unclassified > 0
      || Sector.allCases.contains { $0.defaultIsNHS == false && isOutOfScope($0) }
  }

  /// Sectors outside the NHS with at least one organisation: local authorities, housing,
  /// voluntary, private, academic, the public, and primary care or other where some member is
  /// known not to be an NHS body. This is what breadth means: reach beyond the NHS.
  public var nonNHSSectorCount: Int {
    Sector.allCases.enumerated().filter { k, s in
      s.defaultIsNHS == false ? sectors[k].count > 0 : nonNHSInOpenSector[k]
    }.count
  }

  /// Per sector whose default NHS status is open (primary care, other): some member of it is
  /// known to be outside the NHS.
  public var nonNHSInOpenSector: [Bool] = Array(repeating: false, count: Sector.allCases.count)

  /// The breadth measure used in rankings: sectors beyond the NHS first, then the non-NHS share
  /// as a fraction (3 sectors at 27% ranks above 3 sectors at 14%, below any 4); nil when
  /// unknown: no membership evidence, or "0+" (a stated total whose named members are all NHS
  /// lookups says nothing about reach beyond the NHS). An unknown share ranks as 0 within a
  /// known sector count.
  public var rankValue: Double? {
    guard hasMembershipEvidence, listsBeyondNHS,
      nonNHSSectorCount > 0 || !isSectorCountLowerBound
    else { return nil }
    return Double(nonNHSSectorCount) + min(nonNHSShare ?? 0, 0.999)
  }

  /// Whether anything at all is known about the partnership.
  public var hasData: Bool { total > 0 }
}

enum BreadthCalculator {
  static func compute(_ d: Dataset) -> [Breadth] {
    let nSectors = Sector.allCases.count
    // Flat tables indexed by footprint (and sector): no hashing and no nested arrays per row.
    var listed = Array(repeating: 0, count: d.footprints.count * nSectors)
    var nhs = Array(repeating: 0, count: d.footprints.count)
    var nonNHS = Array(repeating: 0, count: d.footprints.count)
    var otherNHS = Array(repeating: 0, count: d.footprints.count)  // e.g. ambulance trusts
    var nonNHSBySector = Array(repeating: false, count: d.footprints.count * nSectors)
    let p = d.partners
    for i in 0..<p.count {
      let f = Int(p.footprint[i])
      let sector = p.sector[i]
      listed[f * nSectors + sector.ordinal] += 1
      switch p.nhs[i] {
      case 1:
        nhs[f] += 1
        if sector == .other { otherNHS[f] += 1 }
      case 0:
        nonNHS[f] += 1
        nonNHSBySector[f * nSectors + sector.ordinal] = true
      default: break
      }
    }
    var counts: [Int: [CountGroup: PartnerCount]] = [:]
    for c in d.partnerCounts {
      guard let f = d.index(ofCode: c.code) else { continue }
      counts[f, default: [:]][c.group] = c
    }
    return d.footprints.indices.map { f in
      let stated = counts[f] ?? [:]
      var sectors: [SectorCount] = []
      var extraNHS = 0
      var extraNonNHS = 0
      for (k, s) in Sector.allCases.enumerated() {
        let sc = SectorCount(listed: listed[f * nSectors + k], stated: stated[.sector(s)]?.count)
        sectors.append(sc)
        let extra = sc.count - sc.listed
        switch s.defaultIsNHS {
        case true?: extraNHS += extra
        case false?: extraNonNHS += extra
        case nil: break
        }
      }
      let listedProviders =
        sectors[Sector.acute.ordinal].count
        + sectors[Sector.communityMentalHealth.ordinal].count + otherNHS[f]
      let unlistedProviders = max(0, (stated[.nhsProvider]?.count ?? 0) - listedProviders)
      let nonNHSSoFar = nonNHS[f] + extraNonNHS
      let unlistedNonNHS = max(0, (stated[.nonNHS]?.count ?? 0) - nonNHSSoFar)
      let sum = sectors.reduce(0) { $0 + $1.count } + unlistedProviders + unlistedNonNHS
      let statedAll = stated[.all]
      let total = max(sum, statedAll?.count ?? 0)
      let nhsTotal = nhs[f] + extraNHS + unlistedProviders
      let nonTotal = nonNHSSoFar + unlistedNonNHS
      var basis = CountBasis.exact
      if let statedAll, statedAll.count >= sum { basis = statedAll.basis }
      let evidence = statedAll != nil || nonTotal > 0
      var b = Breadth(
        sectors: sectors, unlistedNHSProviders: unlistedProviders, unlistedNonNHS: unlistedNonNHS,
        unclassified: total - sum, total: total, totalBasis: basis, nhs: nhsTotal,
        nonNHS: nonTotal, unknownStatus: max(0, total - nhsTotal - nonTotal),
        hasMembershipEvidence: evidence)
      b.nonNHSInOpenSector = (0..<nSectors).map { nonNHSBySector[f * nSectors + $0] }
      b.scope = statedAll?.scope
      return b
    }
  }
}
