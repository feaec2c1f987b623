import Foundation
import TCRandom

/// Symmetric intervals `mean ± q(level) · sd` for each level, where `q` is the two-sided
/// quantile (normal by default, Student t when `degreesOfFreedom` is given).
func gaussianIntervals(
  mean: [Double], standardDeviation sd: [Double], levels: [Double], degreesOfFreedom: Double? = nil
) -> [ForecastInterval] {
  levels.map { level in
    precondition(ForecastInterval.isValidLevel(level), "interval level must be in (0, 100)")
    let p = 0.5 + level / 200
    let q = degreesOfFreedom.map { Distribution.studentT(df: $0, location: 0, scale: 1).quantile(p) }
      ?? NormalDistribution.quantile(p)
    var lower = mean, upper = mean
    for h in mean.indices {
      lower[h] -= q * sd[h]
      upper[h] += q * sd[h]
    }
    return ForecastInterval(level: level, lower: lower, upper: upper)
  }
}

/// The exponential of each bound: intervals of a model fitted to logarithms.
func exponentiated(_ intervals: [ForecastInterval]) -> [ForecastInterval] {
  intervals.map { ForecastInterval(level: $0.level, lower: $0.lower.map(exp), upper: $0.upper.map(exp)) }
}

/// Gaussian log-likelihood of `n` residuals with maximum-likelihood variance `sse / n`;
/// `nil` for a perfect fit, whose likelihood is unbounded.
func gaussianLogLikelihood(sumOfSquares sse: Double, count n: Int) -> Double? {
  guard sse > 0, n > 0 else { return nil }
  let nd = Double(n)
  return -0.5 * nd * (log(2 * Double.pi * sse / nd) + 1)
}

/// AICc for `k` estimated parameters (counting the error variance) and `n` observations.
func correctedAIC(logLikelihood: Double?, parameterCount k: Int, count n: Int) -> Double? {
  guard let logLikelihood, n - k - 1 > 0 else { return nil }
  let kd = Double(k)
  return -2 * logLikelihood + 2 * kd + 2 * kd * (kd + 1) / Double(n - k - 1)
}

/// Runs `body` once per path with that path's own random stream, so results do not depend on
/// how paths are split across threads. `body` fills the path's `horizon` values.
func simulatePaths(
  horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64,
  _ body: (inout RandomStream, inout [Double]) -> Void
) -> [[Double]] {
  guard horizon > 0, paths > 0 else { return [] }
  var result: [[Double]] = []
  result.reserveCapacity(paths)
  var path = [Double](repeating: 0, count: horizon)
  for i in 0..<paths {
    var stream = RandomStream(seed: seed, stream: streamID(streamOffset, UInt64(i)))
    body(&stream, &path)
    result.append(path)
  }
  return result
}
