import Foundation
import Testing
@testable import TargetCast

/// The healthcare example's variants run with common random numbers; `compare` reads the joint
/// counts and flags exactly the variants that change the odds.
@Test func compareOfHealthcareVariantsFlagsRealChangesOnly() throws {
  let out = temporaryDirectory("variants-hc")
  let outcome = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 20_000, outputDirectory: out, allVariants: true))
  #expect(outcome.variants.map(\.name) == ["base", "faster-growth", "new-project", "same-as-base"])
  let joint = try #require(outcome.jointTargetsFile)
  #expect(try String(contentsOfFile: joint, encoding: .utf8).hasPrefix("target,variant_a,variant_b,paths,both_met\n"))
  let manifest = try RunManifest.read(path: out + "/faster-growth/run.json")
  #expect(manifest.variant == "faster-growth")
  #expect(manifest.variants == ["base", "faster-growth", "new-project", "same-as-base"])

  func compare(_ b: String) throws -> RunComparison {
    try compareRuns(CompareRequest(runA: out + "/base", runB: out + "/" + b, outputDirectory: temporaryDirectory("variants-cmp-\(b)"))).comparison
  }
  let faster = try compare("faster-growth")
  #expect(faster.probabilities.allSatisfy { $0.method == .joint })
  #expect(faster.probabilities.first { $0.target == "千亿 in 2020" }?.flag == "changed")
  #expect(faster.probabilities.first { $0.target == "千亿 in 2022" }?.flag == "changed")
  #expect(faster.scenarioDifferences.map(\.key) == ["series.healthcare.growth"])
  let project = try compare("new-project")
  #expect(project.probabilities.first { $0.target == "千亿 in 2022" }?.flag == "changed")
  let same = try compare("same-as-base")
  #expect(same.probabilities.allSatisfy { $0.flag.isEmpty && $0.change == 0 && $0.method == .joint })
  #expect(same.scenarioDifferences.isEmpty)
}

/// `--set` on the command line: by position and by id give the same scenario; errors name the
/// command line and the key.
@Test func settingsOverrideKeysByPositionOrId() throws {
  let source = try ScenarioSource.load(path: healthcarePath)
  let byIndex = try source.scenario(settings: [ScenarioSetting.parse("series[0].growth.mean=0.3")])
  let byID = try source.scenario(settings: [ScenarioSetting.parse("series.healthcare.growth.mean=0.3")])
  #expect(byIndex == byID)
  #expect(byIndex.series[0].growth == .lognormal(mean: 0.3, sd: 0.08))
  let quoted = try source.scenario(settings: [ScenarioSetting.parse("targets[\"千亿 in 2020\"].at_least=900")])
  #expect(quoted.targets[0].threshold == 900)

  #expect(throws: ScenarioError.self) { try ScenarioSetting.parse("series.healthcare.growth.mean") }
  do {
    _ = try source.scenario(settings: [ScenarioSetting.parse("series.helthcare.growth.mean=0.3")])
    Issue.record("expected an error")
  } catch {
    #expect(error.file == "<command line>")
    #expect(error.message.contains("did you mean 'healthcare'?"))
  }
  do {
    _ = try source.scenario(settings: [ScenarioSetting.parse("series[0].growth.maen=0.3")])
    Issue.record("expected an error")
  } catch {
    #expect(error.file == "<command line>")
    #expect(error.key == "series[0].growth.maen")
    #expect(error.message.contains("did you mean 'mean'?"))
  }
}

/// A variant's mistakes point at the variant's own line, with a suggestion.
@Test func variantErrorsKeepTheirLineNumbers() throws {
  let yaml = """
    base_year: 2019
    horizon: 2022
    series:
      - {id: a, base: 100, growth: 0.1}
    variants:
      typo:
        series:
          a:
            grwth: 0.2
      missing:
        series:
          b: {growth: 0.2}
    """
  let source = try ScenarioSource(yaml: yaml, file: "v.yaml")
  #expect(source.variantNames == ["typo", "missing"])
  do {
    _ = try source.scenario(variant: "typo")
    Issue.record("expected an error")
  } catch {
    #expect(error.line == 9)
    #expect(error.message.contains("in variant 'typo'"))
    #expect(error.message.contains("did you mean 'growth'?"))
  }
  do {
    _ = try source.scenario(variant: "missing")
    Issue.record("expected an error")
  } catch {
    #expect(error.line == 12)
    #expect(error.message.contains("no element of 'series' has id or name 'b'"))
  }
  do {
    _ = try source.scenario(variant: "tpyo")
    Issue.record("expected an error")
  } catch {
    #expect(error.message.contains("did you mean 'typo'?"))
  }
}
