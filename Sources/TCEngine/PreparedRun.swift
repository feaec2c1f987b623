import Foundation
import TCScenario

/// What a run computes before it simulates, the same in every shard: the histogram grids from the
/// pilot paths, the sensitivity analysis and the block size. `targetcast plan` computes it once
/// and writes it beside the resolved scenario, so each shard of a large run only simulates its
/// own paths (`Engine.runPart(_:prepared:shard:of:options:)`).
public struct PreparedRun: Sendable, Codable, Equatable {
  var grids: EngineGrids
  var sensitivity: [SensitivityEntry]
  /// Paths per block (even), which fixes how paths are assigned to shards.
  public var blockSize: Int

  /// Checks a prepared run read from an untrusted file against the scenario it claims to be for:
  /// grid counts and shapes, block size and sensitivity entries.
  ///
  /// - Throws: `ScenarioError` with `file` and the offending field as `key`.
  public func check(against scenario: Scenario, file: String) throws(ScenarioError) {
    func fail(_ key: String, _ message: String) -> ScenarioError {
      ScenarioError(file: file, key: "prepared." + key, message: message + " (the plan file was changed or damaged)")
    }
    let plan = try SimulationPlan(scenario: scenario)
    guard (2...SimulationOptions.maximumBlockSize).contains(blockSize), blockSize % 2 == 0 else {
      throw fail("blockSize", "expected an even block size from 2 to \(SimulationOptions.maximumBlockSize), found \(blockSize)")
    }
    let bins = grids.cells.first { !$0.isPlaceholder }?.bins ?? HistogramGrid.defaultBins
    if let problem = grids.problem(plan: plan, bins: bins) { throw fail(problem.key, problem.message) }
    guard sensitivity.count <= 1_000_000 else { throw fail("sensitivity", "expected at most 1 000 000 entries") }
  }
}

extension EngineGrids {
  /// What is wrong with these grids for `plan` with `bins` bins per binned cell, if anything:
  /// one grid per cell and per target, finite, and placeholders exactly for cells never binned.
  func problem(plan: SimulationPlan, bins: Int) -> (key: String, message: String)? {
    let h = plan.horizon, count = plan.quantityCount * h, targets = plan.targets.count
    guard cells.count == count, shifts.count == targets else {
      return ("grids", "expected \(count) cell grids and \(targets) shift grids, found \(cells.count) and \(shifts.count)")
    }
    for (index, grid) in cells.enumerated() {
      let q = index / h
      let binned = q < plan.seriesCount || plan.aggregateForecast[q - plan.seriesCount]
      guard binned ? grid.isUsable && grid.bins == bins : grid.isPlaceholder else {
        return ("grids.cells[\(index)]", binned ? "expected a finite grid of \(bins) bins" : "expected the placeholder grid of a cell that is not binned")
      }
    }
    for (index, grid) in shifts.enumerated() where !(grid.isUsable && grid.bins <= HistogramGrid.maximumBins) {
      return ("grids.shifts[\(index)]", "expected a finite grid")
    }
    return nil
  }
}

extension Engine {
  /// The pilot grids, sensitivity analysis and block size of `scenario` (what every shard of it
  /// would compute first).
  public static func prepareRun(_ scenario: Scenario, options: SimulationOptions = SimulationOptions()) throws(ScenarioError) -> PreparedRun {
    try scenario.validate()
    let prepared = try prepare(scenario, options: options)
    return PreparedRun(grids: prepared.grids, sensitivity: prepared.sensitivity, blockSize: prepared.blockSize)
  }
}
