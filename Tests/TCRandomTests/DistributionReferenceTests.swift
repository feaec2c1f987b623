import Testing
import TCRandom

/// CDF and quantile values from SciPy 1.17.1 (Boost.Math underneath), printed with repr:
///
///     python3 -c "from scipy import stats; print(repr(stats.gamma.cdf(3.0, 2.5)), repr(stats.gamma.ppf(0.3, 2.5)))"
///     python3 -c "from scipy import stats; print(repr(stats.beta.cdf(0.3, 2.5, 7.0)), repr(stats.beta.ppf(0.99, 2.5, 7.0)))"
///     python3 -c "from scipy import stats; print(repr(stats.t.cdf(-4.0, 3.0)), repr(stats.t.ppf(0.05, 3.0)))"
///
/// with the arguments of each row substituted (gamma: x or p, shape; beta: x or p, a, b;
/// t: x or p, df). Tolerance 1e-12 relative, except where stated.
struct DistributionReferenceTests {
  static let tolerance = 1e-12

  @Test(arguments: [
    (2.5, 0.01, 2.9876015319066003e-06), (2.5, 0.5, 0.03743422675270361),
    (2.5, 3.0, 0.6937810815867212), (2.5, 10.0, 0.9987502694369687),
    (0.3, 0.01, 0.27924099635901484), (0.3, 0.5, 0.8138118046743924),
    (0.3, 3.0, 0.9935096273009015), (0.3, 10.0, 0.9999971551553328),
    (50.0, 0.5, 1.7887765104351563e-80), (50.0, 10.0, 1.8547268838698457e-19),
    (50.0, 45.0, 0.24680203440017026),
  ])
  func gammaCDF(shape: Double, x: Double, expected: Double) {
    let got = Distribution.gamma(shape: shape, scale: 2).cdf(2 * x)
    #expect(isClose(got, expected, relative: Self.tolerance), "shape \(shape), x \(x): \(got)")
  }

  @Test(arguments: [
    (2.5, 1e-06, 0.0064480801032485435), (2.5, 0.001, 0.1051063013146096),
    (2.5, 0.3, 1.4999540663799533), (2.5, 0.9, 4.618178449890562), (2.5, 0.999999, 17.94409343980521),
    (0.3, 1e-06, 6.97269909640939e-21), (0.3, 0.001, 6.972699096783344e-11),
    (0.3, 0.3, 0.012726657769948697), (0.3, 0.9, 0.8848107733602443), (0.3, 0.999999, 10.984835632108625),
    (50.0, 1e-06, 23.25066535794657), (50.0, 0.001, 30.95896960346831), (50.0, 0.3, 46.06447216944835),
    (50.0, 0.9, 59.24900190553106), (50.0, 0.999999, 91.06338855971309),
  ])
  func gammaQuantile(shape: Double, p: Double, expected: Double) {
    let got = Distribution.gamma(shape: shape, scale: 2).quantile(p) / 2
    #expect(isClose(got, expected, relative: Self.tolerance), "shape \(shape), p \(p): \(got)")
  }

  @Test(arguments: [
    (2.5, 7.0, 0.001, 1.5697940033718677e-06), (2.5, 7.0, 0.1, 0.10188029911305448),
    (2.5, 7.0, 0.3, 0.6412224629717214), (2.5, 7.0, 0.8, 0.9998291744689191),
    (2.5, 7.0, 0.99, 0.9999999999998243),
    (0.5, 0.5, 0.001, 0.020135041633377492), (0.5, 0.5, 0.3, 0.36901011956554536),
    (0.5, 0.5, 0.99, 0.9362314391414803),
    (0.3, 4.0, 0.001, 0.20688703630444738), (0.3, 4.0, 0.1, 0.7702924515085485),
    (0.3, 4.0, 0.8, 0.9997768497285909), (0.3, 4.0, 0.99, 0.9999999987596688),
  ])
  func betaCDF(alpha: Double, beta: Double, x: Double, expected: Double) {
    let got = Distribution.beta(alpha: alpha, beta: beta).cdf(x)
    #expect(isClose(got, expected, relative: Self.tolerance), "Beta(\(alpha), \(beta)) at \(x): \(got)")
  }

  @Test(arguments: [
    (2.5, 7.0, 1e-06, 0.0008347181094954907), (2.5, 7.0, 0.01, 0.035265857309230306),
    (2.5, 7.0, 0.5, 0.24603732885541804), (2.5, 7.0, 0.99, 0.6264157963760241),
    (2.5, 7.0, 0.999999, 0.9062062139809376),
    (0.5, 0.5, 1e-06, 2.46740110027031e-12), (0.5, 0.5, 0.01, 0.00024671981713422146),
    (0.5, 0.5, 0.5, 0.4999999999999999), (0.5, 0.5, 0.99, 0.9997532801828658),
    (0.3, 4.0, 1e-06, 1.9049653209186645e-21), (0.3, 4.0, 0.01, 4.1041237593986866e-08),
    (0.3, 4.0, 0.5, 0.019778314565049332), (0.3, 4.0, 0.99, 0.5118187304300781),
    (0.3, 4.0, 0.999999, 0.9470420840252692),
  ])
  func betaQuantile(alpha: Double, beta: Double, p: Double, expected: Double) {
    let got = Distribution.beta(alpha: alpha, beta: beta).quantile(p)
    #expect(isClose(got, expected, relative: Self.tolerance), "Beta(\(alpha), \(beta)) p \(p): \(got)")
  }

  @Test(arguments: [
    (3.0, -40.0, 1.7190340394579253e-05), (3.0, -4.0, 0.014004228005073076),
    (3.0, -0.5, 0.3257239824240755), (3.0, 0.5, 0.6742760175759245), (3.0, 10.0, 0.9989358004707929),
    (1.5, -40.0, 0.0014898121954656225), (1.5, -0.5, 0.34028355533497), (1.5, 10.0, 0.9881703224431893),
    (30.0, -40.0, 6.863022597203209e-28), (30.0, -4.0, 0.0001909228180418782),
    (30.0, 10.0, 0.9999999999771237),
    (1.0, -40.0, 0.007956089912025812), (1.0, 0.5, 0.6475836176504333),
  ])
  func studentTCDF(df: Double, x: Double, expected: Double) {
    // Location 1, scale 3: evaluate at 1 + 3x.
    let got = Distribution.studentT(df: df, location: 1, scale: 3).cdf(1 + 3 * x)
    #expect(isClose(got, expected, relative: Self.tolerance), "t(\(df)) at \(x): \(got)")
  }

  @Test(arguments: [
    (3.0, 1e-06, -103.29946778041935), (3.0, 0.05, -2.353363434801824), (3.0, 0.3, -0.5843897274398188),
    (3.0, 0.975, 3.1824463052837078), (3.0, 0.999999, 103.29946777942898),
    (1.5, 1e-06, -5219.4693247069445), (1.5, 0.05, -3.7051808200967518), (1.5, 0.975, 6.016663104427929),
    (30.0, 1e-06, -5.871117120418882), (30.0, 0.3, -0.5300190039065046), (30.0, 0.975, 2.0422724563012378),
    (1.0, 1e-06, -318309.8861827435), (1.0, 0.05, -6.313751514675044), (1.0, 0.999999, 318309.88617359026),
  ])
  func studentTQuantile(df: Double, p: Double, expected: Double) {
    let got = Distribution.studentT(df: df, location: 0, scale: 1).quantile(p)
    #expect(isClose(got, expected, relative: Self.tolerance), "t(\(df)) p \(p): \(got)")
  }

  @Test func pertIsAScaledBeta() {
    // PERT(10, 15, 30), λ = 4 is 10 + 20·Beta(2, 4):
    //   python3 -c "from scipy import stats; print(repr(stats.beta.cdf(0.35, 2, 4)), repr(stats.beta.ppf(0.9, 2, 4)))"
    //   → 0.571585 0.583890374619529
    let pert = Distribution.pert(min: 10, mode: 15, max: 30)
    #expect(isClose(pert.cdf(17), 0.571585, relative: 1e-13))
    #expect(isClose(pert.quantile(0.9), 10 + 20 * 0.583890374619529, relative: 1e-13))
  }

  @Test func triangularAndUniformClosedForms() {
    let tri = Distribution.triangular(min: 0, mode: 1, max: 4)
    #expect(tri.cdf(1) == 0.25 && tri.cdf(2) == 1 - 4.0 / 12)
    #expect(tri.quantile(0.25) == 1 && isClose(tri.quantile(1 - 4.0 / 12), 2, relative: 1e-15))
    #expect(tri.quantile(0) == 0 && tri.quantile(1) == 4)
    let uniform = Distribution.uniform(min: -2, max: 6)
    #expect(uniform.cdf(0) == 0.25 && uniform.quantile(0.25) == 0 && uniform.cdf(7) == 1)
  }

  @Test(arguments: [
    Distribution.gamma(shape: 2.5, scale: 1), .gamma(shape: 0.3, scale: 1), .beta(alpha: 2.5, beta: 7),
    .beta(alpha: 0.3, beta: 4), .studentT(df: 3, location: 0, scale: 1), .pert(min: 0, mode: 2, max: 9),
    .lognormal(mean: 1.1, sd: 0.3),
  ])
  func quantileInvertsCDF(distribution: Distribution) {
    // (A PERT with min ≠ 0 cannot pass at p = 1e-9: min + range·u rounds u to ~1e-16/u relative.)
    for p in [1e-9, 1e-4, 0.01, 0.2, 0.5, 0.7, 0.95, 0.9999] {
      let x = distribution.quantile(p)
      let back = distribution.cdf(x)
      #expect(isClose(back, p, relative: 1e-12), "\(distribution): p \(p) → x \(x) → \(back)")
    }
  }
}
