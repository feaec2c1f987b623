import Foundation
import TCLinearAlgebra

/// A saturating growth curve `f(t; θ)` on t = 1...n fitted by nonlinear least squares, with
/// the delta-method quantities intervals and simulation need.
///
/// Intervals: `f(n+h; θ̂) ± t_{n-p} σ √(1 + gᵀ(JᵀJ)⁻¹g)`, `g = ∂f/∂θ` at `n + h`,
/// `σ² = RSS/(n - p)`. Simulated paths draw θ from `N(θ̂, σ²(JᵀJ)⁻¹)` once per path and add
/// independent `N(0, σ²)` noise per step.
struct GrowthCurveFit: Sendable {
  /// Model value and gradient with respect to the parameters at time t (lanes beyond the
  /// parameter count are unused; a SIMD value keeps Jacobian evaluations allocation-free).
  typealias Curve = @Sendable (_ t: Double, _ theta: [Double]) -> (value: Double, gradient: SIMD4<Double>)

  let theta: [Double]
  let count: Int
  let residualSumOfSquares: Double
  /// `(JᵀJ)⁻¹`, p × p column-major.
  let covarianceFactor: [Double]
  /// Lower Cholesky factor of `(JᵀJ)⁻¹`, p × p column-major.
  let covarianceRoot: [Double]
  let curve: Curve

  init(y: [Double], start: [Double], curve: @escaping Curve, valid: @escaping ([Double]) -> Bool, model: String) throws(ModelError) {
    let n = y.count, p = start.count
    let residuals: ([Double]) -> [Double]? = { theta in
      guard valid(theta) else { return nil }
      var r = [Double](repeating: 0, count: n)
      for i in 0..<n {
        r[i] = y[i] - curve(Double(i + 1), theta).value
        if !r[i].isFinite { return nil }
      }
      return r
    }
    let jacobian: ([Double]) -> Matrix = { theta in
      var m = Matrix(rows: n, columns: p)
      for i in 0..<n {
        let g = curve(Double(i + 1), theta).gradient
        for c in 0..<p { m[i, c] = g[c] }
      }
      return m
    }
    guard let result = LevenbergMarquardt().minimize(start: start, count: n, residuals: residuals, jacobian: jacobian),
          result.sumOfSquares.isFinite
    else { throw .notConverged(model: model) }
    var jtj = Matrix(rows: p, columns: p)
    for a in 0..<p {
      for b in 0..<p {
        var s = 0.0
        for i in 0..<n { s += result.jacobian[i, a] * result.jacobian[i, b] }
        jtj[a, b] = s
      }
    }
    do {
      let inverse = try LAPACK.choleskySolve(factor: LAPACK.cholesky(jtj), Matrix.identity(p))
      let root = try LAPACK.cholesky(inverse)
      covarianceFactor = (0..<p * p).map { inverse[$0 % p, $0 / p] }
      covarianceRoot = (0..<p * p).map { root[$0 % p, $0 / p] }
    } catch {
      // JᵀJ singular: the parameters are not identified by these data.
      throw .notConverged(model: model)
    }
    theta = result.parameters
    count = n
    let scale = y.reduce(0) { max($0, abs($1)) }
    residualSumOfSquares = result.sumOfSquares <= Double(n) * (1e-12 * scale) * (1e-12 * scale) ? 0 : result.sumOfSquares
    self.curve = curve
  }

  var parameterCount: Int { theta.count }
  var residualVariance: Double { residualSumOfSquares / Double(count - parameterCount) }

  func pointForecast(horizon: Int) -> [Double] {
    (0..<max(0, horizon)).map { curve(Double(count + $0 + 1), theta).value }
  }

  func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
    let p = parameterCount
    let sd = (0..<max(0, horizon)).map { index -> Double in
      let g = curve(Double(count + index + 1), theta).gradient
      var quad = 0.0
      for a in 0..<p { for b in 0..<p { quad += g[a] * covarianceFactor[b * p + a] * g[b] } }
      return (residualVariance * (1 + max(0, quad))).squareRoot()
    }
    return gaussianIntervals(mean: pointForecast(horizon: horizon), standardDeviation: sd, levels: levels,
                             degreesOfFreedom: Double(count - p))
  }

  func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
    let sigma = residualVariance.squareRoot(), p = parameterCount
    var draw = theta, z = theta
    return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
      for a in 0..<p { z[a] = stream.nextNormal() }
      for a in 0..<p {
        var s = 0.0
        for b in 0...a { s += covarianceRoot[b * p + a] * z[b] }
        draw[a] = theta[a] + sigma * s
      }
      for h in 0..<horizon {
        path[h] = curve(Double(count + h + 1), draw).value + sigma * stream.nextNormal()
      }
    }
  }

  var logLikelihood: Double? { gaussianLogLikelihood(sumOfSquares: residualSumOfSquares, count: count) }
}

/// The fitted-model face shared by the logistic and Gompertz models.
public struct GrowthCurveFitted: FittedModel {
  public let name: String
  let fit: GrowthCurveFit
  let parameterNames: [String]
  let extra: [String: Double]

  public var parameters: [String: Double] {
    var p = extra
    for (key, value) in zip(parameterNames, fit.theta) { p[key] = value }
    return p
  }
  /// `RSS/(n - p)`, `p` the number of estimated curve parameters.
  public var residualVariance: Double { fit.residualVariance }
  public var logLikelihood: Double? { fit.logLikelihood }
  public var aicc: Double? { correctedAIC(logLikelihood: logLikelihood, parameterCount: fit.parameterCount + 1, count: fit.count) }
  public func pointForecast(horizon: Int) -> [Double] { fit.pointForecast(horizon: horizon) }
  public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] { fit.intervals(horizon: horizon, levels: levels) }
  public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
    fit.simulate(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset)
  }
}
