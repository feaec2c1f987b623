import Foundation

/// Exponential trend `log y_t = a + b t + e_t`, fitted by least squares on logarithms.
///
/// Positive data only. Point forecasts are the back-transformed log-scale means, `exp(a + b t)`,
/// i.e. forecast *medians*; intervals are the exponentials of the log-scale t intervals (see
/// `LinearTrendModel`). `growthRate = exp(b) - 1` is the fitted constant annual growth.
/// The likelihood and AICc are on the original scale (log-scale likelihood minus `Σ log y_t`),
/// so they compare with models fitted to `y` itself.
public struct LogLinearTrendModel: ForecastModel {
  public var name: String { "loglinear_trend" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, requirePositive: true, model: name)
    let logs = y.map { log($0) }
    return Fitted(regression: try TrendRegression(logs, model: name), logJacobian: logs.reduce(0, +))
  }

  /// An exponential trend fitted to a series.
  public struct Fitted: FittedModel {
    public var name: String { "loglinear_trend" }
    let regression: TrendRegression
    let logJacobian: Double

    public var parameters: [String: Double] {
      ["intercept": regression.intercept, "slope": regression.slope, "growthRate": expm1(regression.slope)]
    }
    /// Residual variance on the log scale, divisor `n - 2`.
    public var residualVariance: Double { regression.residualVariance }
    public var logLikelihood: Double? { regression.logLikelihood.map { $0 - logJacobian } }
    public var aicc: Double? { correctedAIC(logLikelihood: logLikelihood, parameterCount: 3, count: regression.count) }

    public func pointForecast(horizon: Int) -> [Double] {
      horizon > 0 ? (1...horizon).map { exp(regression.mean(step: $0)) } : []
    }

    public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
      exponentiated(regression.intervals(horizon: horizon, levels: levels))
    }

    public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
      regression.simulate(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset)
        .map { $0.map(exp) }
    }
  }
}
