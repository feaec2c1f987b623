import Dispatch
import Foundation
import Synchronization
import TCLinearAlgebra
import TCRandom
import TCScenario
import TCStatistics

/// The Monte Carlo engine: simulates every series' future levels path by path and summarizes them.
///
/// Determinism: path `i` draws its growth shocks from `RandomStream(seed: scenario.seed, stream: i)`
/// (events and drivers from streams keyed by their name and `i`). Paths run in blocks on every
/// core, and each block adds integer counts (histograms, hits, first years) and fixed-point sums
/// to a thread-local state; states merge by addition. So results are bit-identical for any
/// thread count, block schedule or shard layout, and memory does not grow with the path count.
///
/// Quantiles come from fixed log-level histograms (8192 bins per series and year) whose grids are
/// set before the run from a pilot of the first 4096 paths (the same paths in every shard).
public enum Engine {
  /// Paths in the pilot that fixes histogram grids.
  static let pilotPaths = 4096

  /// Simulates `scenario` and summarizes levels, targets, required growth and sensitivity.
  ///
  /// - Throws: `ScenarioError` for problems in the scenario found only now (for example a
  ///   correlation matrix that is not positive semidefinite).
  public static func run(_ scenario: Scenario, options: SimulationOptions = SimulationOptions()) throws(ScenarioError) -> SimulationResult {
    let clock = ContinuousClock()
    let started = clock.now
    let partial = try runPart(scenario, shard: 1, of: 1, options: options)
    return summarize(partial, scenario: scenario, options: options, seconds: (clock.now - started).seconds)
  }

  /// Simulates shard `shard` (1-based) of `count`: the contiguous range of path blocks it owns.
  /// Shards of one scenario merge with ``merge(_:scenario:options:)`` into exactly the result of
  /// one run.
  ///
  /// With `prepared` (from ``prepareRun(_:options:)``, usually read from a plan file) the pilot
  /// and sensitivity analysis are not recomputed: a shard only simulates its paths.
  public static func runPart(
    _ scenario: Scenario, prepared ready: PreparedRun? = nil, shard: Int, of count: Int, options: SimulationOptions = SimulationOptions()
  ) throws(ScenarioError) -> PartialRun {
    try scenario.validate()
    if let precision = scenario.precision, count > 1 {
      _ = precision
      throw ScenarioError(file: scenario.sourceFile, key: "paths", message: "'paths: auto' cannot be sharded (the stopping rule needs every path); give a number of paths")
    }
    let prepared: Prepared
    if let ready {
      BLAS.useSingleThread()
      prepared = Prepared(
        plan: try SimulationPlan(scenario: scenario), grids: ready.grids, blockSize: ready.blockSize, sensitivity: ready.sensitivity,
        progress: options.progress)
    } else {
      prepared = try prepare(scenario, options: options)
    }
    let blockSize = prepared.blockSize
    let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
    var state: SimulationState
    var pathsRun: Int
    if let precision = scenario.precision {
      // Rounds of growing size; after each, stop once every target's standard error is small
      // enough. Round sizes depend only on the scenario, so the stop is deterministic. The
      // threads' kernels carry over from round to round (no fresh histograms per round); only
      // the target counts are summed for the stopping rule.
      let pool = KernelPool()
      pathsRun = 0
      var roundEnd = min(precision.maxPaths, 16_384)
      while true {
        let firstBlock = pathsRun / blockSize
        let lastBlock = (roundEnd + blockSize - 1) / blockSize
        simulate(prepared, blocks: firstBlock..<lastBlock, paths: roundEnd, threads: threads, into: pool)
        pathsRun = roundEnd
        let worst = targetErrors(pool.targetCounts(prepared), plan: prepared.plan).max() ?? 0
        if worst <= precision.standardError || pathsRun >= precision.maxPaths { break }
        // Steps of 16 384 paths up to 2^17, of 65 536 up to 2^20, then doubling: fine enough not
        // to overshoot much (variance reduction often stops within the first rounds).
        let step = roundEnd < 1 << 17 ? 16_384 : roundEnd < 1 << 20 ? 65_536 : roundEnd
        roundEnd = min(precision.maxPaths, roundEnd + step)
      }
      state = pool.total(prepared)
    } else {
      let blocks = (scenario.paths + blockSize - 1) / blockSize
      let range = (blocks * (shard - 1) / count)..<(blocks * shard / count)
      let pool = KernelPool()
      simulate(prepared, blocks: range, paths: scenario.paths, threads: threads, into: pool)
      state = pool.total(prepared)
      pathsRun = scenario.paths
    }
    return PartialRun(
      shards: ShardCoverage(shard), shardCount: count, pathsRequested: pathsRun, grids: prepared.grids, state: state,
      sensitivity: prepared.sensitivity, warnings: prepared.plan.warnings, threads: threads, blockSize: blockSize)
  }

  /// Combines the shards of one run into the result one run would have given.
  ///
  /// - Throws: `ScenarioError` (key `shards`) when the shards are not `1…n` of the same run.
  public static func merge(_ parts: [PartialRun], scenario: Scenario, options: SimulationOptions = SimulationOptions()) throws(ScenarioError) -> SimulationResult {
    let clock = ContinuousClock()
    let started = clock.now
    var merger = PartialRunMerger()
    for part in parts { try merger.add(part) }
    return try merger.result(scenario: scenario, options: options, seconds: (clock.now - started).seconds)
  }

  // MARK: Preparation

  struct Prepared {
    let plan: SimulationPlan
    let grids: EngineGrids
    let blockSize: Int
    let sensitivity: [SensitivityEntry]
    var progress: (@Sendable (Int, Int) -> Void)? = nil
  }

  static func emptyState(_ prepared: Prepared) -> SimulationState {
    SimulationState(
      cells: prepared.grids.cells.count, bins: prepared.grids.cells.first?.bins ?? HistogramGrid.defaultBins,
      targets: prepared.plan.targets.count, horizon: prepared.plan.horizon,
      memberCounts: prepared.plan.memberCountSize)
  }

  static func prepare(_ scenario: Scenario, options: SimulationOptions) throws(ScenarioError) -> Prepared {
    let plan = try SimulationPlan(scenario: scenario)
    BLAS.useSingleThread()
    let blockSize = options.effectiveBlockSize
    let grids = pilotGrids(plan, paths: min(scenario.precision?.maxPaths ?? scenario.paths, pilotPaths), blockSize: blockSize)
    let prepared = Prepared(plan: plan, grids: grids, blockSize: blockSize, sensitivity: [])
    let sensitivity = Sensitivity.analyze(prepared, scenario: scenario)
    return Prepared(plan: plan, grids: grids, blockSize: blockSize, sensitivity: sensitivity, progress: options.progress)
  }

  // MARK: Simulation

  /// Simulates blocks `blocks` of a run of `paths` paths on `threads` threads, each thread adding
  /// to a kernel it takes from `pool` (or creates) and returns there.
  static func simulate(_ prepared: Prepared, blocks: Range<Int>, paths: Int, threads requested: Int, into pool: KernelPool) {
    let blockSize = prepared.blockSize
    let threads = max(1, min(requested, blocks.count))
    let shared = WorkQueue(start: blocks.lowerBound)
    let toDo = max(0, min(blocks.upperBound * blockSize, paths) - blocks.lowerBound * blockSize)
    let work: @Sendable () -> Void = {
      let kernel = pool.take() ?? BlockKernel(plan: prepared.plan, grids: prepared.grids, blockSize: blockSize)
      while true {
        let block = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
        if block >= blocks.upperBound { break }
        let first = block * blockSize
        kernel.simulate(firstPath: first, count: min(blockSize, paths - first))
        if let progress = prepared.progress {
          progress(shared.done.wrappingAdd(min(blockSize, paths - first), ordering: .relaxed).newValue, toDo)
        }
      }
      pool.put(kernel)
    }
    onThreads(threads, work)
  }

  /// Runs `work` once on each of `threads` threads (the caller's included) and waits for all.
  /// Dedicated threads: GCD's concurrentPerform sometimes ran every iteration on the calling
  /// thread here (short repeated calls in `paths: auto` rounds).
  static func onThreads(_ threads: Int, _ work: @escaping @Sendable () -> Void) {
    let group = DispatchGroup()
    for _ in 1..<max(1, threads) {
      group.enter()
      let thread = Thread {
        work()
        group.leave()
      }
      thread.stackSize = 1 << 22
      thread.start()
    }
    work()
    group.wait()
  }

  /// Standard error of each target probability, by each target's estimator.
  static func targetErrors(_ state: SimulationState, plan: SimulationPlan) -> [Double] {
    (0..<plan.targets.count).map { targetEstimate(state, plan: plan, index: $0).standardError }
  }

  /// Target `index`'s count, probability, standard error and interval, by its estimator.
  static func targetEstimate(_ state: SimulationState, plan: SimulationPlan, index: Int) -> TargetEstimate {
    let successes = TargetEstimator.successes(state, plan: plan, target: index)
    return TargetEstimator(plan: plan, target: index).method.estimate(state, target: index, successes: successes)
  }
}

extension Duration {
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
