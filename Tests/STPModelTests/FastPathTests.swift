import STPTestSupport
import Testing

@testable import STPModel

/// The loader's fast paths (64- and 8-byte delimiter search, word-wise keywords, repeated rows) against plain reference versions, on seeded random input.
@Suite struct FastPathTests {
  /// The same inputs on every run.
  typealias Random = SeededRandom

  /// Random well-formed CSV and, for each record, its 1-based line and fields, computed without
  /// the scanner. Field lengths from 0 to 150 put delimiters on every side of the 8- and 64-byte
  /// blocks; quotes, CR and CRLF send some rows to the general scanner.
  static func randomCSV(_ rng: inout Random) -> (String, [(line: Int, fields: [String])]) {
    let plain = Array("abcXYZ 019-£é.;:/'\t")
    var text = ""
    var expected: [(Int, [String])] = []
    var line = 1
    for _ in 0..<(1 + rng.below(40)) {
      var fields: [String] = []
      var recordText = ""
      let count = 1 + rng.below(12)
      for k in 0..<count {
        let long = rng.below(6) == 0
        let length = rng.below(long ? 150 : 12)
        let quoted = rng.below(5) == 0
        var value = ""
        for _ in 0..<length {
          if quoted && rng.below(8) == 0 {
            value.append([",", "\"", "\n", "\r\n"][rng.below(4)])
          } else {
            value.append(plain[rng.below(plain.count)])
          }
        }
        if count == 1 && !quoted && value.isEmpty { value = "x" }  // an empty line is skipped
        fields.append(value)
        recordText += quoted ? "\"" + value.replacingAll("\"", with: "\"\"") + "\"" : value
        if k < count - 1 { recordText += "," }
      }
      expected.append((line, fields))
      line += recordText.lineBreaks
      let end = ["\n", "\n", "\n", "\r\n", "\r", "\n\n"][rng.below(6)]
      text += recordText + end
      line += end.lineBreaks
    }
    return (text, expected)
  }

  @Test func scannerMatchesAReferenceOnRandomCSV() throws {
    var rng = Random(state: 2017)
    for _ in 0..<400 {
      let (text, expected) = Self.randomCSV(&rng)
      let bytes = Array(text.utf8)
      let got: [(Int, [String])] = try bytes.withUnsafeBufferPointer { buf in
        var s = CSVScanner(buf)
        var fields: [CSVField] = []
        var out: [(Int, [String])] = []
        while try s.nextRecord(into: &fields) {
          out.append((s.recordLine, fields.map { buf.string($0) }))
        }
        return out
      }
      try #require(got.count == expected.count, "\(text.debugDescription)")
      for (g, e) in zip(got, expected) {
        #expect(g.0 == e.line && g.1 == e.fields, "\(text.debugDescription)")
      }
    }
  }

  @Test func quotedFieldsOnTheFastPathAreFoundAndMalformedOnesReported() throws {
    // Rows long enough for whole 64-byte blocks, quotes on both sides of block edges.
    let pad = String(repeating: "x", count: 70)
    #expect(
      try records("\"\(pad), a\",\"b \"\"q\"\" \(pad)\",c\n") == [
        ["\(pad), a", "b \"q\" \(pad)", "c"]
      ])
    #expect(try records("\(pad),\"\",\"\"\"\",z\n") == [[pad, "", "\"", "z"]])
    // Malformed: the same errors as field by field.
    for bad in ["\"a\"x\"b\",\(pad)\n", "\"a\"\"\",\(pad)\n\"open,\(pad)"] {
      #expect(throws: CSVSyntaxError.self) { try records(bad) }
    }
    // A quote inside an unquoted field is content, as before.
    #expect(try records("ab\"c,\(pad)\n") == [["ab\"c", pad]])
  }

  @Test func keywordsMatchInAnyCaseAndAnyLength() {
    let words = [
      "scheme", "stp-total", "unsuccessful-bid", "community-mental-health", "up to", "n",
      // Past 16 bytes, two alike in their first 16 and their length: each finds itself.
      "private-independent", "private-independant",
    ]
    let table = KeywordTable(words)
    func find(_ s: String) -> Int? {
      let b = Array(s.utf8)
      return b.withUnsafeBufferPointer { table.index($0, 0..<b.count) }
    }
    for (i, w) in words.enumerated() {
      #expect(find(w) == i)
      #expect(find(w.uppercased()) == i)
    }
    for miss in [
      "", "schemes", "schem", "stp_total", "community-mental-healthy", "UP  TO", "ñ",
      "unsuccessful-biD ", "[", "@", "community-mental-healtH!", "community-mental-hEalty",
      "private-independen", "private-independint",
    ] {
      #expect(find(miss) == nil, "\(miss)")
    }
  }

  @Test func repeatedRowsAreFoundPerFootprintAndConfirmed() {
    // Rows 0-5: footprint, key (a hash stand-in), name.
    let footprints: [Int32] = [0, 1, 0, 0, 1, 0, 2, 2]
    let keys: [UInt64] = [7, 7, 7, 9, 7, 7, 5, 5]
    let names = ["A", "A", "a", "B", "X", "C", "D", "D"]
    // Row 2 repeats row 0 (same footprint, same name ignoring case); row 4 shares footprint 1
    // and key with row 1 but not the name; row 5 shares key 7 in footprint 0 but not the name;
    // row 7 repeats row 6.
    let repeats = Builder.repeatedRows(footprints: footprints, footprintCount: 3, keys: keys) {
      a, b in
      names[Int(a)].lowercased() == names[Int(b)].lowercased()
    }
    #expect(repeats.map(\.row) == [2, 7])
    #expect(repeats.map(\.first) == [0, 6])
    // Many rows under one key: each is compared, only equal names repeat.
    let n = 500
    let many = Builder.repeatedRows(
      footprints: [Int32](repeating: 0, count: n), footprintCount: 1,
      keys: [UInt64](repeating: 42, count: n)
    ) { a, b in a % 250 == b % 250 }
    #expect(many.count == 250)
    #expect(many.allSatisfy { $0.first == $0.row - 250 })
  }

  @Test func fundingRowsReadTheirTextAgainExactly() throws {
    // Quoted fields with commas, doubled quotes and a line break; a blank optional column; a row
    // far into the file; columns in an unusual order.
    var text =
      "notes,code,wave,announced,kind,scheme,amount_min,amount_max,basis,source,amount_text\n"
    for i in 0..<300 {
      text +=
        "\"row \(i), \"\"quoted\"\"\nsecond line\",E1,w1,2017-07,scheme,\"Hub, \(i)\","
        + "\(i),\(i),exact,\"src \(i)\",\r\n"
    }
    let d = try Fixture.load(replacing: "funding.csv", with: text).dataset
    #expect(d.funding.count == 300)
    for i in [0, 1, 150, 299] {
      let row = d.funding[i]
      #expect(row.notes == "row \(i), \"quoted\"\nsecond line")
      #expect(row.scheme == "Hub, \(i)")
      #expect(row.source == "src \(i)")
      #expect(row.announced == "2017-07")
      #expect(row.amountText == "")
      #expect(row.location.line == 2 + 2 * i)
    }
  }

  @Test func filtersMatchIgnoringCase() {
    #expect("Dorset County Hospital".containsIgnoringCase("dorset c"))
    #expect("Dorset County Hospital".containsIgnoringCase("HOSPITAL"))
    #expect(!"Bath".containsIgnoringCase("bathe"))
    #expect("anything".containsIgnoringCase(""))
    // ASCII needle, text with a non-ASCII letter.
    #expect("São Paulo".containsIgnoringCase("paulo"))
    #expect("ÉCOLE Normale".containsIgnoringCase("école"))  // non-ASCII needle: by characters
    #expect(!"Ecole".containsIgnoringCase("école"))
    #expect("£325m capital".containsIgnoringCase("£325M"))
  }

  /// The searches that replaced `String.contains(String)` and `firstRange(of:)` when the regex
  /// engine was left out of the program (issue 26): the same answers, case as given.
  @Test func textIsFoundByItsBytesWhereverItIs() throws {
    let heading = "wave1 Spring Budget — at least £100m"
    let r = try #require(heading.rangeOfBytes(" — "))
    #expect(heading[..<r.lowerBound] == "wave1 Spring Budget")
    #expect(heading[r.upperBound...] == "at least £100m")
    #expect(
      "Local authority: 3".rangeOfBytes(": ").map { "Local authority: 3"[..<$0.lowerBound] }
        == "Local authority")
    #expect("São Paulo ICB".containsBytes("ICB"))  // after a non-ASCII letter, and at the end
    #expect("c. 2016–2018".containsBytes("c."))
    #expect(!"Integrated care system".containsBytes("integrated"))  // case as given
    #expect(!"Bath".containsBytes("Bathe"))
    #expect("anything".containsBytes(""))
    #expect("".rangeOfBytes("a") == nil)
  }

  /// The UTF-8 check (64-byte blocks, jumping to a block's first non-ASCII byte) against the
  /// standard library's decoder, on text from 0 to 400 bytes: ASCII runs of every length put
  /// characters of 2 to 4 bytes, and malformed ones, on every side of the 8- and 64-byte blocks.
  @Test func utf8CheckFindsWhatTheStandardDecoderFinds() {
    func reference(_ bytes: [UInt8]) -> Int? {
      var parser = Unicode.UTF8.ForwardParser()
      var it = bytes.makeIterator()
      var offset = 0
      while true {
        switch parser.parseScalar(from: &it) {
        case .valid(let s): offset += s.count
        case .error: return offset
        case .emptyInput: return nil
        }
      }
    }
    let pieces: [[UInt8]] = [
      Array("é".utf8), Array("–".utf8), Array("🏥".utf8), Array("東".utf8),
      [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
      [0x80], [0xC3],
    ]
    var rng = Random(state: 26)
    var found = 0
    for _ in 0..<3000 {
      var bytes: [UInt8] = []
      let target = rng.below(400)
      while bytes.count < target {
        bytes += [UInt8](repeating: 0x61, count: rng.below(90))
        // Mostly well-formed characters; now and then a malformed piece.
        bytes += pieces[rng.below(20) == 0 ? 4 + rng.below(pieces.count - 4) : rng.below(4)]
      }
      let expected = reference(bytes)
      if expected != nil { found += 1 }
      #expect(bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) } == expected, "\(bytes)")
    }
    #expect(found > 300 && found < 2900)  // both outcomes well represented
  }
}

extension String {
  fileprivate func replacingAll(_ a: Character, with b: String) -> String {
    var out = ""
    for c in self { if c == a { out += b } else { out.append(c) } }
    return out
  }

  /// Line breaks as the scanner counts them: CRLF, CR and LF are one each.
  fileprivate var lineBreaks: Int {
    var n = 0
    for c in self where c == "\n" || c == "\r" || c == "\r\n" { n += 1 }
    return n
  }
}
