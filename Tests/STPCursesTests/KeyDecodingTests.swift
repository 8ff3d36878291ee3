import CNcurses
import STPCurses
import STPTerminal
import Testing

/// The pure parts of the backend; no test here calls initscr.
@Suite struct KeyDecodingTests {
  @Test func charactersAndControls() {
    #expect(KeyDecoding.event(status: OK, code: 0x71) == .key(.char("q")))
    #expect(KeyDecoding.event(status: OK, code: 0xA3) == .key(.char("£")))
    #expect(KeyDecoding.event(status: OK, code: 0x1B) == .key(.escape))
    #expect(KeyDecoding.event(status: OK, code: 0x0D) == .key(.enter))
    #expect(KeyDecoding.event(status: OK, code: 0x09) == .key(.tab))
    #expect(KeyDecoding.event(status: OK, code: 0x7F) == .key(.backspace))
    #expect(KeyDecoding.event(status: OK, code: 0x03) == .key(.ctrl("c")))
    #expect(KeyDecoding.event(status: OK, code: 0x0C) == .key(.ctrl("l")))
    #expect(KeyDecoding.event(status: ERR, code: 0) == nil)
  }

  @Test func functionKeys() {
    func key(_ k: Int32) -> Event? { KeyDecoding.event(status: KEY_CODE_YES, code: UInt32(k)) }
    #expect(key(KEY_UP) == .key(.up))
    #expect(key(KEY_NPAGE) == .key(.pageDown))
    #expect(key(KEY_BTAB) == .key(.backTab))
    #expect(key(KEY_HOME) == .key(.home))
    #expect(key(KEY_END) == .key(.end))
    #expect(key(KEY_BACKSPACE) == .key(.backspace))
    #expect(key(shim_key_f(1)) == .key(.function(1)))
  }

  @Test func colourPairsAreReusedAndBounded() {
    var cache = PairCache(limit: 3)
    #expect(cache.pair(fg: -1, bg: -1) == (0, false))  // terminal default needs no pair
    #expect(cache.pair(fg: 2, bg: -1) == (1, true))
    #expect(cache.pair(fg: 2, bg: -1) == (1, false))
    #expect(cache.pair(fg: 3, bg: 4) == (2, true))
    #expect(cache.pair(fg: 5, bg: 4) == (0, false))  // out of pairs: default, never a crash
  }

}
