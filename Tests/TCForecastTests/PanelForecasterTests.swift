import Foundation
import TCData
import TCModels
import Testing

@testable import TCForecast

/// A small panel with a mix of trends and noise (deterministic, no random numbers).
func examplePanel(count: Int = 12, length: Int = 14) -> SeriesPanel {
  SeriesPanel(series: (0..<count).map { k in
    let growth = 0.02 + 0.01 * Double(k % 5)
    let values = (0..<(length - k % 4)).map { t in
      100 * exp(growth * Double(t)) * (1 + 0.05 * sin(Double(t * (k + 1)) * 1.3))
    }
    return Series(name: "s\(k)", firstYear: 2000 + k % 4, values: values)
  })
}

@Test func autoForecastIsCompleteOrderedAndFinite() throws {
  let options = ForecastOptions(
    horizon: 4, methods: [.auto, try ForecastMethod(name: "theta+drift")], levels: [50, 80, 95],
    quantiles: [0.05, 0.5, 0.95], growthTargets: [1.1, 2], threads: 1)
  let result = try PanelForecaster.forecast(examplePanel(), options)
  #expect(result.forecasts.count == 24)
  #expect(result.choice != nil)
  #expect(result.choice?.candidateScores.count == PanelForecaster.autoCandidates.count)
  for f in result.forecasts {
    #expect(f.years.count == 4)
    #expect(f.mean.allSatisfy { $0.isFinite })
    for h in 0..<4 {
      // Nested intervals, quantiles in order, probabilities decreasing in the target.
      #expect(f.lower[2][h] <= f.lower[1][h] && f.lower[1][h] <= f.lower[0][h])
      #expect(f.upper[0][h] <= f.upper[1][h] && f.upper[1][h] <= f.upper[2][h])
      #expect(f.quantiles[0][h] <= f.quantiles[1][h] && f.quantiles[1][h] <= f.quantiles[2][h])
      #expect(f.growth[0][h] >= f.growth[1][h])
      #expect((0...1).contains(f.growth[0][h]))
    }
  }
}

@Test func resultsDoNotDependOnThreadCount() throws {
  let one = try PanelForecaster.forecast(examplePanel(), ForecastOptions(horizon: 3, growthTargets: [1.5], threads: 1))
  let two = try PanelForecaster.forecast(examplePanel(), ForecastOptions(horizon: 3, growthTargets: [1.5], threads: 2))
  #expect(one.forecasts == two.forecasts)
  #expect(one.choice == two.choice)
}

/// Zero, negative and constant series and the shortest allowed series give finite output.
@Test func awkwardSeriesNeverGiveNaN() throws {
  var panel = examplePanel(count: 6)
  panel.series += [
    Series(name: "zeros", firstYear: 2000, values: [0, 0, 0, 0, 0]),
    Series(name: "negative", firstYear: 2000, values: [-5, -3, 2, 4, -1, 6]),
    Series(name: "constant", firstYear: 2000, values: [7, 7, 7, 7, 7, 7]),
    Series(name: "short", firstYear: 2010, values: [1, 2, 3]),
    Series(name: "huge", firstYear: 2000, values: [1e300, 1e301, 1e302, 1e303]),
  ]
  let methods = try ["auto", "naive", "drift", "theta", "damped", "global", "loglinear", "otm+linear"].map {
    try ForecastMethod(name: $0)
  }
  let result = try PanelForecaster.forecast(
    panel, ForecastOptions(horizon: 5, methods: methods, quantiles: [0.1, 0.9], growthTargets: [2, -1], threads: 1))
  for f in result.forecasts {
    let numbers = f.mean + f.lower.joined() + f.upper.joined() + f.quantiles.joined() + f.growth.joined()
    #expect(numbers.allSatisfy { $0.isFinite }, "\(f.model) \(f.series)")
  }
  #expect(result.notes.contains { $0.contains("'zeros'") && $0.contains("positive") })
  #expect(result.notes.contains { $0 == "series 'negative': loglinear left out of loglinear: loglinear_trend needs strictly positive values; drift used instead" })
}

@Test func rejectsBadOptions() {
  #expect(throws: ForecastError.badHorizon(0)) { try PanelForecaster.forecast(examplePanel(), ForecastOptions(horizon: 0)) }
  #expect(throws: ForecastError.badLevel(100)) {
    try PanelForecaster.forecast(examplePanel(), ForecastOptions(horizon: 2, levels: [100]))
  }
  #expect(throws: ForecastError.badQuantile(1)) {
    try PanelForecaster.forecast(examplePanel(), ForecastOptions(horizon: 2, quantiles: [1]))
  }
  #expect(throws: ForecastError.unknownModel("arima9")) { try ForecastMethod(name: "arima9") }
  #expect(throws: ForecastError.unknownModel("theta+")) { try ForecastMethod(name: "theta+") }
  #expect((try? ForecastMethod(name: "drift+theta"))?.description == "drift+theta")
}

@Test func backtestScoresTheHeldOutYearsOnly() throws {
  let panel = examplePanel()
  let result = try Backtester.run(panel, BacktestOptions(horizon: 3, methods: [.auto, .combination([.naive])], windows: 2, threads: 1))
  #expect(result.summaries.map(\.model) == ["auto", "naive"])
  #expect(result.summaries[0].summary.count == 24)
  // The naive forecast's sMAPE computed by hand from the last origin of the first series.
  let y = panel.series[0].values
  let origin = y.count - 3
  let naive = AccuracyMetrics.smape(actual: Array(y[origin...]), forecast: Array(repeating: y[origin - 1], count: 3))
  let perSeries = try #require(result.perSeries.first { $0.model == "naive" && $0.series == "s0" })
  let naiveEarlier = AccuracyMetrics.smape(actual: Array(y[(origin - 1)..<(origin + 2)]), forecast: Array(repeating: y[origin - 2], count: 3))
  #expect(abs(perSeries.summary.smape - (naive + naiveEarlier) / 2) < 1e-12)
  #expect(throws: ForecastError.self) { try Backtester.run(panel, BacktestOptions(horizon: 30)) }
}

/// A TCModels component is refitted at recent origins: its final forecast is the model's own.
@Test func modelComponentsUseTheTCModelsFit() throws {
  let panel = examplePanel(count: 5)
  let result = try PanelForecaster.forecast(
    panel, ForecastOptions(horizon: 3, methods: [try ForecastMethod(name: "linear")], threads: 1))
  for (series, forecast) in zip(panel.series, result.forecasts) {
    let own = try LinearTrendModel().fit(series.values).pointForecast(horizon: 3)
    for h in 0..<3 { #expect(abs(forecast.mean[h] - own[h]) < 1e-12 * abs(own[h])) }
    #expect(forecast.lower[1].allSatisfy { $0.isFinite })
  }
}

/// Paths follow the calibrated marginals: their empirical 10% and 90% points at each step match
/// the 80% interval within the Monte Carlo error of 4000 paths (binomial s.e. of a 10% share:
/// 0.0047; tolerance 4 s.e.), and a fixed seed gives the same paths on any thread count.
@Test func samplePathsMatchTheCalibratedIntervals() throws {
  let panel = examplePanel(count: 4)
  let options = ForecastOptions(horizon: 3, methods: [.combination([.drift])], threads: 1)
  let forecast = try PanelForecaster.forecast(panel, options)
  let paths = try PanelForecaster.samplePaths(panel, options, paths: 4000, seed: 11)
  var twoThreads = options
  twoThreads.threads = 2
  #expect(try PanelForecaster.samplePaths(panel, twoThreads, paths: 4000, seed: 11) == paths)
  for (i, f) in forecast.forecasts.enumerated() {
    for h in 0..<3 {
      let below = Double(paths[i].filter { $0[h] < f.lower[0][h] }.count) / 4000
      let above = Double(paths[i].filter { $0[h] > f.upper[0][h] }.count) / 4000
      #expect(abs(below - 0.1) < 0.019 && abs(above - 0.1) < 0.019, "series \(i) step \(h + 1): \(below), \(above)")
    }
  }
}

/// Every forecast component that is a TCModels model is found in the model registry (the
/// component's name is a registry name or alias), so no second list of models can drift.
@Test func modelComponentsComeFromTheRegistry() {
  let local: Set<ForecastComponent> = [.naive, .drift, .theta, .damped, .logdamped, .global]
  for component in ForecastComponent.allCases where !local.contains(component) {
    #expect(component.model != nil, "\(component.rawValue) is not in ModelRegistry")
  }
}
