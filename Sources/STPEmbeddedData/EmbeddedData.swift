/// The dataset compiled into the binary: the project's own CSV files, converted from the sourced
/// 2017-18 reference research by `scripts/convert-reference-data.py`.
///
/// The bytes come from SwiftPM's `embedInCode` resource rule, so they travel inside the executable
/// and need no bundle next to it (a release binary copied to another machine still has them).
public enum EmbeddedData {
  /// Each embedded file as (file name, bytes), in a fixed order.
  public static let files: [(name: String, bytes: [UInt8])] = [
    ("footprints.csv", PackageResources.footprints_csv),
    ("ratings.csv", PackageResources.ratings_csv),
    ("band_totals.csv", PackageResources.band_totals_csv),
    ("partners.csv", PackageResources.partners_csv),
    ("partner_counts.csv", PackageResources.partner_counts_csv),
    ("waves.csv", PackageResources.waves_csv),
    ("funding.csv", PackageResources.funding_csv),
    ("designations.csv", PackageResources.designations_csv),
    ("leaders.csv", PackageResources.leaders_csv),
    ("councils.csv", PackageResources.councils_csv),
  ]

  /// The STP footprints' shapes (ONS, April 2017), projected and delta-encoded by
  /// `scripts/convert-boundaries.py`; STPModel's `Boundaries.embedded` reads them.
  public static let boundaries: [UInt8] = PackageResources.boundaries_txt

  /// Each footprint's area in km² on the WGS84 ellipsoid (`code area` lines), measured by
  /// `scripts/convert-boundaries.py` from the ONS polygons; apart from the shapes, so that reading
  /// areas at load leaves the shapes untouched.
  public static let areas: [UInt8] = PackageResources.areas_txt
}
