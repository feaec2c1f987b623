import TCScenario
import TCStatistics

/// What a simulation found: the distribution of every series (and aggregate) in every simulated
/// year, the probability of every target with its time to target and required growth, and the
/// sensitivity of each target to each uncertain input.
public struct SimulationResult: Sendable {
  public var scenario: Scenario
  public var paths: Int
  public var threads: Int
  public var blockSize: Int
  public var quantileLevels: [Double]
  /// One entry per series and simulated year (series-major), then per forecast aggregate and year.
  public var levels: [LevelSummary]
  /// One entry per target, in scenario order.
  public var targets: [TargetResult]
  /// Tornado and standardized regression coefficients; empty when `sensitivity_paths` is 0.
  public var sensitivity: [SensitivityEntry]
  /// Largest rank-error bound of any reported quantile (share of paths in its histogram bin).
  public var maxRankErrorBound: Double
  /// Things the user should know (for example a repaired correlation matrix).
  public var warnings: [String]
  /// Wall-clock seconds spent simulating and summarizing.
  public var seconds: Double
}

/// Distribution of one series' (or aggregate's) level in one year across paths.
public struct LevelSummary: Sendable, Equatable {
  public var series: String
  public var year: Int
  /// Count, mean, variance, min and max of the level (mean and variance from the histogram's
  /// bin centres plus the exact values outside its grid).
  public var moments: RunningMoments
  /// Quantiles at `SimulationResult.quantileLevels`, from the histogram sketch.
  public var quantiles: [Double]
}

/// Probability that a target is met, with its Monte Carlo error, when it is first reached, and
/// what growth it would take.
public struct TargetResult: Sendable, Equatable {
  public var target: TargetSpec
  /// Successes and paths. With antithetic variates the standard error below is the pairs' one,
  /// not `estimate.standardError`.
  public var estimate: ProportionEstimate
  public var probability: Double
  public var standardError: Double
  /// 95% interval: Wilson for plain Monte Carlo, normal for antithetic pairs.
  public var interval: (low: Double, high: Double)
  /// Constant annual growth rate that takes the reference level exactly to the threshold in the
  /// target year.
  public var requiredCAGR: Double
  /// P(first reached by year), one entry per simulated year (cumulative).
  public var reachedBy: [Double]
  /// Median first year reached, nil when fewer than half the paths reach it within the horizon.
  public var medianYear: Int?
  /// P(not reached within the horizon).
  public var notReached: Double
  /// Required shift of the growth assumption for P(target) = p, per requested p.
  public var requiredShifts: [RequiredShift]
  /// For a k-of-n target with m members: `memberCounts[t][c]` is the share of paths that have
  /// reached exactly c members by simulated year t (t = 0 … horizon − 1), and the last row the
  /// share meeting exactly c members in their decision years. Empty for other targets.
  public var memberCounts: [[Double]] = []

  public static func == (a: TargetResult, b: TargetResult) -> Bool {
    a.target == b.target && a.estimate == b.estimate && a.probability == b.probability
      && a.standardError == b.standardError && a.interval == b.interval && a.requiredCAGR == b.requiredCAGR
      && a.reachedBy == b.reachedBy && a.medianYear == b.medianYear && a.notReached == b.notReached
      && a.requiredShifts == b.requiredShifts && a.memberCounts == b.memberCounts
  }
}

/// The shift of a target's growth assumption (added to every year's log-growth of the series, or
/// of every member of an aggregate) that makes P(target) = `probability`, solved with common
/// random numbers: each path's own required shift is recorded, and the shift for p is their
/// p-quantile.
public struct RequiredShift: Sendable, Equatable {
  public var probability: Double
  /// Shift in log-growth per year (≈ percentage points of growth for small values); NaN when
  /// no finite shift gives `probability`.
  public var logShift: Double
  /// Monte Carlo standard error of `logShift` (from the order-statistic interval); NaN when the
  /// interval reaches a probability no finite shift gives.
  public var standardError: Double
}

/// An uncertain input of the sensitivity analysis, and its key in `SensitivityEntry.input`
/// and sensitivity.csv: the one place the key's format is written and read.
public enum SensitivityInput: Sendable, Equatable {
  /// A series' growth over the horizon: `growth:<series>`.
  case growth(series: String)
  /// A series' base-year level drawn from its year-to-date figure: `base:<series>`.
  case base(series: String)
  /// Whether an event occurs: `event:<id>`.
  case event(id: String)

  public var key: String {
    switch self {
    case .growth(let series): return "growth:\(series)"
    case .base(let series): return "base:\(series)"
    case .event(let id): return "event:\(id)"
    }
  }

  /// Whether the input is an event (grouped absent / occurring, not by tenths).
  public var isEvent: Bool {
    if case .event = self { return true }
    return false
  }

  /// The input a key names, or nil for any other text.
  public init?(key: String) {
    guard let colon = key.firstIndex(of: ":") else { return nil }
    let name = String(key[key.index(after: colon)...])
    switch key[..<colon] {
    case "growth": self = .growth(series: name)
    case "base": self = .base(series: name)
    case "event": self = .event(id: name)
    default: return nil
    }
  }
}

/// One row of the sensitivity table: how one uncertain input moves one target.
public struct SensitivityEntry: Sendable, Equatable, Codable {
  public var target: String
  /// `SensitivityInput.key`: `growth:<series>`, `base:<series>` (a year-to-date base draw) or
  /// `event:<id>`.
  public var input: String
  /// Target probability among the run's paths with the input in its lowest and highest tenth
  /// (for an event: the paths where it did not occur, and where it did).
  public var probabilityLow: Double
  public var probabilityHigh: Double
  /// Median level of the target's quantity in the decision year in the same two groups (for a
  /// k-of-n target: the median number of its targets met).
  public var medianLow: Double
  public var medianHigh: Double
  /// Share of the variance of the target's indicator explained by the input alone,
  /// Var(E[1{target} | input group]) / Var(1{target}), in [0, 1].
  public var firstOrderIndex: Double

  /// The input this row is about (nil only for a key read from elsewhere that names none).
  public var source: SensitivityInput? { SensitivityInput(key: input) }
}

extension SimulationResult {
  /// The first reported number that is infinite, described ("healthcare 2022 mean"), or nil.
  /// Accepted plans never produce one (levels and thresholds are range-checked); this is the
  /// last guard before anything is written. NaN is not looked for: it marks a value that does
  /// not exist (the standard error of a single antithetic pair) and is written as an empty cell.
  public func firstInfiniteValue() -> String? {
    for level in levels {
      let values = [("mean", level.moments.mean), ("sd", level.moments.standardDeviation)]
        + zip(quantileLevels, level.quantiles).map { ("p\(Int(($0 * 100).rounded()))", $1) }
      if let bad = values.first(where: { $0.1.isInfinite }) { return "\(level.series) \(level.year) \(bad.0) = \(bad.1)" }
    }
    for target in targets {
      let values = [("probability", target.probability), ("std_error", target.standardError), ("required_cagr", target.requiredCAGR)]
        + target.requiredShifts.map { ("required shift", $0.logShift) }
      if let bad = values.first(where: { $0.1.isInfinite }) { return "target '\(target.target.name)' \(bad.0) = \(bad.1)" }
    }
    return nil
  }
}
