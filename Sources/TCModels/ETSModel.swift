import Foundation

/// Non-seasonal exponential smoothing state-space model ETS(E,T,N) for annual data.
///
/// Error additive (A) or multiplicative (M); trend none (N), additive (A) or additive damped
/// (Ad). Fitted by maximum likelihood as in Hyndman et al. (2008), *Forecasting with
/// Exponential Smoothing*: smoothing parameters in the usual region 1e-4 ≤ α ≤ 0.9999,
/// 1e-4 ≤ β ≤ α, 0.8 ≤ φ ≤ 0.98, initial states estimated too. Additive-error forms profile the
/// initial states out exactly (they enter the errors linearly).
///
/// Intervals are analytic with normal quantiles: for additive error the class-1 variance
/// `σ²(1 + Σ_{j<h} c_j²)`, `c_j = α + β φ_j`, `φ_j = φ + … + φ^j`; for multiplicative error the
/// class-2 variance (Hyndman et al. 2008, §6.3) `(1 + σ²) θ_h - μ_h²` with
/// `θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h-j}`. Residual variance σ² is `Σe²/(n - k)`, `k` the
/// number of estimated smoothing parameters and initial states.
///
/// A constant series gives a flat forecast with zero-width intervals (no likelihood). A form
/// needs `k + 2` values (ANN 4, AAN 6, AAdN 7), so that its AICc is defined.
public struct ETSModel: ForecastModel {
  /// How the error enters: added to, or proportional to, the one-step mean.
  public enum ErrorComponent: String, Sendable, CaseIterable { case additive = "A", multiplicative = "M" }
  /// The trend component.
  public enum TrendComponent: String, Sendable, CaseIterable { case none = "N", additive = "A", damped = "Ad" }

  public let error: ErrorComponent
  public let trend: TrendComponent

  /// Creates a specification, e.g. `ETSModel(error: .additive, trend: .damped)` for ETS(A,Ad,N).
  public init(error: ErrorComponent = .additive, trend: TrendComponent = .none) {
    self.error = error
    self.trend = trend
  }

  /// The six non-seasonal forms without multiplicative trend, simplest first.
  public static let nonSeasonal: [ETSModel] = ErrorComponent.allCases.flatMap { e in
    TrendComponent.allCases.map { ETSModel(error: e, trend: $0) }
  }

  var form: ETSForm {
    ETSForm(multiplicativeError: error == .multiplicative, hasTrend: trend != .none, damped: trend == .damped)
  }

  /// `ets_` and the lower-cased components, `_damped` for a damped trend: `ets_aan_damped`.
  public var name: String {
    "ets_" + error.rawValue.lowercased() + (trend == .none ? "n" : "a") + "n" + (trend == .damped ? "_damped" : "")
  }

  /// The conventional label, e.g. `ETS(A,Ad,N)`.
  public var method: String { "ETS(\(error.rawValue),\(trend.rawValue),N)" }

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try fitETS(y, alias: name)
  }

  /// - Parameter additiveStart: for a multiplicative-error form, the additive-error fit of the
  ///   same trend form on the same series, used as the starting point.
  func fitETS(_ y: [Double], alias: String, additiveStart: Fitted? = nil) throws(ModelError) -> Fitted {
    let form = self.form
    try validateSeries(y, minimumCount: form.estimatedCount + 2, requirePositive: form.multiplicativeError, model: name)
    if y.allSatisfy({ $0 == y[0] }) {
      let p = ETSParameters(alpha: ETSBounds.alpha.upper, beta: form.hasTrend ? ETSBounds.beta.lower : 0,
                            phi: form.damped ? ETSBounds.phi.upper : 1, level0: y[0], trend0: 0)
      return Fitted(y: y, form: form, parameters: p, alias: alias, method: method)
    }
    // Unit mean absolute value keeps the optimizer's steps and floors meaningful for any units.
    let scale = y.reduce(0) { $0 + abs($1) } / Double(y.count)
    var start = additiveStart?.fitted
    start?.level0 /= scale
    start?.trend0 /= scale
    guard scale > 0, let (p, _) = ETSEstimation.fit(scaled: y.map { $0 / scale }, form: form, additiveStart: start) else {
      throw .notConverged(model: name)
    }
    var original = p
    original.level0 *= scale
    original.trend0 *= scale
    return Fitted(y: y, form: form, parameters: original, alias: alias, method: method)
  }

  /// An ETS model fitted to a series.
  public struct Fitted: FittedModel {
    public let name: String
    /// The fitted form, e.g. `ETS(M,Ad,N)`.
    public let method: String
    let form: ETSForm
    let fitted: ETSParameters
    let count: Int
    let sumOfSquares: Double
    let sumLogMean: Double
    let finalLevel: Double
    let finalTrend: Double
    let exactFit: Bool

    /// Evaluates a form with given parameters and initial states on `y` (no estimation).
    init(y: [Double], form: ETSForm, parameters: ETSParameters, alias: String, method: String) {
      name = alias
      self.method = method
      self.form = form
      fitted = parameters
      count = y.count
      let r = ETSEstimation.pass(y.span, form: form, parameters)
      sumOfSquares = r.admissible ? r.sumOfSquares : .infinity
      sumLogMean = r.sumLogMean
      finalLevel = r.level
      finalTrend = form.hasTrend ? r.trend : 0
      // Relative to the data's size, errors below 1e-10 are rounding: treat as an exact fit.
      let scale = form.multiplicativeError ? 1 : y.reduce(0) { max($0, abs($1)) }
      exactFit = r.sumOfSquares <= Double(y.count) * (1e-10 * scale) * (1e-10 * scale)
    }

    public var parameters: [String: Double] {
      var p = ["alpha": fitted.alpha, "level0": fitted.level0, "sigma2": residualVariance]
      if form.hasTrend { p["beta"] = fitted.beta; p["trend0"] = fitted.trend0 }
      if form.damped { p["phi"] = fitted.phi }
      return p
    }

    /// Variance of the one-step errors (relative errors for multiplicative error), `Σe²/(n - k)`.
    public var residualVariance: Double {
      exactFit || !sumOfSquares.isFinite ? 0 : sumOfSquares / Double(count - form.estimatedCount)
    }

    /// `-n/2 (log(2π Σe²/n) + 1) - Σ log|μ_t|` (last term for multiplicative error only). This is
    /// the forecast/statsforecast `loglik` (`-½ lik`) plus the constant `-n/2 (log(2π/n) + 1)`.
    public var logLikelihood: Double? {
      guard !exactFit, sumOfSquares.isFinite else { return nil }
      let n = Double(count)
      return -0.5 * n * (log(2 * Double.pi * sumOfSquares / n) + 1) - (form.multiplicativeError ? sumLogMean : 0)
    }

    public var aicc: Double? {
      correctedAIC(logLikelihood: logLikelihood, parameterCount: form.estimatedCount + 1, count: count)
    }

    /// Whether the one-step errors vanish (to rounding), as for a constant series.
    public var isExactFit: Bool { exactFit }

    public func pointForecast(horizon: Int) -> [Double] {
      var out = [Double](repeating: finalLevel, count: max(0, horizon))
      guard form.hasTrend else { return out }
      let phi = form.damped ? fitted.phi : 1
      var damping = 0.0, power = 1.0
      for h in out.indices {
        power *= phi
        damping += power
        out[h] += damping * finalTrend
      }
      return out
    }

    /// Forecast-error standard deviations for steps 1...horizon (see the type's documentation).
    func forecastStandardDeviations(horizon: Int) -> [Double] {
      guard horizon > 0 else { return [] }
      let sigma2 = residualVariance
      let phi = form.damped ? fitted.phi : 1
      var c2 = [Double](repeating: 0, count: horizon)  // c_j² for j = 1...horizon-1 at index j
      var damping = 0.0, power = 1.0
      for j in 1..<max(horizon, 1) {
        power *= phi
        damping += power
        let c = fitted.alpha + (form.hasTrend ? fitted.beta * damping : 0)
        c2[j] = c * c
      }
      if !form.multiplicativeError {
        var sum = 0.0
        return (0..<horizon).map { h in
          if h > 0 { sum += c2[h] }
          return (sigma2 * (1 + sum)).squareRoot()
        }
      }
      let mu = pointForecast(horizon: horizon)
      var theta = [Double](repeating: 0, count: horizon)
      var sd = [Double](repeating: 0, count: horizon)
      for h in 0..<horizon {
        var s = 0.0
        for j in stride(from: 1, through: h, by: 1) { s += c2[j] * theta[h - j] }
        theta[h] = mu[h] * mu[h] + sigma2 * s
        sd[h] = max(0, (1 + sigma2) * theta[h] - mu[h] * mu[h]).squareRoot()
      }
      return sd
    }

    public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
      gaussianIntervals(
        mean: pointForecast(horizon: horizon), standardDeviation: forecastStandardDeviations(horizon: horizon),
        levels: levels)
    }

    /// Paths from the state equations with Gaussian one-step errors of variance σ² (relative
    /// errors for multiplicative error).
    public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
      let sigma = residualVariance.squareRoot()
      let phi = form.hasTrend ? (form.damped ? fitted.phi : 1) : 0
      let alpha = fitted.alpha, beta = fitted.beta, multiplicative = form.multiplicativeError
      return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
        var level = finalLevel, trend = finalTrend
        for h in 0..<horizon {
          let mu = level + phi * trend
          let e = sigma * stream.nextNormal()
          let absolute = multiplicative ? mu * e : e
          path[h] = mu + absolute
          level = mu + alpha * absolute
          trend = phi * trend + beta * absolute
        }
      }
    }
  }
}
