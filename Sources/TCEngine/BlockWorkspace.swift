import TCLinearAlgebra
import TCRandom
import TCStatistics

/// Summary of one block of paths: stored levels (for exact quantiles), moments per series and
/// year, and target hit counts. Merging summaries in block order is deterministic.
struct BlockSummary: Sendable {
  /// Levels of cell `k * horizon + t`, one per path of the block, in path order.
  var values: [[Double]]
  var moments: [RunningMoments]
  var targetHits: [ProportionEstimate]

  static func merge(_ blocks: [BlockSummary], plan: SimulationPlan) -> BlockSummary {
    let cells = plan.seriesCount * plan.horizon
    var merged = BlockSummary(
      values: Array(repeating: [], count: cells),
      moments: Array(repeating: RunningMoments(), count: cells),
      targetHits: Array(repeating: ProportionEstimate(), count: plan.targets.count))
    let total = blocks.reduce(0) { $0 + ($1.values.first?.count ?? 0) }
    for cell in 0..<cells { merged.values[cell].reserveCapacity(total) }
    for block in blocks {
      for cell in 0..<cells {
        merged.values[cell].append(contentsOf: block.values[cell])
        merged.moments[cell].merge(block.moments[cell])
      }
      for target in merged.targetHits.indices { merged.targetHits[target].merge(block.targetHits[target]) }
    }
    return merged
  }
}

/// Per-thread scratch space for simulating blocks; reused across blocks to avoid allocation.
struct BlockWorkspace {
  let plan: SimulationPlan
  let capacity: Int
  /// Shocks, K × (H·n), column `t·n + j` holding path j's K shocks for year t.
  var shocks: Matrix
  var correlated: Matrix
  var pathNormals: [Double]

  init(plan: SimulationPlan, blockSize: Int) {
    self.plan = plan
    capacity = blockSize
    shocks = Matrix(rows: plan.seriesCount, columns: plan.horizon * blockSize)
    correlated = plan.correlationFactor == nil ? Matrix(rows: 0, columns: 0) : shocks
    pathNormals = Array(repeating: 0, count: plan.seriesCount * plan.horizon)
  }

  mutating func simulate(firstPath: Int, count n: Int) -> BlockSummary {
    let k = plan.seriesCount, h = plan.horizon
    // Draw each path's K·H normals from its own stream, year-major then series.
    for j in 0..<n {
      var stream = RandomStream(seed: plan.seed, stream: UInt64(firstPath + j))
      stream.fillNormals(&pathNormals, count: k * h)
      for t in 0..<h {
        for s in 0..<k { shocks[s, t * n + j] = pathNormals[t * k + s] }
      }
    }
    let useCorrelation = plan.correlationFactor != nil
    if let factor = plan.correlationFactor {
      // Only the first H·n columns are in use for a short final block.
      let used = h * n
      if used == shocks.columns {
        try! BLAS.gemm(.none, .none, alpha: 1, factor, shocks, beta: 0, &correlated)
      } else {
        let head = Matrix(rows: k, columns: used, columnMajor: Array(shocks.elements[0..<(k * used)]))
        var out = Matrix(rows: k, columns: used)
        try! BLAS.gemm(.none, .none, alpha: 1, factor, head, beta: 0, &out)
        for c in 0..<used { for s in 0..<k { correlated[s, c] = out[s, c] } }
      }
    }

    var summary = BlockSummary(
      values: Array(repeating: Array(repeating: 0, count: n), count: k * h),
      moments: Array(repeating: RunningMoments(), count: k * h),
      targetHits: Array(repeating: ProportionEstimate(), count: plan.targets.count))
    for s in 0..<k {
      for j in 0..<n {
        var level = plan.bases[s]
        for t in 0..<h {
          let w = useCorrelation ? correlated[s, t * n + j] : shocks[s, t * n + j]
          level *= plan.laws[s * h + t].factor(w)
          summary.values[s * h + t][j] = level
        }
      }
    }
    for cell in 0..<(k * h) { summary.moments[cell].add(contentsOf: summary.values[cell]) }
    for (index, target) in plan.targets.enumerated() {
      var hits = 0
      for j in 0..<n {
        var reached = false
        if target.anyYearUpTo {
          for t in 0...target.yearIndex where summary.values[target.series * h + t][j] >= target.threshold {
            reached = true
            break
          }
        } else {
          reached = summary.values[target.series * h + target.yearIndex][j] >= target.threshold
        }
        if reached { hits += 1 }
      }
      summary.targetHits[index] = ProportionEstimate(successes: hits, trials: n)
    }
    return summary
  }
}
