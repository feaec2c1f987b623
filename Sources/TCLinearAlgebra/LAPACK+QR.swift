import _COpenBLAS

extension LAPACK {
  /// Householder QR of `a` in LAPACK's compact form (`dgeqrf`): R on and above the diagonal,
  /// reflectors below it, and their scalars in `tau`.
  struct CompactQR {
    var factors: Matrix
    var tau: [Double]
  }

  /// Runs `dgeqrf` on a copy of `a` (which must be non-empty and finite; checked by callers).
  static func compactQR(_ a: Matrix) throws -> CompactQR {
    BLAS.prepare()
    var factors = a
    var tau = [Double](repeating: 0, count: min(a.rows, a.columns))
    var m = Int32(a.rows)
    var n = Int32(a.columns)
    let info = try withWorkspaceQuery("dgeqrf", minimum: max(1, a.columns)) { work, lwork in
      var info: Int32 = 0
      factors.withMutablePointer { pa, lda in
        var lda = lda
        tau.withMutableOperandPointer { pt in dgeqrf_(&m, &n, pa, &lda, pt, work, lwork, &info) }
      }
      return info
    }
    try check("dgeqrf", info) { .invalidArgument(routine: "dgeqrf", position: -$0) }
    return CompactQR(factors: factors, tau: tau)
  }

  /// The thin QR factorisation `A = Q·R` (LAPACK `dgeqrf` then `dorgqr`).
  ///
  /// For an `m × n` matrix with `k = min(m, n)`, `Q` is `m × k` with orthonormal columns and `R`
  /// is `k × n` upper triangular (upper trapezoidal when `n > m`). Signs are normalised so that
  /// R's diagonal is non-negative, which makes the factorisation unique for full-rank `A`.
  ///
  /// - Throws: ``LinearAlgebraError/nonFiniteInput(routine:)`` for NaN or infinity.
  public static func qr(_ a: Matrix) throws -> (q: Matrix, r: Matrix) {
    try requireFinite("dgeqrf", a)
    let (m, n) = (a.rows, a.columns)
    let k = min(m, n)
    guard k > 0 else { return (Matrix(rows: m, columns: 0), Matrix(rows: 0, columns: n)) }
    try requireBLASSize("qr", m, n)
    let compact = try compactQR(a)

    var r = Matrix(rows: k, columns: n)
    for j in 0..<n {
      for i in 0...min(j, k - 1) { r[i, j] = compact.factors[i, j] }
    }
    var q = Matrix(compact.factors.view(columns: 0..<k))
    let tau = compact.tau
    try formQ(&q, tau: tau)

    for i in 0..<k where r[i, i] < 0 {
      for j in i..<n { r[i, j] = -r[i, j] }
      for row in 0..<m { q[row, i] = -q[row, i] }
    }
    return (q, r)
  }

  /// Overwrites the reflectors in `q` (`m × k`) with the first `k` columns of Q (`dorgqr`).
  private static func formQ(_ q: inout Matrix, tau: [Double]) throws {
    var m = Int32(q.rows)
    var k = Int32(q.columns)
    let info = try withWorkspaceQuery("dorgqr", minimum: max(1, q.columns)) { work, lwork in
      var info: Int32 = 0
      q.withMutablePointer { pa, lda in
        var lda = lda
        tau.withOperandPointer { pt in dorgqr_(&m, &k, &k, pa, &lda, pt, work, lwork, &info) }
      }
      return info
    }
    try check("dorgqr", info) { .invalidArgument(routine: "dorgqr", position: -$0) }
  }
}
