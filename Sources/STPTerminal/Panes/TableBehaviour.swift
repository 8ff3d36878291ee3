import STPModel
import STPReport

/// What every table pane does with its keys: move the shared selection through its rows, scroll,
/// sort, scroll its columns, find the next match, open Detail. A table pane gets all of it by
/// conforming to `TablePane`; one with keys of its own (the league's `m`) tries them first and
/// hands the rest to `reduceTable`.
extension TablePane {
  func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
    reduceTable(&s, action)
  }

  /// The table's view state.
  func view(_ s: AppState) -> TableState { s[Self.self] }

  /// Changes the table's view state.
  func update(_ s: inout AppState, _ change: (inout TableState) -> Void) { change(&s[Self.self]) }

  /// The table's keys; nil for an action that is not the table's.
  func reduceTable(_ s: inout AppState, _ action: Action) -> [Effect]? {
    let page = max(1, Layout.bodyRows(s) - 1)
    switch action {
    case .moveSelection(let by): moveSelection(&s, by: by)
    case .movePage(let by): moveSelection(&s, by: by * page)
    case .moveToTop: moveSelection(&s, by: Int.min / 2)
    case .moveToBottom: moveSelection(&s, by: Int.max / 2)
    case .scroll(let by):
      // The wheel scrolls the rows and leaves the selection where it is.
      let count = s.rows(for: id).count
      let top = s[Self.self].top.addingReportingOverflow(by).partialValue
      s[Self.self].top = clampTop(top, rows: count, visible: Layout.bodyRows(s))
    case .scrollColumns(let by): scrollColumns(&s, by: by)
    case .openDetail:
      let rows = s.rows(for: id)
      guard let i = s.selectedIndex(in: rows) ?? rows.indices.first else {
        s.message = "no STP to show"
        return []
      }
      s.selectedCode = s.dataset.footprints[rows[i]].code
      DetailPane.open(&s, from: id)
    case .nextMatch, .previousMatch:
      guard !s.filter.isEmpty else { return nil }
      let rows = s.rows(for: id)
      guard !rows.isEmpty else {
        s.message = "no match for '\(s.filter)'"
        return []
      }
      let i = s.selectedIndex(in: rows) ?? -1
      let next =
        action == .nextMatch ? (i + 1) % rows.count : (i - 1 + rows.count) % rows.count
      s.selectedCode = s.dataset.footprints[rows[next]].code
      ensureVisible(&s)
    case .sortNext, .sortReverse, .sortPrevious: sort(&s, action)
    case .toggleColumnWidth, .hideColumn: adjustColumn(&s, action)
    case .click(let p): return click(&s, p)
    default: return nil
    }
    return []
  }

  func settle(_ s: inout AppState, after action: Action) {
    switch action {
    case .presentationTick, .reloadProgress, .clearChangeMarks, .dataSpilled, .exported, .redraw:
      return  // nothing on the table moved
    case .filterInput, .filterBackspace:
      // The selection stays if it still matches, else the first match; the rows start at the top.
      guard s.pane == id else { return }
      let rows = s.rows(for: id)
      if s.selectedIndex(in: rows) == nil, let first = rows.first {
        s.selectedCode = s.dataset.footprints[first].code
      }
      s[Self.self].top = 0
    case .commitFilter:
      if s.pane == id && !s.filter.isEmpty && s.rows(for: id).isEmpty {
        s.message = "no STP matches '\(s.filter)'"
      }
    case .resize:
      // Growing shows as many rows above the selection as fit, rather than keeping a scroll
      // that a smaller size forced.
      guard s.pane == id, let i = s.selectedIndex(in: s.rows(for: id)) else { break }
      s[Self.self].top = min(s[Self.self].top, max(0, i - Layout.bodyRows(s) + 1))
    default: break
    }
    if s.pane == id { ensureVisible(&s) }
  }

  func matchCount(_ s: AppState) -> Int { s.rows(for: id).count }

  func exportRequest(_ s: AppState) -> ExportRequest? {
    exportView(s).map { ExportRequest(view: $0, filter: s.filter) }
  }

  /// The columns as the user has them: those hidden with `-` marked hidden, those widened with
  /// `_` kept at their full width (and kept longest when room is short).
  func shownColumns(_ s: AppState) -> [TableColumn] {
    let view = s[Self.self]
    guard !view.hidden.isEmpty || !view.widened.isEmpty else { return columns(s) }
    return columns(s).enumerated().map { i, column in
      var c = column
      let name = Self.columnName(c)
      if i >= 2 && view.hidden.contains(name) { c.isHidden = true }
      if view.widened.contains(name) {
        if c.isFlexible {
          // The names whole: as wide as the longest (display names are bounded).
          let longest = s.dataset.footprints.indices.map { DisplayWidth.of(s.data.name($0)) }.max()
          c.width = max(c.width, longest ?? 0)
        }
        c.minWidth = max(c.minWidth, c.width)
        c.priority += 100
      }
      return c
    }
  }

  /// A column's name for `-`, `_` and `:columns`: its heading in full words ("bar" for the
  /// league's bar).
  static func columnName(_ c: TableColumn) -> String {
    c.longTitle ?? (c.title.isEmpty ? "bar" : c.title)
  }

  /// `_` and `-` on the sorted column.
  private func adjustColumn(_ s: inout AppState, _ action: Action) {
    let columns = shownColumns(s)
    guard let i = s[Self.self].sort.column, columns.indices.contains(i) else {
      s.message =
        "sort by a column first (s, or click its heading): _ and - act on the sorted column"
      return
    }
    let name = Self.columnName(columns[i])
    if action == .hideColumn {
      guard i >= 2 else {
        s.message = "the position and STP columns stay"
        return
      }
      s[Self.self].hidden.insert(name)
      s[Self.self].sort = SortState()
      s[Self.self].columnOffset = 0
      s.message = "\(name) hidden; :columns show \(name) brings it back"
    } else if s[Self.self].widened.contains(name) {
      s[Self.self].widened.remove(name)
      s.message = "\(name) narrowed to fit"
    } else {
      s[Self.self].widened.insert(name)
      s.message = "\(name) at full width (_ again narrows it)"
    }
    ensureVisible(&s)
  }

  /// `:columns` (list them), `:columns hide NAME`, `:columns show NAME`, `:columns reset`.
  func columnsCommand(_ s: inout AppState, _ argument: String) {
    let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
    let verb = words.first?.lowercased() ?? ""
    let names = columns(s).map(Self.columnName)
    let view = s[Self.self]
    func find(_ q: String) -> String? {
      let q = q.lowercased()
      return names.first { $0.lowercased() == q } ?? names.first { $0.lowercased().hasPrefix(q) }
    }
    switch verb {
    case "":
      let shown = names.filter { !view.hidden.contains($0) }.map {
        view.widened.contains($0) ? $0 + " (full width)" : $0
      }
      let hidden = names.filter { view.hidden.contains($0) }
      s.message =
        (hidden.isEmpty ? "" : "hidden: " + hidden.joined(separator: ", ") + " · ")
        + "columns: " + shown.joined(separator: ", ")
    case "reset":
      s[Self.self].hidden = []
      s[Self.self].widened = []
      s.message = "every column back at its fitted width"
    case "hide", "show":
      guard words.count > 1, let name = find(words[1]) else {
        s.message = "no column '\(words.dropFirst().first ?? "")': " + names.joined(separator: ", ")
        return
      }
      if verb == "show" {
        s[Self.self].hidden.remove(name)
        s.message = "\(name) shown"
      } else if names.firstIndex(of: name).map({ $0 < 2 }) ?? true {
        s.message = "the position and STP columns stay"
      } else {
        s[Self.self].hidden.insert(name)
        if let c = view.sort.column, names.indices.contains(c), names[c] == name {
          s[Self.self].sort = SortState()
        }
        s[Self.self].columnOffset = 0
        s.message = "\(name) hidden; :columns show \(name) brings it back"
      }
    default:
      s.message = "columns: no '\(verb)'; :columns, :columns hide NAME, show NAME, reset"
    }
    ensureVisible(&s)
  }

  /// Keeps the selected row on screen.
  func ensureVisible(_ s: inout AppState) {
    let rows = s.rows(for: id)
    let visible = Layout.bodyRows(s)
    var top = s[Self.self].top
    if let i = s.selectedIndex(in: rows), visible > 0 {
      if i < top { top = i }
      if i >= top + visible { top = i - visible + 1 }
    }
    s[Self.self].top = clampTop(top, rows: rows.count, visible: visible)
  }

  private func moveSelection(_ s: inout AppState, by n: Int) {
    let rows = s.rows(for: id)
    guard !rows.isEmpty else { return }
    let current = s.selectedIndex(in: rows) ?? (n > 0 ? -1 : rows.count)
    let next = min(max(current.addingReportingOverflow(n).partialValue, 0), rows.count - 1)
    s.selectedCode = s.dataset.footprints[rows[next]].code
    ensureVisible(&s)
  }

  private func scrollColumns(_ s: inout AppState, by: Int) {
    let width = Layout.regions(s).pane.width
    let maxOffset = TableView.maxColumnOffset(shownColumns(s), width: width)
    let now = s[Self.self].columnOffset
    let next = min(max(0, now + by), maxOffset)
    if next == now {
      s.message =
        maxOffset == 0
        ? "every column is on screen"
        : (by > 0 ? "no more columns to the right" : "at the first column")
    }
    s[Self.self].columnOffset = next
  }

  private func sort(_ s: inout AppState, _ action: Action) {
    let columns = shownColumns(s)
    let sortable = columns.indices.filter { columns[$0].sortKey != nil && !columns[$0].isHidden }
    var sort = s[Self.self].sort
    if action == .sortReverse {
      sort.isDescending.toggle()
    } else if action == .sortPrevious {
      // Rank order sits before the first column, as in htop's "<".
      if let c = sort.column, let i = sortable.firstIndex(of: c) {
        sort = SortState(column: i > 0 ? sortable[i - 1] : nil)
      } else {
        sort = SortState(column: sortable.last)
      }
    } else if let c = sort.column, let i = sortable.firstIndex(of: c) {
      sort = SortState(column: i + 1 < sortable.count ? sortable[i + 1] : nil)
    } else {
      sort = SortState(column: sortable.first)
    }
    s[Self.self].sort = sort
    ensureVisible(&s)
  }

  /// A click on a heading sorts by its column (again: reversed); on a row selects it (again:
  /// opens it). Elsewhere (the tabs) it is not the table's.
  private func click(_ s: inout AppState, _ p: Point) -> [Effect]? {
    let pane = Layout.regions(s).pane
    if p.y == pane.y + 1 && pane.contains(p) {
      let columns = shownColumns(s)
      let fit = TableView.fit(
        s, pane: id, columns: columns, width: pane.width, rows: s.rows(for: id))
      guard
        let hit = fit.columns.first(where: {
          p.x - pane.x >= $0.x && p.x - pane.x < $0.x + $0.width
        }),
        columns[hit.index].sortKey != nil
      else { return [] }
      let sort = s[Self.self].sort
      let column: Int? = hit.index == 0 ? nil : hit.index
      s[Self.self].sort =
        sort.column == column
        ? SortState(column: column, isDescending: !sort.isDescending) : SortState(column: column)
      ensureVisible(&s)
      return []
    }
    let body = Layout.body(s)
    guard body.contains(p) else { return nil }
    let rows = s.rows(for: id)
    let i = s[Self.self].top + (p.y - body.y)
    guard i < rows.count else { return [] }
    let code = s.dataset.footprints[rows[i]].code
    if code == s.selectedCode {
      return reduceTable(&s, .openDetail)  // a second click on the selected row opens it
    }
    s.selectedCode = code
    ensureVisible(&s)
    return []
  }
}

/// The first row to show so that `rows` fill `visible` lines where they can.
func clampTop(_ top: Int, rows: Int, visible: Int) -> Int {
  max(0, min(top, rows - max(visible, 1)))
}
