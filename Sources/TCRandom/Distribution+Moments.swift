import RealModule

extension Distribution {
  /// The distribution's mean; NaN for a Student t with df ≤ 1 (undefined).
  public var mean: Double {
    switch self {
    case let .normal(mean, _), let .lognormal(mean, _):
      return mean
    case let .lognormalLog(mu, sigma):
      return Double.exp(mu + 0.5 * sigma * sigma)
    case let .studentT(df, location, _):
      return df > 1 ? location : .nan
    case let .gamma(shape, scale):
      return shape * scale
    case let .beta(alpha, beta):
      return alpha / (alpha + beta)
    case let .pert(min, mode, max, lambda):
      return (min + lambda * mode + max) / (lambda + 2)
    case let .triangular(min, mode, max):
      return (min + mode + max) / 3
    case let .uniform(min, max):
      return 0.5 * (min + max)
    case let .constant(value):
      return value
    }
  }

  /// The distribution's variance; +∞ for a Student t with 1 < df ≤ 2, NaN for df ≤ 1.
  public var variance: Double {
    switch self {
    case let .normal(_, sd), let .lognormal(_, sd):
      return sd * sd
    case let .lognormalLog(mu, sigma):
      let s2 = sigma * sigma
      return Double.expMinusOne(s2) * Double.exp(2 * mu + s2)
    case let .studentT(df, _, scale):
      if df > 2 { return scale * scale * df / (df - 2) }
      return df > 1 ? .infinity : .nan
    case let .gamma(shape, scale):
      return shape * scale * scale
    case let .beta(alpha, beta):
      let s = alpha + beta
      return alpha * beta / (s * s * (s + 1))
    case let .pert(min, _, max, lambda):
      let m = mean
      return (m - min) * (max - m) / (lambda + 3)
    case let .triangular(a, c, b):
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
    case let .uniform(min, max):
      return (max - min) * (max - min) / 12
    case .constant:
      return 0
    }
  }

  /// The value of a point mass (a case with zero spread), else nil.
  var pointMass: Double? {
    switch self {
    case let .normal(mean, sd) where sd == 0: return mean
    case let .lognormal(mean, sd) where sd == 0: return mean
    case let .lognormalLog(mu, sigma) where sigma == 0: return Double.exp(mu)
    case let .studentT(_, location, scale) where scale == 0: return location
    case let .constant(value): return value
    default: return nil
    }
  }
}

/// Log-scale parameters (μ, σ) of a lognormal with mean m and standard deviation s.
func lognormalLogParameters(mean m: Double, sd s: Double) -> (mu: Double, sigma: Double) {
  let ratio = s / m
  let s2 = Double.log(onePlus: ratio * ratio)
  return (Double.log(m) - 0.5 * s2, s2.squareRoot())
}

/// Beta shapes (α, β) of a PERT on [min, max].
func pertShapes(min: Double, mode: Double, max: Double, lambda: Double) -> (alpha: Double, beta: Double) {
  let range = max - min
  return (1 + lambda * (mode - min) / range, 1 + lambda * (max - mode) / range)
}
