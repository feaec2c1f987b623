import Testing
@testable import TCScenario

private let plan = """
  name: p
  base_year: 2019
  horizon: 2024
  paths: auto
  precision: {std_error: 0.001, max_paths: 500000}
  variance_reduction: antithetic
  required_probabilities: [0.5, 0.75]
  sensitivity_paths: 5000
  series:
    - id: a
      base: 100
      growth: {distribution: log_growth, mu: 0.1, sigma: 0.05}
      persistence: 0.4
      reversion: {start: 0.3, speed: 0.5}
    - id: b
      base: 50
      path: {2020: 55, 2021: 60, 2022: 66, 2023: 70, 2024: 77}
  correlation: {matrix: [[1, 0.3], [0.3, 1]], repair: nearest}
  aggregates:
    - {id: total, members: all}
  events:
    - {id: plant, series: a, probability: 0.6, years: {2021: 1, 2022: 3}, add_level: 20, ramp: [0.5, 1]}
    - {id: slump, series: b, probability: 0.1, per_year: true, from: 2021, growth_shock: -0.2, driver: economy, loading: 0.7}
  targets:
    - {name: double a, series: a, ratio: 2, within: 5}
    - {name: growth b, series: b, cagr: 0.08, from: 2020, year: 2024}
    - {name: total, series: total, at_least: 250, by: 2024}
  """

@Test func parsesEngineKeys() throws {
  let s = try Scenario.parse(yaml: plan, file: "p.yaml")
  #expect(s.precision == PrecisionSpec(standardError: 0.001, maxPaths: 500_000))
  #expect(s.paths == 500_000)
  #expect(s.varianceReduction == .antithetic)
  #expect(s.requiredProbabilities == [0.5, 0.75])
  #expect(s.sensitivityPaths == 5000)
  #expect(s.series[0].growth == .logNormalGrowth(mu: 0.1, sigma: 0.05))
  #expect(s.series[0].persistence == 0.4 && s.series[0].reversion == Reversion(start: 0.3, speed: 0.5))
  #expect(s.series[1].growth(in: 2021) == .fixed(60.0 / 55 - 1))
  #expect(s.repairCorrelation)
  #expect(s.aggregates == [AggregateSpec(id: "total", members: ["a", "b"])])
  #expect(s.events[0].frequency == .once(timing: [2021: 0.25, 2022: 0.75]))
  #expect(s.events[0].effect == .addLevel(level: 20, ramp: [0.5, 1]))
  #expect(s.events[1].frequency == .perYear(years: 2021...2024))
  #expect(s.events[1].driver == "economy" && s.events[1].loading == 0.7)
  #expect(s.targets[0] == TargetSpec(name: "double a", series: "a", year: 2024, threshold: 2, timing: .byYear, measure: .ratio(from: 2019)))
  #expect(s.targets[1] == TargetSpec(name: "growth b", series: "b", year: 2024, threshold: 0.08, timing: .inYear, measure: .cagr(from: 2020)))
  #expect(s.targets[2].series == "total" && s.targets[2].timing == .byYear)
}

/// Bad input for the engine's keys: key, line and what was expected.
@Test(arguments: [
  ("probability: 0.6", "probability: 1.2", "events[0].probability", "probability in [0, 1]"),
  ("years: {2021: 1, 2022: 3}", "years: {2031: 1}", "events[0].years.2031", "outside the simulated years"),
  ("max_paths: 500000", "max_paths: 0", "precision.max_paths", "path cap"),
  ("persistence: 0.4", "persistence: 1", "series[0].persistence", "strictly between −1 and 1"),
  ("series: total, at_least: 250", "series: totl, at_least: 250", "targets[2].series", "did you mean 'total'?"),
  ("ratio: 2, within: 5", "ratio: 2, within: 9", "targets[0].within", "outside the simulated years"),
  ("cagr: 0.08, from: 2020", "cagr: 0.08, from: 2030", "targets[1].from", "expected the base year 2019 or a simulated year"),
  ("members: all", "members: [a, c]", "aggregates[0].members[1]", "unknown series 'c'"),
  ("repair: nearest", "repair: yes", "correlation.repair", "expected 'nearest'"),
  ("variance_reduction: antithetic", "variance_reduction: antithetik", "variance_reduction", "did you mean 'antithetic'?"),
  ("growth_shock: -0.2", "growth_shock: -0.2, add_level: 3", "events[1]", "not both"),
  ("loading: 0.7", "loading: 1.7", "events[1].loading", "loading in [−1, 1]"),
] as [(String, String, String, String)])
func rejectsBadEngineKeys(original: String, replacement: String, key: String, fragment: String) {
  let yaml = plan.replacingOccurrences(of: original, with: replacement)
  #expect(yaml != plan, "the replacement must apply")
  do {
    _ = try Scenario.parse(yaml: yaml, file: "bad.yaml")
    Issue.record("expected an error for \(key)")
  } catch {
    #expect(error.key == key, "\(error)")
    #expect(error.line != nil, "\(error)")
    #expect(error.message.contains(fragment), "\(error.message)")
  }
}

@Test func parsesModelSeriesAndRejectsMixing() throws {
  let yaml = """
    base_year: 2019
    horizon: 2021
    series:
      - id: m
        base: 700
        model: {type: auto_ets, history: [500, 560, 620]}
    """
  let s = try Scenario.parse(yaml: yaml)
  #expect(s.series[0].model == ModelSpec(type: "auto_ets", history: [500, 560, 620]))
  // An unknown model name is refused by the engine's plan check against ModelRegistry (see
  // TargetCastTests' unknownModelIsRefusedByThePlanCheck and bad-input case 38).
  do {
    _ = try Scenario.parse(yaml: yaml + "\n    growth: 0.1\n", file: "m.yaml")
    Issue.record("expected an error")
  } catch {
    #expect(error.message.contains("takes its future from the model"), "\(error)")
  }
}
