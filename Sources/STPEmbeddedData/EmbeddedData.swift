import CSTPEmbeddedData

/// The dataset compiled into the binary: the project's own CSV files, converted from the sourced
/// 2017-18 reference research by `scripts/convert-reference-data.py`.
///
/// The bytes are compiled by the C target CSTPEmbeddedData (`#embed` of the files in its `Data/`),
/// so they travel inside the executable's read-only data and need no bundle next to it. Each
/// property below copies the bytes it returns; nothing here keeps a copy alive.
public enum EmbeddedData {
  /// Each embedded CSV file as (file name, bytes), in load order.
  public static var files: [(name: String, bytes: [UInt8])] {
    inPlace.map { ($0.name, Array($0.bytes)) }
  }

  /// Each embedded CSV file as (file name, its bytes where they are): in the executable's
  /// read-only data, valid as long as the program runs, for a load that reads them in place.
  public static var inPlace: [(name: String, bytes: UnsafeBufferPointer<UInt8>)] {
    all.filter { $0.name.hasSuffix(".csv") }
  }

  /// What became of each STP (`lineage.csv`, from `scripts/convert-lineage.py`), in place:
  /// read on its own for a data directory without one.
  public static var lineage: UnsafeBufferPointer<UInt8> {
    all.first { $0.name == "lineage.csv" }?.bytes ?? UnsafeBufferPointer(start: nil, count: 0)
  }

  /// The STP footprints' shapes (ONS, April 2017), projected and delta-encoded by
  /// `scripts/convert-boundaries.py`; STPModel's `Boundaries.embedded` reads them.
  public static var boundaries: [UInt8] { bytes(of: "boundaries.txt") }

  /// The 42 Integrated Care Boards of July 2022 in the same form (`convert-boundaries.py --icb`):
  /// the map's ICB layer.
  public static var icbBoundaries: [UInt8] { bytes(of: "icb-boundaries.txt") }

  /// Each footprint's area in km² on the WGS84 ellipsoid (`code area` lines), measured by
  /// `scripts/convert-boundaries.py` from the ONS polygons; apart from the shapes, so that reading
  /// areas at load leaves the shapes untouched.
  public static var areas: [UInt8] { bytes(of: "areas.txt") }

  /// The C table as (name, bytes) views into the executable's read-only data.
  private static var all: [(name: String, bytes: UnsafeBufferPointer<UInt8>)] {
    var count = 0
    guard let table = stp_embedded_files(&count) else { return [] }
    return (0..<count).map { i in
      let file = table[i]
      return (String(cString: file.name), UnsafeBufferPointer(start: file.bytes, count: file.count))
    }
  }

  private static func bytes(of name: String) -> [UInt8] {
    all.first { $0.name == name }.map { Array($0.bytes) } ?? []
  }
}
