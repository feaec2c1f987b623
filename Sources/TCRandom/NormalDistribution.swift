import RealModule

/// The standard normal distribution's CDF and quantile, accurate to a few ulps
/// including the far tails.
public enum NormalDistribution {
  /// 1/√2 split into a double and its rounding error, so -x/√2 can be formed to ~2^-106.
  @usableFromInline static let invSqrt2High = 0.7071067811865476
  @usableFromInline static let invSqrt2Low = -4.833646656726457e-17
  /// √(2π)
  static let sqrt2Pi = 2.5066282746310007

  /// The standard normal CDF Φ(x) = erfc(-x/√2) / 2.
  ///
  /// Relative accuracy is a few ulps in the lower tail down to the underflow of Φ
  /// (x ≈ -38.5): the rounding error of -x/√2 is itself computed and corrected for,
  /// since erfc amplifies an argument error by 2z² (≈ 3000 at x = -38).
  public static func cdf(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x == -.infinity { return 0 }
    if x >= 0 { return 1 - 0.5 * Double.erfc(x * invSqrt2High) }
    let t = -x
    let z = t * invSqrt2High
    // z + e = t/√2 to about 2^-106 relative; Double.erfc(z + e) ≈ Double.erfc(z) (1 - 2 z e).
    let e = fmaError(t, invSqrt2High, z) + t * invSqrt2Low
    return 0.5 * Double.erfc(z) * (1 - 2 * z * e)
  }

  /// The standard normal quantile Φ⁻¹(p) (inverse CDF).
  ///
  /// Wichura's AS 241 (PPND16, Applied Statistics 37, 1988), then in the tails one
  /// Halley step on Φ(x) - p, which erases AS 241's last-digit errors. In the central
  /// region (|p - 0.5| ≤ 0.425) AS 241 alone is used because Φ(x) - p cancels there.
  /// Returns -∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
  public static func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    // For p > 1/2, 1 - p is exact (Sterbenz), so both tails are equally accurate.
    if p > 0.5 { return -lowerQuantile(1 - p) }
    return lowerQuantile(p)
  }

  /// Quantile for p ≤ 1/2.
  static func lowerQuantile(_ p: Double) -> Double {
    if p == 0 { return -.infinity }
    let q = p - 0.5
    if q >= -0.425 {
      let r = 0.180625 - q * q
      return q * as241Central(r)
    }
    let r = (-Double.log(p)).squareRoot()
    var x = -(r <= 5 ? as241Intermediate(r - 1.6) : as241Tail(r - 5))
    // Halley step: f(x) = Φ(x) - p, f' = φ(x), f'' = -x φ(x).
    let u = (cdf(x) - p) * sqrt2Pi * Double.exp(0.5 * x * x)
    x -= u / (1 + 0.5 * x * u)
    return x
  }

  /// Wichura's rational approximation for |p - 1/2| ≤ 0.425, in r = 0.180625 - q².
  private static func as241Central(_ r: Double) -> Double {
    let num = ((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
      + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
      + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
      + 1.3314166789178437745e2) * r + 3.3871328727963666080e0
    let den = ((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
      + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
      + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
      + 4.2313330701600911252e1) * r + 1
    return num / den
  }

  /// Wichura's approximation for √(-log p) ≤ 5, in r = √(-log p) - 1.6.
  private static func as241Intermediate(_ r: Double) -> Double {
    let num = ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
      + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
      + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
      + 4.63033784615654529590e0) * r + 1.42343711074968357734e0
    let den = ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
      + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
      + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
      + 2.05319162663775882187e0) * r + 1
    return num / den
  }

  /// Wichura's approximation for √(-log p) > 5, in r = √(-log p) - 5.
  private static func as241Tail(_ r: Double) -> Double {
    let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
      + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
      + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
      + 5.46378491116411436990e0) * r + 6.65790464350110377720e0
    let den = ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
      + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
      + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
      + 5.99832206555887937690e-1) * r + 1
    return num / den
  }

  /// The standard normal density φ(x).
  static func pdf(_ x: Double) -> Double {
    Double.exp(-0.5 * x * x) / sqrt2Pi
  }
}

/// The exact rounding error of `a * b` given its rounded value `product`.
@inline(__always)
func fmaError(_ a: Double, _ b: Double, _ product: Double) -> Double {
  (-product).addingProduct(a, b)
}
