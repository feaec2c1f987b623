import Foundation
import Testing
@testable import TargetCast

/// Each target kind states itself in its own terms, and its level threshold is the closed form:
/// base × ratio for a ratio, base × (1 + r)^years for a CAGR, nothing for a ratio counted from a
/// simulated year.
@Test func targetKindsDescribeThemselves() throws {
  var scenario = Scenario(
    name: "kinds", units: "亿元", baseYear: 2019, horizonYear: 2023, paths: 1000, seed: 1,
    series: [SeriesSpec(id: "e", label: "电子信息", base: 1000, growth: .lognormal(mean: 0.2, sd: 0.05))],
    targets: [
      TargetSpec(name: "level", series: "e", year: 2021, threshold: 1500),
      TargetSpec(name: "double", series: "e", year: 2022, threshold: 2, timing: .byYear, measure: .ratio(from: 2019)),
      TargetSpec(name: "cagr", series: "e", year: 2022, threshold: 0.26, measure: .cagr(from: 2019)),
      TargetSpec(name: "later", series: "e", year: 2023, threshold: 1.5, measure: .ratio(from: 2020)),
    ])
  try scenario.validate()
  let t = scenario.targets
  #expect(t.map(\.kind) == ["level", "ratio", "cagr", "ratio"])
  #expect(t[0].levelThreshold(in: scenario) == 1500)
  #expect(t[1].levelThreshold(in: scenario) == 2000)
  #expect(abs(t[2].levelThreshold(in: scenario)! - 1000 * 1.26 * 1.26 * 1.26) < 1e-9)
  #expect(t[3].levelThreshold(in: scenario) == nil)
  #expect(t[0].meaning(in: scenario) == "电子信息 ≥ 1500 亿元 in 2021")
  #expect(t[1].meaning(in: scenario) == "电子信息 doubles (≥ 2 × 2019, i.e. 2000 亿元) by 2022")
  #expect(t[2].meaning(in: scenario) == "电子信息 grows ≥ 26.0% a year 2019–2022 (CAGR, i.e. 2000 亿元)")
  #expect(t[3].meaning(in: scenario) == "电子信息 ≥ 1.5 × 2020 in 2023")
  #expect(t.map { $0.growthStartYear(in: scenario) } == [2019, 2019, 2019, 2020])
  scenario.targets = Array(t.prefix(3))
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario, options: SimulationOptions(threads: 1))
  // The fan chart marks the doubling and the CAGR at their levels, not at 2 and 0.26.
  let marks = try #require(FanChart.charts(for: result).first).chart.targets
  #expect(marks.map(\.threshold) == [1500, 2000, t[2].levelThreshold(in: scenario)!])
  let report = RunReport(result: result).document().markdown()
  #expect(report.contains("| 2 | double | 电子信息 doubles (≥ 2 × 2019, i.e. 2000 亿元) by 2022 |"), "\(report)")
  #expect(report.contains("a year from 2019 |"))
}

/// Model names come from ModelRegistry: an unknown one is refused when the plan is resolved, at
/// the YAML node of `model.type`, with a did-you-mean (never a silent fallback).
@Test func unknownModelIsRefusedByThePlanCheck() throws {
  let file = temporaryDirectory("unknown-model.yaml")
  try """
    base_year: 2019
    horizon: 2021
    series:
      - id: m
        base: 700
        model: {type: auto_etz, history: [500, 560, 620]}
    """.write(toFile: file, atomically: true, encoding: .utf8)
  do {
    _ = try resolveRun(RunRequest(scenarioPath: file))
    Issue.record("expected an error")
  } catch {
    guard case .scenario(let scenarioError) = error else { Issue.record("\(error)"); return }
    #expect(scenarioError.key == "series[0].model.type" && scenarioError.message.contains("did you mean 'auto_ets'?"), "\(scenarioError)")
    #expect(scenarioError.line == 6 && scenarioError.column == 19, "\(scenarioError)")
  }
}
