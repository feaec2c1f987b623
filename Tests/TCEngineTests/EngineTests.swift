import Foundation
import TCRandom
import TCScenario
import TCStatistics
import Testing
@testable import TCEngine

/// Closed form: with independent lognormal yearly factors, log(level_Y / base) is normal with
/// mean Σμ and variance Σσ², so P(level_Y ≥ X) = 1 − Φ((ln(X/base) − Σμ) / √Σσ²).
func lognormalProbability(base: Double, threshold: Double, mean: Double, sd: Double, years: Int) -> Double {
  let m = 1 + mean
  let sigma2 = log1p(sd * sd / (m * m))
  let mu = log(m) - sigma2 / 2
  let z = (log(threshold / base) - Double(years) * mu) / (Double(years) * sigma2).squareRoot()
  return 1 - NormalDistribution.cdf(z)
}

func oneSeries(mean: Double, sd: Double, paths: Int, targets: [TargetSpec], horizon: Int = 2025, seed: UInt64 = 11) -> Scenario {
  Scenario(
    name: "t", baseYear: 2019, horizonYear: horizon, paths: paths, seed: seed,
    series: [SeriesSpec(id: "x", base: 700, growth: .lognormal(mean: mean, sd: sd))], targets: targets)
}

@Test func lognormalTargetMatchesClosedForm() throws {
  let targets = [
    TargetSpec(name: "2020", series: "x", year: 2020, threshold: 850),
    TargetSpec(name: "2022", series: "x", year: 2022, threshold: 1200),
    TargetSpec(name: "2025", series: "x", year: 2025, threshold: 2500),
  ]
  let result = try Engine.run(oneSeries(mean: 0.2, sd: 0.08, paths: 100_000, targets: targets))
  for target in result.targets {
    let exact = lognormalProbability(base: 700, threshold: target.target.threshold, mean: 0.2, sd: 0.08, years: target.target.year - 2019)
    let se = (exact * (1 - exact) / 100_000).squareRoot()
    #expect(abs(target.estimate.probability - exact) < 4 * se, "\(target.target.name): \(target.estimate.probability) vs \(exact)")
  }
}

@Test func meanLevelMatchesProductOfMeanFactors() throws {
  let result = try Engine.run(oneSeries(mean: 0.1, sd: 0.1, paths: 50_000, targets: []))
  for (t, summary) in result.levels.enumerated() {
    let exact = 700 * pow(1.1, Double(t + 1))
    let se = summary.moments.standardDeviation / Double(summary.moments.count).squareRoot()
    #expect(abs(summary.moments.mean - exact) < 4 * se, "year \(summary.year): \(summary.moments.mean) vs \(exact)")
  }
}

@Test func requiredCAGRIsTheConstantRateThatHitsTheThreshold() throws {
  let targets = [TargetSpec(name: "a", series: "x", year: 2022, threshold: 1000)]
  let result = try Engine.run(oneSeries(mean: 0.2, sd: 0.08, paths: 10, targets: targets))
  let r = result.targets[0].requiredCAGR
  #expect(abs(700 * pow(1 + r, 3) - 1000) < 1e-9)
  #expect(abs(r - (pow(1000.0 / 700, 1.0 / 3) - 1)) < 1e-15)
}

@Test func resultsDoNotDependOnThreadCountOrBlockScheduling() throws {
  let scenario = oneSeries(mean: 0.15, sd: 0.1, paths: 20_001, targets: [
    TargetSpec(name: "a", series: "x", year: 2021, threshold: 900),
    TargetSpec(name: "b", series: "x", year: 2023, threshold: 1300, timing: .byYear),
  ])
  let one = try Engine.run(scenario, options: SimulationOptions(threads: 1, blockSize: 1024))
  let two = try Engine.run(scenario, options: SimulationOptions(threads: 2, blockSize: 1024))
  let three = try Engine.run(scenario, options: SimulationOptions(threads: 3, blockSize: 1024))
  #expect(one.levels == two.levels && one.levels == three.levels)
  #expect(one.targets == two.targets && one.targets == three.targets)
}

@Test func firstPassageTargetMatchesBruteForce() throws {
  // "by" targets: reached in any year up to Y. Brute force with the same per-path streams.
  let scenario = Scenario(
    name: "t", baseYear: 2019, horizonYear: 2022, paths: 4000, seed: 3,
    series: [SeriesSpec(id: "x", base: 100, growth: .rate(.normal(mean: 0.05, sd: 0.2)))],
    targets: [TargetSpec(name: "by", series: "x", year: 2022, threshold: 130, timing: .byYear)])
  let result = try Engine.run(scenario)
  var hits = 0
  var normals = [Double](repeating: 0, count: 3)
  for path in 0..<4000 {
    var stream = RandomStream(seed: 3, stream: UInt64(path))
    stream.fillNormals(&normals, count: 3)
    var level = 100.0, reached = false
    for z in normals {
      level *= max(0, 1 + 0.05 + 0.2 * z)
      if level >= 130 { reached = true }
    }
    if reached { hits += 1 }
  }
  #expect(result.targets[0].estimate == ProportionEstimate(successes: hits, trials: 4000))
}

@Test func correlationIsRecoveredFromSimulatedShocks() throws {
  let rho = 0.6
  let scenario = Scenario(
    name: "c", baseYear: 2019, horizonYear: 2020, paths: 40_000, seed: 5,
    series: [
      SeriesSpec(id: "a", base: 1, growth: .rate(.normal(mean: 0, sd: 0.1))),
      SeriesSpec(id: "b", base: 1, growth: .rate(.normal(mean: 0, sd: 0.1))),
    ],
    correlation: [[1, rho], [rho, 1]], targets: [])
  let plan = try SimulationPlan(scenario: scenario)
  var workspace = BlockWorkspace(plan: plan, blockSize: 40_000)
  let block = workspace.simulate(firstPath: 0, count: 40_000)
  let a = block.values[0], b = block.values[1]
  let n = Double(a.count)
  let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
  var sab = 0.0, saa = 0.0, sbb = 0.0
  for i in a.indices {
    sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
  }
  let r = sab / (saa * sbb).squareRoot()
  // Standard error of a sample correlation ≈ (1 − ρ²)/√n = 0.0032; allow 4 of them.
  #expect(abs(r - rho) < 4 * (1 - rho * rho) / n.squareRoot(), "sample correlation \(r)")
}

@Test func rejectsNonPositiveSemidefiniteCorrelation() {
  let scenario = Scenario(
    name: "c", baseYear: 2019, horizonYear: 2020, paths: 10, seed: 5,
    series: ["a", "b", "c"].map { SeriesSpec(id: $0, base: 1, growth: .fixed(0.1)) },
    correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], targets: [])
  do {
    _ = try Engine.run(scenario)
    Issue.record("expected an error")
  } catch {
    #expect(error.key == "correlation")
    #expect(error.message.contains("not positive semidefinite (smallest eigenvalue -0.8)"), "\(error.message)")
  }
}

@Test func acceptsSingularButSemidefiniteCorrelation() throws {
  let scenario = Scenario(
    name: "c", baseYear: 2019, horizonYear: 2020, paths: 1000, seed: 5,
    series: ["a", "b"].map { SeriesSpec(id: $0, base: 1, growth: .rate(.normal(mean: 0, sd: 0.1))) },
    correlation: [[1, 1], [1, 1]], targets: [])
  let result = try Engine.run(scenario)
  #expect(result.levels[0].quantiles.enumerated().allSatisfy { abs($0.element - result.levels[1].quantiles[$0.offset]) < 1e-12 })
}
