import Foundation
import TCScenario

/// What a run will need, estimated from the plan before anything is simulated.
public struct ResourceEstimate: Sendable, Equatable {
  /// Peak memory of the simulation, in bytes (histograms of every thread, their merged total,
  /// the pilot's samples and the sensitivity analysis's path records).
  public var bytes: Int
  /// Path-years simulated: paths × series × simulated years (the main run's work).
  public var pathYears: Double
  /// The part of `bytes` that grows with series × years × histogram bins, per thread.
  public var histogramBytesPerThread: Int
  /// The part of `bytes` held by the sensitivity analysis.
  public var sensitivityBytes: Int

  /// "1.2 GB" style.
  public static func describe(bytes: Int) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(bytes), unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
  }
}

extension Engine {
  /// Checks everything about a scenario that only the engine knows (the correlation matrix
  /// factors or is repaired, models fit their histories) without simulating.
  public static func checkPlan(_ scenario: Scenario) throws(ScenarioError) {
    _ = try SimulationPlan(scenario: scenario)
  }

  /// Memory and work of simulating `scenario` on `threads` threads (what `run` will allocate).
  /// Counts are in saturating arithmetic, so absurd plans give huge numbers, not traps.
  public static func estimate(_ scenario: Scenario, threads: Int, options: SimulationOptions = SimulationOptions()) -> ResourceEstimate {
    func times(_ values: Int...) -> Int {
      values.reduce(1) { product, value in
        let (result, overflow) = product.multipliedReportingOverflow(by: max(0, value))
        return overflow ? Int.max : result
      }
    }
    func plus(_ values: Int...) -> Int {
      values.reduce(0) { sum, value in
        let (result, overflow) = sum.addingReportingOverflow(value)
        return overflow ? Int.max : result
      }
    }
    let k = scenario.series.count, h = scenario.horizon, a = scenario.aggregates.count
    let targets = scenario.targets.count, events = scenario.events.count
    let cells = times(k + a, h)
    let stride = HistogramGrid.defaultBins + 2
    let b = options.effectiveBlockSize
    // Per thread: 16-bit local counts and the 64-bit state for cells and required shifts, the
    // block's shock matrix (twice when the factor is not triangular), aggregate and event rows.
    let histograms = plus(times(cells, stride, 10), times(targets, stride, 10))
    let buffers = times(plus(times(h, b, k, 2), times(a, h, b), times(k, h, b)), 8)
    let perThread = plus(histograms, buffers)
    // The run's merged total and the summary's copy of it; the pilot keeps its samples.
    let pilot = times(cells, min(scenario.precision?.maxPaths ?? scenario.paths, pilotPaths), 8)
    // Sensitivity keeps, for each random input, two runs' path records besides the base run's.
    let m = min(scenario.sensitivityPaths, scenario.precision?.maxPaths ?? scenario.paths)
    let inputs = k + events
    let sensitivity = targets == 0 || m < 8 ? 0 : times(plus(times(2, inputs), 1), m, plus(k, events, times(2, targets)), 8)
    let bytes = plus(times(perThread, max(1, threads)), times(histograms, 2), pilot, sensitivity)
    let paths = Double(scenario.precision?.maxPaths ?? scenario.paths)
    return ResourceEstimate(
      bytes: bytes, pathYears: paths * Double(k) * Double(h), histogramBytesPerThread: histograms, sensitivityBytes: sensitivity)
  }
}
