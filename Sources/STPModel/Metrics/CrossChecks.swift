/// Warnings that no single file can show: checked across files once a dataset is whole.
///
/// They are warnings, not errors: the data may be right and surprising. Each names the row to
/// look at (file:line) and what it rests on.
enum CrossChecks {
  /// Fewer known values than this and a ranking says little: it is flagged.
  static let fewestToRank = 3
  /// Populations of one footprint on two bases differing by more than this share of the larger.
  static let populationDisagreement = 1.0 / 3.0

  static func warnings(_ d: Dataset, _ m: Metrics) -> [ValidationIssue] {
    var out: [ValidationIssue] = []
    // A wave whose amounts attributed to STPs add up to more than the wave itself.
    for s in m.waves {
      let w = d.waves[s.wave]
      guard let national = w.nationalAmount, s.hasAmount else { continue }
      let attributed = s.attributedQuoted
      if attributed > national {
        out.append(
          ValidationIssue(
            .warning, file: w.location.file, line: w.location.line,
            "the funding.csv amounts attributed to STPs in \(w.id) add up to \(attributed) (quoted), "
              + "more than the wave's national_amount \(national)"))
      }
    }
    // Populations only as the STPs stated them (a directory in the format before ons_*): per head
    // and population ranks rest on ons_population alone, so they are all unknown. Say why.
    if !d.footprints.contains(where: { $0.onsPopulation != nil }),
      let first = d.footprints.first(where: { $0.population != nil })
    {
      out.append(
        ValidationIssue(
          .warning, file: first.location.file, line: 1,
          "no ons_population in footprints.csv: per head, rank by population and the 65+/85+ shares "
            + "are unknown (the stated populations are of mixed years and are not used for them); "
            + "add ons_population, ons_aged_65_plus, ons_aged_85_plus, ons_year and ons_source "
            + "(stp-dash export-data writes them)"))
    }
    // A footprint whose successors' people do not add up to its own ONS people: the lineage and
    // footprints.csv rest on different populations or areas (checked for a directory's own
    // lineage.csv; the embedded one is checked by its converter).
    // One sum per footprint and date, in the order of their first rows (a struct key: a key
    // string made, hashed and split again per row was a third of these checks at start).
    struct Key: Hashable {
      let footprint: Int
      let asOf: String
    }
    var sums: [(key: Key, people: Int, first: RowLocation)] = []
    var sumIndex: [Key: Int] = [:]
    for r in d.lineage where r.location.file == "lineage.csv" {
      let key = Key(footprint: r.footprint, asOf: r.asOf)
      if let i = sumIndex[key] {
        sums[i].people += r.people
      } else {
        sumIndex[key] = sums.count
        sums.append((key, r.people, r.location))
      }
    }
    // Already in line order: the rows of lineage.csv are kept in file order.
    for sum in sums {
      let f = sum.key.footprint
      guard let ons = d.footprints[f].onsPopulation, ons != sum.people else { continue }
      out.append(
        ValidationIssue(
          .warning, file: sum.first.file, line: sum.first.line,
          "the people of \(d.footprints[f].code)'s successors in \(sum.key.asOf) add up to "
            + "\(sum.people), its ons_population in footprints.csv is \(ons): they rest on "
            + "different populations or areas"))
    }
    // A footprint whose stated population and population on the one basis disagree a lot.
    for f in d.footprints {
      guard let stated = f.population, let ons = f.onsPopulation else { continue }
      let larger = Double(max(stated, ons))
      if Double(abs(stated - ons)) > larger * populationDisagreement {
        out.append(
          ValidationIssue(
            .warning, file: f.location.file, line: f.location.line,
            "\(f.code): the population as stated (\(stated)) and ons_population (\(ons)) differ by "
              + "more than a third; check both (per head uses ons_population)"))
      }
    }
    // A measure known for 1 or 2 footprints: a ranking of so few says little.
    let n = d.footprints.count
    for measure in Measure.allCases {
      let known = (0..<n).count { m.isKnown(measure, footprint: $0) }
      if known > 0 && known < fewestToRank && n >= fewestToRank {
        out.append(
          ValidationIssue(
            .warning, file: measure.spec.file, line: 1,
            "ranking by \(measure.rawValue) rests on \(known) known value\(known == 1 ? "" : "s") "
              + "of \(n) footprints (fewer than \(fewestToRank))"))
      }
    }
    return out
  }
}
