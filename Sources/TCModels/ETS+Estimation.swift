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
  static func pass(_ y: Span<Double>, form: ETSForm, _ p: ETSParameters) -> ETSPass {
    var level = p.level0, trend = form.hasTrend ? p.trend0 : 0
    let phi = form.hasTrend ? (form.damped ? p.phi : 1) : 0
    var sse = 0.0, sumLog = 0.0
    if form.multiplicativeError {
      for i in y.indices {
        let value = y[i]
        let mu = level + phi * trend
        if !(mu > 0) { return ETSPass(sumOfSquares: .infinity, sumLogMean: 0, level: level, trend: trend, admissible: false) }
        let e = (value - mu) / mu
        sse += e * e
        sumLog += log(mu)
        level = mu * (1 + p.alpha * e)
        trend = phi * trend + p.beta * mu * e
      }
    } else {
      for i in y.indices {
        let value = y[i]
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
    _ y: Span<Double>, hasTrend: Bool, alpha: Double, beta: Double, phi: Double
  ) -> (level0: Double, trend0: Double, sumOfSquares: Double) {
    var l = 0.0, b = 0.0  // zero-start filter
    var l1 = 1.0, b1 = 0.0  // D^t e₁
    var l2 = 0.0, b2 = 1.0  // D^t e₂
    let f = hasTrend ? phi : 0
    var a11 = 0.0, a12 = 0.0, a22 = 0.0, c1 = 0.0, c2 = 0.0, s = 0.0
    for i in y.indices {
      let value = y[i]
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

  /// Relative tolerance 1e-9 on −2 log L (values of order n) is far below what changes a
  /// selection or a forecast; one restart guards against a collapsed simplex.
  static let optimizer = NelderMead(maxEvaluations: 2_000, tolerance: 1e-9, restarts: 1)
  /// The multiplicative-error search has up to five dimensions and dominates automatic selection's
  /// cost; 1e-7 relative (about 1e-5 in log-likelihood) keeps it well inside test tolerances.
  static let fullOptimizer = NelderMead(maxEvaluations: 2_000, tolerance: 1e-7, restarts: 1)

  /// Maps the smoothing parameters to unbounded coordinates and back, so the optimizer never
  /// meets a bound or the coupled constraint β ≤ α: α = logistic on [1e-4, 0.9999],
  /// β = 1e-4 + (α - 1e-4)·logistic, φ = logistic on [0.8, 0.98]. An optimum on a bound (common
  /// for short series: α → 1 or β → 0) then shows up as a flat objective, which stops the simplex
  /// quickly instead of making it crawl along the boundary.
  struct SmoothingMap {
    var hasTrend: Bool
    var damped: Bool

    var dimension: Int { hasTrend ? (damped ? 3 : 2) : 1 }

    private static func logistic(_ u: Double, _ lo: Double, _ hi: Double) -> Double {
      lo + (hi - lo) / (1 + exp(-u))
    }
    private static func logit(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
      // β's interval [1e-4, α] can be empty when α sits on its lower bound.
      guard hi > lo else { return 0 }
      let t = min(max((x - lo) / (hi - lo), 1e-9), 1 - 1e-9)
      return log(t / (1 - t))
    }

    @inline(__always)
    func parameters(_ u: [Double]) -> (alpha: Double, beta: Double, phi: Double) {
      let alpha = Self.logistic(u[0], ETSBounds.alpha.lower, ETSBounds.alpha.upper)
      guard hasTrend else { return (alpha, 0, 1) }
      let beta = Self.logistic(u[1], ETSBounds.beta.lower, alpha)
      return (alpha, beta, damped ? Self.logistic(u[2], ETSBounds.phi.lower, ETSBounds.phi.upper) : 1)
    }

    func coordinates(alpha: Double, beta: Double, phi: Double) -> [Double] {
      var u = [Self.logit(alpha, ETSBounds.alpha.lower, ETSBounds.alpha.upper)]
      if hasTrend {
        u.append(Self.logit(beta, ETSBounds.beta.lower, alpha))
        if damped { u.append(Self.logit(phi, ETSBounds.phi.lower, ETSBounds.phi.upper)) }
      }
      return u
    }
  }

  /// The best point of the grid `{-7, -3, -1, 1, 3, 7}^dimension` in logistic coordinates (6 to
  /// 216 evaluations; each smoothing parameter at about 0.1 %, 5 %, 27 %, 73 %, 95 % and 99.9 %
  /// of its interval, so optima on a bound, common for short series, have a start nearby).
  static func gridStart(dimension d: Int, _ objective: ([Double]) -> Double) -> [Double] {
    let levels = [-7.0, -3, -1, 1, 3, 7]
    var point = [Double](repeating: 0, count: d), best = point, bestValue = Double.infinity
    var index = 0
    let count = Int(pow(Double(levels.count), Double(d)))
    while index < count {
      var k = index
      for i in 0..<d {
        point[i] = levels[k % levels.count]
        k /= levels.count
      }
      let value = objective(point)
      if value < bestValue {
        bestValue = value
        best = point
      }
      index += 1
    }
    return best
  }

  /// Maximum-likelihood fit of one form to data scaled to unit mean absolute value.
  ///
  /// The objective is −2 log L up to constants (Hyndman et al. 2008, eq. 5.3 and §5.2):
  /// `n log Σe²` for additive errors and `n log Σe² + 2 Σ log|μ_t|` for multiplicative ones.
  /// Additive-error fits optimize the smoothing parameters only, with initial states profiled
  /// out exactly; multiplicative-error fits optimize all of them, from the additive solution
  /// (and, without a trend, from two more starts; see the body for why trend forms keep one).
  ///
  /// - Parameter additiveStart: the same trend form's additive-error optimum on the same scaled
  ///   data, when already known (automatic selection fits it first); saves the profile search.
  static func fit(
    scaled y: [Double], form: ETSForm, additiveStart: ETSParameters? = nil
  ) -> (ETSParameters, objective: Double)? {
    let n = Double(y.count)
    // A positive floor keeps log finite for (near-)exact fits on the unit scale.
    let floorSSE = n * 1e-24
    let map = SmoothingMap(hasTrend: form.hasTrend, damped: form.damped)
    let d = map.dimension
    let free = [Double](repeating: -.infinity, count: d), unbounded = [Double](repeating: .infinity, count: d)
    let unitSteps = [Double](repeating: 1, count: d)
    let buffer = y.span
    let additive: ETSParameters
    if let start = additiveStart {
      additive = start
    } else {
      func objective(_ u: [Double]) -> Double {
        let (alpha, beta, phi) = map.parameters(u)
        let sse = profiledStates(buffer, hasTrend: map.hasTrend, alpha: alpha, beta: beta, phi: phi).sumOfSquares
        return n * log(max(sse, floorSSE))
      }
      let best = optimizer.minimize(start: map.coordinates(alpha: 0.2, beta: 0.02, phi: 0.97), steps: unitSteps, lower: free, upper: unbounded, objective)
      let (alpha, beta, phi) = map.parameters(best.x)
      let states = profiledStates(buffer, hasTrend: map.hasTrend, alpha: alpha, beta: beta, phi: phi)
      additive = ETSParameters(alpha: alpha, beta: beta, phi: phi, level0: states.level0, trend0: states.trend0)
    }
    if !form.multiplicativeError {
      // Re-evaluate with a plain pass: the profiled Σe² can lose digits to cancellation.
      let sse = pass(buffer, form: form, additive).sumOfSquares
      return (additive, n * log(max(sse, floorSSE)))
    }
    // Multiplicative error: smoothing parameters and initial states together.
    //
    // Trend forms: one search from the additive solution, as statsforecast and R's forecast
    // search from one conventional start. Their likelihood often has a second optimum with a
    // quickly adapting trend (β near α); a search from several starts (the additive optimum, the
    // conventional point and a grid) reaches it, raising the log-likelihood by more than 0.5 on
    // 789 of about 4 120 M1 and Tourism fits of the six forms against 397 from one start, but forecast worse:
    // `targetcast forecast --model ets`, Tourism sMAPE 23.14 against 22.40, MASE 3.204 against
    // 3.131, MSIS 34.9 against 31.5 (M1 17.80/4.349 against 17.95/4.355), at 3.7 times the cost.
    //
    // No trend: one smoothing parameter, three starts, the best optimum kept. From the additive
    // optimum alone the search stalled on α's bound (far out in logistic coordinates, where unit
    // steps change nothing): 19 M1 and 15 Tourism ETS(M,N,N) fits fell more than 0.5 below
    // statsforecast's optimum, one by 122.
    func unpack(_ x: [Double]) -> ETSParameters {
      let (alpha, beta, phi) = map.parameters(x)
      return ETSParameters(alpha: alpha, beta: beta, phi: phi, level0: x[d], trend0: form.hasTrend ? x[d + 1] : 0)
    }
    func withStates(_ u: [Double]) -> ETSParameters {
      let (alpha, beta, phi) = map.parameters(u)
      let states = profiledStates(buffer, hasTrend: form.hasTrend, alpha: alpha, beta: beta, phi: phi)
      return ETSParameters(alpha: alpha, beta: beta, phi: phi, level0: states.level0, trend0: states.trend0)
    }
    func objective(_ p: ETSParameters) -> Double {
      let r = pass(buffer, form: form, p)
      return r.admissible ? n * log(max(r.sumOfSquares, floorSSE)) + 2 * r.sumLogMean : .infinity
    }
    // Without a trend also: the conventional start and the grid point with the best likelihood,
    // each with the initial level least-squares optimal for it.
    let candidates = form.hasTrend ? [additive] : [
      additive,
      withStates(map.coordinates(alpha: 0.2, beta: 0.02, phi: 0.97)),
      withStates(gridStart(dimension: d) { objective(withStates($0)) }),
    ]
    var best: (ETSParameters, Double)?
    for var candidate in candidates {
      // The level must start positive for μ_t > 0.
      if !(candidate.level0 > 0) { candidate.level0 = buffer[0] }
      // A start on a bound maps to a far logistic coordinate where unit steps change nothing;
      // without a trend, start at most 3 units out (within 5 % of the interval's ends) so the
      // first simplex sees the slope.
      let limit = form.hasTrend ? Double.infinity : 3
      var start = map.coordinates(alpha: candidate.alpha, beta: candidate.beta, phi: candidate.phi).map { min(max($0, -limit), limit) }
      var steps = unitSteps, lower = free, upper = unbounded
      start.append(candidate.level0); steps.append(0.05 * max(abs(candidate.level0), 0.1))
      if form.hasTrend { start.append(candidate.trend0); steps.append(0.05 * max(abs(candidate.trend0), 0.05)) }
      lower.append(contentsOf: [Double](repeating: -.infinity, count: start.count - d))
      upper.append(contentsOf: [Double](repeating: .infinity, count: start.count - d))
      let result = fullOptimizer.minimize(start: start, steps: steps, lower: lower, upper: upper) { objective(unpack($0)) }
      if result.value.isFinite, result.value < best?.1 ?? .infinity { best = (unpack(result.x), result.value) }
    }
    return best
  }
}
