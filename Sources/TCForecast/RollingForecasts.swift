/// Point forecasts of one method for one series from every origin: the forecast made from the
/// first `t` values, for steps `1...horizon`, for each `t` in `firstOrigin...lastOrigin`.
///
/// The last origin is the series' full length, so the final forecast is the last row; the
/// earlier rows give the in-sample rolling-origin errors the intervals are calibrated from.
struct RollingForecasts: Sendable {
  /// The smallest history a forecast is made from.
  static let firstOrigin = 3

  let horizon: Int
  let lastOrigin: Int
  /// Row-major: row `t - firstOrigin`, column `h - 1`.
  var values: [Double]

  init(horizon: Int, lastOrigin: Int) {
    self.horizon = horizon
    self.lastOrigin = lastOrigin
    values = [Double](repeating: 0, count: max(0, lastOrigin - Self.firstOrigin + 1) * horizon)
  }

  /// The forecasts from origins up to `origin` only: what the same method gives on the series
  /// cut to its first `origin` values (every method here uses only values up to its origin).
  func truncated(to origin: Int) -> RollingForecasts {
    var out = RollingForecasts(horizon: horizon, lastOrigin: origin)
    out.values = Array(values.prefix(out.values.count))
    return out
  }

  /// The forecast for step `step` (1-based) made from the first `origin` values.
  subscript(origin origin: Int, step step: Int) -> Double {
    get { values[(origin - Self.firstOrigin) * horizon + step - 1] }
    set { values[(origin - Self.firstOrigin) * horizon + step - 1] = newValue }
  }

  /// The forecast made from the whole series.
  var final: [Double] { (1...horizon).map { self[origin: lastOrigin, step: $0] } }

  /// Element-wise mean of several methods' forecasts (a combination with equal weights).
  static func mean(_ parts: [RollingForecasts]) -> RollingForecasts {
    var out = parts[0]
    guard parts.count > 1 else { return out }
    let scale = 1 / Double(parts.count)
    for i in out.values.indices {
      var sum = 0.0
      for part in parts { sum += part.values[i] }
      out.values[i] = sum * scale
    }
    return out
  }
}
