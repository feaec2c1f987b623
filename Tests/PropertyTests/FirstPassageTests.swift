import Foundation
import PropertyBased
import Testing
@testable import TargetCast

/// "By" targets count first passage: meeting the threshold in the target year is one way of
/// meeting it by that year.
@Suite struct FirstPassageTests {
  /// For every generated target, an "in" and a "by" twin (same quantity, measure, threshold and
  /// year), plain Monte Carlo: P(by) ≥ P(in).
  @Test func byYearIsAtLeastInYear() throws {
    try forEachGenerated(25, seed: 6, from: ScenarioGenerator.scenario) { index, generated in
      var scenario = generated
      scenario.varianceReduction = .none
      // Bands, year-on-year and k-of-n targets have no "by" form.
      let twins = generated.targets.filter { target in
        var byYear = target
        byYear.timing = .byYear
        return target.composite == nil && ScenarioRules.timing(byYear) == nil
      }
      scenario.targets = twins.flatMap { target in
        var inYear = target, byYear = target
        inYear.name += "_in"
        inYear.timing = .inYear
        byYear.name += "_by"
        byYear.timing = .byYear
        return [inYear, byYear]
      }
      let result = try Engine.run(scenario, options: SimulationOptions(threads: 2))
      for pair in stride(from: 0, to: result.targets.count, by: 2) {
        let inYear = result.targets[pair], byYear = result.targets[pair + 1]
        #expect(byYear.probability >= inYear.probability, "\(byYear.target.name) \(byYear.probability) < \(inYear.target.name) \(inYear.probability); \(describe(index, scenario))")
        #expect(byYear.estimate.successes >= inYear.estimate.successes, "\(describe(index, scenario))")
      }
    }
  }
}
