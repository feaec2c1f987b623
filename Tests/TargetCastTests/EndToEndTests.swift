import Foundation
import TCRandom
import Testing
@testable import TargetCast

/// Repository root, found from this file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let healthcarePath = repositoryRoot.appendingPathComponent("scenarios/healthcare-2020-100b.yaml").path

func temporaryDirectory(_ name: String) -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("targetcast-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
  try? FileManager.default.removeItem(at: url)
  return url.path
}

/// The example's probability of ≥ 1000 in 2020 must match the closed-form lognormal answer
/// within 4 Monte Carlo standard errors (issue 2, item 6).
@Test func healthcareExampleMatchesClosedForm() throws {
  let output = temporaryDirectory("closed-form")
  let outcome = try runScenario(RunRequest(scenarioPath: healthcarePath, outputDirectory: output))
  let scenario = outcome.result.scenario
  guard case .lognormal(let mean, let sd) = scenario.series[0].growth else {
    Issue.record("the example should state a lognormal growth assumption"); return
  }
  for target in outcome.result.targets where target.target.timing == .inYear {
    let years = Double(target.target.year - scenario.baseYear)
    let m = 1 + mean
    let sigma2 = log1p(sd * sd / (m * m))
    let mu = log(m) - sigma2 / 2
    let exact = 1 - NormalDistribution.cdf((log(target.target.threshold / scenario.series[0].base) - years * mu) / (years * sigma2).squareRoot())
    let se = max((exact * (1 - exact) / Double(outcome.result.paths)).squareRoot(), 1e-12)
    #expect(abs(target.estimate.probability - exact) <= 4 * se, "\(target.target.name): MC \(target.estimate.probability), exact \(exact)")
  }
  #expect(outcome.result.targets.first?.target.year == 2020)
  #expect(outcome.result.targets.first?.target.threshold == 1000)
}

@Test func sameSeedGivesByteIdenticalCSVForOneAndTwoThreads() throws {
  let a = temporaryDirectory("threads1"), b = temporaryDirectory("threads2")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 30_000, threads: 1, outputDirectory: a))
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 30_000, threads: 2, outputDirectory: b))
  for file in ["forecast.csv", "targets.csv"] {
    let x = try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(file))
    let y = try Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(file))
    #expect(!x.isEmpty && x == y, "\(file) differs between 1 and 2 threads")
  }
  let forecast = try String(contentsOfFile: a + "/forecast.csv", encoding: .utf8)
  #expect(forecast.hasPrefix("series,year,mean,sd,p05,p10,p25,p50,p75,p90,p95\nhealthcare,2020,"))
  #expect(forecast.split(separator: "\n").count == 1 + 6)
  let targets = try String(contentsOfFile: a + "/targets.csv", encoding: .utf8)
  #expect(targets.hasPrefix("target,series,year,timing,kind,threshold,upper,level_threshold,probability,std_error,ci_low,ci_high,required_cagr\n千亿 in 2020,healthcare,2020,in,level,1000,,1000,"))
  #expect(targets.contains(",0.428571\n"), "required CAGR for 700 → 1000 in one year is +42.857%")
}

@Test func differentSeedsGiveDifferentNumbers() throws {
  let a = temporaryDirectory("seed1"), b = temporaryDirectory("seed2")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 5000, seed: 1, outputDirectory: a))
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 5000, seed: 2, outputDirectory: b))
  let x = try Data(contentsOf: URL(fileURLWithPath: a + "/forecast.csv"))
  let y = try Data(contentsOf: URL(fileURLWithPath: b + "/forecast.csv"))
  #expect(x != y)
}

@Test func byteOrderMarkOption() throws {
  let a = temporaryDirectory("bom")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 100, outputDirectory: a, byteOrderMark: true))
  let bytes = try Data(contentsOf: URL(fileURLWithPath: a + "/targets.csv"))
  #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
}

@Test func unwritableOutputFailsBeforeWritingAnything() throws {
  // A path below a regular file can never be created.
  let file = temporaryDirectory("blocker")
  try Data("x".utf8).write(to: URL(fileURLWithPath: file))
  do {
    _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 100, outputDirectory: file + "/out"))
    Issue.record("expected an error")
  } catch {
    guard case .output(let failure) = error else { Issue.record("wrong error \(error)"); return }
    #expect(failure.message.contains("is a file, not a folder"))
  }
  #expect(!FileManager.default.fileExists(atPath: file + "/out"))
}
