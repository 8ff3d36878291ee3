import STPModel
import STPReport

/// What every table pane does with its keys: move the shared selection through its rows, scroll,
/// sort, scroll its columns, find the next match, open Detail. A table pane gets all of it by
/// conforming to `TablePane`; one with keys of its own (the league's `m`) tries them first and
/// hands the rest to `reduceTable`.
extension TablePane {
  public func reduce(_ s: inout AppState, _ action: Action) -> [Effect]? {
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
    case .click(let p): return click(&s, p)
    default: return nil
    }
    return []
  }

  public func settle(_ s: inout AppState, after action: Action) {
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

  public func matchCount(_ s: AppState) -> Int { s.rows(for: id).count }

  public func exportRequest(_ s: AppState) -> ExportRequest? {
    exportView(s).map { ExportRequest(view: $0, filter: s.filter) }
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
    let maxOffset = TableView.maxColumnOffset(columns(s), width: width)
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
    let columns = columns(s)
    let sortable = columns.indices.filter { columns[$0].sortKey != nil }
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
      let columns = columns(s)
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
