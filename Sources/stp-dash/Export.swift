import STPModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes each embedded file to `dir` (temporary file, then rename), refusing to overwrite unless
/// `force`.
func exportEmbeddedData(to dir: String, force: Bool) throws {
  if mkdir(dir, 0o755) != 0 && errno != EEXIST {
    throw UsageFailure(message: "stp-dash: cannot create \(dir): \(String(cString: strerror(errno)))")
  }
  let files = DatasetLoader.embeddedFiles
  if !force {
    let existing = files.map { dir + "/" + $0.name }.filter { access($0, F_OK) == 0 }
    if !existing.isEmpty {
      throw UsageFailure(message: "stp-dash: would overwrite \(existing.joined(separator: ", ")); "
        + "use --force to replace them")
    }
  }
  for file in files {
    let path = dir + "/" + file.name
    let tmp = path + ".tmp-\(getpid())"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw UsageFailure(message: "stp-dash: cannot write \(path): \(String(cString: strerror(errno)))")
    }
    let ok = file.bytes.withUnsafeBytes { raw -> Bool in
      var done = 0
      while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, raw.count - done)
        if n <= 0 { return false }
        done += n
      }
      return true
    }
    close(fd)
    guard ok, rename(tmp, path) == 0 else {
      unlink(tmp)
      throw UsageFailure(message: "stp-dash: cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }
}
