import Foundation

/// Forecast accuracy metrics, defined as in `benchmarks/peers/metrics.py` (M4 conventions).
///
/// Per series the metrics are means over the steps of the held-out part; `scale` is the mean
/// absolute yearly change of the training part (Hyndman & Koehler 2006, seasonal period 1).
public enum AccuracyMetrics {
  /// Grid of quantile levels for the CRPS approximation: 0.05, 0.10, …, 0.95.
  public static let crpsLevels: [Double] = (1...19).map { Double($0) * 0.05 }

  /// Mean absolute yearly change of `training`: the MASE/MSIS/CRPS denominator.
  ///
  /// A constant history has none; a tiny positive stand-in (1e-6 of its level, at least 1e-6)
  /// keeps the scaled metrics finite, and they are then very large, as they should be.
  public static func naiveScale(_ training: [Double]) -> Double {
    guard training.count > 1 else { return 1 }
    var sum = 0.0
    for t in 1..<training.count { sum += abs(training[t] - training[t - 1]) }
    let d = sum / Double(training.count - 1)
    return d > 0 ? d : max(abs(training.last!), 1) * 1e-6
  }

  /// sMAPE in percent: mean of `200·|y − f| / (|y| + |f|)` (0 where both are 0).
  public static func smape(actual: [Double], forecast: [Double]) -> Double {
    mean(zip(actual, forecast).map { y, f in
      let d = abs(y) + abs(f)
      return d > 0 ? 200 * abs(y - f) / d : 0
    })
  }

  /// MASE: mean `|y − f| / scale`.
  public static func mase(actual: [Double], forecast: [Double], scale: Double) -> Double {
    mean(zip(actual, forecast).map { abs($0 - $1) }) / scale
  }

  /// Share of steps with `lower <= y <= upper`.
  public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
    mean(actual.indices.map { actual[$0] >= lower[$0] && actual[$0] <= upper[$0] ? 1 : 0 })
  }

  /// MSIS (M4): mean `[(U − L) + 2/α·(L − y)·1{y < L} + 2/α·(y − U)·1{y > U}] / scale`.
  public static func msis(actual: [Double], lower: [Double], upper: [Double], scale: Double, alpha: Double = 0.05) -> Double {
    mean(actual.indices.map { i in
      let (y, l, u) = (actual[i], lower[i], upper[i])
      return (u - l) + (y < l ? 2 / alpha * (l - y) : 0) + (y > u ? 2 / alpha * (y - u) : 0)
    }) / scale
  }

  /// Pinball loss of quantile forecast `q` at level `tau` for outcome `y`.
  public static func pinball(_ q: Double, _ y: Double, tau: Double) -> Double {
    y >= q ? (y - q) * tau : (q - y) * (1 - tau)
  }

  /// Scaled CRPS approximation: mean over steps of `2 · mean_τ pinball_τ` / scale.
  ///
  /// - Parameter quantiles: `quantiles[j][h]` at level `taus[j]`.
  public static func scaledCRPS(actual: [Double], quantiles: [[Double]], taus: [Double], scale: Double) -> Double {
    mean(actual.indices.map { h in
      2 * mean(taus.indices.map { pinball(quantiles[$0][h], actual[h], tau: taus[$0]) })
    }) / scale
  }

  /// Frequency of `y[t+k] >= ratio·y[t]` over every window of every training part (the base
  /// rate a growth probability must beat).
  public static func baseRate(_ trainings: [[Double]], steps k: Int, ratio: Double) -> Double {
    var hits = 0, count = 0
    for y in trainings where y.count > k {
      for t in 0..<(y.count - k) {
        count += 1
        if y[t + k] >= ratio * y[t] { hits += 1 }
      }
    }
    return count > 0 ? Double(hits) / Double(count) : 0.5
  }

  static func mean(_ x: [Double]) -> Double {
    x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count)
  }
}
