/// Streaming count, mean, variance, minimum and maximum that can be merged.
///
/// `add` is Welford's (1962) update; `merge` is the pairwise combination of Chan, Golub
/// and LeVeque (1979); both with compensated sums. Both work on the centred sum of squares, so a large common
/// offset (values near 1e9 with small noise) does not cancel away the variance as the
/// textbook Σx² - n·mean² does. Merging per-thread partials in a fixed order gives the
/// same bits whatever the thread count.
///
/// ```swift
/// var total = RunningMoments()
/// for block in blocks { total.merge(block.moments) }   // fixed order
/// print(total.mean, total.standardDeviation)
/// ```
public struct RunningMoments: Sendable, Equatable {
  /// Number of values added.
  public private(set) var count: Int
  // The mean and the centred sum of squares Σ(x - mean)² are each kept as an unevaluated
  // sum high + low (compensated, as in Neumaier 1974), so rounding does not accumulate
  // with n: one pass and any merge tree agree to about one ulp instead of √n ulps.
  private var meanHigh: Double
  private var meanLow: Double
  private var squaresHigh: Double
  private var squaresLow: Double
  private var smallest: Double
  private var largest: Double

  /// An empty accumulator.
  public init() {
    count = 0
    meanHigh = 0
    meanLow = 0
    squaresHigh = 0
    squaresLow = 0
    smallest = .infinity
    largest = -.infinity
  }

  /// The arithmetic mean; NaN when empty.
  public var mean: Double { count == 0 ? .nan : meanHigh + meanLow }

  /// The sample variance with n - 1 in the denominator; NaN for fewer than two values.
  public var variance: Double {
    count < 2 ? .nan : (squaresHigh + squaresLow) / Double(count - 1)
  }

  /// √variance; NaN for fewer than two values.
  public var standardDeviation: Double { variance.squareRoot() }

  /// The smallest value added; NaN when empty.
  public var min: Double { count == 0 ? .nan : smallest }

  /// The largest value added; NaN when empty.
  public var max: Double { count == 0 ? .nan : largest }

  /// Adds one value (Welford's update).
  public mutating func add(_ x: Double) {
    count += 1
    let before = (x - meanHigh) - meanLow
    addToMean(before / Double(count))
    let after = (x - meanHigh) - meanLow
    addToSquares(before * after)
    smallest = Swift.min(smallest, x)
    largest = Swift.max(largest, x)
  }

  /// Adds every value of `xs` in order.
  public mutating func add<S: Sequence>(contentsOf xs: S) where S.Element == Double {
    for x in xs { add(x) }
  }

  /// Combines `other` into `self`, as if its values had been added here (Chan et al.).
  ///
  /// Not commutative in the last bit: merge partials in a fixed order for reproducibility.
  public mutating func merge(_ other: RunningMoments) {
    if other.count == 0 { return }
    if count == 0 {
      self = other
      return
    }
    let na = Double(count)
    let nb = Double(other.count)
    let n = na + nb
    let delta = (other.meanHigh - meanHigh) + (other.meanLow - meanLow)
    count += other.count
    addToMean(delta * (nb / n))
    addToSquares(other.squaresHigh)
    addToSquares(other.squaresLow)
    addToSquares(delta * delta * (na * nb / n))
    smallest = Swift.min(smallest, other.smallest)
    largest = Swift.max(largest, other.largest)
  }

  private mutating func addToMean(_ term: Double) {
    (meanHigh, meanLow) = compensatedAdd(meanHigh, meanLow, term)
  }

  private mutating func addToSquares(_ term: Double) {
    (squaresHigh, squaresLow) = compensatedAdd(squaresHigh, squaresLow, term)
  }
}

/// (high + low) + term as a new (high, low): Knuth's two-sum error of high + term goes
/// into low, which is renormalized so |low| stays below half an ulp of high.
@inline(__always)
private func compensatedAdd(_ high: Double, _ low: Double, _ term: Double) -> (Double, Double) {
  let sum = high + term
  let virtualTerm = sum - high
  let error = (high - (sum - virtualTerm)) + (term - virtualTerm)
  let total = low + error
  let newHigh = sum + total
  return (newHigh, total - (newHigh - sum))
}
