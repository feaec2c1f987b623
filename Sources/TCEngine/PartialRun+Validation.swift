import Foundation
import TCScenario

extension PartialRun {
  /// Most shards a run may be split into.
  public static let maximumShards = 1_000_000
  /// The `format` this build writes and reads (3: `shards` is a coverage, for partial merges).
  static let currentFormat = 3

  /// Checks a part read from an untrusted file against the plan it claims to come from: every
  /// count, size and range that merging and summarizing rely on, before anything is allocated or
  /// indexed from it.
  ///
  /// - Throws: `ScenarioError` with `file` and the offending field as `key`.
  public func check(against scenario: Scenario, file: String) throws(ScenarioError) {
    func fail(_ key: String, _ message: String) -> ScenarioError {
      ScenarioError(file: file, key: "part." + key, message: message + " (the shard file was changed or damaged)")
    }
    let plan = try SimulationPlan(scenario: scenario)
    let h = plan.horizon, targets = plan.targets.count
    let cells = plan.quantityCount * h
    guard format == PartialRun.currentFormat else { throw fail("format", "expected format \(PartialRun.currentFormat), found \(format)") }
    guard (1...PartialRun.maximumShards).contains(shardCount) else {
      throw fail("shardCount", "expected 1 to \(PartialRun.maximumShards) shards, found \(shardCount)")
    }
    guard !shards.ranges.isEmpty, shards.isCanonical, shards.ranges.allSatisfy({ $0.lowerBound >= 1 && $0.upperBound <= shardCount }) else {
      throw fail("shards", "expected ascending, separate ranges of shards from 1 to \(shardCount), found \(shards)")
    }
    guard (1...4096).contains(threads) else { throw fail("threads", "expected 1 to 4096 threads, found \(threads)") }
    guard (2...SimulationOptions.maximumBlockSize).contains(blockSize), blockSize % 2 == 0 else {
      throw fail("blockSize", "expected an even block size from 2 to \(SimulationOptions.maximumBlockSize), found \(blockSize)")
    }
    let expectedPaths = scenario.precision?.maxPaths ?? scenario.paths
    guard scenario.precision == nil ? pathsRequested == expectedPaths : (1...expectedPaths).contains(pathsRequested) else {
      throw fail("pathsRequested", "expected \(expectedPaths) paths as the plan says, found \(pathsRequested)")
    }
    guard scenario.precision == nil || shardCount == 1 else { throw fail("shardCount", "'paths: auto' runs are never sharded") }
    // Shards lo…hi own the contiguous blocks from shard lo's first to shard hi's last.
    let blocks = (pathsRequested + blockSize - 1) / blockSize
    let ownPaths = shards.ranges.reduce(0) { total, range in
      let first = blocks * (range.lowerBound - 1) / shardCount, end = blocks * range.upperBound / shardCount
      return total + min(end * blockSize, pathsRequested) - min(first * blockSize, pathsRequested)
    }
    guard state.paths == ownPaths else { throw fail("state.paths", "expected \(ownPaths) paths in shards \(shards) of \(shardCount), found \(state.paths)") }
    guard state.cells == cells, state.targetCount == targets, state.horizon == h else {
      throw fail("state", "expected \(cells) cells, \(targets) targets and \(h) years as the plan says, found \(state.cells), \(state.targetCount) and \(state.horizon)")
    }
    guard (1...HistogramGrid.maximumBins).contains(state.bins) else {
      throw fail("state.bins", "expected 1 to \(HistogramGrid.maximumBins) bins, found \(state.bins)")
    }
    if let problem = grids.problem(plan: plan, bins: state.bins) { throw fail(problem.key, problem.message) }
    let stride = state.bins + 2
    let sizes: [(String, Int, Int)] = [
      ("cellCounts", state.cellCounts.count, cells * stride), ("cellMinimum", state.cellMinimum.count, cells),
      ("cellMaximum", state.cellMaximum.count, cells), ("outsideSum", state.outsideSum.count, cells),
      ("outsideSumOfSquares", state.outsideSumOfSquares.count, cells), ("inYearHits", state.inYearHits.count, targets),
      ("firstYear", state.firstYear.count, targets * (h + 1)), ("pairOutcomes", state.pairOutcomes.count, targets * 3),
      ("conditionalSum", state.conditionalSum.count, targets), ("conditionalSumOfSquares", state.conditionalSumOfSquares.count, targets),
      ("controlHits", state.controlHits.count, targets), ("controlJointHits", state.controlJointHits.count, targets),
      ("shiftCounts", state.shiftCounts.count, targets * stride), ("shiftMinimum", state.shiftMinimum.count, targets),
      ("shiftMaximum", state.shiftMaximum.count, targets), ("memberCounts", state.memberCounts.count, plan.memberCountSize),
    ]
    for (name, found, expected) in sizes where found != expected {
      throw fail("state.\(name)", "expected \(expected) entries, found \(found)")
    }
    let paths = UInt64(state.paths)
    // Each path lands in exactly one bin of every binned cell (none of an unbinned one), and in at
    // most one bin of every target's shift histogram.
    for cell in 0..<cells {
      let total = PartialRun.sum(state.cellCounts[(cell * stride)..<((cell + 1) * stride)], cap: paths)
      guard total == 0 || total == paths else { throw fail("state.cellCounts", "cell \(cell) counts \(total) paths, not \(paths)") }
      guard !state.cellMinimum[cell].isNaN, !state.cellMaximum[cell].isNaN else { throw fail("state.cellMinimum", "cell \(cell) has a NaN extreme") }
    }
    for target in 0..<targets {
      guard PartialRun.sum(state.shiftCounts[(target * stride)..<((target + 1) * stride)], cap: paths) <= paths,
        state.inYearHits[target] <= paths, state.controlHits[target] <= paths, state.controlJointHits[target] <= state.controlHits[target],
        PartialRun.sum(state.firstYear[(target * (h + 1))..<((target + 1) * (h + 1))], cap: paths) <= paths,
        PartialRun.sum(state.pairOutcomes[(target * 3)..<(target * 3 + 3)], cap: paths) <= paths
      else {
        throw fail("state", "target \(target + 1) counts more successes than the shard's \(paths) paths")
      }
      guard !state.shiftMinimum[target].isNaN, !state.shiftMaximum[target].isNaN else { throw fail("state.shiftMinimum", "target \(target + 1) has a NaN extreme") }
    }
    // Every path is in exactly one entry of each row of a k-of-n target's member-count table.
    for (index, target) in plan.targets.enumerated() where target.isComposite {
      let width = target.members.count + 1
      for row in 0...h {
        let start = plan.memberCountOffsets[index] + row * width
        guard PartialRun.sum(state.memberCounts[start..<(start + width)], cap: paths) == paths else {
          throw fail("state.memberCounts", "target \(index + 1) row \(row) does not count the shard's \(paths) paths")
        }
      }
    }
    guard warnings.count <= 10_000, sensitivity.count <= 1_000_000 else {
      throw fail("warnings", "expected at most 10 000 warnings and 1 000 000 sensitivity entries")
    }
  }

  /// Σ counts, stopping once it passes `cap` (so it cannot overflow).
  static func sum(_ counts: ArraySlice<UInt64>, cap: UInt64) -> UInt64 {
    var total: UInt64 = 0
    for count in counts {
      guard count <= cap, total <= cap else { return .max }
      total += count
    }
    return total
  }
}

extension HistogramGrid {
  /// Most regular bins a grid read from a file may have.
  static let maximumBins = 1 << 20

  /// Finite edges, positive finite width, 1…``maximumBins`` bins.
  var isUsable: Bool {
    lower.isFinite && width.isFinite && width > 0 && upper.isFinite && (1...HistogramGrid.maximumBins).contains(bins)
  }

  /// The one-bin grid given to cells that are never binned.
  var isPlaceholder: Bool { lower == 0 && width == 1 && bins == 1 }
}
