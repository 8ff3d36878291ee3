import STPModel
import STPReport

/// A value to sort a column by; unknown values (nil) always sort last.
public enum SortKey: Comparable, Sendable {
  case number(Double)
  case text(String)
}

/// One column of a list pane: heading, widths, how to sort and how to draw a cell.
struct TableColumn {
  var title: String
  /// Width wanted.
  var width: Int
  /// Width it can shrink to before it is dropped.
  var minWidth: Int
  /// Takes the space left over (the STP name).
  var isFlexible = false
  var alignRight = false
  /// Higher survives longer when the screen is narrow.
  var priority: Int
  var sortKey: ((Int) -> SortKey?)?
  /// Draws footprint `f`'s cell into `rect` (one row high).
  var draw: (inout Canvas, Rect, Int) -> Void

  /// A column of text cells.
  static func text(
    _ title: String, width: Int, minWidth: Int? = nil, flexible: Bool = false, right: Bool = false,
    priority: Int, sort: ((Int) -> SortKey?)? = nil, value: @escaping (Int) -> (String, Role)
  ) -> TableColumn {
    TableColumn(
      title: title, width: width, minWidth: minWidth ?? width, isFlexible: flexible, alignRight: right,
      priority: priority, sortKey: sort,
      draw: { canvas, rect, f in
        let (text, role) = value(f)
        canvas.put(text, at: Point(x: rect.x, y: rect.y), width: rect.width, role: role,
                   alignRight: right, clip: rect)
      })
  }
}

/// Fits columns into a width: drops the lowest priorities until the minimums fit, then grows
/// columns toward their wanted width by priority and gives the rest to flexible columns.
func fitColumns(_ columns: [TableColumn], width: Int) -> [(index: Int, x: Int, width: Int)] {
  var kept = Array(columns.indices)
  func need(_ idx: [Int]) -> Int { idx.reduce(0) { $0 + columns[$1].minWidth } + max(0, idx.count - 1) }
  while !kept.isEmpty && need(kept) > width {
    let drop = kept.min { columns[$0].priority < columns[$1].priority } ?? kept[0]
    kept.removeAll { $0 == drop }
  }
  var widths = Dictionary(uniqueKeysWithValues: kept.map { ($0, columns[$0].minWidth) })
  var spare = width - need(kept)
  // Growth in passes: important columns (priority 80 and up) to their wanted width, with the
  // flexible name only a little; then the name to its wanted width; then the rest by priority;
  // the name takes whatever is left at the end.
  func grow(_ i: Int, to cap: Int) {
    let g = max(0, min(spare, cap - (widths[i] ?? 0)))
    widths[i, default: 0] += g
    spare -= g
  }
  let byPriority = kept.sorted { columns[$0].priority > columns[$1].priority }
  for i in byPriority where columns[i].priority >= 80 {
    grow(i, to: columns[i].isFlexible ? min(columns[i].width, columns[i].minWidth + 6) : columns[i].width)
  }
  for i in byPriority where columns[i].isFlexible { grow(i, to: columns[i].width) }
  for i in byPriority where !columns[i].isFlexible { grow(i, to: columns[i].width) }
  let flexible = kept.filter { columns[$0].isFlexible }
  for (k, i) in flexible.enumerated() {
    let share = spare / max(1, flexible.count - k)
    widths[i, default: 0] += share
    spare -= share
  }
  var x = 0
  return kept.map { i in
    defer { x += (widths[i] ?? 0) + 1 }
    return (i, x, widths[i] ?? 0)
  }
}

/// Draws a list pane: summary strip, headings with the sort marker, rows with the selection.
enum TableView {
  static func render(
    _ state: AppState, pane: PaneID, columns: [TableColumn], strip: (inout Canvas, Rect) -> Void,
    in area: Rect, on canvas: inout Canvas
  ) {
    guard area.height > 0, area.width > 0 else { return }
    strip(&canvas, area.row(0))
    guard area.height > 1 else { return }
    let fitted = fitColumns(columns, width: area.width)
    let sort = state.table(pane).sort
    let header = area.row(1)
    canvas.fill(header, role: .columnHeader)
    for (i, x, w) in fitted where w > 0 {
      var title = columns[i].title
      let sorted = sort.column == i
      if sorted { title += sort.isDescending ? state.glyphs.sortDescending : state.glyphs.sortAscending }
      if w <= 2 { title = String(title.prefix(w)) }  // a letter reads better than "…"
      canvas.put(title, at: Point(x: area.x + x, y: header.y), width: w,
                 role: sorted ? .columnSorted : .columnHeader, alignRight: columns[i].alignRight, clip: header)
    }
    let rows = state.rows(for: pane)
    let visible = max(0, area.height - 2)
    let top = clampTop(state.table(pane).top, rows: rows.count, visible: visible)
    let selected = state.selectedIndex(in: rows)
    if rows.isEmpty && visible > 0 {
      let note = state.filter.isEmpty ? "no STPs in the data" : "no STP matches '\(state.filter)' (Esc clears the filter)"
      canvas.put(note, at: Point(x: area.x + 1, y: area.y + 2), role: .dim, clip: area)
    }
    for r in 0..<min(visible, max(0, rows.count - top)) {
      let row = area.row(2 + r)
      let f = rows[top + r]
      for (i, x, w) in fitted where w > 0 {
        let rect = Rect(x: area.x + x, y: row.y, width: w, height: 1)
        columns[i].draw(&canvas, rect, f)
      }
      let code = state.dataset.footprints[f].code
      if state.session.spotlight.contains(code) && selected != top + r {
        if let name = fitted.first(where: { columns[$0.index].isFlexible }) {
          canvas.setRole(.marked, in: Rect(x: area.x + name.x, y: row.y, width: name.width, height: 1))
        }
      }
      if state.session.spotlight.contains(code) {
        canvas.put(state.glyphs.spotlight, at: Point(x: area.x, y: row.y), role: selected == top + r ? .selection : .marked,
                   clip: row)
      }
      if selected == top + r {
        canvas.setRole(.selection, in: row)
      } else if state.data.changedCodes.contains(code) {
        // Changed by the last reload: a mark in the gutter and the name in the changed role.
        if let name = fitted.first(where: { columns[$0.index].isFlexible }) {
          canvas.setRole(.changed, in: Rect(x: area.x + name.x, y: row.y, width: name.width, height: 1))
        }
        canvas.put(state.glyphs.changedMark, at: Point(x: area.x, y: row.y), role: .changed, clip: row)
      }
    }
    // A scroll hint at the right edge when rows are hidden above or below.
    if top > 0 { canvas.put(state.glyphs.up, at: Point(x: area.maxX - 1, y: area.y + 2), role: .dim, clip: area) }
    if top + visible < rows.count {
      canvas.put(state.glyphs.down, at: Point(x: area.maxX - 1, y: area.maxY - 1), role: .dim, clip: area)
    }
  }

  /// Draws a proportional bar: solid up to `solid`, light up to `light` (nil: to the end).
  static func bar(
    _ canvas: inout Canvas, _ rect: Rect, solid: Double, light: Double?, glyphs: Glyphs
  ) {
    guard rect.width > 0 else { return }
    let w = Double(rect.width)
    let s = Int((min(max(solid, 0), 1) * w).rounded())
    let l = light.map { Int((min(max($0, 0), 1) * w).rounded()) } ?? rect.width
    for i in 0..<rect.width {
      let p = Point(x: rect.x + i, y: rect.y)
      if i < s {
        canvas.putGlyph(glyphs.barSolid, at: p, role: .barSolid, clip: rect)
      } else if i < max(l, s) {
        canvas.putGlyph(glyphs.barLight, at: p, role: .barLight, clip: rect)
      }
    }
  }
}
