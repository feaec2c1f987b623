import Foundation
import Testing
@testable import TCScenario

/// Likely unit mistakes warn (stderr, run.json, report) and `--strict` makes them errors at their
/// key's line.
@Suite struct SanityWarningTests {
  static let percentTypedAsFraction = """
    base_year: 2019
    horizon: 2022
    series:
      - id: a
        base: 100
        growth: {distribution: lognormal, mean: 20, sd: 0.08}
    targets:
      - {name: t, series: a, ratio: 2, by: 2022}

    """

  func write(_ text: String, _ name: String) throws -> String {
    let path = temporaryDirectory("sanity-\(name)") + ".yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func meanOfTwentyWarnsEverywhere() throws {
    let file = try write(Self.percentTypedAsFraction, "warn")
    let output = temporaryDirectory("sanity-warn-out")
    let run = try runCLI(["run", file, "--paths", "2000", "--output", output])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("warning: series[0].growth.mean: series 'a': a mean growth of 20.0 means +2000.0% a year; did you mean 0.2?"), "\(run.stderr)")
    let manifest = try String(contentsOfFile: output + "/run.json", encoding: .utf8)
    #expect(manifest.contains("did you mean 0.2?"))
    let report = try String(contentsOfFile: output + "/report.md", encoding: .utf8)
    #expect(report.contains("## Warnings"))
    #expect(report.contains("did you mean 0.2?"))
    let validate = try runCLI(["validate", file])
    #expect(validate.status == 0)
    #expect(validate.stderr.contains("did you mean 0.2?"))
  }

  @Test func strictMakesTheWarningAnErrorAtItsLine() throws {
    let file = try write(Self.percentTypedAsFraction, "strict")
    let output = temporaryDirectory("sanity-strict-out")
    for command in ["run", "validate"] {
      let run = try runCLI([command, file, "--strict", "--paths", "2000"] + (command == "run" ? ["--output", output] : []))
      #expect(run.status == 2, "\(command): \(run.stderr)")
      #expect(run.stderr.contains("\(file):6:45: series[0].growth.mean:"), "\(run.stderr)")
      #expect(run.stderr.contains("(an error with --strict)"))
    }
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test(arguments: [
    ("{distribution: lognormal, mean: 0.2, sd: 8}", "series[0].growth.sd", "did you mean 0.08?"),
    ("{distribution: lognormal, mean: 0.2, sd: 0.8}", "series[0].growth.sd", "larger than its mean"),
    ("{distribution: lognormal, mean: 0.005, sd: 0.08}", "series[0].growth.sd", "larger than its mean"),
    ("{distribution: log_growth, mu: 3, sigma: 0.1}", "series[0].growth.mu", "did you mean 0.03?"),
  ])
  func unitMistakesAreNamed(growth: String, key: String, message: String) throws {
    let scenario = try Scenario.parse(yaml: Self.percentTypedAsFraction.replacingOccurrences(of: "{distribution: lognormal, mean: 20, sd: 0.08}", with: growth), file: "s.yaml")
    let warnings = scenario.sanityWarnings()
    #expect(warnings.contains { $0.key == key && $0.message.contains(message) }, "\(warnings)")
  }

  @Test func plausibleAssumptionsDoNotWarn() throws {
    for growth in ["{distribution: lognormal, mean: 0.2, sd: 0.08}", "{distribution: lognormal, mean: 0.05, sd: 0.25}", "0.1"] {
      let scenario = try Scenario.parse(yaml: Self.percentTypedAsFraction.replacingOccurrences(of: "{distribution: lognormal, mean: 20, sd: 0.08}", with: growth), file: "s.yaml")
      #expect(scenario.sanityWarnings().isEmpty, "\(growth): \(scenario.sanityWarnings())")
    }
    for example in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("scenarios").path) where example.hasSuffix(".yaml") {
      let scenario = try ScenarioSource.load(path: repositoryRoot.appendingPathComponent("scenarios/\(example)").path).scenario()
      #expect(scenario.sanityWarnings().isEmpty, "\(example): \(scenario.sanityWarnings())")
    }
  }

  @Test func aBaseFarFromItsHistoryWarns() throws {
    let yaml = """
      base_year: 2019
      horizon: 2021
      series:
        - id: a
          base: 7000
          model: {type: random_walk_drift, history: [500, 560, 630, 700]}

      """
    let warnings = try Scenario.parse(yaml: yaml, file: "h.yaml").sanityWarnings()
    #expect(warnings.map(\.key) == ["series[0].base"])
    #expect(warnings.first?.message.contains("10.0× the last value of its history (700.0)") == true, "\(warnings)")
  }
}
