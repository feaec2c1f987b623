import _COpenBLAS

extension BLAS {
  /// The dot product `xᵀy` (BLAS `ddot`).
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if the lengths differ.
  public static func dot(_ x: [Double], _ y: [Double]) throws -> Double {
    try requireShape(x.count == y.count, "dot", "x has \(x.count) elements, y has \(y.count)")
    guard !x.isEmpty else { return 0 }
    try requireBLASSize("dot", x.count)
    prepare()
    return x.withOperandPointer { px in
      y.withOperandPointer { py in cblas_ddot(Int32(x.count), px, 1, py, 1) }
    }
  }

  /// `y ← αx + y` in place (BLAS `daxpy`).
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:detail:)`` if the lengths differ.
  public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) throws {
    try requireShape(x.count == y.count, "axpy", "x has \(x.count) elements, y has \(y.count)")
    guard !x.isEmpty else { return }
    try requireBLASSize("axpy", x.count)
    prepare()
    x.withOperandPointer { px in
      y.withMutableOperandPointer { py in cblas_daxpy(Int32(x.count), alpha, px, 1, py, 1) }
    }
  }

  /// `x ← αx` in place (BLAS `dscal`).
  public static func scal(_ alpha: Double, _ x: inout [Double]) {
    guard !x.isEmpty else { return }
    guard x.count <= Int(Int32.max) else {
      for i in x.indices { x[i] *= alpha }
      return
    }
    prepare()
    let n = Int32(x.count)
    x.withMutableOperandPointer { px in cblas_dscal(n, alpha, px, 1) }
  }

  /// The Euclidean norm `‖x‖₂`, computed without overflow (BLAS `dnrm2`).
  public static func nrm2(_ x: [Double]) -> Double {
    guard !x.isEmpty else { return 0 }
    guard x.count <= Int(Int32.max) else {
      return x.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
    prepare()
    return x.withOperandPointer { px in cblas_dnrm2(Int32(x.count), px, 1) }
  }
}
