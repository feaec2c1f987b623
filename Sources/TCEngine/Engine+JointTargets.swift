import Foundation
import Synchronization
import TCScenario

/// Paths on which one target was met under both of two variants simulated with common random
/// numbers: what `compare` needs for the exact standard error of a probability change.
public struct JointTargetCount: Sendable, Equatable {
  public var target: String
  public var variantA: String
  public var variantB: String
  public var paths: Int
  public var bothMet: Int

  public init(target: String, variantA: String, variantB: String, paths: Int, bothMet: Int) {
    self.target = target
    self.variantA = variantA
    self.variantB = variantB
    self.paths = paths
    self.bothMet = bothMet
  }
}

extension Engine {
  /// Counts, for every pair of variants and every target name they share, the paths meeting
  /// the target under both.
  ///
  /// Path `i` draws the same random numbers in every variant with the same seed (streams are
  /// keyed by path index), so the variants are re-simulated block by block side by side and
  /// their per-path outcomes compared; memory stays one block per variant.
  ///
  /// - Parameters:
  ///   - variants: Named scenarios with the same seed and path count (fixed `paths`).
  /// - Throws: `ScenarioError` when the variants do not share seed and paths, or a scenario
  ///   fails to prepare.
  public static func jointTargetCounts(
    _ variants: [(name: String, scenario: Scenario)], options: SimulationOptions = SimulationOptions()
  ) throws(ScenarioError) -> [JointTargetCount] {
    guard let first = variants.first, variants.count >= 2 else { return [] }
    guard variants.allSatisfy({ $0.scenario.seed == first.scenario.seed && $0.scenario.paths == first.scenario.paths && $0.scenario.precision == nil }) else {
      throw ScenarioError(key: "paths", message: "joint target counts need every variant to have the same seed and a fixed, equal number of paths")
    }
    var built: [SimulationPlan] = []
    for variant in variants { built.append(try SimulationPlan(scenario: variant.scenario)) }
    let plans = built
    let paths = first.scenario.paths
    let blockSize = options.effectiveBlockSize
    // Pairs (a, b) and, per pair, (target index in a, target index in b) for shared names.
    var pairs: [(a: Int, b: Int, targets: [(Int, Int)])] = []
    for a in variants.indices {
      for b in variants.indices where b > a {
        let shared = variants[a].scenario.targets.enumerated().compactMap { i, target -> (Int, Int)? in
          variants[b].scenario.targets.firstIndex { $0.name == target.name }.map { (i, $0) }
        }
        pairs.append((a, b, shared))
      }
    }
    let blocks = (paths + blockSize - 1) / blockSize
    let threads = max(1, min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, blocks))
    let next = Atomic<Int>(0)
    let totals = Mutex(pairs.map { [Int](repeating: 0, count: $0.targets.count) })
    let pairList = pairs
    let work: @Sendable () -> Void = {
      let kernels = plans.map { plan -> BlockKernel in
        let placeholder = HistogramGrid(lower: 0, width: 1, bins: 1)
        let grids = EngineGrids(cells: Array(repeating: placeholder, count: plan.quantityCount * plan.horizon), shifts: [])
        return BlockKernel(plan: plan, grids: grids, blockSize: blockSize)
      }
      var local = pairList.map { [Int](repeating: 0, count: $0.targets.count) }
      while true {
        let block = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if block >= blocks { break }
        let start = block * blockSize, n = min(blockSize, paths - start)
        let records = kernels.map { $0.simulate(firstPath: start, count: n, record: true)!.success }
        for (p, pair) in pairList.enumerated() {
          for (t, (ta, tb)) in pair.targets.enumerated() {
            let x = records[pair.a][ta], y = records[pair.b][tb]
            var count = 0
            for j in 0..<n where x[j] > 0.5 && y[j] > 0.5 { count += 1 }
            local[p][t] += count
          }
        }
      }
      totals.withLock { total in
        for p in total.indices { for t in total[p].indices { total[p][t] += local[p][t] } }
      }
    }
    onThreads(threads, work)
    let counts = totals.withLock { $0 }
    var result: [JointTargetCount] = []
    for (p, pair) in pairs.enumerated() {
      for (t, (ta, _)) in pair.targets.enumerated() {
        result.append(JointTargetCount(
          target: variants[pair.a].scenario.targets[ta].name, variantA: variants[pair.a].name, variantB: variants[pair.b].name,
          paths: paths, bothMet: counts[p][t]))
      }
    }
    return result
  }
}
