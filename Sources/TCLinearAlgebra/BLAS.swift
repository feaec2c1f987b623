import _COpenBLAS

/// Safe wrappers over the OpenBLAS routines TargetCast uses, on ``Matrix`` and `[Double]`.
///
/// Every wrapper checks shapes first and throws ``LinearAlgebraError/dimensionMismatch(operation:detail:)``
/// on a mismatch, so OpenBLAS never sees inconsistent arguments. Destinations are `inout` and
/// written in place: when the caller owns its destination outright, nothing is copied.
///
/// Threading: OpenBLAS runs single-threaded (see ``useSingleThread()``); callers parallelise in
/// Swift, each thread with its own destination. The wrappers hold no shared mutable state, so
/// concurrent calls on different destinations are safe.
public enum BLAS {
  /// Puts OpenBLAS in single-threaded mode; idempotent and cheap, call it once at start-up.
  ///
  /// OpenBLAS's worker threads spin after each call and fight Swift-side parallelism, so TargetCast
  /// keeps one OpenBLAS thread and splits work over path blocks itself. Every wrapper in this
  /// module also makes sure of this on first use, so forgetting the call cannot change results,
  /// only the time they take.
  public static func useSingleThread() {
    _ = singleThreaded
  }

  /// Number of threads OpenBLAS currently uses (1 once ``useSingleThread()`` has run).
  public static var openBLASThreadCount: Int { Int(openblas_get_num_threads()) }

  private static let singleThreaded: Void = { openblas_set_num_threads(1) }()

  @inline(__always)
  static func prepare() { _ = singleThreaded }
}

// MARK: - Shape checks shared by the BLAS and LAPACK wrappers

/// Throws a ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` unless `condition` holds.
@inline(__always)
func requireShape(_ condition: Bool, _ operation: String, _ detail: @autoclosure () -> String) throws {
  if !condition {
    throw LinearAlgebraError.dimensionMismatch(operation: operation, detail: detail())
  }
}

/// Throws unless every size fits the 32-bit integers of LP64 BLAS/LAPACK.
@inline(__always)
func requireBLASSize(_ operation: String, _ sizes: Int...) throws {
  for n in sizes where n > Int(Int32.max) {
    throw LinearAlgebraError.dimensionMismatch(
      operation: operation, detail: "dimension \(n) exceeds the 32-bit BLAS limit \(Int32.max)")
  }
}

/// Checks that `rows × columns` of a destination lies inside `matrix`, resolving `nil` to the full extent.
func resolveBlock(
  _ operation: String, in matrix: Matrix, rows: Range<Int>?, columns: Range<Int>?
) throws -> (rows: Range<Int>, columns: Range<Int>) {
  let r = rows ?? 0..<matrix.rows
  let c = columns ?? 0..<matrix.columns
  try requireShape(
    r.lowerBound >= 0 && r.upperBound <= matrix.rows && c.lowerBound >= 0 && c.upperBound <= matrix.columns,
    operation,
    "destination block rows \(r), columns \(c) lies outside the \(matrix.rows)×\(matrix.columns) matrix")
  return (r, c)
}

/// Shape of op(A): `(rows, columns)` after the optional transpose.
@inline(__always)
func operatedShape(_ a: MatrixView, _ trans: Transpose) -> (rows: Int, columns: Int) {
  trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
}
