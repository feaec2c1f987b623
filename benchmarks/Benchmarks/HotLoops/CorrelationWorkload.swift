import TCLinearAlgebra
import TCRandom

/// Correlating a K × N block of independent shocks (one path per column, column-major) with the
/// K × K lower Cholesky factor L, three ways.
public final class CorrelationWorkload {
  public let k: Int
  public let n: Int
  let factor: Matrix
  let shocks: Matrix
  var out: Matrix
  /// The engine's layout: N × K, one path-year per row (`rows ← rows·Lᵀ`).
  var rows: Matrix

  public init(k: Int = HotLoops.seriesCount, n: Int) {
    self.k = k
    self.n = n
    factor = HotLoops.correlationFactor(order: k)
    var z = [Double](repeating: 0, count: k * n)
    var stream = RandomStream(seed: HotLoops.seed, stream: 3)
    stream.fillNormals(&z)
    shocks = Matrix(rows: k, columns: n, columnMajor: z)
    out = shocks
    rows = Matrix(rows: n, columns: k, columnMajor: z)
  }

  /// `2·K²·N`: the flop count of a general K × K by K × N product. Used for every variant so
  /// their rates compare directly (a triangular product does about half these flops).
  public var flopsPerCall: Double { 2 * Double(k * k * n) }

  /// `out ← L·Z` with BLAS `dgemm` (reads L's zero triangle too).
  public func gemm() -> Double {
    try! BLAS.gemm(factor, shocks, &out)
    return out[k - 1, n - 1]
  }

  /// `out ← L·out` in place with BLAS `dtrmm`.
  ///
  /// Repeating this is numerically harmless: L's eigenvalues are its diagonal, at most
  /// `L₀₀ = 1`, so the block neither overflows nor sinks into subnormals.
  public func trmm() -> Double {
    try! BLAS.trmm(.left, .lower, factor, &out)
    return out[k - 1, n - 1]
  }

  /// The engine's call: `rows ← rows·Lᵀ` in place on the N × K layout with
  /// `BLAS.multiplyRowsByLowerTransposed` (column-axpy Swift kernel for K ≤ 8). Repeating it is
  /// harmless for the same reason as ``trmm()``.
  public func rowsTransform() -> Double {
    try! BLAS.multiplyRowsByLowerTransposed(factor, &rows)
    return rows[n - 1, k - 1]
  }

  /// The same product on the same layout with BLAS `dtrmm` (`trmm(.right, .lower, .transpose)`).
  public func rowsTrmm() -> Double {
    try! BLAS.trmm(.right, .lower, .transpose, factor, &rows)
    return rows[n - 1, k - 1]
  }

  /// `out ← L·Z` with TargetCast's small-K Swift kernel (`BLAS.triangularMultiply`).
  public func triangularMultiply() -> Double {
    try! BLAS.triangularMultiply(.lower, factor, shocks, &out)
    return out[k - 1, n - 1]
  }
}
