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
  // The naive method's sMAPE from the first series' last two origins, recomputed from forecasts of
  // the panel cut 3 and 4 years short: the score is of the forecast's point (its median).
  let y = panel.series[0].values
  func naivePoint(cut: Int) throws -> [Double] {
    let train = SeriesPanel(series: panel.series.map { Series(name: $0.name, firstYear: $0.firstYear, values: Array($0.values.dropLast(cut))) })
    let f = try PanelForecaster.forecast(train, ForecastOptions(horizon: 3, methods: [.combination([.naive])], threads: 1))
    return f.forecasts[0].median
  }
  let last = AccuracyMetrics.smape(actual: Array(y.suffix(3)), forecast: try naivePoint(cut: 3))
  let earlier = AccuracyMetrics.smape(actual: Array(y.dropLast(1).suffix(3)), forecast: try naivePoint(cut: 4))
  let perSeries = try #require(result.perSeries.first { $0.model == "naive" && $0.series == "s0" })
  #expect(abs(perSeries.summary.smape - (last + earlier) / 2) < 1e-12)
  #expect(throws: ForecastError.self) { try Backtester.run(panel, BacktestOptions(horizon: 30)) }
}

/// A TCModels component is refitted at recent origins: its final forecast is the model's own.
@Test func modelComponentsUseTheTCModelsFit() throws {
  let panel = examplePanel(count: 5)
  let result = try PanelForecaster.forecast(
    panel, ForecastOptions(horizon: 3, methods: [try ForecastMethod(name: "linear")], threads: 1))
  let predictives = try PanelForecaster.run(panel, ForecastOptions(horizon: 3, methods: [try ForecastMethod(name: "linear")], threads: 1)).predictives[0]
  for (i, (series, forecast)) in zip(panel.series, result.forecasts).enumerated() {
    let own = try LinearTrendModel().fit(series.values).pointForecast(horizon: 3)
    for h in 0..<3 { #expect(abs(predictives[i].point[h] - own[h]) < 1e-12 * abs(own[h])) }
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

// MARK: - One predictive distribution per series and year (issue 11, item 1)

/// The files of issue 11: four steadily growing series (where the naive method lags and its
/// errors are all of one sign), and three series with an outlier year.
let steadyPanel = SeriesPanel(series: [
  ("electronics", [520, 610, 705, 820, 930, 1050, 1180, 1400.0]), ("healthcare", [260, 300, 345, 400, 460, 520, 583.33, 700]),
  ("investment", [62, 70, 77, 84, 90, 96, 100, 111]), ("new_firms", [40, 55, 60, 70, 80, 90, 100, 111]),
].map { Series(name: $0.0, firstYear: 2012, values: $0.1) })
let outlierPanel = SeriesPanel(series: [
  Series(name: "a", firstYear: 2000, values: [2422, 2981, 3304, 2893, 2919, 3162, 1857, 1889, 2095, 2231, 2457, 302, 3607, 3801, 4904, 6341, 6960, 7620, 7291]),
  Series(name: "b", firstYear: 2000, values: [6520, 6196, 4144, 3652, 3674, 3421, 3811, 3360, 3256, 3551, 3236, 3066, 3240, 2932, 2798, 2990, 2840, 2900, 2380]),
  Series(name: "c", firstYear: 2000, values: [1748.1, 2717, 4428.6, 5533.8, 7271.95, 6490.95, 1152.85, 979, 1102.15, 1194.85, 1123.5, 1374.25, 1266.25, 1404.1]),
])

/// The point (median) lies inside every central interval, the 95% interval holds the 80% one,
/// quantiles are monotone and match the intervals' ends, and the mean is finite — for every
/// method on both files.
@Test(arguments: ["naive", "drift", "theta", "damped", "auto"])
func predictiveDistributionIsCoherent(model: String) throws {
  for (panel, horizon) in [(steadyPanel, 3), (outlierPanel, 6)] {
    let options = ForecastOptions(
      horizon: horizon, methods: [try ForecastMethod(name: model)], levels: [80, 95], quantiles: [0.025, 0.1, 0.5, 0.9, 0.975], threads: 1)
    for f in try PanelForecaster.forecast(panel, options).forecasts {
      for h in 0..<horizon {
        let (lo80, hi80, lo95, hi95) = (f.lower[0][h], f.upper[0][h], f.lower[1][h], f.upper[1][h])
        #expect(lo95 <= lo80 && lo80 <= f.median[h] && f.median[h] <= hi80 && hi80 <= hi95, "\(model) \(f.series) h\(h + 1)")
        let q = f.quantiles.map { $0[h] }
        #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 })
        // (1 − 0.95) / 2 is 0.025 only to within an ulp, so the ends agree to rounding.
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
        #expect(same(q[2], f.median[h]) && same(q[0], lo95) && same(q[4], hi95) && same(q[1], lo80) && same(q[3], hi80))
        #expect(f.mean[h].isFinite && f.mean[h] > 0)
      }
    }
  }
}

/// With fewer than ten series `auto` does not consider the global model, and says so.
@Test func smallFilesLeaveOutTheGlobalModel() throws {
  let small = try PanelForecaster.forecast(outlierPanel, ForecastOptions(horizon: 6, threads: 1))
  let choice = try #require(small.choice)
  #expect(choice.globalLeftOut != nil && !choice.description.contains("global model: "))
  #expect(choice.candidateScores.allSatisfy { !$0.0.contains("global") })
  #expect(choice.description.contains("global model left out: 3 series with 6 or more years to hold out; it needs 10"))
  let large = try PanelForecaster.forecast(examplePanel(), ForecastOptions(horizon: 3, threads: 1))
  #expect(large.choice?.globalLeftOut == nil && large.choice?.candidateScores.count == PanelForecaster.autoCandidates.count)
}

/// A level typed as a fraction is refused with the percentage meant.
@Test func levelTypedAsAFractionIsRefused() {
  #expect(throws: ForecastError.badLevel(0.9)) { try ForecastOptions(horizon: 3, levels: [0.9]).validate() }
  #expect(ForecastError.badLevel(0.9).description.hasSuffix("found 0.9; did you mean 90 (a 90% interval)?"))
  #expect(throws: ForecastError.badLevel(100)) { try ForecastOptions(horizon: 3, levels: [100]).validate() }
  #expect((try? ForecastOptions(horizon: 3, levels: [1, 50, 99.5]).validate()) != nil)
}

// MARK: - The reference prior (issue 11, item 2)

/// The reference panel ships with the package: 190 positive public yearly series.
@Test func referencePanelShips() {
  #expect(ReferencePanel.series.count == 190)
  #expect(ReferencePanel.series.allSatisfy { $0.count >= 10 && $0.allSatisfy { $0 > 0 } })
}

/// On four steadily growing series every naive error is positive, so the file alone puts the
/// whole 95% interval above the last value; the reference errors (of both signs) widen it below.
/// The prior's weight is a choice: 0 turns it off, a negative weight is refused.
@Test func referencePriorWidensAOneSidedFile() throws {
  var options = ForecastOptions(horizon: 1, methods: [.combination([.naive])], threads: 1)
  options.referenceWeight = 0
  let alone = try PanelForecaster.forecast(steadyPanel, options).forecasts
  options.referenceWeight = ForecastOptions.defaultReferenceWeight
  let withPrior = try PanelForecaster.forecast(steadyPanel, options).forecasts
  for (a, b, series) in zip3(alone, withPrior, steadyPanel.series) {
    let last = series.values.last!
    #expect(a.lower[1][0] > last && b.lower[1][0] < last, "\(series.name): \(a.lower[1][0]) / \(b.lower[1][0]) vs \(last)")
  }
  options.referenceWeight = -1
  #expect(throws: ForecastError.badReferenceWeight(-1)) { try options.validate() }
}

/// With the prior, one outlier year (302 among values of 2000–7600) does not blow up any
/// interval: every 95% upper bound stays below the file's largest value times the largest h-year
/// growth ratio it contains (the bound of issue 11's benchmark; it was 10^29 at h = 6).
@Test func outlierYearLeavesIntervalsBounded() throws {
  let result = try PanelForecaster.forecast(outlierPanel, ForecastOptions(horizon: 6, threads: 1))
  let top = outlierPanel.series.flatMap(\.values).max()!
  for f in result.forecasts {
    for h in 1...6 {
      let growth = outlierPanel.series.map { s in
        (h..<s.values.count).map { s.values[$0] / s.values[$0 - h] }.max() ?? 1
      }.max()!
      #expect(f.upper[1][h - 1] <= top * growth, "\(f.series) h\(h): \(f.upper[1][h - 1]) > \(top * growth)")
    }
  }
}

/// With an overwhelming reference weight the automatic choice of two unlike one-series files is
/// the same, the reference's; with none each file chooses on its own held-out years.
@Test func referencePriorDrivesTheChoiceOfAOneSeriesFile() throws {
  let growing = SeriesPanel(series: [Series(name: "g", firstYear: 2000, values: (0..<16).map { 100 * pow(1.08, Double($0)) + Double($0 % 3) })])
  let wiggly = SeriesPanel(series: [Series(name: "w", firstYear: 2000, values: (0..<16).map { 500 + 80 * sin(Double($0)) + 10 * Double($0) })])
  var options = ForecastOptions(horizon: 4, threads: 1)
  options.referenceWeight = 1e6
  let a = try #require(try PanelForecaster.forecast(growing, options).choice)
  let b = try #require(try PanelForecaster.forecast(wiggly, options).choice)
  #expect(a.method == b.method)
  options.referenceWeight = 0
  let ownA = try #require(try PanelForecaster.forecast(growing, options).choice)
  let ownB = try #require(try PanelForecaster.forecast(wiggly, options).choice)
  #expect(ownA.method != ownB.method, "\(ownA.method) / \(ownB.method)")
}

private func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
  zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
}

/// In-sample fitted values are the method's one-step-ahead rolling forecasts: drift's from the
/// fourth value on (it is the last value plus the mean step so far), a refitted model's only at
/// the last `horizon + 10` origins; every residual is value − fitted and every number finite,
/// awkward series included.
@Test func fittedValuesAreOneStepRollingForecasts() throws {
  var panel = examplePanel(count: 2, length: 30)
  panel.series.append(Series(name: "huge", firstYear: 2000, values: [1e300, 1e301, 1e302, 1e303]))
  let methods = try ["drift", "linear"].map { try ForecastMethod(name: $0) }
  let result = try PanelForecaster.forecast(panel, ForecastOptions(horizon: 2, methods: methods, threads: 1))
  let drift = result.forecasts[0], y = panel.series[0].values
  #expect(drift.fitted.count == y.count - 3)
  #expect(drift.fitted.first?.year == panel.series[0].firstYear + 3)
  for row in drift.fitted {
    let t = row.year - panel.series[0].firstYear
    let expected = y[t - 1] + (y[t - 1] - y[0]) / Double(t - 1)
    #expect(abs(row.fitted - expected) <= 1e-9 * abs(expected), "\(row)")
    #expect(abs(row.residual - (y[t] - row.fitted)) <= 1e-9 * abs(y[t]))
  }
  let linear = result.forecasts[panel.series.count]
  #expect(linear.fitted.count == 2 + 10, "\(linear.fitted)")
  for f in result.forecasts { #expect(f.fitted.allSatisfy { $0.fitted.isFinite && $0.residual.isFinite }, "\(f.model) \(f.series)") }
}

// MARK: - What auto chose, and for which series (issue 11, item 3)

/// `auto` scores each candidate by the file's held-out OWA (one weight per series) and the
/// reference panel's (the prior's weight): with weight W the score is (n·file + W·reference)/(n + W),
/// checked against the file alone (W = 0) and the reference alone (W = 10^9) on a one-series file.
@Test func autoScoresBlendFileAndReference() throws {
  let panel = SeriesPanel(series: [steadyPanel.series[0]])
  func scores(_ weight: Double) throws -> [String: Double] {
    var options = ForecastOptions(horizon: 2, threads: 1)
    options.referenceWeight = weight
    let choice = try #require(try PanelForecaster.forecast(panel, options).choice)
    #expect(choice.fileSeries == 1 && choice.referenceWeight == weight)
    return Dictionary(uniqueKeysWithValues: choice.candidateScores)
  }
  let file = try scores(0), reference = try scores(1e9), blended = try scores(10)
  #expect(file.count == 7 && Set(file.keys) == Set(blended.keys))
  for (name, score) in blended {
    let expected = (file[name]! + 10 * reference[name]!) / 11
    #expect(abs(score - expected) <= 1e-9 * expected, "\(name): \(score) vs \(expected)")
  }
  // The prior is not a tie-breaker only: on this file the two choices differ in score.
  #expect(file != reference)
}

/// Each row names the components its forecast is the mean of: what auto chose, or the
/// combination asked for less a member that cannot be fitted to that series.
@Test func rowsNameTheComponentsUsed() throws {
  var series = steadyPanel.series
  series.append(Series(name: "crosses-zero", firstYear: 2010, values: [5, 3, 1, -1, 2, 4, 6, 5]))
  let options = ForecastOptions(horizon: 2, methods: [.auto, try ForecastMethod(name: "theta+global")], threads: 1)
  let result = try PanelForecaster.forecast(SeriesPanel(series: series), options)
  let chosen = try #require(result.choice).method.description
  for f in result.forecasts where f.model == "auto" { #expect(f.components == chosen) }
  for f in result.forecasts where f.model == "theta+global" {
    // The global model is fitted on logs: a series with a non-positive value is forecast by theta alone.
    #expect(f.components == (f.series == "crosses-zero" ? "theta" : "theta+global"), "\(f.series): \(f.components)")
  }
}

/// AutoETS and AutoARIMA are refitted only on histories long enough for all their forms (7 and
/// 9 values); a series shorter than that is still forecast (fitted at its last value), without
/// a crash or a non-finite number.
@Test func modelComponentsOnSeriesShorterThanTheirFullSelection() throws {
  var panel = examplePanel(count: 3, length: 20)
  panel.series.append(Series(name: "short", firstYear: 2000, values: [5, 6, 8, 7, 9, 11]))
  let methods = try ["ets", "arima"].map { try ForecastMethod(name: $0) }
  let result = try PanelForecaster.forecast(panel, ForecastOptions(horizon: 3, methods: methods, threads: 1))
  for f in result.forecasts {
    #expect(f.median.count == 3 && f.median.allSatisfy(\.isFinite), "\(f.model) \(f.series)")
  }
  #expect(AutoETSModel().fullSelectionCount == 7)
  #expect(AutoARIMAModel().fullSelectionCount == 9)
}
