// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "stp-dash",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "stp-dash", targets: ["stp-dash"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // The embedded 2017-18 dataset: the files of Data/ as bytes, by C's #embed (DECISIONS.md: a
    // clean build took 74 s with them as a Swift array literal, about 20 s so), and a Swift face.
    .target(name: "CSTPEmbeddedData", exclude: ["Data", "Themes"]),
    .target(name: "STPEmbeddedData", dependencies: ["CSTPEmbeddedData"]),
    // The CSV scanner's SIMD delimiter search (one inline C function; see DECISIONS.md).
    .target(name: "CSTPScan"),
    // Loading, validation and metrics. No Foundation; knows nothing about screens.
    .target(name: "STPPlatform"),
    .target(name: "STPModel", dependencies: ["STPEmbeddedData", "CSTPScan", "STPPlatform"]),
    // Text reports for the batch commands: tables, CSV, JSON, Markdown; display widths.
    .target(name: "STPReport", dependencies: ["STPModel", "STPPlatform"]),
    // Everything visible, as pure Swift: canvas, layout, panes, key maps, reducer. No ncurses.
    .target(name: "STPTerminal", dependencies: ["STPModel", "STPReport", "STPPlatform"]),
    // ncursesw from Debian's libncursesw5-dev (libncurses-dev); a modulemap and a shim header.
    .systemLibrary(
      name: "CNcurses", pkgConfig: "ncursesw",
      providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]),
    // The only module that imports CNcurses.
    .target(
      name: "STPCurses",
      dependencies: ["CNcurses", "CCrashRestore", "STPTerminal", "STPReport", "STPPlatform"]),
    // The fatal-signal handler that restores the terminal: C, to be async-signal-safe.
    .target(name: "CCrashRestore"),
    // The theme files of themes/ (through the Sources/CSTPEmbeddedData/Themes link), compiled in
    // by C's #embed with the dataset.
    .target(name: "STPThemeData", dependencies: ["CSTPEmbeddedData"]),
    // Theme files (a TOML subset) to themes: parsing with file:line errors, the catalog.
    .target(
      name: "STPThemes", dependencies: ["STPModel", "STPTerminal", "STPThemeData", "STPPlatform"]),
    // Test helpers: golden screens, a headless app, fixtures. Only test targets use it.
    .target(name: "STPTestSupport", dependencies: ["STPTerminal", "STPModel", "STPReport"]),
    .executableTarget(
      name: "stp-dash",
      dependencies: [
        "STPModel", "STPReport", "STPTerminal", "STPCurses", "STPThemes", "STPPlatform",
      ]),
    // Benchmarks and a seeded generator of scale data (see DECISIONS.md for figures).
    .executableTarget(
      name: "stp-bench",
      dependencies: [
        "STPModel", "STPTerminal", "STPPlatform",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // libFuzzer targets (scripts/fuzz.sh); in a normal build it replays inputs given as files.
    .executableTarget(
      name: "stp-fuzz", dependencies: ["STPModel", "STPThemes", "STPTerminal", "STPPlatform"]),
    .testTarget(
      name: "STPModelTests", dependencies: ["STPModel", "STPEmbeddedData", "STPTestSupport"]),
    .testTarget(name: "STPReportTests", dependencies: ["STPReport", "STPModel"]),
    .testTarget(
      name: "STPTerminalTests",
      dependencies: ["STPTerminal", "STPTestSupport", "STPModel", "STPReport"],
      exclude: ["Goldens"]),
    // Runs the built executable; Goldens/ holds reviewed outputs.
    .testTarget(
      name: "STPThemesTests",
      dependencies: ["STPThemes", "STPThemeData", "STPTerminal", "STPTestSupport", "STPModel"]),
    .testTarget(name: "STPCursesTests", dependencies: ["STPCurses", "STPTerminal", "CNcurses"]),
    .testTarget(
      name: "StpDashTests", dependencies: ["stp-dash", "stp-fuzz", "STPModel", "STPTerminal"],
      exclude: ["Goldens"]),
  ]
)

// The regex engine stays out of the program: without this, every Swift module imports
// _StringProcessing, which links it and _RegexParser (780 KB of code, most of it paged in at
// start by the static build) for the few `String.contains(String)` calls. Text search goes
// through `containsBytes`, `rangeOfBytes` and `containsIgnoringCase` (STPModel's Vocabulary);
// a new `contains("…")` on a String fails to compile here. DECISIONS.md, 2026-12-03.
// Concrete generic types (`[String: Int]`, `Array<Council>`) are made through their metadata
// accessors, not by demangling their names at first use: that demangling was 3.7 of the 32
// million instructions of a whole `snapshot` (176 types, ~21,000 instructions each), for 90 KB
// more code. DECISIONS.md, 2026-12-04.
for target in package.targets where target.type != .test && !target.name.hasPrefix("C") {
  target.swiftSettings =
    (target.swiftSettings ?? [])
    + [
      .unsafeFlags([
        "-Xfrontend", "-disable-implicit-string-processing-module-import",
        "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors",
      ])
    ]
}
