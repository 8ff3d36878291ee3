/// One member organisation of one STP, with its text decoded.
public struct Partner: Equatable, Sendable {
  /// Index of the footprint in `Dataset.footprints`.
  public var footprint: Int
  /// Organisation name.
  public var organisation: String
  /// Organisation code (ODS or ONS), if known.
  public var organisationCode: String
  /// Sector from the fixed vocabulary.
  public var sector: Sector
  /// Part of the NHS: as the row says, else the sector's default, else nil (unknown).
  public var isNHS: Bool?
  /// Which list(s) the row comes from.
  public var list: String
  /// When the membership applies.
  public var asOf: String
  /// Where it comes from.
  public var source: String
  /// Free notes.
  public var notes: String
  /// The row in `partners.csv`.
  public var location: RowLocation
}

/// All partner rows, stored column by column with text left in the file's bytes.
public struct PartnerTable: Sendable {
  /// Footprint index of each row.
  public internal(set) var footprint: [Int32] = []
  /// Sector of each row.
  public internal(set) var sector: [Sector] = []
  /// NHS status of each row: 1 NHS, 0 not, -1 unknown.
  public internal(set) var nhs: [Int8] = []
  /// Line of each row.
  public internal(set) var line: [Int32] = []
  var organisation: [TextRef] = []
  var organisationCode: [TextRef] = []
  var list: [TextRef] = []
  var asOf: [TextRef] = []
  var source: [TextRef] = []
  var notes: [TextRef] = []
  var text = TextStore([])

  /// Number of rows.
  public var count: Int { footprint.count }

  /// Keeps the rows whose flag is true, in order: in place, and not at all when every row is
  /// kept (the usual load). Copying the ten columns into new arrays took 90 ms at 1M rows, two
  /// thirds of it page faults on the new memory (issue 26).
  mutating func keepRows(_ keep: [Bool]) {
    guard let firstDropped = keep.firstIndex(of: false) else { return }
    func filter<T>(_ column: inout [T]) {
      var w = firstDropped
      for r in (firstDropped + 1)..<column.count where keep[r] {
        column.swapAt(w, r)
        w += 1
      }
      column.removeLast(column.count - w)
    }
    filter(&footprint)
    filter(&sector)
    filter(&nhs)
    filter(&line)
    filter(&organisation)
    filter(&organisationCode)
    filter(&list)
    filter(&asOf)
    filter(&source)
    filter(&notes)
  }

  /// Appends `other`'s rows (a later part of the same file), their lines moved by `lineOffset`.
  mutating func append(_ other: PartnerTable, lineOffset: Int) {
    footprint += other.footprint
    sector += other.sector
    nhs += other.nhs
    line += other.line.map { $0 + Int32(lineOffset) }
    organisation += other.organisation
    organisationCode += other.organisationCode
    list += other.list
    asOf += other.asOf
    source += other.source
    notes += other.notes
  }

  mutating func reserveCapacity(_ n: Int) {
    footprint.reserveCapacity(n)
    sector.reserveCapacity(n)
    nhs.reserveCapacity(n)
    line.reserveCapacity(n)
    organisation.reserveCapacity(n)
    organisationCode.reserveCapacity(n)
    list.reserveCapacity(n)
    asOf.reserveCapacity(n)
    source.reserveCapacity(n)
    notes.reserveCapacity(n)
  }

  /// One row, decoded.
  public subscript(row: Int) -> Partner {
    Partner(
      footprint: Int(footprint[row]), organisation: text.string(organisation[row]),
      organisationCode: text.string(organisationCode[row]), sector: sector[row],
      isNHS: nhs[row] < 0 ? nil : nhs[row] == 1, list: text.string(list[row]),
      asOf: text.string(asOf[row]), source: text.string(source[row]),
      notes: text.string(notes[row]),
      location: RowLocation(file: "partners.csv", line: Int(line[row])))
  }

  /// Row numbers for one footprint, in file order.
  public func rows(forFootprint index: Int) -> [Int] {
    var result: [Int] = []
    for i in 0..<count where footprint[i] == Int32(index) { result.append(i) }
    return result
  }
}

extension Dataset {
  /// When each footprint's membership evidence dates from: the `as_of` of its stated counts and
  /// of its rows from published member lists, distinct, in order of first appearance ("2016-07",
  /// "c.2017; 2018"). The NHS lookups (lists whose name contains "lookup") are left out: they date
  /// the lookup, not the partnership. Nil where nothing is dated. Reads every partner row, so
  /// callers compute it once per load.
  public func membershipDates() -> [String?] {
    var dates = Array(repeating: [String](), count: footprints.count)
    // Each kept date's key beside it (made again for every comparison, keys were a third of
    // this function).
    var keys = Array(repeating: [String](), count: footprints.count)
    func add(_ f: Int, _ date: Substring) {
      // Spaces off both ends, on the substring itself (through reversed views, each character
      // went through unspecialised generic code: 8.5 M instructions of the Partnerships pane's
      // preparation for the embedded data, issue 26).
      var trimmed = date
      while trimmed.first == " " { trimmed = trimmed.dropFirst() }
      while trimmed.last == " " { trimmed = trimmed.dropLast() }
      let d = String(trimmed)
      guard !d.isEmpty else { return }
      // "2016-10" and "2016-10 (list)" are one date: keep the annotated form.
      func key(_ s: String) -> String {
        (s.split(separator: "(", omittingEmptySubsequences: false).first ?? "").split(
          separator: " "
        ).joined(separator: " ")
      }
      let k = key(d)
      if let j = keys[f].firstIndex(of: k) {
        if dates[f][j].count < d.count { dates[f][j] = d }
      } else {
        dates[f].append(d)
        keys[f].append(k)
      }
    }
    var listCache: [String: [Bool]] = [:]  // list name -> which of its parts are not lookups
    // A footprint's rows mostly repeat one list and one date: a pair seen before adds nothing
    // (each date it holds is already kept, in this form or a longer one), so it is read once
    // (at 100,000 rows, reading every row's dates was 942 M instructions of the Partnerships
    // pane's preparation, issue 26).
    struct Seen: Hashable {
      let footprint: Int
      let list: String
      let asOf: String
    }
    var seen = Set<Seen>()
    let p = partners
    for row in 0..<p.count {
      let f = Int(p.footprint[row])
      let list = p.text.string(p.list[row])
      let parts =
        listCache[list]
        ?? {
          let v = list.split(separator: "+").map { !String($0).containsBytes("lookup") }
          listCache[list] = v
          return v
        }()
      guard parts.contains(true) || list.isEmpty else { continue }
      let asOfText = p.text.string(p.asOf[row])
      guard seen.insert(Seen(footprint: f, list: list, asOf: asOfText)).inserted else { continue }
      let asOf = asOfText.split(separator: ";", omittingEmptySubsequences: false)
      if asOf.count == parts.count {
        for (k, keep) in parts.enumerated() where keep { add(f, asOf[k]) }
      } else {
        // The dates do not line up with the lists: keep them all rather than guess which is which.
        for a in asOf { add(f, a) }
      }
    }
    for c in partnerCounts {
      guard let f = index(ofCode: c.code), let a = c.asOf else { continue }
      for part in a.split(separator: ";") { add(f, part) }
    }
    return dates.map { $0.isEmpty ? nil : $0.joined(separator: "; ") }
  }
}
