import Foundation

/// Logistic growth `y_t = K / (1 + exp(-r (t - t₀)))`, t = 1...n, by Levenberg–Marquardt least
/// squares; capacity `K` estimated, or fixed when given.
///
/// Positive data only. Started from the linearization `log(K/y - 1) = -r t + r t₀` with
/// `K = 1.2 max y` (or the given capacity). Intervals and paths by the delta method (see
/// `GrowthCurveFit`), Student t with `n - p` degrees of freedom.
public struct LogisticModel: ForecastModel {
  /// The fixed capacity, or `nil` to estimate it.
  public let capacity: Double?

  /// Creates the specification; `capacity` fixes the saturation level K.
  public init(capacity: Double? = nil) {
    self.capacity = capacity
  }

  public var name: String { "logistic" }

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    let p = capacity == nil ? 3 : 2
    try validateSeries(y, minimumCount: p + 2, requirePositive: true, model: name)
    let maxY = y.max() ?? 0
    if let capacity, !(capacity.isFinite && capacity > maxY) {
      throw .invalidSetting(model: name, reason: "capacity must be finite and above every observation (\(maxY))")
    }
    let k0 = capacity ?? 1.2 * maxY
    let line = linearStart(y.map { log(k0 / $0 - 1) })
    var r = -line.slope
    if abs(r) < 1e-6 { r = 1e-3 }
    let start = [r, line.intercept / r]
    let curve: GrowthCurveFit.Curve
    if let capacity {
      curve = { t, theta in
        let e = exp(-theta[0] * (t - theta[1]))
        let s = 1 / (1 + e)
        let value = capacity * s
        return (value, SIMD4(capacity * s * s * e * (t - theta[1]), -capacity * s * s * e * theta[0], 0, 0))
      }
    } else {
      curve = { t, theta in
        let e = exp(-theta[1] * (t - theta[2]))
        let s = 1 / (1 + e)
        return (theta[0] * s, SIMD4(s, theta[0] * s * s * e * (t - theta[2]), -theta[0] * s * s * e * theta[1], 0))
      }
    }
    let fit = try GrowthCurveFit(
      y: y, start: capacity == nil ? [k0] + start : start, curve: curve,
      valid: { capacity != nil || $0[0] > 0 }, model: name)
    return GrowthCurveFitted(
      name: name, fit: fit, parameterNames: capacity == nil ? ["capacity", "rate", "midpoint"] : ["rate", "midpoint"],
      extra: capacity.map { ["capacity": $0] } ?? [:])
  }
}

/// Least-squares line of `z` on t = 1...n, for starting values.
func linearStart(_ z: [Double]) -> (intercept: Double, slope: Double) {
  let n = Double(z.count)
  let tMean = (n + 1) / 2
  let zMean = z.reduce(0, +) / n
  var sxy = 0.0, sxx = 0.0
  for (i, value) in z.enumerated() {
    let d = Double(i + 1) - tMean
    sxy += d * (value - zMean)
    sxx += d * d
  }
  let slope = sxx > 0 ? sxy / sxx : 0
  return (zMean - slope * tMean, slope)
}
