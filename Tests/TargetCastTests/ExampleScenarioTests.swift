import Foundation
import Testing
@testable import TargetCast

/// Every example in scenarios/ runs (with all its variants) and writes its tables.
@Test(arguments: [
  "healthcare-2020-100b", "electronics-3yr-doubling", "county-doubling-3-5yr", "industries-1-4-n",
  "investment-ytd", "project-pipeline",
])
func exampleScenarioRuns(name: String) throws {
  let path = repositoryRoot.appendingPathComponent("scenarios/\(name).yaml").path
  let out = temporaryDirectory("example-\(name)")
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: 4000, outputDirectory: out, allVariants: true))
  let runs = outcome.variants.isEmpty ? [(name: "base", outcome: outcome)] : outcome.variants
  for run in runs {
    #expect(!run.outcome.result.targets.isEmpty)
    for target in run.outcome.result.targets { #expect((0...1).contains(target.probability)) }
    #expect(FileManager.default.fileExists(atPath: run.outcome.outputDirectory + "/targets.csv"))
  }
}

/// Known relations inside the electronics example. In the `official-base` variant (fixed 1400),
/// with always-positive growth "2800 in 2022" is the same event as "doubling by 2022", and "CAGR ≥
/// 26%" is at most as likely (2^(1/3) − 1 = 0.2599 < 0.26). The base draws its 2019 level per path
/// from the Jan–Oct figure (median ≈ 1307): ratio and CAGR targets are relative to each path's own
/// 2019 level, so they equal the official-base variant's exactly (same growth numbers), while the
/// absolute 2800 is less likely.
@Test func electronicsExampleTargetsAgree() throws {
  let path = repositoryRoot.appendingPathComponent("scenarios/electronics-3yr-doubling.yaml").path
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: 8000, outputDirectory: temporaryDirectory("example-elec"), allVariants: true))
  let base = outcome.variants[0].outcome.result.targets, official = outcome.variants[1].outcome.result.targets
  #expect(official[0].probability == official[1].probability)
  #expect(official[2].probability <= official[0].probability)
  #expect(base[0].probability == official[0].probability)
  #expect(base[2].probability == official[2].probability)
  #expect(base[1].probability < official[1].probability)
}
