import ArgumentParser
import STPModel
import STPReport

struct League: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The league table: position by band or another measure.")

  @OptionGroup var source: DataOptions
  @Option(name: .long, help: "Rank by: band, funding, per-head, breadth, population.")
  var by: Measure = .band
  @Option(name: .long, help: "Rating period for bands and movement (default: the newest).")
  var period: String?
  @Option(name: .long, help: "Output: table, csv, json, markdown.")
  var format: OutputFormat = .table

  func run() throws {
    let d = try source.load().dataset
    if let period, !d.periods.contains(period) {
      let known = d.periods.isEmpty ? "none" : d.periods.joined(separator: ", ")
      throw UsageFailure(message: "stp-dash: no ratings for period '\(period)' (periods in the data: \(known))")
    }
    let m = Metrics(d, period: period)
    writeStdout(LeagueReport.make(d, m, by: by).rendered(as: format))
  }
}

struct Partners: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Partnership breadth: organisations by sector, sectors, non-NHS share.")

  @OptionGroup var source: DataOptions
  @Option(name: .long, help: "Output: table, csv, json, markdown.")
  var format: OutputFormat = .table

  func run() throws {
    let d = try source.load().dataset
    writeStdout(PartnersReport.make(d, Metrics(d)).rendered(as: format))
  }
}

struct Funding: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Capital funding per footprint (or per national wave with --waves).")

  @OptionGroup var source: DataOptions
  @Flag(name: .long, help: "List the national waves instead of the footprints.")
  var waves = false
  @Option(name: .long, help: "Output: table, csv, json, markdown.")
  var format: OutputFormat = .table

  func run() throws {
    let d = try source.load().dataset
    let m = Metrics(d)
    let table = waves ? FundingReport.waves(d, m) : FundingReport.make(d, m)
    writeStdout(table.rendered(as: format))
  }
}

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Everything about one STP, with the source of each value.",
    discussion: "CODE-OR-NAME: an ONS code (E54000041), a name, or a unique part of one (dorset).")

  @OptionGroup var source: DataOptions
  @Option(name: .long, help: "Output: table (text), json, markdown.")
  var format: OutputFormat = .table
  @Argument(help: ArgumentHelp("The STP.", valueName: "code-or-name"))
  var query: [String]

  func validate() throws {
    if query.isEmpty { throw ValidationError("say which STP, e.g. 'stp-dash show Dorset'") }
    if format == .csv { throw ValidationError("show prints a document: use --format table, json or markdown") }
  }

  func run() throws {
    let d = try source.load().dataset
    let q = query.joined(separator: " ")
    switch ShowReport.find(q, in: d) {
    case .success(let i):
      writeStdout(ShowReport(d, Metrics(d), footprint: i).rendered(as: format))
    case .failure(.notFound):
      throw UsageFailure(message: "stp-dash: no STP matches '\(q)'; 'stp-dash league' lists them all")
    case .failure(.ambiguous(let candidates)):
      let list = candidates.map { "  \(d.footprints[$0].code)  \(d.footprints[$0].name)" }
      throw UsageFailure(message: "stp-dash: '\(q)' matches \(candidates.count) STPs:\n"
        + list.joined(separator: "\n"))
    }
  }
}

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a data directory: every problem as file:line:column, exit 1 on errors.")

  @OptionGroup var source: DataOptions

  func run() throws {
    let result = try source.load()
    let d = result.dataset
    let m = Metrics(d)
    var out = "\(d.origin): valid — \(d.footprints.count) footprints, \(d.ratings.count) ratings, "
      + "\(d.partners.count) partners, \(d.partnerCounts.count) partner counts, "
      + "\(d.waves.count) waves, \(d.funding.count) funding rows, "
      + "\(d.designations.count) designations, \(d.leaders.count) leaders"
    out += result.warnings.isEmpty ? "\n" : "; \(result.warnings.count) warning(s) above\n"
    out += "coverage: " + m.coverage.map { "\($0.measure) \($0.count)/\($0.total)" }
      .joined(separator: ", ") + "\n"
    writeStdout(out)
  }
}

struct ExportData: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-data",
    abstract: "Write the embedded data's CSV files to a directory, to edit and use with --data.")

  @Argument(help: ArgumentHelp("Directory to create or fill.", valueName: "dir"))
  var directory: String
  @Flag(name: .long, help: "Replace files that already exist.")
  var force = false

  func run() throws {
    try exportEmbeddedData(to: directory, force: force)
    writeStdout("wrote \(DatasetLoader.embeddedFiles.count) files to \(directory)\n")
  }
}
