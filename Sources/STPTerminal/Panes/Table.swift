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
  /// The heading in full words, used when the column has room ("Housing" for "Hous").
  var longTitle: String? = nil
  var sortKey: ((Int) -> SortKey?)?
  /// Hidden by the user (`-`): never drawn, never counted as off screen.
  var isHidden = false
  /// Draws footprint `f`'s cell into `rect` (one row high).
  var draw: (inout Canvas, Rect, Int) -> Void

  /// A column of text cells.
  static func text(
    _ title: String, width: Int, minWidth: Int? = nil, flexible: Bool = false, right: Bool = false,
    priority: Int, longTitle: String? = nil, sort: ((Int) -> SortKey?)? = nil,
    value: @escaping (Int) -> (String, Role)
  ) -> TableColumn {
    TableColumn(
      title: title, width: width, minWidth: minWidth ?? width, isFlexible: flexible,
      alignRight: right,
      priority: priority, longTitle: longTitle, sortKey: sort,
      draw: { canvas, rect, f in
        let (text, role) = value(f)
        canvas.put(
          text, at: Point(x: rect.x, y: rect.y), width: rect.width, role: role,
          alignRight: right, clip: rect)
      })
  }
}

/// How a table's columns fit a width.
struct FittedColumns {
  var columns: [(index: Int, x: Int, width: Int)]
  /// Columns scrolled past or dropped on the left / right of those shown.
  var hiddenLeft = 0
  var hiddenRight = 0
}

/// Fits columns into a width. The first `frozen` columns (position and name) always stay; of the
/// others, the first `offset` are scrolled past, and the rest drop lowest priority first until
/// the minimums fit (the first one after a scroll never drops, so `l` reaches every column).
/// Then columns grow toward their wanted width by priority; the name grows to its content
/// (`contentWidth`), not beyond; what is left widens headings to their full words.
func fitColumns(
  _ columns: [TableColumn], width: Int, frozen: Int = 2, offset: Int = 0, contentWidth: Int? = nil
) -> FittedColumns {
  let frozen = min(frozen, columns.count)
  let scrollable = Array(frozen..<columns.count).filter { !columns[$0].isHidden }
  let offset = min(max(0, offset), max(0, scrollable.count - 1))
  var kept = Array(0..<frozen) + scrollable.dropFirst(offset)
  let pinned = offset > 0 ? scrollable.dropFirst(offset).first : nil
  func need(_ idx: [Int]) -> Int {
    idx.reduce(0) { $0 + columns[$1].minWidth } + max(0, idx.count - 1)
  }
  func priority(_ i: Int) -> Int {
    i == pinned || i < frozen ? Int.max - 1 + (i < frozen ? 1 : 0) : columns[i].priority
  }
  while !kept.isEmpty && need(kept) > width {
    let drop = kept.min { priority($0) < priority($1) } ?? kept[0]
    kept.removeAll { $0 == drop }
  }
  // Optional columns (priority under 30: extra measures, the league's bar) only take room the
  // others do not want: drop them while the rest cannot have their wanted widths (the names
  // whole: a name cut short to show an extra measure is the wrong trade).
  func core(_ i: Int) -> Bool { columns[i].priority >= 30 || i == pinned || i < frozen }
  func wantedNeed(_ idx: [Int]) -> Int {
    idx.reduce(0) { sum, i in
      // The name wants its declared width (a cap: 40), not its longest value: the long names
      // are cut before the figures beside them go (issue 22: at 120x40 the league shows
      // funding and per head beside the band).
      let w =
        !core(i)
        ? columns[i].minWidth
        : columns[i].isFlexible
          ? max(columns[i].minWidth, min(contentWidth ?? columns[i].width, columns[i].width))
          : columns[i].width
      return sum + w
    } + max(0, idx.count - 1)
  }
  while wantedNeed(kept) > width,
    let drop = kept.filter({ !core($0) }).min(by: { priority($0) < priority($1) })
  {
    kept.removeAll { $0 == drop }
  }
  var widths = Dictionary(uniqueKeysWithValues: kept.map { ($0, columns[$0].minWidth) })
  var spare = width - need(kept)
  func grow(_ i: Int, to cap: Int) {
    let g = max(0, min(spare, cap - (widths[i] ?? 0)))
    widths[i, default: 0] += g
    spare -= g
  }
  // The name's wanted width is its declared one, or less when its longest value needs less; the
  // last pass lets it grow to its longest value once the other columns have theirs.
  func wanted(_ i: Int) -> Int {
    columns[i].isFlexible
      ? max(columns[i].minWidth, min(columns[i].width, contentWidth ?? columns[i].width))
      : columns[i].width
  }
  // Growth in passes: important columns (priority 80 and up) to their wanted width, with the
  // flexible name only a little; then the name to its wanted width; then the rest by priority;
  // then headings to their full words; the name takes whatever is left at the end, up to its
  // content (the rest stays blank at the right rather than padding names).
  let byPriority = kept.sorted { priority($0) > priority($1) }
  for i in byPriority where columns[i].priority >= 80 || i == pinned {
    grow(i, to: columns[i].isFlexible ? min(wanted(i), columns[i].minWidth + 6) : wanted(i))
  }
  for i in byPriority where columns[i].isFlexible { grow(i, to: wanted(i)) }
  for i in byPriority where !columns[i].isFlexible { grow(i, to: wanted(i)) }
  // Whole names before full headings; without a known content width the name takes the rest.
  let flexible = kept.filter { columns[$0].isFlexible }
  for i in flexible { if let content = contentWidth { grow(i, to: max(wanted(i), content)) } }
  for i in byPriority where !columns[i].isFlexible {
    if let long = columns[i].longTitle { grow(i, to: max(wanted(i), DisplayWidth.of(long))) }
  }
  if contentWidth == nil {
    for (k, i) in flexible.enumerated() {
      let share = spare / max(1, flexible.count - k)
      widths[i, default: 0] += share
      spare -= share
    }
  }
  var x = 0
  var fitted = FittedColumns(columns: [])
  fitted.columns = kept.map { i in
    defer { x += (widths[i] ?? 0) + 1 }
    return (i, x, widths[i] ?? 0)
  }
  let firstShown = kept.first { $0 >= frozen }
  for i in scrollable where !kept.contains(i) {
    if let f = firstShown, i > f { fitted.hiddenRight += 1 } else { fitted.hiddenLeft += 1 }
  }
  return fitted
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
    let rows = state.rows(for: pane)
    let fit = fit(state, pane: pane, columns: columns, width: area.width, rows: rows)
    let fitted = fit.columns
    let sort = state.table(pane).sort
    let header = area.row(1)
    canvas.fill(header, role: .columnHeader)
    for (i, x, w) in fitted where w > 0 {
      var title =
        columns[i].longTitle.flatMap { DisplayWidth.of($0) <= w ? $0 : nil } ?? columns[i].title
      let sorted = sort.column == i
      if sorted {
        title += sort.isDescending ? state.glyphs.sortDescending : state.glyphs.sortAscending
      }
      if w <= 2 { title = String(title.prefix(w)) }  // a letter reads better than "…"
      canvas.put(
        title, at: Point(x: area.x + x, y: header.y), width: w,
        role: sorted ? .columnSorted : .columnHeader, alignRight: columns[i].alignRight,
        clip: header)
    }
    // Columns off screen: a marker at each side of the headings says how many, and which key.
    if !state.isCleanSlide, fit.hiddenLeft > 0, let first = fitted.first(where: { $0.index >= 2 }),
      first.x > 0
    {
      canvas.put(
        state.glyphs.left, at: Point(x: area.x + first.x - 1, y: header.y), role: .columnSorted,
        clip: header)
    }
    if !state.isCleanSlide, fit.hiddenRight > 0 {
      canvas.put(
        state.glyphs.right, at: Point(x: area.maxX - 1, y: header.y), role: .columnSorted,
        clip: header)
    }
    let visible = max(0, area.height - 2)
    let top = clampTop(state.table(pane).top, rows: rows.count, visible: visible)
    // A slide has no cursor.
    let selected = state.isCleanSlide ? nil : state.selectedIndex(in: rows)
    if rows.isEmpty && visible > 0 {
      let note =
        state.filter.isEmpty
        ? "no STPs in the data" : "no STP matches '\(state.filter)' (Esc clears the filter)"
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
          canvas.setRole(
            .marked, in: Rect(x: area.x + name.x, y: row.y, width: name.width, height: 1))
        }
      }
      if state.session.spotlight.contains(code) {
        canvas.put(
          state.glyphs.spotlight, at: Point(x: area.x, y: row.y),
          role: selected == top + r ? .selection : .marked,
          clip: row)
      }
      if selected == top + r {
        canvas.setRole(.selection, in: row)
      } else if state.data.changedCodes.contains(code) {
        // Changed by the last reload: a mark in the gutter and the name in the changed role.
        if let name = fitted.first(where: { columns[$0.index].isFlexible }) {
          canvas.setRole(
            .changed, in: Rect(x: area.x + name.x, y: row.y, width: name.width, height: 1))
        }
        canvas.put(
          state.glyphs.changedMark, at: Point(x: area.x, y: row.y), role: .changed, clip: row)
      }
    }
    // A scroll hint at the right edge when rows are hidden above or below (not on a slide).
    guard !state.isCleanSlide else { return }
    if top > 0 {
      canvas.put(
        state.glyphs.up, at: Point(x: area.maxX - 1, y: area.y + 2), role: .dim, clip: area)
    }
    if top + visible < rows.count {
      canvas.put(
        state.glyphs.down, at: Point(x: area.maxX - 1, y: area.maxY - 1), role: .dim, clip: area)
    }
  }

  /// The columns as they fit this width, this pane's column scroll, and its longest name.
  static func fit(_ state: AppState, pane: PaneID, columns: [TableColumn], width: Int, rows: [Int])
    -> FittedColumns
  {
    let names = rows.map { DisplayWidth.of(SafeText.forTerminal(state.data.name($0))) }.max()
    let offset = state.table(pane).columnOffset
    // The last cell is the gutter for the markers of rows (▲▼) and columns (▸) off screen.
    return fitColumns(columns, width: width - 1, offset: offset, contentWidth: names)
  }

  /// The furthest the columns scroll: the first offset at which nothing is hidden on the right.
  static func maxColumnOffset(_ columns: [TableColumn], width: Int) -> Int {
    let scrollable = max(0, columns.count - 2 - columns.dropFirst(2).count { $0.isHidden })
    for k in 0..<max(1, scrollable)
    where fitColumns(columns, width: width - 1, offset: k).hiddenRight == 0 { return k }
    return max(0, scrollable - 1)
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
