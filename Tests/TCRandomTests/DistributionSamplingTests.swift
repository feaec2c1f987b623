import Testing
import TCRandom

/// Sampling checks with fixed seeds: the sample mean and variance must lie within
/// 5 standard errors of the exact values, and the Kolmogorov–Smirnov distance to the
/// exact CDF below the 0.1% critical value 1.949/√n. A wrong shape, scale or sampler
/// branch (shape < 1 boost, tails) moves these by many standard errors at n = 40 000.
struct DistributionSamplingTests {
  static let n = 40_000

  @Test(arguments: [
    Distribution.normal(mean: 3, sd: 2),
    .lognormal(mean: 1.05, sd: 0.2),
    .lognormalLog(mu: -0.5, sigma: 0.8),
    .studentT(df: 10, location: 1, scale: 0.5),
    .studentT(df: 2.5, location: 0, scale: 1),
    .gamma(shape: 2.5, scale: 1.5),
    .gamma(shape: 0.3, scale: 2),
    .beta(alpha: 2.5, beta: 7),
    .beta(alpha: 0.4, beta: 0.6),
    .pert(min: 10, mode: 15, max: 30),
    .pert(min: 0, mode: 0, max: 1, lambda: 3),
    .triangular(min: -1, mode: 2, max: 3),
    .uniform(min: -2, max: 5),
  ])
  func samplesMatchTheDistribution(distribution: Distribution) {
    let xs = draws(distribution, count: Self.n, seed: 20_240_601)
    let ks = kolmogorovSmirnov(xs, cdf: distribution.cdf)
    #expect(ks < ksCritical(Self.n), "\(distribution): KS \(ks)")
    let m = SampleMoments(xs)
    #expect(abs(m.mean - distribution.mean) < 5 * m.meanStandardError,
            "\(distribution): mean \(m.mean) vs \(distribution.mean)")
    // The variance's standard error needs a finite fourth moment (t needs df > 4).
    if case .studentT(let df, _, _) = distribution, df <= 4 { return }
    #expect(abs(m.variance - distribution.variance) < 5 * m.varianceStandardError,
            "\(distribution): variance \(m.variance) vs \(distribution.variance)")
  }

  @Test func zigguratNormalsPassTighterChecksIncludingTheTail() {
    // 400 000 standard normals: KS, moments, and the tail beyond the ziggurat's base
    // R = 3.6541528853610088, whose expected share 2Φ(-R) = 2.58032e-4 (mpmath) has
    // binomial SE √(np(1-p)) ≈ 10.2 counts.
    let count = 400_000
    var rng = RandomStream(seed: 7, stream: streamID(42))
    var xs = [Double](repeating: 0, count: count)
    rng.fillNormals(&xs)
    #expect(kolmogorovSmirnov(xs, cdf: NormalDistribution.cdf) < ksCritical(count))
    let m = SampleMoments(xs)
    #expect(abs(m.mean) < 5 * m.meanStandardError)
    #expect(abs(m.variance - 1) < 5 * m.varianceStandardError)
    let beyond = Double(xs.filter { abs($0) > 3.6541528853610088 }.count)
    let expected = 2.58032e-4 * Double(count)
    #expect(abs(beyond - expected) < 5 * 10.2, "tail count \(beyond) vs \(expected)")
    // Symmetry: the sign bit is independent of the magnitude.
    let negatives = Double(xs.filter { $0 < 0 }.count)
    #expect(abs(negatives - Double(count) / 2) < 5 * (Double(count) / 4).squareRoot())
  }

  @Test func uniformsAreUniform() {
    var rng = RandomStream(seed: 11, stream: 0)
    let xs = (0 ..< Self.n).map { _ in rng.nextUniform() }
    #expect(kolmogorovSmirnov(xs) { $0 } < ksCritical(Self.n))
  }

  @Test func differentStreamsAreUncorrelated() {
    // Correlation of paired normals from adjacent streams: SE 1/√n.
    var a = RandomStream(seed: 3, stream: 100)
    var b = RandomStream(seed: 3, stream: 101)
    var sum = 0.0
    for _ in 0 ..< Self.n { sum += a.nextNormal() * b.nextNormal() }
    #expect(abs(sum / Double(Self.n)) < 5 / Double(Self.n).squareRoot())
  }
}
