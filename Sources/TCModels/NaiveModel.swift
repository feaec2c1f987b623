import Foundation

/// The naive forecast: every future value equals the last observation (a random walk).
///
/// Residual variance is the mean of squared first differences (divisor `n - 1`); intervals are
/// `y_n ± z σ √h`. A constant series gives a flat forecast with zero-width intervals.
public struct NaiveModel: ForecastModel {
  public var name: String { "naive" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, model: name)
    var sse = 0.0
    for t in 1..<y.count { sse += (y[t] - y[t - 1]) * (y[t] - y[t - 1]) }
    return Fitted(last: y[y.count - 1], sumOfSquares: sse, differences: y.count - 1)
  }

  /// A naive model fitted to a series.
  public struct Fitted: FittedModel {
    public var name: String { "naive" }
    /// The last observation, repeated as the forecast.
    public let last: Double
    let sumOfSquares: Double
    let differences: Int

    public var parameters: [String: Double] { ["last": last, "sigma": residualVariance.squareRoot()] }
    public var residualVariance: Double { sumOfSquares / Double(differences) }
    public var logLikelihood: Double? { gaussianLogLikelihood(sumOfSquares: sumOfSquares, count: differences) }
    public var aicc: Double? { correctedAIC(logLikelihood: logLikelihood, parameterCount: 1, count: differences) }

    public func pointForecast(horizon: Int) -> [Double] {
      [Double](repeating: last, count: max(0, horizon))
    }

    public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
      let sigma = residualVariance.squareRoot()
      let sd = (0..<max(0, horizon)).map { sigma * Double($0 + 1).squareRoot() }
      return gaussianIntervals(mean: pointForecast(horizon: horizon), standardDeviation: sd, levels: levels)
    }

    public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
      let sigma = residualVariance.squareRoot()
      return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
        var level = last
        for h in 0..<horizon {
          level += sigma * stream.nextNormal()
          path[h] = level
        }
      }
    }
  }
}
