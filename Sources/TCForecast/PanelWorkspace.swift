import Foundation
import TCModels

/// Everything computed once per panel and horizon: each component's forecasts from every origin
/// of every series. Combinations and calibrations are cheap views on top of it.
struct PanelWorkspace: Sendable {
  let horizon: Int
  let values: [[Double]]
  /// `log y` for strictly positive series, `nil` otherwise (log-scale methods skip those).
  let logValues: [[Double]?]
  /// `local[component]![i]`: rolling forecasts of series `i`.
  private(set) var local: [ForecastComponent: [RollingForecasts]] = [:]
  /// Rolling forecasts of the global model per series (`nil` for non-positive series).
  private(set) var global: [RollingForecasts?] = []
  private(set) var globalModel: GlobalAutoregression?
  let threads: Int

  init(values: [[Double]], horizon: Int, threads: Int) {
    self.values = values
    self.horizon = horizon
    self.threads = threads
    logValues = values.map { y in y.allSatisfy { $0 > 0 } ? y.map { Foundation.log($0) } : nil }
    global = Array(repeating: nil, count: values.count)
  }

  /// The workspace of the panel with each series in `keep` cut `cut` values short, reusing
  /// the local methods' forecasts (they only look back, so the cut series' are a prefix).
  func truncated(keep: [Int], cut: Int) -> PanelWorkspace {
    var out = PanelWorkspace(values: keep.map { Array(values[$0].dropLast(cut)) }, horizon: horizon, threads: threads)
    for (component, rolling) in local {
      out.local[component] = keep.map { rolling[$0].truncated(to: values[$0].count - cut) }
    }
    // A model that failed on the full series is left out of the cut one too (its cut final
    // forecast may exist, but the full-series forecast it is chosen for does not).
    out.failures = failures.mapValues { failed in
      Dictionary(uniqueKeysWithValues: keep.enumerated().compactMap { k, i in failed[i].map { (k, $0) } })
    }
    return out
  }

  /// Why a model component could not be fitted to series `i` (its final forecast is NaN then).
  private(set) var failures: [ForecastComponent: [Int: String]] = [:]

  /// Computes the rolling forecasts of per-series components (not `global`) not computed yet.
  mutating func computeLocal(_ components: [ForecastComponent]) {
    let todo = components.filter { $0 != .global && local[$0] == nil }
    guard !todo.isEmpty else { return }
    let values = self.values, horizon = self.horizon
    let perSeries = parallelMap(values.count, threads: threads) { i in
      todo.map { component -> (RollingForecasts, String?) in
        if let model = component.model { return Self.modelRolling(model, values[i], horizon: horizon) }
        return (LocalMethod(rawValue: component.rawValue)!.rolling(values[i], horizon: horizon), nil)
      }
    }
    for (k, component) in todo.enumerated() {
      local[component] = perSeries.map { $0[k].0 }
      var failed: [Int: String] = [:]
      for i in perSeries.indices { if let reason = perSeries[i][k].1 { failed[i] = reason } }
      failures[component] = failed
    }
  }

  /// A TCModels model refitted at the last `horizon + 10` origins, but not on histories shorter
  /// than its full selection (`ForecastModel.fullSelectionCount`); other origins stay NaN (the
  /// calibration skips them). Returns the reason when the final fit fails.
  ///
  /// Why: on a short history an automatic selection chooses among fewer, simpler forms
  /// (AutoETS below 7 values has no trend), whose forecasts lag a growing series far more than
  /// the final model's do, and their errors overstated the calibration's median shift. AutoETS
  /// on M1: median log error at step 6 of refits on fewer than 10 values 0.263, on 10 or more
  /// 0.087, of the final fits on the test years 0.129.
  static func modelRolling(_ model: any ForecastModel, _ y: [Double], horizon: Int) -> (RollingForecasts, String?) {
    var out = RollingForecasts(horizon: horizon, lastOrigin: y.count)
    guard y.count >= RollingForecasts.firstOrigin else { return (out, nil) }
    for k in out.values.indices { out.values[k] = .nan }
    var reason: String?
    // A series shorter than the full selection is still fitted at its last value.
    let first = min(y.count, max(RollingForecasts.firstOrigin, y.count - horizon - 10, model.fullSelectionCount))
    for t in first...y.count {
      do {
        let f = try model.fit(Array(y.prefix(t))).pointForecast(horizon: horizon)
        guard f.count == horizon, f.allSatisfy(\.isFinite) else {
          if t == y.count { reason = "\(model.name) gave a non-finite forecast" }
          continue
        }
        for h in 1...horizon { out[origin: t, step: h] = f[h - 1] }
      } catch {
        if t == y.count { reason = error.description }
      }
    }
    return (out, reason)
  }

  /// Fits the global model and its rolling forecasts; without a usable fit, `global` stays `nil`.
  mutating func computeGlobal(lags: Int, equalSeriesWeight: Bool) {
    let positive = logValues.compactMap { $0 }
    globalModel = GlobalAutoregression.fit(
      logSeries: positive, horizon: horizon, lags: lags, equalSeriesWeight: equalSeriesWeight)
    guard let model = globalModel else {
      global = Array(repeating: nil, count: values.count)
      return
    }
    let values = self.values, logValues = self.logValues
    global = parallelMap(values.count, threads: threads) { i in
      logValues[i].map { model.rolling(values[i], logY: $0) }
    }
  }

  /// The equal-weight combination of `members` for series `i`. Members a series cannot use (the
  /// global model on non-positive data) are left out; if none is left, drift stands in.
  /// The members of a combination that series `i`'s forecast is the mean of: those fitted to
  /// it (the global model needs positive values; a TCModels model may fail), or drift when none is.
  func used(_ members: Set<ForecastComponent>, series i: Int) -> [ForecastComponent] {
    let fitted = members.sorted().filter { member in
      member == .global ? global[i] != nil : local[member]?[i] != nil && failures[member]?[i] == nil
    }
    precondition(!fitted.isEmpty || local[.drift]?[i] != nil, "drift forecasts must be computed before combining")
    return fitted.isEmpty ? [.drift] : fitted
  }

  func combined(_ members: Set<ForecastComponent>, series i: Int) -> RollingForecasts {
    let parts = used(members, series: i).map { $0 == .global ? global[i]! : local[$0]![i] }
    var out = RollingForecasts.mean(parts)
    // A log-scale calibration needs a positive point forecast for positive data.
    if logValues[i] != nil {
      for t in RollingForecasts.firstOrigin...out.lastOrigin {
        let floor = 1e-9 * values[i][t - 1]
        // NaN marks an origin a model component was not refitted at; it stays NaN (skipped).
        for h in 1...horizon where out[origin: t, step: h] <= floor { out[origin: t, step: h] = floor }
      }
    } else {
      for k in out.values.indices where out.values[k].isInfinite { out.values[k] = values[i].last! }
    }
    return out
  }
}
