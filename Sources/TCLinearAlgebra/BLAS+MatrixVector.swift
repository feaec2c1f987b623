import _COpenBLAS

extension BLAS {
  /// `y ← α·op(A)·x + β·y` in place (BLAS `dgemv`).
  ///
  /// `a` may be a ``Matrix`` or a ``MatrixView``. With `beta == 0`, `y`'s old contents are
  /// ignored (NaN in `y` does not propagate), as in BLAS.
  ///
  /// - Parameters:
  ///   - trans: whether to use `A` or `Aᵀ`.
  ///   - alpha: scale of the product.
  ///   - a: the matrix operand; op(A) is `m × n`.
  ///   - x: a vector of length `n`.
  ///   - beta: scale of the old `y`.
  ///   - y: a vector of length `m`, overwritten with the result.
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if the lengths do not fit op(A).
  public static func gemv(
    _ trans: Transpose = .none, alpha: Double = 1, _ a: some MatrixOperand, _ x: [Double],
    beta: Double = 0, _ y: inout [Double]
  ) throws {
    let a = a.matrixView
    let (m, n) = operatedShape(a, trans)
    try requireShape(
      x.count == n && y.count == m, "gemv",
      "op(A) is \(m)×\(n), so x needs \(n) and y needs \(m) elements; got x \(x.count), y \(y.count)")
    guard m > 0 else { return }
    guard n > 0, alpha != 0 else {
      scaleVector(beta, &y)
      return
    }
    try requireBLASSize("gemv", m, n, a.leadingDimension)
    prepare()
    a.withOperandPointer { pa, lda in
      x.withOperandPointer { px in
        y.withMutableOperandPointer { py in
          cblas_dgemv(
            CblasColMajor, trans.cblas, Int32(a.rows), Int32(a.columns), alpha, pa, lda, px, 1, beta, py, 1)
        }
      }
    }
  }

  /// `y ← βy` with BLAS's convention that `β == 0` clears `y` rather than multiplying.
  static func scaleVector(_ beta: Double, _ y: inout [Double]) {
    guard beta != 1 else { return }
    for i in y.indices { y[i] = beta == 0 ? 0 : beta * y[i] }
  }
}
