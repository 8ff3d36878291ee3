import Testing

@testable import STPReport

@Suite struct DisplayWidthTests {
  @Test func widthsFollowUnicode() {
    #expect(DisplayWidth.of("Dorset") == 6)
    #expect(DisplayWidth.of("東京") == 4)  // East Asian Wide
    #expect(DisplayWidth.of("e\u{301}") == 1)  // e + combining acute: one cell
    #expect(DisplayWidth.of("🏥") == 2)  // emoji presentation
    #expect(DisplayWidth.of("a\u{200B}b") == 2)  // zero-width space
    #expect(DisplayWidth.of("£325m") == 5)
  }

  @Test func fastPathsAgreeWithTheGeneralRule() {
    // Every scalar the lone-scalar fast path answers for, against the property-based rule.
    for v in UInt32(0x80)...0x25FF {
      guard let s = Unicode.Scalar(v) else { continue }
      let ch = Character(s)
      #expect(
        DisplayWidth.of(ch) == DisplayWidth.generalWidth(ch.unicodeScalars),
        "U+\(String(v, radix: 16))")
    }
    #expect(DisplayWidth.of("\u{AD}") == 0)  // soft hyphen: a format character
    #expect(DisplayWidth.of("©\u{FE0F}") == 2)  // not a lone scalar: emoji presentation
    #expect(DisplayWidth.of("—\u{301}") == 1)
    #expect(DisplayWidth.of("tab\there\u{7F}") == 7)  // controls and DEL take no column
    #expect(DisplayWidth.of("Norfolk and Waveney"[...]) == 19)
  }

  /// Text made only of printable ASCII and the common narrow scalars is measured by counting
  /// scalars: none of those scalars may join a neighbour into one character (each stays a
  /// character of its own beside letters and beside itself), and each is one column.
  @Test func theNarrowScalarsAreEachACharacterOfOneColumn() {
    var checked = 0
    for v in UInt32(0xA0)...0x25FF where DisplayWidth.isNarrowCommon(v) {
      let s = String(Unicode.Scalar(v)!)
      let text = "a" + s + "a" + s + s
      #expect(text.count == 5, "U+\(String(v, radix: 16)) joins a neighbour")
      #expect(DisplayWidth.narrowScalarCount(text) == 5)
      #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
      checked += 1
    }
    #expect(checked == 791)  // 607 Latin, 24 punctuation, 160 box and block
    // Anything else goes to the general rule.
    #expect(DisplayWidth.narrowScalarCount("e\u{301}") == nil)
    #expect(DisplayWidth.narrowScalarCount("≤£632.57") == nil)
    #expect(DisplayWidth.narrowScalarCount("£13m – Hélène") == 13)
    #expect(DisplayWidth.of("e\u{301}£") == 2)
  }

  /// String and Substring have forms of their own (issue 26: the generic one, called from
  /// another module, was 55% of a large Detail's layout): they must measure as it does.
  @Test func theStringAndSubstringFormsMeasureAsTheGenericOne() {
    func generic(_ t: some StringProtocol) -> Int { DisplayWidth.of(t) }
    let texts = [
      "", "Dorset", "東京 Tokyo", "e\u{301}cole", "🏥 hospital", "a\u{200B}b", "£325m",
      "tab\there\u{7F}",
      "©\u{FE0F}", String(repeating: "Norfolk and Waveney ", count: 50), "\u{1B}[31m",
      "Ynys Môn — Anglesey", "\u{AD}soft",
    ]
    for t in texts {
      #expect(DisplayWidth.of(t) == generic(t), "\(t.debugDescription)")
      let piece = t.dropFirst(min(1, t.count))
      #expect(DisplayWidth.of(piece) == generic(piece), "\(piece.debugDescription)")
    }
  }

  @Test func truncationNeverSplitsAWideCharacter() {
    #expect(DisplayWidth.truncate("東京都庁", to: 5) == "東京…")
    #expect(DisplayWidth.of(DisplayWidth.truncate("東京都庁", to: 4)) <= 4)
    #expect(DisplayWidth.truncate("Dorset", to: 6) == "Dorset")
    #expect(DisplayWidth.truncate("Dorset", to: 4) == "Dor…")
  }

  @Test func paddingCountsColumnsNotCharacters() {
    #expect(DisplayWidth.pad("東", to: 4) == "東  ")
    #expect(DisplayWidth.pad("7", to: 3, rightAligned: true) == "  7")
    for n in -2...300 {
      #expect(DisplayWidth.spaces(n) == String(repeating: " ", count: max(0, n)), "\(n) spaces")
    }
  }
}

@Suite struct SafeTextTests {
  @Test func controlsBecomeVisible() {
    #expect(SafeText.forTerminal("a\u{1B}[31mb") == "a^[[31mb")
    #expect(SafeText.forTerminal("tab\there") == "tab^Ihere")
    #expect(SafeText.forTerminal("del\u{7F}") == "del^?")
    #expect(SafeText.forTerminal("c1\u{85}") == "c1\\u{85}")
  }

  @Test func bidiOverridesAreReplaced() {
    #expect(SafeText.forTerminal("\u{202E}evil") == "\u{FFFD}evil")
    #expect(SafeText.forTerminal("x\u{2066}y") == "x\u{FFFD}y")
  }

  @Test func ordinaryTextIsUntouched() {
    let s = "Bristol, North Somerset and South Gloucestershire — £30m 東京 é"
    #expect(SafeText.forTerminal(s) == s)
  }
}

@Suite struct FormatTests {
  @Test func moneyIsCompactButExact() {
    #expect(Format.money(312_000_000) == "£312m")
    #expect(Format.money(3_800_000) == "£3.8m")
    #expect(Format.money(1_350_000) == "£1.35m")
    #expect(Format.money(955_313) == "£955,313")
    #expect(Format.money(3_755_313) == "£3,755,313")
    #expect(Format.money(500_000) == "£500k")
    #expect(Format.money(2_600_000_000) == "£2.6bn")
    #expect(Format.money(0) == "£0")
  }

  @Test func rangesInWords() {
    #expect(Format.range(.init(low: 3_800_000, high: 3_800_000)) == "£3.8m")
    #expect(Format.range(.init(low: 0, high: 80_000_000)) == "up to £80m")
    #expect(Format.range(.init(low: 100_000_000, high: nil)) == "at least £100m")
    #expect(Format.range(.init(low: 30_000_000, high: 55_000_000)) == "£30m to £55m")
    #expect(Format.range(.init(low: 0, high: nil)) == "unknown")
  }

  @Test func smallAndLargeSharesAreNotRoundedAway() {
    #expect(Format.percent(0.0005) == "<1%")
    #expect(Format.percent(0.333) == "33%")
    #expect(Format.percent(0.998) == ">99%")
    #expect(Format.percent(0) == "0%")
    #expect(Format.perHead(125) == "£125.00")
    #expect(Format.perHead(28.5714) == "£28.57")
  }
}

@Suite struct ReportTableTests {
  let table = ReportTable(
    columns: [
      .init("Name", key: "name"), .init("Amount", key: "amount", numeric: true),
      .init("Raw", key: "raw", machineOnly: true),
    ],
    rows: [
      [.text("東京"), .init("£5m", .int(5_000_000)), .init("", .int(1))],
      [.text("Humber, Coast \"and\" Vale"), .init("£30m", .int(30_000_000)), .init("", .null)],
    ])

  @Test func tableAlignsWideCharacters() {
    let lines = table.rendered(as: .table).split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    // Every line puts the amount column's right edge at the same display column.
    let edges = [lines[0], lines[2], lines[3]].map { DisplayWidth.of($0) }
    #expect(Set(edges).count == 1)
    #expect(!lines[0].contains("Raw"))  // machine-only columns stay out of tables
  }

  @Test func aTableFoldedToASCIIKeepsItsColumnsWhenTextIsCut() {
    // A name past its column's width and a figure no form of which fits: cut with "..."
    // measured as it prints, so the columns after them stay where the others are.
    let t = ReportTable(
      columns: [
        .init("STP", key: "stp", maxWidth: 12), .init("Funding", key: "f", maxWidth: 5),
        .init("Region", key: "region"),
      ],
      rows: [
        [.text("Dorset"), .init("£5m", .int(5), forms: ["£5m"]), .text("South")],
        [
          .text("Durham, Darlington, Teesside"),
          .init("at least £100m", .int(100), forms: ["at least £100m", "≥£100m"]),
          .text("North"),
        ],
      ])
    let lines = ASCIIFold.fold(t.asciiFolded().rendered(as: .table)).split(separator: "\n")
      .map(String.init)
    let column = lines[0].range(of: "Region")!.lowerBound.utf16Offset(in: lines[0])
    for (row, region) in [(lines[2], "South"), (lines[3], "North")] {
      #expect(row.range(of: region)?.lowerBound.utf16Offset(in: row) == column, "\(row)")
      #expect(row.utf8.allSatisfy { $0 < 0x80 })
    }
    #expect(lines[3].hasPrefix("Durham, D...") && lines[3].contains("..."))
  }

  @Test func csvQuotesAndKeepsRawValues() {
    #expect(
      table.rendered(as: .csv) == """
        name,amount,raw
        東京,5000000,1
        "Humber, Coast ""and"" Vale",30000000,

        """)
  }

  @Test func jsonKeepsKeyOrderAndNulls() {
    let json = table.rendered(as: .json)
    #expect(
      json.contains(
        "\"name\": \"Humber, Coast \\\"and\\\" Vale\",\n    \"amount\": 30000000,\n    \"raw\": null"
      ))
  }

  @Test func markdownEscapesPipes() {
    let t = ReportTable(columns: [.init("A", key: "a")], rows: [[.text("x|y")]])
    #expect(t.rendered(as: .markdown) == "| A |\n| --- |\n| x\\|y |\n")
  }
}
