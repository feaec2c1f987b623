import Foundation
import TCRandom
import TCScenario
import TCStatistics
import Testing
@testable import TCEngine

/// Lognormal growth (mean 0.1, sd 0.1 a year) as μ and σ of the yearly log-growth.
private let law: (mu: Double, sigma: Double) = {
  let sigma2 = log1p(0.01 / 1.21)
  return (log(1.1) - sigma2 / 2, sigma2.squareRoot())
}()

/// P(log(level_y / 100) ≤ x) after `years` years of the law above.
private func cdf(_ level: Double, years: Int) -> Double {
  NormalDistribution.cdf((log(level / 100) - Double(years) * law.mu) / (Double(years).squareRoot() * law.sigma))
}

private func threeSeries(paths: Int, targets: [TargetSpec], correlation: Double = 0, method: VarianceReduction = .none) -> Scenario {
  let rho = correlation
  var s = Scenario(
    name: "kinds", baseYear: 2019, horizonYear: 2024, paths: paths, seed: 17,
    series: ["a", "b", "c"].map { SeriesSpec(id: $0, base: 100, growth: .lognormal(mean: 0.1, sd: 0.1)) },
    correlation: rho == 0 ? nil : [[1, rho, rho], [rho, 1, rho], [rho, rho, 1]], targets: targets)
  s.sensitivityPaths = 0
  s.varianceReduction = method
  return s
}

/// `at_most`, `between` and year-on-year targets against their closed forms (lognormal growth:
/// the log-level is normal), within 4 binomial standard errors on 40 000 paths, under every
/// variance-reduction method (the methods that need a target met from below fall back to the
/// plain share for these).
@Test(arguments: [VarianceReduction.none, .antithetic, .conditional, .controlVariate])
func ceilingBandAndYearOnYearTargetsMatchClosedForms(method: VarianceReduction) throws {
  let targets = [
    TargetSpec(name: "a ≤ 120 in 2021", series: "a", year: 2021, threshold: 120, comparison: .atMost),
    TargetSpec(name: "a 110–130 in 2021", series: "a", year: 2021, threshold: 110, comparison: .between(upper: 130)),
    TargetSpec(name: "b +15% in 2022", series: "b", year: 2022, threshold: 0.15, measure: .yearOnYear),
    TargetSpec(name: "b +5% in 2020", series: "b", year: 2020, threshold: 0.05, measure: .yearOnYear),
    TargetSpec(name: "c ≤ 90 by 2023", series: "c", year: 2023, threshold: 90, timing: .byYear, comparison: .atMost),
  ]
  let paths = 40_000
  let result = try Engine.run(threeSeries(paths: paths, targets: targets, method: method))
  let yoy: (Double) -> Double = { g in 1 - NormalDistribution.cdf((log1p(g) - law.mu) / law.sigma) }
  let exact = [
    cdf(120, years: 2), cdf(130, years: 2) - cdf(110, years: 2), yoy(0.15), yoy(0.05),
  ]
  for (index, p) in exact.enumerated() {
    let estimate = result.targets[index].probability
    let se = (p * (1 - p) / Double(paths)).squareRoot()
    #expect(abs(estimate - p) < 4 * se, "\(targets[index].name): \(estimate) vs \(p)")
  }
  // "At most 90 by 2023": the walk dips to 90 in some year up to 2023, at least as likely as
  // in 2023 itself and at most the union bound over the four years.
  let by = result.targets[4].probability
  let years = (1...4).map { cdf(90, years: $0) }
  #expect(by >= years[3] - 0.01 && by <= years.reduce(0, +) + 0.01, "\(by) vs \(years)")
  #expect(result.targets[4].requiredShifts.allSatisfy { $0.logShift.isNaN }, "no growth shift for a ceiling")
}

/// k-of-n and all-of targets on three independent series against the Poisson-binomial closed
/// form of their members' exact probabilities (4 standard errors), and against a brute-force
/// count of the members' own outcomes on the same paths (exact).
@Test func kOfNTargetsMatchTheirMembers() throws {
  let members = [
    TargetSpec(name: "a ≥ 125 in 2022", series: "a", year: 2022, threshold: 125),
    TargetSpec(name: "b ≥ 140 in 2023", series: "b", year: 2023, threshold: 140),
    TargetSpec(name: "c ≤ 115 in 2021", series: "c", year: 2021, threshold: 115, comparison: .atMost),
  ]
  let names = members.map(\.name)
  let targets = members + [
    TargetSpec(name: "2 of 3", members: names, required: 2, year: 2023),
    TargetSpec(name: "all", members: names, required: 3, year: 2023),
    TargetSpec(name: "1 of 2", members: Array(names.prefix(2)), required: 1, year: 2023),
  ]
  let paths = 40_000
  let scenario = threeSeries(paths: paths, targets: targets)
  let result = try Engine.run(scenario)
  let p = [1 - cdf(125, years: 3), 1 - cdf(140, years: 4), cdf(115, years: 2)]
  // Poisson-binomial: P(exactly c of the three).
  var exactly = [1.0]
  for q in p {
    var next = Array(repeating: 0.0, count: exactly.count + 1)
    for (c, w) in exactly.enumerated() {
      next[c] += w * (1 - q)
      next[c + 1] += w * q
    }
    exactly = next
  }
  let twoOfThree = exactly[2] + exactly[3]
  let oneOfTwo = 1 - (1 - p[0]) * (1 - p[1])
  for (index, value) in [(3, twoOfThree), (4, exactly[3]), (5, oneOfTwo)] {
    let se = (value * (1 - value) / Double(paths)).squareRoot()
    #expect(abs(result.targets[index].probability - value) < 4 * se, "\(targets[index].name): \(result.targets[index].probability) vs \(value)")
  }
  let met = result.targets[3].memberCounts.last!
  for c in 0...3 {
    let se = (exactly[c] * (1 - exactly[c]) / Double(paths)).squareRoot()
    #expect(abs(met[c] - exactly[c]) < 4 * se, "P(exactly \(c)): \(met[c]) vs \(exactly[c])")
  }

  // Brute force on the recorded paths: the composite is met exactly where ≥ k members are.
  let plan = try SimulationPlan(scenario: scenario)
  let prepared = try Engine.prepare(scenario, options: SimulationOptions())
  let kernel = BlockKernel(plan: plan, grids: prepared.grids, blockSize: 512)
  var counted = [0, 0, 0], histogram = [0, 0, 0, 0]
  var first = 0
  while first < paths {
    let n = min(512, paths - first)
    let record = kernel.simulate(firstPath: first, count: n, record: true)!
    for j in 0..<n {
      let m = (0..<3).reduce(0) { $0 + Int(record.success[$1][j]) }
      histogram[m] += 1
      if m >= 2 { counted[0] += 1 }
      if m == 3 { counted[1] += 1 }
      if record.success[0][j] + record.success[1][j] >= 1 { counted[2] += 1 }
      for (i, index) in [3, 4, 5].enumerated() { #expect(record.success[index][j] == (i == 0 ? (m >= 2 ? 1 : 0) : i == 1 ? (m == 3 ? 1 : 0) : (record.success[0][j] + record.success[1][j] >= 1 ? 1 : 0))) }
    }
    first += n
  }
  #expect(result.targets[3].estimate.successes == counted[0])
  #expect(result.targets[4].estimate.successes == counted[1])
  #expect(result.targets[5].estimate.successes == counted[2])
  #expect(met == histogram.map { Double($0) / Double(paths) })
}

/// With `by` members the member-count rows are cumulative: reached by year t counts members
/// first reached up to t, so P(≥ c by t) never falls with t, every row sums to 1, and the
/// decision year's row matches the members' outcomes; shards merge to the same counts.
@Test func memberCountsByYearAreCumulativeAndMergeExactly() throws {
  let members = ["a", "b", "c"].map {
    TargetSpec(name: "\($0) ×1.4", series: $0, year: 2024, threshold: 1.4, timing: .byYear, measure: .ratio(from: 2019))
  }
  let targets = members + [TargetSpec(name: "2 of 3 grow 40%", members: members.map(\.name), required: 2, year: 2024)]
  let scenario = threeSeries(paths: 20_000, targets: targets, correlation: 0.6)
  let result = try Engine.run(scenario)
  let rows = result.targets[3].memberCounts
  #expect(rows.count == 6)
  for row in rows { #expect(abs(row.reduce(0, +) - 1) < 1e-12) }
  for t in 1..<5 {
    for c in 1...3 { #expect(rows[t][c...].reduce(0, +) >= rows[t - 1][c...].reduce(0, +) - 1e-12) }
  }
  #expect(rows[4] == rows[5], "by-2024 members: reached by 2024 = met")
  #expect(abs(rows[4][2...].reduce(0, +) - result.targets[3].probability) < 1e-12)
  // The composite's first year is the second member's: P(reached by 2024) is its probability.
  #expect(abs(result.targets[3].reachedBy[4] - result.targets[3].probability) < 1e-12)

  let parts = try (1...3).map { try Engine.runPart(scenario, shard: $0, of: 3) }
  let merged = try Engine.merge(parts, scenario: scenario)
  // NaN ≠ NaN (no required growth for a k-of-n target): compare the printed results.
  #expect(String(describing: merged.targets) == String(describing: result.targets))
  #expect(merged.targets[3].memberCounts == rows)
}
