import Foundation
import TCEngine
import TCScenario

extension RunTables {
  /// `time_to_target.csv`: for each target and simulated year, P(first reached by that year);
  /// one extra row per target (`year` = `never`) with P(not reached within the horizon), and the
  /// median first year in every row of the target.
  public static func timeToTarget(_ result: SimulationResult) -> CSVTable {
    var table = CSVTable(header: ["target", "series", "year", "p_reached_by", "median_year"])
    for target in result.targets {
      let median = target.medianYear.map(String.init) ?? "not within horizon"
      for (t, share) in target.reachedBy.enumerated() {
        table.append([
          target.target.name, target.target.series, String(result.scenario.baseYear + 1 + t),
          NumberFormat.probability(share), median,
        ])
      }
      table.append([target.target.name, target.target.series, "never", NumberFormat.probability(target.notReached), median])
    }
    return table
  }

  /// `member_counts.csv`, for k-of-n targets: the distribution of how many member targets a
  /// path has reached by each simulated year (`reached_by`) and meets in their decision years
  /// (`met`, in the target's year); nil when the run has no k-of-n target.
  public static func memberCounts(_ result: SimulationResult) -> CSVTable? {
    let composites = result.targets.filter { !$0.memberCounts.isEmpty }
    guard !composites.isEmpty else { return nil }
    var table = CSVTable(header: ["target", "basis", "year", "members", "count", "p_exactly", "p_at_least"])
    for target in composites {
      let h = target.memberCounts.count - 1
      for (t, row) in target.memberCounts.enumerated() {
        let basis = t == h ? "met" : "reached_by"
        let year = t == h ? target.target.year : result.scenario.baseYear + 1 + t
        for (count, share) in row.enumerated() {
          table.append([
            target.target.name, basis, String(year), String(row.count - 1), String(count),
            NumberFormat.probability(share), NumberFormat.probability(TargetResult.atLeast(count, in: row)),
          ])
        }
      }
    }
    return table
  }

  /// `required_growth.csv`: per target met from below (at least a level, ratio, CAGR or
  /// year-on-year growth), the deterministic required CAGR and, for each requested
  /// probability, the shift of the growth assumption (log-growth per year, and as a rate
  /// multiplier e^shift − 1) that gives that probability, with its Monte Carlo standard error.
  public static func requiredGrowth(_ result: SimulationResult) -> CSVTable {
    var table = CSVTable(header: [
      "target", "series", "required_cagr", "probability", "log_growth_shift", "shift_std_error", "growth_factor_change",
    ])
    // Only targets met from below have a growth shift that raises their probability.
    for target in result.targets where target.target.isSimpleAtLeast {
      for shift in target.requiredShifts {
        table.append([
          target.target.name, target.target.series, NumberFormat.rate(target.requiredCAGR),
          NumberFormat.probability(shift.probability), NumberFormat.rate(shift.logShift),
          NumberFormat.rate(shift.standardError), NumberFormat.rate(Foundation.expm1(shift.logShift)),
        ])
      }
    }
    return table
  }

  /// `sensitivity.csv`: per target and input, the target's probability among the run's paths
  /// with the input in its lowest and highest tenth (an event: not occurring, occurring), their
  /// difference, the median decision-year level in the two groups, and the first-order index.
  public static func sensitivity(_ result: SimulationResult) -> CSVTable {
    var table = CSVTable(header: [
      "target", "input", "probability_low", "probability_high", "swing", "median_low", "median_high", "first_order_index",
    ])
    for entry in result.sensitivity {
      table.append([
        entry.target, entry.input, NumberFormat.probability(entry.probabilityLow),
        NumberFormat.probability(entry.probabilityHigh),
        NumberFormat.rate(entry.probabilityHigh - entry.probabilityLow),
        NumberFormat.level(entry.medianLow), NumberFormat.level(entry.medianHigh),
        NumberFormat.probability(entry.firstOrderIndex),
      ])
    }
    return table
  }
}

extension TargetResult {
  /// P(at least c members) from a row of `memberCounts`: 1 − P(fewer), clamped to [0, 1]
  /// (exactly 1 for c = 0).
  static func atLeast(_ c: Int, in row: [Double]) -> Double {
    min(1, max(0, 1 - row[..<c].reduce(0, +)))
  }
}
