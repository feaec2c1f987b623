import Foundation
import TCLinearAlgebra

/// Ordinary least squares of a series on time `t = 1...n`, with what prediction intervals need.
///
/// Shared by the linear and the log-linear trend models. The coefficients come from LAPACK
/// least squares; for two columns `[1, t]` the parameter-uncertainty term is closed form:
/// `x₀ᵀ(XᵀX)⁻¹x₀ = 1/n + (t₀ - t̄)² / Sxx`.
struct TrendRegression: Sendable {
  let intercept: Double
  let slope: Double
  let count: Int
  let meanTime: Double
  let timeSumOfSquares: Double
  let residualSumOfSquares: Double

  init(_ y: [Double], model: String) throws(ModelError) {
    let n = y.count
    var design = [Double](repeating: 1, count: 2 * n)
    for t in 0..<n { design[n + t] = Double(t + 1) }
    let fit: LAPACK.LeastSquaresResult
    do {
      fit = try LAPACK.leastSquares(Matrix(rows: n, columns: 2, columnMajor: design), y)
    } catch {
      throw .notConverged(model: model)
    }
    intercept = fit.coefficients[0]
    slope = fit.coefficients[1]
    count = n
    meanTime = Double(n + 1) / 2
    // Σ (t - t̄)² for t = 1...n.
    timeSumOfSquares = Double(n) * (Double(n) * Double(n) - 1) / 12
    // Recomputed rather than taken from LAPACK so that an exact fit gives exactly zero.
    var rss = 0.0
    for t in 0..<n {
      let e = y[t] - (intercept + slope * Double(t + 1))
      rss += e * e
    }
    // Below the rounding floor of the data the fit is exact; report zero so that exactly linear
    // or constant series get zero-width intervals rather than noise-sized ones.
    let scale = y.reduce(0) { max($0, abs($1)) }
    let floor = Double(n) * (64 * Double.ulpOfOne * scale) * (64 * Double.ulpOfOne * scale)
    residualSumOfSquares = rss <= floor ? 0 : rss
  }

  /// Residual variance with divisor `n - 2`.
  var residualVariance: Double { residualSumOfSquares / Double(count - 2) }

  func mean(step h: Int) -> Double { intercept + slope * Double(count + h) }

  /// Standard deviation of the prediction error at `t₀ = n + h`: `σ √(1 + x₀ᵀ(XᵀX)⁻¹x₀)`.
  func predictionSD(step h: Int) -> Double {
    let d = Double(count + h) - meanTime
    return (residualVariance * (1 + 1 / Double(count) + d * d / timeSumOfSquares)).squareRoot()
  }

  func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
    let steps = 1...max(1, horizon)
    let mean = horizon > 0 ? steps.map(mean(step:)) : []
    let sd = horizon > 0 ? steps.map(predictionSD(step:)) : []
    return gaussianIntervals(
      mean: mean, standardDeviation: sd, levels: levels, degreesOfFreedom: Double(count - 2))
  }

  /// Paths that draw the level at `t̄` and the slope (independent in the centred design) from
  /// their sampling distributions, then add independent noise, matching the interval variance.
  func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
    let sigma = residualVariance.squareRoot()
    let levelSD = sigma / Double(count).squareRoot()
    let slopeSD = sigma / timeSumOfSquares.squareRoot()
    let centreLevel = intercept + slope * meanTime
    return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
      let level = centreLevel + levelSD * stream.nextNormal()
      let pathSlope = slope + slopeSD * stream.nextNormal()
      for h in 0..<horizon {
        path[h] = level + pathSlope * (Double(count + h + 1) - meanTime) + sigma * stream.nextNormal()
      }
    }
  }

  var logLikelihood: Double? { gaussianLogLikelihood(sumOfSquares: residualSumOfSquares, count: count) }
}
