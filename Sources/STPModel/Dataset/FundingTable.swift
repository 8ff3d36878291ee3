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

/// All funding rows, stored column by column with text left in the file's bytes.
///
/// Built for a million rows: numbers are parsed straight from bytes and no `String` is made per row.
public struct FundingTable: Sendable {
  /// Sentinel in `amountMin`/`amountMax` for "no figure".
  public static let none = Int64.min
  /// Footprint index of each row, -1 when no STP is named.
  public internal(set) var footprint: [Int32] = []
  /// Wave index of each row.
  public internal(set) var wave: [Int32] = []
  /// Kind of each row.
  public internal(set) var kind: [FundingKind] = []
  /// Basis of each row; nil when no amount is known.
  public internal(set) var basis: [AmountBasis?] = []
  /// Lower bounds (`FundingTable.none` when absent).
  public internal(set) var amountMin: [Int64] = []
  /// Upper bounds (`FundingTable.none` when absent).
  public internal(set) var amountMax: [Int64] = []
  /// Line of each row.
  public internal(set) var line: [Int32] = []
  var announced: [TextRef] = []
  var scheme: [TextRef] = []
  var amountText: [TextRef] = []
  var source: [TextRef] = []
  var notes: [TextRef] = []
  var text = TextStore([])

  /// Number of rows.
  public var count: Int { footprint.count }

  /// One row, decoded.
  public subscript(row: Int) -> FundingRow {
    FundingRow(
      footprint: footprint[row] < 0 ? nil : Int(footprint[row]), wave: Int(wave[row]),
      announced: text.string(announced[row]), kind: kind[row], scheme: text.string(scheme[row]),
      amountMin: amountMin[row] == Self.none ? nil : amountMin[row],
      amountMax: amountMax[row] == Self.none ? nil : amountMax[row], basis: basis[row],
      amountText: text.string(amountText[row]), source: text.string(source[row]),
      notes: text.string(notes[row]), location: RowLocation(file: "funding.csv", line: Int(line[row])))
  }

  mutating func reserve(_ n: Int) {
    footprint.reserveCapacity(n)
    wave.reserveCapacity(n)
    kind.reserveCapacity(n)
    basis.reserveCapacity(n)
    amountMin.reserveCapacity(n)
    amountMax.reserveCapacity(n)
    line.reserveCapacity(n)
    announced.reserveCapacity(n)
    scheme.reserveCapacity(n)
    amountText.reserveCapacity(n)
    source.reserveCapacity(n)
    notes.reserveCapacity(n)
  }
}
