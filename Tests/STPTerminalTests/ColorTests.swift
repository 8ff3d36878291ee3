import Testing

@testable import STPTerminal

/// Theme colours mapped to what the terminal has.
@Suite struct ColorTests {
  @Test func depthFromTerminfo() {
    #expect(ColorDepth(colors: 0) == .none)
    #expect(ColorDepth(colors: 8) == .eight)
    #expect(ColorDepth(colors: 88) == .sixteen)
    #expect(ColorDepth(colors: 256) == .c256)
    #expect(ColorDepth(colors: 16_777_216) == .direct)
  }

  @Test func ansiColoursFoldOnEightColourTerminals() {
    #expect(terminalColor(.default, depth: .c256) == -1)
    #expect(terminalColor(.brightCyan, depth: .sixteen) == 14)
    #expect(terminalColor(.brightCyan, depth: .eight) == 6)
    #expect(terminalColor(.index(208), depth: .c256) == 208)
  }

  @Test func rgbGoesToTheNearestColourTheTerminalHas() {
    #expect(terminalColor(.rgb(0x12, 0x34, 0x56), depth: .direct) == 0x123456)
    // Direct colour: 0-7 stay ANSI, brighter ANSI and 256-colour indices go as RGB.
    #expect(terminalColor(.cyan, depth: .direct) == 6)
    #expect(terminalColor(.brightCyan, depth: .direct) == 0x00FFFF)
    #expect(terminalColor(.index(208), depth: .direct) == 0xFF8700)
    #expect(terminalColor(.rgb(255, 135, 0), depth: .c256) == 208)  // exactly in the 6x6x6 cube
    #expect(terminalColor(.rgb(128, 128, 128), depth: .c256) == 244)  // the grey ramp
    #expect(terminalColor(.rgb(0, 0x72, 0xb2), depth: .c256) == 25)  // as docs/THEMES.md says
    #expect(terminalColor(.rgb(255, 0, 0), depth: .sixteen) == 9)
    #expect(terminalColor(.rgb(255, 255, 255), depth: .eight) == 7)
    #expect(terminalColor(.rgb(0, 0, 0), depth: .eight) == 0)
    // Okabe-Ito blue (#0072b2) is nearer xterm's cyan (0,205,205) than its saturated blue (0,0,238).
    #expect(terminalColor(.rgb(0, 0x72, 0xb2), depth: .sixteen) == 6)
    #expect(terminalColor(.index(196), depth: .sixteen) == 9)  // 256-colour red: bright red
  }

  /// The 256-colour index taken channel by channel is the one a search of all 240 finds, ties
  /// included (values halfway between two cube levels or two greys, the whole grey diagonal).
  @Test func nearest256IsTheSearchsAnswer() {
    let ties: [UInt8] = [
      0, 3, 4, 47, 48, 49, 114, 115, 116, 154, 155, 156, 194, 195, 196, 234, 235, 236, 255,
    ]
    var colours: [(UInt8, UInt8, UInt8)] = (0...255).map { v in (UInt8(v), UInt8(v), UInt8(v)) }
    for r in ties { for g in ties { for b in ties { colours.append((r, g, b)) } } }
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      colours.append(
        (
          UInt8.random(in: 0...255, using: &rng), UInt8.random(in: 0...255, using: &rng),
          UInt8.random(in: 0...255, using: &rng)
        ))
    }
    var differ = 0
    for c in colours where nearest256(c) != nearest256BySearch(c) {
      if differ < 5 { Issue.record("\(c): \(nearest256(c)), search \(nearest256BySearch(c))") }
      differ += 1
    }
    #expect(differ == 0)
  }
}
