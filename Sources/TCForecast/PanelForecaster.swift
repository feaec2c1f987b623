import Foundation
import TCData
import TCRandom

/// Forecasts every series of a panel with calibrated intervals, quantiles and growth probabilities.
///
/// ```swift
/// let panel = try SeriesPanel.read(file: "industries.csv")
/// let result = try PanelForecaster.forecast(panel, ForecastOptions(horizon: 5, growthTargets: [2]))
/// ```
///
/// `auto` works in two passes over the same data. First every series is cut `horizon` years short
/// (series with fewer than 3 values left sit this out) and the cut panel is forecast with every
/// candidate; the held-out years pick (1) the global model's lags and weighting, (2) the
/// combination — every non-empty subset of {drift, theta, damped, global} — by OWA (mean of sMAPE
/// and MASE relative to drift), and (3) the volatility exponent of the calibration by MSIS.
/// Then the chosen configuration is fitted on the full series. Test data is never involved:
/// the choice uses only the panel given.
public enum PanelForecaster {
  /// Candidate combinations of `auto`.
  public static let autoCandidates: [Set<ForecastComponent>] = {
    let base: [ForecastComponent] = [.drift, .theta, .damped, .global]
    return (1..<(1 << base.count)).map { mask in Set(base.indices.filter { mask & (1 << $0) != 0 }.map { base[$0] }) }
  }()
  static let exponents: [Double] = [0, 0.25, 0.5, 0.75, 1]
  static let halfLives: [Double] = [3, 5, 10, .infinity]
  static let globalLagChoices = [1, 2, 3, 4]
  /// Fewest series with a validation window for `auto` to consider the global model: one
  /// coefficient vector per step fitted across a handful of series learns those series' own
  /// accidents (and its lags are chosen on the same few held-out values).
  public static let minimumSeriesForGlobal = 10

  /// Forecasts `panel` as `options` asks.
  ///
  /// - Throws: `ForecastError` for invalid options (checked before any work).
  public static func forecast(_ panel: SeriesPanel, _ options: ForecastOptions) throws(ForecastError) -> PanelForecast {
    try run(panel, options).forecast
  }

  /// Sample paths from the calibrated predictive distribution of the first method in `options`,
  /// for the Monte Carlo engine: `result[i][p]` is path `p` (years 1…horizon) of series `i`.
  ///
  /// Each step's values follow that step's calibrated distribution exactly (so path-based
  /// interval and growth probabilities agree with `forecast`); steps are linked by a Gaussian
  /// copula with random-walk correlation `sqrt(h/k)` between steps `h < k`, the dependence of
  /// accumulated yearly surprises. Path `p` of series `i` draws only from
  /// `RandomStream(seed: seed, stream: streamID(UInt64(i), UInt64(p)))`, so results do not depend
  /// on the thread count.
  public static func samplePaths(
    _ panel: SeriesPanel, _ options: ForecastOptions, paths: Int, seed: UInt64
  ) throws(ForecastError) -> [[[Double]]] {
    let rows = try run(panel, options).predictives[0]
    let horizon = options.horizon
    return parallelMap(rows.count, threads: options.threads) { i in
      (0..<max(paths, 0)).map { p in
        var stream = RandomStream(seed: seed, stream: streamID(UInt64(i), UInt64(p)))
        var walk = 0.0
        return (1...horizon).map { h in
          walk += stream.nextNormal()
          let u = NormalDistribution.cdf(walk / Double(h).squareRoot())
          return rows[i].quantile(min(max(u, 1e-12), 1 - 1e-12), step: h)
        }
      }
    }
  }

  /// The forecast and, per requested method, every series' predictive distribution.
  static func run(_ panel: SeriesPanel, _ options: ForecastOptions) throws(ForecastError) -> (forecast: PanelForecast, predictives: [[Predictive]]) {
    try options.validate()
    var workspace = PanelWorkspace(values: panel.series.map(\.values), horizon: options.horizon, threads: options.threads)
    var needed: Set<ForecastComponent> = [.naive, .drift, .theta, .damped]
    for case .combination(let parts) in options.methods { needed.formUnion(parts.filter { $0 != .global }) }
    workspace.computeLocal(needed.sorted())
    var reference: PanelWorkspace?
    let referenceSeries = options.referenceSeries ?? ReferencePanel.series
    if options.referenceWeight > 0, !referenceSeries.isEmpty {
      reference = PanelWorkspace(values: referenceSeries, horizon: options.horizon, threads: options.threads)
      reference!.computeLocal([.naive, .drift, .theta, .damped])
    }
    let prior = reference.map { ReferencePrior(workspace: $0, weight: options.referenceWeight) }
    let configurations = choose(workspace, methods: options.methods, prior: prior)
    var forecasts: [SeriesForecast] = []
    var notes: [String] = []
    var choice: AutoChoice?
    var allRows: [[Predictive]] = []
    for (method, configuration) in zip(options.methods, configurations) {
      if configuration.members.contains(.global) {
        workspace.computeGlobal(lags: configuration.globalLags, equalSeriesWeight: configuration.globalEqualWeight)
        if workspace.globalModel == nil { notes.append("\(method): the global model could not be fitted; left out of the combination") }
      }
      if method == .auto { choice = configuration.choice }
      let (rows, rolling) = predictives(workspace, configuration, prior: prior)
      allRows.append(rows)
      for (i, series) in panel.series.enumerated() {
        if configuration.members == [.global], workspace.global[i] == nil {
          notes.append("series '\(series.name)': \(method) needs strictly positive values; drift used instead")
        }
        for member in configuration.members.sorted() {
          if let reason = workspace.failures[member]?[i] {
            notes.append("series '\(series.name)': \(member.rawValue) left out of \(method): \(reason)\(configuration.members.count == 1 ? "; drift used instead" : "")")
          }
        }
        let components = ForecastMethod.combination(Set(workspace.used(configuration.members, series: i))).description
        var forecast = summarize(series, model: method.description, components: components, rows[i], options)
        forecast.fitted = fittedValues(series, rolling[i])
        forecasts.append(forecast)
      }
    }
    return (PanelForecast(options: options, forecasts: forecasts, choice: choice, notes: notes), allRows)
  }

  /// A fully specified method: components, global model settings and calibration exponent.
  struct Configuration: Sendable {
    var members: Set<ForecastComponent>
    var globalLags = 2
    var globalEqualWeight = true
    var exponent = 0.0
    var halfLife = Double.infinity
    var choice: AutoChoice?
  }

  /// The reference panel's local forecasts and the weight its errors get (see `ReferencePanel`).
  struct ReferencePrior: Sendable {
    var workspace: PanelWorkspace
    var weight: Double

    /// The reference's share of a validation split: its series cut `cut` years short (those
    /// long enough, reusing their local forecasts) and the years held out.
    func split(cut: Int) -> (prior: ReferencePrior, held: [[Double]]) {
      let keep = workspace.values.indices.filter { workspace.values[$0].count - cut > RollingForecasts.firstOrigin }
      return (ReferencePrior(workspace: workspace.truncated(keep: keep, cut: cut), weight: weight), keep.map { Array(workspace.values[$0].suffix(cut)) })
    }

    /// The reference errors for a combination: its local members' (or drift's) rolling forecasts.
    func reference(for members: Set<ForecastComponent>) -> Calibration.Reference {
      let components = ReferencePanel.components(for: members)
      return Calibration.Reference(
        workspace: workspace, forecasts: (0..<workspace.values.count).map { workspace.combined(components, series: $0) }, weight: weight)
    }
  }

  /// The reference panel cut `horizon` years short, for scoring `auto`'s candidate combinations
  /// on the reference series' held-out years (OWA relative to drift, as on the file).
  struct ReferenceChoice {
    let workspace: PanelWorkspace
    let held: [[Double]]
    let drift: (smape: Double, mase: Double)

    init(split: (prior: ReferencePrior, held: [[Double]])) {
      workspace = split.prior.workspace
      held = split.held
      drift = PanelForecaster.pointScores(workspace, [.drift], held: held)
    }

    /// OWA of the reference's local components `members` relative to drift.
    func owa(_ members: Set<ForecastComponent>) -> Double {
      let s = PanelForecaster.pointScores(workspace, members, held: held)
      return 0.5 * (s.smape / drift.smape + s.mase / drift.mase)
    }
  }

  /// Final-origin predictive distributions of every series under `configuration`, and the
  /// rolling forecasts they were calibrated from.
  static func predictives(
    _ workspace: PanelWorkspace, _ configuration: Configuration, prior: ReferencePrior?
  ) -> (rows: [Predictive], rolling: [RollingForecasts]) {
    let rolling = (0..<workspace.values.count).map { workspace.combined(configuration.members, series: $0) }
    let rows = predictives(
      workspace, rolling: rolling, exponent: configuration.exponent, halfLife: configuration.halfLife,
      reference: prior?.reference(for: configuration.members))
    return (rows, rolling)
  }

  /// The one-step-ahead forecasts among `rolling` (the in-sample fitted values); origins a
  /// component was not refitted at (NaN) give no row.
  static func fittedValues(_ series: Series, _ rolling: RollingForecasts) -> [FittedValue] {
    let y = series.values
    guard y.count > RollingForecasts.firstOrigin else { return [] }
    return (RollingForecasts.firstOrigin..<min(y.count, rolling.lastOrigin + 1)).compactMap { t in
      let f = rolling[origin: t, step: 1]
      guard f.isFinite else { return nil }
      return FittedValue(year: series.firstYear + t, fitted: f, residual: y[t] - f)
    }
  }

  static func predictives(
    _ workspace: PanelWorkspace, rolling: [RollingForecasts], exponent: Double, halfLife: Double, reference: Calibration.Reference?
  ) -> [Predictive] {
    let calibration = Calibration(workspace: workspace, forecasts: rolling, exponent: exponent, halfLife: halfLife, reference: reference)
    return workspace.values.indices.map { i in
      calibration.predictive(
        series: i, forecast: rolling[i].final, lastValue: workspace.values[i].last!,
        positive: workspace.logValues[i] != nil)
    }
  }

  static func summarize(_ series: Series, model: String, components: String, _ p: Predictive, _ options: ForecastOptions) -> SeriesForecast {
    let steps = 1...options.horizon
    func q(_ tau: Double) -> [Double] { steps.map { p.quantile(tau, step: $0) } }
    return SeriesForecast(
      series: series.name, model: model, components: components, years: steps.map { series.lastYear + $0 },
      median: steps.map { p.median(step: $0) }, mean: steps.map { p.mean(step: $0) },
      lower: options.levels.map { q((1 - $0 / 100) / 2) },
      upper: options.levels.map { q((1 + $0 / 100) / 2) },
      quantiles: options.quantiles.map(q),
      growth: options.growthTargets.map { r in steps.map { p.exceedance(r * p.lastValue, step: $0) } })
  }

  // MARK: Choosing on a validation split

  /// One configuration per requested method, chosen on the panel cut `horizon` years short
  /// (`full` must hold the local methods' forecasts).
  static func choose(_ full: PanelWorkspace, methods: [ForecastMethod], prior: ReferencePrior?) -> [Configuration] {
    let horizon = full.horizon, values = full.values
    let keep = values.indices.filter { values[$0].count - horizon >= RollingForecasts.firstOrigin }
    let cut = keep.map { Array(values[$0].dropLast(horizon)) }
    let held = keep.map { Array(values[$0].suffix(horizon)) }
    var validation = full.truncated(keep: keep, cut: horizon)
    let globalLeftOut = keep.count < minimumSeriesForGlobal
      ? "\(keep.count) series with \(horizon) or more years to hold out; it needs \(minimumSeriesForGlobal)" : nil
    let needsGlobal = methods.contains { m in
      if case .combination(let parts) = m { return parts.contains(.global) }
      return globalLeftOut == nil
    }
    // The reference panel's held-out years score the combinations too, with the prior's weight
    // against one per series of the file: a file of one series does not choose its method on six
    // values alone, and a large panel's own evidence dominates.
    // The reference's validation split is cut once; it serves the calibration's choice as well.
    let referenceSplit = prior?.split(cut: horizon)
    let referenceChoice = methods.contains(.auto) ? referenceSplit.map(ReferenceChoice.init) : nil
    var lags = 2, equalWeight = true
    if needsGlobal, !cut.isEmpty {
      (lags, equalWeight) = chooseGlobal(&validation, held: held)
      validation.computeGlobal(lags: lags, equalSeriesWeight: equalWeight)
    }
    return methods.map { method in
      var configuration = Configuration(members: [.drift], globalLags: lags, globalEqualWeight: equalWeight)
      var scores: [(String, Double)] = []
      switch method {
      case .combination(let parts):
        configuration.members = parts
      case .auto:
        let candidates = autoCandidates.filter { globalLeftOut == nil || !$0.contains(.global) }
        let fileWeight = Double(held.count), priorWeight = referenceChoice == nil ? 0 : prior!.weight
        if fileWeight + priorWeight > 0 {
          let drift = cut.isEmpty ? nil : pointScores(validation, [.drift], held: held)
          scores = candidates.map { candidate in
            var owa = 0.0
            if let drift {
              let s = pointScores(validation, candidate, held: held)
              owa += fileWeight * 0.5 * (s.smape / drift.smape + s.mase / drift.mase)
            }
            if let referenceChoice {
              owa += priorWeight * referenceChoice.owa(ReferencePanel.components(for: candidate))
            }
            return (ForecastMethod.combination(candidate).description, owa / (fileWeight + priorWeight))
          }
          let best = scores.indices.min { scores[$0].1 < scores[$1].1 }!
          configuration.members = candidates[best]
        }
      }
      if !cut.isEmpty {
        (configuration.exponent, configuration.halfLife) = chooseCalibration(
          validation, configuration.members, held: held,
          reference: referenceSplit.map { ($0.prior.reference(for: configuration.members), $0.held) })
      }
      if method == .auto {
        configuration.choice = AutoChoice(
          method: .combination(configuration.members), candidateScores: scores, globalLags: lags,
          globalEqualWeight: equalWeight, volatilityExponent: configuration.exponent,
          halfLife: configuration.halfLife, globalLeftOut: globalLeftOut, fileSeries: held.count,
          referenceWeight: referenceChoice == nil ? 0 : prior!.weight)
      }
      return configuration
    }
  }

  /// Lags and weighting of the global model with the lowest validation sMAPE.
  static func chooseGlobal(_ workspace: inout PanelWorkspace, held: [[Double]]) -> (Int, Bool) {
    var best = (lags: 2, equal: true, score: Double.infinity)
    for lags in globalLagChoices {
      for equal in [true, false] {
        workspace.computeGlobal(lags: lags, equalSeriesWeight: equal)
        guard workspace.globalModel != nil else { continue }
        let s = pointScores(workspace, [.global], held: held).smape
        if s < best.score { best = (lags, equal, s) }
      }
    }
    return (best.lags, best.equal)
  }

  /// Mean validation sMAPE and MASE of a combination's final forecasts.
  static func pointScores(_ workspace: PanelWorkspace, _ members: Set<ForecastComponent>, held: [[Double]]) -> (smape: Double, mase: Double) {
    var smape = 0.0, mase = 0.0
    for i in held.indices {
      let f = workspace.combined(members, series: i).final
      smape += AccuracyMetrics.smape(actual: held[i], forecast: f)
      mase += AccuracyMetrics.mase(actual: held[i], forecast: f, scale: AccuracyMetrics.naiveScale(workspace.values[i]))
    }
    let n = Double(max(held.count, 1))
    return (smape / n, mase / n)
  }

  /// The volatility exponent and recency half-life whose 95% intervals have the lowest validation
  /// MSIS: the file's held-out years, and the reference's with the prior's weight (so a file of
  /// one series does not choose its calibration on its last few values alone).
  static func chooseCalibration(
    _ workspace: PanelWorkspace, _ members: Set<ForecastComponent>, held: [[Double]],
    reference validation: (reference: Calibration.Reference, held: [[Double]])?
  ) -> (exponent: Double, halfLife: Double) {
    let reference = validation?.reference
    let rolling = (0..<workspace.values.count).map { workspace.combined(members, series: $0) }
    let scales = workspace.values.map(AccuracyMetrics.naiveScale)
    var best = (exponent: 0.0, halfLife: Double.infinity, score: Double.infinity)
    for exponent in exponents {
      let family = Calibration.family(
        workspace: workspace, forecasts: rolling, exponent: exponent, halfLives: halfLives, reference: reference)
      for (halfLife, calibration) in zip(halfLives, family) {
        var total = 0.0
        for i in held.indices {
          // A model component refitted too short a history has no validation forecast (NaN); it
          // scores nothing here, instead of making every total NaN, which left the defaults
          // (exponent 0, no recency weights) chosen whatever the scores.
          guard rolling[i].final.allSatisfy(\.isFinite) else { continue }
          let p = calibration.predictive(
            series: i, forecast: rolling[i].final, lastValue: workspace.values[i].last!,
            positive: workspace.logValues[i] != nil)
          let steps = 1...held[i].count
          total += AccuracyMetrics.msis(
            actual: held[i], lower: steps.map { p.quantile(0.025, step: $0) },
            upper: steps.map { p.quantile(0.975, step: $0) }, scale: scales[i])
        }
        if let validation, !validation.held.isEmpty {
          let share = validation.reference.weight / Double(validation.held.count)
          for (r, held) in validation.held.enumerated() {
            let values = validation.reference.workspace.values[r]
            let p = calibration.referencePredictive(r, forecast: validation.reference.forecasts[r].final, lastValue: values.last!)
            let steps = 1...held.count
            total += share * AccuracyMetrics.msis(
              actual: held, lower: steps.map { p.quantile(0.025, step: $0) },
              upper: steps.map { p.quantile(0.975, step: $0) }, scale: AccuracyMetrics.naiveScale(values))
          }
        }
        if total < best.score { best = (exponent, halfLife, total) }
      }
    }
    return (best.exponent, best.halfLife)
  }
}
