import Foundation
import Testing

@testable import STPModel

/// Scans `text` and returns each record's fields as strings.
func records(_ text: String) throws -> [[String]] {
  let bytes = Array(text.utf8)
  return try bytes.withUnsafeBufferPointer { buf in
    var s = CSVScanner(buf)
    var fields: [CSVField] = []
    var out: [[String]] = []
    while try s.nextRecord(into: &fields) { out.append(fields.map { buf.string($0) }) }
    return out
  }
}

@Suite struct CSVScannerTests {
  @Test func fieldsOfOneRecordAsText() {
    #expect(CSVScanner.fields(of: "a,\"b,c\",\"d\"\"e\",") == ["a", "b,c", "d\"e", ""])
    #expect(CSVScanner.fields(of: "x\ny") == ["x"])  // the first record only
    #expect(CSVScanner.fields(of: "\"open") == [])  // not CSV
  }

  @Test func plainFieldsAndEmptyCells() throws {
    #expect(try records("a,b,c\n1,,3\n") == [["a", "b", "c"], ["1", "", "3"]])
    #expect(try records("a,b,\n") == [["a", "b", ""]])
  }

  @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
    let text = "name,note\n\"Humber, Coast and Vale\",\"said \"\"hello\"\"\"\n\"two\nlines\",x\n"
    #expect(
      try records(text) == [
        ["name", "note"], ["Humber, Coast and Vale", "said \"hello\""], ["two\nlines", "x"],
      ])
  }

  @Test func crlfLoneCrBomAndBlankLines() throws {
    #expect(
      try records("\u{FEFF}a,b\r\n1,2\r\n\r\n3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
    #expect(try records("a\rb\r") == [["a"], ["b"]])
  }

  @Test func recordLinesCountNewlinesInsideQuotes() throws {
    let bytes = Array("h\n\"x\ny\"\nz\n".utf8)
    let lines: [Int] = try bytes.withUnsafeBufferPointer { buf in
      var s = CSVScanner(buf)
      var f: [CSVField] = []
      var out: [Int] = []
      while try s.nextRecord(into: &f) { out.append(s.recordLine) }
      return out
    }
    #expect(lines == [1, 2, 4])
  }

  @Test func unterminatedQuoteIsAnErrorAtItsLine() {
    #expect(throws: CSVSyntaxError.self) { try records("a\n\"open,b\n") }
    do {
      _ = try records("a\nb\n\"open\n")
      Issue.record("expected an error")
    } catch let e as CSVSyntaxError {
      #expect(e.line == 3)
      #expect(e.message.contains("never closed"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func textAfterClosingQuoteIsAnError() {
    do {
      _ = try records("a,b\n\"x\"y,2\n")
      Issue.record("expected an error")
    } catch let e as CSVSyntaxError {
      #expect(e.line == 2)
      #expect(e.message.contains("after a closing quote"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func columnsCountCharactersNotBytes() {
    let bytes = Array("£é,x".utf8)
    bytes.withUnsafeBufferPointer { buf in
      #expect(buf.column(ofOffset: 4) == 3)  // after "£é": two characters, four bytes
    }
  }
}

@Suite struct UTF8CheckTests {
  func check(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0) }
  }

  @Test func aCheckInStepsFindsWhatOneCheckFinds() {
    // 8 MB steps (a mapped file's pages go behind them): a character across a step's end is
    // not a bad byte, and a bad byte anywhere is found at its offset.
    final class Released: @unchecked Sendable { var bytes = 0 }
    let released = Released()
    let lock = NSLock()
    var text = [UInt8](repeating: 0, count: 0)
    text.reserveCapacity(20 << 20)
    while text.count < 20 << 20 { text += [0x61, 0xC3, 0xA9] }  // "aé": odd steps split "é"
    for bad in [nil, 5, (8 << 20) + 1, (16 << 20) - 1, text.count - 1] as [Int?] {
      var t = text
      if let bad { t[bad] = 0xFF }
      let stepped = t.withUnsafeBufferPointer {
        firstInvalidUTF8Offset($0) { r in lock.withLock { released.bytes += r.count } }
      }
      #expect(stepped == check(t), "\(String(describing: bad))")
      #expect((stepped == nil) == (bad == nil))
    }
    #expect(released.bytes > 0)
  }

  @Test func acceptsWellFormedText() {
    #expect(check(Array("plain ASCII that is longer than eight bytes".utf8)) == nil)
    #expect(check(Array("£325m — Zürich 東京 🏥".utf8)) == nil)
  }

  @Test func findsTheFirstBadByte() {
    #expect(check([0x61, 0x62, 0xFF, 0x63]) == 2)
    #expect(check([0x61, 0xC0, 0xAF]) == 1)  // overlong '/'
    #expect(check([0xED, 0xA0, 0x80]) == 0)  // surrogate U+D800
    #expect(check([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
    #expect(check(Array("abcdefghij".utf8) + [0xE2, 0x82]) == 10)  // truncated at the end
  }
}
