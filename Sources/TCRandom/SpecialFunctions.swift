import RealModule

// Regularized incomplete gamma and beta functions, written for the CDFs of the gamma,
// chi-square, beta, PERT and Student t distributions. Both return the lower and upper
// tail so a caller can pick whichever is not a difference of nearly equal numbers.
//
// Methods (standard; see DLMF §8.11, §8.9 and §8.17.22, and Press et al., Numerical
// Recipes 3rd ed. §6.2 and §6.4 for the switch points): power series for P(a, x) when
// x < a + 1, else the Legendre continued fraction for Q(a, x); for I_x(a, b) the
// continued fraction in x when x < (a + 1)/(a + b + 2), else the symmetric one in 1 - x.
// Continued fractions are evaluated by the modified Lentz method (Thompson and Barnett 1986).

/// Relative tolerance at which series and continued fractions stop.
private let convergenceTolerance = 1e-16
/// Replaces zero denominators in Lentz's method.
private let lentzTiny = 1e-300
private let maxTerms = 100_000

/// P(a, x) and Q(a, x) = 1 - P(a, x), the regularized incomplete gamma functions (a > 0).
func regularizedGamma(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
  if x.isNaN || a.isNaN { return (.nan, .nan) }
  if x <= 0 { return (0, 1) }
  if x == .infinity { return (1, 0) }
  // x^a e^-x / Γ(a), in logs to avoid overflow.
  let logPrefix = a * Double.log(x) - x - Double.logGamma(a)
  if x < a + 1 {
    // P = x^a e^-x / Γ(a+1) · Σ_n x^n / ((a+1)…(a+n)).
    var term = 1 / a
    var sum = term
    var n = 1.0
    while n < Double(maxTerms) {
      term *= x / (a + n)
      sum += term
      if abs(term) <= abs(sum) * convergenceTolerance { break }
      n += 1
    }
    let lower = Swift.min(1, sum * Double.exp(logPrefix))
    return (lower, 1 - lower)
  }
  // Q = x^a e^-x / Γ(a) · 1/(x+1-a - 1(1-a)/(x+3-a - 2(2-a)/(x+5-a - …))).
  var b = x + 1 - a
  var c = 1 / lentzTiny
  var d = 1 / b
  var h = d
  var i = 1.0
  while i < Double(maxTerms) {
    let an = -i * (i - a)
    b += 2
    d = an * d + b
    if abs(d) < lentzTiny { d = lentzTiny }
    c = b + an / c
    if abs(c) < lentzTiny { c = lentzTiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) <= convergenceTolerance { break }
    i += 1
  }
  let upper = Swift.min(1, Double.exp(logPrefix) * h)
  return (1 - upper, upper)
}

/// log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b).
func logBeta(_ a: Double, _ b: Double) -> Double {
  Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
}

/// I_x(a, b) and 1 - I_x(a, b), the regularized incomplete beta function (a, b > 0).
///
/// - Parameter y: 1 - x, passed separately so callers that know it exactly
///   (the t distribution's t²/(ν + t²)) keep its precision.
func regularizedBeta(_ a: Double, _ b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
  if x.isNaN || y.isNaN || a.isNaN || b.isNaN { return (.nan, .nan) }
  if x <= 0 { return (0, 1) }
  if y <= 0 { return (1, 0) }
  // x^a y^b / B(a, b)
  let logPrefix = a * Double.log(x) + b * Double.log(y) - logBeta(a, b)
  if x < (a + 1) / (a + b + 2) {
    let lower = Swift.min(1, Double.exp(logPrefix) * betaContinuedFraction(a, b, x) / a)
    return (lower, 1 - lower)
  }
  let upper = Swift.min(1, Double.exp(logPrefix) * betaContinuedFraction(b, a, y) / b)
  return (1 - upper, upper)
}

/// The continued fraction 1/(1 + d1/(1 + d2/(1 + …))) of I_x(a, b) (DLMF 8.17.22), with
/// d_{2m+1} = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d_{2m} = m(b-m)x / ((a+2m-1)(a+2m)).
private func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
  // Lentz's method on 1 + d1/(1 + d2/(1 + …)), whose reciprocal is the fraction.
  // Coefficient k (k ≥ 1): m = k/2; odd k → d_{2m+1}, even k → d_{2m}.
  var c = 1.0
  var d = 0.0
  var h = 1.0
  var k = 1
  while k < 2 * maxTerms {
    let m = Double(k / 2)
    let coefficient = k % 2 == 1
      ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
    d = 1 + coefficient * d
    if abs(d) < lentzTiny { d = lentzTiny }
    c = 1 + coefficient / c
    if abs(c) < lentzTiny { c = lentzTiny }
    d = 1 / d
    let delta = c * d
    h *= delta
    // Stop after an odd term, when the even/odd pair has converged.
    if k % 2 == 1 && abs(delta - 1) <= convergenceTolerance { break }
    k += 1
  }
  return 1 / h
}
