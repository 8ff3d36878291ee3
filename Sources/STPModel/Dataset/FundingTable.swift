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
  /// The sources disagree on the amount, or the row is disputed.
  public var isUncertain: Bool
  /// The source's own wording of the amount, e.g. "up to £50m".
  public var amountText: String
  /// Where it comes from.
  public var source: String
  /// Free notes.
  public var notes: String
  /// The row in `funding.csv`.
  public var location: RowLocation
}

/// One funding row as stored: numbers parsed, text left in the file's bytes; 32 bytes a row. The
/// text fields are not indexed: a row's fields are found again, from its start, when it is shown
/// (a few rows a screen). Keeping five field references a row took 24 bytes more and, for a
/// million rows, 9 ms of page faults and packing per load (DECISIONS.md).
public struct FundingRecord: Equatable, Sendable {
  /// Lower bound (`FundingTable.none` when absent).
  public var amountMin: Int64
  /// Upper bound (`FundingTable.none` when absent).
  public var amountMax: Int64
  /// Line in the file.
  public var line: Int32
  /// Where the row starts in the file's bytes.
  var rowStart: UInt32
  /// Footprint index, -1 when no STP is named.
  public var footprint: Int16
  /// Wave index.
  public var wave: UInt16
  /// What the row records.
  public var kind: FundingKind
  /// How the amount is stated; nil when no amount is known.
  public var basis: AmountBasis?
  /// The sources disagree on the amount, or the row is disputed (`uncertain` = yes).
  public var isUncertain: Bool = false
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
  /// Field index in a row of announced, scheme, amount_text, source and notes (-1: no column).
  var textColumns: [Int] = [-1, -1, -1, -1, -1]
  var text = TextStore([])

  /// Number of rows.
  public var count: Int { records.count }
  /// Rows up to which the pages of `records`' storage are mapped in (see `append`).
  private var prefaultedRows = 0

  /// Appends a row.
  @inline(__always)
  mutating func append(_ record: FundingRecord) {
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
      let base = records.withUnsafeBufferPointer {
        UnsafeMutableRawPointer(mutating: $0.baseAddress)
      }
      prefault(base.map { $0 + records.count * stride }, byteCount: (rows - records.count) * stride)
    }
    prefaultedRows = max(rows, records.count + 1)
  }

  /// The texts of row `row`'s announced, scheme, amount_text, source and notes fields, read
  /// again from the file's bytes (for a leased file, 512 bytes read from it, more for a longer row).
  /// With `only`, just that one of the five is made (the others are blank).
  func texts(_ row: Int, only: Int? = nil) -> [String] {
    let start = Int(records[row].rowStart)
    return text.withBytes(from: start) { buf, toEnd in
      texts(in: buf, skippingBOM: start == 0, toEnd: toEnd, only: only)
    } ?? Self.unavailable
  }

  /// Row `row`'s source, without making its other texts (a figure's citation: the first
  /// frame made all five texts of 23 rows for it, 0.2M instructions).
  func source(_ row: Int) -> String { texts(row, only: 3)[3] }

  /// The texts of the row at the start of `buf`; nil when `buf` may stop inside it (not `toEnd`
  /// and the row reaches the end of what was read).
  private func texts(
    in buf: UnsafeBufferPointer<UInt8>, skippingBOM: Bool, toEnd: Bool, only: Int? = nil
  ) -> [String]? {
    var scanner = CSVScanner(buf, skippingBOM: skippingBOM)
    var fields: [CSVField] = []
    // The loader read this row; it scans the same way now.
    let read = (try? scanner.nextRecord(into: &fields)) == true
    if !toEnd && (!read || scanner.offset >= buf.count) { return nil }
    guard read else { return ["", "", "", "", ""] }
    return textColumns.indices.map { i in
      let c = textColumns[i]
      return (only ?? i) == i && c >= 0 && c < fields.count ? buf.string(fields[c]) : ""
    }
  }

  /// A row's texts when funding.csv changed on disk in a way its lease could not stop (the
  /// dashboard was stopped for longer than the kernel waits): said, not read wrong. The
  /// change reloads the data.
  static let unavailable = [
    "?", "(text unavailable: funding.csv changed on disk since it was loaded)", "?",
    "funding.csv (changed on disk since it was loaded)", "",
  ]

  /// One row, decoded.
  public subscript(row: Int) -> FundingRow { decoded(row, texts(row)) }

  /// Many rows, decoded (a detail of an STP's 20,000 rows). From a leased file each row is read
  /// on its own (512 bytes, more for a longer row: reading larger blocks copied more than it
  /// served), all under one hold of the file and one check that it is as loaded (measured at
  /// 1M rows: a lock, a check and an allocation a row cost Detail 0.1-0.4 s).
  public func decode(_ rows: [Int]) -> [FundingRow] {
    guard let leased = text.storage.leased, rows.count > 1 else { return rows.map { self[$0] } }
    let all = leased.withReader { read -> [[String]] in
      withoutActuallyEscaping(read) { read in
        var reads = LeasedFile.RowReads(read, count: leased.count)
        return rows.map { r in
          let start = Int(records[r].rowStart)
          return reads.row(from: start) { bytes, toEnd in
            texts(in: bytes, skippingBOM: start == 0, toEnd: toEnd)
          } ?? Self.unavailable
        }
      }
    }
    return zip(rows, all ?? rows.map { _ in Self.unavailable }).map { decoded($0, $1) }
  }

  private func decoded(_ row: Int, _ t: [String]) -> FundingRow {
    let r = records[row]
    return FundingRow(
      footprint: r.footprint < 0 ? nil : Int(r.footprint), wave: Int(r.wave),
      announced: t[0], kind: r.kind, scheme: t[1],
      amountMin: r.amountMin == Self.none ? nil : r.amountMin,
      amountMax: r.amountMax == Self.none ? nil : r.amountMax, basis: r.basis,
      isUncertain: r.isUncertain, amountText: t[2], source: t[3], notes: t[4],
      location: RowLocation(file: "funding.csv", line: Int(r.line)))
  }

  /// Row numbers of one footprint in one wave, in file order (a scan: for a detail view).
  public func rows(footprint: Int, wave: Int) -> [Int] {
    records.indices.filter {
      Int(records[$0].footprint) == footprint && Int(records[$0].wave) == wave
    }
  }
}
