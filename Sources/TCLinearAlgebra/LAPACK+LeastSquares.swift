import _COpenBLAS

extension LAPACK {
  /// The solution of a least-squares problem with one right-hand side.
  public struct LeastSquaresResult: Sendable {
    /// The minimiser `x` of `‖A·x − b‖₂`, one entry per column of `A`.
    public let coefficients: [Double]
    /// `‖A·x − b‖₂²`, the residual sum of squares.
    public let residualSumOfSquares: Double
    /// `b − A·x`, one entry per row of `A`.
    public let residuals: [Double]
  }

  /// Fits `x` minimising `‖A·x − b‖₂` for a full-rank `A` with at least as many rows as columns.
  ///
  /// Solved by Householder QR (`dgeqrf`, `dormqr`, `dtrtrs`) without forming `AᵀA`, so the
  /// accuracy depends on cond(A), not cond(A)². Residuals are recomputed as `b − A·x` from the
  /// original data.
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if `b.count != a.rows`
  ///   or `a.rows < a.columns`; ``LinearAlgebraError/rankDeficient(column:)`` if a column is
  ///   (numerically) a combination of earlier ones; ``LinearAlgebraError/nonFiniteInput(routine:)``.
  public static func leastSquares(_ a: Matrix, _ b: [Double]) throws -> LeastSquaresResult {
    try requireShape(b.count == a.rows, "leastSquares", "A has \(a.rows) rows but b has \(b.count) elements")
    let x = try leastSquares(a, Matrix(rows: b.count, columns: 1, columnMajor: b)).elements
    var residuals = b
    try BLAS.gemv(alpha: -1, a, x, beta: 1, &residuals)
    let rss = residuals.reduce(0) { $0 + $1 * $1 }
    return LeastSquaresResult(coefficients: x, residualSumOfSquares: rss, residuals: residuals)
  }

  /// Least-squares solutions for several right-hand sides: column `j` of the result minimises
  /// `‖A·x − B[:, j]‖₂`.
  ///
  /// - Parameters:
  ///   - a: `m × n` with `m ≥ n` and full column rank.
  ///   - b: `m × nrhs`.
  /// - Returns: `X`, `n × nrhs`.
  /// - Throws: as ``leastSquares(_:_:)-(Matrix,[Double])``.
  public static func leastSquares(_ a: Matrix, _ b: Matrix) throws -> Matrix {
    let (m, n) = (a.rows, a.columns)
    try requireShape(b.rows == m, "leastSquares", "A has \(m) rows but B has \(b.rows)")
    try requireShape(
      m >= n, "leastSquares", "A must have at least as many rows as columns (overdetermined), got \(m)×\(n)")
    try requireFinite("dgeqrf", a, b)
    guard n > 0, b.columns > 0 else { return Matrix(rows: n, columns: b.columns) }
    try requireBLASSize("leastSquares", m, n, b.columns)

    var qr = try compactQR(a)
    if let column = firstDependentColumn(qr.factors, original: a) {
      throw LinearAlgebraError.rankDeficient(column: column)
    }
    var qtb = b
    try applyQTranspose(&qr, to: &qtb)
    var x = Matrix(qtb.view(rows: 0..<n))
    try solveUpperTriangular(qr.factors.view(rows: 0..<n), &x)
    return x
  }

  /// Solves `op(A)·X = B` for triangular `A` (LAPACK `dtrtrs`), reporting an exactly singular `A`.
  ///
  /// Only the `uplo` triangle of `a` is read (non-unit diagonal).
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` unless `a` is `n × n`
  ///   and `b` has `n` rows; ``LinearAlgebraError/rankDeficient(column:)`` with the zero-based
  ///   index of a zero diagonal entry.
  public static func triangularSolve(
    _ uplo: Triangle, _ trans: Transpose, _ a: Matrix, _ b: Matrix
  ) throws -> Matrix {
    try requireShape(
      a.isSquare && a.rows == b.rows, "triangularSolve",
      "A must be n×n with n = rows of B (\(b.rows)); got \(a.rows)×\(a.columns)")
    guard b.rows > 0, b.columns > 0 else { return b }
    try requireBLASSize("triangularSolve", b.rows, b.columns)
    var x = b
    try triangularSolve(uplo, trans, a.matrixView, &x)
    return x
  }

  // MARK: Steps

  /// Index of the first column whose R diagonal is negligible against that column's norm in A.
  ///
  /// `|R[j,j]|` is the distance of column j from the span of the columns before it, so comparing
  /// it with `‖A[:,j]‖` is a scale-free test (LAPACK's `dtrtrs` only catches exact zeros).
  private static func firstDependentColumn(_ factors: Matrix, original a: Matrix) -> Int? {
    let tolerance = Double(max(a.rows, a.columns)) * 4 * .ulpOfOne
    for j in 0..<a.columns {
      let columnNorm = BLAS.nrm2(a.column(j))
      if columnNorm == 0 || abs(factors[j, j]) <= tolerance * columnNorm { return j }
    }
    return nil
  }

  /// `C ← Qᵀ·C` with Q from ``compactQR(_:)`` (`dormqr`, left side, transposed).
  private static func applyQTranspose(_ qr: inout CompactQR, to c: inout Matrix) throws {
    var side = Side.left.fortran
    var trans = Transpose.transpose.fortran
    var m = Int32(c.rows)
    var n = Int32(c.columns)
    var k = Int32(qr.tau.count)
    let tau = qr.tau
    let info = try withWorkspaceQuery("dormqr", minimum: max(1, c.columns)) { work, lwork in
      var info: Int32 = 0
      qr.factors.withMutablePointer { pa, lda in
        var lda = lda
        tau.withOperandPointer { pt in
          c.withMutablePointer { pc, ldc in
            var ldc = ldc
            dormqr_(&side, &trans, &m, &n, &k, pa, &lda, pt, pc, &ldc, work, lwork, &info, 1, 1)
          }
        }
      }
      return info
    }
    try check("dormqr", info) { .invalidArgument(routine: "dormqr", position: -$0) }
  }

  /// `B ← R⁻¹·B` for the upper triangle R of `r` (a square view).
  private static func solveUpperTriangular(_ r: MatrixView, _ b: inout Matrix) throws {
    try triangularSolve(.upper, .none, r, &b)
  }

  /// `dtrtrs` on non-empty, shape-checked operands.
  private static func triangularSolve(
    _ uplo: Triangle, _ trans: Transpose, _ a: MatrixView, _ b: inout Matrix
  ) throws {
    BLAS.prepare()
    var u = uplo.fortran
    var t = trans.fortran
    var d = CChar(UInt8(ascii: "N"))
    var n = Int32(b.rows)
    var nrhs = Int32(b.columns)
    var info: Int32 = 0
    a.withOperandPointer { pa, lda in
      var lda = lda
      b.withMutablePointer { pb, ldb in
        var ldb = ldb
        dtrtrs_(&u, &t, &d, &n, &nrhs, pa, &lda, pb, &ldb, &info, 1, 1, 1)
      }
    }
    try check("dtrtrs", info) { .rankDeficient(column: $0 - 1) }
  }
}
