/// The standard Theta method (Assimakopoulos & Nikolopoulos 2000) in its state-space form:
/// simple exponential smoothing with drift half the OLS slope (Hyndman & Billah 2003).
///
/// α ∈ [0.1, 0.99] and the initial level minimize the mean squared one-step error over all n
/// values (see `ThetaFit` for the equations). Intervals: `ŷ ± z σ √(1 + (h-1) α²)`,
/// `σ² = Σe²/(n - 2)`.
/// A constant series gives a flat forecast with zero-width intervals.
public struct ThetaModel: ForecastModel {
  public var name: String { "theta" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, model: name)
    return ThetaFitted(name: name, fit: ThetaFit.fit(y, fixedC: 0.5), estimated: 2)
  }
}

/// A Theta-family model fitted to a series (standard or optimized, fixed or dynamic line).
public struct ThetaFitted: FittedModel {
  public let name: String
  let fit: ThetaFit
  let estimated: Int

  public var parameters: [String: Double] {
    ["alpha": fit.alpha, "theta": fit.theta, "level0": fit.level0, "intercept": fit.intercept, "slope": fit.slope]
  }
  public var residualVariance: Double { fit.residualVariance(estimated: estimated) }
  /// Of the fitted errors (all n for the standard models, from the fourth for the dynamic ones).
  public var logLikelihood: Double? { gaussianLogLikelihood(sumOfSquares: residualVariance == 0 ? 0 : fit.sumOfSquares, count: fit.fittedCount) }
  /// Counts the estimated parameters plus σ (the line's A, B are treated as data summaries).
  public var aicc: Double? { correctedAIC(logLikelihood: logLikelihood, parameterCount: estimated + 1, count: fit.fittedCount) }

  public func pointForecast(horizon: Int) -> [Double] { fit.pointForecast(horizon: horizon) }

  public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
    gaussianIntervals(
      mean: pointForecast(horizon: horizon),
      standardDeviation: fit.standardDeviations(horizon: horizon, sigma2: residualVariance), levels: levels)
  }

  public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
    fit.simulate(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset, sigma: residualVariance.squareRoot())
  }
}
