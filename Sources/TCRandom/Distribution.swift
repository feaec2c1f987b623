/// A probability distribution for a growth assumption or model input.
///
/// Every case offers the same verbs: ``validate()``, ``mean``, ``variance``, ``cdf(_:)``,
/// ``quantile(_:)`` and ``sample(_:)``. Parameters come from user files, so call
/// ``validate()`` before use; the other members assume valid parameters (they return
/// NaN rather than trap when that assumption is broken).
///
/// ```swift
/// let growth = Distribution.pert(min: 0.02, mode: 0.05, max: 0.11)
/// try growth.validate()
/// var rng = RandomStream(seed: 1, stream: streamID(3, UInt64(path)))
/// let g = growth.sample(&rng)
/// ```
///
/// Degenerate scale: a standard deviation, sigma or t scale of exactly 0 is accepted and
/// means a point mass (at `mean`, `mean`, `exp(mu)` and `location` respectively), so a
/// scenario can switch one input's uncertainty off without changing its kind. Bounded
/// distributions (uniform, triangular, PERT) need `min < max`; use ``constant(_:)``
/// for a fixed value.
public enum Distribution: Sendable, Equatable, Codable {
  /// Normal with the given mean and standard deviation (sd ≥ 0).
  case normal(mean: Double, sd: Double)
  /// Lognormal given the mean m > 0 and standard deviation s ≥ 0 of the variable itself:
  /// σ² = log(1 + s²/m²), μ = log m - σ²/2.
  case lognormal(mean: Double, sd: Double)
  /// Lognormal given the mean μ and standard deviation σ ≥ 0 of its logarithm.
  case lognormalLog(mu: Double, sigma: Double)
  /// Student t with `df` > 0 degrees of freedom, shifted by `location` and scaled by `scale` ≥ 0.
  case studentT(df: Double, location: Double, scale: Double)
  /// Gamma with shape k > 0 and scale θ > 0 (mean kθ).
  case gamma(shape: Double, scale: Double)
  /// Beta on [0, 1] with shapes α, β > 0.
  case beta(alpha: Double, beta: Double)
  /// Beta-PERT on [min, max] with the given mode: min + (max - min) · Beta(α, β) with
  /// α = 1 + λ(mode - min)/(max - min), β = 1 + λ(max - mode)/(max - min); mean (min + λ·mode + max)/(λ + 2).
  case pert(min: Double, mode: Double, max: Double, lambda: Double = 4)
  /// Triangular on [min, max] with the given mode.
  case triangular(min: Double, mode: Double, max: Double)
  /// Continuous uniform on [min, max].
  case uniform(min: Double, max: Double)
  /// A fixed value.
  case constant(Double)
}

/// A distribution parameter that is out of range, with the parameter's name.
public struct DistributionError: Error, Equatable, CustomStringConvertible {
  /// The parameter's name as written in the case, for example `"sd"` or `"mode"`.
  public let parameter: String
  /// What was expected and what was found.
  public let message: String

  public init(parameter: String, message: String) {
    self.parameter = parameter
    self.message = message
  }

  public var description: String { "invalid parameter '\(parameter)': \(message)" }
}

extension Distribution {
  /// Checks the parameters, throwing an error that names the first bad one.
  ///
  /// All parameters must be finite. Scale-like parameters: `sd`, `sigma`, `scale` (t) ≥ 0;
  /// lognormal `mean` > 0; `df`, gamma `shape` and `scale`, beta `alpha` and `beta`,
  /// PERT `lambda` > 0. Bounded cases: `min < max` and `min ≤ mode ≤ max`.
  public func validate() throws(DistributionError) {
    switch self {
    case let .normal(mean, sd):
      try finite(mean, "mean")
      try nonNegative(sd, "sd")
    case let .lognormal(mean, sd):
      try positive(mean, "mean")
      try nonNegative(sd, "sd")
    case let .lognormalLog(mu, sigma):
      try finite(mu, "mu")
      try nonNegative(sigma, "sigma")
    case let .studentT(df, location, scale):
      try positive(df, "df")
      try finite(location, "location")
      try nonNegative(scale, "scale")
    case let .gamma(shape, scale):
      try positive(shape, "shape")
      try positive(scale, "scale")
    case let .beta(alpha, beta):
      try positive(alpha, "alpha")
      try positive(beta, "beta")
    case let .pert(min, mode, max, lambda):
      try bounded(min: min, mode: mode, max: max)
      try positive(lambda, "lambda")
    case let .triangular(min, mode, max):
      try bounded(min: min, mode: mode, max: max)
    case let .uniform(min, max):
      try bounded(min: min, mode: nil, max: max)
    case let .constant(value):
      try finite(value, "value")
    }
  }
}

private func finite(_ value: Double, _ name: String) throws(DistributionError) {
  guard value.isFinite else {
    throw DistributionError(parameter: name, message: "expected a finite number, got \(value)")
  }
}

private func positive(_ value: Double, _ name: String) throws(DistributionError) {
  try finite(value, name)
  guard value > 0 else {
    throw DistributionError(parameter: name, message: "expected a number > 0, got \(value)")
  }
}

private func nonNegative(_ value: Double, _ name: String) throws(DistributionError) {
  try finite(value, name)
  guard value >= 0 else {
    throw DistributionError(parameter: name, message: "expected a number >= 0, got \(value)")
  }
}

private func bounded(min: Double, mode: Double?, max: Double) throws(DistributionError) {
  try finite(min, "min")
  try finite(max, "max")
  guard min < max else {
    throw DistributionError(parameter: "max", message: "expected max > min = \(min), got \(max)")
  }
  guard (max - min).isFinite else {
    throw DistributionError(parameter: "max", message: "max - min overflows (min \(min), max \(max))")
  }
  if let mode {
    try finite(mode, "mode")
    guard min <= mode, mode <= max else {
      throw DistributionError(
        parameter: "mode", message: "expected min <= mode <= max, i.e. in [\(min), \(max)], got \(mode)")
    }
  }
}
