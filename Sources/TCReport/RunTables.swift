import Foundation
import TCEngine
import TCScenario

/// The tables a run writes, built from a simulation result.
public enum RunTables {
  /// `forecast.csv`: tidy, one row per series and year.
  public static func forecast(_ result: SimulationResult) -> CSVTable {
    let quantileColumns = result.quantileLevels.map { String(format: "p%02d", Int(($0 * 100).rounded())) }
    var table = CSVTable(header: ["series", "year", "mean", "sd"] + quantileColumns)
    for summary in result.levels {
      table.append(
        [summary.series, String(summary.year), NumberFormat.level(summary.moments.mean),
         NumberFormat.level(summary.moments.standardDeviation)]
          + summary.quantiles.map(NumberFormat.level))
    }
    return table
  }

  /// `targets.csv`: one row per target with its kind and thresholds (`threshold` is the level,
  /// ratio, rate or k; `upper` the top of a `between` band), its probability, Monte Carlo
  /// standard error and 95% interval, and the constant growth rate the target requires.
  public static func targets(_ result: SimulationResult) -> CSVTable {
    var table = CSVTable(header: [
      "target", "series", "year", "timing", "kind", "threshold", "upper", "level_threshold", "probability", "std_error", "ci_low", "ci_high",
      "required_cagr",
    ])
    for target in result.targets {
      let interval = target.interval
      table.append([
        target.target.name, target.target.series, String(target.target.year), target.target.timing.rawValue, target.target.kind,
        NumberFormat.level(target.target.threshold), target.target.upper.map(NumberFormat.level) ?? "",
        target.target.levelThreshold(in: result.scenario).map(NumberFormat.level) ?? "",
        NumberFormat.probability(target.probability),
        NumberFormat.probability(target.standardError), NumberFormat.probability(interval.low),
        NumberFormat.probability(interval.high), NumberFormat.rate(target.requiredCAGR),
      ])
    }
    return table
  }

  /// A short human summary for the terminal.
  public static func summary(_ result: SimulationResult) -> String {
    let scenario = result.scenario
    var lines: [String] = []
    lines.append("\(scenario.title ?? scenario.name): \(result.paths) paths, seed \(scenario.seed), \(result.threads) thread(s), \(String(format: "%.2f", result.seconds)) s")
    for quantity in scenario.quantities {
      guard let last = result.levels.last(where: { $0.series == quantity.id }) else { continue }
      let median = last.quantiles[result.quantileLevels.firstIndex(of: 0.5) ?? last.quantiles.count / 2]
      lines.append(
        "  \(quantity.label): \(HumanFormat.level(quantity.base, units: quantity.units)) in \(scenario.baseYear) → median \(HumanFormat.level(median, units: quantity.units)) in \(scenario.horizonYear)")
    }
    for target in result.targets {
      let interval = target.interval
      var line = String(
        format: "  P(%@) = %.4f ± %.4f (MC s.e.; 95%% CI %.4f–%.4f)",
        target.target.name, target.probability, target.standardError, interval.low, interval.high)
      if target.requiredCAGR.isFinite {
        let verb = target.target.comparison == .atMost ? "stays within it at \(TargetSpec.Comparison.atMost.symbol)" : "needs"
        line += "; \(verb) \(HumanFormat.rate(target.requiredCAGR))/yr from \(target.target.growthStartYear(in: scenario))"
      }
      lines.append(line)
    }
    lines += yearToDateLines(scenario).map { "  YTD check: " + $0 }
    return lines.joined(separator: "\n")
  }
}
