import Foundation

/// The Theta method as a state-space model (Fiorucci et al. 2016, "Models for optimising the
/// theta method and their relationship to state space models", IJF 32(4)):
///
///     μ_{t+1} = ℓ_t + c · g_t,  c = 1 - 1/θ,
///     g_t = (1-α)^t A_n + (1 - (1-α)^{t+1}) / α · B_n,
///     ℓ_t = α y_t + (1-α) ℓ_{t-1},
///
/// with A_n, B_n the intercept and slope of the least-squares line of y on t = 1...n. θ = 2 is the
/// standard Theta method of Assimakopoulos & Nikolopoulos (2000), i.e. simple exponential
/// smoothing with drift B_n/2 (Hyndman & Billah 2003). The h-step forecast is
/// `ℓ_n + c [(1-α)^n A_n + (h - 1 + (1 - (1-α)^{n+1})/α) B_n]`.
///
/// Estimation minimizes the mean squared one-step error. For a given α the errors are affine in
/// ℓ₀ and in c, so both are solved exactly by least squares (c kept in [0, 1), i.e. θ ≥ 1) and
/// only α ∈ [0.1, 0.99] (the bounds of Fiorucci's forecTheta and statsforecast) is searched.
struct ThetaFit: Sendable {
  var alpha: Double
  var c: Double
  var level0: Double
  var intercept: Double
  var slope: Double
  var finalLevel: Double
  var sumOfSquares: Double
  var count: Int

  var theta: Double { 1 / (1 - c) }

  static let alphaBounds = (lower: 0.1, upper: 0.99)
  /// c = 1 - 1/θ stays below 1 so θ stays finite (θ ≤ 1e8).
  static let maximumC = 1 - 1e-8

  /// Fits α (and ℓ₀, and c unless `fixedC` is given) to `y`.
  static func fit(_ y: [Double], fixedC: Double?) -> ThetaFit {
    let n = y.count
    // OLS line on t = 1...n in closed form (two columns; no need for a LAPACK call per fit).
    let tMean = Double(n + 1) / 2
    let yMean = y.reduce(0, +) / Double(n)
    var sxy = 0.0
    for t in 0..<n { sxy += (Double(t + 1) - tMean) * (y[t] - yMean) }
    let slope = sxy / (Double(n) * (Double(n) * Double(n) - 1) / 12)
    let intercept = yMean - slope * tMean
    let buffer = y.span
    func solve(_ alpha: Double) -> (level0: Double, c: Double, sse: Double) {
      solveLinear(buffer, alpha: alpha, intercept: intercept, slope: slope, fixedC: fixedC)
    }
    let lo = alphaBounds.lower, hi = alphaBounds.upper
    let result = NelderMead(maxEvaluations: 500, tolerance: 1e-10, restarts: 1).minimize(
      start: [0], steps: [1], lower: [-.infinity], upper: [.infinity]
    ) { u in
      solve(lo + (hi - lo) / (1 + exp(-u[0]))).sse
    }
    let alpha = lo + (hi - lo) / (1 + exp(-result.x[0]))
    let (level0, c, _) = solve(alpha)
    return evaluate(y, alpha: alpha, c: c, level0: level0, intercept: intercept, slope: slope)
  }

  /// The model with given parameters on `y`: final level and Σe² from the recursion.
  static func evaluate(
    _ y: [Double], alpha: Double, c: Double, level0: Double, intercept: Double, slope: Double
  ) -> ThetaFit {
    var level = level0, sse = 0.0
    var decay = 1.0  // (1-α)^t
    for value in y {
      let mu = level + c * (decay * intercept + (1 - decay * (1 - alpha)) / alpha * slope)
      sse += (value - mu) * (value - mu)
      level = alpha * value + (1 - alpha) * level
      decay *= 1 - alpha
    }
    return ThetaFit(alpha: alpha, c: c, level0: level0, intercept: intercept, slope: slope,
                    finalLevel: level, sumOfSquares: sse, count: y.count)
  }

  /// Least-squares ℓ₀ and c for a given α: e_{t+1} = r_t - (1-α)^t ℓ₀ - c g_t, with r the errors
  /// of the recursion started at ℓ₀ = 0 without drift.
  @inline(__always)
  static func solveLinear(
    _ y: Span<Double>, alpha: Double, intercept: Double, slope: Double, fixedC: Double?
  ) -> (level0: Double, c: Double, sse: Double) {
    var level = 0.0, decay = 1.0
    var s11 = 0.0, s12 = 0.0, s22 = 0.0, r1 = 0.0, r2 = 0.0, rr = 0.0
    let c0 = fixedC ?? 0
    for i in y.indices {
      let value = y[i]
      let g = decay * intercept + (1 - decay * (1 - alpha)) / alpha * slope
      let r = value - level - c0 * g
      s11 += decay * decay; s12 += decay * g; s22 += g * g
      r1 += decay * r; r2 += g * r; rr += r * r
      level = alpha * value + (1 - alpha) * level
      decay *= 1 - alpha
    }
    func levelOnly(_ c: Double) -> (Double, Double, Double) {
      // With c fixed: residual r - c g; ℓ₀ = Σ d (r - c g) / Σ d².
      let rc1 = r1 - c * s12
      let rcc = rr - 2 * c * r2 + c * c * s22
      let l0 = rc1 / s11
      return (l0, c, max(0, rcc - l0 * rc1))
    }
    if let fixedC {
      // r already has c·g removed.
      let (l0, _, sse) = levelOnly(0)
      return (l0, fixedC, sse)
    }
    let det = s11 * s22 - s12 * s12
    guard det > 1e-12 * s11 * s22 else { return levelOnly(0) }
    let c = (s11 * r2 - s12 * r1) / det
    if c < 0 { return levelOnly(0) }
    if c > maximumC { return levelOnly(maximumC) }
    let l0 = (s22 * r1 - s12 * r2) / det
    return (l0, c, max(0, rr - l0 * r1 - c * r2))
  }

  func pointForecast(horizon: Int) -> [Double] {
    let decayN = pow(1 - alpha, Double(count))
    return (0..<max(0, horizon)).map { index in
      let h = Double(index + 1)
      return finalLevel + c * (decayN * intercept + (h - 1 + (1 - decayN * (1 - alpha)) / alpha) * slope)
    }
  }

  /// Residual variance `Σe²/(n - k)`, `k` the number of estimated parameters (ℓ₀, α, and c for OTM).
  func residualVariance(estimated k: Int) -> Double {
    let floor = Double(count) * 1e-20 * max(1, intercept * intercept)
    return sumOfSquares <= floor ? 0 : sumOfSquares / Double(count - k)
  }

  /// Forecast standard deviations of the state-space model: `σ √(1 + (h-1) α²)`.
  func standardDeviations(horizon: Int, sigma2: Double) -> [Double] {
    (0..<max(0, horizon)).map { (sigma2 * (1 + Double($0) * alpha * alpha)).squareRoot() }
  }

  /// Paths from the recursion with Gaussian one-step errors: the level absorbs α of each error.
  func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64, sigma: Double) -> [[Double]] {
    let mean = pointForecast(horizon: horizon)
    return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
      var shift = 0.0  // accumulated α·ε carried by the level
      for h in 0..<horizon {
        let e = sigma * stream.nextNormal()
        path[h] = mean[h] + shift + e
        shift += alpha * e
      }
    }
  }
}
