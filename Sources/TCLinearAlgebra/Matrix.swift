/// A dense matrix of `Double`, stored column-major as BLAS and LAPACK expect.
///
/// Element `(i, j)` lives at `elements[i + j * rows]`: the leading dimension is always `rows`.
/// `Matrix` is a value type backed by a copy-on-write array, so handing one to several threads is
/// safe and passing it to a function costs a retain, not a copy.
///
///     var m = Matrix(rowMajor: [[1, 2, 3],
///                               [4, 5, 6]])
///     m[1, 2]            // 6
///     m.elements         // [1, 4, 2, 5, 3, 6]
///
/// Shapes are fixed at creation; operations that combine matrices check shapes and throw
/// ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` rather than trapping.
public struct Matrix: Sendable, Equatable {
  /// Number of rows (also the leading dimension of ``elements``).
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The entries in column-major order; `elements.count == rows * columns`.
  public internal(set) var elements: [Double]

  /// A `rows × columns` matrix with every entry equal to `repeating`.
  ///
  /// - Precondition: `rows >= 0` and `columns >= 0`.
  public init(rows: Int, columns: Int, repeating: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: repeating, count: rows * columns)
  }

  /// A matrix over `columnMajor`, which lists column 0 top to bottom, then column 1, and so on.
  ///
  /// - Precondition: `columnMajor.count == rows * columns` (a mismatch is a programming error;
  ///   use ``init(validatingRows:columns:columnMajor:)`` for data of unknown shape).
  public init(rows: Int, columns: Int, columnMajor: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got \(rows)×\(columns)")
    precondition(
      columnMajor.count == rows * columns,
      "Matrix \(rows)×\(columns) needs \(rows * columns) elements, got \(columnMajor.count)")
    self.rows = rows
    self.columns = columns
    self.elements = columnMajor
  }

  /// A matrix over `columnMajor`, throwing instead of trapping when the count does not fit the shape.
  ///
  /// Use this for data read from files or computed from user input.
  public init(validatingRows rows: Int, columns: Int, columnMajor: [Double]) throws {
    guard rows >= 0, columns >= 0 else {
      throw LinearAlgebraError.dimensionMismatch(
        operation: "Matrix.init", detail: "shape must be non-negative, got \(rows)×\(columns)")
    }
    let (needed, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, columnMajor.count == needed else {
      throw LinearAlgebraError.dimensionMismatch(
        operation: "Matrix.init",
        detail: "\(rows)×\(columns) needs \(overflow ? "too many" : "\(needed)") elements, got \(columnMajor.count)")
    }
    self.init(rows: rows, columns: columns, columnMajor: columnMajor)
  }

  /// A matrix from a list of rows, convenient for literals in tests and examples.
  ///
  /// An empty list gives a 0×0 matrix.
  ///
  /// - Precondition: every row has the same length.
  public init(rowMajor: [[Double]]) {
    let rows = rowMajor.count
    let columns = rowMajor.first?.count ?? 0
    precondition(
      rowMajor.allSatisfy { $0.count == columns },
      "Matrix(rowMajor:) needs rows of equal length \(columns)")
    var elements = [Double](repeating: 0, count: rows * columns)
    for (i, row) in rowMajor.enumerated() {
      for (j, value) in row.enumerated() {
        elements[i + j * rows] = value
      }
    }
    self.init(rows: rows, columns: columns, columnMajor: elements)
  }

  /// The `n × n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i + i * n] = 1 }
    return m
  }

  /// The entry in row `row` and column `column` (both zero-based).
  ///
  /// - Precondition: the indices are in range, as for `Array`.
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(contains(row: row, column: column), "Index (\(row), \(column)) out of range for \(rows)×\(columns) matrix")
      return elements[row + column * rows]
    }
    set {
      precondition(contains(row: row, column: column), "Index (\(row), \(column)) out of range for \(rows)×\(columns) matrix")
      elements[row + column * rows] = newValue
    }
  }

  /// `true` when the matrix has as many rows as columns.
  public var isSquare: Bool { rows == columns }

  /// The transpose, as a new matrix.
  public var transposed: Matrix {
    var t = [Double](repeating: 0, count: elements.count)
    for j in 0..<columns {
      for i in 0..<rows {
        t[j + i * columns] = elements[i + j * rows]
      }
    }
    return Matrix(rows: columns, columns: rows, columnMajor: t)
  }

  /// Column `j` as an array.
  ///
  /// - Precondition: `0 <= j < columns`.
  public func column(_ j: Int) -> [Double] {
    precondition(j >= 0 && j < columns, "Column \(j) out of range for \(rows)×\(columns) matrix")
    return Array(elements[(j * rows)..<((j + 1) * rows)])
  }

  /// Row `i` as an array.
  ///
  /// - Precondition: `0 <= i < rows`.
  public func row(_ i: Int) -> [Double] {
    precondition(i >= 0 && i < rows, "Row \(i) out of range for \(rows)×\(columns) matrix")
    return (0..<columns).map { elements[i + $0 * rows] }
  }

  /// Gives `body` in-place access to the column-major storage, for filling a matrix without copies.
  ///
  /// The shape cannot change: `body` may rewrite values but must leave the count as it was.
  ///
  /// - Precondition: `body` keeps `elements.count` unchanged.
  public mutating func withColumnMajorElements<R>(_ body: (inout [Double]) throws -> R) rethrows -> R {
    let count = elements.count
    defer {
      precondition(elements.count == count, "withColumnMajorElements must not change the element count")
    }
    return try body(&elements)
  }

  /// Copies one triangle onto the other, making the matrix exactly symmetric.
  ///
  /// Useful after ``BLAS/syrk(_:_:alpha:_:beta:_:)``, which writes one triangle only.
  ///
  /// - Precondition: the matrix is square.
  public mutating func symmetrize(copying triangle: Triangle) {
    precondition(isSquare, "symmetrize needs a square matrix, got \(rows)×\(columns)")
    let n = rows
    for j in 0..<n {
      for i in (j + 1)..<max(j + 1, n) {
        switch triangle {
        case .lower: elements[j + i * n] = elements[i + j * n]
        case .upper: elements[i + j * n] = elements[j + i * n]
        }
      }
    }
  }

  /// `true` when every entry is finite (no NaN or infinity).
  public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

  @inline(__always)
  func contains(row: Int, column: Int) -> Bool {
    row >= 0 && row < rows && column >= 0 && column < columns
  }
}

extension Matrix: CustomStringConvertible {
  /// Rows on separate lines, for test failure messages and debugging.
  public var description: String {
    let lines = (0..<rows).map { i in
      (0..<columns).map { j in "\(elements[i + j * rows])" }.joined(separator: ", ")
    }
    return "Matrix \(rows)×\(columns) [" + lines.map { "[\($0)]" }.joined(separator: ", ") + "]"
  }
}
