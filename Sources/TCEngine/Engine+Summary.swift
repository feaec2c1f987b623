import Foundation
import TCScenario
import TCStatistics

extension Engine {
  /// Turns a merged state into the reported numbers. Deterministic: it reads only integer
  /// counts, exact minima and maxima, and fixed-point sums.
  static func summarize(_ part: PartialRun, scenario: Scenario, options: SimulationOptions, seconds: Double) -> SimulationResult {
    // The plan was built when the part ran; rebuilding it cannot fail for the same scenario.
    let plan = try! SimulationPlan(scenario: scenario)
    let state = part.state
    let h = plan.horizon
    let stride = state.bins + 2
    var levels: [LevelSummary] = []
    var worstRankError = 0.0
    let ids = scenario.series.map(\.id) + scenario.aggregates.map(\.id)
    for q in 0..<plan.quantityCount {
      if q >= plan.seriesCount && !plan.aggregateForecast[q - plan.seriesCount] { continue }
      for t in 0..<h {
        let cell = q * h + t
        let grid = part.grids.cells[cell]
        let counts = Array(state.cellCounts[(cell * stride)..<((cell + 1) * stride)])
        let sketch = HistogramQuantiles(grid: grid, counts: counts, minimum: state.cellMinimum[cell], maximum: state.cellMaximum[cell])
        var quantiles: [Double] = []
        for p in options.quantileLevels {
          let (value, bound) = sketch.quantile(p)
          quantiles.append(exp(value))
          worstRankError = max(worstRankError, bound)
        }
        levels.append(LevelSummary(
          series: ids[q], year: scenario.baseYear + 1 + t,
          moments: moments(counts: counts, grid: grid, state: state, cell: cell), quantiles: quantiles))
      }
    }

    var targets: [TargetResult] = []
    for (index, target) in scenario.targets.enumerated() {
      let planned = plan.targets[index]
      let estimate = targetEstimate(state, plan: plan, index: index)
      let n = Double(state.paths)
      var reachedBy: [Double] = []
      var cumulative: UInt64 = 0
      var median: Int?
      for t in 0..<h {
        cumulative += state.firstYear[index * (h + 1) + t]
        let share = Double(cumulative) / n
        reachedBy.append(share)
        if median == nil && share >= 0.5 { median = scenario.baseYear + 1 + t }
      }
      let shiftSketch = HistogramQuantiles(
        grid: part.grids.shifts[index], counts: Array(state.shiftCounts[(index * stride)..<((index + 1) * stride)]),
        minimum: state.shiftMinimum[index], maximum: state.shiftMaximum[index])
      let shifts = scenario.requiredProbabilities.map { p in
        let z = 1.959963984540054
        let s = (p * (1 - p) / n).squareRoot()
        let low = shiftSketch.quantile(max(0, p - z * s)).value
        let high = shiftSketch.quantile(min(1, p + z * s)).value
        let shift = shiftSketch.quantile(p).value, error = (high - low) / (2 * z)
        // No finite shift reaches p when too many paths can never meet the target (levels held
        // at the floor by a growth factor ≤ 0): the shift, or its error, does not exist (NaN,
        // written as an empty cell).
        guard planned.hasShift else { return RequiredShift(probability: p, logShift: .nan, standardError: .nan) }
        return RequiredShift(probability: p, logShift: shift.isFinite ? shift : .nan, standardError: error.isFinite ? error : .nan)
      }
      var memberCounts: [[Double]] = []
      if planned.isComposite {
        let width = planned.members.count + 1, offset = plan.memberCountOffsets[index]
        memberCounts = (0...h).map { t in
          (0..<width).map { c in Double(state.memberCounts[offset + t * width + c]) / n }
        }
      }
      targets.append(TargetResult(
        target: target, estimate: ProportionEstimate(successes: estimate.successes, trials: state.paths),
        probability: estimate.probability, standardError: estimate.standardError, interval: estimate.interval,
        requiredCAGR: requiredCAGR(target, planned: planned, scenario: scenario),
        reachedBy: reachedBy, medianYear: median, notReached: Double(state.firstYear[index * (h + 1) + h]) / n,
        requiredShifts: shifts, memberCounts: memberCounts))
    }
    return SimulationResult(
      scenario: scenario, paths: state.paths, threads: part.threads, blockSize: part.blockSize,
      quantileLevels: options.quantileLevels, levels: levels, targets: targets, sensitivity: part.sensitivity,
      maxRankErrorBound: worstRankError, warnings: part.warnings, seconds: seconds)
  }

  /// Mean and spread of the level from bin centres, plus the exact values outside the grid.
  static func moments(counts: [UInt64], grid: HistogramGrid, state: SimulationState, cell: Int) -> RunningMoments {
    var n: UInt64 = 0
    var sum = 0.0
    let centre = exp(grid.centre(grid.bins / 2 + 1))
    var squares = 0.0
    for i in 1...grid.bins where counts[i] > 0 {
      let level = exp(grid.centre(i))
      let c = Double(counts[i])
      sum += c * level
      squares += c * (level - centre) * (level - centre)
      n += counts[i]
    }
    n += counts[0] + counts[grid.bins + 1]
    let top = exp(grid.upper)
    sum += FixedPointScale(upperLevel: top, squared: false).decode(state.outsideSum[cell])
    squares += FixedPointScale(upperLevel: top, squared: true).decode(state.outsideSumOfSquares[cell])
    guard n > 0 else { return RunningMoments() }
    let mean = sum / Double(n)
    let centred = max(0, squares - Double(n) * (mean - centre) * (mean - centre))
    return RunningMoments(
      count: Int(n), mean: mean, sumOfSquaredDeviations: centred,
      min: exp(state.cellMinimum[cell]), max: exp(state.cellMaximum[cell]))
  }

  /// The constant annual growth that reaches the target exactly in its year.
  static func requiredCAGR(_ target: TargetSpec, planned: SimulationPlan.PlannedTarget, scenario: Scenario) -> Double {
    guard target.composite == nil else { return .nan }
    switch target.measure {
    case .level:
      let base = target.baseLevel(in: scenario)!
      return pow(target.threshold / base, 1 / Double(target.year - scenario.baseYear)) - 1
    case .ratio(let from):
      return pow(target.threshold, 1 / Double(target.year - from)) - 1
    case .cagr, .yearOnYear:
      return target.threshold
    }
  }
}

extension Engine {
  /// Summary of one shard on its own (its paths only), for a progress line.
  public static func summarizePart(_ part: PartialRun, scenario: Scenario, options: SimulationOptions = SimulationOptions()) -> SimulationResult {
    summarize(part, scenario: scenario, options: options, seconds: 0)
  }
}
