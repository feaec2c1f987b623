import Foundation

/// Linear time trend `y_t = a + b t + e_t`, `t = 1...n`, fitted by ordinary least squares.
///
/// Prediction intervals include parameter uncertainty and use Student t quantiles with
/// `n - 2` degrees of freedom: `ŷ ± t σ √(1 + x₀ᵀ(XᵀX)⁻¹x₀)`, `σ² = RSS / (n - 2)`.
/// An exactly linear (or constant) series gives zero-width intervals.
public struct LinearTrendModel: ForecastModel {
  public var name: String { "linear_trend" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, model: name)
    return Fitted(regression: try TrendRegression(y, model: name))
  }

  /// A linear trend fitted to a series.
  public struct Fitted: FittedModel {
    public var name: String { "linear_trend" }
    let regression: TrendRegression

    public var parameters: [String: Double] { ["intercept": regression.intercept, "slope": regression.slope] }
    public var residualVariance: Double { regression.residualVariance }
    public var logLikelihood: Double? { regression.logLikelihood }
    public var aicc: Double? { correctedAIC(logLikelihood: logLikelihood, parameterCount: 3, count: regression.count) }

    public func pointForecast(horizon: Int) -> [Double] {
      horizon > 0 ? (1...horizon).map(regression.mean(step:)) : []
    }

    public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
      regression.intervals(horizon: horizon, levels: levels)
    }

    public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
      regression.simulate(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset)
    }
  }
}
