import Foundation
import TCRandom
import TCScenario
import TCStatistics
import Testing
@testable import TCEngine

/// P(U_A ≥ c | U_B between the q_lo and q_hi quantiles) for standard bivariate normal (U_A, U_B)
/// with correlation ρ: (1/(q_hi − q_lo)) ∫ φ(u) Φ((ρu − c)/√(1 − ρ²)) du over that band of U_B,
/// by Simpson's rule on 4000 intervals (the tails cut at ±9).
private func conditional(_ c: Double, rho: Double, from qLow: Double, to qHigh: Double) -> Double {
  let a = qLow == 0 ? -9 : NormalDistribution.quantile(qLow)
  let b = qHigh == 1 ? 9 : NormalDistribution.quantile(qHigh)
  let n = 4000, step = (b - a) / Double(n), s = (1 - rho * rho).squareRoot()
  func f(_ u: Double) -> Double { exp(-u * u / 2) / (2 * Double.pi).squareRoot() * NormalDistribution.cdf((rho * u - c) / s) }
  var sum = f(a) + f(b)
  for i in 1..<n { sum += f(a + Double(i) * step) * (i % 2 == 1 ? 4 : 2) }
  return sum * step / 3 / (qHigh - qLow)
}

/// Two series whose yearly log-growth shocks are correlated ρ; A's target depends on B only
/// through that correlation. Over the three simulated years B's input (its mean shock) and A's
/// standardized log-level are bivariate normal with correlation ρ, so P(A's target | B in its
/// lowest or highest tenth) and B's first-order index have closed forms. Checked within 4
/// binomial standard errors (each tenth holds 10 000 of the 100 000 sensitivity paths), with
/// the sign following ρ's; the index within 0.01 (its Monte Carlo error is about 0.003).
@Test(arguments: [0.6, -0.6])
func sensitivityToACorrelatedSeriesMatchesTheBivariateNormal(rho: Double) throws {
  let mu = 0.1, sigma = 0.15, c = 0.5
  // U_A ≥ c  ⇔  level_2022 ≥ 100·exp(3μ + c·σ·√3).
  let threshold = 100 * exp(3 * mu + c * sigma * 3.0.squareRoot())
  var scenario = Scenario(
    name: "rho", baseYear: 2019, horizonYear: 2022, paths: 100_000, seed: 21,
    series: [
      SeriesSpec(id: "a", base: 100, growth: .logNormalGrowth(mu: mu, sigma: sigma)),
      SeriesSpec(id: "b", base: 100, growth: .logNormalGrowth(mu: mu, sigma: sigma)),
    ],
    correlation: [[1, rho], [rho, 1]],
    targets: [TargetSpec(name: "a", series: "a", year: 2022, threshold: threshold)])
  scenario.sensitivityPaths = 100_000
  scenario.requiredProbabilities = []
  let result = try Engine.run(scenario)
  let entry = try #require(result.sensitivity.first { $0.input == "growth:b" })
  let low = conditional(c, rho: rho, from: 0, to: 0.1), high = conditional(c, rho: rho, from: 0.9, to: 1)
  for (estimate, exact) in [(entry.probabilityLow, low), (entry.probabilityHigh, high)] {
    let se = (exact * (1 - exact) / 10_000).squareRoot()
    #expect(abs(estimate - exact) < 4 * se, "ρ = \(rho): \(estimate) vs \(exact)")
  }
  #expect(rho > 0 ? entry.probabilityHigh - entry.probabilityLow > 0.3 : entry.probabilityLow - entry.probabilityHigh > 0.3)
  // First-order index over tenths: Σ 0.1·(p_d − p)² / (p(1 − p)).
  let p = 1 - NormalDistribution.cdf(c)
  let tenths = (0..<10).map { conditional(c, rho: rho, from: Double($0) / 10, to: Double($0 + 1) / 10) }
  let exactIndex = tenths.reduce(0) { $0 + 0.1 * ($1 - p) * ($1 - p) } / (p * (1 - p))
  #expect(abs(entry.firstOrderIndex - exactIndex) < 0.01, "ρ = \(rho): index \(entry.firstOrderIndex) vs \(exactIndex)")
  // A's own growth explains more of A's target than B's does.
  let own = try #require(result.sensitivity.first { $0.input == "growth:a" })
  #expect(own.firstOrderIndex > entry.firstOrderIndex)
}

/// A year-to-date base draw and an event are inputs too: the event's groups are the paths where
/// it did not and did occur, so its bars are P(target | absent) and P(target | occurs).
@Test func eventAndYearToDateInputsAreGroupedByOutcome() throws {
  var scenario = Scenario(
    name: "ev", baseYear: 2019, horizonYear: 2021, paths: 20_000, seed: 4,
    series: [SeriesSpec(id: "x", base: 100, growth: .lognormal(mean: 0.05, sd: 0.02))],
    targets: [TargetSpec(name: "x ≥ 125", series: "x", year: 2021, threshold: 125)])
  scenario.events = [
    EventSpec(id: "plant", series: "x", probability: 0.4, frequency: .once(timing: [2020: 1]), effect: .addLevel(level: 20, ramp: [1]))
  ]
  scenario.sensitivityPaths = 20_000
  let result = try Engine.run(scenario)
  let event = try #require(result.sensitivity.first { $0.input == "event:plant" })
  // Without the plant x reaches about 110, never 125; with it about 130: P ≈ 0 and ≈ 1.
  #expect(event.probabilityLow < 0.01 && event.probabilityHigh > 0.95, "\(event)")
  #expect(event.firstOrderIndex > 0.9, "the event decides the target")
}
