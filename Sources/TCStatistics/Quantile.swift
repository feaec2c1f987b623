/// Sample quantiles by numpy's default rule (`method="linear"`, Hyndman and Fan type 7).
///
/// For a sorted sample x₀ ≤ … ≤ x_{n-1} and probability p, let h = (n - 1)p, j = ⌊h⌋,
/// g = h - j; the quantile is x_j + g (x_{j+1} - x_j). Like numpy, the interpolation is
/// evaluated from the upper neighbour when g ≥ 1/2 (x_{j+1} - (1 - g)(x_{j+1} - x_j)),
/// which keeps it monotone in p and reproduces numpy's results to the last bit.
///
/// ```swift
/// let (p5, p50, p95) = Quantile.of(outcomes, [0.05, 0.5, 0.95])  // as an array
/// ```
///
/// Probabilities outside [0, 1] or NaN, an empty sample, or a sample containing NaN
/// give NaN (numpy raises or propagates NaN in those cases).
public enum Quantile {
  /// The p-quantile of a sample already sorted ascending (not checked).
  public static func sorted(_ sortedSample: [Double], _ p: Double) -> Double {
    let n = sortedSample.count
    guard n > 0, p >= 0, p <= 1 else { return .nan }
    let h = Double(n - 1) * p
    let below = h.rounded(.down)
    let j = Int(below)
    let g = h - below
    let a = sortedSample[j]
    let b = sortedSample[Swift.min(j + 1, n - 1)]
    let difference = b - a
    return g >= 0.5 ? b - difference * (1 - g) : a + difference * g
  }

  /// The quantiles of an unsorted sample at each probability of `ps`, sorting a copy once.
  public static func of(_ sample: [Double], _ ps: [Double]) -> [Double] {
    if sample.contains(where: { $0.isNaN }) { return ps.map { _ in .nan } }
    let sortedSample = sample.sorted()
    return ps.map { sorted(sortedSample, $0) }
  }
}
