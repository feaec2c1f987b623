import Foundation
import TCLinearAlgebra

/// A global model: one linear autoregression shared by every series of the panel.
///
/// Following Montero-Manso & Hyndman (2021), "Principles and algorithms for forecasting groups of
/// time series: locality and globality" (IJF 37(4)), the inputs are scaled windows: the last
/// `lags` log values minus the log of the last value (so a window does not depend on the
/// series' level), and the target is `log y[t+h] − log y[t]`, one coefficient vector per step
/// `h`. Every window of every positive series whose next `horizon` values are observed is a
/// row, and all steps are fitted by ONE least-squares solve (`LAPACK.leastSquares`, one
/// Householder QR of the design, one right-hand side per step), plus a small ridge block that
/// keeps the design full rank. Series may be weighted equally (each series' rows weighted
/// 1/rows) so that long series do not dominate.
struct GlobalAutoregression: Sendable {
  let lags: Int
  let horizon: Int
  let equalSeriesWeight: Bool
  /// `coefficients[h - 1]` = [intercept, lag 1, …, lag `lags`].
  let coefficients: [[Double]]

  static let ridge = 1e-3

  /// The features of the window ending at zero-based index `t`: [1, log y[t−1] − log y[t], …];
  /// indices before the start repeat the first value.
  @inline(__always)
  static func features(_ logY: [Double], at t: Int, lags: Int, into x: inout [Double]) {
    x[0] = 1
    for j in 1...lags { x[j] = logY[max(t - j, 0)] - logY[t] }
  }

  /// Fits the model to every positive series with at least `RollingForecasts.firstOrigin` values.
  ///
  /// - Returns: `nil` if no series is usable or the solve fails (the combination then leaves
  ///   the global model out).
  static func fit(
    logSeries: [[Double]], horizon: Int, lags: Int, equalSeriesWeight: Bool, ridge: Double = ridge
  ) -> GlobalAutoregression? {
    let width = lags + 1
    let first = RollingForecasts.firstOrigin - 1
    // Windows whose every step 1...horizon is observed: one design, `horizon` right-hand sides.
    let dataRows = logSeries.reduce(0) { $0 + max(0, $1.count - horizon - first) }
    guard dataRows > 0 else { return nil }
    let rows = dataRows + width
    var a = [Double](repeating: 0, count: rows * width)
    var b = [Double](repeating: 0, count: rows * horizon)
    var x = [Double](repeating: 0, count: width)
    var row = 0
    for logY in logSeries {
      let count = logY.count - horizon - first
      guard count > 0 else { continue }
      let w = equalSeriesWeight ? (1 / Double(count)).squareRoot() : 1
      for t in first..<(logY.count - horizon) {
        features(logY, at: t, lags: lags, into: &x)
        for j in 0..<width { a[row + j * rows] = w * x[j] }
        for h in 1...horizon { b[row + (h - 1) * rows] = w * (logY[t + h] - logY[t]) }
        row += 1
      }
    }
    let r = ridge.squareRoot()
    for j in 0..<width {
      a[row + j * rows] = r
      row += 1
    }
    guard
      let solution = try? LAPACK.leastSquares(
        Matrix(rows: rows, columns: width, columnMajor: a), Matrix(rows: rows, columns: horizon, columnMajor: b)),
      solution.elements.allSatisfy(\.isFinite)
    else { return nil }
    let coefficients = (0..<horizon).map { h in (0..<width).map { solution[$0, h] } }
    return GlobalAutoregression(lags: lags, horizon: horizon, equalSeriesWeight: equalSeriesWeight, coefficients: coefficients)
  }

  /// Rolling-origin forecasts of one positive series (`y` and its logarithms).
  ///
  /// Earlier origins use the coefficients fitted on the whole panel, so their errors are
  /// in-sample residuals; with a handful of coefficients fitted on thousands of windows the
  /// optimism is small.
  func rolling(_ y: [Double], logY: [Double]) -> RollingForecasts {
    var out = RollingForecasts(horizon: horizon, lastOrigin: y.count)
    guard y.count >= RollingForecasts.firstOrigin else { return out }
    var x = [Double](repeating: 0, count: lags + 1)
    for t in RollingForecasts.firstOrigin...y.count {
      Self.features(logY, at: t - 1, lags: lags, into: &x)
      for h in 1...horizon {
        var z = 0.0
        for j in 0...lags { z += coefficients[h - 1][j] * x[j] }
        out[origin: t, step: h] = y[t - 1] * exp(min(z, 50))
      }
    }
    return out
  }
}
