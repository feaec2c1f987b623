import _COpenBLAS

extension LAPACK {
  /// The Cholesky factor of a symmetric positive definite matrix (LAPACK `dpotrf`).
  ///
  /// With `.lower`, returns `L` with `A = L·Lᵀ`; with `.upper`, returns `U` with `A = Uᵀ·U`.
  /// Only the `uplo` triangle of `a` is read; the other triangle of the result is zero.
  ///
  ///     let l = try LAPACK.cholesky(Matrix(rowMajor: [[4, 2], [2, 3]]))
  ///     // [[2, 0], [1, √2]]
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if `a` is not square,
  ///   ``LinearAlgebraError/nonFiniteInput(routine:)`` for NaN or infinity, and
  ///   ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` with the order of the first
  ///   leading minor that is not positive.
  public static func cholesky(_ a: Matrix, _ uplo: Triangle = .lower) throws -> Matrix {
    try requireShape(a.isSquare, "cholesky", "matrix must be square, got \(a.rows)×\(a.columns)")
    try requireFinite("dpotrf", a)
    guard a.rows > 0 else { return a }
    try requireBLASSize("cholesky", a.rows)
    BLAS.prepare()
    var factor = a
    var info: Int32 = 0
    var n = Int32(a.rows)
    var u = uplo.fortran
    factor.withMutablePointer { p, lda in
      var lda = lda
      dpotrf_(&u, &n, p, &lda, &info, 1)
    }
    try check("dpotrf", info) { .notPositiveDefinite(leadingMinor: $0) }
    factor.zeroTriangle(opposite: uplo)
    return factor
  }

  /// Solves `A·X = B` given the Cholesky factor of `A` from ``cholesky(_:_:)`` (LAPACK `dpotrs`).
  ///
  /// - Parameters:
  ///   - factor: `L` (`.lower`) or `U` (`.upper`), `n × n`; only that triangle is read.
  ///   - uplo: which factor `factor` holds.
  ///   - b: right-hand sides, `n × nrhs`.
  /// - Returns: `X`, `n × nrhs`.
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if the factor is not
  ///   square or does not match `b`'s rows.
  public static func choleskySolve(factor: Matrix, _ uplo: Triangle = .lower, _ b: Matrix) throws -> Matrix {
    try requireShape(
      factor.isSquare && factor.rows == b.rows, "choleskySolve",
      "factor must be n×n with n = rows of B (\(b.rows)); got \(factor.rows)×\(factor.columns)")
    guard b.rows > 0, b.columns > 0 else { return b }
    try requireBLASSize("choleskySolve", b.rows, b.columns)
    BLAS.prepare()
    var x = b
    var info: Int32 = 0
    var n = Int32(b.rows)
    var nrhs = Int32(b.columns)
    var u = uplo.fortran
    factor.matrixView.withOperandPointer { pa, lda in
      x.withMutablePointer { px, ldb in
        var lda = lda
        var ldb = ldb
        dpotrs_(&u, &n, &nrhs, pa, &lda, px, &ldb, &info, 1)
      }
    }
    try check("dpotrs", info) { .invalidArgument(routine: "dpotrs", position: -$0) }
    return x
  }
}

extension Matrix {
  /// Sets the triangle opposite `kept` (diagonal excluded) to zero.
  mutating func zeroTriangle(opposite kept: Triangle) {
    let n = rows
    for j in 0..<columns {
      let range = kept == .lower ? 0..<min(j, n) : min(j + 1, n)..<n
      scaleBlock(0, rows: range, columns: j..<(j + 1))
    }
  }
}
