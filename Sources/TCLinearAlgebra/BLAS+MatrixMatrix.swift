import _COpenBLAS

extension BLAS {
  /// `C ← α·op(A)·op(B) + β·C` in place (BLAS `dgemm`), optionally into a block of `C`.
  ///
  /// `a` and `b` may each be a ``Matrix`` or a ``MatrixView``. Pass `rows`/`columns` to write into a
  /// sub-block of `c`; `nil` means the full extent. With `beta == 0` the old contents are ignored.
  /// Entries of `c` outside the block are untouched.
  ///
  ///     // C = L · Z for a block of 4096 paths stored one per column:
  ///     try BLAS.gemm(l, z.view(columns: 0..<4096), &c, columns: 0..<4096)
  ///
  /// - Parameters:
  ///   - transA: whether to use `A` or `Aᵀ`; op(A) is `m × k`.
  ///   - transB: whether to use `B` or `Bᵀ`; op(B) is `k × n`.
  ///   - alpha: scale of the product.
  ///   - beta: scale of the old `C` block.
  ///   - c: the destination; the block written is `m × n`.
  ///   - rows: destination rows (default: all rows of `c`).
  ///   - columns: destination columns (default: all columns of `c`).
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if the inner dimensions
  ///   differ, the block does not match op(A)·op(B), or the block lies outside `c`.
  public static func gemm(
    _ transA: Transpose = .none, _ transB: Transpose = .none, alpha: Double = 1,
    _ a: some MatrixOperand, _ b: some MatrixOperand, beta: Double = 0, _ c: inout Matrix,
    rows: Range<Int>? = nil, columns: Range<Int>? = nil
  ) throws {
    let a = a.matrixView
    let b = b.matrixView
    let (m, k) = operatedShape(a, transA)
    let (kb, n) = operatedShape(b, transB)
    try requireShape(k == kb, "gemm", "op(A) is \(m)×\(k) but op(B) is \(kb)×\(n): inner dimensions differ")
    let block = try resolveBlock("gemm", in: c, rows: rows, columns: columns)
    try requireShape(
      block.rows.count == m && block.columns.count == n, "gemm",
      "op(A)·op(B) is \(m)×\(n) but the destination block is \(block.rows.count)×\(block.columns.count)")
    guard m > 0, n > 0 else { return }
    guard k > 0, alpha != 0 else {
      c.scaleBlock(beta, rows: block.rows, columns: block.columns)
      return
    }
    try requireBLASSize("gemm", m, n, k, a.leadingDimension, b.leadingDimension, c.rows)
    prepare()
    a.withOperandPointer { pa, lda in
      b.withOperandPointer { pb, ldb in
        c.withMutableBlockPointer(rows: block.rows, columns: block.columns) { pc, ldc in
          cblas_dgemm(
            CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
            alpha, pa, lda, pb, ldb, beta, pc, ldc)
        }
      }
    }
  }

  /// The product `op(A)·op(B)` as a new matrix; a convenience over ``gemm(_:_:alpha:_:_:beta:_:rows:columns:)``.
  public static func product(
    _ a: some MatrixOperand, _ b: some MatrixOperand, transA: Transpose = .none, transB: Transpose = .none
  ) throws -> Matrix {
    let m = transA == .none ? a.rows : a.columns
    let n = transB == .none ? b.columns : b.rows
    var c = Matrix(rows: m, columns: n)
    try gemm(transA, transB, a, b, &c)
    return c
  }

  /// Symmetric rank-k update of one triangle of `C` (BLAS `dsyrk`).
  ///
  /// With `trans == .none`, `A` is `n × k` and `C ← α·A·Aᵀ + β·C`; with `.transpose`, `A` is
  /// `k × n` and `C ← α·Aᵀ·A + β·C`. Only the `uplo` triangle of `C` (diagonal included) is read
  /// and written; call ``Matrix/symmetrize(copying:)`` afterwards for the full matrix.
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` unless `C` is `n × n`.
  public static func syrk(
    _ uplo: Triangle = .lower, _ trans: Transpose = .none, alpha: Double = 1, _ a: some MatrixOperand,
    beta: Double = 0, _ c: inout Matrix
  ) throws {
    let a = a.matrixView
    let (n, k) = operatedShape(a, trans)
    try requireShape(
      c.rows == n && c.columns == n, "syrk",
      "op(A) is \(n)×\(k), so C must be \(n)×\(n); got \(c.rows)×\(c.columns)")
    guard n > 0 else { return }
    guard k > 0, alpha != 0 else {
      c.scaleTriangle(beta, uplo)
      return
    }
    try requireBLASSize("syrk", n, k, a.leadingDimension)
    prepare()
    a.withOperandPointer { pa, lda in
      c.withMutablePointer { pc, ldc in
        cblas_dsyrk(CblasColMajor, uplo.cblas, trans.cblas, Int32(n), Int32(k), alpha, pa, lda, beta, pc, ldc)
      }
    }
  }

  /// Triangular matrix product in place (BLAS `dtrmm`): `B ← α·op(A)·B` or `B ← α·B·op(A)`.
  ///
  /// Only the `uplo` triangle of the square matrix `A` is read (non-unit diagonal).
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if `A` is not square or
  ///   does not match `B`'s rows (`.left`) or columns (`.right`).
  public static func trmm(
    _ side: Side, _ uplo: Triangle, _ transA: Transpose = .none, alpha: Double = 1,
    _ a: some MatrixOperand, _ b: inout Matrix
  ) throws {
    try triangularLevel3("trmm", side, uplo, transA, alpha, a.matrixView, &b) {
      cblas_dtrmm(CblasColMajor, side.cblas, uplo.cblas, transA.cblas, CblasNonUnit, $0, $1, alpha, $2, $3, $4, $5)
    }
  }

  /// Triangular solve in place (BLAS `dtrsm`): `B ← α·op(A)⁻¹·B` or `B ← α·B·op(A)⁻¹`.
  ///
  /// Only the `uplo` triangle of `A` is read. Like BLAS, there is no singularity check: a zero on
  /// the diagonal gives infinities. Use ``LAPACK/triangularSolve(_:_:_:_:)`` when that must be caught.
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` as for ``trmm(_:_:_:alpha:_:_:)``.
  public static func trsm(
    _ side: Side, _ uplo: Triangle, _ transA: Transpose = .none, alpha: Double = 1,
    _ a: some MatrixOperand, _ b: inout Matrix
  ) throws {
    try triangularLevel3("trsm", side, uplo, transA, alpha, a.matrixView, &b) {
      cblas_dtrsm(CblasColMajor, side.cblas, uplo.cblas, transA.cblas, CblasNonUnit, $0, $1, alpha, $2, $3, $4, $5)
    }
  }

  /// Shape checks and pointer plumbing shared by `trmm` and `trsm`; `call` gets (m, n, A, lda, B, ldb).
  private static func triangularLevel3(
    _ operation: String, _ side: Side, _ uplo: Triangle, _ transA: Transpose, _ alpha: Double,
    _ a: MatrixView, _ b: inout Matrix,
    _ call: (Int32, Int32, UnsafePointer<Double>, Int32, UnsafeMutablePointer<Double>, Int32) -> Void
  ) throws {
    let needed = side == .left ? b.rows : b.columns
    try requireShape(
      a.rows == a.columns && a.rows == needed, operation,
      "A must be square of order \(needed) (B is \(b.rows)×\(b.columns), side \(side)); got \(a.rows)×\(a.columns)")
    guard b.rows > 0, b.columns > 0 else { return }
    try requireBLASSize(operation, b.rows, b.columns, a.leadingDimension)
    prepare()
    let (m, n) = (Int32(b.rows), Int32(b.columns))
    a.withOperandPointer { pa, lda in
      b.withMutablePointer { pb, ldb in call(m, n, pa, lda, pb, ldb) }
    }
  }
}

extension Matrix {
  /// Scales the `uplo` triangle (diagonal included) by `beta`, clearing it when `beta == 0`.
  mutating func scaleTriangle(_ beta: Double, _ uplo: Triangle) {
    guard beta != 1 else { return }
    let n = rows
    for j in 0..<columns {
      let range = uplo == .lower ? j..<n : 0..<min(j + 1, n)
      scaleBlock(beta, rows: range, columns: j..<(j + 1))
    }
  }
}
