import Testing
import TCStatistics

struct RunningMomentsTests {
  /// Deterministic pseudo-noise in [-0.5, 0.5) without importing TCRandom.
  static func noise(_ n: Int) -> [Double] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0 ..< n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) * 0x1p-53 - 0.5
    }
  }

  /// Two-pass mean and sample variance, the reference for well-conditioned data.
  static func twoPass(_ xs: [Double]) -> (mean: Double, variance: Double) {
    let mean = xs.reduce(0, +) / Double(xs.count)
    let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, ss / Double(xs.count - 1))
  }

  @Test func largeOffsetKeepsTheVariance() {
    // 1e9 + U(-0.5, 0.5): variance ≈ 1/12; naive Σx² - n·mean² loses every digit here.
    let noise = Self.noise(10_000)
    let xs = noise.map { 1e9 + $0 }
    var m = RunningMoments()
    m.add(contentsOf: xs)
    // Reference: two-pass on the noise itself (exact offset removed), shifted back.
    let ref = Self.twoPass(noise)
    #expect(abs(m.mean - (1e9 + ref.mean)) <= 1.2e-7)  // one ulp of 1e9
    // Each x carries rounding 2^-24 (ulp(1e9)/2 ≈ 6e-8), so the variance can differ by ~1e-7 relative.
    let exact = Self.twoPass(xs)
    #expect(abs(m.variance - exact.variance) <= 1e-9 * exact.variance)
    #expect(abs(m.variance - ref.variance) <= 1e-6 * ref.variance)
    #expect(m.count == 10_000 && m.min == xs.min()! && m.max == xs.max()!)
  }

  @Test func mergeOfArbitrarySplitsEqualsOnePass() {
    let xs = Self.noise(5_000).enumerated().map { 3 + 2 * $1 + Double($0 % 7) }
    var whole = RunningMoments()
    whole.add(contentsOf: xs)
    for cuts in [[1], [2500], [17, 18, 4000], [0, 100, 100, 4999], Array(stride(from: 37, to: 5000, by: 491))] {
      var total = RunningMoments()
      var start = 0
      for end in cuts + [xs.count] {
        var part = RunningMoments()
        part.add(contentsOf: xs[start ..< end])
        total.merge(part)
        start = end
      }
      #expect(total.count == whole.count)
      #expect(abs(total.mean - whole.mean) <= 1e-15 * abs(whole.mean), "cuts \(cuts)")
      #expect(abs(total.variance - whole.variance) <= 1e-15 * whole.variance, "cuts \(cuts)")
      #expect(total.min == whole.min && total.max == whole.max)
    }
  }

  @Test func fixedMergeOrderIsBitReproducible() {
    let xs = Self.noise(1000)
    func blocks() -> RunningMoments {
      var total = RunningMoments()
      for b in 0 ..< 10 {
        var part = RunningMoments()
        part.add(contentsOf: xs[(b * 100) ..< (b * 100 + 100)])
        total.merge(part)
      }
      return total
    }
    #expect(blocks() == blocks())
  }

  @Test func smallKnownValues() {
    var m = RunningMoments()
    m.add(contentsOf: [2, 4, 4, 4, 5, 5, 7, 9])
    #expect(m.mean == 5 && m.variance == 32.0 / 7 && m.min == 2 && m.max == 9)
    #expect(abs(m.standardDeviation - (32.0 / 7).squareRoot()) <= 1e-15)
  }

  @Test func emptyAndSingleton() {
    var m = RunningMoments()
    #expect(m.count == 0 && m.mean.isNaN && m.variance.isNaN && m.min.isNaN && m.max.isNaN)
    var other = RunningMoments()
    other.merge(m)
    #expect(other == m)
    m.add(3)
    #expect(m.mean == 3 && m.variance.isNaN && m.min == 3 && m.max == 3)
    other.merge(m)
    #expect(other == m)
    m.merge(RunningMoments())
    #expect(other == m)
  }
}
