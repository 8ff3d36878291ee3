import STPModel
import STPPlatform

/// What a view export covers.
public enum ExportView: Equatable, Sendable {
  /// The league by a measure, its rows as shown (filtered, sorted).
  case league(Measure, rows: [Int])
  case partners(rows: [Int])
  case funding(rows: [Int])
  /// One STP's detail.
  case detail(code: String)
  /// STPs side by side.
  case compare(codes: [String])
  /// The charts' numbers: funding ranges in a wave, a scatter's points, the timeline's events.
  case chartRanges(wave: Int)
  case chartScatter(x: Measure, y: Measure)
  case chartTimeline
  /// The bands of July 2017 against the first designation (`designations`).
  case chartDesignations
  /// The NHS regions rolled up, as the Regions pane shows them.
  case regions
}

/// Writes a view as CSV and Markdown, named after the view and the time, each written to a
/// temporary file and then linked into place, so no file is ever replaced or left half written.
public enum ViewExporter {
  /// The table a view writes (its Markdown's), for people: nil for one STP's detail (a report
  /// of sections, not a table) and for a view with nothing in it.
  public static func table(_ view: ExportView, dataset d: Dataset, metrics m: Metrics)
    -> ReportTable?
  {
    switch view {
    case .league(let measure, let rows): LeagueReport.make(d, m, by: measure, rows: rows)
    case .partners(let rows): PartnersReport.make(d, m, rows: rows)
    case .funding(let rows): FundingReport.make(d, m, rows: rows)
    case .detail: nil
    case .compare(let codes):
      codes.compactMap { d.index(ofCode: $0) }.isEmpty
        ? nil
        : CompareReport.make(d, m, footprints: codes.compactMap { d.index(ofCode: $0) }).table()
    case .chartRanges(let w):
      d.waves.indices.contains(w) ? ChartsReport.rangesTable(d, m, wave: w) : nil
    case .chartScatter(let x, let y): ChartsReport.scatterTable(d, m, x: x, y: y)
    case .regions: RegionsReport.make(d, m).table()
    case .chartTimeline: ChartsReport.timelineTable(d, m)
    case .chartDesignations: DesignationsReport.byBand(d, m)
    }
  }

  /// Writes the files and returns the status-bar message: where they went, or why not.
  public static func export(
    _ view: ExportView, dataset d: Dataset, metrics m: Metrics, directory: String,
    filter: String = "",
    stamp: String = fileTimestamp()
  ) -> String {
    func noted(_ t: ReportTable, _ rows: [Int]) -> ReportTable {
      guard !filter.isEmpty else { return t }
      var t = t
      t.notes.insert("Filter: \(filter) (\(rows.count) of \(d.footprints.count) STPs).", at: 0)
      return t
    }
    var parts: [(ext: String, text: String)] = []
    let name: String
    switch view {
    case .league(let measure, _): name = "league-by-\(measure.rawValue)"
    case .partners: name = "partnerships"
    case .funding: name = "funding"
    case .detail(let code): name = "detail-\(code)"
    case .compare: name = "compare"
    case .chartRanges(let w):
      name = "chart-ranges-\(d.waves.indices.contains(w) ? d.waves[w].id : "")"
    case .chartScatter(let x, let y): name = "chart-scatter-\(y.rawValue)-by-\(x.rawValue)"
    case .regions: name = "regions"
    case .chartTimeline: name = "chart-timeline"
    case .chartDesignations: name = "chart-designations-by-band"
    }
    switch view {
    case .detail(let code):
      guard let f = d.index(ofCode: code) else { return "nothing to export" }
      let report = ShowReport(d, m, footprint: f)
      parts = [("csv", report.csvEntries()), ("md", report.rendered(as: .markdown))]
    case .compare(let codes):
      let fs = codes.compactMap { d.index(ofCode: $0) }
      guard !fs.isEmpty else { return "nothing to export" }
      let report = CompareReport.make(d, m, footprints: fs)
      parts = [
        ("csv", report.longTable().rendered(as: .csv)),
        ("md", report.table().rendered(as: .markdown)),
      ]
    default:
      guard var t = table(view, dataset: d, metrics: m) else { return "nothing to export" }
      // The filter the rows were chosen by, in the Markdown's notes (the CSV stays plain rows).
      switch view {
      case .league(_, let rows), .partners(let rows), .funding(let rows): t = noted(t, rows)
      default: break
      }
      parts = [("csv", t.rendered(as: .csv)), ("md", t.rendered(as: .markdown))]
    }
    var written: [String] = []
    for part in parts {
      let base = directory.hasSuffix("/") ? directory : directory + "/"
      switch writeNew(
        base + "stp-dash-\(Self.fileComponent(name))-\(stamp)", ext: part.ext, text: part.text)
      {
      case .success(let path): written.append(path)
      case .failure(let reason):
        for w in written { unlink(w) }  // all or nothing
        return "export failed: cannot write to \(directory): \(reason)"
      }
    }
    return "exported to " + written.joined(separator: " and ")
  }
}

extension ViewExporter {
  /// A name from the data (an STP's code, a wave's id) as one safe part of a file name: letters,
  /// digits, `.`, `-` and `_` kept, anything else (a `/`, a space, a control character) as `_`,
  /// no leading dot, at most 80 characters; so an export never leaves its folder, whatever a
  /// code says (`/../../outside/X` becomes `_.._.._outside_X`).
  public static func fileComponent(_ name: String) -> String {
    var out = ""
    for u in name.unicodeScalars.prefix(80) {
      let ok =
        ("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u)
        || u == "." || u == "-" || u == "_"
      out.unicodeScalars.append(ok ? u : "_")
    }
    while out.hasPrefix(".") { out = "_" + out.dropFirst() }
    return out.isEmpty ? "_" : out
  }
}

/// Writes bytes to a fresh temporary file beside `path`: created with `O_EXCL | O_NOFOLLOW`, so
/// a file or link planted under that name is never opened (a link's target is never written),
/// then flushed to disk. The caller links or renames it into place and removes it.
func writeTemporary(beside path: String, _ bytes: UnsafeRawBufferPointer) -> Result<
  String, ExportFailure
> {
  var fd: Int32 = -1
  var tmp = ""
  for attempt in 0..<100 {
    tmp = "\(path).tmp-\(getpid())-\(attempt)"
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    if fd >= 0 || errno != EEXIST { break }
  }
  guard fd >= 0 else { return .failure(ExportFailure(String(cString: strerror(errno)))) }
  var done = 0
  var failure: Int32 = 0
  while done < bytes.count {
    // baseAddress!: done < count, so the buffer is not empty.
    let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
    if n < 0 && errno == EINTR { continue }
    if n <= 0 {
      failure = n < 0 ? errno : EIO
      break
    }
    done += n
  }
  if failure == 0 && fsync(fd) != 0 { failure = errno }
  if close(fd) != 0 && failure == 0 { failure = errno }
  guard failure == 0 else {
    unlink(tmp)
    return .failure(ExportFailure(String(cString: strerror(failure))))
  }
  return .success(tmp)
}

/// Writes a whole file safely: through `writeTemporary`, then renamed over `path` (which replaces
/// a link at `path` itself, never its target) when `replace`, else linked into place, which
/// refuses any existing name. Nothing is ever half written.
public func writeFile(_ path: String, bytes: [UInt8], replace: Bool) -> Result<Void, ExportFailure>
{
  let tmp = bytes.withUnsafeBytes { writeTemporary(beside: path, $0) }
  guard case .success(let t) = tmp else {
    if case .failure(let f) = tmp { return .failure(f) }
    return .failure(ExportFailure("cannot write"))
  }
  defer { unlink(t) }
  let ok = replace ? rename(t, path) == 0 : link(t, path) == 0
  return ok ? .success(()) : .failure(ExportFailure(String(cString: strerror(errno))))
}

/// Writes `text` to `stem.ext` (or `stem-2.ext`, … if taken) through a temporary file: `link`
/// refuses to replace an existing file, so nothing is ever overwritten.
public func writeNew(_ stem: String, ext: String, text: String) -> Result<String, ExportFailure> {
  var text = text
  let written = text.withUTF8 {
    writeTemporary(beside: "\(stem).\(ext)", UnsafeRawBufferPointer($0))
  }
  guard case .success(let tmp) = written else {
    if case .failure(let f) = written { return .failure(f) }
    return .failure(ExportFailure("cannot write"))
  }
  defer { unlink(tmp) }
  for k in 1...99 {
    let path = k == 1 ? "\(stem).\(ext)" : "\(stem)-\(k).\(ext)"
    if link(tmp, path) == 0 { return .success(path) }
    if errno != EEXIST { return .failure(ExportFailure(String(cString: strerror(errno)))) }
  }
  return .failure(ExportFailure("too many files named \(stem)"))
}

/// Why an export could not be written, in words for the status bar and stderr.
public struct ExportFailure: Error, CustomStringConvertible {
  /// The reason, in words.
  public let description: String
  init(_ d: String) { description = d }
}

/// Local time as 20261122-074512, for file names.
public func fileTimestamp() -> String {
  var t = time(nil)
  var p = tm()
  localtime_r(&t, &p)
  func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return
    "\(p.tm_year + 1900)\(two(p.tm_mon + 1))\(two(p.tm_mday))-\(two(p.tm_hour))\(two(p.tm_min))\(two(p.tm_sec))"
}
