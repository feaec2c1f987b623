import TCData

/// A growth event scored by the Brier score: `y[T+steps] >= ratio · y[T]`.
public struct GrowthEvent: Sendable, Hashable, CustomStringConvertible {
  public var steps: Int
  public var ratio: Double
  public init(steps: Int, ratio: Double) {
    self.steps = steps
    self.ratio = ratio
  }
  /// `h3_1.5x`, as in `benchmarks/peers/metrics.py`.
  public var description: String {
    let r = ratio == ratio.rounded() ? String(format: "%.1f", ratio) : String(ratio)
    return "h\(steps)_\(r)x"
  }
  /// The two events of the accuracy benchmark.
  public static let standard = [GrowthEvent(steps: 3, ratio: 1.5), GrowthEvent(steps: 2, ratio: 1.2)]
}

/// Metrics of one forecast against what happened (one series, one origin), before averaging.
public struct ForecastScore: Sendable, Equatable {
  public var smape: Double
  public var mase: Double
  /// Coverage per interval level, in the order of the levels scored.
  public var coverage: [Double]
  public var msis: Double
  public var crps: Double
  /// Squared error of the event probability, per event (`nil` when the event's step is not observed).
  public var brier: [Double?]
  /// Squared error of the base rate, per event.
  public var brierBase: [Double?]

  /// Scores one forecast.
  ///
  /// - Parameters:
  ///   - training: the values the forecast was made from (for the scale and the event's y[T]).
  ///   - actual: the held-out values, steps 1...n (n may be below the forecast's horizon).
  ///   - lower, upper: bounds per level; `msisLevelIndex` picks the 95% interval for MSIS.
  ///   - quantiles: `quantiles[j][h]` at `AccuracyMetrics.crpsLevels[j]`.
  ///   - eventProbabilities: per event, the forecast probability.
  ///   - baseRates: per event, the training base rate.
  public static func score(
    training: [Double], actual: [Double], point: [Double], lower: [[Double]], upper: [[Double]], msisLevelIndex: Int,
    quantiles: [[Double]], events: [GrowthEvent], eventProbabilities: [Double], baseRates: [Double]
  ) -> ForecastScore {
    let n = actual.count
    let scale = AccuracyMetrics.naiveScale(training)
    let f = Array(point.prefix(n))
    let last = training.last!
    var brier: [Double?] = [], base: [Double?] = []
    for (k, event) in events.enumerated() {
      guard event.steps <= n else {
        brier.append(nil)
        base.append(nil)
        continue
      }
      let outcome: Double = actual[event.steps - 1] >= event.ratio * last ? 1 : 0
      brier.append((eventProbabilities[k] - outcome) * (eventProbabilities[k] - outcome))
      base.append((baseRates[k] - outcome) * (baseRates[k] - outcome))
    }
    return ForecastScore(
      smape: AccuracyMetrics.smape(actual: actual, forecast: f),
      mase: AccuracyMetrics.mase(actual: actual, forecast: f, scale: scale),
      coverage: lower.indices.map {
        AccuracyMetrics.coverage(actual: actual, lower: Array(lower[$0].prefix(n)), upper: Array(upper[$0].prefix(n)))
      },
      msis: AccuracyMetrics.msis(
        actual: actual, lower: Array(lower[msisLevelIndex].prefix(n)), upper: Array(upper[msisLevelIndex].prefix(n)),
        scale: scale),
      crps: AccuracyMetrics.scaledCRPS(actual: actual, quantiles: quantiles.map { Array($0.prefix(n)) },
        taus: AccuracyMetrics.crpsLevels, scale: scale),
      brier: brier, brierBase: base)
  }
}

/// Averages of `ForecastScore`s (equal weight per series and origin), with Brier skill.
public struct ScoreSummary: Sendable, Equatable {
  public var count: Int
  public var smape: Double
  public var mase: Double
  public var coverage: [Double]
  public var msis: Double
  public var crps: Double
  public var brier: [Double]
  public var brierBase: [Double]
  /// `1 − brier / brierBase` per event (0 when the base Brier is 0).
  public var skill: [Double]

  public init(_ scores: [ForecastScore]) {
    func mean(_ x: [Double]) -> Double { AccuracyMetrics.mean(x) }
    count = scores.count
    smape = mean(scores.map(\.smape))
    mase = mean(scores.map(\.mase))
    let levels = scores.first?.coverage.count ?? 0
    coverage = (0..<levels).map { l in mean(scores.map { $0.coverage[l] }) }
    msis = mean(scores.map(\.msis))
    crps = mean(scores.map(\.crps))
    let events = scores.first?.brier.count ?? 0
    brier = (0..<events).map { k in mean(scores.compactMap { $0.brier[k] }) }
    brierBase = (0..<events).map { k in mean(scores.compactMap { $0.brierBase[k] }) }
    skill = zip(brier, brierBase).map { $1 > 0 ? 1 - $0 / $1 : 0 }
  }
}

/// How to backtest.
public struct BacktestOptions: Sendable, Equatable {
  public var horizon: Int
  public var methods: [ForecastMethod]
  /// Rolling origins: the last `windows` origins that leave `horizon` values to check.
  /// Ignored when `useSplit` is set.
  public var windows: Int
  /// Use each series' `trainingCount` (a train/test split column) instead of rolling origins.
  public var useSplit: Bool
  public var levels: [Double]
  public var events: [GrowthEvent]
  public var threads: Int?
  /// `ForecastOptions.referenceWeight` of every origin's forecast.
  public var referenceWeight = ForecastOptions.defaultReferenceWeight
  /// `ForecastOptions.referenceSeries` of every origin's forecast.
  public var referenceSeries: [[Double]]? = nil

  public init(
    horizon: Int, methods: [ForecastMethod] = [.auto], windows: Int = 1, useSplit: Bool = false,
    levels: [Double] = [80, 95], events: [GrowthEvent] = GrowthEvent.standard, threads: Int? = nil
  ) {
    self.horizon = horizon
    self.methods = methods
    self.windows = windows
    self.useSplit = useSplit
    self.levels = levels
    self.events = events
    self.threads = threads
  }
}

/// The outcome of a backtest: one summary per method, and per-series summaries.
public struct BacktestResult: Sendable {
  public var options: BacktestOptions
  /// The levels scored (the requested ones, plus 95 for MSIS if it was missing).
  public var levels: [Double]
  /// Events whose step fits in the horizon.
  public var events: [GrowthEvent]
  public var summaries: [(model: String, summary: ScoreSummary)]
  public var perSeries: [(model: String, series: String, summary: ScoreSummary)]
}

/// Rolling-origin (or given train/test split) evaluation of forecast methods.
///
/// Every origin is forecast exactly as `PanelForecaster` would forecast the data cut there: the
/// automatic choice and the calibration see only values up to the origin.
public enum Backtester {
  public static func run(_ panel: SeriesPanel, _ options: BacktestOptions) throws(ForecastError) -> BacktestResult {
    guard (1...ForecastOptions.maximumHorizon).contains(options.horizon) else { throw .badHorizon(options.horizon) }
    guard options.useSplit || options.windows >= 1 else { throw .badWindows(options.windows) }
    var levels = options.levels
    if !levels.contains(95) { levels.append(95) }
    let events = options.events.filter { $0.steps <= options.horizon }
    var forecastOptions = ForecastOptions(
      horizon: options.horizon, methods: options.methods, levels: levels, quantiles: AccuracyMetrics.crpsLevels,
      growthTargets: events.map(\.ratio), threads: options.threads)
    forecastOptions.referenceWeight = options.referenceWeight
    forecastOptions.referenceSeries = options.referenceSeries
    try forecastOptions.validate()

    // Each origin: the training panel and what followed.
    var origins: [(train: [Series], actual: [[Double]])] = []
    if options.useSplit {
      var train: [Series] = [], actual: [[Double]] = []
      for s in panel.series {
        let n = s.trainingCount ?? s.values.count
        guard n >= RollingForecasts.firstOrigin, n < s.values.count else { continue }
        var cut = s
        cut.values = Array(s.values.prefix(n))
        train.append(cut)
        actual.append(Array(s.values[n..<min(s.values.count, n + options.horizon)]))
      }
      if !train.isEmpty { origins.append((train, actual)) }
    } else {
      for w in 0..<options.windows {
        var train: [Series] = [], actual: [[Double]] = []
        for s in panel.series {
          let n = s.values.count - options.horizon - w
          guard n >= RollingForecasts.firstOrigin else { continue }
          var cut = s
          cut.values = Array(s.values.prefix(n))
          train.append(cut)
          actual.append(Array(s.values[n..<(n + options.horizon)]))
        }
        if !train.isEmpty { origins.append((train, actual)) }
      }
    }
    guard !origins.isEmpty else {
      throw .nothingToEvaluate(
        options.useSplit
          ? "\(panel.source): no series has at least 3 train rows followed by a test row"
          : "\(panel.source): no series has at least \(RollingForecasts.firstOrigin + options.horizon) values (3 to fit plus --horizon \(options.horizon) to check)")
    }

    let methodNames = options.methods.map(\.description)
    var scores: [String: [ForecastScore]] = [:]
    var seriesScores: [String: [String: [ForecastScore]]] = [:]
    var seriesOrder: [String] = []
    for origin in origins {
      let trainPanel = SeriesPanel(series: origin.train, source: panel.source)
      let result = try PanelForecaster.forecast(trainPanel, forecastOptions)
      let baseRates = events.map { AccuracyMetrics.baseRate(origin.train.map(\.values), steps: $0.steps, ratio: $0.ratio) }
      let byKey = Dictionary(uniqueKeysWithValues: result.forecasts.map { ("\($0.model)\u{0}\($0.series)", $0) })
      for (i, series) in origin.train.enumerated() {
        if seriesScores[methodNames[0]]?[series.name] == nil, !seriesOrder.contains(series.name) { seriesOrder.append(series.name) }
        for name in methodNames {
          guard let f = byKey["\(name)\u{0}\(series.name)"] else { continue }
          let msisIndex = levels.firstIndex(of: 95)!
          let s = ForecastScore.score(
            training: series.values, actual: origin.actual[i], point: f.median, lower: f.lower, upper: f.upper,
            msisLevelIndex: msisIndex, quantiles: f.quantiles, events: events,
            eventProbabilities: events.indices.map { f.growth[$0][events[$0].steps - 1] }, baseRates: baseRates)
          scores[name, default: []].append(s)
          seriesScores[name, default: [:]][series.name, default: []].append(s)
        }
      }
    }
    let summaries = methodNames.map { ($0, ScoreSummary(scores[$0] ?? [])) }
    var perSeries: [(String, String, ScoreSummary)] = []
    for name in methodNames {
      for series in seriesOrder {
        if let s = seriesScores[name]?[series] { perSeries.append((name, series, ScoreSummary(s))) }
      }
    }
    return BacktestResult(options: options, levels: levels, events: events, summaries: summaries, perSeries: perSeries)
  }
}

import Foundation
