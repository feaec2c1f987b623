/// A weighted sample of standardized forecast errors at one step, pooled across series.
///
/// Quantiles interpolate linearly between the sorted errors placed at their cumulative-weight
/// midpoints (the weighted analogue of Hazen's plotting position), clamped at the ends, so the
/// quantile function and the CDF are continuous inverses of each other.
struct PooledErrors: Sendable {
  private(set) var sorted: [Double] = []
  private(set) var positions: [Double] = []
  /// Each sorted error's share of the total weight.
  private(set) var shares: [Double] = []

  init(values: [Double], weights: [Double]) {
    // Sorting pairs by value alone is deterministic for a given input; the order of tied values
    // does not change the quantiles (equal values interpolate to the same value).
    var pairs = Array(zip(values, weights))
    pairs.sort { $0.0 < $1.0 }
    self.init(sortedValues: pairs.map(\.0), weights: pairs.map(\.1))
  }

  /// A pool from values already in increasing order (no sorting).
  init(sortedValues: [Double], weights: [Double]) {
    let total = weights.reduce(0, +)
    guard !sortedValues.isEmpty, total > 0 else { return }
    sorted = sortedValues
    positions = [Double](repeating: 0, count: weights.count)
    shares = weights.map { $0 / total }
    var cumulative = 0.0
    for (i, w) in shares.enumerated() {
      positions[i] = cumulative + w / 2
      cumulative += w
    }
  }

  /// The weighted mean of `transform(e)` over the errors (`transform(0)` when empty): the
  /// expectation of a quantity that is a function of the error, such as the level `f·exp(s·e)`.
  func expectation(_ transform: (Double) -> Double) -> Double {
    guard !sorted.isEmpty else { return transform(0) }
    var sum = 0.0
    for (e, w) in zip(sorted, shares) { sum += w * transform(e) }
    return sum
  }

  var isEmpty: Bool { sorted.isEmpty }

  /// The `tau`-quantile (0 when empty).
  func quantile(_ tau: Double) -> Double {
    guard let first = sorted.first, let last = sorted.last else { return 0 }
    if tau <= positions[0] { return first }
    if tau >= positions[positions.count - 1] { return last }
    let i = upperBound(positions, tau)
    let (p0, p1) = (positions[i - 1], positions[i])
    let s = p1 > p0 ? (tau - p0) / (p1 - p0) : 0
    return sorted[i - 1] + s * (sorted[i] - sorted[i - 1])
  }

  /// `P(E <= x)` under the same interpolation (0.5 when empty).
  func cdf(_ x: Double) -> Double {
    guard let first = sorted.first, let last = sorted.last else { return 0.5 }
    if x < first { return 0 }
    if x >= last { return 1 }
    let i = upperBound(sorted, x)
    let (e0, e1) = (sorted[i - 1], sorted[i])
    let s = e1 > e0 ? (x - e0) / (e1 - e0) : 1
    return positions[i - 1] + s * (positions[i] - positions[i - 1])
  }

  /// First index whose element is greater than `x` (`x` lies strictly inside the range).
  private func upperBound(_ a: [Double], _ x: Double) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
