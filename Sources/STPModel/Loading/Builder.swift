import Synchronization

/// Assembles a `Dataset` file by file, logging every problem it finds.
struct Builder {
  let log: IssueLog
  var footprints: [Footprint] = []
  var indexByCode: [String: Int] = [:]
  var successorCodes: Set<String> = []
  var ratings: [Rating] = []
  var bandTotals: [BandTotal] = []
  var partners = PartnerTable()
  /// The repeated-row check of a large partners.csv, running beside the files after it.
  var partnersPending: Alongside<(PartnerTable, IssueLog)>?
  var partnerCounts: [PartnerCount] = []
  var waves: [Wave] = []
  var waveIndex: [String: Int] = [:]
  var funding = FundingTable()
  var designations: [Designation] = []
  var leaders: [Leader] = []
  var councils: [Council] = []
  var lineage: [Succession] = []
  var hasWavesFile = false

  init(log: IssueLog) { self.log = log }

  func dataset(origin: String) -> Dataset {
    assert(partnersPending == nil, "finishPartners() before the dataset")
    return Dataset(
      origin: origin, footprints: footprints, ratings: ratings, bandTotals: bandTotals,
      partners: partners,
      partnerCounts: partnerCounts, waves: waves, funding: funding, designations: designations,
      leaders: leaders, councils: councils, lineage: lineage)
  }

  /// Runs `body` over the rows of one file, if its header is sound.
  private func each(
    _ schema: Schema, _ bytes: TextStore, _ body: (inout TableReader) -> Void
  ) {
    bytes.withBuffer { buf in
      guard var reader = TableReader(schema: schema, bytes: buf, log: log) else { return }
      while reader.next() { body(&reader) }
    }
  }

  /// The footprint index for the row's code, logging an unknown code (unless `quiet`): matched
  /// on the cell's bytes, and through its text only when they do not match (quotes, escapes, or
  /// unknown). A blank code is logged either way.
  /// Static, so that a row's reader does not copy the builder to call it (a copy and release
  /// of every field, ~1,400 instructions a row).
  private static func footprint(
    _ r: borrowing TableReader, _ c: TableReader.Column, in codes: ByteKeyIndex,
    quiet: Bool = false
  ) -> Int? {
    if let i = codes.lookup(r.buf, r.keyword(c)) { return i }
    guard let code = r.requiredText(c)?.trimmingSpaces() else { return nil }
    var text = String(code)
    if let i = text.withUTF8({ codes.lookup($0, 0..<$0.count) }) { return i }
    if !quiet { r.report(c, "unknown STP code '\(code)' (not in footprints.csv)") }
    return nil
  }

  /// The footprints' codes, for `footprint(_:_:in:)`: built once when footprints.csv is read
  /// (each reader building its own cost ~55,000 instructions at every start).
  private var codeIndex: ByteKeyIndex?
  private var footprintCodes: ByteKeyIndex {
    codeIndex ?? ByteKeyIndex(footprints.map(\.code))
  }

  // MARK: - footprints.csv

  mutating func readFootprints(_ bytes: TextStore) {
    var firstLine: [String: Int] = [:]
    each(.footprints, bytes) { r in
      guard let rawCode = r.requiredText("code") else { return }
      let code = String(rawCode.trimmingSpaces())
      if code.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
        r.report("code", "STP code '\(code)' contains white space")
        return
      }
      if let first = firstLine.keepingFirst(r.line, for: code) {
        r.report("code", "duplicate STP code '\(code)' (first on line \(first))")
        return
      }
      let name = r.requiredText("name")
      let source = r.requiredText("source")
      var population: Int?
      if case .value(let v) = r.number("population", what: "population") {
        if v == 0 {
          r.report("population", "population is 0; leave it blank when unknown")
        } else {
          population = Int(v)
        }
      }
      var footprintNo: Int?
      if case .value(let v) = r.number("footprint_no", what: "footprint number") {
        footprintNo = Int(v)
      }
      var basis: PopulationBasis?
      if let b = r.text("population_basis") {
        basis = PopulationBasis(rawValue: b.trimmingSpaces().lowercased())
        if basis == nil {
          r.report(
            "population_basis",
            "unknown population_basis '\(b)' (expected: "
              + PopulationBasis.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
      }
      let year = r.text("population_year")
      if let year, !year.contains(where: \.isNumber) || !containsYear(year) {
        r.report("population_year", "population_year '\(year)' has no four-digit year")
      }
      if population != nil && year == nil {
        r.report(
          "population_year", "population has no year; per-head figures cannot be dated",
          severity: .warning)
      }
      // The population basis of per-head figures: counts that must nest (85+ within 65+ within all).
      func count(_ column: String, _ what: StaticString) -> Int? {
        if case .value(let v) = r.number(column, what: what) { return Int(v) }
        return nil
      }
      var ons = count("ons_population", "population")
      let aged65 = count("ons_aged_65_plus", "population aged 65+")
      let aged85 = count("ons_aged_85_plus", "population aged 85+")
      let onsCCGs = count("ons_ccg_count", "CCG count")
      if ons == 0 {
        r.report("ons_population", "ons_population is 0; leave it blank when unknown")
        ons = nil
      }
      if let a = aged65, let o = ons, a > o {
        r.report("ons_aged_65_plus", "ons_aged_65_plus \(a) is more than ons_population \(o)")
      }
      if let a = aged85, let b = aged65, a > b {
        r.report("ons_aged_85_plus", "ons_aged_85_plus \(a) is more than ons_aged_65_plus \(b)")
      }
      if (aged65 != nil || aged85 != nil) && r.isBlank("ons_population") {  // 0 was reported above
        r.report(
          aged65 != nil ? "ons_aged_65_plus" : "ons_aged_85_plus",
          "an age count needs ons_population on the same basis (a share needs both)")
      }
      let onsSource = r.text("ons_source")
      if ons != nil && onsSource == nil {
        r.report("ons_source", "ons_population has no ons_source; every figure needs one")
      }
      let successor = r.text("successor_code").map { String($0.trimmingSpaces()) }
      if let successor, successor == code {
        r.report("successor_code", "successor_code is the footprint's own code")
      }
      guard let name, let source else { return }
      indexByCode[code] = footprints.count
      if let successor { successorCodes.insert(successor) }
      footprints.append(
        Footprint(
          code: code, name: name,
          otherNames: (r.text("other_names") ?? "").split(separator: ";")
            .map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty },
          region: r.text("region"), footprintNumber: footprintNo, population: population,
          populationBasis: basis, populationText: r.text("population_text"), populationYear: year,
          populationSource: r.text("population_source"), onsPopulation: ons,
          onsAged65Plus: aged65, onsAged85Plus: aged85, onsYear: r.text("ons_year"),
          onsSource: onsSource, onsCCGCount: onsCCGs, successorCode: successor,
          successorName: r.text("successor_name"), source: source, notes: r.text("notes"),
          location: RowLocation(file: r.file, line: r.line)))
    }
    codeIndex = ByteKeyIndex(footprints.map(\.code))
    if footprints.count > Int(Int16.max) {
      log.add(
        ValidationIssue(
          .error, file: "footprints.csv", line: 1,
          "\(footprints.count) footprints: at most \(Int16.max) are supported"))
    }
    if footprints.isEmpty && !log.hasErrors {
      log.add(
        ValidationIssue(
          .error, file: "footprints.csv", line: 1,
          "no footprints: the file has a header but no rows"))
    }
  }

  // MARK: - waves.csv

  mutating func readWaves(_ bytes: TextStore) {
    hasWavesFile = true
    defer {
      if waves.count > Int(UInt16.max) {
        log.add(
          ValidationIssue(
            .error, file: "waves.csv", line: 1,
            "\(waves.count) waves: at most \(UInt16.max) are supported"))
      }
    }
    var firstLine: [String: Int] = [:]
    each(.waves, bytes) { r in
      guard let id = r.requiredText("wave").map({ String($0.trimmingSpaces()) }) else { return }
      if let first = firstLine.keepingFirst(r.line, for: id) {
        r.report("wave", "duplicate wave '\(id)' (first on line \(first))")
        return
      }
      let name = r.requiredText("name")
      let source = r.requiredText("source")
      var amount: Int64?
      if case .value(let v) = r.number("national_amount", what: "amount") { amount = v }
      var schemes: Int?
      if case .value(let v) = r.number("schemes", what: "number of schemes") { schemes = Int(v) }
      var stps: Int?
      if case .value(let v) = r.number("stps", what: "number of STPs") { stps = Int(v) }
      let announced = r.date("announced")
      guard let name, let source else { return }
      waveIndex[id] = waves.count
      waves.append(
        Wave(
          id: id, name: name, announced: announced, nationalAmount: amount, schemes: schemes,
          stps: stps, source: source, notes: r.text("notes"),
          location: RowLocation(file: r.file, line: r.line)))
    }
  }

  // MARK: - ratings.csv

  mutating func readRatings(_ bytes: TextStore) {
    var firstLine: [String: Int] = [:]
    let codes = footprintCodes
    each(.ratings, bytes) { r in
      let period = r.requiredText("period").map { String($0.trimmingSpaces()) }
      if let period, !isDate(period) {
        r.report("period", "bad period '\(period)': expected YYYY-MM (periods sort as text)")
        return
      }
      let index = Self.footprint(r, r.column("code"), in: codes)
      var band: Band?
      if let text = r.text("band") {
        band = Band(name: text)
        if band == nil {
          r.report(
            "band",
            "unknown band '\(text)' (expected: "
              + Band.allCases.map(\.name).joined(separator: ", ") + ", or blank for unknown)")
          return
        }
      }
      var domains: [(String, Band?)] = []
      for (name, i) in r.openColumns {
        let f = r.field(at: i)
        let text = r.buf.string(f).trimmingSpaces()
        if text.isEmpty {
          domains.append((String(name.dropFirst(7)), nil))
        } else if let b = Band(name: text) {
          domains.append((String(name.dropFirst(7)), b))
        } else {
          r.log.add(
            ValidationIssue(
              .error, file: r.file, line: r.line,
              column: r.buf.column(ofOffset: f.origin),
              "unknown band '\(text)' in \(name)"))
        }
      }
      let source = r.requiredText("source")
      guard let period, let index, let source else { return }
      let key = period + "\u{0}" + footprints[index].code
      if let first = firstLine.keepingFirst(r.line, for: key) {
        r.report(
          "code",
          "second rating for \(footprints[index].code) in period \(period) "
            + "(first on line \(first))")
        return
      }
      ratings.append(
        Rating(
          period: period, code: footprints[index].code, band: band, domains: domains,
          source: source, notes: r.text("notes"), location: RowLocation(file: r.file, line: r.line))
      )
    }
  }

  // MARK: - partners.csv

  /// Reads partners.csv. Its hot loop, like the funding one, is static (no copy of the builder
  /// per row) and works on bytes; a repeated organisation is found by a hash of its trimmed,
  /// lower-cased name and confirmed on the bytes; strings are made only for messages. A large
  /// file's repeated rows are dropped on a thread of their own, beside the files read after it
  /// (`finishPartners` joins it): at 1M rows that check is 0.1 s of one core, while the funding
  /// parse after it can use both.
  mutating func readPartners(_ bytes: TextStore) {
    let codes = footprints.map(\.code)
    let codeIndex = footprintCodes
    // The parsed rows in a box, so that the thread that drops repeats owns the only reference
    // to the columns and drops them in place (a second reference would copy them all).
    final class Parsed: @unchecked Sendable {
      var table: PartnerTable
      var keys: [UInt64]
      init(_ rows: (PartnerTable, [UInt64])) { (table, keys) = rows }
    }
    let parsed = Parsed(
      bytes.withBuffer { buf in
        Self.parsePartnersInTwo(buf, log: log, codes: codeIndex)
          ?? Self.parsePartnerRows(buf, log: log, codes: codeIndex).rows
      })
    func dropRepeats(log: IssueLog) -> PartnerTable {
      var table = parsed.table
      let keys = parsed.keys
      (parsed.table, parsed.keys) = (PartnerTable(), [])
      bytes.withBuffer { buf in
        Self.dropRepeatedPartners(&table, keys: keys, buf, log: log, footprintCodes: codes)
      }
      table.text = bytes
      return table
    }
    if parsed.table.count >= 100_000, DatasetLoader.parsesInTwo.load(ordering: .relaxed),
      let job = Alongside.start({ () -> (PartnerTable, IssueLog) in
        let ownLog = IssueLog()
        return (dropRepeats(log: ownLog), ownLog)
      })
    {
      partnersPending = job
    } else {
      partners = dropRepeats(log: log)
    }
  }

  /// The partners of a `readPartners` whose repeats were dropped alongside, and that check's
  /// problems, as if read here (partners.csv's problems stay in the order they were found).
  mutating func finishPartners() {
    guard let job = partnersPending else { return }
    partnersPending = nil
    let (table, ownLog) = job.join()
    partners = table
    log.absorb(ownLog, lineOffset: 0)
  }

  /// A large partners file parsed in two parts at once, as `parseFundingInTwo` does: the second
  /// from a row start past the middle, merged in order (its lines counted on, its problems
  /// after the first's); nil when the file is small, no thread could be made, or a quoted field
  /// spans the middle (the first part has then read the whole file: its rows are returned).
  private static func parsePartnersInTwo(
    _ buf: UnsafeBufferPointer<UInt8>, log: IssueLog, codes: ByteKeyIndex
  ) -> (PartnerTable, [UInt64])? {
    guard buf.count >= 32 << 20, DatasetLoader.parsesInTwo.load(ordering: .relaxed),
      let split = rowStart(after: buf.count / 2, buf)
    else { return nil }
    guard
      let job = Alongside.start({ () -> ((PartnerTable, [UInt64]), IssueLog) in
        let secondLog = IssueLog()
        return (parsePartnerRows(buf, log: secondLog, codes: codes, from: split).rows, secondLog)
      })
    else { return nil }
    var (first, stoppedAtLine) = parsePartnerRows(buf, log: log, codes: codes, until: split)
    let (second, secondLog) = job.join()
    guard let linesBefore = stoppedAtLine else { return first }  // the guess was wrong
    let offset = linesBefore - 1
    log.absorb(secondLog, lineOffset: offset)
    first.0.append(second.0, lineOffset: offset)
    first.1 += second.1
    return first
  }

  /// The first row start at or after `offset`: just past a newline whose next byte starts a row;
  /// nil when there is none.
  static func rowStart(after offset: Int, _ buf: UnsafeBufferPointer<UInt8>) -> Int? {
    var split = offset
    while split < buf.count && buf[split] != 0x0A { split += 1 }
    split += 1
    guard split < buf.count, buf[split] != 0x0A, buf[split] != 0x0D else { return nil }
    return split
  }

  /// The partners' rows of `buf` with each one's name key; `from` and `until` as in
  /// `parseFunding`.
  private static func parsePartnerRows(
    _ buf: UnsafeBufferPointer<UInt8>, log: IssueLog, codes: ByteKeyIndex, from: Int? = nil,
    until: Int? = nil
  ) -> (rows: (PartnerTable, [UInt64]), stoppedAtLine: Int?) {
    var table = PartnerTable()
    let expected = (buf.count - (from ?? 0)) / 40  // a guess: rows of about 40 bytes or more
    table.reserveCapacity(expected)
    var keys: [UInt64] = []  // per row kept: a hash of its trimmed, lower-cased organisation name
    keys.reserveCapacity(expected)
    var stoppedAtLine: Int?
    let sectors = Sector.allCases
    let sectorIds = KeywordTable(sectors.map(\.id))
    let nhsWords = KeywordTable(["yes", "y", "true", "no", "n", "false"])  // 0-2: NHS, 3-5: not
    do {
      guard
        var r = TableReader(schema: .partners, bytes: buf, log: log, checkingEncoding: from == nil)
      else { return ((table, keys), nil) }
      let cCode = r.column("code")
      let cOrg = r.column("organisation")
      let cSector = r.column("sector")
      let cNHS = r.column("nhs")
      let cSource = r.column("source")
      let cOrgCode = r.column("organisation_code")
      let cList = r.column("list")
      let cAsOf = r.column("as_of")
      let cNotes = r.column("notes")
      if let from { r.seek(to: from) }
      var until = until
      while r.next() {
        if let u = until, r.rowOrigin >= u {
          if r.rowOrigin == u {
            stoppedAtLine = r.line
            break
          }
          until = nil  // no row starts there: read on to the end
        }
        var ok = true
        var index: Int32 = -1
        let codeRange = r.keyword(cCode)
        if codeRange.isEmpty {
          r.report("code", "code is blank; every row needs one")
          ok = false
        } else if let i = codes.lookup(buf, codeRange) {
          index = Int32(i)
        } else {
          r.report(
            "code",
            "unknown STP code '\(r.text("code")?.trimmingSpaces() ?? "")' (not in footprints.csv)")
          ok = false
        }
        let orgRange = r.keyword(cOrg)
        if orgRange.isEmpty {
          r.report("organisation", "organisation is blank; every row needs one")
          ok = false
        }
        var sector: Sector?
        let sectorRange = r.keyword(cSector)
        if let i = sectorIds.index(buf, sectorRange) {
          sector = sectors[i]
        } else if sectorRange.isEmpty {
          r.report("sector", "sector is blank; every row needs one")
        } else if let s = r.text("sector"), let byLabel = Sector(text: s) {
          sector = byLabel  // a label such as "Local authority"
        } else {
          r.report(
            "sector",
            "unknown sector '\(r.text("sector") ?? "")' (expected: "
              + Sector.allCases.map(\.id).joined(separator: ", ") + ")")
        }
        if sector == nil { ok = false }
        var nhs: Int8 = -1
        let nhsRange = r.keyword(cNHS)
        if !nhsRange.isEmpty {
          if let i = nhsWords.index(buf, nhsRange) {
            nhs = i < 3 ? 1 : 0
          } else {
            r.report("nhs", "nhs must be yes, no or blank (unknown), not '\(r.text("nhs") ?? "")'")
            ok = false
          }
        }
        if r.isBlank(cSource) {
          r.report("source", "source is blank; every row needs one")
          ok = false
        }
        guard ok, let sector else { continue }
        if nhsRange.isEmpty, let d = sector.defaultIsNHS { nhs = d ? 1 : 0 }
        keys.append(nameKey(buf, r.ref(cOrg), orgRange))
        table.footprint.append(index)
        table.sector.append(sector)
        table.nhs.append(nhs)
        table.line.append(Int32(r.line))
        table.organisation.append(r.ref(cOrg))
        table.organisationCode.append(r.ref(cOrgCode))
        table.list.append(r.ref(cList))
        table.asOf.append(r.ref(cAsOf))
        table.source.append(r.ref(cSource))
        table.notes.append(r.ref(cNotes))
      }
    }
    return ((table, keys), stoppedAtLine)
  }

  /// An organisation listed twice for the same footprint (any case, surrounding spaces ignored)
  /// is counted once; the later rows are dropped with a warning.
  private static func dropRepeatedPartners(
    _ table: inout PartnerTable, keys: [UInt64], _ buf: UnsafeBufferPointer<UInt8>,
    log: IssueLog, footprintCodes: [String]
  ) {
    // The columns read here are let go before the rows are dropped in place (`keepRows`): held,
    // they would be copied on the first write.
    let repeats = { () -> [(row: Int32, first: Int32)] in
      let organisation = table.organisation
      return repeatedRows(
        footprints: table.footprint, footprintCount: footprintCodes.count, keys: keys
      ) { a, b in
        sameName(buf, organisation[Int(a)], organisation[Int(b)])
      }
    }()
    guard !repeats.isEmpty else { return }
    var keep = [Bool](repeating: true, count: table.count)
    for (row, first) in repeats {
      keep[Int(row)] = false
      log.add(.warning, file: "partners.csv", line: Int(table.line[Int(row)])) {
        "'\(TextStore.string(buf, table.organisation[Int(row)]))' is listed twice for "
          + "\(footprintCodes[Int(table.footprint[Int(row)])]) (first on line "
          + "\(table.line[Int(first)])); counted once"
      }
    }
    table.keepRows(keep)
  }

  /// Rows that repeat an earlier row of the same footprint, each with that earlier row, in row
  /// order. Rows are grouped by footprint first, so each footprint's hash table is small enough
  /// to stay in the CPU's cache: one table for all 100k rows of a large file waited on memory for
  /// 8 ms per load, as a `[UInt64: Int32]` spent a fifth of the load hashing and regrowing.
  /// `same` confirms that two rows whose keys are equal name the same organisation.
  static func repeatedRows(
    footprints: [Int32], footprintCount: Int, keys: [UInt64], same: (Int32, Int32) -> Bool
  ) -> [(row: Int32, first: Int32)] {
    // Rows by footprint, in row order (a counting sort).
    var starts = [Int](repeating: 0, count: footprintCount + 1)
    for f in footprints { starts[Int(f) + 1] += 1 }
    for f in 0..<footprintCount { starts[f + 1] += starts[f] }
    // The keys are placed beside their rows, so that the tables below read them in order: read
    // through the row numbers, a footprint's keys were a cache miss each (28% of this check at
    // 1M rows, perf).
    var next = starts
    var rows = [Int32](repeating: 0, count: footprints.count)
    var grouped = [UInt64](repeating: 0, count: footprints.count)
    for (row, f) in footprints.enumerated() {
      let at = next[Int(f)]
      rows[at] = Int32(row)
      grouped[at] = keys[row]
      next[Int(f)] = at + 1
    }
    var repeats: [(row: Int32, first: Int32)] = []
    var slots: [Int32] = []  // positions in `rows` and `grouped`
    for f in 0..<footprintCount where starts[f + 1] > starts[f] {
      let n = starts[f + 1] - starts[f]
      var size = 16
      while size < n * 2 { size *= 2 }
      slots.removeAll(keepingCapacity: true)
      slots.append(contentsOf: repeatElement(-1, count: size))
      let mask = size - 1
      for at in starts[f]..<starts[f + 1] {
        let key = grouped[at]
        var s = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        var first: Int32?
        while slots[s] >= 0 {
          let other = Int(slots[s])
          if grouped[other] == key && same(rows[other], rows[at]) {
            first = rows[other]
            break
          }
          s = (s + 1) & mask
        }
        if let first {
          repeats.append((rows[at], first))
        } else {
          slots[s] = Int32(at)
        }
      }
    }
    return repeats.sorted { $0.row < $1.row }
  }

  /// A hash of the bytes with ASCII letters lower-cased, eight bytes at a time (a byte-at-a-time
  /// FNV-1a took 6% of a 100k-row partners load), with MurmurHash3's finaliser.
  private static func nameHash(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(r.count)
    var i = r.lowerBound
    while i < r.upperBound {
      let w = lowercasedASCII(loadWord(buf, i, min(8, r.upperBound - i)))
      h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      i += 8
    }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }

  /// The duplicate key of an organisation name (`range`: its trimmed bytes). A name written with
  /// doubled quotes (`"A ""B"" Trust"`) is hashed as it reads (`A "B" Trust`), so it matches the
  /// same name written without them.
  private static func nameKey(
    _ buf: UnsafeBufferPointer<UInt8>, _ ref: TextRef, _ range: Range<Int>
  ) -> UInt64 {
    guard ref.hasEscapedQuotes else { return nameHash(buf, range) }
    let text = Array(decodeCSVText(buf, range, hasEscapedQuotes: true).utf8)
    return text.withUnsafeBufferPointer { nameHash($0, 0..<text.count) }
  }

  /// Whether two rows' names are equal, ignoring ASCII case and surrounding spaces, as they read
  /// (doubled quotes collapsed).
  private static func sameName(_ buf: UnsafeBufferPointer<UInt8>, _ a: TextRef, _ b: TextRef)
    -> Bool
  {
    func trimmed(_ t: TextRef) -> Range<Int> {
      let start = Int(t.start)
      return buf.trimmedRange(
        CSVField(
          start: start, end: start + t.byteCount, origin: start,
          isQuoted: false, hasEscapedQuotes: false))
    }
    let (k, r) = (trimmed(a), trimmed(b))
    if a.hasEscapedQuotes || b.hasEscapedQuotes {
      let x = Array(decodeCSVText(buf, k, hasEscapedQuotes: a.hasEscapedQuotes).utf8)
      let y = Array(decodeCSVText(buf, r, hasEscapedQuotes: b.hasEscapedQuotes).utf8)
      return x.count == y.count
        && zip(x, y).allSatisfy { asciiLowercased($0) == asciiLowercased($1) }
    }
    guard k.count == r.count else { return false }
    for (a, b) in zip(k, r) where asciiLowercased(buf[a]) != asciiLowercased(buf[b]) {
      return false
    }
    return true
  }

  // MARK: - partner_counts.csv

  mutating func readPartnerCounts(_ bytes: TextStore) {
    struct PartnerCountKey: Hashable {
      let footprint: Int
      let group: CountGroup
    }
    var firstLine: [PartnerCountKey: Int] = [:]
    let codes = footprintCodes
    struct Columns {
      let code, group, count, basis, scope, source, asOf, notes: TableReader.Column
      init(_ r: borrowing TableReader) {
        (code, group, count, basis, scope) =
          (
            r.column("code"), r.column("group"), r.column("count"), r.column("basis"),
            r.column("scope")
          )
        (source, asOf, notes) = (r.column("source"), r.column("as_of"), r.column("notes"))
      }
    }
    var resolved: Columns?  // on the first row (a cell looked up by its name costs ~400)
    each(.partnerCounts, bytes) { r in
      let columns = resolved ?? Columns(r)
      resolved = columns
      let index = Self.footprint(r, columns.code, in: codes)
      var group: CountGroup?
      if let g = r.requiredText(columns.group) {
        group = CountGroup(text: g)
        if group == nil {
          r.report(
            columns.group,
            "unknown group '\(g)' (expected a sector id, all, nhs-provider or non-nhs)")
        }
      }
      var count: Int?
      switch r.number(columns.count, what: "count") {
      case .value(let v): count = Int(v)
      case .blank:
        r.report(columns.count, "count is blank; leave the row out when the count is unknown")
      case .invalid: break
      }
      var basis = CountBasis.exact
      if let b = r.text(columns.basis) {
        if let parsed = CountBasis(rawValue: b.trimmingSpaces().lowercased()) {
          basis = parsed
        } else {
          r.report(columns.basis, "unknown basis '\(b)' (expected: exact, at least, approx)")
        }
      }
      var scope: Set<Sector>?
      if let text = r.text(columns.scope), !text.trimmingSpaces().isEmpty {
        var sectors = Set<Sector>()
        var all = false
        for word in text.split(separator: "+") {
          let w = word.trimmingSpaces().lowercased()
          if w == "all" {
            all = true
            continue
          }
          if w == "nhs" {
            sectors.formUnion(Sector.allCases.filter { $0.defaultIsNHS != false })
          } else if let s = Sector(text: w) {
            sectors.insert(s)
          } else {
            r.report(
              columns.scope, "unknown scope '\(w)' (expected: all, nhs or sector ids joined by +)")
          }
        }
        // (Word by word: String.contains would pull in the regex engine at start-up.)
        scope = all ? nil : sectors
        if scope != nil && group != .all {
          r.report(
            columns.scope, "scope applies to the 'all' row only (what the source's list covers)")
        }
      }
      let source = r.requiredText(columns.source)
      guard let index, let group, let count, let source else { return }
      if let first = firstLine.keepingFirst(
        r.line, for: PartnerCountKey(footprint: index, group: group))
      {
        r.report(
          columns.group,
          "second '\(group.id)' count for \(footprints[index].code) "
            + "(first on line \(first))")
        return
      }
      partnerCounts.append(
        PartnerCount(
          code: footprints[index].code, group: group, count: count, basis: basis, scope: scope,
          asOf: r.text(columns.asOf), source: source, notes: r.text(columns.notes),
          location: RowLocation(file: r.file, line: r.line)))
    }
  }

  // MARK: - band_totals.csv

  mutating func readBandTotals(_ bytes: TextStore) {
    let columns = ["outstanding", "advanced", "making_progress", "needs_most_improvement"]
    let known = footprints.count
    each(.bandTotals, bytes) { r in
      let period = r.requiredText("period").map { String($0.trimmingSpaces()) }
      if let period, !isDate(period) {
        r.report("period", "bad period '\(period)': expected YYYY-MM, as in ratings.csv")
        return
      }
      var counts: [Int?] = []
      for c in columns {
        if case .value(let v) = r.number(c, what: "count") {
          counts.append(Int(v))
        } else {
          counts.append(nil)
        }
      }
      let sum = counts.compactMap { $0 }.reduce(0, +)
      if sum > known {
        r.reportRow(
          "the band totals add up to \(sum), more than the \(known) footprints in footprints.csv",
          severity: .warning)
      }
      guard let period, let name = r.requiredText("source_name"),
        let source = r.requiredText("source")
      else { return }
      bandTotals.append(
        BandTotal(
          period: period, sourceName: name, counts: counts, source: source, notes: r.text("notes"),
          location: RowLocation(file: r.file, line: r.line)))
    }
  }

  // MARK: - funding.csv

  /// Reads funding.csv from its bytes in memory or mapped (`mapCopyOfFile`); a mapped file's
  /// pages are let go behind the check and the parse, so a large file is never all in memory.
  mutating func readFunding(_ store: TextStore) {
    // Funding rows keep footprint and wave indices in 16 bits; past that the load has failed.
    guard footprints.count <= Int(Int16.max), waves.count <= Int(UInt16.max) else { return }
    // waves.csv unreadable as a table: every wave would be "unknown", one error per row caused
    // by one. Say the one.
    if hasWavesFile && waves.isEmpty && log.hasErrors(in: "waves.csv") {
      log.add(
        ValidationIssue(
          .error, file: "funding.csv",
          "not checked: every wave it uses must be in waves.csv, which could not be read"))
      return
    }
    var groups = WaveGroups(national: waves)
    let codes = footprintCodes
    let waveIds = ByteKeyIndex(waves.map(\.id))
    let waveList =
      hasWavesFile
      ? "waves.csv lists: " + waves.map(\.id).joined(separator: ", ")
        + "; or 'not stated', or ids joined by '+'" : "waves.csv is missing"
    var release: (@Sendable (Range<Int>) -> Void)?
    if !store.isInMemory { release = { @Sendable in store.release($0) } }
    var table = store.withBuffer { bytes in
      Self.parseFundingInTwo(
        bytes, log: log, codes: codes, waveIds: waveIds, groups: &groups, waveList: waveList,
        release: release)
        ?? Self.parseFunding(
          bytes, log: log, codes: codes, waveIds: waveIds, groups: &groups, waveList: waveList,
          release: release
        ).table
    }
    store.loaded()
    table.text = store
    funding = table
    waves += groups.added
    // Past the bound the sums are not taken at all: the load fails with the row that crossed it.
    if checkAmountBound() { checkTotals() }
  }

  /// The bound on all funding amounts together (every row's minimum and maximum): £10,000
  /// trillion. Every sum the metrics take (per STP and wave, per STP, over all STPs, rows naming
  /// no STP; lows, highs and quoted figures) adds some of these amounts, so none can pass it;
  /// and a per-head figure in pence (an amount times 100) stays far inside 64 bits. Each amount
  /// is at most £1,000 trillion, so about ten rows at that bound reach it.
  public static let amountTotalBound: Int64 = 10_000_000_000_000_000

  /// Whether the amounts of funding.csv add up within `amountTotalBound`; if not, an error at
  /// the row where they pass it (checked arithmetic: the running total never overflows).
  private func checkAmountBound() -> Bool {
    var total: Int64 = 0
    /// Adds one bound of a row; false past the bound. (Not a loop over `[min, max]`: that array,
    /// made and freed per row, took 35 ms of a 1M-row start.)
    func add(_ v: Int64) -> Bool {
      guard v != FundingTable.none else { return true }
      let (sum, overflow) = total.addingReportingOverflow(v)
      guard !overflow, sum <= Self.amountTotalBound else { return false }
      total = sum
      return true
    }
    for r in funding.records where !add(r.amountMin) || !add(r.amountMax) {
      log.add(
        ValidationIssue(
          .error, file: "funding.csv", line: Int(r.line),
          "the amounts up to this row add up to more than "
            + "£10,000,000,000,000,000, the bound on all funding together; "
            + "check the amounts (whole pounds, no pence)"))
      return false
    }
    return true
  }

  /// A large file parsed in two parts at once: the second from a row start near the middle, on
  /// a thread of its own, with its own issues and wave groups, merged in order afterwards. The
  /// first part checks the guess: it must reach a row that starts exactly where the second
  /// began (no quoted field spans the split); otherwise it reads on to the end by itself and the
  /// second part is dropped. Nil when the file is too small to be worth it, or no thread could
  /// be made; the caller then parses it whole.
  private static func parseFundingInTwo(
    _ bytes: UnsafeBufferPointer<UInt8>, log: IssueLog, codes: ByteKeyIndex,
    waveIds: ByteKeyIndex, groups: inout WaveGroups, waveList: String,
    release: (@Sendable (Range<Int>) -> Void)?
  ) -> FundingTable? {
    guard bytes.count >= 32 << 20, DatasetLoader.parsesInTwo.load(ordering: .relaxed) else {
      return nil
    }
    // A row start after the middle.
    guard let split = rowStart(after: bytes.count / 2, bytes) else { return nil }
    final class Second: @unchecked Sendable {
      var table = FundingTable()
      var groups: WaveGroups
      let log = IssueLog()
      init(_ g: WaveGroups) { groups = g }
    }
    let second = Second(groups)
    let start = split
    let national = groups
    guard
      let job = BackgroundJob.start({
        var g = national
        second.table =
          parseFunding(
            bytes, log: second.log, codes: codes, waveIds: waveIds, groups: &g,
            waveList: waveList, from: start, release: release
          ).table
        second.groups = g
      })
    else { return nil }
    var (table, stoppedAtLine) = parseFunding(
      bytes, log: log, codes: codes, waveIds: waveIds, groups: &groups,
      waveList: waveList, until: split, release: release)
    job.join()
    guard let linesBefore = stoppedAtLine else { return table }  // the guess was wrong
    // Merged: the second part's lines counted on from the first's, its groups mapped onto the
    // first's (same text, same index; new ones appended). `table` is the only reference to the
    // first part's rows, so appending grows it in place (a second reference copied all of them).
    let offset = linesBefore - 1
    log.absorb(second.log, lineOffset: offset)
    var remap: [Int: Int] = [:]
    for (k, w) in second.groups.added.enumerated() {
      if case .success(let i) = groups.index(of: w.id, line: w.location.line + offset) {
        remap[national.national.count + k] = i
      }
    }
    table.records.reserveCapacity(table.records.count + second.table.records.count)
    for var r in second.table.records {
      r.line += Int32(offset)
      if let w = remap[Int(r.wave)] { r.wave = UInt16(w) }
      table.records.append(r)
    }
    second.table = FundingTable()
    return table
  }

  /// The hot loop of a large load. Static, so no row copies the builder; every check works on
  /// bytes, and strings are made only for error messages, in functions called only on an error
  /// (passing the reader to a helper copies it, 152 bytes, which four calls a row made 4% of
  /// the load).
  ///
  /// `from`: start at that row (lines counted from 1 there). `until`: stop before the first row
  /// that starts at or after that offset; `stoppedAtLine` is the line of that row when it starts
  /// exactly there, nil when no row does (a quoted field spans it: then the whole rest is read).
  ///
  /// `release`: told each range of rows read (8 MB at a time), so a mapped file's pages can go.
  private static func parseFunding(
    _ bytes: UnsafeBufferPointer<UInt8>, log: IssueLog, codes: ByteKeyIndex,
    waveIds: ByteKeyIndex, groups: inout WaveGroups, waveList: String, from: Int? = nil,
    until: Int? = nil, release: (@Sendable (Range<Int>) -> Void)? = nil
  ) -> (table: FundingTable, stoppedAtLine: Int?) {
    var stoppedAtLine: Int?
    var table = FundingTable()
    // A rough guess (a row of the file takes about 56 bytes) so a large file grows its rows once
    // or twice.
    // The first part (or the whole) reserves for every row of the file, so the second part can be
    // appended without moving; the second part only for its own.
    table.records.reserveCapacity((bytes.count - (from ?? 0)) / 56)
    let kindCases = FundingKind.allCases
    let basisCases = AmountBasis.allCases
    let kinds = KeywordTable(kindCases.map(\.rawValue))
    let bases = KeywordTable(basisCases.map(\.rawValue))
    let yesNo = KeywordTable(["yes", "no"])
    do {
      let buf = bytes
      guard
        var r = TableReader(
          schema: .funding, bytes: buf, log: log, checkingEncoding: from == nil, release: release)
      else { return (table, stoppedAtLine) }
      let c = Columns(r)
      table.textColumns = [c.announced, c.scheme, c.amountText, c.source, c.notes].map(\.index)
      if let from { r.seek(to: from) }
      var until = until
      var released = from ?? 0  // rows before this offset are read
      while r.next() {
        if let release, r.rowOrigin - released >= 8 << 20 {
          release(released..<r.rowOrigin)
          released = r.rowOrigin
        }
        if let u = until, r.rowOrigin >= u {
          if r.rowOrigin == u {
            stoppedAtLine = r.line
            break
          }
          until = nil  // no row starts there: read on to the end
        }
        var ok = true
        // STP code: blank means the source names no STP.
        var index: Int32 = -1
        let codeRange = r.keyword(c.code)
        if !codeRange.isEmpty {
          if let i = codes.lookup(buf, codeRange) {
            index = Int32(i)
          } else {
            r.report(
              "code",
              "unknown STP code '\(r.text("code")?.trimmingSpaces() ?? "")' (not in footprints.csv)"
            )
            ok = false
          }
        }
        var wave: Int32 = -1
        let waveRange = r.keyword(c.wave)
        if let w = waveIds.lookup(buf, waveRange) {
          wave = Int32(w)
        } else if waveRange.isEmpty {
          r.report(
            "wave", "wave is blank; every row needs one ('not stated' when the source gives none)")
          ok = false
        } else {
          // A group of waves or "not stated": its bytes seen before (one compare a row), or read
          // as text the first time.
          if let g = groups.index(seen: buf, waveRange) {
            wave = Int32(g)
          } else {
            switch groups.index(of: r.text("wave") ?? "", line: r.line) {
            case .success(let g):
              wave = Int32(g)
              groups.remember(buf, waveRange, as: g)
            case .failure(let e):
              r.report("wave", e.message + " (\(waveList))")
              ok = false
            }
          }
        }
        let kindRange = r.keyword(c.kind)
        let kind = kinds.index(buf, kindRange).map { kindCases[$0] }
        if kind == nil {
          r.report(
            "kind",
            kindRange.isEmpty
              ? "kind is blank; every row needs one"
              : "unknown kind '\(r.text("kind") ?? "")' (expected: "
                + FundingKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
          ok = false
        }
        // `.some(nil)`: a blank basis (no amount known).
        let basisRange = r.keyword(c.basis)
        let basis: AmountBasis?? =
          basisRange.isEmpty
          ? .some(nil)
          : bases.index(buf, basisRange).map { basisCases[$0] }
        if basis == nil {
          r.report(
            "basis",
            "unknown basis '\(r.text("basis") ?? "")' (expected: exact, up to, "
              + "at least, range, or blank when no amount is known)")
          ok = false
        }
        var lo = FundingTable.none
        var hi = FundingTable.none
        switch r.number(c.amountMin, what: "amount") {
        case .value(let v): lo = v
        case .invalid: ok = false
        case .blank: break
        }
        switch r.number(c.amountMax, what: "amount") {
        case .value(let v): hi = v
        case .invalid: ok = false
        case .blank: break
        }
        if r.isBlank(c.source) {
          r.report("source", "source is blank; every row needs one")
          ok = false
        }
        let dateRange = r.keyword(c.announced)
        if !dateRange.isEmpty && !isDate(buf, dateRange) {
          r.report(
            "announced",
            "bad date '\(r.text("announced") ?? "")' in announced: expected "
              + "YYYY, YYYY-MM or YYYY-MM-DD")
          ok = false
        }
        var uncertain = false
        if c.uncertain.index >= 0 {
          let u = r.keyword(c.uncertain)
          if !u.isEmpty {
            switch yesNo.index(buf, u) {
            case 0?: uncertain = true
            case 1?: break
            default:
              r.report(
                "uncertain",
                "uncertain is '\(r.text("uncertain") ?? "")': expected yes, no or blank")
              ok = false
            }
          }
        }
        guard ok, let kind, let basis else { continue }
        if let (column, message) = amountProblem(kind: kind, basis: basis, lo: lo, hi: hi) {
          r.report(column, message)
          continue
        }
        if kind == .nilAward {
          lo = 0
          if hi == FundingTable.none { hi = 0 }
        }
        table.append(
          FundingRecord(
            amountMin: lo, amountMax: hi, line: Int32(r.line), rowStart: UInt32(r.rowOrigin),
            footprint: Int16(index), wave: UInt16(wave), kind: kind, basis: basis,
            isUncertain: uncertain))
      }
    }
    return (table, stoppedAtLine)
  }

  /// The funding columns, resolved once per file.
  private struct Columns {
    let code, wave, announced, kind, scheme, amountMin, amountMax, basis, amountText, uncertain,
      source, notes: TableReader.Column
    init(_ r: borrowing TableReader) {
      code = r.column("code")
      wave = r.column("wave")
      announced = r.column("announced")
      kind = r.column("kind")
      scheme = r.column("scheme")
      amountMin = r.column("amount_min")
      amountMax = r.column("amount_max")
      basis = r.column("basis")
      amountText = r.column("amount_text")
      uncertain = r.column("uncertain")
      source = r.column("source")
      notes = r.column("notes")
    }
  }

  /// What is wrong with the amounts for this basis and kind (the column to point at, and why),
  /// or nil when they agree.
  @inline(__always)
  private static func amountProblem(
    kind: FundingKind, basis: AmountBasis?, lo: Int64, hi: Int64
  ) -> (String, String)? {
    let none = FundingTable.none
    let hasLo = lo != none
    let hasHi = hi != none
    if hasLo && hasHi && lo > hi {
      return ("amount_min", "amount_min \(lo) is above amount_max \(hi)")
    }
    switch kind {
    case .recipient, .unsuccessfulBid:
      if hasLo || hasHi || basis != nil {
        let why =
          kind == .recipient
          ? "a recipient row records an unknown amount; use kind 'scheme' for a known one"
          : "an unsuccessful bid is not an award; put the bid's size in amount_text"
        return (hasLo ? "amount_min" : (hasHi ? "amount_max" : "basis"), why)
      }
      return nil
    case .nilAward:
      if (hasLo && lo != 0) || (hasHi && hi != 0) {
        return (
          hasLo && lo != 0 ? "amount_min" : "amount_max", "a nil award has amount 0 (or blank)"
        )
      }
      return nil
    case .scheme, .stpTotal:
      break
    }
    switch basis {
    case nil:
      if hasLo || hasHi {
        return ("basis", "an amount is given but basis is blank (exact, up to, at least, range)")
      }
    case .exact:
      if !(hasLo && hasHi) || lo != hi {
        return (
          hasLo ? "amount_max" : "amount_min",
          "basis 'exact' needs amount_min and amount_max, equal"
        )
      }
    case .upTo:
      if hasLo || !hasHi {
        return (
          hasLo ? "amount_min" : "amount_max",
          "basis 'up to' needs amount_max only (amount_min blank)"
        )
      }
    case .atLeast:
      if !hasLo || hasHi {
        return (
          hasHi ? "amount_max" : "amount_min",
          "basis 'at least' needs amount_min only (amount_max blank)"
        )
      }
    case .range:
      if !(hasLo && hasHi) || lo == hi {
        return (
          hasLo && hasHi ? "amount_max" : (hasLo ? "amount_max" : "amount_min"),
          "basis 'range' needs amount_min below amount_max (use 'exact' for one figure)"
        )
      }
    }
    return nil
  }

  /// One STP total per STP and wave, and scheme rows that fit under it. Flat arrays indexed by
  /// (footprint, wave): no hashing per row.
  private func checkTotals() {
    let nWaves = max(waves.count, 1)
    var totalRow = [Int32](repeating: -1, count: footprints.count * nWaves)
    var schemeLow = [Int64](repeating: 0, count: footprints.count * nWaves)
    let records = funding.records
    for (i, r) in records.enumerated() where r.footprint >= 0 {
      let slot = Int(r.footprint) * nWaves + Int(r.wave)
      switch r.kind {
      case .stpTotal:
        if totalRow[slot] >= 0 {
          log.add(
            ValidationIssue(
              .error, file: "funding.csv", line: Int(r.line),
              "second stp-total row for \(footprints[Int(r.footprint)].code) in "
                + "\(waves[Int(r.wave)].id) (first on line \(records[Int(totalRow[slot])].line)): "
                + "keep one total per STP and wave"))
        } else {
          totalRow[slot] = Int32(i)
        }
      case .scheme:
        if r.amountMin != FundingTable.none { schemeLow[slot] += r.amountMin }
      default: break
      }
    }
    for slot in totalRow.indices where totalRow[slot] >= 0 {
      let r = records[Int(totalRow[slot])]
      if r.amountMax != FundingTable.none, schemeLow[slot] > r.amountMax {
        log.add(
          ValidationIssue(
            .warning, file: "funding.csv", line: Int(r.line),
            "the scheme rows for \(footprints[Int(r.footprint)].code) in \(waves[Int(r.wave)].id) "
              + "add up to at least \(schemeLow[slot]), more than this STP total's maximum "
              + "\(r.amountMax)"))
      }
    }
  }

  // MARK: - designations.csv and leaders.csv

  mutating func readDesignations(_ bytes: TextStore) {
    each(.designations, bytes) { r in
      guard let code = r.requiredText("code").map({ String($0.trimmingSpaces()) }) else { return }
      if indexByCode[code] == nil && !successorCodes.contains(code) {
        r.report("code", "unknown STP code '\(code)' (not in footprints.csv, nor a successor_code)")
        return
      }
      let announced = r.date("announced")
      guard let designation = r.requiredText("designation"), let source = r.requiredText("source")
      else { return }
      designations.append(
        Designation(
          code: code, announced: announced, designation: designation, scope: r.text("scope"),
          scopeNote: r.text("scope_note"), source: source,
          location: RowLocation(file: r.file, line: r.line)))
    }
  }

  /// councils.csv read on a thread of its own, beside the other files: it needs only the
  /// footprints. `takeCouncils` joins it; nil when no thread could be made.
  func readCouncilsAlongside(_ bytes: TextStore) -> Alongside<([Council], IssueLog)>? {
    var reader = Builder(log: IssueLog())
    reader.footprints = footprints
    reader.codeIndex = codeIndex
    return Alongside.start {
      reader.readCouncils(bytes)
      return (reader.councils, reader.log)
    }
  }

  /// The councils and problems of a `readCouncilsAlongside`, as if read here.
  mutating func takeCouncils(_ job: Alongside<([Council], IssueLog)>) {
    let (read, readLog) = job.join()
    councils = read
    log.absorb(readLog, lineOffset: 0)
  }

  mutating func readCouncils(_ bytes: TextStore) {
    struct Key: Hashable {
      let footprint: Int
      let tier: Council.Tier
      let code: String
    }
    // A loop of its own with columns resolved once and nothing of the builder copied per row:
    // 100,000 councils read in 150 ms through `each` (a name lookup per cell).
    let log = log
    // The STP code, tier and source are matched on the file's bytes; a string is made only for
    // what a council keeps, and for a message (100,000 councils took 0.14 s of a core, a third
    // of it making, hashing and comparing strings that were then dropped).
    let codes = footprintCodes
    let tiers = KeywordTable(Council.Tier.allCases.map(\.rawValue))
    var read: [Council] = []
    // Room for the rows up front (a row is 60-200 bytes): regrowing was a fifth of reading.
    read.reserveCapacity(bytes.count / 64)
    var seen: [Key: Int] = [:]
    seen.reserveCapacity(bytes.count / 64)
    var sources = RepeatedText()  // every row cites the same lookups: one string, not 513
    bytes.withBuffer { buf in
      guard var r = TableReader(schema: .councils, bytes: buf, log: log) else { return }
      let codeColumn = r.column("code")
      let tierColumn = r.column("tier")
      let councilCode = r.column("council_code")
      let nameColumn = r.column("council_name")
      let populationColumn = r.column("population")
      let shareColumn = r.column("share")
      let sourceColumn = r.column("source")
      while r.next() {
        let index = Self.footprint(r, codeColumn, in: codes)
        var tier = tiers.index(buf, r.keyword(tierColumn)).map { Council.Tier.allCases[$0] }
        if tier == nil, let t = r.requiredText(tierColumn) {
          tier =
            Council.Tier(rawValue: t) ?? Council.Tier(rawValue: t.trimmingSpaces().lowercased())
          if tier == nil {
            r.report(tierColumn, "unknown tier '\(t)' (expected social-care or district)")
          }
        }
        let code = r.requiredText(councilCode)
        let name = r.requiredText(nameColumn)
        var population: Int?
        switch r.number(populationColumn, what: "population") {
        case .value(let v): population = Int(v)
        case .blank: r.report(populationColumn, "population is blank")
        case .invalid: break
        }
        var share: Double?
        // A plain decimal from the cell's bytes; any other shape (or above 1) through its text.
        if let v = r.plainDecimal(shareColumn), v <= 1 {
          share = v
        } else if let s = r.requiredText(shareColumn) {
          if let v = Double(s.trimmingSpaces()), v >= 0, v <= 1 {
            share = v
          } else {
            r.report(shareColumn, "share '\(s)' is not a number from 0 to 1")
          }
        }
        let source = sources.requiredText(r, sourceColumn)
        guard let index, let tier, let code, let name, let population, let share, let source
        else { continue }
        let key = Key(footprint: index, tier: tier, code: code)
        if let first = seen.keepingFirst(r.line, for: key) {
          r.report(
            councilCode,
            "\(code) is listed twice for this footprint and tier (first on line \(first))")
          continue
        }
        read.append(
          Council(
            footprint: index, tier: tier, code: code, name: name, population: population,
            share: share, source: source, location: RowLocation(file: r.file, line: r.line)))
      }
    }
    councils = read
  }

  // MARK: - lineage.csv

  /// A directory's own lineage.csv, or the embedded one (`embedded`): its rows for footprints
  /// the directory does not have are left out, not errors, as the embedded shapes are.
  mutating func readLineage(_ bytes: TextStore, embedded: Bool = false) {
    struct Key: Hashable {
      let footprint: Int
      let asOf: String
      let successor: String
    }
    struct NameKey: Hashable {
      let asOf: String
      let successor: String
    }
    var first: [Key: Int] = [:]
    var names: [NameKey: (name: String, line: Int)] = [:]  // a successor's name on a date
    // Room for a row per ~80 bytes up front: growing by doubling rehashed every key.
    first.reserveCapacity(bytes.count / 80)
    names.reserveCapacity(bytes.count / 80)
    // The rows mostly cite one source: its cell compared, not rehashed; one string per source.
    var sources = RepeatedText(interning: true)
    let schema = Schema.lineage
    let log = embedded ? IssueLog() : log
    // Columns resolved once and the STP code matched on the file's bytes, as in councils.csv:
    // by name and through a string per cell, reading the 98 embedded rows cost 1.4M
    // instructions at every start (14,000 a row).
    let codes = footprintCodes
    var read: [Succession] = []
    bytes.withBuffer { buf in
      guard var r = TableReader(schema: schema, bytes: buf, log: log) else { return }
      let codeColumn = r.column("code")
      let asOfColumn = r.column("as_of")
      let successorColumn = r.column("successor_code")
      let odsColumn = r.column("successor_ods")
      let nameColumn = r.column("successor_name")
      let peopleColumn = r.column("people")
      let lsoasColumn = r.column("lsoas")
      let sourceColumn = r.column("source")
      while r.next() {
        guard let index = Self.footprint(r, codeColumn, in: codes, quiet: embedded) else {
          continue
        }
        let asOf = r.date(asOfColumn)
        if r.isBlank(asOfColumn) { r.report(asOfColumn, "as_of is blank; every row needs one") }
        let code = r.requiredText(successorColumn).map { String($0.trimmingSpaces()) }
        let name = r.requiredText(nameColumn)
        var people: Int?
        switch r.number(peopleColumn, what: "people") {
        case .value(let v): people = Int(v)
        case .blank: r.report(peopleColumn, "people is blank")
        case .invalid: break
        }
        var lsoas: Int?
        switch r.number(lsoasColumn, what: "LSOA count") {
        case .value(let v): lsoas = Int(v)
        case .blank, .invalid: break
        }
        let source = sources.requiredText(r, sourceColumn)
        guard let asOf, let code, let name, let people, let source else { continue }
        let key = Key(footprint: index, asOf: asOf, successor: code)
        if let line = first.keepingFirst(r.line, for: key) {
          r.report(
            successorColumn,
            "\(code) is listed twice for \(footprints[index].code) in \(asOf) (first on line \(line))"
          )
          continue
        }
        let nameKey = NameKey(asOf: asOf, successor: code)
        if let known = names[nameKey] {
          if known.name != name {
            r.report(
              nameColumn,
              "\(code) is named '\(known.name)' on line \(known.line) for \(asOf), here '\(name)'")
            continue
          }
        } else {
          names[nameKey] = (name, r.line)
        }
        read.append(
          Succession(
            footprint: index, asOf: asOf, successorCode: code,
            successorODS: r.text(odsColumn).map { String($0.trimmingSpaces()) },
            successorName: name, people: people, lsoas: lsoas, source: source,
            location: RowLocation(
              file: embedded ? "lineage.csv (embedded)" : r.file, line: r.line)))
      }
    }
    lineage.append(contentsOf: read)
  }

  mutating func readLeaders(_ bytes: TextStore) {
    let codes = footprintCodes
    each(.leaders, bytes) { r in
      let index = Self.footprint(r, r.column("code"), in: codes)
      guard let leader = r.requiredText("leader"), let source = r.requiredText("source"),
        let index
      else { return }
      leaders.append(
        Leader(
          code: footprints[index].code, leader: leader, role: r.text("role"),
          asOf: r.text("as_of"), source: source, location: RowLocation(file: r.file, line: r.line)))
    }
  }
}

/// The waves that funding rows name beyond `waves.csv`: `not stated`, or national ids joined by `+`.
struct WaveGroups {
  let national: [Wave]
  private(set) var added: [Wave] = []
  private var byKey: [String: Int] = [:]

  /// The raw cell bytes of each value already read, with its wave index: a file with many
  /// `not stated` rows reads the text once (measured: a million funding rows and 100k partners,
  /// a third of the rows groups: 350 ms reading the text each time, 153 ms with this).
  private var seen: [(bytes: [UInt8], index: Int)] = []

  init(national: [Wave]) { self.national = national }

  /// The wave index of a cell whose exact bytes were read before.
  @inline(__always)
  func index(seen buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    for s in seen where s.bytes.count == range.count {
      if s.bytes.withUnsafeBufferPointer({ $0.sameBytes(0..<$0.count, buf, range) }) {
        return s.index
      }
    }
    return nil
  }

  /// Records a cell's bytes for `index(seen:_:)`.
  mutating func remember(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, as index: Int) {
    seen.append((Array(buf[range]), index))
  }

  /// The wave index for a value that is not a national id, or why it is not valid.
  mutating func index(of raw: String, line: Int) -> Result<Int, GroupError> {
    let text = String(raw.trimmingSpaces())
    var parts: [Int] = []
    if text.lowercased() != "not stated" {
      let ids = text.split(separator: "+", omittingEmptySubsequences: false)
        .map { String($0.trimmingSpaces()) }
      guard ids.count > 1 else { return .failure(GroupError("unknown wave '\(text)'")) }
      for id in ids {
        guard let i = national.firstIndex(where: { $0.id == id }) else {
          return .failure(GroupError("unknown wave '\(id)' in '\(text)'"))
        }
        if parts.contains(i) { return .failure(GroupError("wave '\(id)' twice in '\(text)'")) }
        parts.append(i)
      }
      parts.sort()
    }
    let key = parts.isEmpty ? "not stated" : parts.map { national[$0].id }.joined(separator: "+")
    if let i = byKey[key] { return .success(i) }
    let index = national.count + added.count
    let name =
      parts.isEmpty
      ? "wave not stated by the source"
      : "waves " + parts.map { national[$0].id }.joined(separator: " and ")
        + " together (no split stated)"
    added.append(
      Wave(
        id: key, name: name, announced: nil, nationalAmount: nil, schemes: nil, stps: nil,
        source: "funding.csv rows that name this wave", notes: nil,
        location: RowLocation(file: "funding.csv", line: line), parts: parts))
    byKey[key] = index
    return .success(index)
  }
}

struct GroupError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// Whether the text holds a four-digit year between 1900 and 2199.
func containsYear(_ text: String) -> Bool {
  var run = 0
  var value = 0
  for u in text.utf8 {
    if u >= 0x30 && u <= 0x39 {
      run += 1
      value = value * 10 + Int(u - 0x30)
      if run == 4 && (1900...2199).contains(value) { return true }
    } else {
      run = 0
      value = 0
    }
  }
  return false
}

extension Dictionary {
  /// Records `value` for `key` when the key is new; when it is not, keeps the value recorded
  /// first and returns it. One lookup for a new key, where looking up and then storing hashed
  /// the key twice (a repeated-row check per row of every file).
  mutating func keepingFirst(_ value: Value, for key: Key) -> Value? {
    guard let first = updateValue(value, forKey: key) else { return nil }
    self[key] = first
    return first
  }
}
