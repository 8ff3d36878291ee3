import STPModel

/// The output formats of the batch commands.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table, csv, json, markdown
}

/// A table for the batch commands: each cell has text for people and a value for machines.
public struct ReportTable: Sendable {
  /// One column.
  public struct Column: Sendable {
    /// Heading for people.
    public var header: String
    /// Field name in CSV and JSON (snake_case).
    public var key: String
    /// Right-align in tables (numbers).
    public var isNumeric: Bool
    /// Only in CSV and JSON (e.g. a raw minimum that a text column already shows in words).
    public var isMachineOnly: Bool
    /// Widest the column may be in a table; longer text ends in "…" (CSV/JSON keep it whole).
    public var maxWidth: Int?

    /// Creates a column.
    public init(
      _ header: String, key: String, numeric: Bool = false, machineOnly: Bool = false,
      maxWidth: Int? = nil
    ) {
      self.header = header
      self.key = key
      self.isNumeric = numeric
      self.isMachineOnly = machineOnly
      self.maxWidth = maxWidth
    }
  }

  /// One cell.
  public struct Cell: Sendable {
    /// What people read in a table or Markdown.
    public var text: String
    /// What CSV and JSON carry.
    public var value: JSONValue
    /// Shorter forms of `text` (a figure's, longest first): a column too narrow for the text
    /// takes the longest that fits rather than cutting a number.
    public var forms: [String] = []

    /// A cell whose text and value differ.
    public init(_ text: String, _ value: JSONValue) {
      self.text = text
      self.value = value
    }

    /// A cell that may shorten to one of `forms`.
    public init(_ text: String, _ value: JSONValue, forms: [String]) {
      self.text = text
      self.value = value
      self.forms = forms
    }

    /// A text cell (null and "unknown" when nil).
    public static func text(_ s: String?) -> Cell { Cell(s ?? Absence.unknown.word, .text(s)) }
  }

  /// Columns, left to right.
  public var columns: [Column]
  /// Rows of cells, one per column.
  public var rows: [[Cell]]
  /// Lines printed under a table or Markdown (coverage, caveats); not in CSV or JSON.
  public var notes: [String]
  /// What a cut text ends in: "…", or "..." in a table folded to ASCII, so that the mark is
  /// measured as it prints (folded after the layout, "…" widened its column by two).
  var ellipsis = "…"

  /// Creates a table.
  public init(columns: [Column], rows: [[Cell]] = [], notes: [String] = []) {
    self.columns = columns
    self.rows = rows
    self.notes = notes
  }

  /// The table with every text folded to ASCII before layout, so columns stay aligned ("£312m"
  /// becomes "GBP 312m" and its column widens); machine values are unchanged.
  public func asciiFolded() -> ReportTable {
    var t = self
    for i in t.columns.indices { t.columns[i].header = ASCIIFold.fold(t.columns[i].header) }
    t.rows = rows.map {
      $0.map {
        ReportTable.Cell(ASCIIFold.fold($0.text), $0.value, forms: $0.forms.map(ASCIIFold.fold))
      }
    }
    t.notes = notes.map(ASCIIFold.fold)
    t.ellipsis = "..."
    return t
  }

  /// The table in one of the formats, ending with a newline.
  public func rendered(as format: OutputFormat) -> String {
    switch format {
    case .table: renderTable()
    case .csv: renderCSV()
    case .json: renderJSON()
    case .markdown: renderMarkdown()
    }
  }

  /// The table read aloud: a sentence a row, its first column first and every other column
  /// people see by its heading ("Dorset: Pos =1; Band Outstanding; Funding at least £100m"),
  /// figures in their longest form, empty cells left out; then the notes. For screen readers
  /// and braille displays (`--linear`), where columns cannot be seen side by side.
  public func sentences() -> [String] {
    let shown = visible
    // What a row is about: its name (an STP's, a wave's), else its first column.
    guard let first = shown.first(where: { columns[$0].key == "name" }) ?? shown.first else {
      return notes
    }
    let lines = rows.map { row -> String in
      let rest = shown.filter { $0 != first }.compactMap { i -> String? in
        let text = SafeText.forTerminal(row[i].forms.first ?? row[i].text)
        guard !text.isEmpty else { return nil }
        return SafeText.forTerminal(columns[i].header) + " " + text
      }
      return SafeText.forTerminal(row[first].text) + ": " + rest.joined(separator: "; ")
    }
    return lines + notes.map(SafeText.forTerminal)
  }

  // MARK: - Formats

  /// Indices of the columns people see.
  public var visible: [Int] { columns.indices.filter { !columns[$0].isMachineOnly } }

  /// The widest a column without a width of its own is drawn in a text table (CSV, JSON and
  /// Markdown keep every cell whole).
  static let widestColumn = 120

  func renderTable() -> String {
    let shown = visible
    let cols = shown.map { columns[$0] }
    let headers = cols.map(\.header)
    // A column of figures takes one form level, the longest at which all its cells fit its
    // width ("up to £80m" above "at least £100m", or "≤£80m" above "≥£100m"): never a cut number.
    let levels: [Int?] = columns.indices.map { i in
      guard let w = columns[i].maxWidth, rows.contains(where: { !$0[i].forms.isEmpty }) else {
        return nil
      }
      let depth = rows.map { $0[i].forms.count }.max() ?? 0
      return (0..<depth).first { k in
        rows.allSatisfy { r in
          let f = r[i].forms
          return f.isEmpty
            ? DisplayWidth.of(SafeText.forTerminal(r[i].text)) <= w
            : DisplayWidth.of(SafeText.forTerminal(f[min(k, f.count - 1)])) <= w
        }
      } ?? max(0, depth - 1)
    }
    let body = rows.map { row in
      shown.map { i in
        let t = SafeText.forTerminal(row[i].text)
        if let k = levels[i], !row[i].forms.isEmpty {
          let forms = row[i].forms.map(SafeText.forTerminal)
          let shown = FigureText.fit(
            Array(forms[min(k, forms.count - 1)...]), width: columns[i].maxWidth)
          return shown == "…" ? String(ellipsis.prefix(columns[i].maxWidth ?? 1)) : shown
        }
        // Every column has a width: its own, else `widestColumn`, so one enormous cell (a
        // 1 MB council name) cannot pad every row of the table to its width.
        let w = columns[i].maxWidth ?? Self.widestColumn
        guard t.utf8.count > w, DisplayWidth.of(t) > w else { return t }
        return DisplayWidth.truncate(t.bounded(w * 4), to: w, ellipsis: ellipsis)
      }
    }
    var widths = headers.map { DisplayWidth.of($0) }
    for row in body {
      for (i, t) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(t)) }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, c) in cells.enumerated() {
        let last = i == cells.count - 1
        let numeric = cols[i].isNumeric
        parts.append(
          last && !numeric ? c : DisplayWidth.pad(c, to: widths[i], rightAligned: numeric))
      }
      return parts.joined(separator: "  ")
    }
    var out = line(headers) + "\n"
    out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
    for row in body { out += line(row) + "\n" }
    if !notes.isEmpty {
      out += "\n" + notes.map { SafeText.forTerminal($0) }.joined(separator: "\n") + "\n"
    }
    return out
  }

  func renderCSV() -> String {
    var out = columns.map { Self.csvField($0.key) }.joined(separator: ",") + "\n"
    for row in rows {
      out += row.map { Self.csvCell($0.value) }.joined(separator: ",") + "\n"
    }
    return out
  }

  static func csvText(_ v: JSONValue) -> String {
    switch v {
    case .null: ""
    case .bool(let b): b ? "true" : "false"
    case .int(let i): String(i)
    case .double(let d): String(d)
    case .string(let s): s
    case .array, .object: v.serialized()
    }
  }

  /// One value as a CSV field: numbers as they are; text cleaned of controls and bidi overrides
  /// (shown as `^X` and U+FFFD, as on screen) and, when it starts with `=`, `+`, `-`, `@`, a tab
  /// or a carriage return, prefixed with `'` so that a spreadsheet shows it instead of running
  /// it as a formula (OWASP's advice on CSV injection).
  public static func csvCell(_ v: JSONValue) -> String {
    switch v {
    case .string(let s): csvField(neutralised(s))
    default: csvField(csvText(v))
    }
  }

  /// Text for a CSV text field: cleaned, and never read as a formula.
  public static func neutralised(_ s: String) -> String {
    let clean = SafeText.forTerminal(s)
    guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
      return clean
    }
    return "'" + clean
  }

  /// A CSV field, quoted when it must be.
  public static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\"" + s.replacingQuotes() + "\""
  }

  func renderJSON() -> String {
    let items = rows.map { row in
      JSONValue.object(zip(columns, row).map { ($0.key, $1.value) })
    }
    return JSONValue.array(items).serialized(indent: 2) + "\n"
  }

  func renderMarkdown() -> String {
    func esc(_ s: String) -> String { MarkdownText.cell(s) }
    let shown = visible
    var out = "| " + shown.map { esc(columns[$0].header) }.joined(separator: " | ") + " |\n"
    out += "|" + shown.map { columns[$0].isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
    for row in rows {
      out += "| " + shown.map { esc(row[$0].text) }.joined(separator: " | ") + " |\n"
    }
    if !notes.isEmpty { out += "\n" + notes.map { esc($0) }.joined(separator: "\n\n") + "\n" }
    return out
  }
}

extension String {
  /// The text with each `"` doubled, for a quoted CSV field.
  func replacingQuotes() -> String {
    var out = ""
    for c in self {
      out.append(c)
      if c == "\"" { out.append("\"") }
    }
    return out
  }
}
