import Foundation

/// Gompertz growth `y_t = K exp(-b exp(-c t))`, t = 1...n, by Levenberg–Marquardt least squares.
///
/// Positive data only; K, b, c > 0. Started from the linearization
/// `log(-log(y/K)) = log b - c t` with `K = 1.2 max y`. Intervals and paths by the delta method
/// (see `GrowthCurveFit`), Student t with `n - 3` degrees of freedom.
public struct GompertzModel: ForecastModel {
  public var name: String { "gompertz" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, minimumCount: 5, requirePositive: true, model: name)
    let k0 = 1.2 * (y.max() ?? 1)
    let line = linearStart(y.map { log(-log($0 / k0)) })
    let c0 = -line.slope > 1e-6 ? -line.slope : 0.1
    let curve: GrowthCurveFit.Curve = { t, theta in
      let u = exp(-theta[2] * t)
      let w = exp(-theta[1] * u)
      let value = theta[0] * w
      return (value, SIMD4(w, -value * u, value * theta[1] * u * t, 0))
    }
    let fit = try GrowthCurveFit(
      y: y, start: [k0, exp(line.intercept), c0], curve: curve,
      valid: { $0[0] > 0 && $0[1] > 0 && $0[2] > 0 }, model: name)
    return GrowthCurveFitted(name: name, fit: fit, parameterNames: ["capacity", "b", "c"], extra: [:])
  }
}
