import Foundation
import TCLinearAlgebra
import TCRandom
import TargetCast

/// The shapes and inputs of the hot-loop benchmarks, in one place so that the
/// package-benchmark targets, the timing tool and `peers/numpy_hotloops.py` agree.
///
/// Keep these numbers in step with the constants at the top of the numpy script.
public enum HotLoops {
  /// Series count K: rows of a shock block and order of the correlation factor.
  public static let seriesCount = 6
  /// Path counts N of the shock blocks `L·Z` is timed on (the engine's block size, and 16 of them).
  public static let blockColumns = [4096, 65536]
  /// Normals drawn per timed call of the batch generators.
  public static let normalsPerCall = 65536
  /// Philox blocks computed per timed call.
  public static let philoxBlocksPerCall = 65536
  /// Seed of every stream used here (any fixed value; results must not depend on it).
  public static let seed: UInt64 = 20_240_101

  /// `ρ_ij = 0.5^|i−j|`: a well-conditioned correlation matrix (AR(1) Toeplitz) of order `k`.
  public static func correlation(order k: Int) -> [[Double]] {
    (0..<k).map { i in (0..<k).map { j in pow(0.5, Double(abs(i - j))) } }
  }

  /// Lower Cholesky factor of ``correlation(order:)``.
  public static func correlationFactor(order k: Int) -> Matrix {
    // The matrix is positive definite by construction, so a failure is a bug here.
    try! LAPACK.cholesky(Matrix(rowMajor: correlation(order: k)), .lower)
  }
}
