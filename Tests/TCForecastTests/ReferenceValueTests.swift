import Foundation
import TCData
import Testing

@testable import TCForecast

/// Values from `python3 benchmarks/accuracy/fixtures/make_fixtures.py` (benchmarks/peers/metrics.py
/// and the numpy prototypes of benchmarks/peers/prototypes/cheap_methods.py). Tolerance: 1e-12
/// relative for metrics (same formulas, different summation order), 1e-10 for the point methods.
private let trains: [[Double]] = [[10, 12, 13, 15, 18, 20], [100, 90, 95, 80, 85], [5, 5.5, 7, 6.5, 8, 9, 12]]
private let tests: [[Double]] = [[22, 30, 31], [70, 88, 90], [13, 12, 20]]

private func close(_ a: Double, _ b: Double, _ rel: Double) -> Bool { abs(a - b) <= rel * max(1, abs(b)) }

@Test func metricsMatchPeerScoringCode() {
  var scores: [ForecastScore] = []
  let events = GrowthEvent.standard
  let baseRates = events.map { AccuracyMetrics.baseRate(trains, steps: $0.steps, ratio: $0.ratio) }
  #expect(close(baseRates[0], 0.4444444444444444, 1e-15))
  #expect(close(baseRates[1], 0.5833333333333334, 1e-15))
  for (k, train) in trains.enumerated() {
    let steps = (1...3).map(Double.init)
    let f = steps.map { train.last! * (1 + 0.05 * $0) }
    let w = steps.map { 0.1 * train.last! * $0.squareRoot() }
    let q = AccuracyMetrics.crpsLevels.map { tau in (0..<3).map { f[$0] + w[$0] * (tau - 0.5) * 3 } }
    scores.append(ForecastScore.score(
      training: train, actual: tests[k], point: f,
      lower: [zip(f, w).map { $0 - $1 }, zip(f, w).map { $0 - 2 * $1 }],
      upper: [zip(f, w).map { $0 + $1 }, zip(f, w).map { $0 + 2 * $1 }], msisLevelIndex: 1, quantiles: q,
      events: events, eventProbabilities: [0.1 + 0.3 * Double(k), 0.2 + 0.2 * Double(k)], baseRates: baseRates))
  }
  let s = ScoreSummary(scores)
  #expect(close(s.smape, 16.98636806705711, 1e-12))
  #expect(close(s.mase, 2.007142857142857, 1e-12))
  #expect(close(s.coverage[0], 0.5555555555555555, 1e-12))
  #expect(close(s.coverage[1], 0.5555555555555555, 1e-12))
  #expect(close(s.msis, 20.833301605732004, 1e-12))
  #expect(close(s.crps, 1.615322269947524, 1e-12))
  #expect(close(s.brier[0], 0.35333333333333333, 1e-12))
  #expect(close(s.brier[1], 0.3866666666666667, 1e-12))
  #expect(close(s.skill[0], -0.3009090909090908, 1e-12))
  #expect(close(s.skill[1], -0.35804878048780475, 1e-12))
}

private let series: [Double] = [3.0, 4.2, 4.0, 5.1, 6.3, 6.0, 7.4, 8.8, 8.1, 9.9]

@Test(arguments: [
  (LocalMethod.drift, [10.666666666666668, 11.433333333333334, 12.200000000000001, 12.966666666666667]),
  (LocalMethod.theta, [10.263636363636364, 10.627272727272727, 10.990909090909092, 11.354545454545455]),
  (LocalMethod.damped, [9.638387074408953, 10.0137830406642, 10.35163941029392, 10.65571014296067]),
])
func localMethodsMatchPrototypes(method: LocalMethod, expected: [Double]) {
  let final = method.rolling(series, horizon: 4).final
  for (a, b) in zip(final, expected) { #expect(close(a, b, 1e-10), "\(method): \(final) vs \(expected)") }
}

/// Every origin's forecast equals the final forecast of the series cut there (one-pass recursions
/// carry no information from later values).
@Test(arguments: LocalMethod.allCases)
func rollingOriginsEqualRefitsOnPrefixes(method: LocalMethod) {
  let full = method.rolling(series, horizon: 3)
  for t in RollingForecasts.firstOrigin...series.count {
    let refit = method.rolling(Array(series.prefix(t)), horizon: 3).final
    for h in 1...3 { #expect(full[origin: t, step: h] == refit[h - 1]) }
  }
}

@Test func thetaOnAStraightLineIsLastValuePlusHalfSlopeSteps() {
  // SES with alpha = 1 has zero one-step error on a line except the constant slope, the smallest
  // on the grid; Theta then adds b/2·(h − 1 + 1) with b = 1: y_T + h/2.
  let line = (1...8).map(Double.init)
  let f = LocalMethod.theta.rolling(line, horizon: 3).final
  for h in 1...3 { #expect(abs(f[h - 1] - (8 + Double(h) / 2)) < 1e-12) }
}

@Test func globalModelRecoversGeometricGrowth() throws {
  // log y[t+h] − log y[t] = h·g and the lag feature is −g: an exact linear relation across series
  // with different g (coefficients 0 and −h), so a ridge-free fit forecasts y_T·e^{h·g}.
  let growths = [0.02, 0.05, 0.1, -0.03]
  let logSeries = growths.map { g in (0..<12).map { 1 + g * Double($0) } }
  for ridge in [1e-14, GlobalAutoregression.ridge] {
    let model = try #require(
      GlobalAutoregression.fit(logSeries: logSeries, horizon: 3, lags: 1, equalSeriesWeight: true, ridge: ridge))
    for (g, logY) in zip(growths, logSeries) {
      let y = logY.map { exp($0) }
      let f = model.rolling(y, logY: logY).final
      for h in 1...3 {
        let ratio = log(f[h - 1] / y.last!) / (Double(h) * g)
        if ridge < 1e-10 {
          #expect(abs(ratio - 1) < 1e-9, "g \(g) h \(h)")
        } else {
          // The default ridge shrinks the coefficients a little on this tiny panel (4 series).
          #expect(abs(log(f[h - 1] / y.last!) - Double(h) * g) < 0.025, "g \(g) h \(h): \(ratio)")
        }
      }
    }
  }
}

@Test func pooledQuantilesAndCDFAreInverse() {
  let pool = PooledErrors(values: [4, 1, 3, 2], weights: [1, 1, 1, 1])
  #expect(pool.quantile(0.5) == 2.5)
  #expect(pool.quantile(0.125) == 1)
  #expect(pool.quantile(0.01) == 1)
  #expect(pool.quantile(0.99) == 4)
  #expect(pool.cdf(2.5) == 0.5)
  #expect(pool.cdf(0.5) == 0)
  #expect(pool.cdf(4) == 1)
  // Normalized weights 0.75, 0.21875, 0.03125 on 1, 2, 3: midpoints 0.375, 0.859375, 0.984375.
  let weighted = PooledErrors(values: [2, 1, 3], weights: [1.75, 6, 0.25])
  #expect(abs(weighted.quantile(0.375) - 1) < 1e-15)
  #expect(abs(weighted.quantile(0.859375) - 2) < 1e-15)
  #expect(abs(weighted.quantile(0.6171875) - 1.5) < 1e-15)
  for tau in [0.4, 0.5, 0.7, 0.9] { #expect(abs(weighted.cdf(weighted.quantile(tau)) - tau) < 1e-12) }
}
