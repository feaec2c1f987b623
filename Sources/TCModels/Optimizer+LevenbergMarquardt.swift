import TCLinearAlgebra

/// Levenberg–Marquardt nonlinear least squares (Moré 1978 scaling), shared by the
/// saturating-growth models.
///
/// Each step solves the damped linearized problem `min ‖[J; √λ D] δ - r‖`, `D = diag(‖J_j‖)`,
/// through its column-scaled normal equations `(D⁻¹JᵀJD⁻¹ + λI) Dδ = D⁻¹Jᵀr` by LAPACK Cholesky.
/// Scaling gives the normal matrix a unit diagonal, so its conditioning stays acceptable for
/// the 2–3 parameter curves this serves; the damping λ regularizes it further. λ shrinks tenfold after a step that
/// lowers the sum of squares and grows tenfold otherwise. The model returns `nil` residuals for
/// parameters outside its domain, which counts as a failed step.
struct LevenbergMarquardt {
  var maxIterations = 200
  /// Stop when a successful step lowers the sum of squares by less than this fraction.
  var relativeTolerance = 1e-10
  /// Stop (not converged) when `stallWindow` accepted steps together lowered the sum of squares
  /// by less than `stallTolerance` relative: the search is crawling along a flat valley, as a
  /// saturating curve does when the data show no saturation (capacity drifting to infinity).
  var stallWindow = 10
  var stallTolerance = 1e-6

  struct Result {
    var parameters: [Double]
    var sumOfSquares: Double
    /// Jacobian of the residuals at the solution, `n × p` column-major.
    var jacobian: Matrix
    var converged: Bool
    /// Accepted plus rejected steps tried.
    var trials: Int
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
    // Scaled normal matrix A = D⁻¹JᵀJD⁻¹ (unit diagonal) and gradient g = D⁻¹Jᵀr, rebuilt per
    // accepted step; each damping trial solves (A + λI) δ' = g, δ = D⁻¹δ', by a p × p LAPACK
    // Cholesky. With p ≤ 3 this is far cheaper than a QR of the (n + p) × p augmented matrix.
    var scale = [Double](repeating: 0, count: p)
    var normal = Matrix(rows: p, columns: p)
    var gradient = Matrix(rows: p, columns: 1)
    // Matrix subscripts are calls across the module boundary; read J once into a flat copy.
    var flat = [Double](repeating: 0, count: n * p)
    func prepare() {
      for c in 0..<p { for i in 0..<n { flat[c * n + i] = j[i, c] } }
      for c in 0..<p {
        var s = 0.0
        for i in 0..<n { s += flat[c * n + i] * flat[c * n + i] }
        scale[c] = max(s, 1e-300).squareRoot()
      }
      for a in 0..<p {
        var g = 0.0
        for i in 0..<n { g += flat[a * n + i] * r[i] }
        gradient[a, 0] = g / scale[a]
        for b in 0...a {
          var s = 0.0
          for i in 0..<n { s += flat[a * n + i] * flat[b * n + i] }
          normal[a, b] = s / (scale[a] * scale[b])
          normal[b, a] = normal[a, b]
        }
      }
    }
    prepare()
    var damped = normal
    var candidate = theta
    var trials = 0
    var accepted = 0
    var sseAtWindowStart = sse
    iterations: for _ in 0..<maxIterations {
      while true {
        trials += 1
        for a in 0..<p { for b in 0..<p { damped[a, b] = normal[a, b] + (a == b ? lambda : 0) } }
        guard let factor = try? LAPACK.cholesky(damped),
              let solution = try? LAPACK.choleskySolve(factor: factor, gradient)
        else {
          // Not positive definite to rounding: more damping makes it so.
          lambda *= 10
          if lambda > 1e16 { converged = true; break iterations }
          continue
        }
        let step = (0..<p).map { solution[$0, 0] / scale[$0] }
        // A step below rounding of the parameters cannot improve anything.
        var stepNorm = 0.0, thetaNorm = 0.0
        for c in 0..<p { stepNorm += step[c] * step[c]; thetaNorm += theta[c] * theta[c] }
        if stepNorm <= 1e-24 * thetaNorm { converged = true; break iterations }
        for c in 0..<p { candidate[c] = theta[c] + step[c] }
        if let rc = residuals(candidate) {
          let sc = rc.reduce(0) { $0 + $1 * $1 }
          if sc.isFinite && sc <= sse {
            let gain = sse - sc
            theta = candidate
            r = rc
            sse = sc
            j = jacobian(theta)
            prepare()
            lambda = max(lambda / 10, 1e-12)
            if gain <= relativeTolerance * sse || sse == 0 { converged = true; break iterations }
            accepted += 1
            if accepted % stallWindow == 0 {
              if sseAtWindowStart - sse <= stallTolerance * sse { break iterations }
              sseAtWindowStart = sse
            }
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
    return Result(parameters: theta, sumOfSquares: sse, jacobian: j, converged: converged, trials: trials)
  }
}
