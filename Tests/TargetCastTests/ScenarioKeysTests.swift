import Testing
@testable import TargetCast

/// `compare` must list every scenario difference, including events and target measures,
/// not only growth assumptions.
@Test func scenarioKeysCoverEventsAndTargetMeasures() throws {
  let base = """
    base_year: 2019
    horizon: 2023
    series:
      - {id: a, base: 100, growth: {distribution: lognormal, mean: 0.1, sd: 0.05}}
    targets:
      - {name: double, series: a, ratio: 2, within: 4}
    """
  let withEvent = base + """

    events:
      - {id: plant, series: a, probability: 0.6, years: {2020: 1}, add_level: 10, ramp: [0.5, 1.0]}
    """
  let a = ScenarioKeys.flatten(try Scenario.parse(yaml: base))
  let b = ScenarioKeys.flatten(try Scenario.parse(yaml: withEvent))
  let differences = ScenarioKeys.differences(a, b)
  #expect(differences.map(\.key) == [
    "events.plant.add_level", "events.plant.probability", "events.plant.ramp", "events.plant.series", "events.plant.years",
  ])
  #expect(differences.allSatisfy { $0.before == nil })
  #expect(b["events.plant.probability"] == "0.6")
  #expect(b["events.plant.ramp"] == "0.5, 1")
  #expect(a["targets.double.measure"] != nil)
  #expect(ScenarioKeys.differences(a, a).isEmpty)
}

@Test func scenarioKeysCoverYearToDateFigures() throws {
  func keys(_ value: Double) throws -> [String: String] {
    ScenarioKeys.flatten(try Scenario.parse(yaml: """
      base_year: 2019
      horizon: 2021
      series:
        - id: e
          ytd: {through_month: 10, value: \(value), run_rate_sd: 0.03, official_estimate: 1400}
          growth: {distribution: lognormal, mean: 0.1, sd: 0.05}
      """))
  }
  let a = try keys(1076.76), b = try keys(1100)
  #expect(ScenarioKeys.differences(a, b).map(\.key).contains("series.e.ytd.value"))
  #expect(a["series.e.ytd.official_estimate"] == "1400")
}
