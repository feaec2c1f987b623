import Foundation
import TCLinearAlgebra

/// A global model: one linear autoregression shared by every series of the panel.
///
/// Following Montero-Manso & Hyndman (2021), "Principles and algorithms for forecasting groups of
/// time series: locality and globality" (IJF 37(4)), the inputs are scaled windows: the last
/// `lags` log values minus the log of the last value (so a window does not depend on the
/// series' level), and the target is `log y[t+h] − log y[t]`, one coefficient vector per step
/// `h`. Every window of every positive series is a row. All steps are fitted together by ONE
/// least-squares solve (`LAPACK.leastSquares`, Householder QR): the design is block-diagonal,
/// one block of columns per step, plus a small ridge block that keeps it full rank when a step
/// has few windows. Series may be weighted equally (each series' rows weighted 1/rows) so that
/// long series do not dominate.
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
  static func fit(logSeries: [[Double]], horizon: Int, lags: Int, equalSeriesWeight: Bool) -> GlobalAutoregression? {
    let width = lags + 1
    let first = RollingForecasts.firstOrigin - 1
    var rowsPerStep = [Int](repeating: 0, count: horizon)
    for logY in logSeries {
      for h in 1...horizon { rowsPerStep[h - 1] += max(0, logY.count - h - first) }
    }
    let dataRows = rowsPerStep.reduce(0, +)
    guard dataRows > 0 else { return nil }
    let columns = horizon * width
    let rows = dataRows + columns
    var a = [Double](repeating: 0, count: rows * columns)
    var b = [Double](repeating: 0, count: rows)
    var x = [Double](repeating: 0, count: width)
    var row = 0
    for h in 1...horizon {
      let column0 = (h - 1) * width
      for logY in logSeries {
        let count = logY.count - h - first
        guard count > 0 else { continue }
        let w = equalSeriesWeight ? (1 / Double(count)).squareRoot() : 1
        for t in first..<(logY.count - h) {
          features(logY, at: t, lags: lags, into: &x)
          for j in 0..<width { a[row + (column0 + j) * rows] = w * x[j] }
          b[row] = w * (logY[t + h] - logY[t])
          row += 1
        }
      }
    }
    let r = ridge.squareRoot()
    for j in 0..<columns {
      a[row + j * rows] = r
      row += 1
    }
    guard let solution = try? LAPACK.leastSquares(Matrix(rows: rows, columns: columns, columnMajor: a), b),
      solution.coefficients.allSatisfy(\.isFinite)
    else { return nil }
    let coefficients = (0..<horizon).map { Array(solution.coefficients[($0 * width)..<(($0 + 1) * width)]) }
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
