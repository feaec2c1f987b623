import TCScenario
import TCStatistics

/// What a simulation found: the distribution of every series in every simulated year and the
/// probability of every target.
public struct SimulationResult: Sendable {
  public var scenario: Scenario
  public var paths: Int
  public var threads: Int
  public var blockSize: Int
  public var quantileLevels: [Double]
  /// One entry per series and simulated year, series-major.
  public var levels: [LevelSummary]
  /// One entry per target, in scenario order.
  public var targets: [TargetResult]
  /// Wall-clock seconds spent simulating and summarizing.
  public var seconds: Double
}

/// Distribution of one series' level in one year across paths.
public struct LevelSummary: Sendable, Equatable {
  public var series: String
  public var year: Int
  public var moments: RunningMoments
  /// Quantiles at `SimulationResult.quantileLevels`.
  public var quantiles: [Double]
}

/// Probability that a target is met, with its Monte Carlo error.
public struct TargetResult: Sendable, Equatable {
  public var target: TargetSpec
  public var estimate: ProportionEstimate
  /// Constant annual growth rate that takes the base-year level exactly to the threshold in the
  /// target year: (threshold / base)^(1 / years) − 1.
  public var requiredCAGR: Double
}
