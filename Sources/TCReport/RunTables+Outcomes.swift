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

  /// `required_growth.csv`: per target, the deterministic required CAGR and, for each requested
  /// probability, the shift of the growth assumption (log-growth per year, and as a rate
  /// multiplier e^shift − 1) that gives that probability, with its Monte Carlo standard error.
  public static func requiredGrowth(_ result: SimulationResult) -> CSVTable {
    var table = CSVTable(header: [
      "target", "series", "required_cagr", "probability", "log_growth_shift", "shift_std_error", "growth_factor_change",
    ])
    for target in result.targets {
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

  /// `sensitivity.csv`: tornado (probability and median with each input at its 10th and 90th
  /// percentile, others random) and the standardized regression coefficient, per target and input.
  public static func sensitivity(_ result: SimulationResult) -> CSVTable {
    var table = CSVTable(header: [
      "target", "input", "probability_p10", "probability_p90", "swing", "median_p10", "median_p90", "src",
    ])
    for entry in result.sensitivity {
      table.append([
        entry.target, entry.input, NumberFormat.probability(entry.probabilityLow),
        NumberFormat.probability(entry.probabilityHigh),
        NumberFormat.probability(entry.probabilityHigh - entry.probabilityLow),
        NumberFormat.level(entry.medianLow), NumberFormat.level(entry.medianHigh),
        NumberFormat.rate(entry.standardizedCoefficient),
      ])
    }
    return table
  }
}
