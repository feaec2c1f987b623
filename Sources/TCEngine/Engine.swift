import Dispatch
import Foundation
import Synchronization
import TCLinearAlgebra
import TCRandom
import TCScenario
import TCStatistics

/// The Monte Carlo engine: simulates every series' future levels path by path and summarizes them.
///
/// Determinism: path `i` draws its shocks from `RandomStream(seed: scenario.seed, stream: i)`;
/// paths are cut into blocks of `blockSize`; each block is summarized on its own and the block
/// summaries are merged in block order. So the same scenario and seed give bit-identical results
/// for any thread count.
public enum Engine {
  /// Simulates `scenario` and summarizes levels and targets.
  ///
  /// - Throws: `ScenarioError` for problems in the scenario found only now (for example a
  ///   correlation matrix that is not positive semidefinite).
  public static func run(_ scenario: Scenario, options: SimulationOptions = SimulationOptions()) throws(ScenarioError) -> SimulationResult {
    try scenario.validate()
    let clock = ContinuousClock()
    let started = clock.now
    let plan = try SimulationPlan(scenario: scenario)
    let storedValues = scenario.paths.multipliedReportingOverflow(by: plan.seriesCount * plan.horizon)
    guard !storedValues.overflow, storedValues.partialValue <= options.exactQuantileBudget else {
      throw ScenarioError(
        file: scenario.sourceFile, key: "paths",
        message: "\(scenario.paths) paths × \(plan.seriesCount) series × \(plan.horizon) years exceed the exact-quantile budget of \(options.exactQuantileBudget) stored values; use fewer paths")
    }

    BLAS.useSingleThread()
    let blockSize = max(1, options.blockSize)
    let blockCount = (scenario.paths + blockSize - 1) / blockSize
    let threads = max(1, min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, blockCount))

    let results = Mutex<[BlockSummary?]>(Array(repeating: nil, count: blockCount))
    let nextBlock = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      var workspace = BlockWorkspace(plan: plan, blockSize: blockSize)
      while true {
        let block = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
        if block >= blockCount { break }
        let first = block * blockSize
        let count = min(blockSize, scenario.paths - first)
        let summary = workspace.simulate(firstPath: first, count: count)
        results.withLock { $0[block] = summary }
      }
    }

    let blocks = results.withLock { $0 }.map { $0! }
    let merged = BlockSummary.merge(blocks, plan: plan)
    let result = summarize(merged, scenario: scenario, plan: plan, options: options, threads: threads,
                           seconds: (clock.now - started).seconds)
    return result
  }

  static func summarize(
    _ merged: BlockSummary, scenario: Scenario, plan: SimulationPlan, options: SimulationOptions,
    threads: Int, seconds: Double
  ) -> SimulationResult {
    var levels: [LevelSummary] = []
    levels.reserveCapacity(plan.seriesCount * plan.horizon)
    for k in 0..<plan.seriesCount {
      for t in 0..<plan.horizon {
        let cell = k * plan.horizon + t
        var values = merged.values[cell]
        values.sort()
        let quantiles = options.quantileLevels.map { Quantile.sorted(values, $0) }
        levels.append(LevelSummary(
          series: scenario.series[k].id, year: scenario.baseYear + 1 + t,
          moments: merged.moments[cell], quantiles: quantiles))
      }
    }
    let targets = scenario.targets.enumerated().map { index, target in
      let base = scenario.series[scenario.seriesIndex(of: target.series)!].base
      let years = Double(target.year - scenario.baseYear)
      return TargetResult(
        target: target, estimate: merged.targetHits[index],
        requiredCAGR: pow(target.threshold / base, 1 / years) - 1)
    }
    return SimulationResult(
      scenario: scenario, paths: scenario.paths, threads: threads, blockSize: options.blockSize,
      quantileLevels: options.quantileLevels, levels: levels, targets: targets, seconds: seconds)
  }
}

extension Duration {
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
