import Foundation
import PropertyBased
import Testing
@testable import TargetCast

/// Invariants every run's outputs keep, whatever the (valid) scenario.
@Suite struct OutputInvariantTests {
  /// Every probability is in [0, 1]; every standard error is finite and ≥ 0; each target's 95%
  /// interval lies in [0, 1] and contains its probability; time-to-target shares are cumulative.
  ///
  /// The engine reports a NaN standard error only with no paths (plain estimate) or fewer than
  /// two antithetic pairs (fewer than 4 paths): generated scenarios have at least 500 paths.
  @Test func targetProbabilitiesStandardErrorsAndIntervalsAreInRange() throws {
    try forEachGenerated(25, seed: 1, from: ScenarioGenerator.scenario) { index, scenario in
      let result = try Engine.run(scenario, options: SimulationOptions(threads: 2))
      for target in result.targets {
        let name = target.target.name, p = target.probability, se = target.standardError
        let (low, high) = target.interval
        #expect((0...1).contains(p), "\(name): probability \(p); \(describe(index, scenario))")
        #expect(se.isFinite && se >= 0, "\(name): standard error \(se); \(describe(index, scenario))")
        #expect(0 <= low && low <= p && p <= high && high <= 1, "\(name): \(p) outside [\(low), \(high)]; \(describe(index, scenario))")
        let shares = target.reachedBy + [target.notReached]
        #expect(shares.allSatisfy { (0...1).contains($0) }, "\(name): shares \(shares); \(describe(index, scenario))")
        #expect(zip(target.reachedBy, target.reachedBy.dropFirst()).allSatisfy { $0 <= $1 }, "\(name): reached-by not cumulative \(target.reachedBy); \(describe(index, scenario))")
      }
    }
  }

  /// Quantiles are finite and non-decreasing in the probability level for every series,
  /// aggregate and year; the mean is finite.
  @Test func quantilesAreFiniteAndOrdered() throws {
    try forEachGenerated(25, seed: 2, from: ScenarioGenerator.scenario) { index, scenario in
      let result = try Engine.run(scenario, options: SimulationOptions(threads: 2))
      #expect(result.levels.count == (scenario.series.count + scenario.aggregates.filter(\.forecast).count) * scenario.horizon)
      for level in result.levels {
        let q = level.quantiles
        #expect(q.allSatisfy { $0.isFinite }, "\(level.series) \(level.year): quantiles \(q); \(describe(index, scenario))")
        #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 }, "\(level.series) \(level.year): quantiles \(q); \(describe(index, scenario))")
        #expect(level.moments.mean.isFinite, "\(level.series) \(level.year): mean \(level.moments.mean); \(describe(index, scenario))")
      }
    }
  }

  /// Every number in every table a run writes is finite (no `nan`, `inf`, `-inf`, nor the empty
  /// cell a NaN is written as).
  @Test func everyTableCellIsFinite() throws {
    try forEachGenerated(25, seed: 3, from: ScenarioGenerator.scenario) { index, scenario in
      let cells = nonFiniteCells(tables(try Engine.run(scenario, options: SimulationOptions(threads: 2))))
      #expect(cells.isEmpty, "\(cells); \(describe(index, scenario))")
    }
  }
}
