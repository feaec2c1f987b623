import Foundation

/// The per-series point methods TCForecast combines. Each computes its forecasts from every
/// origin in one pass over the series: the recursions of SES and damped Holt carry their state
/// forward, so the forecast from the first `t` values is available after reading `t` values, and
/// a grid search over the smoothing parameters only needs the running one-step squared errors.
enum LocalMethod: String, CaseIterable, Sendable {
  /// The last value.
  case naive
  /// Random walk with drift: `y_t + h·(y_t − y_1)/(t − 1)`.
  case drift
  /// Standard Theta (Assimakopoulos & Nikolopoulos 2000) in the SES-with-drift form of Hyndman &
  /// Billah (2003): SES level plus half the OLS slope, alpha on a 20-point grid by one-step SSE.
  case theta
  /// Additive damped-trend Holt (Gardner & McKenzie 1985), (alpha, beta, phi) on a 250-point grid
  /// by one-step SSE.
  case damped
  /// `damped` on `log y`, back-transformed with `exp` (positive series; others fall back to damped).
  case logdamped

  func rolling(_ y: [Double], horizon: Int) -> RollingForecasts {
    var out = RollingForecasts(horizon: horizon, lastOrigin: y.count)
    guard y.count >= RollingForecasts.firstOrigin else { return out }
    switch self {
    case .naive: Self.naive(y, &out)
    case .drift: Self.drift(y, &out)
    case .theta: Self.theta(y, &out)
    case .damped: Self.damped(y, &out)
    case .logdamped:
      guard y.allSatisfy({ $0 > 0 }) else {
        Self.damped(y, &out)
        break
      }
      Self.damped(y.map { Foundation.log($0) }, &out)
      for k in out.values.indices { out.values[k] = Foundation.exp(min(out.values[k], 700)) }
    }
    return out
  }

  private static func naive(_ y: [Double], _ out: inout RollingForecasts) {
    for t in RollingForecasts.firstOrigin...y.count {
      for h in 1...out.horizon { out[origin: t, step: h] = y[t - 1] }
    }
  }

  private static func drift(_ y: [Double], _ out: inout RollingForecasts) {
    for t in RollingForecasts.firstOrigin...y.count {
      let slope = (y[t - 1] - y[0]) / Double(t - 1)
      for h in 1...out.horizon { out[origin: t, step: h] = y[t - 1] + slope * Double(h) }
    }
  }

  static let thetaAlphas: [Double] = (1...20).map { Double($0) * 0.05 }

  private static func theta(_ y: [Double], _ out: inout RollingForecasts) {
    let alphas = thetaAlphas
    var level = [Double](repeating: y[0], count: alphas.count)
    var sse = [Double](repeating: 0, count: alphas.count)
    // Running sums for the OLS slope of y on 1...t.
    var sx = 1.0, sy = y[0], sxx = 1.0, sxy = y[0]
    for t in 2...y.count {
      let value = y[t - 1]
      for k in alphas.indices {
        let e = value - level[k]
        sse[k] += e * e
        level[k] += alphas[k] * e
      }
      let x = Double(t)
      sx += x; sy += value; sxx += x * x; sxy += x * value
      guard t >= RollingForecasts.firstOrigin else { continue }
      let best = argmin(sse)
      let n = Double(t)
      let slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
      let a = alphas[best]
      let tail = (1 - pow1m(a, t)) / a
      for h in 1...out.horizon {
        out[origin: t, step: h] = level[best] + 0.5 * slope * (Double(h) - 1 + tail)
      }
    }
  }

  /// `(1 − a)^t` by repeated multiplication (t is small; avoids `pow` for exactness at a = 1).
  private static func pow1m(_ a: Double, _ t: Int) -> Double {
    var r = 1.0
    for _ in 0..<t { r *= (1 - a) }
    return r
  }

  static let dampedGrid: [(alpha: Double, beta: Double, phi: Double)] = {
    var grid: [(Double, Double, Double)] = []
    for i in 1...10 {
      for beta in [0.01, 0.05, 0.1, 0.2, 0.4] {
        for phi in [0.8, 0.85, 0.9, 0.95, 0.98] { grid.append((Double(i) * 0.1, beta, phi)) }
      }
    }
    return grid
  }()

  private static func damped(_ y: [Double], _ out: inout RollingForecasts) {
    let grid = dampedGrid
    var level = [Double](repeating: y[0], count: grid.count)
    var trend = [Double](repeating: y[1] - y[0], count: grid.count)
    var sse = [Double](repeating: 0, count: grid.count)
    for t in 2...y.count {
      let value = y[t - 1]
      for k in grid.indices {
        let (alpha, beta, phi) = grid[k]
        let f = level[k] + phi * trend[k]
        let e = value - f
        sse[k] += e * e
        level[k] = f + alpha * e
        trend[k] = phi * trend[k] + alpha * beta * e
      }
      guard t >= RollingForecasts.firstOrigin else { continue }
      let best = argmin(sse)
      let phi = grid[best].phi
      var damping = 0.0, power = 1.0
      for h in 1...out.horizon {
        power *= phi
        damping += power
        out[origin: t, step: h] = level[best] + damping * trend[best]
      }
    }
  }

  /// Index of the first smallest entry (ties go to the earlier grid point, so results are stable).
  private static func argmin(_ x: [Double]) -> Int {
    var best = 0
    for i in 1..<x.count where x[i] < x[best] { best = i }
    return best
  }
}
