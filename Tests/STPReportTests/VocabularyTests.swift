import Foundation
import STPModel
import Testing

@testable import STPReport

/// The vocabulary for absent and qualified values keeps its meaning in every output format.
@Suite struct VocabularyTests {
  let d: Dataset
  let m: Metrics

  init() throws {
    let r = try DatasetLoader.loadEmbedded()
    d = r.dataset
    m = r.metrics
  }

  func csvRow(_ table: ReportTable, code: String) throws -> [String: String] {
    let lines = table.rendered(as: .csv).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let line = try #require(lines.first { $0.contains(",\(code),") })
    // These rows have no quoted commas before the columns read here: split plainly.
    let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return Dictionary(uniqueKeysWithValues: zip(header, cells))
  }

  func jsonRow(_ table: ReportTable, code: String) throws -> [String: Any] {
    let data = Data(table.rendered(as: .json).utf8)
    let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    return try #require(rows.first { $0["code"] as? String == code })
  }

  @Test func partnersUnknownIsBlankAndNoneNamedIsZero() throws {
    let t = PartnersReport.make(d, m)
    // Bath, Swindon and Wiltshire: only the NHS lookups (3 CCGs, 3 acute trusts): housing was
    // never looked up, so it is blank, not 0; breadth and share unknown.
    let bswCSV = try #require(
      t.rendered(as: .csv).split(separator: "\n").first { $0.contains("E54000040") })
    // Breadth and share blank, their basis saying why, no bounds, the row they rest on cited;
    // as_of blank: nothing dated.
    #expect(bswCSV.contains(",,not searched,,not searched,6,exact,6,,,"))
    #expect(bswCSV.hasSuffix(",3,3,,,,,,,,,,NHS lookups only,"))
    // Dorset's published list names no housing association: a searched zero.
    let dorset = try csvRow(t, code: "E54000041")
    #expect(dorset["housing"] == "0" && dorset["local_authority"] == "3")
    // Suffolk and North East Essex: "some 26" partners, 6 named: the count keeps its basis, and
    // sectors no list searched are unknown.
    // Bristol, North Somerset and South Gloucestershire states 13 partners and names only NHS
    // bodies: sectors beyond the NHS unknown ("0+" is no information), not 0.
    let bnssgCSV = try #require(
      t.rendered(as: .csv).split(separator: "\n").first { $0.contains("E54000039") })
    #expect(
      bnssgCSV.hasPrefix(
        ",22,E54000039,\"Bristol, North Somerset and South Gloucestershire\",,unknown,,unknown,"))
    let suffolk = try csvRow(t, code: "E54000023")
    #expect(
      suffolk["partners"] == "26" && suffolk["partners_basis"] == "approx"
        && suffolk["partners_named"] == "6")
    #expect(suffolk["housing"] == "")
    let json = try jsonRow(t, code: "E54000040")
    #expect(json["housing"] is NSNull && json["non_nhs_share"] is NSNull)
    #expect(
      PartnersReport.partnersText(m.breadth[try #require(d.index(ofCode: "E54000023"))])
        == "~26 stated, 6 named")
  }

  @Test func fundingKeepsQualifiersNilAwardsBidsAndDisputes() throws {
    let t = FundingReport.make(d, m)
    // Gloucestershire: £0 in wave 4 (a nil award), nothing else: no total, no rank, no per head.
    let glos = try csvRow(t, code: "E54000043")
    #expect(
      glos["position"] == "" && glos["funding_value"] == "" && glos["funding_basis"] == "nil award")
    #expect(glos["wave4_value"] == "0" && glos["wave4_status"] == "nil award")
    #expect(glos["per_head_value"] == "" && glos["per_head_basis"] == "unknown")
    // Shropshire: up to £312m over 493,227 people: up to £632.57, nothing proven below.
    let shrop = try csvRow(t, code: "E54000011")
    // "up to" states no minimum: blank, never 0.
    #expect(
      shrop["funding_basis"] == "up to" && shrop["funding_min"] == ""
        && shrop["funding_max"] == "312000000")
    #expect(shrop["per_head_min"] == "")
    #expect(shrop["per_head_basis"] == "up to" && shrop["per_head_max"] == "632.57")
    #expect(
      shrop["funding_rows"] == "funding.csv:27"
        && shrop["funding_source"]?.hasPrefix("https://") == true)
    // Cornwall: £40m with no stated wave; its wave-4 bid not funded is no amount.
    let cornwall = try csvRow(t, code: "E54000036")
    #expect(cornwall["not_stated_value"] == "40000000" && cornwall["wave4_value"] == "")
    #expect(
      cornwall["wave4_status"] == "bid not funded" && cornwall["wave4_basis"] == "bid not funded")
    let cornwallIndex = try #require(d.index(ofCode: "E54000036"))
    let bid = try #require(m.waveFigure(cornwallIndex, wave: 3))
    #expect(bid.absence == .bidNotFunded && FigureText.forms(bid).last == "✗")
    // North East London: the disputed £0.5m is kept and marked; its wave-1 money is unknown, so
    // the total is at least £500k with more unknown: no maximum.
    let nel = try jsonRow(t, code: "E54000029")
    #expect(nel["funding_basis"] as? String == "at least" && nel["funding_max"] is NSNull)
    #expect(nel["wave4_status"] as? String == "award, uncertain")
    #expect(nel["funding"] as? String == "at least £500k + amounts unknown (uncertain)")
    // Markdown says what the screen says, qualifiers whole.
    let md = t.rendered(as: .markdown)
    #expect(
      md.contains(
        "| 1 | E54000011 | Shropshire and Telford and Wrekin | up to £312m (funding.csv:24) |")
        || md.contains("| 1 | E54000011 | Shropshire and Telford and Wrekin | up to £312m |"))
    #expect(md.contains("| – | E54000043 | Gloucestershire | £0 in W4; other waves unknown |"))
  }

  @Test func batchTablesSayUnknownNotNoDataOrADash() throws {
    // Bath, Swindon and Wiltshire has no funding row and no footprint number.
    let league = LeagueReport.make(d, m, by: .funding).rendered(as: .markdown)
    let bath = try #require(league.split(separator: "\n").first { $0.contains("E54000040") })
    #expect(
      bath.contains("| unknown (Advanced or Making progress) | unknown |")
        && !bath.contains("no data"))
    let waves = FundingReport.waves(d, m).rendered(as: .markdown)
    #expect(
      waves.contains("| wave2 |") && waves.contains("no amount found (0 of 2 STPs named)")
        && !waves.contains("| – |"))
  }

  @Test func aNilAwardNamesItsWaveByTheDatasLabel() throws {
    // A data directory whose waves are not wave1..wave4: the label comes from waves.csv's id.
    var files = DatasetLoader.embeddedFiles.filter {
      $0.name != "waves.csv" && $0.name != "funding.csv"
    }
    files.append(
      (
        "waves.csv",
        Array("wave,name,national_amount,source\nspring,Spring,100,t\nautumn,Autumn,200,t\n".utf8)
      ))
    files.append(
      (
        "funding.csv",
        Array(
          ("code,wave,announced,kind,scheme,amount_min,amount_max,basis,source\n"
            + "E54000043,autumn,2018,nil,,0,0,exact,t\n").utf8)
      ))
    let r = try DatasetLoader.load(files: files, origin: "test")
    let f = try #require(r.dataset.index(ofCode: "E54000043"))
    #expect(FigureText.text(r.metrics.fundingFigure(f)) == "£0 in autumn; other waves unknown")
  }

  @Test func theDocsListEverySymbol() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../..")
    let data = try String(contentsOf: root.appendingPathComponent("docs/DATA.md"), encoding: .utf8)
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    for a in Absence.allCases where a != .sourcedZero {
      #expect(data.contains("`\(a.glyph)`"), "docs/DATA.md lacks \(a.glyph)")
      #expect(readme.contains("`\(a.glyph)`"), "README.md lacks \(a.glyph)")
    }
    for symbol in ["~", "≥", "+", "£0"] {
      #expect(data.contains("`\(symbol)`"), "docs/DATA.md lacks \(symbol)")
    }
  }
}
