import Foundation
import Testing
@testable import TCScenario

private func normalCDF(_ z: Double) -> Double { 0.5 * (1 + erf(z / 2.0.squareRoot())) }

/// Run-rate: ln F ~ N(ln(ytd·12/m), σ²), so P(F ≤ e) = Φ((ln e − ln(ytd·12/m))/σ) exactly.
@Test func runRatePercentileIsTheNormalClosedForm() {
  let ytd = YearToDateSpec(throughMonth: 10, value: 100, runRateSD: 0.05, officialEstimate: 130)
  #expect(ytd.runRate == 120)
  #expect(abs(ytd.median - 120) < 1e-9)
  let expected = normalCDF((log(130.0) - log(120.0)) / 0.05)
  #expect(abs(ytd.percentile(of: 130) - expected) < 1e-12)
  // 95% quantile: 120·exp(1.6448536269514722·0.05).
  #expect(abs(ytd.quantile(0.95) - 120 * exp(1.6448536269514722 * 0.05)) < 1e-7)
  #expect(abs(ytd.impliedRemainingShare(of: 130) - (1 - 100.0 / 130)) < 1e-15)
  #expect(ytd.percentile(of: 99) == 0)  // below what is already booked
}

/// History of 3 shares: ln F is t₂ with location ln(ytd) − x̄ and scale d·√(4/3). Student t with
/// 2 degrees of freedom has the closed forms F(t) = 1/2 + t/(2√(2 + t²)) and
/// t_p = (2p − 1)/√(2p(1 − p)).
@Test func historyMatchesAHandComputation() {
  let shares = [0.80, 0.85, 0.90]
  let ytd = YearToDateSpec(throughMonth: 10, value: 170, shares: shares, officialEstimate: 215)
  let x = shares.map { log($0) }
  let mean = x.reduce(0, +) / 3
  let sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
  let location = log(170.0) - mean, scale = sd * (4.0 / 3).squareRoot()
  #expect(abs(ytd.median - 170 / exp(mean)) < 1e-9)
  let t = (log(215.0) - location) / scale
  let expected = 0.5 + t / (2 * (2 + t * t).squareRoot())
  #expect(abs(ytd.percentile(of: 215) - expected) < 1e-10)
  let p = 0.95
  let tp = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
  #expect(abs(ytd.quantile(p) - exp(location + scale * tp)) / ytd.quantile(p) < 1e-9)
  #expect(ytd.historicalRemainingShares.map { ($0 * 100).rounded() } == [20, 15, 10])
}

private func scenario(series: String) -> String {
  """
  base_year: 2019
  horizon: 2021
  series:
    - id: a
  \(series)
      growth: {distribution: lognormal, mean: 0.1, sd: 0.05}
  targets: []
  """
}

@Test func baseComesFromTheYearToDateMedianWhenOmitted() throws {
  let derived = try Scenario.parse(yaml: scenario(series: "    ytd: {through_month: 6, value: 50, run_rate_sd: 0.1}"))
  #expect(abs(derived.series[0].base - 100) < 1e-9)
  #expect(derived.series[0].baseFromYTD)
  let history = try Scenario.parse(yaml: scenario(series: """
        ytd:
          through_month: 10
          value: 170
          history: [{year: 2017, through_month_value: 80, full_year: 100}, {year: 2018, through_month_value: 90, full_year: 100}]
    """))
  #expect(history.series[0].ytd?.shares == [0.8, 0.9])
  let fixed = try Scenario.parse(yaml: scenario(series: "    base: 90\n    ytd: {through_month: 6, value: 50, run_rate_sd: 0.1, official_estimate: 110}"))
  #expect(fixed.series[0].base == 90 && !fixed.series[0].baseFromYTD)
  #expect(fixed.series[0].ytd?.officialEstimate == 110)
}

@Test(arguments: [
  ("    ytd: {through_month: 12, value: 50, run_rate_sd: 0.1}", 5, "series[0].ytd.through_month", "1 (January) to 11"),
  ("    ytd: {through_month: 0, value: 50, run_rate_sd: 0.1}", 5, "series[0].ytd.through_month", "1 (January) to 11"),
  ("    ytd: {through_month: 6, value: -5, run_rate_sd: 0.1}", 5, "series[0].ytd.value", "positive cumulative"),
  ("    ytd: {through_month: 6, value: 50}", 5, "series[0].ytd", "missing required key 'run_rate_sd'"),
  ("    ytd: {through_month: 6, value: 50, shares: [0.5], official_estimate: 90}", 5, "series[0].ytd.shares", "at least 2"),
  ("    ytd: {through_month: 6, value: 50, shares: [0.5, 0.6], run_rate_sd: 0.1}", 5, "series[0].ytd.run_rate_sd", "applies only without"),
  ("    ytd: {through_month: 6, value: 50, shares: [0.5, 1.2]}", 5, "series[0].ytd.shares[1]", "in (0, 1]"),
  ("    ytd: {through_month: 6, value: 50, run_rte_sd: 0.1}", 5, "series[0].ytd.run_rte_sd", "did you mean 'run_rate_sd'"),
])
func badYearToDateInputSaysWhereAndWhat(series: String, line: Int, key: String, fragment: String) {
  do {
    _ = try Scenario.parse(yaml: scenario(series: series), file: "ytd.yaml")
    Issue.record("expected an error for \(series)")
  } catch {
    #expect(error.file == "ytd.yaml")
    #expect(error.line == line, "\(error)")
    #expect(error.key == key, "\(error)")
    #expect(error.message.contains(fragment), "\(error)")
  }
}

@Test func missingBaseWithoutYearToDateIsAnError() {
  #expect(throws: ScenarioError.self) { try Scenario.parse(yaml: scenario(series: "    label: A")) }
}
