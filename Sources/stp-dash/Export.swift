import STPModel
import STPPlatform
import STPReport

/// Writes each embedded file to `dir` (temporary file, then rename), refusing to overwrite unless
/// `force`.
func exportEmbeddedData(to dir: String, shownAs shown: String, force: Bool) throws {
  let files = DatasetLoader.embeddedFiles
  if !force {
    let existing = files.map(\.name).filter { access(dir + "/" + $0, F_OK) == 0 }
    if !existing.isEmpty {
      throw UsageFailure(
        message:
          "stp-dash: would overwrite \(existing.map { shown + "/" + $0 }.joined(separator: ", ")); "
          + "use --force to replace them")
    }
  }
  // Each file through a fresh temporary name (O_EXCL | O_NOFOLLOW), then renamed or linked into
  // place: a link planted under the temporary or the final name is never followed.
  for file in files {
    let path = dir + "/" + file.name
    if case .failure(let f) = writeFile(path, bytes: file.bytes, replace: force) {
      throw WriteFailure(message: "stp-dash: cannot write \(shown)/\(file.name): \(f)")
    }
  }
}
