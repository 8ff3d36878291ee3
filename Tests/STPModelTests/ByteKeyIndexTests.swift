import Testing

@testable import STPModel

@Suite struct ByteKeyIndexTests {
  @Test func findsEveryCodeAndNothingElse() throws {
    let d = try DatasetLoader.loadEmbedded().dataset
    let codes = d.footprints.map(\.code)
    let index = ByteKeyIndex(codes)
    func find(_ s: String) -> Int? {
      let bytes = Array(s.utf8)
      return bytes.withUnsafeBufferPointer { index.lookup($0, 0..<bytes.count) }
    }
    for (i, code) in codes.enumerated() { #expect(find(code) == i, "\(code)") }
    for miss in ["E5400004", "E540000410", "e54000041", "E54000049", "", "wave1", "E54000041 "] {
      #expect(find(miss) == nil, "\(miss)")
    }
    let waves = ByteKeyIndex(["wave1", "wave2", "w"])  // short keys take the byte-by-byte hash
    let w2 = Array("wave2".utf8)
    #expect(w2.withUnsafeBufferPointer { waves.lookup($0, 0..<5) } == 1)
  }
}

/// The byte-level shortcuts the loader takes agree with the character-level rules they stand
/// in for: a cell left untrimmed or compared by `memcmp` reads exactly as before.
@Suite struct ByteShortcutTests {
  /// `trimmingSpaces` as it was: characters off each end while they are a space or a tab.
  func byCharacters(_ text: String) -> Substring {
    var s = Substring(text)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return s
  }

  @Test func trimmingReadsAsTrimmingByCharacters() {
    let texts = [
      "", " ", "\t", "  \t ", "x", " x", "x ", "\tx\t", " x y ", "Dorset", "E54000041",
      " \u{301}x",  // a space with a combining accent is one character, not a space: kept
      "x \u{301}", "\u{301} x", "é ", " é", "\u{1F1EC}\u{1F1E7} ", "\r\n", " \r\n ",
      "\u{A0}x\u{A0}",
    ]
    for t in texts {
      #expect(t.trimmingSpaces() == byCharacters(t), "\(Array(t.unicodeScalars))")
      let sub = ("[" + t + "]").dropFirst().dropLast()
      #expect(sub.trimmingSpaces() == byCharacters(String(sub)), "\(Array(t.unicodeScalars))")
    }
  }

  @Test func sameBytesComparesWhatTheRangesHold() {
    let bytes = Array("abcabdab".utf8)
    bytes.withUnsafeBufferPointer { b in
      #expect(b.sameBytes(0..<2, b, 3..<5))  // "ab" and "ab"
      #expect(!b.sameBytes(0..<3, b, 3..<6))  // "abc" and "abd"
      #expect(!b.sameBytes(0..<2, b, 0..<3))  // lengths differ
      #expect(b.sameBytes(4..<4, b, 0..<0))  // both empty
      let other = Array("xxabc".utf8)
      other.withUnsafeBufferPointer { o in
        #expect(b.sameBytes(0..<3, o, 2..<5))
        #expect(!b.sameBytes(0..<3, o, 1..<4))
      }
    }
  }
}

/// The column table the readers look columns up in by name answers as the dictionary it stands
/// in for: every column of every schema found at its index, in tables full enough to collide,
/// and nothing else.
@Suite struct ColumnTableTests {
  @Test func answersAsTheDictionary() {
    let all = Schema.all.flatMap { $0.required + $0.optional }
    // Every schema's own columns, and every prefix of all of them (tables of 1 to all names).
    var cases = Schema.all.map { $0.required + $0.optional }
    for n in stride(from: 1, through: all.count, by: 7) {
      cases.append(Array(Set(all)).sorted().prefix(n).map { $0 })
    }
    for names in cases {
      var dict: [String: Int] = [:]
      for (i, name) in names.enumerated() where dict[name] == nil { dict[name] = i * 3 }
      let table = ColumnTable(dict)
      for (name, index) in dict { #expect(table[name] == index, "\(name) among \(names.count)") }
      for miss in ["", "cod", "code ", "Code", "ons_population_", "x", "notes2"]
      where dict[miss] == nil {
        #expect(table[miss] == nil, "\(miss)")
      }
      for name in all where dict[name] == nil { #expect(table[name] == nil, "\(name)") }
    }
  }
}

/// A council's share read from its bytes is exactly what `Double(String)` reads, for every shape
/// it takes; other shapes are left to `Double(String)` (nil here).
@Suite struct PlainDecimalTests {
  func fast(_ s: String) -> Double? {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { $0.plainDecimal(0..<bytes.count) }
  }

  @Test func agreesWithTheStandardReading() {
    var rng = SystemRandomNumberGenerator()
    var checked = 0
    for _ in 0..<20_000 {
      let whole = Int.random(in: 0...4, using: &rng)
      let frac = Int.random(in: 0...20, using: &rng)
      let w = String((0..<max(1, whole)).map { _ in "0123456789".randomElement(using: &rng)! })
      let f = String((0..<frac).map { _ in "0123456789".randomElement(using: &rng)! })
      let s = frac == 0 ? w : w + "." + f
      if let v = fast(s) {
        #expect(v == Double(s), "\(s)")
        checked += 1
      }
    }
    #expect(checked > 10_000)
    for s in [
      "0", "1", "0.5", "0.1", "0.3", "1.0", "0.999999999999999", "123456789012345",
      "0.0000000000000000000001", "00012.50",
    ] {
      #expect(fast(s) == Double(s), "\(s)")
    }
    // Other shapes: left to Double(String).
    for s in [
      "", ".", "1.", ".5", "1e3", "-0.5", "+1", "0,5", "1.2.3", "1234567890123456",
      "0.1234567890123456", " 1",
    ] {
      #expect(fast(s) == nil, "\(s)")
    }
  }
}
