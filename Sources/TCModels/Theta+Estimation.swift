import Foundation

/// The Theta models as state-space models (Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler
/// 2016, "Models for optimising the theta method and their relationship to state space models",
/// IJF 32(4)):
///
///     y_t = μ_t + ε_t,
///     μ_t = ℓ_{t-1} + c · [(1-α)^{t-1} A_{t-1} + (1 - (1-α)^t)/α · B_{t-1}],   c = 1 - 1/θ,
///     ℓ_t = α y_t + (1-α) ℓ_{t-1},
///
/// with A, B the intercept and slope of a least-squares line of y on time (`ThetaLine`): the
/// line of all n values for the standard models (STM θ = 2, OTM θ estimated), or the line of
/// y_1...y_{t-1}, updated each year, for the dynamic ones (DSTM θ = 2, DOTM θ estimated; there
/// μ_1 = y_1, as no line exists before the first value). θ = 2 with the fixed line is the Theta
/// method of Assimakopoulos & Nikolopoulos (2000), i.e. simple exponential smoothing with drift
/// B_n/2 (Hyndman & Billah 2003). Forecasts run the recursion on with y replaced by μ.
///
/// Estimation minimizes the sum of squared one-step errors e_t = y_t - μ_t for t > `burnIn`.
/// For a given α the errors are affine in ℓ₀ and in c (the line only depends on the data), so
/// both are solved exactly by least squares (c kept in [0, 1), i.e. θ ≥ 1); α ∈ [0.1, 0.99] (the
/// bounds of Fiorucci's forecTheta and of statsforecast) is searched on a grid of step 0.01 and
/// refined by golden section around the best grid point.
struct ThetaFit: Sendable {
  var alpha: Double
  var c: Double
  var level0: Double
  /// One-step errors before this index (0-based) are left out of the fit.
  var burnIn: Int
  /// The line after the last value (for the fixed line, A_n and B_n).
  var line: ThetaLine
  /// ℓ_n.
  var finalLevel: Double
  /// Σe² over the fitted errors.
  var sumOfSquares: Double
  /// Number of values, n.
  var count: Int

  var theta: Double { 1 / (1 - c) }
  var intercept: Double { line.intercept }
  var slope: Double { line.slope }
  /// Errors in `sumOfSquares`.
  var fittedCount: Int { count - Self.firstFitted(dynamic: line.dynamic, burnIn: burnIn) }

  static let alphaBounds = (lower: 0.1, upper: 0.99)
  /// Errors left out by the dynamic models: their first three predictions come from lines
  /// through one, two and three values.
  static let dynamicBurnIn = 3
  /// c = 1 - 1/θ stays below 1 so θ stays finite (θ ≤ 1e8).
  static let maximumC = 1 - 1e-8

  /// The first error that counts: the dynamic line's first prediction is y_1 itself.
  static func firstFitted(dynamic: Bool, burnIn: Int) -> Int { max(burnIn, dynamic ? 1 : 0) }

  /// The line a fit to `y` starts from.
  static func startLine(_ y: [Double], dynamic: Bool) -> ThetaLine {
    dynamic ? .dynamicStart : .fixed(y)
  }

  /// Fits α and ℓ₀ (and c unless `fixedC` is given) to `y` (n ≥ burnIn + 2, finite values).
  static func fit(_ y: [Double], fixedC: Double?, dynamic: Bool = false, burnIn: Int = 0) -> ThetaFit {
    let start = startLine(y, dynamic: dynamic)
    let first = firstFitted(dynamic: dynamic, burnIn: burnIn)
    // The line before each value depends on the data only, not on α: computed once.
    var intercepts = [Double](), slopes = [Double]()
    var line = start
    for value in y {
      intercepts.append(line.intercept)
      slopes.append(line.slope)
      line.absorb(value)
    }
    let lines = ThetaLines(y: y, intercepts: intercepts, slopes: slopes, first: first)
    typealias Candidate = (alpha: Double, level0: Double, c: Double, sse: Double)
    func profile(_ alpha: Double) -> Candidate {
      let (level0, c) = lines.solveLinear(alpha: alpha, fixedC: fixedC)
      return (alpha, level0, c, lines.sumOfSquares(alpha: alpha, c: c, level0: level0))
    }
    let (lo, hi) = alphaBounds
    let step = 0.01
    let gridCount = Int(((hi - lo) / step).rounded()) + 1
    var best = profile(lo)
    var bestIndex = 0
    for k in 1..<gridCount {
      let candidate = profile(min(hi, lo + Double(k) * step))
      if candidate.sse < best.sse {
        best = candidate
        bestIndex = k
      }
    }
    // Golden section on the two grid cells around the best point (the profile is smooth).
    var a = max(lo, lo + Double(bestIndex - 1) * step), b = min(hi, lo + Double(bestIndex + 1) * step)
    let ratio = (5.0.squareRoot() - 1) / 2
    var x1 = b - ratio * (b - a), x2 = a + ratio * (b - a)
    var f1 = profile(x1), f2 = profile(x2)
    while b - a > 1e-9 {
      if f1.sse <= f2.sse {
        (b, x2, f2) = (x2, x1, f1)
        x1 = b - ratio * (b - a)
        f1 = profile(x1)
      } else {
        (a, x1, f1) = (x1, x2, f2)
        x2 = a + ratio * (b - a)
        f2 = profile(x2)
      }
    }
    for candidate in [f1, f2] where candidate.sse < best.sse { best = candidate }
    return evaluate(y.span, line: start, burnIn: burnIn, alpha: best.alpha, c: best.c, level0: best.level0)
  }

  /// The model with given parameters on `y`: final state and Σe² of the fitted errors.
  static func evaluate(
    _ y: [Double], alpha: Double, c: Double, level0: Double, dynamic: Bool = false, burnIn: Int = 0
  ) -> ThetaFit {
    evaluate(y.span, line: startLine(y, dynamic: dynamic), burnIn: burnIn, alpha: alpha, c: c, level0: level0)
  }

  static func evaluate(
    _ y: Span<Double>, line start: ThetaLine, burnIn: Int, alpha: Double, c: Double, level0: Double
  ) -> ThetaFit {
    let first = firstFitted(dynamic: start.dynamic, burnIn: burnIn)
    var level = level0, sse = 0.0, decay = 1.0  // decay = (1-α)^i
    var line = start
    for i in y.indices {
      let value = y[i]
      if i >= first {
        let e = value - level - c * line.drift(decay: decay, alpha: alpha)
        sse += e * e
      }
      level = alpha * value + (1 - alpha) * level
      line.absorb(value)
      decay *= 1 - alpha
    }
    return ThetaFit(alpha: alpha, c: c, level0: level0, burnIn: burnIn, line: line,
                    finalLevel: level, sumOfSquares: sse, count: y.count)
  }

  /// Residual variance `Σe²/(m - k)`, m the fitted errors, `k` the estimated parameters
  /// (ℓ₀, α, and θ for OTM/DOTM).
  func residualVariance(estimated k: Int) -> Double {
    let scale = max(1, line.intercept * line.intercept, finalLevel * finalLevel)
    return sumOfSquares <= Double(count) * 1e-20 * scale ? 0 : sumOfSquares / Double(fittedCount - k)
  }
}

/// The data of one fit with the line before each value precomputed: what each trial α needs.
struct ThetaLines {
  let y: [Double]
  let intercepts: [Double]
  let slopes: [Double]
  /// The first error that counts.
  let first: Int

  /// Least-squares ℓ₀ and c for a given α: e_i = r_i - (1-α)^i ℓ₀ - c g_i over i ≥ `first`, with
  /// r the errors of the recursion started at ℓ₀ = 0 without drift (or with `fixedC`'s drift).
  func solveLinear(alpha: Double, fixedC: Double?) -> (level0: Double, c: Double) {
    let (y, intercepts, slopes) = (self.y.span, self.intercepts.span, self.slopes.span)
    var level = 0.0, decay = 1.0
    var s11 = 0.0, s12 = 0.0, s22 = 0.0, r1 = 0.0, r2 = 0.0
    let c0 = fixedC ?? 0, inverseAlpha = 1 / alpha
    for i in y.indices {
      let value = y[i]
      if i >= first {
        let g = decay * intercepts[i] + (1 - decay * (1 - alpha)) * inverseAlpha * slopes[i]
        let r = value - level - c0 * g
        s11 += decay * decay; s12 += decay * g; s22 += g * g
        r1 += decay * r; r2 += g * r
      }
      level = alpha * value + (1 - alpha) * level
      decay *= 1 - alpha
    }
    // With c fixed the residual is r - c g (r already without fixedC's drift); ℓ₀ = Σ d (r - c g) / Σ d².
    func levelOnly(_ c: Double) -> (Double, Double) { ((r1 - c * s12) / s11, c) }
    if let fixedC { return (levelOnly(0).0, fixedC) }
    let det = s11 * s22 - s12 * s12
    // d and g collinear (no slope): only ℓ₀ + c·A is identified; take θ = 1 (pure SES).
    guard det > 1e-12 * s11 * s22 else { return levelOnly(0) }
    let c = (s11 * r2 - s12 * r1) / det
    if c < 0 { return levelOnly(0) }
    if c > ThetaFit.maximumC { return levelOnly(ThetaFit.maximumC) }
    return ((s22 * r1 - s12 * r2) / det, c)
  }

  /// Σe² of the fitted errors, by running the recursion (not from the normal equations, whose
  /// cancellation loses digits when ℓ₀ is barely identified).
  func sumOfSquares(alpha: Double, c: Double, level0: Double) -> Double {
    let (y, intercepts, slopes) = (self.y.span, self.intercepts.span, self.slopes.span)
    var level = level0, decay = 1.0, sse = 0.0
    let inverseAlpha = 1 / alpha
    for i in y.indices {
      let value = y[i]
      if i >= first {
        let g = decay * intercepts[i] + (1 - decay * (1 - alpha)) * inverseAlpha * slopes[i]
        let e = value - level - c * g
        sse += e * e
      }
      level = alpha * value + (1 - alpha) * level
      decay *= 1 - alpha
    }
    return sse
  }
}
