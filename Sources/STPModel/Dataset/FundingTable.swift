/// One funding row with its text decoded.
public struct FundingRow: Equatable, Sendable {
  /// Footprint index in `Dataset.footprints`; nil when the source names no STP.
  public var footprint: Int?
  /// Index of the wave in `Dataset.waves`.
  public var wave: Int
  /// Announcement date as written.
  public var announced: String
  /// What the row records.
  public var kind: FundingKind
  /// Scheme name or description.
  public var scheme: String
  /// Lower bound in pounds; nil when the source gives none.
  public var amountMin: Int64?
  /// Upper bound in pounds; nil when the source gives none.
  public var amountMax: Int64?
  /// How the amount is stated; nil when no amount is known.
  public var basis: AmountBasis?
  /// The source's own wording of the amount, e.g. "up to £50m".
  public var amountText: String
  /// Where it comes from.
  public var source: String
  /// Free notes.
  public var notes: String
  /// The row in `funding.csv`.
  public var location: RowLocation
}

/// One funding row as stored: numbers parsed, text left in the file's bytes (72 bytes a row).
public struct FundingRecord: Sendable {
  /// Footprint index, -1 when no STP is named.
  public var footprint: Int32
  /// Wave index.
  public var wave: Int32
  /// What the row records.
  public var kind: FundingKind
  /// How the amount is stated; nil when no amount is known.
  public var basis: AmountBasis?
  /// Line in the file.
  public var line: Int32
  /// Lower bound (`FundingTable.none` when absent).
  public var amountMin: Int64
  /// Upper bound (`FundingTable.none` when absent).
  public var amountMax: Int64
  var announced: TextRef
  var scheme: TextRef
  var amountText: TextRef
  var source: TextRef
  var notes: TextRef
}

/// All funding rows: one packed record each, their text left in the file's bytes.
///
/// Built for a million rows: numbers are parsed straight from bytes, one append per row, and no
/// `String` is made until a row is shown.
public struct FundingTable: Sendable {
  /// Sentinel in `amountMin`/`amountMax` for "no figure".
  public static let none = Int64.min
  /// The rows, in file order.
  public internal(set) var records: [FundingRecord] = []
  var text = TextStore([])

  /// Number of rows.
  public var count: Int { records.count }

  /// One row, decoded.
  public subscript(row: Int) -> FundingRow {
    let r = records[row]
    return FundingRow(
      footprint: r.footprint < 0 ? nil : Int(r.footprint), wave: Int(r.wave),
      announced: text.string(r.announced), kind: r.kind, scheme: text.string(r.scheme),
      amountMin: r.amountMin == Self.none ? nil : r.amountMin,
      amountMax: r.amountMax == Self.none ? nil : r.amountMax, basis: r.basis,
      amountText: text.string(r.amountText), source: text.string(r.source),
      notes: text.string(r.notes), location: RowLocation(file: "funding.csv", line: Int(r.line)))
  }

  /// Row numbers of one footprint in one wave, in file order (a scan: for a detail view).
  public func rows(footprint: Int, wave: Int) -> [Int] {
    records.indices.filter {
      records[$0].footprint == Int32(footprint) && records[$0].wave == Int32(wave)
    }
  }
}
