import Foundation
import TCLinearAlgebra
import TCRandom

/// Grids of every histogram, fixed before the main run.
struct EngineGrids: Sendable, Equatable, Codable {
  /// One per cell (quantity × year); cells that are never binned get a placeholder.
  var cells: [HistogramGrid]
  /// One per target: the growth shift each path needs.
  var shifts: [HistogramGrid]
}

/// What a sensitivity pass records for each path (one entry per path of the block).
struct PathRecord {
  /// Mean correlated shock of each series over the years (the series' growth input).
  var seriesInputs: [[Double]]
  /// Log of each year-to-date base draw (`plan.baseDraws` order).
  var baseInputs: [[Double]]
  /// Occurrences of each event.
  var eventInputs: [[Double]]
  /// Per target: 1 if met.
  var success: [[Double]]
  /// Per target: log-level of its quantity in the decision year.
  var decisionLogLevel: [[Double]]
}

/// Per-thread scratch space and the hot loop: simulates one block of consecutive paths and adds
/// what they contribute to a thread-local `SimulationState`.
///
/// Layout: `z` is a column-major (H·B) × K matrix, element (t·B + j, s) holding series s in year
/// t of the block's path j. One call of the BLAS layer with the Cholesky factor correlates all
/// H·B shock vectors at once (Z ← Z·Lᵀ); after that every (series, year) row of B paths is contiguous, so the
/// growth law, the running sum of log-levels, binning and target checks are simple loops over
/// contiguous memory.
///
/// `@unchecked Sendable`: a kernel is only ever used by one thread at a time — its own worker,
/// or after a run through `KernelPool`, whose lock hands each kernel to one thread.
final class BlockKernel: @unchecked Sendable {
  let plan: SimulationPlan
  let grids: EngineGrids
  let blockSize: Int
  let binnedCells: [Bool]
  var z: Matrix
  var scratch: Matrix
  /// Log-levels of aggregates, `A × H × B` like the series rows of `z`.
  var aggregate: [Double]
  var added: [Double]
  var normals: [Double]
  /// Base-year log-levels of the block's paths, `K × B` (empty when every base is fixed).
  var baseLogs: [Double]
  /// Per-path scratch of the target checks (one entry per path of the block).
  var targetScratch: TargetScratch
  /// Thread-local histogram counts in 16 bits (a quarter of the cache footprint of the state's
  /// 64-bit counts; the increments are the kernel's cache misses), flushed to `state` before
  /// any count can overflow: every `flushInterval` blocks.
  var counts: [UInt16]
  let flushInterval: Int
  var blocksSinceFlush = 0
  /// Bin indices of one row of paths (scratch of `bin`).
  var binScratch: [Int32]
  /// One row of control-variate linear forms (scratch of `checkTargets`).
  var controlScratch: [Double]
  /// Each target's estimator, which says what the target checks record for it.
  let estimators: [TargetEstimator]
  var shiftCounts: [UInt16]
  var state: SimulationState
  let cellScales: [(FixedPointScale, FixedPointScale)]
  /// When set, each target's per-path required shifts are appended here (the pilot run).
  var pilotShifts: [[Double]]?

  init(plan: SimulationPlan, grids: EngineGrids, blockSize: Int) {
    self.plan = plan
    self.grids = grids
    self.blockSize = blockSize
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    z = Matrix(rows: h * b, columns: k)
    scratch = plan.factorIsLowerTriangular ? Matrix(rows: 0, columns: 0) : Matrix(rows: h * b, columns: k)
    aggregate = Array(repeating: 0, count: max(1, plan.aggregateCount * h * b))
    added = plan.seriesHasLevelEvents.contains(true) ? Array(repeating: 0, count: k * h * b) : []
    normals = Array(repeating: 0, count: 4 * k * h)
    baseLogs = plan.baseDraws.isEmpty ? [] : Array(repeating: 0, count: k * b)
    targetScratch = TargetScratch(blockSize: b)
    let cells = plan.quantityCount * h
    var binned = Array(repeating: false, count: cells)
    for cell in 0..<(k * h) { binned[cell] = true }
    for a in 0..<plan.aggregateCount where plan.aggregateForecast[a] {
      for t in 0..<h { binned[(k + a) * h + t] = true }
    }
    binnedCells = binned
    let bins = grids.cells.first?.bins ?? HistogramGrid.defaultBins
    precondition(b <= Int(UInt16.max), "block size \(b) above the 16-bit histogram counts' limit")
    counts = Array(repeating: 0, count: cells * (bins + 2))
    flushInterval = Int(UInt16.max) / b
    binScratch = Array(repeating: 0, count: b)
    controlScratch = Array(repeating: 0, count: b)
    estimators = plan.targets.indices.map { TargetEstimator(plan: plan, target: $0) }
    shiftCounts = Array(repeating: 0, count: plan.targets.count * (bins + 2))
    state = SimulationState(cells: cells, bins: bins, targets: plan.targets.count, horizon: h, memberCounts: plan.memberCountSize)
    cellScales = grids.cells.map { grid in
      let top = exp(grid.upper)
      return (FixedPointScale(upperLevel: top, squared: false), FixedPointScale(upperLevel: top, squared: true))
    }
  }

  /// Moves the 16-bit counts into the state (call before reading `state`).
  func flush() {
    blocksSinceFlush = 0
    drain(\.counts, into: \.state.cellCounts)
    drain(\.shiftCounts, into: \.state.shiftCounts)
  }

  /// `total[i] += local[i]; local[i] = 0`, on local copies of the two arrays (one exclusivity
  /// check per array, not per element).
  private func drain(
    _ localPath: ReferenceWritableKeyPath<BlockKernel, [UInt16]>,
    into totalPath: ReferenceWritableKeyPath<BlockKernel, [UInt64]>
  ) {
    var local = self[keyPath: localPath], total = self[keyPath: totalPath]
    self[keyPath: localPath] = []
    self[keyPath: totalPath] = []
    precondition(local.count == total.count)
    do {
      var l = local.mutableSpan, t = total.mutableSpan
      for i in 0..<l.count {
        t[i] &+= UInt64(l[i])
        l[i] = 0
      }
    }
    self[keyPath: localPath] = local
    self[keyPath: totalPath] = total
  }

  /// Simulates paths `firstPath ..< firstPath + n` (n ≤ blockSize) and adds them to `state`.
  /// With `record`, also returns each path's inputs and outcomes (sensitivity analysis).
  @discardableResult
  func simulate(firstPath: Int, count n: Int, record: Bool = false) -> PathRecord? {
    let k = plan.seriesCount, b = blockSize
    fillShocks(firstPath: firstPath, count: n)
    drawBases(firstPath: firstPath, count: n)
    correlate()
    var recorded: PathRecord?
    if record {
      recorded = PathRecord(
        seriesInputs: (0..<k).map { s in seriesInput(s, n: n) },
        baseInputs: plan.baseDraws.map { draw in (0..<n).map { j in baseLogs[draw.series * b + j] } },
        eventInputs: [], success: [], decisionLogLevel: [])
    }
    var occurrences: [[Double]] = []
    var outcomes: (success: [[Double]], levels: [[Double]]) = ([], [])
    // One span for the rest of the block: no per-row closures or exclusivity checks.
    z.withColumnMajorElements { elements in
      var zs = elements.mutableSpan
      occurrences = applyLawsAndEvents(&zs, firstPath: firstPath, count: n, recordEvents: record)
      computeAggregates(zs.span, count: n)
      binCells(zs.span, count: n)
      outcomes = checkTargets(zs.span, count: n, record: record)
    }
    blocksSinceFlush += 1
    if blocksSinceFlush == flushInterval { flush() }
    recorded?.eventInputs = occurrences
    recorded?.success = outcomes.success
    recorded?.decisionLogLevel = outcomes.levels
    state.paths += n
    return recorded
  }
}
