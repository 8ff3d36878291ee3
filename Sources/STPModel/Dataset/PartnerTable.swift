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

  /// Keeps the rows whose flag is true, in order.
  mutating func keepRows(_ keep: [Bool]) {
    func filter<T>(_ column: inout [T]) {
      column = column.indices.filter { keep[$0] }.map { column[$0] }
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

  /// Makes room for `n` rows in every column.
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
      notes: text.string(notes[row]), location: RowLocation(file: "partners.csv", line: Int(line[row])))
  }

  /// Row numbers for one footprint, in file order.
  public func rows(forFootprint index: Int) -> [Int] {
    var result: [Int] = []
    for i in 0..<count where footprint[i] == Int32(index) { result.append(i) }
    return result
  }
}
