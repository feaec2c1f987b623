import Foundation
import TCLinearAlgebra
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
  var s = Scenario(
    name: "t", baseYear: 2019, horizonYear: horizon, paths: paths, seed: seed,
    series: [SeriesSpec(id: "x", base: 700, growth: .lognormal(mean: mean, sd: sd))], targets: targets)
  s.sensitivityPaths = 0
  return s
}

@Test func lognormalTargetMatchesClosedForm() throws {
  let targets = [
    TargetSpec(name: "2020", series: "x", year: 2020, threshold: 850),
    TargetSpec(name: "2022", series: "x", year: 2022, threshold: 1200),
    TargetSpec(name: "2025", series: "x", year: 2025, threshold: 2500),
  ]
  let result = try Engine.run(oneSeries(mean: 0.2, sd: 0.08, paths: 40_000, targets: targets))
  for target in result.targets {
    let exact = lognormalProbability(base: 700, threshold: target.target.threshold, mean: 0.2, sd: 0.08, years: target.target.year - 2019)
    let se = (exact * (1 - exact) / 40_000).squareRoot()
    #expect(abs(target.probability - exact) < 4 * se, "\(target.target.name): \(target.probability) vs \(exact)")
  }
}

@Test func meanLevelMatchesProductOfMeanFactors() throws {
  let result = try Engine.run(oneSeries(mean: 0.1, sd: 0.1, paths: 30_000, targets: []))
  for (t, summary) in result.levels.enumerated() {
    let exact = 700 * pow(1.1, Double(t + 1))
    let se = summary.moments.standardDeviation / Double(summary.moments.count).squareRoot()
    #expect(abs(summary.moments.mean - exact) < 4 * se, "year \(summary.year): \(summary.moments.mean) vs \(exact)")
  }
}

/// The sum of independent series has the sum of their means (aggregate mean, closed form).
@Test func aggregateMeanIsSumOfSeriesMeans() throws {
  var s = Scenario(
    name: "agg", baseYear: 2019, horizonYear: 2022, paths: 30_000, seed: 4,
    series: [
      SeriesSpec(id: "a", base: 100, growth: .lognormal(mean: 0.1, sd: 0.1)),
      SeriesSpec(id: "b", base: 50, growth: .rate(.normal(mean: 0.05, sd: 0.05))),
      SeriesSpec(id: "c", base: 30, growth: .rate(.uniform(min: 0, max: 0.2))),
    ], targets: [])
  s.aggregates = [AggregateSpec(id: "total", members: ["a", "b", "c"])]
  s.sensitivityPaths = 0
  let result = try Engine.run(s)
  let totals = result.levels.filter { $0.series == "total" }
  #expect(totals.count == 3)
  for (t, summary) in totals.enumerated() {
    let n = Double(t + 1)
    let exact = 100 * pow(1.1, n) + 50 * pow(1.05, n) + 30 * pow(1.1, n)
    let se = summary.moments.standardDeviation / Double(summary.moments.count).squareRoot()
    #expect(abs(summary.moments.mean - exact) < 4 * se, "\(summary.year): \(summary.moments.mean) vs \(exact)")
  }
}

@Test func requiredCAGRIsTheConstantRateThatHitsTheThreshold() throws {
  let targets = [TargetSpec(name: "a", series: "x", year: 2022, threshold: 1000)]
  let result = try Engine.run(oneSeries(mean: 0.2, sd: 0.08, paths: 10, targets: targets))
  let r = result.targets[0].requiredCAGR
  #expect(abs(700 * pow(1 + r, 3) - 1000) < 1e-9)
}

/// CAGR identity: "CAGR ≥ r from the base year to Y" is "level ≥ base·(1+r)^n in Y", and a ratio
/// to the base year is a level target; on the same paths the counts must agree exactly.
@Test func cagrAndRatioTargetsEqualTheirLevelForms() throws {
  let targets = [
    TargetSpec(name: "cagr", series: "x", year: 2023, threshold: 0.15, measure: .cagr(from: 2019)),
    TargetSpec(name: "level", series: "x", year: 2023, threshold: 700 * pow(1.15, 4) * (1 + 1e-12)),
    TargetSpec(name: "ratio", series: "x", year: 2023, threshold: 1.6, timing: .byYear, measure: .ratio(from: 2019)),
    TargetSpec(name: "ratio-level", series: "x", year: 2023, threshold: 1120, timing: .byYear),
  ]
  let result = try Engine.run(oneSeries(mean: 0.15, sd: 0.1, paths: 20_000, targets: targets))
  let p = result.targets.map(\.estimate.successes)
  #expect(abs(p[0] - p[1]) <= 1, "\(p)")
  #expect(abs(p[2] - p[3]) <= 1, "\(p)")
  #expect(abs(result.targets[0].requiredCAGR - 0.15) < 1e-15)
}

@Test func resultsDoNotDependOnThreadsOrBlockSize() throws {
  var scenario = oneSeries(mean: 0.15, sd: 0.1, paths: 20_001, targets: [
    TargetSpec(name: "a", series: "x", year: 2021, threshold: 900),
    TargetSpec(name: "b", series: "x", year: 2023, threshold: 1300, timing: .byYear),
  ])
  scenario.requiredProbabilities = [0.5]
  let one = try Engine.run(scenario, options: SimulationOptions(threads: 1, blockSize: 1024))
  let two = try Engine.run(scenario, options: SimulationOptions(threads: 2, blockSize: 1024))
  let three = try Engine.run(scenario, options: SimulationOptions(threads: 3, blockSize: 256))
  #expect(one.levels == two.levels && one.levels == three.levels)
  #expect(one.targets == two.targets && one.targets == three.targets)
}

@Test func shardsMergeToExactlyOneRun() throws {
  var scenario = oneSeries(mean: 0.15, sd: 0.1, paths: 30_000, targets: [
    TargetSpec(name: "b", series: "x", year: 2023, threshold: 1300, timing: .byYear),
  ])
  scenario.sensitivityPaths = 2000
  let options = SimulationOptions(threads: 2, blockSize: 512)
  let single = try Engine.run(scenario, options: options)
  let parts = try (1...4).map { i throws(ScenarioError) in try Engine.runPart(scenario, shard: i, of: 4, options: SimulationOptions(threads: 1)) }
  // Round trip through the file format too.
  let decoded = try parts.map { try PartialRun.decode(try $0.encoded()) }
  #expect(decoded == parts)
  let merged = try Engine.merge(decoded.reversed(), scenario: scenario, options: options)
  #expect(merged.levels == single.levels)
  #expect(merged.targets == single.targets)
  #expect(merged.sensitivity == single.sensitivity)
  #expect(parts.map(\.paths).reduce(0, +) == 30_000)
  #expect(throws: ScenarioError.self) { try Engine.merge(Array(parts.prefix(3)), scenario: scenario) }
}

/// "by" targets and the first-year distribution against a brute-force simulation with the same
/// per-path streams.
@Test func firstPassageMatchesBruteForce() throws {
  var scenario = Scenario(
    name: "t", baseYear: 2019, horizonYear: 2023, paths: 4000, seed: 3,
    series: [SeriesSpec(id: "x", base: 100, growth: .rate(.normal(mean: 0.05, sd: 0.2)))],
    targets: [TargetSpec(name: "by", series: "x", year: 2022, threshold: 130, timing: .byYear)])
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario)
  var hits = 0
  var firstYears = Array(repeating: 0, count: 5)
  var normals = [Double](repeating: 0, count: 4)
  for path in 0..<4000 {
    var stream = PathNormalStream(seed: 3, path: UInt64(path))
    for i in 0..<4 { normals[i] = stream.next() }
    var level = 100.0
    var first = 4
    for (t, z) in normals.enumerated() {
      level *= max(0, 1 + 0.05 + 0.2 * z)
      if level >= 130 && first == 4 { first = t }
    }
    firstYears[first] += 1
    if first <= 2 { hits += 1 }
  }
  #expect(result.targets[0].estimate == ProportionEstimate(successes: hits, trials: 4000))
  var cumulative = 0
  for t in 0..<4 {
    cumulative += firstYears[t]
    #expect(result.targets[0].reachedBy[t] == Double(cumulative) / 4000)
  }
  #expect(result.targets[0].notReached == Double(firstYears[4]) / 4000)
}

@Test func correlationIsRecoveredFromSimulatedShocks() throws {
  let rho = 0.6
  let scenario = Scenario(
    name: "c", baseYear: 2019, horizonYear: 2020, paths: 40_000, seed: 5,
    series: [
      SeriesSpec(id: "a", base: 1, growth: .logNormalGrowth(mu: 0, sigma: 0.1)),
      SeriesSpec(id: "b", base: 1, growth: .logNormalGrowth(mu: 0, sigma: 0.1)),
    ],
    correlation: [[1, rho], [rho, 1]], targets: [])
  let plan = try SimulationPlan(scenario: scenario)
  let grids = Engine.pilotGrids(plan, paths: 100)
  let kernel = BlockKernel(plan: plan, grids: grids, blockSize: 40_000)
  kernel.simulate(firstPath: 0, count: 40_000)
  let a = (0..<40_000).map { kernel.z[$0, 0] }, b = (0..<40_000).map { kernel.z[$0, 1] }
  let n = Double(a.count)
  let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
  var sab = 0.0, saa = 0.0, sbb = 0.0
  for i in a.indices {
    let da = a[i] - ma, db = b[i] - mb
    sab += da * db
    saa += da * da
    sbb += db * db
  }
  let r = sab / (saa * sbb).squareRoot()
  // Standard error of a sample correlation ≈ (1 − ρ²)/√n = 0.0032; allow 4 of them.
  let tolerance = 4 * (1 - rho * rho) / n.squareRoot()
  #expect(abs(r - rho) < tolerance, "sample correlation \(r)")
}

@Test func rejectsNonPositiveSemidefiniteCorrelationUnlessRepaired() throws {
  var scenario = Scenario(
    name: "c", baseYear: 2019, horizonYear: 2020, paths: 100, seed: 5,
    series: ["a", "b", "c"].map { SeriesSpec(id: $0, base: 1, growth: .lognormal(mean: 0.1, sd: 0.1)) },
    correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], targets: [])
  do {
    _ = try Engine.run(scenario)
    Issue.record("expected an error")
  } catch {
    #expect(error.key == "correlation")
    #expect(error.message.contains("not positive semidefinite (smallest eigenvalue -0.8)"), "\(error.message)")
  }
  scenario.repairCorrelation = true
  let result = try Engine.run(scenario)
  #expect(result.warnings.count == 1 && result.warnings[0].contains("nearest correlation matrix"))
}

/// Higham (2002), section 4 example: the nearest correlation matrix to the tridiagonal
/// matrix with 2 on the diagonal and −1 beside it, printed to 4 decimals in the paper.
@Test func nearestCorrelationMatchesHighamExample() {
  let a = Matrix(rowMajor: [[2, -1, 0, 0], [-1, 2, -1, 0], [0, -1, 2, -1], [0, 0, -1, 2]])
  let x = CorrelationFactor.nearestCorrelation(a)
  let expected: [[Double]] = [
    [1, -0.8084, 0.1916, 0.1068], [-0.8084, 1, -0.6562, 0.1916],
    [0.1916, -0.6562, 1, -0.8084], [0.1068, 0.1916, -0.8084, 1],
  ]
  for i in 0..<4 { for j in 0..<4 { #expect(abs(x[i, j] - expected[i][j]) < 1e-4, "(\(i),\(j)) \(x[i, j])") } }
}

/// Rank error of sketch quantiles against exact quantiles of the same paths ≤ 0.001.
@Test func sketchQuantilesHaveRankErrorBelowOneInAThousand() throws {
  let paths = 50_000
  var scenario = oneSeries(mean: 0.1, sd: 0.15, paths: paths, targets: [], horizon: 2022)
  scenario.sensitivityPaths = 0
  let levels: [Double] = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
  let result = try Engine.run(scenario, options: SimulationOptions(quantileLevels: levels))
  #expect(result.maxRankErrorBound <= 0.001)
  // Exact log-levels of the same paths.
  guard case .logNormal(let mu, let sigma) = GrowthLaw(.lognormal(mean: 0.1, sd: 0.15)) else { Issue.record("law"); return }
  var byYear = Array(repeating: [Double](), count: 3)
  var normals = [Double](repeating: 0, count: 3)
  for path in 0..<paths {
    var stream = PathNormalStream(seed: 11, path: UInt64(path))
    for i in 0..<3 { normals[i] = stream.next() }
    var y = log(700.0)
    for t in 0..<3 {
      y += mu + sigma * normals[t]
      byYear[t].append(exp(y))
    }
  }
  for t in 0..<3 {
    let sorted = byYear[t].sorted()
    for (i, p) in levels.enumerated() {
      let q = result.levels[t].quantiles[i]
      let rank = Double(sorted.filter { $0 <= q }.count) / Double(paths)
      #expect(abs(rank - p) <= 0.001, "year \(t) p \(p): rank \(rank)")
    }
  }
}

/// Required growth round trip: shifting every year's log-growth by the solved shift gives the
/// requested probability (same paths, so only the histogram resolution separates them).
@Test func requiredShiftRoundTrips() throws {
  var scenario = Scenario(
    name: "rg", baseYear: 2019, horizonYear: 2023, paths: 20_000, seed: 8,
    series: [SeriesSpec(id: "x", base: 100, growth: .logNormalGrowth(mu: 0.05, sigma: 0.1))],
    targets: [
      TargetSpec(name: "in", series: "x", year: 2022, threshold: 140),
      TargetSpec(name: "by", series: "x", year: 2023, threshold: 150, timing: .byYear),
    ])
  scenario.requiredProbabilities = [0.5, 0.8, 0.9]
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario)
  for (index, target) in result.targets.enumerated() {
    for shift in target.requiredShifts {
      var shifted = scenario
      shifted.series[0].growth = .logNormalGrowth(mu: 0.05 + shift.logShift, sigma: 0.1)
      let p = try Engine.run(shifted).targets[index].probability
      #expect(abs(p - shift.probability) <= 0.002, "\(target.target.name) p=\(shift.probability): got \(p)")
      #expect(shift.standardError > 0 && shift.standardError < 0.01)
    }
  }
  // The in-year case has a closed form: (ln(140/100) − 3(0.05 + δ)) / (0.1√3) = −z_p.
  let exact = (log(1.4) + NormalDistribution.quantile(0.8) * 0.1 * 3.0.squareRoot()) / 3 - 0.05
  #expect(abs(result.targets[0].requiredShifts[1].logShift - exact) < 4 * result.targets[0].requiredShifts[1].standardError)
}

/// AR(1) persistence keeps each year's marginal and makes the two-year log-growth variance
/// σ²(2 + 2φ): closed form for P(level in year 2 ≥ X).
@Test func persistenceMatchesClosedForm() throws {
  let phi = 0.6, sigma = 0.1, mu = 0.05
  var scenario = Scenario(
    name: "ar", baseYear: 2019, horizonYear: 2021, paths: 40_000, seed: 9,
    series: [SeriesSpec(id: "x", base: 100, growth: .logNormalGrowth(mu: mu, sigma: sigma), persistence: phi)],
    targets: [TargetSpec(name: "y2", series: "x", year: 2021, threshold: 125)])
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario)
  let exact = 1 - NormalDistribution.cdf((log(1.25) - 2 * mu) / (sigma * (2 + 2 * phi).squareRoot()))
  let se = (exact * (1 - exact) / 40_000).squareRoot()
  #expect(abs(result.targets[0].probability - exact) < 4 * se, "\(result.targets[0].probability) vs \(exact)")
}

/// Events: a project adding 50 with probability 0.3 (ramped over two years); two downturns on
/// one driver with loading 1 always occur together.
@Test func eventsMatchTheirProbabilities() throws {
  var scenario = Scenario(
    name: "ev", baseYear: 2019, horizonYear: 2022, paths: 20_000, seed: 10,
    series: ["a", "b", "c"].map { SeriesSpec(id: $0, base: 100, growth: .fixed(0)) },
    targets: [
      TargetSpec(name: "project", series: "a", year: 2022, threshold: 140),
      TargetSpec(name: "ramped", series: "a", year: 2020, threshold: 124),
      TargetSpec(name: "not both down", series: "bc", year: 2021, threshold: 140),
      TargetSpec(name: "b not down", series: "b", year: 2021, threshold: 99),
    ])
  scenario.aggregates = [AggregateSpec(id: "bc", members: ["b", "c"])]
  scenario.events = [
    EventSpec(id: "plant", series: "a", probability: 0.3, frequency: .once(timing: [2020: 1]), effect: .addLevel(level: 50, ramp: [0.5, 1])),
    EventSpec(id: "down-b", series: "b", probability: 0.2, frequency: .once(timing: [2021: 1]), effect: .growthShock(-0.5), driver: "economy", loading: 1),
    EventSpec(id: "down-c", series: "c", probability: 0.2, frequency: .once(timing: [2021: 1]), effect: .growthShock(-0.5), driver: "economy", loading: 1),
  ]
  scenario.sensitivityPaths = 0
  let result = try Engine.run(scenario)
  let p = result.targets.map(\.probability)
  #expect(abs(p[0] - 0.3) < 4 * (0.3 * 0.7 / 20_000).squareRoot())
  #expect(p[1] == p[0], "level 125 in 2020 exactly when the plant came in 2020 (half its level)")
  // b + c = 100 < 140 only when both fall: 0.2 if they always fall together (0.04 if independent).
  #expect(abs((1 - p[2]) - 0.2) < 4 * (0.2 * 0.8 / 20_000).squareRoot())
  #expect(p[2] == p[3])
}

@Test func antitheticIsUnbiasedAndReducesError() throws {
  var plain = oneSeries(mean: 0.1, sd: 0.1, paths: 40_000, targets: [TargetSpec(name: "a", series: "x", year: 2022, threshold: 900)])
  plain.requiredProbabilities = []
  var anti = plain
  anti.varianceReduction = .antithetic
  let a = try Engine.run(plain).targets[0], b = try Engine.run(anti).targets[0]
  let exact = lognormalProbability(base: 700, threshold: 900, mean: 0.1, sd: 0.1, years: 3)
  #expect(abs(b.probability - exact) < 4 * b.standardError)
  #expect(b.standardError < a.standardError * 0.9, "\(b.standardError) vs \(a.standardError)")
}

@Test func automaticPathsStopAtTheTolerance() throws {
  var scenario = oneSeries(mean: 0.1, sd: 0.1, paths: 1, targets: [TargetSpec(name: "a", series: "x", year: 2022, threshold: 900)])
  scenario.precision = PrecisionSpec(standardError: 0.0015, maxPaths: 1_000_000)
  scenario.requiredProbabilities = []
  let result = try Engine.run(scenario)
  #expect(result.targets[0].standardError <= 0.0015)
  // Rounds of 16 384 up to 2^17: p ≈ 0.6 needs ≈ 107 000 paths, and 7 · 16 384 = 114 688 is the
  // first round end past that (any p stops there: 0.25 / 114 688 < 0.0015²).
  #expect(result.paths == 114_688, "rounds of 16 384; p ≈ 0.6 needs ≈ 107 000 paths")
}

@Test func sensitivityRanksTheDrivingSeries() throws {
  var scenario = Scenario(
    name: "sens", baseYear: 2019, horizonYear: 2022, paths: 5000, seed: 12,
    series: [
      SeriesSpec(id: "big", base: 100, growth: .lognormal(mean: 0.1, sd: 0.2)),
      SeriesSpec(id: "small", base: 100, growth: .lognormal(mean: 0.1, sd: 0.02)),
    ],
    targets: [TargetSpec(name: "sum", series: "total", year: 2022, threshold: 270)])
  scenario.aggregates = [AggregateSpec(id: "total", members: ["big", "small"])]
  scenario.sensitivityPaths = 4000
  let result = try Engine.run(scenario)
  let big = result.sensitivity.first { $0.input == "growth:big" }!
  let small = result.sensitivity.first { $0.input == "growth:small" }!
  #expect(big.probabilityHigh - big.probabilityLow > 5 * (small.probabilityHigh - small.probabilityLow))
  #expect(big.firstOrderIndex > 3 * small.firstOrderIndex)
  #expect(big.probabilityLow < big.probabilityHigh)
}

@Test func vectorMathMatchesFoundation() {
  let xs: [Double] = [-700, -20.5, -1, -1e-10, 0, 1e-300, 0.3, 1, 2.5, 10, 300, 700]
  for x in xs {
    let e = VectorMath.expCore(x)
    #expect(abs(e - Foundation.exp(x)) <= 4e-16 * Foundation.exp(x), "exp(\(x))")
  }
  for x in [Double.leastNormalMagnitude / 4, 1e-300, 0.001, 0.5, 1, 1.5, 2, 10, 1e10, 1e300] {
    let l = VectorMath.logCore(x)
    #expect(abs(l - Foundation.log(x)) <= 4e-16 * max(1, abs(Foundation.log(x))), "log(\(x))")
  }
  #expect(VectorMath.logCore(0) == -.infinity)
  #expect(VectorMath.expCore(-800) == 0)
}

/// A series whose future comes from a fitted model (random walk with drift): its simulated mean
/// is base + t·drift, and the model series is as deterministic as the rest.
@Test func modelBasedSeriesFollowsItsModel() throws {
  var modelled = SeriesSpec(id: "m", base: 700, growth: .fixed(0))
  modelled.model = ModelSpec(type: "random_walk_drift", history: [500, 560, 620])
  var scenario = Scenario(
    name: "model", baseYear: 2019, horizonYear: 2022, paths: 20_000, seed: 21,
    series: [modelled, SeriesSpec(id: "x", base: 100, growth: .lognormal(mean: 0.1, sd: 0.1))],
    targets: [TargetSpec(name: "m", series: "m", year: 2022, threshold: 900)])
  scenario.sensitivityPaths = 1000
  let one = try Engine.run(scenario, options: SimulationOptions(threads: 1))
  let two = try Engine.run(scenario, options: SimulationOptions(threads: 2, blockSize: 256))
  #expect(one.levels == two.levels && one.targets == two.targets)
  let drift = 200.0 / 3
  for summary in one.levels where summary.series == "m" {
    let t = Double(summary.year - 2019)
    let se = summary.moments.standardDeviation / Double(summary.moments.count).squareRoot()
    #expect(summary.moments.standardDeviation > 0)
    #expect(abs(summary.moments.mean - (700 + t * drift)) < 4 * se + 1e-6 * 700, "\(summary.year): \(summary.moments.mean)")
  }
  #expect(!one.sensitivity.contains { $0.input == "growth:m" })

  var bad = scenario
  bad.series[0].model = ModelSpec(type: "logistic", history: [1, 1])
  #expect(throws: ScenarioError.self) { try Engine.run(bad) }
}

/// Conditional Monte Carlo: unbiased against the closed form (in-year) and the plain estimate
/// ("by" target), with a much smaller standard error.
@Test func conditionalMonteCarloIsUnbiasedAndSharper() throws {
  var plain = oneSeries(mean: 0.1, sd: 0.1, paths: 20_000, targets: [
    TargetSpec(name: "in", series: "x", year: 2022, threshold: 900),
    TargetSpec(name: "by", series: "x", year: 2022, threshold: 1.3, timing: .byYear, measure: .ratio(from: 2019)),
  ])
  plain.requiredProbabilities = []
  var smooth = plain
  smooth.varianceReduction = .conditional
  let a = try Engine.run(plain).targets, b = try Engine.run(smooth).targets
  let exact = lognormalProbability(base: 700, threshold: 900, mean: 0.1, sd: 0.1, years: 3)
  #expect(abs(b[0].probability - exact) < 4 * b[0].standardError, "\(b[0].probability) vs \(exact)")
  #expect(abs(b[1].probability - a[1].probability) < 4 * a[1].standardError)
  for i in 0..<2 { #expect(b[i].standardError < 0.8 * a[i].standardError, "\(b[i].standardError) vs \(a[i].standardError)") }
}

/// Year-to-date bases: each path draws its own base from its own stream, so threads and block
/// sizes do not change a byte; a ratio from the base year does not depend on the base draw, so it
/// equals the fixed-base run exactly, while a level target feels the base uncertainty.
@Test func yearToDateBasesAreDeterministicAndRelative() throws {
  var scenario = oneSeries(mean: 0.15, sd: 0.1, paths: 20_001, targets: [
    TargetSpec(name: "ratio", series: "x", year: 2022, threshold: 1.4, measure: .ratio(from: 2019)),
    TargetSpec(name: "level", series: "x", year: 2022, threshold: 1300),
  ])
  scenario.requiredProbabilities = [0.5]
  scenario.sensitivityPaths = 0
  let fixed = try Engine.run(scenario, options: SimulationOptions(threads: 1, blockSize: 1024))
  scenario.series[0].ytd = YearToDateSpec(throughMonth: 6, value: scenario.series[0].base / 2, runRateSD: 0.2)
  scenario.series[0].baseFromYTD = true
  let one = try Engine.run(scenario, options: SimulationOptions(threads: 1, blockSize: 1024))
  let two = try Engine.run(scenario, options: SimulationOptions(threads: 2, blockSize: 256))
  #expect(one.levels == two.levels && one.targets == two.targets)
  #expect(one.targets[0].probability == fixed.targets[0].probability)
  #expect(one.targets[1].probability != fixed.targets[1].probability)
  // The first simulated year's spread grows by the base's log sd (0.2 on top of the growth's ~0.087).
  let spread = { (r: SimulationResult) in r.levels[0].quantiles.last! / r.levels[0].quantiles.first! }
  #expect(spread(one) > spread(fixed) * 1.5)
}

/// The block's shocks are each path's own `PathNormalStream`, also for a block whose path count
/// is not a multiple of the four SIMD lanes; with antithetic variates path 2i+1 takes path 2i's
/// normals negated, also when the block ends on an even path. Checked through the log-levels of
/// an uncorrelated lognormal series: year t's normal is (x_t − x_{t−1} − μ)/σ.
@Test func blockShocksArePathStreamsForAnyBlockLength() throws {
  for antithetic in [false, true] {
    var scenario = Scenario(
      name: "lanes", baseYear: 2019, horizonYear: 2022, paths: 13, seed: 17,
      series: [SeriesSpec(id: "x", base: 100, growth: .logNormalGrowth(mu: 0.05, sigma: 0.2))], targets: [])
    scenario.sensitivityPaths = 0
    scenario.varianceReduction = antithetic ? .antithetic : .none
    let plan = try SimulationPlan(scenario: scenario)
    let kernel = BlockKernel(plan: plan, grids: Engine.pilotGrids(plan, paths: 13), blockSize: 16)
    kernel.simulate(firstPath: 32, count: 13)
    for j in 0..<13 {
      let path = 32 + j
      var stream = PathNormalStream(seed: 17, path: UInt64(antithetic ? path - path % 2 : path))
      var previous = log(100.0)
      for t in 0..<3 {
        let x = kernel.z[t * 16 + j, 0]
        let z = (x - previous - 0.05) / 0.2
        let expected = antithetic && path % 2 == 1 ? -stream.next() : stream.next()
        #expect(abs(z - expected) < 1e-12, "antithetic \(antithetic) path \(path) year \(t): \(z) vs \(expected)")
        previous = x
      }
    }
  }
}

/// Binning a row: indices clamp to the underflow/overflow bins (NaN to underflow), and the
/// exact extremes come from the integer order keys, NaN ignored, signed zeros and infinities kept.
@Test func rowBinIndicesAndExtremes() {
  let grid = HistogramGrid(lower: 0, width: 0.5, bins: 8)
  let inverse = 1 / grid.width, shifted = 1 - grid.lower * inverse, top = Double(grid.bins + 1)
  let values: [Double] = [0.1, -0.0, 3.99, 4.0, -7, .nan, 2.25, -.nan, 1e300]
  var store = [Int32](repeating: -1, count: values.count)
  var indices = store.mutableSpan
  let (low, high) = RowLoops.binIndices(values.span, inverseWidth: inverse, shifted: shifted, top: top, into: &indices)
  #expect(low == -7 && high == 1e300)
  #expect(Array(0..<values.count).map { Int(indices[$0]) } == [1, 1, 8, 9, 0, 0, 5, 0, 9])
  let onlyNaN: [Double] = [.nan, .nan]
  let (a, b) = RowLoops.binIndices(onlyNaN.span, inverseWidth: inverse, shifted: shifted, top: top, into: &indices)
  #expect(a == .infinity && b == -.infinity)
  for x in [-Double.infinity, -1e-300, -0.0, 0.0, Double.leastNonzeroMagnitude, 1, .infinity] {
    #expect(RowLoops.fromOrderKey(RowLoops.orderKey(x)).bitPattern == x.bitPattern)
  }
  #expect(RowLoops.orderKey(-0.0) < RowLoops.orderKey(0.0) && RowLoops.orderKey(-1) < RowLoops.orderKey(-0.5))
}

@Test(arguments: [VarianceReduction.none, .antithetic])
func pilotGridsDoNotDependOnItsBlocks(_ method: VarianceReduction) throws {
  // ControlVariateTests' portfolio: two series, an aggregate (binned here) and four targets.
  var scenario = portfolio(paths: 1000, seed: 9, method: method)
  scenario.aggregates[0].forecast = true
  scenario.requiredProbabilities = [0.5]
  let plan = try SimulationPlan(scenario: scenario)
  // One block of all 1000 pilot paths (the grids' definition) against blocks of 2, 16 and 256
  // (the last block short): the same numbers per path, so the same grids, shifts included.
  let whole = Engine.pilotGrids(plan, paths: 1000, blockSize: 1000)
  #expect(whole.shifts.count == 4 && whole.shifts.allSatisfy { $0.bins > 1 } && whole.cells.count == 3 * 6)
  for size in [2, 16, 256] {
    #expect(Engine.pilotGrids(plan, paths: 1000, blockSize: size) == whole, "blocks of \(size)")
  }
}
