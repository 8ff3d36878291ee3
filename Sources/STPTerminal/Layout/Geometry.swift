/// A cell position: column `x`, row `y`, both from 0.
public struct Point: Equatable, Hashable, Sendable {
  /// Column, from 0 at the left.
  public var x: Int
  /// Row, from 0 at the top.
  public var y: Int
  /// A cell position.
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}

/// A size in cells.
public struct Size: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int
  /// A size in cells.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }
  /// No cells.
  public static let zero = Size(width: 0, height: 0)
  /// "80x24".
  public var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// A rectangle of cells; negative sizes are taken as empty.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The whole of a size, from the top left.
  public init(_ size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

  /// The column just right of it.
  public var maxX: Int { x + width }
  /// The row just below it.
  public var maxY: Int { y + height }
  /// Whether it has no cells.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether a cell is inside it.
  public func contains(_ p: Point) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }

  /// The rectangle shrunk by `n` cells on every side (never negative).
  public func inset(by n: Int) -> Rect {
    Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
  }

  /// The part of this rectangle inside `other`.
  public func intersection(_ other: Rect) -> Rect {
    let x0 = max(x, other.x)
    let y0 = max(y, other.y)
    let x1 = min(maxX, other.maxX)
    let y1 = min(maxY, other.maxY)
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  /// Row `i` of the rectangle as a one-row rectangle.
  public func row(_ i: Int) -> Rect {
    Rect(x: x, y: y + i, width: width, height: i < height ? 1 : 0)
  }

  /// Which way `split` cuts.
  public enum Axis: Sendable { case vertical, horizontal }

  /// How much of a split one part takes.
  public enum Constraint: Equatable, Sendable {
    /// Exactly n cells (or what is left).
    case length(Int)
    /// A share of what the fixed parts leave, by weight.
    case fill(Int)
  }

  /// Cuts the rectangle into parts: `.vertical` stacks them top to bottom, `.horizontal` side by
  /// side. Fixed lengths are served first, in order; fills share the rest by weight.
  public func split(_ axis: Axis, _ parts: [Constraint]) -> [Rect] {
    let total = axis == .vertical ? height : width
    var remaining = total
    var sizes = [Int](repeating: 0, count: parts.count)
    for (i, p) in parts.enumerated() {
      if case .length(let n) = p {
        sizes[i] = min(max(0, n), remaining)
        remaining -= sizes[i]
      }
    }
    let weights = parts.map { if case .fill(let w) = $0 { max(0, w) } else { 0 } }
    let weightSum = weights.reduce(0, +)
    if weightSum > 0 {
      var given = 0
      var lastFill = 0
      for (i, w) in weights.enumerated() where w > 0 {
        sizes[i] = remaining * w / weightSum
        given += sizes[i]
        lastFill = i
      }
      sizes[lastFill] += remaining - given
    }
    var offset = axis == .vertical ? y : x
    return sizes.map { n in
      defer { offset += n }
      return axis == .vertical
        ? Rect(x: x, y: offset, width: width, height: n)
        : Rect(x: offset, y: y, width: n, height: height)
    }
  }
}
