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

/// Known relations inside the electronics example: with always-positive growth, "2800 in 2022"
/// from 1400 is the same event as "doubling by 2022" and as "CAGR ≥ 26%" (2^(1/3) − 1 = 0.2599 <
/// 0.26, so the CAGR event is at most as likely); the run-rate variant only lowers the odds.
@Test func electronicsExampleTargetsAgree() throws {
  let path = repositoryRoot.appendingPathComponent("scenarios/electronics-3yr-doubling.yaml").path
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: 8000, outputDirectory: temporaryDirectory("example-elec"), allVariants: true))
  let base = outcome.variants[0].outcome.result.targets, runRate = outcome.variants[1].outcome.result.targets
  #expect(base[0].probability == base[1].probability)
  #expect(base[2].probability <= base[0].probability)
  #expect(runRate[1].probability < base[1].probability)
  // The CAGR target is relative to 2019, so the run-rate base leaves it unchanged (same paths).
  #expect(runRate[2].probability == base[2].probability)
}
