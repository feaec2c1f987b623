import Foundation

/// Random walk with drift: `y_t = y_{t-1} + c + e_t`, with `c` the mean first difference.
///
/// With `T' = n - 1` differences, `ĉ = (y_n - y_1) / T'` and residual variance
/// `σ² = Σ (Δy_t - ĉ)² / (T' - 1)`. The h-step forecast error variance includes the drift's
/// estimation error `σ² h² / T'`, so intervals are `y_n + h ĉ ± z σ √(h (1 + h / T'))`
/// with the normal quantile `z` (as in Hyndman & Athanasopoulos, FPP3 §5.5, table 5.2).
public struct RandomWalkDriftModel: ForecastModel {
  public var name: String { "rwd" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, model: name)
    let differences = y.count - 1
    let drift = (y[y.count - 1] - y[0]) / Double(differences)
    var sse = 0.0
    for t in 1..<y.count {
      let e = y[t] - y[t - 1] - drift
      sse += e * e
    }
    return Fitted(last: y[y.count - 1], drift: drift, sumOfSquares: sse, differences: differences)
  }

  /// A random walk with drift fitted to a series.
  public struct Fitted: FittedModel {
    public var name: String { "rwd" }
    /// The last observation.
    public let last: Double
    /// The estimated drift per step.
    public let drift: Double
    let sumOfSquares: Double
    let differences: Int

    public var parameters: [String: Double] { ["drift": drift, "sigma": residualVariance.squareRoot()] }
    /// Residual variance with divisor `T' - 1` (one degree of freedom spent on the drift).
    public var residualVariance: Double { sumOfSquares / Double(differences - 1) }
    public var logLikelihood: Double? { gaussianLogLikelihood(sumOfSquares: sumOfSquares, count: differences) }
    public var aicc: Double? { correctedAIC(logLikelihood: logLikelihood, parameterCount: 2, count: differences) }

    public func pointForecast(horizon: Int) -> [Double] {
      (0..<max(0, horizon)).map { last + Double($0 + 1) * drift }
    }

    public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
      let sigma = residualVariance.squareRoot()
      let tPrime = Double(differences)
      let sd = (0..<max(0, horizon)).map { index -> Double in
        let h = Double(index + 1)
        return sigma * (h * (1 + h / tPrime)).squareRoot()
      }
      return gaussianIntervals(mean: pointForecast(horizon: horizon), standardDeviation: sd, levels: levels)
    }

    /// Each path first draws its own drift from the drift's sampling distribution
    /// `N(ĉ, σ²/T')`, then adds independent steps, so paths carry the same variance as the intervals.
    public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
      let sigma = residualVariance.squareRoot()
      let driftSD = sigma / Double(differences).squareRoot()
      return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
        let pathDrift = drift + driftSD * stream.nextNormal()
        var level = last
        for h in 0..<horizon {
          level += pathDrift + sigma * stream.nextNormal()
          path[h] = level
        }
      }
    }
  }
}
