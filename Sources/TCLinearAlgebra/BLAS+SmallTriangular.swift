import _COpenBLAS

extension BLAS {
  /// Largest order of `A` for which ``triangularMultiply(_:_:_:_:rows:columns:)`` uses its Swift kernel.
  public static let smallTriangularLimit = 8

  /// `C ← A·B` for a triangular `K × K` matrix `A`, out of place, optionally into a block of `C`.
  ///
  /// This is the shock-correlation step of the Monte Carlo engine (`L·Z` with `L` a Cholesky factor
  /// and `Z` a block of independent normals, one path per column). Only the `uplo` triangle of `A`
  /// is read. For `K ≤` ``smallTriangularLimit`` a Swift kernel runs, skipping the zero triangle and
  /// BLAS's call overhead; larger `K` copies `B` into `C` and calls `dtrmm`.
  ///
  /// - Parameters:
  ///   - uplo: which triangle of `a` holds the factor.
  ///   - a: `K × K`.
  ///   - b: `K × n`, a ``Matrix`` or a ``MatrixView``.
  ///   - c: the destination; the block written is `K × n`.
  ///   - rows: destination rows (default: all rows of `c`).
  ///   - columns: destination columns (default: all columns of `c`).
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if `a` is not square,
  ///   `b` does not have `K` rows, or the block does not match `b`.
  public static func triangularMultiply(
    _ uplo: Triangle, _ a: Matrix, _ b: some MatrixOperand, _ c: inout Matrix,
    rows: Range<Int>? = nil, columns: Range<Int>? = nil
  ) throws {
    let b = b.matrixView
    let order = a.rows
    try requireShape(
      a.isSquare && b.rows == order, "triangularMultiply",
      "A must be K×K with K = rows of B (\(b.rows)); got \(a.rows)×\(a.columns)")
    let block = try resolveBlock("triangularMultiply", in: c, rows: rows, columns: columns)
    try requireShape(
      block.rows.count == order && block.columns.count == b.columns, "triangularMultiply",
      "A·B is \(order)×\(b.columns) but the destination block is \(block.rows.count)×\(block.columns.count)")
    guard order > 0, b.columns > 0 else { return }
    try requireBLASSize("triangularMultiply", order, b.columns, b.leadingDimension, c.rows)
    if order <= smallTriangularLimit {
      smallTriangularKernel(uplo, a, b, &c, block)
    } else {
      blockedTriangularMultiply(uplo, a, b, &c, block)
    }
  }

  /// Column by column, c_j = Σ_k A[:, k]·b[k, j], with A's columns held as zero-padded SIMD8
  /// values (other triangle zeroed) so each path costs K vector multiply-adds.
  private static func smallTriangularKernel(
    _ uplo: Triangle, _ a: Matrix, _ b: MatrixView, _ c: inout Matrix,
    _ block: (rows: Range<Int>, columns: Range<Int>)
  ) {
    let order = a.rows
    withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: order) { columnsOfA in
      for k in 0..<order {
        var v = SIMD8<Double>()
        for i in (uplo == .lower ? k..<order : 0..<(k + 1)) { v[i] = a.elements[i + k * order] }
        columnsOfA.initializeElement(at: k, to: v)
      }
      let pa = UnsafePointer(columnsOfA.baseAddress!)
      b.withOperandPointer { pb, ldb in
        c.withMutableBlockPointer(rows: block.rows, columns: block.columns) { pc, ldc in
          multiplyColumns(order, pa, pb, Int(ldb), pc, Int(ldc), b.columns)
        }
      }
    }
  }

  /// The kernel proper, on raw pointers so the optimiser sees plain loops.
  private static func multiplyColumns(
    _ order: Int, _ columnsOfA: UnsafePointer<SIMD8<Double>>, _ b: UnsafePointer<Double>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ n: Int
  ) {
    for j in 0..<n {
      let bj = b + j * ldb
      var sum = columnsOfA[0] * bj[0]
      for k in 1..<order { sum += columnsOfA[k] * bj[k] }
      let cj = c + j * ldc
      for i in 0..<order { cj[i] = sum[i] }
    }
  }

  /// Copies B into the C block, then `dtrmm` in place there.
  private static func blockedTriangularMultiply(
    _ uplo: Triangle, _ a: Matrix, _ b: MatrixView, _ c: inout Matrix,
    _ block: (rows: Range<Int>, columns: Range<Int>)
  ) {
    prepare()
    let (m, n) = (Int32(a.rows), Int32(b.columns))
    a.matrixView.withOperandPointer { pa, lda in
      b.withOperandPointer { pb, ldb in
        c.withMutableBlockPointer(rows: block.rows, columns: block.columns) { pc, ldc in
          for j in 0..<Int(n) {
            (pc + j * Int(ldc)).update(from: pb + j * Int(ldb), count: Int(m))
          }
          cblas_dtrmm(CblasColMajor, CblasLeft, uplo.cblas, CblasNoTrans, CblasNonUnit, m, n, 1, pa, lda, pc, ldc)
        }
      }
    }
  }
}

extension BLAS {
  /// `B ← B·Lᵀ` in place, for a lower-triangular `K × K` factor `L` (only its lower triangle is
  /// read): every row of `B` becomes `L` times that row. This is
  /// `trmm(.right, .lower, .transpose, L, &B)`.
  ///
  /// It is the shock-correlation step of the Monte Carlo engine, whose block holds one path-year
  /// per row and one series per column (thousands of rows, K ≈ 6 columns). For
  /// `K ≤` ``smallTriangularLimit`` a Swift kernel transforms the rows in SIMD lanes
  /// (K(K+1)/2 multiply-adds each) as column axpys: on this tall, skinny shape `dtrmm`'s blocking and packing cost
  /// several times the arithmetic. Larger `K` calls `dtrmm`.
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if `l` is not square
  ///   or `b` does not have `K` columns.
  public static func multiplyRowsByLowerTransposed(_ l: Matrix, _ b: inout Matrix) throws {
    let order = l.rows
    try requireShape(
      l.isSquare && b.columns == order, "multiplyRowsByLowerTransposed",
      "L must be K×K with K = columns of B (\(b.columns)); got \(l.rows)×\(l.columns)")
    guard order > 0, b.rows > 0 else { return }
    guard order <= smallTriangularLimit else {
      try trmm(.right, .lower, .transpose, l, &b)
      return
    }
    try requireBLASSize("multiplyRowsByLowerTransposed", b.rows, order)
    // Row s of L's lower triangle, packed: L[s, 0…s] at s(s+1)/2.
    var packed: [Double] = []
    for s in 0..<order { for j in 0...s { packed.append(l[s, j]) } }
    let rows = b.rows
    packed.withUnsafeBufferPointer { coefficients in
      b.withMutableBlockPointer(rows: 0..<rows, columns: 0..<order) { p, ld in
        transformRows(order, coefficients.baseAddress!, p, Int(ld), rows)
      }
    }
  }

  /// The kernel proper, column by column: row r's new entry s is Σ_{k ≤ s} L[s, k]·B[r, k], so
  /// taking s from K − 1 down to 0, column s is scaled by L[s, s] and then gets L[s, k] times each
  /// earlier column k < s, which still holds its old values. Every step is a contiguous axpy over
  /// the rows, which the compiler runs in SIMD lanes.
  private static func transformRows(
    _ order: Int, _ c: UnsafePointer<Double>, _ p: UnsafeMutablePointer<Double>, _ ld: Int, _ rows: Int
  ) {
    for s in stride(from: order - 1, through: 0, by: -1) {
      let row = c + s * (s + 1) / 2
      let target = p + s * ld
      let diagonal = row[s]
      for r in 0..<rows { target[r] *= diagonal }
      for k in 0..<s {
        let weight = row[k], source = UnsafePointer(p + k * ld)
        for r in 0..<rows { target[r] += weight * source[r] }
      }
    }
  }
}
