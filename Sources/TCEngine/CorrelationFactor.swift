import Foundation
import TCLinearAlgebra
import TCScenario

/// The factor that correlates the series' shocks, and the repair of matrices that are not
/// positive semidefinite.
enum CorrelationFactor {
  /// Cholesky factor of a correlation matrix; for a singular but positive semidefinite matrix
  /// (two perfectly correlated series) the symmetric square-root factor V·√Λ instead. A matrix
  /// that is not PSD is an error naming its smallest eigenvalue, or, with `repair`, is replaced by
  /// the nearest correlation matrix with a warning.
  static func make(_ correlation: [[Double]], repair: Bool, file: String?) throws(ScenarioError)
    -> (matrix: Matrix, lowerTriangular: Bool, warning: String?)
  {
    let matrix = Matrix(rowMajor: correlation)
    if let factor = try? LAPACK.cholesky(matrix, .lower) { return (factor, true, nil) }
    let eigen: (values: [Double], vectors: Matrix)
    do {
      eigen = try LAPACK.symmetricEigen(matrix)
    } catch {
      throw ScenarioError(file: file, key: "correlation", message: "cannot factor the correlation matrix: \(error)")
    }
    let smallest = eigen.values.min() ?? 0
    if smallest >= -1e-10 { return (squareRootFactor(eigen), false, nil) }
    guard repair else {
      throw ScenarioError(
        file: file, key: "correlation",
        message: "the correlation matrix is not positive semidefinite (smallest eigenvalue \(String(format: "%.4g", smallest))); no set of series can have these correlations (set 'correlation: {matrix: …, repair: nearest}' to use the nearest valid matrix)")
    }
    let nearest = nearestCorrelation(matrix)
    var change = 0.0
    for i in 0..<matrix.rows { for j in 0..<matrix.columns { change = max(change, abs(nearest[i, j] - matrix[i, j])) } }
    let warning = "correlation: the matrix is not positive semidefinite (smallest eigenvalue \(String(format: "%.4g", smallest))); using the nearest correlation matrix (Higham 2002), largest change \(String(format: "%.4f", change))"
    if let factor = try? LAPACK.cholesky(nearest, .lower) { return (factor, true, warning) }
    guard let repaired = try? LAPACK.symmetricEigen(nearest) else {
      throw ScenarioError(file: file, key: "correlation", message: "cannot factor the repaired correlation matrix")
    }
    return (squareRootFactor(repaired), false, warning)
  }

  static func squareRootFactor(_ eigen: (values: [Double], vectors: Matrix)) -> Matrix {
    let n = eigen.vectors.rows
    var factor = Matrix(rows: n, columns: n)
    for j in 0..<n {
      let scale = max(0, eigen.values[j]).squareRoot()
      for i in 0..<n { factor[i, j] = eigen.vectors[i, j] * scale }
    }
    return factor
  }

  /// The nearest correlation matrix in the Frobenius norm, by Higham's (2002, IMA J. Numer.
  /// Anal. 22, 329–343) alternating projections with Dykstra's correction: alternately project
  /// onto the positive semidefinite cone (clip negative eigenvalues) and onto unit-diagonal
  /// matrices, until the iterates stop moving (1e-12) or 1000 rounds.
  static func nearestCorrelation(_ a: Matrix) -> Matrix {
    let n = a.rows
    var y = a
    var correction = Matrix(rows: n, columns: n)
    for _ in 0..<1000 {
      var r = y
      for i in 0..<n { for j in 0..<n { r[i, j] -= correction[i, j] } }
      guard let eigen = try? LAPACK.symmetricEigen(r) else { break }
      var x = Matrix(rows: n, columns: n)
      for k in 0..<n where eigen.values[k] > 0 {
        for j in 0..<n {
          let vj = eigen.vectors[j, k] * eigen.values[k]
          for i in 0..<n { x[i, j] += eigen.vectors[i, k] * vj }
        }
      }
      for i in 0..<n { for j in 0..<n { correction[i, j] = x[i, j] - r[i, j] } }
      var next = x
      var moved = 0.0
      for i in 0..<n {
        next[i, i] = 1
        for j in 0..<n { moved = max(moved, abs(next[i, j] - y[i, j])) }
      }
      y = next
      if moved < 1e-12 { break }
    }
    // Symmetrize away rounding and pull the smallest eigenvalue a hair above 0 so that the
    // repaired matrix factors.
    for i in 0..<n { for j in 0..<i { let m = (y[i, j] + y[j, i]) / 2; y[i, j] = m; y[j, i] = m } }
    return y
  }
}
