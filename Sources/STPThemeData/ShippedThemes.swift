/// The theme files of `themes/`, compiled into the binary (through the `Themes` link to the
/// top-level folder), so a release binary copied elsewhere still has them.
public enum ShippedThemes {
  /// (file name, bytes) in cycling order: the default first.
  public static let files: [(name: String, bytes: [UInt8])] = [
    ("default.toml", PackageResources.default_toml),
    ("light.toml", PackageResources.light_toml),
    ("high-contrast.toml", PackageResources.high_contrast_toml),
    ("colour-blind-safe.toml", PackageResources.colour_blind_safe_toml),
    ("projector.toml", PackageResources.projector_toml),
    ("mono.toml", PackageResources.mono_toml),
  ]
}
