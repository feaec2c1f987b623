import Foundation
import TCRandom
import TCScenario

extension Engine {
  /// Largest level a plan may reach on its highest plausible path. Means and standard
  /// deviations sum levels and squared deviations over up to 10^9 paths (and aggregates over
  /// up to 10^4 series), which stays finite below about 10^140.
  public static let maximumLevel = 1e140

  /// The driving normal at which the bound is taken: a year's growth above it has probability
  /// 6 × 10^-16, so 10^9 paths of 200 years of 100 series reach it with odds below 2%.
  static let highNormal = 8.0
}

extension SimulationPlan {
  /// Refuses plans whose levels could overflow what a run can report: for each series, the
  /// level reached when every year's growth sits at its 1-in-1.6×10^15 high (`Engine.highNormal`),
  /// every mean-reversion shift and positive growth shock applies, and every added level comes
  /// in full, must stay below ``Engine/maximumLevel``. Series driven by a fitted model are bounded by
  /// their own history and are not checked here (the writers' final guard still is).
  func checkLevelsStayFinite(scenario: Scenario) throws(ScenarioError) {
    let plan = self, highNormal = Engine.highNormal
    let h = plan.horizon, limit = log(Engine.maximumLevel)
    let highUniform = NormalDistribution.cdf(highNormal)
    for s in 0..<plan.seriesCount where plan.models[s] == nil {
      var logLevel = plan.logBases[s]
      for draw in plan.baseDraws where draw.series == s {
        logLevel = max(logLevel, draw.logLevel.quantile(highUniform))
      }
      var added = 0.0
      for event in plan.events where event.series == s {
        let times = Double(event.timing == nil ? event.years.count : 1)
        if let level = event.addLevel, level > 0 { added += times * level * (event.ramp.max() ?? 1) }
        if event.logShock > 0 { logLevel += times * event.logShock }
      }
      for t in 0..<h {
        logLevel += plan.laws[s * h + t].logGrowth(highNormal) + max(0, plan.shifts[s * h + t])
        // log(e^y + added) without overflow: the larger term plus log1p of the ratio.
        let top = added > 0 ? max(logLevel, log(added)) + log1p(exp(-abs(logLevel - log(added)))) : logLevel
        guard top <= limit else {
          let year = scenario.baseYear + 1 + t
          let size = top.isFinite ? "about 1e\(Int(top / M_LN10))" : "an unbounded level"
          throw ScenarioError(
            file: scenario.sourceFile, key: "series[\(s)].growth",
            message: "series '\(scenario.series[s].id)' could reach \(size) by \(year) on its highest paths (growth at its 1-in-10^15 high every year), "
              + "beyond the 1e140 a run can report: use larger units, a lower or less dispersed growth, or a shorter horizon")
        }
      }
    }
  }
}
