import _COpenBLAS

extension LAPACK {
  /// All eigenvalues and eigenvectors of a symmetric matrix (LAPACK `dsyevd`, divide and conquer).
  ///
  /// Only the lower triangle of `a` is read. Eigenvalues come in ascending order; column `j` of
  /// `vectors` is a unit eigenvector for `values[j]`, and the columns are orthonormal.
  ///
  ///     let (values, vectors) = try LAPACK.symmetricEigen(Matrix(rowMajor: [[2, 1], [1, 2]]))
  ///     // values == [1, 3] (to rounding)
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if `a` is not square,
  ///   ``LinearAlgebraError/nonFiniteInput(routine:)`` for NaN or infinity, and
  ///   ``LinearAlgebraError/noConvergence(routine:info:)`` if the iteration fails.
  public static func symmetricEigen(_ a: Matrix) throws -> (values: [Double], vectors: Matrix) {
    try requireShape(a.isSquare, "symmetricEigen", "matrix must be square, got \(a.rows)×\(a.columns)")
    try requireFinite("dsyevd", a)
    guard a.rows > 0 else { return ([], a) }
    try requireBLASSize("symmetricEigen", a.rows)
    BLAS.prepare()

    var vectors = a
    var values = [Double](repeating: 0, count: a.rows)
    var jobz = CChar(UInt8(ascii: "V"))
    var uplo = Triangle.lower.fortran
    var n = Int32(a.rows)
    var info: Int32 = 0
    var lwork: Int32 = -1
    var liwork: Int32 = -1
    var workQuery = 0.0
    var iworkQuery: Int32 = 0
    vectors.withMutablePointer { pa, lda in
      var lda = lda
      values.withMutableOperandPointer { pw in
        dsyevd_(&jobz, &uplo, &n, pa, &lda, pw, &workQuery, &lwork, &iworkQuery, &liwork, &info, 1, 1)
      }
    }
    try check("dsyevd", info) { .invalidArgument(routine: "dsyevd", position: -$0) }

    // Minimums from the dsyevd documentation for JOBZ = 'V', in case a query under-reports.
    let order = a.rows
    var work = [Double](
      repeating: 0, count: workspaceLength(workQuery, minimum: 1 + 6 * order + 2 * order * order))
    var iwork = [Int32](repeating: 0, count: max(Int(iworkQuery), 3 + 5 * order))
    lwork = Int32(work.count)
    liwork = Int32(iwork.count)
    vectors.withMutablePointer { pa, lda in
      var lda = lda
      values.withMutableOperandPointer { pw in
        work.withMutableOperandPointer { pwork in
          iwork.withUnsafeMutableBufferPointer { piwork in
            dsyevd_(&jobz, &uplo, &n, pa, &lda, pw, pwork, &lwork, piwork.baseAddress!, &liwork, &info, 1, 1)
          }
        }
      }
    }
    try check("dsyevd", info) { .noConvergence(routine: "dsyevd", info: $0) }
    return (values, vectors)
  }
}
