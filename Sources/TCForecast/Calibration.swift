import Foundation
import TCRandom

/// Calibrated predictive distributions from pooled rolling-origin errors.
///
/// For every series and every origin `t` inside its history (at least 3 values, `t < T`), the
/// method's forecast from the first `t` values is compared with what happened, step by step. For
/// a positive series the error is `log(y[t+h] / f)` divided by the series' volatility factor
/// `s_i = clamp(v_i / median(v), 1/κ, κ)^γ`, `v_i` the mean absolute yearly change of `log y`.
/// The standardized errors are pooled across series per step, each series weighted equally
/// (weight `1 / n_i` for its `n_i` errors at that step). The predictive distribution of series
/// `i` at step `h` is then `f_h · exp(s_i · E_h)`, `E_h` the pooled errors: intervals and
/// quantiles are its weighted quantiles, growth probabilities its exceedance probabilities.
///
/// `γ = 0` gives plain relative errors (every series gets the same relative width); `γ = 1`
/// scales by each series' own volatility. The clamp keeps a calm series' standardized errors
/// from exploding when applied to a volatile one. `γ` is chosen per panel on a validation split.
///
/// Each series' errors are also weighted by recency: the error from origin `t` at step `h` gets
/// weight `0.5^((T − h − t) / halfLife)` before the per-series normalisation, so the latest years
/// count most (chosen per panel with `γ`; infinite half-life = equal weights).
///
/// Series with a value `<= 0` use additive errors `(y − f) / d_i` instead, `d_i` the mean
/// absolute yearly change, pooled the same way over all series. A step with fewer than 20
/// checked forecasts in the whole panel uses a Gaussian random-walk spread instead.
struct Calibration: Sendable {
  static let clamp = 4.0

  var logPools: [PooledErrors]
  var additivePools: [PooledErrors]
  var logScale: [Double]
  var additiveScale: [Double]

  init(workspace: PanelWorkspace, forecasts: [RollingForecasts], exponent: Double, halfLife: Double = .infinity) {
    let n = workspace.values.count
    let horizon = workspace.horizon
    let volatility = workspace.logValues.map { logY -> Double? in
      guard let logY, logY.count > 1 else { return nil }
      var sum = 0.0
      for t in 1..<logY.count { sum += abs(logY[t] - logY[t - 1]) }
      return sum / Double(logY.count - 1)
    }
    let known = volatility.compactMap { $0 }.sorted()
    let median = known.isEmpty ? 0 : known[known.count / 2]
    logScale = volatility.map { v in
      guard let v, median > 0 else { return 1 }
      let r = min(max(v / median, 1 / Self.clamp), Self.clamp)
      return pow(r, exponent)
    }
    additiveScale = workspace.values.map { y in
      var sum = 0.0
      for t in 1..<y.count { sum += abs(y[t] - y[t - 1]) }
      let d = sum / Double(y.count - 1)
      return d > 0 ? d : max(abs(y.last!), 1) * 0.01
    }
    let needAdditive = workspace.logValues.contains { $0 == nil }
    var logErrors = [[Double]](repeating: [], count: horizon), logWeights = logErrors
    var addErrors = logErrors, addWeights = logErrors
    for i in 0..<n {
      let y = workspace.values[i]
      let f = forecasts[i]
      let origins = RollingForecasts.firstOrigin..<y.count
      guard !origins.isEmpty else { continue }
      for h in 1...horizon {
        let count = max(0, y.count - h - RollingForecasts.firstOrigin + 1)
        guard count > 0 else { continue }
        let latest = y.count - h
        var total = 0.0
        for t in origins where t <= latest && f[origin: t, step: h].isFinite {
          total += pow(0.5, Double(latest - t) / halfLife)
        }
        for t in origins where t <= latest && f[origin: t, step: h].isFinite {
          let w = pow(0.5, Double(latest - t) / halfLife) / total
          let actual = y[t + h - 1], forecast = f[origin: t, step: h]
          if workspace.logValues[i] != nil {
            logErrors[h - 1].append(Foundation.log(actual / forecast) / logScale[i])
            logWeights[h - 1].append(w)
          }
          if needAdditive {
            addErrors[h - 1].append((actual - forecast) / additiveScale[i])
            addWeights[h - 1].append(w)
          }
        }
      }
    }
    logPools = (0..<horizon).map { PooledErrors(values: logErrors[$0], weights: logWeights[$0]) }
    additivePools = (0..<horizon).map { PooledErrors(values: addErrors[$0], weights: addWeights[$0]) }
    // Too few checked forecasts cannot support a 95% interval (split conformal needs at least
    // 19); such steps get a Gaussian random-walk spread instead, sd = 1.25 · typical yearly change
    // · √h (1.25 turns a mean absolute deviation into a standard deviation).
    let typical = max(median, 0.01)
    for h in 0..<horizon {
      if logErrors[h].count < Self.minimumPool { logPools[h] = Self.gaussianPool(sd: 1.25 * typical * Double(h + 1).squareRoot()) }
      if addErrors[h].count < Self.minimumPool { additivePools[h] = Self.gaussianPool(sd: 1.25 * Double(h + 1).squareRoot()) }
    }
  }

  static let minimumPool = 20

  /// 200 equally weighted normal quantiles: a Gaussian in the form of a pool.
  static func gaussianPool(sd: Double) -> PooledErrors {
    let k = 200
    let values = (0..<k).map { sd * NormalDistribution.quantile((Double($0) + 0.5) / Double(k)) }
    return PooledErrors(values: values, weights: Array(repeating: 1, count: k))
  }

  /// The predictive distribution of series `i` around its final point forecast `f`.
  func predictive(series i: Int, forecast f: [Double], lastValue: Double, positive: Bool) -> Predictive {
    Predictive(
      point: f, lastValue: lastValue, isLog: positive, scale: positive ? logScale[i] : additiveScale[i],
      pools: positive ? logPools : additivePools)
  }
}

/// One series' predictive distribution per step (see `Calibration`).
struct Predictive: Sendable {
  let point: [Double]
  let lastValue: Double
  let isLog: Bool
  let scale: Double
  let pools: [PooledErrors]

  /// The `tau`-quantile at step `h` (1-based); always finite.
  func quantile(_ tau: Double, step h: Int) -> Double {
    let e = pools[h - 1].quantile(tau)
    let value = isLog ? point[h - 1] * exp(min(max(scale * e, -700), 700)) : point[h - 1] + scale * e
    return value.isFinite ? value : point[h - 1]
  }

  /// `P(Y_h >= threshold)`.
  func exceedance(_ threshold: Double, step h: Int) -> Double {
    let e: Double
    if isLog {
      guard threshold > 0 else { return 1 }
      e = Foundation.log(threshold / point[h - 1]) / scale
    } else {
      e = (threshold - point[h - 1]) / scale
    }
    guard e.isFinite else { return e > 0 ? 0 : 1 }
    return min(max(1 - pools[h - 1].cdf(e), 0), 1)
  }
}
