// Swift matches unlabeled arguments to parameters by position, so a defaulted leading flag such as
// `_ transA: Transpose = .none` cannot be skipped: `gemm(a, b, &c)` would try `a` as `transA`.
// These overloads are the flag-free spellings; each forwards with the defaults.

extension BLAS {
  /// `C ← α·A·B + β·C`: ``gemm(_:_:alpha:_:_:beta:_:rows:columns:)`` without transposes.
  public static func gemm(
    alpha: Double = 1, _ a: some MatrixOperand, _ b: some MatrixOperand, beta: Double = 0,
    _ c: inout Matrix, rows: Range<Int>? = nil, columns: Range<Int>? = nil
  ) throws {
    try gemm(.none, .none, alpha: alpha, a, b, beta: beta, &c, rows: rows, columns: columns)
  }

  /// `y ← α·A·x + β·y`: ``gemv(_:alpha:_:_:beta:_:)`` without a transpose.
  public static func gemv(
    alpha: Double = 1, _ a: some MatrixOperand, _ x: [Double], beta: Double = 0, _ y: inout [Double]
  ) throws {
    try gemv(.none, alpha: alpha, a, x, beta: beta, &y)
  }

  /// Lower triangle of `C ← α·A·Aᵀ + β·C`: ``syrk(_:_:alpha:_:beta:_:)`` with its defaults.
  public static func syrk(alpha: Double = 1, _ a: some MatrixOperand, beta: Double = 0, _ c: inout Matrix) throws {
    try syrk(.lower, .none, alpha: alpha, a, beta: beta, &c)
  }

  /// `B ← α·A·B` or `B ← α·B·A`: ``trmm(_:_:_:alpha:_:_:)`` without a transpose.
  public static func trmm(
    _ side: Side, _ uplo: Triangle, alpha: Double = 1, _ a: some MatrixOperand, _ b: inout Matrix
  ) throws {
    try trmm(side, uplo, .none, alpha: alpha, a, &b)
  }

  /// `B ← α·A⁻¹·B` or `B ← α·B·A⁻¹`: ``trsm(_:_:_:alpha:_:_:)`` without a transpose.
  public static func trsm(
    _ side: Side, _ uplo: Triangle, alpha: Double = 1, _ a: some MatrixOperand, _ b: inout Matrix
  ) throws {
    try trsm(side, uplo, .none, alpha: alpha, a, &b)
  }
}

extension LAPACK {
  /// Solves `A·X = B` from a lower Cholesky factor: ``choleskySolve(factor:_:_:)`` with `.lower`.
  public static func choleskySolve(factor: Matrix, _ b: Matrix) throws -> Matrix {
    try choleskySolve(factor: factor, .lower, b)
  }

  /// Solves `A·X = B` for triangular `A`: ``triangularSolve(_:_:_:_:)`` without a transpose.
  public static func triangularSolve(_ uplo: Triangle, _ a: Matrix, _ b: Matrix) throws -> Matrix {
    try triangularSolve(uplo, .none, a, b)
  }
}
