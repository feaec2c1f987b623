#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import TCRandom

/// |a - b| ≤ tolerance · |b| (relative), with exact equality for zeros and infinities.
func isClose(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
  if a == b { return true }
  return abs(a - b) <= tolerance * abs(b)
}

/// Kolmogorov–Smirnov statistic sup |F_n(x) - F(x)| of a sample against a CDF.
func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> Double {
  let sorted = sortedFast(sample)
  let n = Double(sorted.count)
  var d = 0.0
  for (i, x) in sorted.enumerated() {
    let f = cdf(x)
    d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
  }
  return d
}

/// The KS critical value at the 0.1% level for large n: √(-ln(0.0005)/2)/√n ≈ 1.949/√n.
func ksCritical(_ n: Int) -> Double { 1.949 / Double(n).squareRoot() }

/// Sample mean, variance and their standard errors (the variance's from the sample's
/// fourth central moment: SE(s²) ≈ √((m₄ - s⁴)/n)).
struct SampleMoments {
  let mean: Double
  let variance: Double
  let meanStandardError: Double
  let varianceStandardError: Double

  init(_ xs: [Double]) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    var m2 = 0.0
    var m4 = 0.0
    for x in xs {
      let d2 = (x - mean) * (x - mean)
      m2 += d2
      m4 += d2 * d2
    }
    self.mean = mean
    variance = m2 / (n - 1)
    meanStandardError = (variance / n).squareRoot()
    varianceStandardError = ((m4 / n - variance * variance) / n).squareRoot()
  }
}

func draws(_ distribution: Distribution, count: Int, seed: UInt64) -> [Double] {
  var rng = RandomStream(seed: seed, stream: streamID(0xD15, seed))
  return (0 ..< count).map { _ in distribution.sample(&rng) }
}

/// Ascending sort through libc's qsort: the generic stdlib sort runs unspecialized in
/// debug test builds and dominated these tests' run time.
func sortedFast(_ xs: [Double]) -> [Double] {
  var copy = xs
  copy.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    qsort(base, buffer.count, MemoryLayout<Double>.stride) { a, b in
      let x = a!.load(as: Double.self)
      let y = b!.load(as: Double.self)
      return x < y ? -1 : (x > y ? 1 : 0)
    }
  }
  return copy
}
