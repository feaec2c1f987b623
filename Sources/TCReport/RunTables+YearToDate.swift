import Foundation
import TCScenario

/// The year-to-date plausibility check: closed forms from the scenario, no simulation.
extension RunTables {
  /// `ytd_check.csv`: one row per series with a `ytd` figure (nil when no series has one).
  ///
  /// `implied_remaining_share` is `1 − ytd/official_estimate`; the historical columns summarize
  /// `1 − sᵢ` over the earlier years (empty for a run-rate figure); `estimate_percentile` is
  /// P(full year ≤ estimate) in the full-year distribution.
  public static func yearToDateCheck(_ scenario: Scenario) -> CSVTable? {
    let rows = scenario.series.compactMap { spec in spec.ytd.map { (spec, $0) } }
    guard !rows.isEmpty else { return nil }
    var table = CSVTable(header: [
      "series", "method", "through_month", "ytd", "base", "base_from_ytd", "official_estimate", "implied_remaining_share",
      "historical_remaining_share_mean", "historical_remaining_share_min", "historical_remaining_share_max",
      "estimate_percentile", "full_year_p05", "full_year_p50", "full_year_p95",
    ])
    for (spec, ytd) in rows {
      let remaining = ytd.historicalRemainingShares
      let history: [String] = remaining.isEmpty
        ? ["", "", ""]
        : [remaining.reduce(0, +) / Double(remaining.count), remaining.min()!, remaining.max()!].map(NumberFormat.probability)
      let estimate: [String] = ytd.officialEstimate.map { e in
        [NumberFormat.level(e), NumberFormat.probability(ytd.impliedRemainingShare(of: e))]
      } ?? ["", ""]
      table.append(
        [spec.id, ytd.usesHistory ? "history" : "run_rate", String(ytd.throughMonth), NumberFormat.level(ytd.value),
         NumberFormat.level(spec.base), spec.baseFromYTD ? "true" : "false"]
          + estimate + history
          + [ytd.officialEstimate.map { NumberFormat.probability(ytd.percentile(of: $0)) } ?? ""]
          + [0.05, 0.5, 0.95].map { NumberFormat.level(ytd.quantile($0)) })
    }
    return table
  }

  /// One line per series with an official estimate, for the terminal summary and report.md.
  public static func yearToDateLines(_ scenario: Scenario) -> [String] {
    scenario.series.compactMap { spec -> String? in
      guard let ytd = spec.ytd, let estimate = ytd.officialEstimate else { return nil }
      func amount(_ x: Double) -> String { HumanFormat.level(x, units: scenario.units(of: spec.id)) }
      let remaining = ytd.historicalRemainingShares
      let against = remaining.isEmpty
        ? "run-rate \(amount(ytd.runRate)), months left \(HumanFormat.percent(Double(12 - ytd.throughMonth) / 12)) of the year"
        : "history \(HumanFormat.percent(remaining.min()!))–\(HumanFormat.percent(remaining.max()!)), mean \(HumanFormat.percent(remaining.reduce(0, +) / Double(remaining.count)))"
      return "\(spec.label): estimate \(amount(estimate)) for \(scenario.baseYear) leaves "
        + "\(HumanFormat.percent(ytd.impliedRemainingShare(of: estimate))) of the year to \(ytd.throughMonth == 11 ? "December" : "months \(ytd.throughMonth + 1)–12") (\(against)); "
        + "percentile \(HumanFormat.percent(ytd.percentile(of: estimate))) of the full-year distribution "
        + "(5–95%: \(HumanFormat.levels(ytd.quantile(0.05), ytd.quantile(0.95), units: scenario.units(of: spec.id), separator: "–")))"
    }
  }
}
