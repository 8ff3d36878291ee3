import STPModel
import STPPlatform
import STPReport

struct League: Command {
  static let spec = CommandSpec(
    name: "league", abstract: "The league table: position by band or another measure.",
    options: [
      DataOptions.option, measureOption,
      .option("period", "yyyy-mm", "Rating period for bands and movement (default: the newest)."),
      formatOption, asciiOption,
    ])

  let source: DataOptions
  let by: Measure
  let period: String?
  let format: OutputFormat

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    by = p.choice("by", default: .band)
    period = p.value("period")
    format = p.choice("format", default: .table)
  }

  func run() throws {
    let loaded = try source.load()
    let d = loaded.dataset
    if let period, !d.periods.contains(period) {
      let known = d.periods.isEmpty ? "none" : d.periods.joined(separator: ", ")
      throw UsageFailure(
        message: "stp-dash: no ratings for period '\(period)' (periods in the data: \(known))")
    }
    // The load derived the newest period's metrics; an older period needs its own.
    let m =
      period == nil || period == loaded.metrics.period ? loaded.metrics : Metrics(d, period: period)
    writeReport(LeagueReport.make(d, m, by: by), format)
  }
}

/// A command that prints one table of the whole dataset: --data, --format, --ascii.
protocol WholeTableCommand: Command {
  var source: DataOptions { get }
  var format: OutputFormat { get }
  init(source: DataOptions, format: OutputFormat)
  static func table(_ loaded: LoadResult) -> ReportTable
}

extension WholeTableCommand {
  init(_ p: ParsedCommand) {
    self.init(source: DataOptions(p), format: p.choice("format", default: .table))
  }

  func run() throws {
    writeReport(Self.table(try source.load()), format)
  }
}

struct Partners: WholeTableCommand {
  static let spec = CommandSpec(
    name: "partners",
    abstract: "Partnership breadth: organisations by sector, sectors, non-NHS share.",
    options: [DataOptions.option, formatOption, asciiOption])

  let source: DataOptions
  let format: OutputFormat

  static func table(_ loaded: LoadResult) -> ReportTable {
    PartnersReport.make(loaded.dataset, loaded.metrics)
  }
}

struct Funding: Command {
  static let spec = CommandSpec(
    name: "funding", abstract: "Capital funding per footprint (or per national wave with --waves).",
    options: [
      DataOptions.option, .flag("waves", "List the national waves instead of the footprints."),
      formatOption, asciiOption,
    ])

  let source: DataOptions
  let waves: Bool
  let format: OutputFormat

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    waves = p.flag("waves")
    format = p.choice("format", default: .table)
  }

  func run() throws {
    let loaded = try source.load()
    let d = loaded.dataset
    let m = loaded.metrics
    let table = waves ? FundingReport.waves(d, m) : FundingReport.make(d, m)
    writeReport(table, format)
  }
}

struct Show: Command {
  static let spec = CommandSpec(
    name: "show", abstract: "Everything about one STP, with the source of each value.",
    discussion: "CODE-OR-NAME: an ONS code (E54000041), a name, or a unique part of one (dorset).",
    options: [
      DataOptions.option,
      .option(
        "format", "format", "Output: table (text), json, markdown.",
        choices: OutputFormat.allCases.map(\.rawValue)),
      asciiOption,
    ],
    argument: ArgumentSpec(name: "code-or-name", help: "The STP.", variadic: true))

  let source: DataOptions
  let format: OutputFormat
  let query: [String]

  init(_ p: ParsedCommand) throws(UsageFailure) {
    source = DataOptions(p)
    format = p.choice("format", default: .table)
    query = p.words
    if query.isEmpty {
      throw UsageFailure(message: "stp-dash: error: say which STP, e.g. 'stp-dash show Dorset'")
    }
    if format == .csv {
      throw UsageFailure(
        message: "stp-dash: error: show prints a document: use --format table, json or markdown")
    }
  }

  func run() throws {
    let loaded = try source.load()
    let d = loaded.dataset
    let q = query.joined(separator: " ")
    switch ShowReport.find(q, in: d) {
    case .success(let i):
      writeReport(ShowReport(d, loaded.metrics, footprint: i), format)
    case .failure(.notFound):
      throw UsageFailure(
        message: "stp-dash: no STP matches '\(q)'; 'stp-dash league' lists them all")
    case .failure(.ambiguous(let candidates)):
      let list = candidates.map { "  \(d.footprints[$0].code)  \(d.footprints[$0].name)" }
      throw UsageFailure(
        message: "stp-dash: '\(q)' matches \(candidates.count) STPs:\n"
          + list.joined(separator: "\n"))
    }
  }
}

struct Validate: Command {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check a data directory: every problem as file:line:column, exit 1 on errors.",
    options: [DataOptions.option, asciiOption])

  let source: DataOptions

  init(_ p: ParsedCommand) { source = DataOptions(p) }

  func run() throws {
    let result = try source.load()
    let d = result.dataset
    let m = result.metrics
    var out =
      "\(d.origin): valid — \(d.footprints.count) footprints, \(d.ratings.count) ratings, "
      + "\(d.partners.count) partners, \(d.partnerCounts.count) partner counts, "
      + "\(d.waves.count { $0.isNational }) waves"
      + (d.waves.contains { !$0.isNational }
        ? " (+\(d.waves.count { !$0.isNational }) row groups naming no single wave)" : "")
      + ", \(d.funding.count) funding rows, "
      + "\(d.designations.count) designations, \(d.leaders.count) leaders, \(d.councils.count) council rows (\(Set(d.councils.map(\.code)).count) councils), "
      + "\(d.lineage.count) successor rows"
    out += result.warnings.isEmpty ? "\n" : "; \(result.warnings.count) warning(s) above\n"
    out +=
      "coverage: "
      + m.coverage.map { "\($0.measure) \($0.count)/\($0.total)" }
      .joined(separator: ", ") + "\n"
    writeStdout(out)
  }
}

struct ExportData: Command {
  static let spec = CommandSpec(
    name: "export-data",
    abstract: "Write the embedded data's CSV files to a directory, to edit and use with --data.",
    options: [.flag("force", "Replace files that already exist.")],
    argument: ArgumentSpec(name: "dir", help: "Directory to create or fill."))

  let directory: String
  let force: Bool

  init(_ p: ParsedCommand) {
    directory = p.words[0]
    force = p.flag("force")
  }

  func run() throws {
    // The directory as typed, bytes and all: created by its bytes, then written through its
    // descriptor when its name is not valid UTF-8.
    let raw = rawWord(decodingTo: directory) ?? Array(directory.utf8)
    // Created with its parents, as mkdir -p does.
    for end in raw.indices where raw[end] == UInt8(ascii: "/") && end > 0 || end == raw.count - 1 {
      let prefix = Array(raw[...end])
      if (prefix + [0]).withUnsafeBufferPointer({ p in
        // baseAddress!: a C string's bytes end in NUL, so they are never empty.
        p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { mkdir($0, 0o755) }
      }) != 0 && errno != EEXIST {
        throw WriteFailure(
          message:
            "stp-dash: cannot create \(String(decoding: prefix, as: UTF8.self)): \(String(cString: strerror(errno)))"
        )
      }
    }
    let (path, _, failure) = DataOptions.usablePath(raw)
    if let failure { throw WriteFailure(message: "stp-dash: cannot open \(directory): \(failure)") }
    try exportEmbeddedData(to: path, shownAs: directory, force: force)
    writeStdout("wrote \(DatasetLoader.embeddedFiles.count) files to \(directory)\n")
  }
}

struct Compare: Command {
  static let spec = CommandSpec(
    name: "compare",
    abstract:
      "Two to six STPs side by side: every measure with its qualifier, position and source row.",
    discussion:
      "Each STP is a code or a unique part of a name, one per word: compare dorset frimley. "
      + "Quote a name of several words: compare \"North East London\" dorset.",
    options: [DataOptions.option, formatOption, asciiOption],
    argument: ArgumentSpec(name: "code-or-name", help: "The STPs (2 to 6).", variadic: true))

  let source: DataOptions
  let format: OutputFormat
  let queries: [String]

  init(_ p: ParsedCommand) throws(UsageFailure) {
    source = DataOptions(p)
    format = p.choice("format", default: .table)
    queries = p.words
    guard (2...CompareReport.limit).contains(queries.count) else {
      throw UsageFailure(
        message:
          "stp-dash: error: compare takes 2 to \(CompareReport.limit) STPs, e.g. 'stp-dash compare dorset frimley'"
      )
    }
  }

  func run() throws {
    let loaded = try source.load()
    var picked: [Int] = []
    for q in queries {
      let f = try findSTP(q, in: loaded.dataset)
      if !picked.contains(f) { picked.append(f) }
    }
    let report = CompareReport.make(loaded.dataset, loaded.metrics, footprints: picked)
    writeReport(format == .csv || format == .json ? report.longTable() : report.table(), format)
  }
}

struct Regions: WholeTableCommand {
  static let spec = CommandSpec(
    name: "regions",
    abstract:
      "The NHS regions of 2017: STPs, bands, funding and per head, breadth, each with its coverage.",
    options: [DataOptions.option, formatOption, asciiOption])

  let source: DataOptions
  let format: OutputFormat

  static func table(_ loaded: LoadResult) -> ReportTable {
    RegionsReport.make(loaded.dataset, loaded.metrics).table()
  }
}

struct Councils: Command {
  static let spec = CommandSpec(
    name: "councils",
    abstract:
      "The councils in each footprint (ONS: social care and district), and which the partnership names.",
    options: [DataOptions.option, formatOption, asciiOption],
    argument: ArgumentSpec(name: "code-or-name", help: "One STP (default: all).", variadic: true))

  let source: DataOptions
  let format: OutputFormat
  let query: [String]

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    format = p.choice("format", default: .table)
    query = p.words
  }

  func run() throws {
    let loaded = try source.load()
    let d = loaded.dataset
    let fs = try footprints(query, in: d)
    writeReport(CouncilsReport.table(d, loaded.metrics, footprints: fs), format)
  }
}

struct Successors: Command {
  static let spec = CommandSpec(
    name: "successors",
    abstract:
      "What became of each STP: its successors in April 2021 (STPs) and July 2022 (ICBs), with the people each took (ONS).",
    options: [
      DataOptions.option, formatOption, asciiOption,
      .flag(
        "by-successor",
        "A row per successor and the STPs it took people from, with its share of its people."),
    ],
    argument: ArgumentSpec(name: "code-or-name", help: "One STP (default: all).", variadic: true))

  let source: DataOptions
  let format: OutputFormat
  let query: [String]
  let bySuccessor: Bool

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    format = p.choice("format", default: .table)
    query = p.words
    bySuccessor = p.flag("by-successor")
  }

  func run() throws {
    let loaded = try source.load()
    let d = loaded.dataset
    if bySuccessor {
      writeReport(LineageReport.bySuccessor(d), format)
      return
    }
    let fs = try footprints(query, in: d)
    writeReport(LineageReport.table(d, footprints: fs), format)
  }
}

struct Designations: Command {
  enum By: String, CaseIterable {
    case band, stp
  }

  static let spec = CommandSpec(
    name: "designations",
    abstract:
      "Did the 2017 league foretell the designations? STPs per band by wave of first ACS/ICS designation, months from the rating.",
    options: [
      DataOptions.option, formatOption, asciiOption,
      .option(
        "by", "band|stp", "A row per band (counts; the default) or per STP (each designation).",
        choices: By.allCases.map(\.rawValue)),
    ])

  let source: DataOptions
  let format: OutputFormat
  let by: By

  init(_ p: ParsedCommand) {
    source = DataOptions(p)
    format = p.choice("format", default: .table)
    by = p.choice("by", default: .band)
  }

  func run() throws {
    let loaded = try source.load()
    let (d, m) = (loaded.dataset, loaded.metrics)
    writeReport(
      by == .band ? DesignationsReport.byBand(d, m) : DesignationsReport.bySTP(d, m), format)
  }
}
