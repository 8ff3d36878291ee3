import STPModel
import STPReport

/// The sources a paper cites, numbered in order of first use, each with the data rows that
/// cite it: a figure's superscript leads to its note, the note to its line in the data.
public struct SourceNotes {
  /// The notes: a source's text and the rows (`file:line`) that cite it.
  public private(set) var notes: [(source: String, rows: [String])] = []
  private var numbers: [String: Int] = [:]

  /// Empty notes.
  public init() {}

  /// The number of `source`'s note, `rows` added to it (`a.csv:4;b.csv:38` names two rows).
  public mutating func cite(_ source: String, rows: String?) -> Int {
    let n: Int
    if let known = numbers[source] {
      n = known
    } else {
      notes.append((source, []))
      n = notes.count
      numbers[source] = n
    }
    for row in (rows ?? "").split(separator: ";").map(String.init) where !row.isEmpty {
      if !notes[n - 1].rows.contains(row) { notes[n - 1].rows.append(row) }
    }
    return n
  }

  /// Superscript links to notes `numbers` (empty for none).
  public static func marks(_ numbers: [Int]) -> String {
    numbers.isEmpty
      ? ""
      : "<sup>" + numbers.map { "<a href=\"#n\($0)\">\($0)</a>" }.joined(separator: ",") + "</sup>"
  }

  /// The notes as an ordered list, every address a link, the rows after it.
  public func html(listClass: String = "notes") -> String {
    var out = "<ol class=\"\(listClass)\">\n"
    for (i, n) in notes.enumerated() {
      let linked = n.source.split(separator: " ", omittingEmptySubsequences: false).map { word in
        let w = VectorMap.xml(String(word))
        return word.hasPrefix("https://") || word.hasPrefix("http://")
          ? "<a href=\"\(w)\">\(w)</a>" : w
      }.joined(separator: " ")
      out += "<li id=\"n\(i + 1)\">\(linked) "
      out += "<span class=\"rows\">\(VectorMap.xml(Self.rowList(n.rows)))</span></li>\n"
    }
    return out + "</ol>\n"
  }

  /// The notes as Markdown footnotes, cleaned with `clean`.
  public func markdown(_ clean: (String) -> String) -> String {
    notes.enumerated().map { i, n in
      "[^\(i + 1)]: \(clean(n.source)) \(clean(Self.rowList(n.rows)))\n"
    }.joined()
  }

  /// Rows as one citation, runs of lines in a file joined: `[councils.csv:30-40; waves.csv:2]`.
  static func rowList(_ rows: [String]) -> String {
    guard !rows.isEmpty else { return "" }
    var files: [(file: String, lines: [Int], other: [String])] = []
    for row in rows {
      let parts = row.split(separator: ":", maxSplits: 1).map(String.init)
      let file = parts.first ?? row
      let k = files.firstIndex { $0.file == file } ?? files.endIndex
      if k == files.endIndex { files.append((file, [], [])) }
      if parts.count == 2, let line = Int(parts[1]) {
        if !files[k].lines.contains(line) { files[k].lines.append(line) }
      } else {
        files[k].other.append(row)
      }
    }
    let cited = files.map { f -> String in
      var runs: [String] = []
      var start: Int?
      var last = 0
      for line in f.lines.sorted() + [Int.max] {
        if let a = start, line != last + 1 {
          runs.append(a == last ? "\(a)" : "\(a)-\(last)")
          start = nil
        }
        if start == nil { start = line }
        last = line
      }
      let lines = runs.isEmpty ? [] : ["\(f.file):" + runs.joined(separator: ",")]
      return (lines + f.other).joined(separator: ", ")
    }
    return "[" + cited.joined(separator: "; ") + "]"
  }
}

extension ReportTable {
  /// The table as accessible HTML: a `<caption>`, column headings with `scope="col"`, each
  /// row's name as its heading with `scope="row"`, numbers right-aligned, and each figure's
  /// source (its machine-only `…_source` and `…_rows` columns) as a numbered note in `notes`;
  /// the table's notes follow as paragraphs.
  public func html(caption: String, notes: inout SourceNotes) -> String {
    let x = VectorMap.xml
    let shown = visible
    let keyed = Dictionary(columns.indices.map { (columns[$0].key, $0) }) { a, _ in a }
    let head = shown.first { columns[$0].key == "name" } ?? shown.first
    var out = "<table>\n<caption>\(x(caption))</caption>\n<thead><tr>"
    for i in shown {
      let align = columns[i].isNumeric ? " class=\"n\"" : ""
      out += "<th scope=\"col\"\(align)>\(x(columns[i].header))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in rows {
      out += "<tr>"
      for i in shown {
        let key = columns[i].key
        var mark = ""
        if let s = keyed[key + "_source"], case .string(let source) = row[s].value,
          !source.isEmpty
        {
          var rowText: String?
          if let r = keyed[key + "_rows"], case .string(let t) = row[r].value { rowText = t }
          mark = SourceNotes.marks([notes.cite(source, rows: rowText)])
        }
        let text = x(row[i].text) + mark
        let align = columns[i].isNumeric ? " class=\"n\"" : ""
        out +=
          i == head ? "<th scope=\"row\">\(text)</th>" : "<td\(align)>\(text)</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    for n in self.notes { out += "<p class=\"tnote\">\(x(n))</p>\n" }
    return out
  }
}
