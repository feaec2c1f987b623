/// A rectangular window onto a ``Matrix``: a sub-matrix that shares the parent's storage.
///
/// A view keeps the parent's leading dimension, so BLAS reads it in place; making one copies no
/// elements (the parent's copy-on-write buffer is retained). Views are read-only operands; to write
/// into part of a matrix, pass the matrix `inout` together with `rows:` and `columns:` ranges.
///
///     let a = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
///     let v = a.view(rows: 1..<3, columns: 0..<2)   // [[4, 5], [7, 8]]
///     var c = Matrix(rows: 2, columns: 2)
///     try BLAS.gemm(v, v, &c)
public struct MatrixView: Sendable, MatrixOperand {
  /// The matrix this view looks into.
  public let base: Matrix
  /// The parent rows covered, zero-based.
  public let rowRange: Range<Int>
  /// The parent columns covered, zero-based.
  public let columnRange: Range<Int>

  /// Number of rows in the window.
  public var rows: Int { rowRange.count }
  /// Number of columns in the window.
  public var columns: Int { columnRange.count }

  /// A view of `rowRange × columnRange` of `base`.
  ///
  /// - Precondition: both ranges lie within `base`, as for array slicing.
  public init(_ base: Matrix, rows rowRange: Range<Int>, columns columnRange: Range<Int>) {
    precondition(
      rowRange.lowerBound >= 0 && rowRange.upperBound <= base.rows
        && columnRange.lowerBound >= 0 && columnRange.upperBound <= base.columns,
      "View rows \(rowRange), columns \(columnRange) out of range for \(base.rows)×\(base.columns) matrix")
    self.base = base
    self.rowRange = rowRange
    self.columnRange = columnRange
  }

  /// The entry in row `row` and column `column` of the window (zero-based, relative to the window).
  public subscript(row: Int, column: Int) -> Double {
    precondition(
      row >= 0 && row < rows && column >= 0 && column < columns,
      "Index (\(row), \(column)) out of range for \(rows)×\(columns) view")
    return base[rowRange.lowerBound + row, columnRange.lowerBound + column]
  }

  /// The window as a view, so a view can be passed wherever a ``MatrixOperand`` is expected.
  public var matrixView: MatrixView { self }

  /// The leading dimension BLAS sees: the parent's row count, never less than 1.
  var leadingDimension: Int { max(1, base.rows) }
}

extension Matrix {
  /// A read-only window onto rows `rows` and columns `columns`, sharing storage with `self`.
  ///
  /// Accepts any integer range expression: `m.view(rows: 1..., columns: ..<2)`.
  ///
  /// - Precondition: the ranges lie within the matrix.
  public func view(rows: some RangeExpression<Int>, columns: some RangeExpression<Int>) -> MatrixView {
    MatrixView(self, rows: rows.relative(to: 0..<self.rows), columns: columns.relative(to: 0..<self.columns))
  }

  /// A window onto some rows, all columns.
  public func view(rows: some RangeExpression<Int>) -> MatrixView {
    MatrixView(self, rows: rows.relative(to: 0..<self.rows), columns: 0..<self.columns)
  }

  /// A window onto some columns, all rows: a block of paths stored one per column, for instance.
  public func view(columns: some RangeExpression<Int>) -> MatrixView {
    MatrixView(self, rows: 0..<self.rows, columns: columns.relative(to: 0..<self.columns))
  }

  /// The whole matrix as a view.
  public var matrixView: MatrixView { MatrixView(self, rows: 0..<rows, columns: 0..<columns) }

  /// A new matrix holding a copy of the window's entries.
  public init(_ view: MatrixView) {
    var elements = [Double]()
    elements.reserveCapacity(view.rows * view.columns)
    let parentRows = view.base.rows
    for j in view.columnRange {
      let start = view.rowRange.lowerBound + j * parentRows
      elements.append(contentsOf: view.base.elements[start..<(start + view.rows)])
    }
    self.init(rows: view.rows, columns: view.columns, columnMajor: elements)
  }
}

/// Something BLAS can read as a matrix operand: a ``Matrix`` or a ``MatrixView``.
///
/// BLAS and LAPACK wrappers accept `some MatrixOperand`, so whole matrices and sub-matrix views
/// mix freely: `BLAS.gemm(l, z.view(columns: 0..<4096), &c)`.
public protocol MatrixOperand: Sendable {
  /// The operand as a window (a whole matrix is a window onto all of itself).
  var matrixView: MatrixView { get }
  /// Number of rows.
  var rows: Int { get }
  /// Number of columns.
  var columns: Int { get }
}

extension Matrix: MatrixOperand {}
