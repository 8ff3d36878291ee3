import CSTPEmbeddedData

/// The theme files of `themes/`, compiled into the binary (by the C target CSTPEmbeddedData,
/// `#embed` through its `Themes` link to the top-level folder), so a release binary copied
/// elsewhere still has them.
public enum ShippedThemes {
  /// (file name, bytes) in cycling order: the default first.
  public static var files: [(name: String, bytes: [UInt8])] {
    var count = 0
    guard let table = stp_theme_files(&count) else { return [] }
    return (0..<count).map { i in
      let file = table[i]
      return (
        String(cString: file.name),
        Array(UnsafeBufferPointer(start: file.bytes, count: file.count))
      )
    }
  }
}
