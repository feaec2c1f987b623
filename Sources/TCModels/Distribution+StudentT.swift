import Foundation
import TCRandom

/// Student's t distribution with `degreesOfFreedom` > 0, for OLS prediction intervals.
///
/// TCRandom has the normal distribution; the t quantile is needed only here, so it lives
/// beside the models that use it.
struct StudentT {
  var degreesOfFreedom: Double

  /// P(T <= t), through the regularized incomplete beta function.
  func cdf(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let tail = 0.5 * regularizedIncompleteBeta(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
    return t > 0 ? 1 - tail : tail
  }

  func density(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let logC = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
    return exp(logC - (nu + 1) / 2 * log1p(t * t / nu))
  }

  /// The `p`-quantile, `0 < p < 1`, by safeguarded Newton steps from the normal quantile.
  func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "probability must be in (0, 1)")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p) }
    let nu = degreesOfFreedom
    // Exact forms for 1 and 2 degrees of freedom, whose tails are too heavy for a normal start.
    if nu == 1 { return tan(Double.pi * (p - 0.5)) }
    if nu == 2 { return (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot() }
    var lo = 0.0
    var hi = max(1.0, NormalDistribution.quantile(p))
    while cdf(hi) < p { lo = hi; hi *= 2 }
    var t = min(max(NormalDistribution.quantile(p), lo), hi)
    for _ in 0..<100 {
      let f = cdf(t) - p
      if f > 0 { hi = t } else { lo = t }
      var next = t - f / density(t)
      if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
      if abs(next - t) <= 1e-14 * max(1, abs(t)) { return next }
      t = next
    }
    return t
  }
}

/// I_x(a, b) by the continued fraction of Numerical Recipes §6.4 (modified Lentz), using the
/// symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly.
func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
  if x <= 0 { return 0 }
  if x >= 1 { return 1 }
  let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
  if x > (a + 1) / (a + b + 2) {
    return 1 - regularizedIncompleteBeta(x: 1 - x, a: b, b: a)
  }
  let tiny = 1e-300
  var c = 1.0
  var d = 1 - (a + b) * x / (a + 1)
  if abs(d) < tiny { d = tiny }
  d = 1 / d
  var h = d
  for m in 1...300 {
    let md = Double(m)
    let even = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md))
    d = 1 + even * d; if abs(d) < tiny { d = tiny }
    c = 1 + even / c; if abs(c) < tiny { c = tiny }
    d = 1 / d; h *= d * c
    let odd = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1))
    d = 1 + odd * d; if abs(d) < tiny { d = tiny }
    c = 1 + odd / c; if abs(c) < tiny { c = tiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) < 1e-15 { break }
  }
  return exp(logFront) * h / a
}
