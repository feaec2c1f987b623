import Testing
@testable import TCScenario

private let minimal = """
  name: t
  base_year: 2019
  horizon: 2022
  paths: 1000
  seed: 7
  series:
    - id: a
      base: 100
      growth: {distribution: lognormal, mean: 0.1, sd: 0.05}
  targets:
    - series: a
      year: 2021
      at_least: 120
  """

@Test func parsesMinimalScenario() throws {
  let s = try Scenario.parse(yaml: minimal, file: "t.yaml")
  #expect(s.name == "t")
  #expect(s.baseYear == 2019 && s.horizonYear == 2022 && s.horizon == 3)
  #expect(s.paths == 1000 && s.seed == 7)
  #expect(s.series == [SeriesSpec(id: "a", base: 100, growth: .lognormal(mean: 0.1, sd: 0.05))])
  #expect(s.targets == [TargetSpec(name: "a ≥ 120 in 2021", series: "a", year: 2021, threshold: 120)])
}

@Test func parsesEveryGrowthForm() throws {
  let yaml = """
    base_year: 2019
    horizon: 2021
    series:
      - {id: a, base: 1, growth: 0.05}
      - {id: b, base: 1, growth: {distribution: normal, mean: 0.1, sd: 0.02}}
      - {id: c, base: 1, growth: {distribution: triangular, min: 0, mode: 0.1, max: 0.3}}
      - {id: d, base: 1, growth: {distribution: pert, min: 0, mode: 0.1, max: 0.3}}
      - {id: e, base: 1, growth: {distribution: uniform, min: 0, max: 0.2}}
      - {id: f, base: 1, growth: {distribution: student_t, df: 5, mean: 0.1, scale: 0.02}}
      - id: g
        base: 1
        growth: {distribution: fixed, value: 0.1}
        growth_by_year: {2021: {distribution: lognormal, mean: 0.3, sd: 0.1}}
    """
  let s = try Scenario.parse(yaml: yaml)
  #expect(s.series.map(\.growth) == [
    .fixed(0.05), .rate(.normal(mean: 0.1, sd: 0.02)), .rate(.triangular(min: 0, mode: 0.1, max: 0.3)),
    .rate(.pert(min: 0, mode: 0.1, max: 0.3, lambda: 4)), .rate(.uniform(min: 0, max: 0.2)),
    .rate(.studentT(df: 5, location: 0.1, scale: 0.02)), .fixed(0.1),
  ])
  #expect(s.series[6].growth(in: 2021) == .lognormal(mean: 0.3, sd: 0.1))
  #expect(s.series[6].growth(in: 2020) == .fixed(0.1))
  #expect(s.paths == 100_000 && s.seed == 1 && s.name == "scenario")
}

/// Each malformed scenario must fail with the key, line and a message naming what was expected.
@Test(arguments: [
  (minimal.replacingOccurrences(of: "paths: 1000", with: "pahts: 1000"), 4, "pahts", "did you mean 'paths'?"),
  (minimal.replacingOccurrences(of: "sd: 0.05", with: "sd: -0.05"), 9, "series[0].growth.sd", "standard deviation ≥ 0"),
  (minimal.replacingOccurrences(of: "year: 2021", with: "year: 2030"), 12, "targets[0].year", "outside the simulated years 2020–2022"),
  (minimal.replacingOccurrences(of: "series: a", with: "series: b"), 11, "targets[0].series", "unknown series 'b'"),
  (minimal.replacingOccurrences(of: "paths: 1000", with: "paths: 0"), 4, "paths", "from 1 to"),
  (minimal.replacingOccurrences(of: "base: 100", with: "base: lots"), 8, "series[0].base", "expected a finite number, found 'lots'"),
  (minimal.replacingOccurrences(of: "horizon: 2022", with: "horizon: 2019"), 3, "horizon", "after base_year 2019"),
  (minimal.replacingOccurrences(of: "lognormal", with: "lognormel"), 9, "series[0].growth.distribution", "did you mean 'lognormal'?"),
  (minimal.replacingOccurrences(of: "    year: 2021\n", with: ""), 11, "targets[0]", "missing 'year'"),
  (minimal.replacingOccurrences(of: "seed: 7", with: "seed: -7"), 5, "seed", "non-negative whole number"),
] as [(String, Int, String, String)])
func rejectsMalformedScenario(yaml: String, line: Int, key: String, fragment: String) {
  do {
    _ = try Scenario.parse(yaml: yaml, file: "bad.yaml")
    Issue.record("expected an error for key \(key)")
  } catch {
    #expect(error.file == "bad.yaml")
    #expect(error.key == key)
    #expect(error.line == line, "\(error)")
    #expect(error.message.contains(fragment), "\(error.message)")
    #expect(error.description.hasPrefix("bad.yaml:\(line):"))
  }
}

@Test func reportsYAMLSyntaxErrorsWithPosition() {
  let yaml = "base_year: 2019\nhorizon: [2020\nseries: []\n"
  do {
    _ = try Scenario.parse(yaml: yaml, file: "syntax.yaml")
    Issue.record("expected a syntax error")
  } catch {
    #expect(error.line != nil)
    #expect(error.message.hasPrefix("YAML syntax error"))
  }
}

@Test func rejectsBadCorrelationMatrices() {
  func parse(_ matrix: String) -> ScenarioError? {
    let yaml = """
      base_year: 2019
      horizon: 2020
      series:
        - {id: a, base: 1, growth: 0.1}
        - {id: b, base: 1, growth: 0.1}
      correlation: \(matrix)
      """
    do { _ = try Scenario.parse(yaml: yaml); return nil } catch { return error }
  }
  #expect(parse("[[1, 0.5], [0.5, 1]]") == nil)
  #expect(parse("[[1, 0.5, 0], [0.5, 1, 0]]")?.message.contains("expected 2 entries") == true)
  #expect(parse("[[1, 0.5]]")?.message.contains("2×2") == true)
  #expect(parse("[[1, 0.5], [0.4, 1]]")?.message.contains("symmetric") == true)
  #expect(parse("[[1, 1.5], [1.5, 1]]")?.message.contains("[−1, 1]") == true)
  #expect(parse("[[0.9, 0.5], [0.5, 1]]")?.message.contains("diagonal") == true)
}

@Test func suggestsClosestKey() {
  #expect(closestMatch(to: "horizn", in: Scenario.topLevelKeys) == "horizon")
  #expect(closestMatch(to: "zzzzzz", in: Scenario.topLevelKeys) == nil)
  #expect(editDistance("kitten", "sitting") == 3)
}

@Test func loadReportsMissingFile() {
  do {
    _ = try Scenario.load(path: "/nonexistent/x.yaml")
    Issue.record("expected an error")
  } catch {
    #expect(error.description == "/nonexistent/x.yaml: scenario file not found")
  }
}
