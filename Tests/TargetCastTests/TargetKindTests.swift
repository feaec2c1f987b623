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

/// The new kinds read from YAML: each key, the names they get, their meaning in the report,
/// and the errors a planner can make with them (at the key's line).
@Test func newTargetKindsReadFromYAML() throws {
  let head = """
    name: k
    units: 亿元
    base_year: 2019
    horizon: 2023
    series:
      - {id: a, base: 100, growth: {distribution: lognormal, mean: 0.1, sd: 0.05}}
      - {id: b, base: 100, growth: {distribution: lognormal, mean: 0.1, sd: 0.05}}
    targets:

    """
  let good = head + """
      - {name: ceiling, series: a, at_most: 120, year: 2021}
      - {name: band, series: a, between: [110, 130], year: 2022}
      - {series: b, yoy: 0.11, year: 2020}
      - {name: two, at_least_k_of: 2, of: [ceiling, band, later]}
      - {name: both, all_of: [ceiling, later]}
      - {name: later, series: b, ratio: 1.3, by: 2023}
    """
  let scenario = try Scenario.parse(yaml: good)
  let t = scenario.targets
  #expect(t.map(\.kind) == ["at_most", "between", "yoy", "at_least_k_of", "all_of", "ratio"])
  #expect(t[2].name == "b growth ≥ 0.11 in 2020")
  #expect(t[3].year == 2023 && t[4].year == 2023, "a k-of-n target is decided in its latest member's year")
  #expect(t[0].meaning(in: scenario) == "a ≤ 120 亿元 in 2021")
  #expect(t[1].meaning(in: scenario) == "a between 110 and 130 亿元 in 2022")
  #expect(t[2].meaning(in: scenario) == "b grows ≥ 11.0% in 2020 over 2019")
  #expect(t[3].meaning(in: scenario) == "at least 2 of 3 met: ceiling; band; later")
  #expect(t[4].meaning(in: scenario) == "all 2 met: ceiling; later")

  let cases: [(String, Int, String)] = [
    ("  - {series: a, between: [130, 110], year: 2021}", 9, "lower < upper"),
    ("  - {series: a, between: [110, 130], by: 2021}", 9, "use 'year', not 'by'"),
    ("  - {series: a, yoy: 0.1, by: 2021}", 9, "use 'year', not 'by'"),
    ("  - {series: a, at_most: 100, ratio: 2, year: 2021}", 9, "give exactly one of"),
    ("  - {name: x, series: a, at_least: 100, year: 2021}\n  - {at_least_k_of: 3, of: [x]}", 10, "expected k from 1 to 1"),
    ("  - {name: x, series: a, at_least: 100, year: 2021}\n  - {all_of: [x, y]}", 10, "unknown target 'y'"),
    ("  - {name: x, series: a, at_least: 100, year: 2021}\n  - {name: y, all_of: [x]}\n  - {all_of: [y]}", 11, "itself a k-of-n target"),
    ("  - {name: x, series: a, at_least: 100, year: 2021}\n  - {all_of: [x], year: 2021}", 10, "does not apply to a k-of-n target"),
  ]
  for (text, line, message) in cases {
    #expect(throws: ScenarioError.self, "\(text)") { try Scenario.parse(yaml: head + text) }
    do {
      _ = try Scenario.parse(yaml: head + text)
    } catch {
      #expect(error.line == line, "\(text): \(error)")
      #expect(error.message.contains(message), "\(text): \(error)")
    }
  }
}

/// `--target` adds a target with the file's keys; a bad one is an error naming the option.
@Test func targetOptionAddsATarget() throws {
  let output = temporaryDirectory("cli-target")
  let run = try runCLI([
    "run", healthcarePath, "--paths", "2000", "--output", output,
    "--target", "name=at most 800, series=healthcare, at_most=800, year=2020",
    "--target", "series=healthcare, between=[800, 1200], year=2021",
  ])
  #expect(run.status == 0, "\(run.stderr)")
  let targets = try String(contentsOfFile: output + "/targets.csv", encoding: .utf8)
  #expect(targets.contains("at most 800,healthcare,2020,in,at_most,800,"), "\(targets)")
  #expect(targets.contains("healthcare 800–1200 in 2021,healthcare,2021,in,between,800,1200,"), "\(targets)")
  let bad = try runCLI(["validate", healthcarePath, "--target", "series=healthcare, at_most=800"])
  #expect(bad.status == 2)
  #expect(bad.stderr.contains("<command line>") && bad.stderr.contains("missing 'year'"), "\(bad.stderr)")
}
