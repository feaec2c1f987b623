import Foundation

/// How much wider or narrower a file's standardized forecast errors run than the reference
/// panel's at one step, estimated by empirical Bayes: the file's own evidence, counted in
/// effective errors, against the spread of that ratio between the reference's own series.
///
/// The reference errors lend a small file the shape of its error distribution (its tails); their
/// scale is the file's business when it has the evidence. The model: the log of a unit's mean
/// absolute standardized error is the reference's plus a unit effect `u ~ N(0, τ²)`, observed with
/// sampling variance `c/m` for `m` effective errors (`c = π/2 − 1`, the variance of the log of
/// a mean absolute Gaussian error times its count). The posterior mean of `u` is the observed log
/// ratio times `B = m / (m + c/τ²)`, and the reference errors are multiplied by `exp(B·log ratio)`.
/// `τ²` is estimated from the reference itself (the between-series variance of its series' log
/// mean absolute errors less their sampling variance), so nothing is tuned on benchmark files.
///
/// Effective errors: a series' errors at step `h` are weighted (recency) and overlap — those
/// from consecutive origins share `h − 1` years — so it counts `Kish(weights) / h`, Kish's
/// effective sample size `(Σw)²/Σw²` discounted for the overlap (a sum of `h` yearly shocks
/// from `m` consecutive origins carries about `m/h` independent ones).
///
/// ```swift
/// let units = [(0.1, 10.0), (0.2, 10.0), (0.4, 10.0)].map(ErrorScaleShrinkage.Unit.init)
/// let tau2 = ErrorScaleShrinkage.betweenVariance(units)    // var(log MAE) − (π/2 − 1)/10
/// let factor = ErrorScaleShrinkage.factor(file: ErrorScaleShrinkage.Unit(meanAbsolute: 0.3, effectiveCount: 4),
///                                         reference: 0.2, betweenVariance: tau2)
/// ```
struct ErrorScaleShrinkage: Sendable {
  /// `π/2 − 1`: `m · Var(log mean|e|)` for `m` independent Gaussian errors (delta method).
  static let samplingConstant = Double.pi / 2 - 1
  /// Bounds of `τ²`: below the floor the file's evidence would never count; above the ceiling
  /// a few errors would override the reference entirely.
  static let varianceRange = 0.01...1.0

  /// Mean absolute standardized error of a unit (a series, or a whole file) and its effective count.
  struct Unit: Sendable, Equatable {
    var meanAbsolute: Double
    var effectiveCount: Double
  }

  /// Between-unit variance of the log mean absolute error less the mean sampling variance,
  /// clamped to `varianceRange` (units with no positive mean or count are skipped; fewer than 3
  /// left give the range's lower end, leaving the reference's scale nearly alone).
  static func betweenVariance(_ units: [Unit]) -> Double {
    let usable = units.filter { $0.meanAbsolute > 0 && $0.effectiveCount > 0 && $0.meanAbsolute.isFinite }
    guard usable.count >= 3 else { return varianceRange.lowerBound }
    let logs = usable.map { Foundation.log($0.meanAbsolute) }
    let mean = logs.reduce(0, +) / Double(logs.count)
    let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count - 1)
    let sampling = usable.reduce(0) { $0 + samplingConstant / $1.effectiveCount } / Double(usable.count)
    let tau2 = variance - sampling
    return min(max(tau2.isFinite ? tau2 : 0, varianceRange.lowerBound), varianceRange.upperBound)
  }

  /// The shrinkage weight `B = m / (m + c/τ²)` of `m` effective errors.
  static func weight(effectiveCount m: Double, betweenVariance tau2: Double) -> Double {
    guard m > 0, tau2 > 0 else { return 0 }
    return m / (m + samplingConstant / tau2)
  }

  /// The factor for the reference errors: `(file MAE / reference MAE)^B`; 1 when either is not positive.
  static func factor(file: Unit, reference: Double, betweenVariance tau2: Double) -> Double {
    guard file.meanAbsolute > 0, reference > 0, file.meanAbsolute.isFinite, reference.isFinite else { return 1 }
    let b = weight(effectiveCount: file.effectiveCount, betweenVariance: tau2)
    let value = Foundation.exp(b * Foundation.log(file.meanAbsolute / reference))
    return value.isFinite && value > 0 ? value : 1
  }
}
