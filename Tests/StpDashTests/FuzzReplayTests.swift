import Foundation
import Testing

/// Every seed and every input that ever crashed a fuzz target goes through the targets again.
@Suite struct FuzzReplayTests {
  @Test func corpusAndRegressionsRunCleanly() throws {
    let fuzz = CLI.executable.deletingLastPathComponent().appendingPathComponent("stp-fuzz").path
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../Fuzz"
    ).standardized
    var replayed = 0
    for target in ["csv", "loader", "theme", "theme-deep", "files", "share", "boundaries", "paste"]
    {
      var files: [String] = []
      for folder in ["corpus", "regressions"] {
        let dir = root.appendingPathComponent("\(folder)/\(target)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        files += names.sorted().map { dir + "/" + $0 }
      }
      let r = spawn([fuzz, target] + files)
      #expect(r.status == 0, "\(target): \(r.output.suffix(500))")
      #expect(r.output.components(separatedBy: "ok ").count - 1 == files.count)
      replayed += files.count
    }
    #expect(replayed >= 12)
  }
}
