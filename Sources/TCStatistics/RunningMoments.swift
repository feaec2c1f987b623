/// Streaming count, mean, variance, minimum and maximum that can be merged.
///
/// `add` is Welford's (1962) update; `merge` is the pairwise combination of Chan, Golub
/// and LeVeque (1979). Both work on the centred sum of squares, so a large common
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
  private var runningMean: Double
  /// Σ (x - mean)², kept centred.
  private var sumOfSquaredDeviations: Double
  private var smallest: Double
  private var largest: Double

  /// An empty accumulator.
  public init() {
    count = 0
    runningMean = 0
    sumOfSquaredDeviations = 0
    smallest = .infinity
    largest = -.infinity
  }

  /// The arithmetic mean; NaN when empty.
  public var mean: Double { count == 0 ? .nan : runningMean }

  /// The sample variance with n - 1 in the denominator; NaN for fewer than two values.
  public var variance: Double {
    count < 2 ? .nan : sumOfSquaredDeviations / Double(count - 1)
  }

  /// √variance; NaN for fewer than two values.
  public var standardDeviation: Double { variance.squareRoot() }

  /// The smallest value added; NaN when empty.
  public var min: Double { count == 0 ? .nan : smallest }

  /// The largest value added; NaN when empty.
  public var max: Double { count == 0 ? .nan : largest }

  /// Adds one value.
  public mutating func add(_ x: Double) {
    count += 1
    let delta = x - runningMean
    runningMean += delta / Double(count)
    sumOfSquaredDeviations += delta * (x - runningMean)
    smallest = Swift.min(smallest, x)
    largest = Swift.max(largest, x)
  }

  /// Adds every value of `xs` in order.
  public mutating func add<S: Sequence>(contentsOf xs: S) where S.Element == Double {
    for x in xs { add(x) }
  }

  /// Combines `other` into `self`, as if its values had been added here.
  ///
  /// Not commutative in the last bits: merge partials in a fixed order for reproducibility.
  public mutating func merge(_ other: RunningMoments) {
    if other.count == 0 { return }
    if count == 0 {
      self = other
      return
    }
    let n = count + other.count
    let na = Double(count)
    let nb = Double(other.count)
    let delta = other.runningMean - runningMean
    runningMean += delta * (nb / Double(n))
    sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * (na * nb / Double(n))
    count = n
    smallest = Swift.min(smallest, other.smallest)
    largest = Swift.max(largest, other.largest)
  }
}
