import RealModule

extension Distribution {
  /// The cumulative distribution function P(X ≤ x).
  ///
  /// Normal and lognormal use ``NormalDistribution/cdf(_:)``; gamma, beta, PERT and
  /// Student t use the regularized incomplete gamma and beta functions (continued
  /// fractions, accurate to ~1e-14 relative for moderate parameters).
  public func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if let value = pointMass { return x < value ? 0 : 1 }
    switch self {
    case let .normal(mean, sd):
      return NormalDistribution.cdf((x - mean) / sd)
    case let .lognormal(mean, sd):
      let (mu, sigma) = lognormalLogParameters(mean: mean, sd: sd)
      return x <= 0 ? 0 : NormalDistribution.cdf((Double.log(x) - mu) / sigma)
    case let .lognormalLog(mu, sigma):
      return x <= 0 ? 0 : NormalDistribution.cdf((Double.log(x) - mu) / sigma)
    case let .studentT(df, location, scale):
      return StudentT(df: df).cdf((x - location) / scale)
    case let .gamma(shape, scale):
      return regularizedGamma(shape, x / scale).lower
    case let .beta(alpha, beta):
      return BetaCDF(alpha: alpha, beta: beta).cdf(x)
    case let .pert(min, mode, max, lambda):
      let (alpha, beta) = pertShapes(min: min, mode: mode, max: max, lambda: lambda)
      return BetaCDF(alpha: alpha, beta: beta).cdf((x - min) / (max - min))
    case let .triangular(a, c, b):
      if x <= a { return 0 }
      if x >= b { return 1 }
      if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
      return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
    case let .uniform(min, max):
      if x <= min { return 0 }
      if x >= max { return 1 }
      return (x - min) / (max - min)
    case .constant:
      preconditionFailure("constant is handled as a point mass")
    }
  }

  /// The quantile function (inverse CDF): the smallest x with P(X ≤ x) ≥ p.
  ///
  /// Closed forms for normal, lognormal, triangular, uniform and constant. Gamma, beta,
  /// PERT and Student t invert their CDFs numerically (safeguarded Newton with
  /// bisection) to about 1e-14 relative; the upper half (p > 1/2) is solved on the upper
  /// tail probability 1 - p, which is exact, so both tails are equally accurate.
  /// p = 0 and p = 1 give the support's ends (possibly ±∞); p outside [0, 1] gives NaN.
  public func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if let value = pointMass { return value }
    switch self {
    case let .normal(mean, sd):
      return mean + sd * NormalDistribution.quantile(p)
    case let .lognormal(mean, sd):
      let (mu, sigma) = lognormalLogParameters(mean: mean, sd: sd)
      return Double.exp(mu + sigma * NormalDistribution.quantile(p))
    case let .lognormalLog(mu, sigma):
      return Double.exp(mu + sigma * NormalDistribution.quantile(p))
    case let .studentT(df, location, scale):
      return location + scale * StudentT(df: df).quantile(p)
    case let .gamma(shape, scale):
      return scale * GammaCDF(shape: shape).quantile(p)
    case let .beta(alpha, beta):
      return BetaCDF(alpha: alpha, beta: beta).quantile(p)
    case let .pert(min, mode, max, lambda):
      let (alpha, beta) = pertShapes(min: min, mode: mode, max: max, lambda: lambda)
      let u = BetaCDF(alpha: alpha, beta: beta).quantile(p)
      return Swift.min(max, min + (max - min) * u)
    case let .triangular(a, c, b):
      let split = (c - a) / (b - a)
      if p <= split { return a + ((b - a) * (c - a) * p).squareRoot() }
      return b - ((b - a) * (b - c) * (1 - p)).squareRoot()
    case let .uniform(min, max):
      return Swift.min(max, min + (max - min) * p)
    case .constant:
      preconditionFailure("constant is handled as a point mass")
    }
  }
}

/// Standard gamma (scale 1) CDF pieces for inversion.
struct GammaCDF {
  let shape: Double
  let logGammaShape: Double

  init(shape: Double) {
    self.shape = shape
    self.logGammaShape = Double.logGamma(shape)
  }

  func pdf(_ x: Double) -> Double {
    x <= 0 ? 0 : Double.exp((shape - 1) * Double.log(x) - x - logGammaShape)
  }

  func quantile(_ p: Double) -> Double {
    if p == 0 { return 0 }
    if p == 1 { return .infinity }
    // Wilson–Hilferty start; for small shapes or p, the series' leading term x^k / Γ(k+1).
    let z = NormalDistribution.quantile(p)
    let c = 1 / (9 * shape)
    let wh = shape * Double.pow(1 - c + z * c.squareRoot(), 3)
    let small = Double.exp((Double.log(p) + Double.logGamma(shape + 1)) / shape)
    let start = (wh > 0 && wh > small) ? wh : small
    return invertMonotone(
      p: p, start: start, lower: 0, upper: .infinity,
      tails: { regularizedGamma(shape, $0) }, density: pdf)
  }
}

/// Beta CDF pieces for inversion.
struct BetaCDF {
  let alpha: Double
  let beta: Double
  let logBetaValue: Double

  init(alpha: Double, beta: Double) {
    self.alpha = alpha
    self.beta = beta
    self.logBetaValue = logBeta(alpha, beta)
  }

  func cdf(_ x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    return regularizedBeta(alpha, beta, x: x, y: 1 - x).lower
  }

  func pdf(_ x: Double) -> Double {
    if x <= 0 || x >= 1 { return 0 }
    return Double.exp((alpha - 1) * Double.log(x) + (beta - 1) * Double.log(onePlus: -x) - logBetaValue)
  }

  func quantile(_ p: Double) -> Double {
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    // Start at the mean clamped well inside (0, 1); Newton with bisection does the rest.
    let start = Swift.min(0.999, Swift.max(0.001, alpha / (alpha + beta)))
    return invertMonotone(
      p: p, start: start, lower: 0, upper: 1,
      tails: { regularizedBeta(alpha, beta, x: $0, y: 1 - $0) }, density: pdf)
  }
}

/// Standard Student t (location 0, scale 1).
struct StudentT {
  let df: Double

  /// P(T ≤ t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2 for t ≤ 0.
  func tails(_ t: Double) -> (lower: Double, upper: Double) {
    if t.isInfinite { return t > 0 ? (1, 0) : (0, 1) }
    let t2 = t * t
    let x = df / (df + t2)
    let y = t2 / (df + t2)
    let beyond = 0.5 * regularizedBeta(0.5 * df, 0.5, x: x, y: y).lower
    return t < 0 ? (beyond, 1 - beyond) : (1 - beyond, beyond)
  }

  func cdf(_ t: Double) -> Double { tails(t).lower }

  func pdf(_ t: Double) -> Double {
    let logNorm = Double.logGamma(0.5 * (df + 1)) - Double.logGamma(0.5 * df)
      - 0.5 * Double.log(df * Double.pi)
    return Double.exp(logNorm - 0.5 * (df + 1) * Double.log(onePlus: t * t / df))
  }

  func quantile(_ p: Double) -> Double {
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p == 0.5 { return 0 }
    // Symmetric: solve in the lower tail, where p itself is exact.
    if p > 0.5 { return -quantile(1 - p) }
    return invertMonotone(
      p: p, start: NormalDistribution.quantile(p), lower: -.infinity, upper: 0,
      tails: tails, density: pdf)
  }
}

/// Solves F(x) = p for a continuous increasing CDF F on (lower, upper).
///
/// `tails(x)` returns (F(x), 1 - F(x)); for p > 1/2 the upper tail is matched against
/// 1 - p (exact), keeping relative accuracy in both tails. Newton steps on the density
/// are kept inside a shrinking bracket; a step that leaves it is replaced by bisection
/// (geometric toward an infinite or zero end), so the iteration always converges.
func invertMonotone(
  p: Double, start: Double, lower: Double, upper: Double,
  tails: (Double) -> (lower: Double, upper: Double), density: (Double) -> Double
) -> Double {
  let useUpper = p > 0.5
  let target = useUpper ? 1 - p : p
  var lo = lower
  var hi = upper
  var x = Swift.min(Swift.max(start, lower), upper)
  if !(x > lo && x < hi) || !x.isFinite {
    x = lo.isFinite && hi.isFinite ? 0.5 * (lo + hi) : (lo.isFinite ? lo + 1 : hi - 1)
  }
  for iteration in 0 ..< 400 {
    let (l, u) = tails(x)
    // g is increasing in x and zero at the solution.
    let g = useUpper ? target - u : l - target
    if g == 0 { return x }
    if g < 0 { lo = x } else { hi = x }
    let d = density(x)
    var next = x - g / d
    if iteration > 100 || !next.isFinite || d <= 0 || !(next > lo && next < hi) {
      next = bisect(lo, hi, x)
    }
    if abs(next - x) <= 2 * Double.ulpOfOne * abs(next) || next == lo || next == hi {
      return next
    }
    x = next
  }
  return x
}

/// A point strictly between lo and hi (one of which is x), moving geometrically toward
/// an infinite end or toward zero so wide brackets shrink in few steps.
private func bisect(_ lo: Double, _ hi: Double, _ x: Double) -> Double {
  if hi == .infinity { return x <= 0 ? 1 : 2 * x }
  if lo == -.infinity { return x >= 0 ? -1 : 2 * x }
  if lo == 0 && hi > 0 && hi < 1e-3 { return 0.5 * hi }
  return 0.5 * (lo + hi)
}
