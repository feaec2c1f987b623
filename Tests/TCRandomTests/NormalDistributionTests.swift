import Testing
import TCRandom

struct NormalDistributionTests {
  /// References from mpmath, evaluated at the exact double p (so decimal rounding of p
  /// does not count as error), rounded to double:
  ///   python3 -c "from mpmath import mp,mpf,sqrt,erfinv; mp.dps=400; print(repr(float(-sqrt(2)*erfinv(1-2*mpf(0.975)))))"
  /// with 0.975 replaced by each p below.
  @Test(arguments: [
    (0.975, 1.9599639845400538),
    (1e-10, -6.361340902404057),
    (0.3, -0.5244005127080408),
    (0.5000000001, 2.506628482030354e-10),
    (0.02425, -1.972961051311885),
    (1e-5, -4.264890793922825),
    (1 - 1e-12, 7.0344869100478356),
    (1e-300, -37.0470962993612),
  ])
  func quantileKnownValues(p: Double, expected: Double) {
    #expect(isClose(NormalDistribution.quantile(p), expected, relative: 1e-15))
  }

  @Test func quantileOfTheBriefsLiteral() {
    // The 97.5% point as the brief and ProportionEstimate's default z write it; scipy:
    //   python3 -c "from scipy.stats import norm; print(repr(norm.ppf(0.975)))"  → 1.959963984540054
    #expect(isClose(NormalDistribution.quantile(0.975), 1.959963984540054, relative: 1e-15))
  }

  @Test func quantileEdges() {
    #expect(NormalDistribution.quantile(0) == -.infinity)
    #expect(NormalDistribution.quantile(1) == .infinity)
    #expect(NormalDistribution.quantile(0.5) == 0)
    #expect(NormalDistribution.quantile(-0.1).isNaN && NormalDistribution.quantile(.nan).isNaN)
  }

  /// mpmath 50 digits: python3 -c "from mpmath import mp,ncdf; mp.dps=50; print(repr(float(ncdf(-38))))"
  @Test(arguments: [
    (-20.0, 2.7536241186062337e-89),
    (-10.0, 7.619853024160525e-24),
    (-5.0, 2.866515718791939e-07),
    (-1.5, 0.06680720126885807),
    (0.5, 0.6914624612740131),
    (3.0, 0.9986501019683699),
  ])
  func cdfKnownValues(x: Double, expected: Double) {
    #expect(isClose(NormalDistribution.cdf(x), expected, relative: 4e-16))
  }

  @Test func cdfDeepTail() {
    // mpmath as above: Φ(-37) = 5.725571222524577e-300, Φ(-30) = 4.906713927148187e-198.
    // Without correcting the rounding of -x/√2 the error here would be ~2x²·ulp ≈ 3e-13.
    #expect(isClose(NormalDistribution.cdf(-37), 5.725571222524577e-300, relative: 1e-15))
    #expect(isClose(NormalDistribution.cdf(-30), 4.906713927148187e-198, relative: 1e-15))
    #expect(NormalDistribution.cdf(-.infinity) == 0 && NormalDistribution.cdf(.infinity) == 1)
  }

  @Test func quantileInvertsCdfAcrossTheLowerTailAndCentre() {
    var x = -37.5
    while x <= 3 {
      let back = NormalDistribution.quantile(NormalDistribution.cdf(x))
      // Φ rounds to a double, so x is recoverable to ≈ ulp(Φ)/(φ(x)·x): a few ulps of x.
      #expect(isClose(back, x, relative: 4e-15), "x = \(x), got \(back)")
      x += 0.37
    }
  }

  @Test func cdfOfQuantileReturnsP() {
    for exponent in stride(from: -300.0, through: -1, by: 7) {
      let p = Double.pow10(exponent)
      let x = NormalDistribution.quantile(p)
      // One ulp of x moves Φ by a relative |x|·ulp(x) ≈ x²·2^-52: allow 4 of those.
      let tolerance = 4 * Double.ulpOfOne * (1 + x * x)
      #expect(isClose(NormalDistribution.cdf(x), p, relative: tolerance), "p = \(p)")
    }
  }
}

extension Double {
  static func pow10(_ e: Double) -> Double { Double("1e\(Int(e))")! }
}
