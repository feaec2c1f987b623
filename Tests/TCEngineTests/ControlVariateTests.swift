import Foundation
import TCRandom
import TCScenario
import TCStatistics
import Testing
@testable import TCEngine

/// Two correlated lognormal series and an aggregate, with a "by" ratio target, a ratio from a
/// simulated year, an in-year level target and an aggregate target: every kind of control.
func portfolio(paths: Int, seed: UInt64, method: VarianceReduction) -> Scenario {
  var s = Scenario(
    name: "cv", baseYear: 2020, horizonYear: 2026, paths: paths, seed: seed,
    series: [
      SeriesSpec(id: "a", base: 1000, growth: .logNormalGrowth(mu: 0.15, sigma: 0.08)),
      SeriesSpec(id: "b", base: 400, growth: .logNormalGrowth(mu: 0.22, sigma: 0.15)),
    ],
    correlation: [[1, 0.5], [0.5, 1]],
    targets: [
      TargetSpec(name: "a doubles within 5", series: "a", year: 2025, threshold: 2, timing: .byYear, measure: .ratio(from: 2020)),
      TargetSpec(name: "b doubles 2022→2025", series: "b", year: 2025, threshold: 2, measure: .ratio(from: 2022)),
      TargetSpec(name: "b ≥ 900 in 2024", series: "b", year: 2024, threshold: 900),
      TargetSpec(name: "total ≥ 2600 in 2023", series: "total", year: 2023, threshold: 2600),
    ])
  s.aggregates = [AggregateSpec(id: "total", members: ["a", "b"], forecast: false)]
  s.sensitivityPaths = 0
  s.requiredProbabilities = []
  s.varianceReduction = method
  return s
}

/// An in-year target on a lognormal series is its own control: the estimate is the closed form.
@Test func controlVariateInYearTargetIsTheClosedForm() throws {
  var scenario = oneSeries(mean: 0.2, sd: 0.08, paths: 5_000, targets: [TargetSpec(name: "2022", series: "x", year: 2022, threshold: 1200)])
  scenario.varianceReduction = .controlVariate
  let target = try Engine.run(scenario).targets[0]
  let exact = lognormalProbability(base: 700, threshold: 1200, mean: 0.2, sd: 0.08, years: 3)
  #expect(abs(target.probability - exact) < 1e-12, "\(target.probability) vs \(exact)")
  #expect(target.standardError < 1e-9)
}

/// The controls' closed-form probabilities (series, ratio from a simulated year, linearized
/// aggregate with correlation) against the share of paths where each control held: within
/// 4 binomial standard errors on 200 000 paths.
@Test func controlProbabilitiesMatchTheirSimulatedShares() throws {
  let scenario = portfolio(paths: 200_000, seed: 5, method: .controlVariate)
  let part = try Engine.runPart(scenario, shard: 1, of: 1)
  let plan = try SimulationPlan(scenario: scenario)
  #expect(plan.controls.allSatisfy { $0 != nil })
  for (index, control) in plan.controls.enumerated() {
    let p = control!.probability
    let share = Double(part.state.controlHits[index]) / Double(part.state.paths)
    let se = (p * (1 - p) / Double(part.state.paths)).squareRoot()
    #expect(abs(share - p) < 4 * se, "target \(index): control share \(share) vs closed form \(p)")
  }
  #expect(plan.controls[3]!.terms.count == 2, "the aggregate's control is a weighted sum of both members")
}

/// Unbiased against a large plain run with another seed (4 combined standard errors), and a
/// smaller error than plain Monte Carlo on the same paths for every target.
@Test func controlVariateIsUnbiasedAndReducesError() throws {
  let cv = try Engine.run(portfolio(paths: 40_000, seed: 3, method: .controlVariate)).targets
  let plainSame = try Engine.run(portfolio(paths: 40_000, seed: 3, method: .none)).targets
  let reference = try Engine.run(portfolio(paths: 400_000, seed: 77, method: .none)).targets
  for i in cv.indices {
    let combined = (cv[i].standardError * cv[i].standardError + reference[i].standardError * reference[i].standardError).squareRoot()
    #expect(abs(cv[i].probability - reference[i].probability) < 4 * combined,
            "\(cv[i].target.name): \(cv[i].probability) vs \(reference[i].probability) ± \(combined)")
    #expect(cv[i].standardError < 0.7 * plainSame[i].standardError,
            "\(cv[i].target.name): s.e. \(cv[i].standardError) vs plain \(plainSame[i].standardError)")
  }
}

/// Same numbers for 1 and 2 threads, and for one run vs four shards merged.
@Test func controlVariateIsDeterministic() throws {
  let scenario = portfolio(paths: 30_000, seed: 9, method: .controlVariate)
  let one = try Engine.run(scenario, options: SimulationOptions(threads: 1))
  let two = try Engine.run(scenario, options: SimulationOptions(threads: 2))
  #expect(one.targets == two.targets)
  let parts = try (1...4).map { try Engine.runPart(scenario, shard: $0, of: 4) }
  let merged = try Engine.merge(parts, scenario: scenario)
  #expect(merged.targets == one.targets)
}

/// Targets without an exactly Gaussian decision-year level (events, persistence) get no control
/// and keep the plain estimate.
@Test func controlVariateSkipsNonGaussianSeries() throws {
  var scenario = portfolio(paths: 2_000, seed: 1, method: .controlVariate)
  scenario.series[0].persistence = 0.3
  let plan = try SimulationPlan(scenario: scenario)
  #expect(plan.controls[0] == nil && plan.controls[3] == nil, "series a and the aggregate lose their control")
  #expect(plan.controls[1] != nil && plan.controls[2] != nil)
  let cv = try Engine.run(scenario).targets[0]
  var plainScenario = scenario
  plainScenario.varianceReduction = .none
  let plain = try Engine.run(plainScenario).targets[0]
  #expect(cv.probability == plain.probability && cv.standardError == plain.standardError)
}
