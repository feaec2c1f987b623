import Foundation

/// The components of a non-seasonal ETS model (Hyndman et al. 2008, *Forecasting with
/// Exponential Smoothing*, ch. 2): additive or multiplicative error; no, additive or damped trend.
struct ETSForm: Sendable, Hashable {
  var multiplicativeError: Bool
  var hasTrend: Bool
  var damped: Bool

  /// Smoothing parameters plus initial states: what the optimizer estimates (σ excluded).
  var estimatedCount: Int { hasTrend ? (damped ? 5 : 4) : 2 }
}

/// Smoothing parameters and initial states of a non-seasonal ETS model.
struct ETSParameters: Sendable, Equatable {
  var alpha: Double
  var beta: Double = 0
  var phi: Double = 1
  var level0: Double
  var trend0: Double = 0
}

/// What one pass of the ETS recursions over the data gives.
struct ETSPass {
  /// Σ e_t², with e_t the absolute (A) or relative (M) one-step error.
  var sumOfSquares: Double
  /// Σ log|μ_t| (multiplicative error only), the likelihood's Jacobian term.
  var sumLogMean: Double
  var level: Double
  var trend: Double
  /// False when a one-step mean `μ_t <= 0` makes a multiplicative-error likelihood undefined.
  var admissible: Bool
}

/// Usual parameter region of Hyndman et al. (2008, §5.2 and the forecast package):
/// 1e-4 ≤ α ≤ 0.9999, 1e-4 ≤ β ≤ α, 0.8 ≤ φ ≤ 0.98. For non-seasonal models this region lies
/// inside the admissible (forecastability) region, which needs α(φ-1) < β < (1+φ)(2-α) and
/// 1-1/φ < α < 1+1/φ, so no separate admissibility test is required.
enum ETSBounds {
  static let alpha = (lower: 1e-4, upper: 0.9999)
  static let beta = (lower: 1e-4, upper: 0.9999)
  static let phi = (lower: 0.8, upper: 0.98)
}

enum ETSEstimation {
  /// Runs the recursions from the initial states, accumulating what the likelihood needs.
  /// State equations (innovations form, μ_t = ℓ_{t-1} + φ b_{t-1}):
  /// A: e = y - μ, ℓ = μ + α e, b = φ b + β e.  M: e = (y - μ)/μ, ℓ = μ(1 + α e), b = φ b + β μ e.
  @inline(__always)
  static func pass(_ y: UnsafeBufferPointer<Double>, form: ETSForm, _ p: ETSParameters) -> ETSPass {
    var level = p.level0, trend = form.hasTrend ? p.trend0 : 0
    let phi = form.hasTrend ? (form.damped ? p.phi : 1) : 0
    var sse = 0.0, sumLog = 0.0
    if form.multiplicativeError {
      for value in y {
        let mu = level + phi * trend
        if !(mu > 0) { return ETSPass(sumOfSquares: .infinity, sumLogMean: 0, level: level, trend: trend, admissible: false) }
        let e = (value - mu) / mu
        sse += e * e
        sumLog += log(mu)
        level = mu * (1 + p.alpha * e)
        trend = phi * trend + p.beta * mu * e
      }
    } else {
      for value in y {
        let mu = level + phi * trend
        let e = value - mu
        sse += e * e
        level = mu + p.alpha * e
        trend = phi * trend + p.beta * e
      }
    }
    return ETSPass(sumOfSquares: sse, sumLogMean: sumLog, level: level, trend: trend, admissible: true)
  }

  /// For additive errors the one-step errors are affine in the initial states, so for given
  /// smoothing parameters the initial states minimizing Σe² solve a least-squares problem with
  /// at most two unknowns. Returns the optimal states and the minimized Σe².
  ///
  /// Writing x_t = D x_{t-1} + g y_t with D = F - g wᵀ, e_t = e⁰_t - wᵀD^{t-1} x₀, where e⁰ is
  /// the error path started from zero; D^{t-1} is carried column by column.
  @inline(__always)
  static func profiledStates(
    _ y: UnsafeBufferPointer<Double>, hasTrend: Bool, alpha: Double, beta: Double, phi: Double
  ) -> (level0: Double, trend0: Double, sumOfSquares: Double) {
    var l = 0.0, b = 0.0  // zero-start filter
    var l1 = 1.0, b1 = 0.0  // D^t e₁
    var l2 = 0.0, b2 = 1.0  // D^t e₂
    let f = hasTrend ? phi : 0
    var a11 = 0.0, a12 = 0.0, a22 = 0.0, c1 = 0.0, c2 = 0.0, s = 0.0
    for value in y {
      let mu = l + f * b
      let e0 = value - mu
      let r1 = l1 + f * b1
      let r2 = l2 + f * b2
      a11 += r1 * r1; a12 += r1 * r2; a22 += r2 * r2
      c1 += r1 * e0; c2 += r2 * e0; s += e0 * e0
      l = mu + alpha * e0; b = f * b + beta * e0
      l1 = (1 - alpha) * r1; b1 = f * b1 - beta * r1
      l2 = (1 - alpha) * r2; b2 = f * b2 - beta * r2
    }
    if !hasTrend {
      let x = a11 > 0 ? c1 / a11 : 0
      return (x, 0, max(0, s - c1 * x))
    }
    let det = a11 * a22 - a12 * a12
    guard det > 1e-14 * a11 * a22 else {
      let x = a11 > 0 ? c1 / a11 : 0
      return (x, 0, max(0, s - c1 * x))
    }
    let x1 = (a22 * c1 - a12 * c2) / det
    let x2 = (a11 * c2 - a12 * c1) / det
    return (x1, x2, max(0, s - c1 * x1 - c2 * x2))
  }

  /// Maximum-likelihood fit of one form to data scaled to unit mean absolute value.
  ///
  /// The objective is −2 log L up to constants (Hyndman et al. 2008, eq. 5.3 and §5.2):
  /// `n log Σe²` for additive errors and `n log Σe² + 2 Σ log|μ_t|` for multiplicative ones.
  /// Additive-error fits optimize the smoothing parameters only, with initial states profiled
  /// out exactly; multiplicative-error fits optimize all of them, started from the additive
  /// solution.
  static func fit(scaled y: [Double], form: ETSForm) -> (ETSParameters, objective: Double)? {
    let n = Double(y.count)
    // A positive floor keeps log finite for (near-)exact fits on the unit scale.
    let floorSSE = n * 1e-24
    return y.withUnsafeBufferPointer { buffer -> (ETSParameters, objective: Double)? in
      // Smoothing parameters first: additive-error profile likelihood.
      var start: [Double] = [0.2]
      var steps: [Double] = [0.1]
      var lower = [ETSBounds.alpha.lower], upper = [ETSBounds.alpha.upper]
      if form.hasTrend {
        start.append(0.02); steps.append(0.02)
        lower.append(ETSBounds.beta.lower); upper.append(ETSBounds.beta.upper)
        if form.damped {
          start.append(0.97); steps.append(0.02)
          lower.append(ETSBounds.phi.lower); upper.append(ETSBounds.phi.upper)
        }
      }
      let hasTrend = form.hasTrend, damped = form.damped
      let profile = NelderMead().minimize(start: start, steps: steps, lower: lower, upper: upper) { x in
        let beta = hasTrend ? x[1] : 0
        if beta > x[0] { return .infinity }
        let phi = damped ? x[2] : 1
        let sse = profiledStates(buffer, hasTrend: hasTrend, alpha: x[0], beta: beta, phi: phi).sumOfSquares
        return n * log(max(sse, floorSSE))
      }
      let px = profile.x
      let beta = hasTrend ? px[1] : 0, phi = damped ? px[2] : 1
      let states = profiledStates(buffer, hasTrend: hasTrend, alpha: px[0], beta: beta, phi: phi)
      var additive = ETSParameters(alpha: px[0], beta: beta, phi: phi, level0: states.level0, trend0: states.trend0)
      if !form.multiplicativeError {
        // Re-evaluate with a plain pass: the profiled Σe² can lose digits to cancellation.
        let sse = pass(buffer, form: form, additive).sumOfSquares
        return (additive, n * log(max(sse, floorSSE)))
      }
      // Multiplicative error: all parameters, from the additive solution (the level must start
      // positive for μ_t > 0) and from a regression start as a fallback.
      if !(additive.level0 > 0) { additive.level0 = buffer[0] }
      func objective(_ p: ETSParameters) -> Double {
        if p.beta > p.alpha { return .infinity }
        let r = pass(buffer, form: form, p)
        guard r.admissible else { return .infinity }
        return n * log(max(r.sumOfSquares, floorSSE)) + 2 * r.sumLogMean
      }
      func unpack(_ x: [Double]) -> ETSParameters {
        var p = ETSParameters(alpha: x[0], level0: x[x.count - (hasTrend ? 2 : 1)])
        if hasTrend { p.beta = x[1]; p.trend0 = x[x.count - 1] }
        if damped { p.phi = x[2] }
        return p
      }
      var full = px
      var fullSteps = steps
      var fullLower = lower, fullUpper = upper
      full.append(additive.level0); fullSteps.append(0.05 * max(abs(additive.level0), 0.1))
      fullLower.append(-.infinity); fullUpper.append(.infinity)
      if hasTrend {
        full.append(additive.trend0); fullSteps.append(0.05 * max(abs(additive.trend0), 0.05))
        fullLower.append(-.infinity); fullUpper.append(.infinity)
      }
      let result = NelderMead().minimize(start: full, steps: fullSteps, lower: fullLower, upper: fullUpper) {
        objective(unpack($0))
      }
      guard result.value.isFinite else { return nil }
      return (unpack(result.x), result.value)
    }
  }
}
