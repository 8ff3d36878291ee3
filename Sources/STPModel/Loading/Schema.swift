/// The columns of one data file: those that must be present and those that may be.
struct Schema: Sendable {
  let file: String
  let required: [String]
  let optional: [String]
  /// A prefix that marks extra, open-ended columns (`domain_` in ratings.csv).
  var openPrefix: String? = nil

  static let footprints = Schema(
    file: "footprints.csv",
    required: ["code", "name", "region", "source"],
    optional: [
      "other_names", "footprint_no", "population", "population_year", "population_basis",
      "population_text", "population_source", "ons_population", "ons_aged_65_plus",
      "ons_aged_85_plus", "ons_year", "ons_source", "ons_ccg_count", "successor_code",
      "successor_name", "notes",
    ])
  static let ratings = Schema(
    file: "ratings.csv", required: ["period", "code", "band", "source"], optional: ["notes"],
    openPrefix: "domain_")
  static let partners = Schema(
    file: "partners.csv", required: ["code", "organisation", "sector", "source"],
    optional: ["organisation_code", "nhs", "list", "as_of", "notes"])
  static let partnerCounts = Schema(
    file: "partner_counts.csv", required: ["code", "group", "count", "source"],
    optional: ["basis", "scope", "as_of", "notes"])
  static let waves = Schema(
    file: "waves.csv", required: ["wave", "name", "national_amount", "source"],
    optional: ["announced", "schemes", "stps", "notes"])
  static let funding = Schema(
    file: "funding.csv",
    required: [
      "code", "wave", "announced", "kind", "scheme", "amount_min", "amount_max", "basis", "source",
    ],
    optional: ["amount_text", "uncertain", "notes"])
  static let bandTotals = Schema(
    file: "band_totals.csv",
    required: [
      "period", "source_name", "outstanding", "advanced", "making_progress",
      "needs_most_improvement", "source",
    ],
    optional: ["notes"])
  static let designations = Schema(
    file: "designations.csv", required: ["code", "designation", "source"],
    optional: ["announced", "scope", "scope_note"])
  static let leaders = Schema(
    file: "leaders.csv", required: ["code", "leader", "source"], optional: ["role", "as_of"])
  static let councils = Schema(
    file: "councils.csv",
    required: ["code", "tier", "council_code", "council_name", "population", "share", "source"],
    optional: ["notes"])

  static let lineage = Schema(
    file: "lineage.csv",
    required: ["code", "as_of", "successor_code", "successor_name", "people", "source"],
    optional: ["successor_ods", "lsoas", "notes"])

  /// Every file of the format, in load order.
  static let all: [Schema] = [
    footprints, ratings, bandTotals, partners, partnerCounts, waves, funding, designations,
    leaders, councils, lineage,
  ]
}
