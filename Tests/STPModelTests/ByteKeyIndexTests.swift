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
