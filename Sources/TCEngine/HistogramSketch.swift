import Foundation

/// A fixed grid of equal-width bins on a line (log-levels, or required growth shifts), with one
/// underflow and one overflow bin.
///
/// The grid is fixed before any path runs (from the scenario and a deterministic pilot of the
/// first paths, see `Engine`), so every block, thread and shard counts into the same bins and
/// histograms merge exactly by adding integer counts.
struct HistogramGrid: Sendable, Equatable, Codable {
  /// Left edge of the first regular bin.
  let lower: Double
  /// Bin width (> 0).
  let width: Double
  /// Number of regular bins; storage has `bins + 2` counts: underflow, regular bins, overflow.
  let bins: Int

  var upper: Double { lower + width * Double(bins) }

  /// Regular bins per grid: with the pilot range doubled, a normal's densest bin then holds
  /// about 0.4 · 14σ / 8192 / σ ≈ 0.0007 of the mass, below the 0.001 rank-error budget.
  static let defaultBins = 8192

  /// A grid covering the pilot sample's range, widened by half the range on each side.
  ///
  /// Infinite values (a level of exactly 0 has log-level −∞) are ignored; a degenerate range
  /// (all equal, for example a fixed path) gets a tiny width around the value.
  init(covering sample: [Double], bins: Int = HistogramGrid.defaultBins) {
    let finite = sample.filter(\.isFinite)
    let lo = finite.min() ?? 0, hi = finite.max() ?? 0
    var span = hi - lo
    let floor = Swift.max(abs(lo), abs(hi), 1e-300) * 1e-9
    if !(span > floor) { span = floor }
    self.lower = lo - span / 2
    self.width = span * 2 / Double(bins)
    self.bins = bins
  }

  init(lower: Double, width: Double, bins: Int) {
    self.lower = lower
    self.width = width
    self.bins = bins
  }

  /// Storage index of `x`: 0 underflow (and −∞), 1…bins regular, bins + 1 overflow (+∞, NaN).
  @inline(__always)
  func index(_ x: Double, inverseWidth: Double) -> Int {
    let u = (x - lower) * inverseWidth
    if u >= 0 {
      if u < Double(bins) { return Int(u) &+ 1 }
      return bins &+ 1
    }
    return u < 0 ? 0 : bins &+ 1
  }

  /// Centre of regular bin `i` (storage index, 1…bins).
  func centre(_ i: Int) -> Double { lower + (Double(i) - 0.5) * width }
}

/// Quantiles from a histogram's counts, with linear interpolation inside the bin and the exact
/// minimum and maximum as outer edges of the underflow and overflow bins.
///
/// Rank error: the returned value lies in the bin that holds the exact quantile, so its rank
/// differs from p·n by at most that bin's count; `rankErrorBound` reports count / n for each
/// quantile so the guarantee is checked, not assumed.
struct HistogramQuantiles {
  let grid: HistogramGrid
  let counts: [UInt64]
  let minimum: Double
  let maximum: Double

  var total: UInt64 { counts.reduce(0, &+) }

  /// The p-quantile and the share of paths in its bin (the bound on its rank error).
  func quantile(_ p: Double) -> (value: Double, rankErrorBound: Double) {
    let n = total
    guard n > 0, p >= 0, p <= 1 else { return (.nan, .nan) }
    let target = p * Double(n)
    var cumulative = 0.0
    for i in counts.indices where counts[i] > 0 {
      let c = Double(counts[i])
      if cumulative + c >= target || i == counts.count - 1 {
        let fraction = c > 0 ? Swift.min(1, Swift.max(0, (target - cumulative) / c)) : 0
        let low: Double, high: Double
        if i == 0 {
          low = minimum; high = Swift.min(grid.lower, maximum)
        } else if i == grid.bins + 1 {
          low = Swift.max(grid.upper, minimum); high = maximum
        } else {
          // An edge is computed, so it can land a few ulps past a value the bin holds (all paths
          // at one level): clamped to [minimum, maximum], low ≤ high and quantiles stay ordered.
          low = Swift.min(Swift.max(grid.lower + Double(i - 1) * grid.width, minimum), maximum)
          high = Swift.max(Swift.min(grid.lower + Double(i) * grid.width, maximum), minimum)
        }
        let value = low.isFinite && high.isFinite ? low + (high - low) * fraction : (fraction < 0.5 ? low : high)
        return (value, c / Double(n))
      }
      cumulative += c
    }
    return (maximum, 0)
  }

  /// Share of paths with a value ≤ x (exact at bin edges, interpolated inside a bin).
  func cdf(_ x: Double) -> Double {
    let n = Double(total)
    guard n > 0 else { return .nan }
    let inverse = 1 / grid.width
    let k = grid.index(x, inverseWidth: inverse)
    var below = 0.0
    for i in 0..<k { below += Double(counts[i]) }
    if k >= 1 && k <= grid.bins {
      let left = grid.lower + Double(k - 1) * grid.width
      below += Double(counts[k]) * Swift.min(1, (x - left) * inverse)
    } else if k == grid.bins + 1 && x >= maximum {
      below += Double(counts[k])
    }
    return below / n
  }
}
