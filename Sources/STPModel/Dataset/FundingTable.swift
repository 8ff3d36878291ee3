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

/// A field's text as an offset from its row's start and a length (16 and 15 bits; the top bit
/// marks doubled quotes). `FieldRef.far` means the field is too far from its row's start or too
/// long, and its full reference is kept aside.
struct FieldRef: Sendable {
  let packed: UInt32
  static let far = FieldRef(packed: UInt32.max)

  init(packed: UInt32) { self.packed = packed }

  /// Packs `ref` relative to `rowStart`, or nil when it does not fit in 16 + 15 bits.
  @inline(__always)
  init?(_ ref: TextRef, rowStart: Int) {
    if ref.isEmpty {  // an absent or empty field needs no position
      packed = 0
      return
    }
    let offset = Int(ref.start) - rowStart
    guard offset >= 0, offset <= 0xFFFF, ref.byteCount <= 0x7FFF else { return nil }
    packed = UInt32(offset) << 16 | UInt32(ref.byteCount) | (ref.hasEscapedQuotes ? 0x8000 : 0)
  }

  func textRef(rowStart: Int) -> TextRef {
    TextRef(start: rowStart + Int(packed >> 16), count: Int(packed & 0x7FFF), hasEscapedQuotes: packed & 0x8000 != 0)
  }
}

/// One funding row as stored: numbers parsed, text left in the file's bytes; 56 bytes a row (text
/// positions relative to the row's start), so a million rows take 56 MB beside the file.
public struct FundingRecord: Sendable {
  /// Lower bound (`FundingTable.none` when absent).
  public var amountMin: Int64
  /// Upper bound (`FundingTable.none` when absent).
  public var amountMax: Int64
  /// Line in the file.
  public var line: Int32
  var rowStart: UInt32
  /// Footprint index, -1 when no STP is named.
  public var footprint: Int16
  /// Wave index.
  public var wave: UInt16
  /// What the row records.
  public var kind: FundingKind
  /// How the amount is stated; nil when no amount is known.
  public var basis: AmountBasis?
  var announced: FieldRef
  var scheme: FieldRef
  var amountText: FieldRef
  var source: FieldRef
  var notes: FieldRef
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
  /// Full references of fields that do not fit a `FieldRef` (rows longer than 64 KB), by row.
  var farFields: [Int: [TextRef]] = [:]
  var text = TextStore([])

  /// Number of rows.
  public var count: Int { records.count }
  /// Rows up to which the pages of `records`' storage are mapped in (see `append`).
  private var prefaultedRows = 0

  /// Appends a row: numbers, and the five text fields as references into the file's bytes.
  mutating func append(
    footprint: Int16, wave: UInt16, kind: FundingKind, basis: AmountBasis?, line: Int, amountMin: Int64,
    amountMax: Int64, rowStart: Int, announced: TextRef, scheme: TextRef, amountText: TextRef,
    source: TextRef, notes: TextRef
  ) {
    var record = FundingRecord(
      amountMin: amountMin, amountMax: amountMax, line: Int32(line), rowStart: UInt32(rowStart),
      footprint: footprint, wave: wave, kind: kind, basis: basis, announced: .far, scheme: .far,
      amountText: .far, source: .far, notes: .far)
    if let a = FieldRef(announced, rowStart: rowStart), let b = FieldRef(scheme, rowStart: rowStart),
      let c = FieldRef(amountText, rowStart: rowStart), let d = FieldRef(source, rowStart: rowStart),
      let e = FieldRef(notes, rowStart: rowStart)
    {
      record.announced = a
      record.scheme = b
      record.amountText = c
      record.source = d
      record.notes = e
    } else {
      farFields[records.count] = [announced, scheme, amountText, source, notes]  // a row over 64 KB
    }
    if records.count >= prefaultedRows { prefaultAhead() }
    records.append(record)
  }

  /// Maps in the next 2 MB of the rows' reserved storage with one call, not a page fault per
  /// 4 KB as rows are appended (measured: 4 ms of a million-row load); at most 2 MB beyond the
  /// rows is mapped in early.
  private mutating func prefaultAhead() {
    let stride = MemoryLayout<FundingRecord>.stride
    let rows = min(records.capacity, records.count + (2 << 20) / stride)
    if rows > records.count {
      let base = records.withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
      prefault(base.map { $0 + records.count * stride }, byteCount: (rows - records.count) * stride)
    }
    prefaultedRows = max(rows, records.count + 1)
  }

  /// The text of field `k` (0 announced … 4 notes) of row `row`.
  func string(_ row: Int, _ k: Int) -> String {
    let r = records[row]
    if let far = farFields[row] { return text.string(far[k]) }
    let ref = [r.announced, r.scheme, r.amountText, r.source, r.notes][k]
    return text.string(ref.textRef(rowStart: Int(r.rowStart)))
  }

  /// One row, decoded.
  public subscript(row: Int) -> FundingRow {
    let r = records[row]
    return FundingRow(
      footprint: r.footprint < 0 ? nil : Int(r.footprint), wave: Int(r.wave),
      announced: string(row, 0), kind: r.kind, scheme: string(row, 1),
      amountMin: r.amountMin == Self.none ? nil : r.amountMin,
      amountMax: r.amountMax == Self.none ? nil : r.amountMax, basis: r.basis,
      amountText: string(row, 2), source: string(row, 3),
      notes: string(row, 4), location: RowLocation(file: "funding.csv", line: Int(r.line)))
  }

  /// Row numbers of one footprint in one wave, in file order (a scan: for a detail view).
  public func rows(footprint: Int, wave: Int) -> [Int] {
    records.indices.filter { Int(records[$0].footprint) == footprint && Int(records[$0].wave) == wave }
  }
}
