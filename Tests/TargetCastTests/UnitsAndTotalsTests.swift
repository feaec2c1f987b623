import Foundation
import Testing
@testable import TargetCast

// MARK: - One formatter for levels with their units

/// Chinese units are shown at the magnitude that keeps at most four digits before the point;
/// other units are kept as given; four significant figures throughout.
@Test func levelsWithUnits() {
  #expect(HumanFormat.level(700, units: "亿元") == "700 亿元")
  #expect(HumanFormat.level(1306.847446, units: "亿元") == "1307 亿元")
  #expect(HumanFormat.level(12_037, units: "亿元") == "1.204 万亿元")
  #expect(HumanFormat.level(0.5, units: "亿元") == "5000 万元")
  #expect(HumanFormat.level(64_000, units: "万元") == "6.4 亿元")
  #expect(HumanFormat.level(7e10, units: "元") == "700 亿元")
  #expect(HumanFormat.level(102, units: "家") == "102 家")
  #expect(HumanFormat.level(25_000, units: "家") == "2.5 万家")
  #expect(HumanFormat.level(99_999.9, units: "万元") == "10 亿元", "a mantissa rounding to 10,000 moves up")
  #expect(HumanFormat.level(200, units: "index (2018 = 100)") == "200 index (2018 = 100)")
  #expect(HumanFormat.level(1306.85, units: nil) == "1307")
  #expect(HumanFormat.level(-0.0, units: "亿元") == "0 亿元")
  #expect(HumanFormat.level(12_000, units: "亿") == "1.2 万亿" && HumanFormat.level(0.5, units: "万") == "5000")
  #expect(HumanFormat.levels(110, 130, units: "亿元", separator: " and ") == "110 and 130 亿元")
  #expect(HumanFormat.levels(9000, 12_000, units: "亿元", separator: "–") == "9000 亿元–1.2 万亿元")
  #expect(HumanFormat.levels(110, 130, units: nil, separator: "–") == "110–130")
}

// MARK: - Units per series

private let mixedUnits = """
  name: mixed
  units: 亿元
  base_year: 2019
  horizon: 2022
  paths: 2000
  series:
    - {id: revenue, label: 营业收入, base: 700, growth: {distribution: lognormal, mean: 0.1, sd: 0.05}}
    - {id: firms, label: new firms, units: 家, base: 102, growth: {distribution: lognormal, mean: 0.05, sd: 0.1}}
    - {id: other, base: 300, growth: {distribution: lognormal, mean: 0.1, sd: 0.05}}
  aggregates:
    - {id: total, label: total revenue, members: [revenue, other]}
  targets:
    - {name: firms 150, series: firms, at_least: 150, by: 2022}
    - {name: revenue doubles, series: total, ratio: 2, within: 3}

  """

/// A series' own unit is used wherever its values are written for people; the scenario's unit
/// for the others and for a total of them.
@Test func seriesUnitsReachEveryText() throws {
  var scenario = try Scenario.parse(yaml: mixedUnits)
  #expect(scenario.units(of: "firms") == "家" && scenario.units(of: "revenue") == "亿元" && scenario.units(of: "total") == "亿元")
  #expect(scenario.targets[0].meaning(in: scenario) == "new firms ≥ 150 家 by 2022")
  #expect(scenario.targets[1].meaning(in: scenario) == "total revenue doubles (≥ 2 × 2019, i.e. 2000 亿元) by 2022")
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario, options: SimulationOptions(threads: 1))
  let summary = RunTables.summary(result)
  #expect(summary.contains("new firms: 102 家 in 2019 → median "), "\(summary)")
  #expect(summary.contains("total revenue: 1000 亿元 in 2019 → median "), "\(summary)")
  let fans = FanChart.charts(for: result)
  let firms = try #require(fans.first { $0.series == "firms" }).chart
  #expect(firms.units == "家" && firms.svg().contains("≥ 150 家 by 2022"))
  let json = RunSummaryJSON(result: result, outputDirectory: "/x", files: [])
  #expect(json.series.map(\.units) == ["亿元", "家", "亿元", "亿元"])
}

/// An aggregate of series in different units is refused at its members, by the reader and by
/// validate() on a scenario built in code, with the same message.
@Test func aggregateOfMixedUnitsIsRefused() throws {
  let bad = mixedUnits.replacingOccurrences(of: "members: [revenue, other]", with: "members: [revenue, firms]")
  do {
    _ = try Scenario.parse(yaml: bad)
    Issue.record("accepted an aggregate of 亿元 and 家")
  } catch {
    #expect(error.line == 11 && error.message.contains("expected member series in one unit, found the scenario's units and '家'"), "\(error)")
  }
  var scenario = try Scenario.parse(yaml: mixedUnits)
  scenario.aggregates[0].members = ["revenue", "firms"]
  #expect(throws: ScenarioError.self) { try scenario.validate() }
  do { try scenario.validate() } catch {
    #expect(error.key == "aggregates[0].members" && error.message.contains("expected member series in one unit"), "\(error)")
  }
}

// MARK: - Totals are first-class

/// An aggregate gets a fan chart with its base (the sum of its members'), its targets at their
/// levels, a report section with its quantiles, and an entry in the JSON summary; one with
/// `forecast: false` has no levels, so none of them.
@Test func aggregatesGetFanChartsAndReportSections() throws {
  var scenario = try Scenario.parse(yaml: mixedUnits)
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario, options: SimulationOptions(threads: 1))
  let fans = FanChart.charts(for: result)
  #expect(fans.map(\.series) == ["revenue", "firms", "other", "total"])
  let total = try #require(fans.last).chart
  #expect(total.history.map(\.value) == [1000])
  #expect(total.subtitle?.hasPrefix("Simulated total of 2 series (亿元)") == true)
  #expect(total.targets.map(\.threshold) == [2000])
  #expect(total.targets.first?.note == "= 2 × the 2019 level")
  let files = RunReport(result: result).files().map(\.name)
  #expect(files.contains("fan-total.svg"))
  let report = RunReport(result: result).document().markdown()
  #expect(report.contains("## total revenue\n"), "\(report)")
  #expect(report.contains("The total of 营业收入, other on each path (1000 亿元 in 2019)"), "\(report)")
  let json = RunSummaryJSON(result: result, outputDirectory: "/x", files: [])
  #expect(json.series.last?.members == ["revenue", "other"] && json.series.last?.base == 1000)

  scenario.aggregates[0].forecast = false
  let hidden = try Engine.run(scenario, options: SimulationOptions(threads: 1))
  #expect(FanChart.charts(for: hidden).map(\.series) == ["revenue", "firms", "other"])
  #expect(!RunReport(result: hidden).document().markdown().contains("## total revenue"))
}

/// A fan chart's file name is checked for aggregates too: a series and an aggregate whose ids
/// differ only in characters a file name cannot hold (`fir ms`, `fir_ms`) are refused, naming the aggregate.
@Test func aggregateFanFileNamesAreChecked() throws {
  var scenario = try Scenario.parse(yaml: mixedUnits)
  try RunReport.checkFileNames(scenario)
  scenario.aggregates[0].id = "fir ms"
  scenario.series[1].id = "fir_ms"
  do {
    try RunReport.checkFileNames(scenario)
    Issue.record("accepted two quantities writing fan-fir_ms.svg")
  } catch {
    #expect(error.key == "aggregates[0].id" && error.message.contains("fan-fir_ms.svg"), "\(error)")
  }
}
