import Foundation
import TCRandom
import TCStatistics

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
/// A reference panel's errors (see `ReferencePanel`) join each step's log pool with their own total
/// weight, multiplied by the file's empirical-Bayes scale ratio (`ErrorScaleShrinkage`). Each
/// positive series then spreads the pool about its median by its own empirical-Bayes factor
/// (`ErrorSample.seriesFactors`, `Predictive.spreads`).
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
  /// The volatility scale of each reference series (empty without a reference).
  var referenceScale: [Double] = []
  /// `seriesFactors[h][i]`: series `i`'s own empirical-Bayes scale factor at step `h + 1` for the
  /// log pools (file series, then reference series; see `ErrorSample.seriesFactors`).
  var seriesFactors: [[Double]] = []

  init(workspace: PanelWorkspace, forecasts: [RollingForecasts], exponent: Double, halfLife: Double = .infinity, reference: Reference? = nil) {
    self = Self.family(workspace: workspace, forecasts: forecasts, exponent: exponent, halfLives: [halfLife], reference: reference)[0]
  }

  private init(
    logPools: [PooledErrors], additivePools: [PooledErrors], logScale: [Double], additiveScale: [Double], referenceScale: [Double],
    seriesFactors: [[Double]]
  ) {
    self.seriesFactors = seriesFactors
    self.logPools = logPools
    self.additivePools = additivePools
    self.logScale = logScale
    self.additiveScale = additiveScale
    self.referenceScale = referenceScale
  }

  /// Calibrations for several half-lives at one exponent. The errors are collected and sorted
  /// once; only their weights differ between half-lives.
  static func family(
    workspace: PanelWorkspace, forecasts: [RollingForecasts], exponent: Double, halfLives: [Double],
    reference: Reference? = nil
  ) -> [Calibration] {
    let n = workspace.values.count
    let horizon = workspace.horizon
    func volatility(_ logY: [Double]?) -> Double? {
      guard let logY, logY.count > 1 else { return nil }
      var sum = 0.0
      for t in 1..<logY.count { sum += abs(logY[t] - logY[t - 1]) }
      return sum / Double(logY.count - 1)
    }
    let fileVolatility = workspace.logValues.map(volatility)
    let referenceVolatility = reference.map { $0.workspace.logValues.map(volatility) } ?? []
    // The median is over the file's and the reference's series alike, so a file's standardized
    // errors and the reference's are in the same units.
    let known = (fileVolatility + referenceVolatility).compactMap { $0 }.sorted()
    let median = known.isEmpty ? 0 : known[known.count / 2]
    func scale(_ v: Double?) -> Double {
      guard let v, median > 0 else { return 1 }
      let r = min(max(v / median, 1 / clamp), clamp)
      return pow(r, exponent)
    }
    let logScale = fileVolatility.map(scale)
    let additiveScale = workspace.values.map { y -> Double in
      var sum = 0.0
      for t in 1..<y.count { sum += abs(y[t] - y[t - 1]) }
      let d = sum / Double(y.count - 1)
      return d > 0 ? d : max(abs(y.last!), 1) * 0.01
    }
    let needAdditive = workspace.logValues.contains { $0 == nil }
    var logSamples = [ErrorSample](repeating: ErrorSample(), count: horizon)
    var addSamples = logSamples
    for i in 0..<n {
      let y = workspace.values[i]
      let f = forecasts[i]
      guard y.count > RollingForecasts.firstOrigin else { continue }
      for h in 1...horizon {
        let latest = y.count - h
        guard latest >= RollingForecasts.firstOrigin else { continue }
        for t in RollingForecasts.firstOrigin...latest {
          let forecast = f[origin: t, step: h]
          guard forecast.isFinite else { continue }
          let actual = y[t + h - 1]
          if workspace.logValues[i] != nil {
            logSamples[h - 1].append(Foundation.log(actual / forecast) / logScale[i], series: i, age: latest - t)
          }
          if needAdditive {
            addSamples[h - 1].append((actual - forecast) / additiveScale[i], series: i, age: latest - t)
          }
        }
      }
    }
    if let reference {
      // Positive series only (the reference panel has no other kind); numbered after the file's.
      for (r, logY) in reference.workspace.logValues.enumerated() {
        guard let logY, logY.count > RollingForecasts.firstOrigin else { continue }
        let s = scale(referenceVolatility[r]), f = reference.forecasts[r]
        for h in 1...horizon {
          let latest = logY.count - h
          guard latest >= RollingForecasts.firstOrigin else { continue }
          for t in RollingForecasts.firstOrigin...latest {
            let forecast = f[origin: t, step: h]
            guard forecast > 0, forecast.isFinite else { continue }
            logSamples[h - 1].append((logY[t + h - 1] - Foundation.log(forecast)) / s, series: n + r, age: latest - t)
          }
        }
      }
    }
    // Each file series weighs 1; the reference series share `reference.weight` between them.
    let referenceCount = reference?.workspace.values.count ?? 0
    let seriesWeights = [Double](repeating: 1, count: n)
      + [Double](repeating: referenceCount > 0 ? reference!.weight / Double(referenceCount) : 0, count: referenceCount)
    for h in 0..<horizon {
      logSamples[h].sort()
      addSamples[h].sort()
      logSamples[h].clampToFences()
      addSamples[h].clampToFences()
    }
    // Too few checked forecasts cannot support a 95% interval (split conformal needs at least
    // 19); such steps get a Gaussian random-walk spread instead, sd = 1.25 · typical yearly change
    // · √h (1.25 turns a mean absolute deviation into a standard deviation).
    let typical = max(median, 0.01)
    let referenceFrom = referenceCount > 0 ? n : nil
    return halfLives.map { halfLife in
      let logPools = (0..<horizon).map { h in
        logSamples[h].values.count < minimumPool
          ? gaussianPool(sd: 1.25 * typical * Double(h + 1).squareRoot())
          : logSamples[h].pool(halfLife: halfLife, seriesWeights: seriesWeights, referenceFrom: referenceFrom, step: h + 1)
      }
      return Calibration(
        logPools: logPools,
        additivePools: (0..<horizon).map { h in
          addSamples[h].values.count < minimumPool
            ? gaussianPool(sd: 1.25 * Double(h + 1).squareRoot())
            : addSamples[h].pool(halfLife: halfLife, seriesWeights: [Double](repeating: 1, count: n))
        },
        logScale: logScale, additiveScale: additiveScale, referenceScale: referenceVolatility.map(scale),
        seriesFactors: (0..<horizon).map { h in
          logSamples[h].values.count < minimumPool
            ? [Double](repeating: 1, count: n + referenceCount)
            : logSamples[h].seriesFactors(
              halfLife: halfLife, seriesCount: n + referenceCount, referenceFrom: referenceFrom, pool: logPools[h], step: h + 1)
        })
    }
  }

  static let minimumPool = 20

  /// Reference series with their rolling forecasts by the method being calibrated, and the total
  /// weight (in series) their errors get in the pool.
  struct Reference: Sendable {
    var workspace: PanelWorkspace
    var forecasts: [RollingForecasts]
    var weight: Double
  }

  /// 200 equally weighted normal quantiles: a Gaussian in the form of a pool.
  static func gaussianPool(sd: Double) -> PooledErrors {
    let k = 200
    let values = (0..<k).map { sd * NormalDistribution.quantile((Double($0) + 0.5) / Double(k)) }
    return PooledErrors(values: values, weights: Array(repeating: 1, count: k))
  }

  /// The predictive distribution of reference series `r` around its final point forecast `f`
  /// (reference series are positive).
  func referencePredictive(_ r: Int, forecast f: [Double], lastValue: Double) -> Predictive {
    let i = logScale.count + r
    return Predictive(point: f, lastValue: lastValue, isLog: true, scale: referenceScale[r], spreads: seriesFactors.map { $0[i] }, pools: logPools)
  }

  /// The predictive distribution of series `i` around its final point forecast `f`.
  func predictive(series i: Int, forecast f: [Double], lastValue: Double, positive: Bool) -> Predictive {
    Predictive(
      point: f, lastValue: lastValue, isLog: positive, scale: positive ? logScale[i] : additiveScale[i],
      spreads: positive ? seriesFactors.map { $0[i] } : [Double](repeating: 1, count: f.count),
      pools: positive ? logPools : additivePools)
  }
}

/// Standardized errors at one step with their series and age (years before the latest origin).
struct ErrorSample: Sendable {
  var values: [Double] = []
  var series: [Int] = []
  var ages: [Int] = []

  mutating func append(_ value: Double, series i: Int, age: Int) {
    values.append(value)
    series.append(i)
    ages.append(age)
  }

  /// Sorts by value (ties keep their collection order, so the result is deterministic).
  mutating func sort() {
    let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
    values = order.map { values[$0] }
    series = order.map { series[$0] }
    ages = order.map { ages[$0] }
  }

  /// Clamps the sorted errors to Tukey's far-out fences, `Q1 − 3·IQR` and `Q3 + 3·IQR`: an outlier
  /// year (a figure typed with a digit missing, a one-year collapse) gives forecast errors far
  /// outside the rest, and as they stand they would set the tails of every series' interval
  /// (a 95% upper bound of 10^29). Clamped, they still widen the tails, by at most 3 IQR. Keeps
  /// the order, so the sample stays sorted.
  mutating func clampToFences(_ k: Double = 3) {
    guard values.count >= 4 else { return }
    let (q1, q3) = (Quantile.sorted(values, 0.25), Quantile.sorted(values, 0.75))
    let (low, high) = (q1 - k * (q3 - q1), q3 + k * (q3 - q1))
    for i in values.indices { values[i] = min(max(values[i], low), high) }
  }

  /// The pool with weights `0.5^(age/halfLife)`, normalised to total `seriesWeights[i]` for
  /// series `i` (1 for a file's series).
  ///
  /// With `referenceFrom` (the number of the file's series; series numbered from it on are the
  /// reference's), the reference errors are first multiplied by `ErrorScaleShrinkage`'s factor
  /// for step `h`: the ratio of the file's mean absolute error to the reference's, shrunk by the
  /// file's effective error count against the reference's between-series spread.
  func pool(halfLife: Double, seriesWeights: [Double], referenceFrom n: Int? = nil, step h: Int = 1) -> PooledErrors {
    let decay = ages.map { pow(0.5, Double($0) / halfLife) }
    var totals = [Double](repeating: 0, count: seriesWeights.count)
    for k in decay.indices { totals[series[k]] += decay[k] }
    let weights = decay.indices.map { decay[$0] * seriesWeights[series[$0]] / totals[series[$0]] }
    guard let n else { return PooledErrors(sortedValues: values, weights: weights) }
    let factor = referenceScaleFactor(units(decay: decay, seriesCount: totals.count, step: h), fileSeries: n)
    guard factor != 1 else { return PooledErrors(sortedValues: values, weights: weights) }
    // Positive factor: each part stays sorted; merging the two keeps the whole sorted.
    var merged: [Double] = [], mergedWeights: [Double] = []
    merged.reserveCapacity(values.count)
    mergedWeights.reserveCapacity(values.count)
    let file = values.indices.filter { series[$0] < n }, reference = values.indices.filter { series[$0] >= n }
    var a = 0, b = 0
    while a < file.count || b < reference.count {
      let takeFile = b == reference.count || (a < file.count && values[file[a]] <= values[reference[b]] * factor)
      let k = takeFile ? file[a] : reference[b]
      merged.append(takeFile ? values[k] : values[k] * factor)
      mergedWeights.append(weights[k])
      if takeFile { a += 1 } else { b += 1 }
    }
    return PooledErrors(sortedValues: merged, weights: mergedWeights)
  }

  /// Each series' recency-weighted mean absolute error (about `center`) and effective error count at step `h`
  /// (Kish's count of its weights over `h`, for overlapping horizons); nil without errors.
  private func units(decay: [Double], seriesCount: Int, step h: Int, center: Double = 0) -> [ErrorScaleShrinkage.Unit?] {
    var totals = [Double](repeating: 0, count: seriesCount), absolute = totals, squares = totals
    for k in decay.indices {
      totals[series[k]] += decay[k]
      absolute[series[k]] += decay[k] * abs(values[k] - center)
      squares[series[k]] += decay[k] * decay[k]
    }
    return (0..<seriesCount).map { i in
      totals[i] > 0 ? .init(meanAbsolute: absolute[i] / totals[i], effectiveCount: totals[i] * totals[i] / squares[i] / Double(h)) : nil
    }
  }

  /// `ErrorScaleShrinkage.factor` for the reference errors (series `>= n`) at step `h`: the
  /// file's mean absolute error (its series weighing alike) and summed effective count against
  /// the reference's mean.
  private func referenceScaleFactor(_ units: [ErrorScaleShrinkage.Unit?], fileSeries n: Int) -> Double {
    let fileUnits = units.prefix(n).compactMap { $0 }, referenceUnits = units.dropFirst(n).compactMap { $0 }
    guard !fileUnits.isEmpty, !referenceUnits.isEmpty else { return 1 }
    let file = ErrorScaleShrinkage.Unit(
      meanAbsolute: fileUnits.reduce(0) { $0 + $1.meanAbsolute } / Double(fileUnits.count),
      effectiveCount: fileUnits.reduce(0) { $0 + $1.effectiveCount })
    let reference = referenceUnits.reduce(0) { $0 + $1.meanAbsolute } / Double(referenceUnits.count)
    return ErrorScaleShrinkage.factor(
      file: file, reference: reference, betweenVariance: ErrorScaleShrinkage.betweenVariance(referenceUnits))
  }

  /// Each series' own empirical-Bayes spread factor at step `h`: its recency-weighted mean
  /// absolute deviation from `pool`'s median against the pool's, shrunk by its effective error
  /// count (`ErrorScaleShrinkage`); `Predictive` widens or narrows the errors about that median by it.
  /// The volatility factor explains part of a series' error scale; what is left is persistent (a
  /// series' in-sample drift MAE beyond volatility predicts its held-out errors with slope 0.64 on
  /// M1 and on Tourism alike), and this factor takes it in as far as the series' evidence goes.
  /// `τ²` is the reference's between-series spread, or the file's own without a reference (fewer
  /// than three series give the floor, so factors near 1). Reference series' errors count with the
  /// file's factor for them (`referenceFrom`), as in the pool.
  func seriesFactors(halfLife: Double, seriesCount: Int, referenceFrom n: Int?, pool: PooledErrors, step h: Int) -> [Double] {
    let decay = ages.map { pow(0.5, Double($0) / halfLife) }
    let center = pool.quantile(0.5)
    var units = self.units(decay: decay, seriesCount: seriesCount, step: h, center: center)
    if let n {
      // The pool holds the reference errors multiplied by this factor (`pool(halfLife:…)`).
      let factor = referenceScaleFactor(self.units(decay: decay, seriesCount: seriesCount, step: h), fileSeries: n)
      let scaled = self.units(decay: decay, seriesCount: seriesCount, step: h, center: center / factor)
      for i in n..<seriesCount {
        units[i] = scaled[i]
        units[i]?.meanAbsolute *= factor
      }
    }
    let spread = ErrorScaleShrinkage.betweenVariance((n.map { Array(units.dropFirst($0)) } ?? units).compactMap { $0 })
    let poolMeanAbsolute = pool.expectation { abs($0 - center) }
    return units.map { unit in
      unit.map { ErrorScaleShrinkage.factor(file: $0, reference: poolMeanAbsolute, betweenVariance: spread) } ?? 1
    }
  }
}

/// One series' predictive distribution per step (see `Calibration`).
struct Predictive: Sendable {
  let point: [Double]
  let lastValue: Double
  let isLog: Bool
  let scale: Double
  /// Per step, the series' own spread factor about the pool's median (`ErrorSample.seriesFactors`).
  let spreads: [Double]
  let pools: [PooledErrors]
  /// Each pool's median.
  private let centers: [Double]

  init(point: [Double], lastValue: Double, isLog: Bool, scale: Double, spreads: [Double], pools: [PooledErrors]) {
    self.point = point
    self.lastValue = lastValue
    self.isLog = isLog
    self.scale = scale
    self.spreads = spreads
    self.pools = pools
    centers = pools.map { $0.quantile(0.5) }
  }

  /// The `tau`-quantile at step `h` (1-based); always finite.
  func quantile(_ tau: Double, step h: Int) -> Double { level(error: pools[h - 1].quantile(tau), step: h) }

  /// The point forecast: the median of the predictive distribution, so it lies inside every
  /// central interval (the method's own forecast `point` need not: a method that lags a growing
  /// series has errors of one sign).
  func median(step h: Int) -> Double { quantile(0.5, step: h) }

  /// The mean of the predictive distribution: the weighted mean of the levels its errors give.
  func mean(step h: Int) -> Double {
    let value = pools[h - 1].expectation { level(error: $0, step: h) }
    return value.isFinite ? value : median(step: h)
  }

  /// The level that standardized error `e` stands for at step `h`.
  private func level(error e: Double, step h: Int) -> Double {
    let e = spread(e, step: h)
    let value = isLog ? point[h - 1] * exp(min(max(scale * e, -700), 700)) : point[h - 1] + scale * e
    return value.isFinite ? value : point[h - 1]
  }

  /// A pooled error moved away from the pool's median by the series' spread factor (the median,
  /// and so the point forecast, stays where the pool puts it).
  private func spread(_ e: Double, step h: Int) -> Double {
    let k = spreads[h - 1]
    guard k != 1 else { return e }
    return centers[h - 1] + k * (e - centers[h - 1])
  }

  /// `P(Y_h >= threshold)`.
  func exceedance(_ threshold: Double, step h: Int) -> Double {
    var e: Double
    if isLog {
      guard threshold > 0 else { return 1 }
      e = Foundation.log(threshold / point[h - 1]) / scale
    } else {
      e = (threshold - point[h - 1]) / scale
    }
    let k = spreads[h - 1]
    if k != 1 { e = centers[h - 1] + (e - centers[h - 1]) / k }
    guard e.isFinite else { return e > 0 ? 0 : 1 }
    return min(max(1 - pools[h - 1].cdf(e), 0), 1)
  }
}
