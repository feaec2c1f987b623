import Testing
@testable import TCScenario

/// One rule set: a bad value gives the same message whether the decoder finds it in a file (with
/// its line) or `validate()` finds it in a scenario built in code or read back from a shard —
/// both call the same `ScenarioRules` function.
@Test(arguments: [
  ("base: 100", "base: -100"), ("persistence: 0.5", "persistence: 1.5"), ("probability: 0.5", "probability: 2"),
  ("through_month: 6", "through_month: 12"), ("cagr: 0.1", "cagr: -2"), ("sensitivity_paths: 100", "sensitivity_paths: -1"),
  ("add_level: 10", "add_level: 1e200"), ("ramp: [0.5, 1]", "ramp: [0.5, 1e308]"),
])
func decoderAndValidateShareEachRule(good: String, bad: String) throws {
  func mutate(_ s: inout Scenario) {
    switch good {
    case "base: 100": s.series[0].base = -100
    case "persistence: 0.5": s.series[0].persistence = 1.5
    case "probability: 0.5": s.events[0].probability = 2
    case "through_month: 6": s.series[0].ytd?.throughMonth = 12
    case "cagr: 0.1": s.targets[0].threshold = -2
    case "add_level: 10": s.events[0].effect = .addLevel(level: 1e200, ramp: [0.5, 1])
    case "ramp: [0.5, 1]": s.events[0].effect = .addLevel(level: 10, ramp: [0.5, 1e308])
    default: s.sensitivityPaths = -1
    }
  }
  let yaml = """
    base_year: 2019
    horizon: 2022
    sensitivity_paths: 100
    series:
      - id: a
        base: 100
        persistence: 0.5
        growth: {distribution: lognormal, mean: 0.1, sd: 0.05}
        ytd: {through_month: 6, value: 50, run_rate_sd: 0.1}
    events:
      - {id: e, series: a, probability: 0.5, year: 2021, add_level: 10, ramp: [0.5, 1]}
    targets:
      - {name: t, series: a, by: 2022, cagr: 0.1}
    """
  var scenario = try Scenario.parse(yaml: yaml, file: "good.yaml")
  var fromFile: ScenarioError?
  do { _ = try Scenario.parse(yaml: yaml.replacingOccurrences(of: good, with: bad), file: "bad.yaml") } catch { fromFile = error }
  mutate(&scenario)
  var fromCode: ScenarioError?
  do { try scenario.validate() } catch { fromCode = error }
  let file = try #require(fromFile), code = try #require(fromCode)
  #expect(file.message == code.message, "\(file) vs \(code)")
  #expect(file.line != nil)
}

/// A full-width colon or comma typed for YAML's ASCII one is found where it is; the same
/// characters inside values, quotes and comments are not.
@Test func fullWidthSeparatorsAreFoundOnlyWhereTheyBreakTheSyntax() {
  #expect(Scenario.fullWidthSeparator(in: "a: 1\nhorizon： 2022\n").map { [$0.line, $0.column] } == [2, 8])
  #expect(Scenario.fullWidthSeparator(in: "s:\n  - {id: a， base: 1}\n").map { [$0.line, $0.column] } == [2, 11])
  #expect(Scenario.fullWidthSeparator(in: "title: \"目标：千亿\"\nnote: 目标：千亿，提速\n# 说明：注释\nx: 1 # 注：1\n") == nil)
}

/// A --set that changes a growth distribution's kind alone leaves the base's parameters, and
/// the error says to replace the mapping with !replace (which then works).
@Test func changingTheDistributionKindPointsAtReplace() throws {
  let yaml = """
    base_year: 2019
    horizon: 2022
    series:
      - id: a
        base: 100
        growth: {distribution: lognormal, mean: 0.1, sd: 0.05}
    """
  let source = try ScenarioSource(yaml: yaml, file: "g.yaml")
  var thrown: ScenarioError?
  do { _ = try source.scenario(settings: [ScenarioSetting.parse("series.a.growth.distribution=pert")]) } catch { thrown = error }
  let error = try #require(thrown)
  #expect(error.key == "series[0].growth.mean")
  #expect(error.message.contains("!replace {distribution: pert, min: …, mode: …, max: …, lambda: …}"), "\(error.message)")
  let replaced = try source.scenario(settings: [ScenarioSetting.parse("series.a.growth=!replace {distribution: pert, min: 0, mode: 0.1, max: 0.3}")])
  #expect(replaced.series[0].growth == .rate(.pert(min: 0, mode: 0.1, max: 0.3, lambda: 4)))
}

/// Suggestions use the optimal-string-alignment distance (known values: Levenshtein's
/// kitten → sitting is 3; a swap of neighbours is 1; OSA's "ca" → "abc" is 3, not 2).
@Test func editDistanceCountsNeighbourSwapsAsOne() {
  #expect(editDistance("kitten", "sitting") == 3)
  #expect(editDistance("maen", "mean") == 1)
  #expect(editDistance("ca", "abc") == 3)
  #expect(editDistance("", "abc") == 3)
  #expect(didYouMean("maen", in: ["max", "mean", "min"]).contains("'mean'"))
}
