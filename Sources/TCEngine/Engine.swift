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
  public static func runPart(_ scenario: Scenario, shard: Int, of count: Int, options: SimulationOptions = SimulationOptions()) throws(ScenarioError) -> PartialRun {
    try scenario.validate()
    if let precision = scenario.precision, count > 1 {
      _ = precision
      throw ScenarioError(file: scenario.sourceFile, key: "paths", message: "'paths: auto' cannot be sharded (the stopping rule needs every path); give a number of paths")
    }
    let prepared = try prepare(scenario, options: options)
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
      shard: shard, shardCount: count, pathsRequested: pathsRun, grids: prepared.grids, state: state,
      sensitivity: prepared.sensitivity, warnings: prepared.plan.warnings, threads: threads, blockSize: blockSize)
  }

  /// Combines the shards of one run into the result one run would have given.
  ///
  /// - Throws: `ScenarioError` (key `shards`) when the shards are not `1…n` of the same run.
  public static func merge(_ parts: [PartialRun], scenario: Scenario, options: SimulationOptions = SimulationOptions()) throws(ScenarioError) -> SimulationResult {
    let clock = ContinuousClock()
    let started = clock.now
    guard let firstPart = parts.first else {
      throw ScenarioError(key: "shards", message: "expected at least one shard to merge")
    }
    let n = firstPart.shardCount
    let indices = parts.map(\.shard).sorted()
    guard indices == Array(1...n), parts.allSatisfy({ $0.shardCount == n }) else {
      throw ScenarioError(key: "shards", message: "expected shards 1…\(n) of one run exactly once each, found \(indices.map(String.init).joined(separator: ", "))")
    }
    guard parts.allSatisfy({ $0.grids == firstPart.grids && $0.pathsRequested == firstPart.pathsRequested }) else {
      throw ScenarioError(key: "shards", message: "the shards come from different scenarios, seeds or path counts")
    }
    var merged = firstPart
    merged.state = emptyState(firstPart)
    for part in parts.sorted(by: { $0.shard < $1.shard }) { merged.state.merge(part.state) }
    merged.shard = 1
    merged.shardCount = 1
    merged.threads = parts.map(\.threads).max() ?? 1
    return summarize(merged, scenario: scenario, options: options, seconds: (clock.now - started).seconds)
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
      targets: prepared.plan.targets.count, horizon: prepared.plan.horizon)
  }

  static func emptyState(_ part: PartialRun) -> SimulationState {
    SimulationState(cells: part.state.cells, bins: part.state.bins, targets: part.state.targetCount, horizon: part.state.horizon)
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

  /// Grids from the first paths of the run: the same paths, hence the same grids, in every
  /// shard and for every thread count. Simulated in blocks of `blockSize` like the run itself
  /// (one block of all pilot paths would not fit the cache); each path's numbers depend only on
  /// its index, so the blocking does not change them.
  static func pilotGrids(_ plan: SimulationPlan, paths: Int, blockSize: Int = SimulationOptions().effectiveBlockSize) -> EngineGrids {
    let h = plan.horizon, k = plan.seriesCount
    let cells = plan.quantityCount * h
    let placeholder = HistogramGrid(lower: 0, width: 1, bins: 1)
    let size = max(2, min(blockSize, paths + paths % 2))
    let kernel = BlockKernel(
      plan: plan, grids: EngineGrids(cells: Array(repeating: placeholder, count: cells), shifts: Array(repeating: placeholder, count: plan.targets.count)),
      blockSize: size)
    kernel.pilotShifts = plan.requiredShifts ? [] : nil
    var samples = Array(repeating: [Double](), count: cells)
    for cell in 0..<cells { samples[cell].reserveCapacity(paths) }
    var first = 0
    while first < paths {
      let n = min(size, paths - first)
      kernel.simulate(firstPath: first, count: n)
      kernel.z.withColumnMajorElements { z in
        for q in 0..<k {
          for t in 0..<h { samples[q * h + t].append(contentsOf: z[(q * h + t) * size ..< (q * h + t) * size + n]) }
        }
      }
      for q in k..<plan.quantityCount {
        for t in 0..<h {
          let o = (q - k) * h * size + t * size
          samples[q * h + t].append(contentsOf: kernel.aggregate[o ..< o + n])
        }
      }
      first += n
    }
    let grids = samples.map { HistogramGrid(covering: $0) }
    // The pilot's shifts come block by block, target by target: gather each target's.
    let targets = plan.targets.count
    let shifts = kernel.pilotShifts.map { blocks in
      (0..<targets).map { index in HistogramGrid(covering: stride(from: index, to: blocks.count, by: targets).flatMap { blocks[$0] }) }
    } ?? Array(repeating: placeholder, count: targets)
    return EngineGrids(cells: grids, shifts: shifts)
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

/// Shared between the worker threads of one `simulate` call.
final class WorkQueue: Sendable {
  let next: Atomic<Int>
  /// Paths finished, for progress reports.
  let done = Atomic<Int>(0)
  init(start: Int) { next = Atomic(start) }
}

/// The worker threads' kernels of one run, kept between `simulate` calls (the rounds of
/// `paths: auto`) so that each round reuses their histograms instead of allocating and zeroing
/// new ones. A kernel is used by one thread at a time: taken out under the lock, put back after.
final class KernelPool: Sendable {
  private let kernels = Mutex<[BlockKernel]>([])

  func take() -> BlockKernel? { kernels.withLock { $0.popLast() } }
  func put(_ kernel: BlockKernel) { kernels.withLock { $0.append(kernel) } }

  /// Everything the kernels have added up (flushes them first). States merge by integer
  /// addition, so the order of the kernels does not matter.
  func total(_ prepared: Engine.Prepared) -> SimulationState {
    var total = Engine.emptyState(prepared)
    kernels.withLock { list in
      for kernel in list {
        kernel.flush()
        total.merge(kernel.state)
      }
    }
    return total
  }

  /// Only the target counts of ``total(_:)`` (what the stopping rule reads), without the
  /// level histograms.
  func targetCounts(_ prepared: Engine.Prepared) -> SimulationState {
    var total = SimulationState(cells: 0, bins: 0, targets: prepared.plan.targets.count, horizon: prepared.plan.horizon)
    kernels.withLock { list in
      for kernel in list { total.mergeTargetCounts(kernel.state) }
    }
    return total
  }
}

/// One shard's contribution to a run (or a whole run): exactly mergeable state plus what is
/// needed to summarize it. Written by `targetcast run --shard i/n`, read by `targetcast merge`.
public struct PartialRun: Sendable, Codable, Equatable {
  /// Format version of the encoded file.
  public var format = 2
  public var shard: Int
  public var shardCount: Int
  public var pathsRequested: Int
  var grids: EngineGrids
  var state: SimulationState
  var sensitivity: [SensitivityEntry]
  public var warnings: [String]
  public var threads: Int
  public var blockSize: Int

  /// Paths this part simulated.
  public var paths: Int { state.paths }

  /// JSON encoding (sorted keys, so equal parts give equal bytes).
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }

  public static func decode(_ data: Data) throws -> PartialRun {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(PartialRun.self, from: data)
  }
}

extension Duration {
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
