import TCLinearAlgebra

/// Levenberg–Marquardt nonlinear least squares (Moré 1978 scaling), shared by the
/// saturating-growth models.
///
/// Each step solves the damped linearized problem `min ‖[J; √λ D] δ + [r; 0]‖` with LAPACK least
/// squares (QR, no normal equations), `D = diag(‖J_j‖)`. λ shrinks tenfold after a step that
/// lowers the sum of squares and grows tenfold otherwise. The model returns `nil` residuals for
/// parameters outside its domain, which counts as a failed step.
struct LevenbergMarquardt {
  var maxIterations = 200
  /// Stop when a successful step lowers the sum of squares by less than this fraction.
  var relativeTolerance = 1e-14

  struct Result {
    var parameters: [Double]
    var sumOfSquares: Double
    /// Jacobian of the residuals at the solution, `n × p` column-major.
    var jacobian: Matrix
    var converged: Bool
  }

  /// - Parameters:
  ///   - residuals: `y - f(θ)` for parameters θ, or `nil` where θ is invalid.
  ///   - jacobian: ∂f/∂θ (of the model, not the residuals), `n × p`.
  func minimize(
    start: [Double], count n: Int,
    residuals: ([Double]) -> [Double]?, jacobian: ([Double]) -> Matrix
  ) -> Result? {
    let p = start.count
    var theta = start
    guard var r = residuals(theta) else { return nil }
    var sse = r.reduce(0) { $0 + $1 * $1 }
    var lambda = 1e-3
    var converged = false
    var j = jacobian(theta)
    iterations: for _ in 0..<maxIterations {
      var scale = [Double](repeating: 0, count: p)
      for c in 0..<p {
        var s = 0.0
        for i in 0..<n { s += j[i, c] * j[i, c] }
        scale[c] = max(s, 1e-300).squareRoot()
      }
      while true {
        var augmented = Matrix(rows: n + p, columns: p)
        for c in 0..<p {
          for i in 0..<n { augmented[i, c] = j[i, c] }
          augmented[n + c, c] = lambda.squareRoot() * scale[c]
        }
        let rhs = r + [Double](repeating: 0, count: p)
        guard let step = try? LAPACK.leastSquares(augmented, rhs).coefficients else { return nil }
        // A step below rounding of the parameters cannot improve anything.
        var stepNorm = 0.0, thetaNorm = 0.0
        for c in 0..<p { stepNorm += step[c] * step[c]; thetaNorm += theta[c] * theta[c] }
        if stepNorm <= 1e-24 * thetaNorm { converged = true; break iterations }
        let candidate = zip(theta, step).map { $0 + $1 }
        if let rc = residuals(candidate) {
          let sc = rc.reduce(0) { $0 + $1 * $1 }
          if sc.isFinite && sc <= sse {
            let gain = sse - sc
            theta = candidate
            r = rc
            sse = sc
            j = jacobian(theta)
            lambda = max(lambda / 10, 1e-12)
            if gain <= relativeTolerance * sse || sse == 0 { converged = true; break iterations }
            break
          }
        }
        lambda *= 10
        if lambda > 1e16 {
          // No direction lowers the sum of squares: a (possibly flat) minimum.
          converged = true
          break iterations
        }
      }
    }
    return Result(parameters: theta, sumOfSquares: sse, jacobian: j, converged: converged)
  }
}
