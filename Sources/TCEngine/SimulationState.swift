import Foundation

/// Everything a set of paths contributes to the results, in a form that merges exactly.
///
/// Counts are integers and the few floating-point sums are kept in fixed point (`Int128`), so
/// merging is plain addition: associative and commutative. The same paths therefore give the
/// same bits whatever the thread count, block schedule or shard layout, and
/// `targetcast merge` of shard outputs reproduces one run byte for byte.
struct SimulationState: Sendable, Equatable, Codable {
  var paths: Int = 0
  let cells: Int
  let bins: Int
  let targetCount: Int
  let horizon: Int
  /// Histogram counts of log-levels, `cells × (bins + 2)`.
  var cellCounts: [UInt64]
  var cellMinimum: [Double]
  var cellMaximum: [Double]
  /// Σ level and Σ level² of the paths that fell outside a cell's grid, in fixed point.
  var outsideSum: [Int128]
  var outsideSumOfSquares: [Int128]
  /// Per target: paths meeting it in the decision year (in-year targets).
  var inYearHits: [UInt64]
  /// Per target: first simulated year the condition held, `targets × (horizon + 1)`; the last
  /// slot counts paths that never reached it.
  var firstYear: [UInt64]
  /// Per target (antithetic runs): pairs with 0, 1 and 2 successes, `targets × 3`.
  var pairOutcomes: [UInt64]
  /// Per target (conditional Monte Carlo): Σ q and Σ q² of the paths' conditional probabilities
  /// q, in fixed point with 2^-62 resolution.
  var conditionalSum: [Int128]
  var conditionalSumOfSquares: [Int128]
  /// Per target (control variates): paths whose control event held, and paths where both the
  /// control and the target held.
  var controlHits: [UInt64]
  var controlJointHits: [UInt64]
  /// Histogram of the growth shift each path needs to meet the target, `targets × (bins + 2)`.
  var shiftCounts: [UInt64]
  var shiftMinimum: [Double]
  var shiftMaximum: [Double]
  /// Per k-of-n target with m members: paths by how many members they have reached by each
  /// simulated year t (rows 0 … horizon − 1) and met in their decision years (row horizon),
  /// `(horizon + 1) × (m + 1)` each, in target order (`SimulationPlan.memberCountOffsets`).
  var memberCounts: [UInt64]

  init(cells: Int, bins: Int, targets: Int, horizon: Int, memberCounts: Int) {
    self.cells = cells
    self.bins = bins
    self.targetCount = targets
    self.horizon = horizon
    cellCounts = Array(repeating: 0, count: cells * (bins + 2))
    cellMinimum = Array(repeating: .infinity, count: cells)
    cellMaximum = Array(repeating: -.infinity, count: cells)
    outsideSum = Array(repeating: 0, count: cells)
    outsideSumOfSquares = Array(repeating: 0, count: cells)
    inYearHits = Array(repeating: 0, count: targets)
    firstYear = Array(repeating: 0, count: targets * (horizon + 1))
    pairOutcomes = Array(repeating: 0, count: targets * 3)
    conditionalSum = Array(repeating: 0, count: targets)
    conditionalSumOfSquares = Array(repeating: 0, count: targets)
    controlHits = Array(repeating: 0, count: targets)
    controlJointHits = Array(repeating: 0, count: targets)
    shiftCounts = Array(repeating: 0, count: targets * (bins + 2))
    shiftMinimum = Array(repeating: .infinity, count: targets)
    shiftMaximum = Array(repeating: -.infinity, count: targets)
    self.memberCounts = Array(repeating: 0, count: memberCounts)
  }

  /// Adds `other`'s paths to these.
  mutating func merge(_ other: SimulationState) {
    precondition(cells == other.cells && bins == other.bins && targetCount == other.targetCount && horizon == other.horizon)
    SimulationState.add(&cellCounts, other.cellCounts)
    for i in 0..<cells {
      cellMinimum[i] = min(cellMinimum[i], other.cellMinimum[i])
      cellMaximum[i] = max(cellMaximum[i], other.cellMaximum[i])
      outsideSum[i] &+= other.outsideSum[i]
      outsideSumOfSquares[i] &+= other.outsideSumOfSquares[i]
    }
    SimulationState.add(&shiftCounts, other.shiftCounts)
    for i in 0..<targetCount {
      shiftMinimum[i] = min(shiftMinimum[i], other.shiftMinimum[i])
      shiftMaximum[i] = max(shiftMaximum[i], other.shiftMaximum[i])
    }
    mergeTargetCounts(other)
  }

  /// Adds `other`'s path count and per-target counts (hits, first years, pairs, conditional and
  /// control sums) — everything the target estimates read — but not the histograms. The receiver
  /// may have no cells.
  mutating func mergeTargetCounts(_ other: SimulationState) {
    precondition(targetCount == other.targetCount && horizon == other.horizon && memberCounts.count == other.memberCounts.count)
    paths += other.paths
    SimulationState.add(&inYearHits, other.inYearHits)
    SimulationState.add(&firstYear, other.firstYear)
    SimulationState.add(&pairOutcomes, other.pairOutcomes)
    SimulationState.add(&controlHits, other.controlHits)
    SimulationState.add(&controlJointHits, other.controlJointHits)
    SimulationState.add(&memberCounts, other.memberCounts)
    for i in 0..<targetCount {
      conditionalSum[i] &+= other.conditionalSum[i]
      conditionalSumOfSquares[i] &+= other.conditionalSumOfSquares[i]
    }
  }

  static func add(_ a: inout [UInt64], _ b: [UInt64]) {
    for i in a.indices { a[i] &+= b[i] }
  }
}

/// Fixed-point encoding of a sum of levels: `value · 2^(fractionBits − exponent)` rounded to an
/// integer, where `2^exponent` bounds the cell's grid. 40 fraction bits give a resolution of
/// 2^-40 of the grid's top level. Each term is clamped to ±2^86 (2^46 times the grid's top), so a
/// sum over up to 2^40 paths (more than `Scenario.maximumPaths`) stays within ±2^126 and an Int128
/// cannot overflow, whatever the tails.
struct FixedPointScale: Sendable {
  let factor: Double
  let inverse: Double

  init(upperLevel: Double, squared: Bool) {
    var exponent = upperLevel.isFinite && upperLevel > 0 ? Int(log2(upperLevel).rounded(.up)) : 0
    if squared { exponent *= 2 }
    let shift = 40 - exponent
    factor = Double(sign: .plus, exponent: shift, significand: 1)
    inverse = Double(sign: .plus, exponent: -shift, significand: 1)
  }

  func encode(_ x: Double) -> Int128 {
    let scaled = (x * factor).rounded()
    guard scaled.isFinite else { return scaled > 0 ? Int128(1) << 86 : -(Int128(1) << 86) }
    let limit = 0x1p86
    return Int128(Swift.max(-limit, Swift.min(limit, scaled)))
  }

  func decode(_ x: Int128) -> Double { Double(x) * inverse }
}
