import Foundation
import TCEngine
import TCScenario

/// The `--format json` summary of a run: what the terminal summary says, for machines.
///
/// Probabilities and levels are JSON numbers at full precision; the seed is a string because
/// 64-bit integers do not survive JSON readers that use doubles.
public struct RunSummaryJSON: Codable, Sendable, Equatable {
  public struct Target: Codable, Sendable, Equatable {
    public var name: String
    public var series: String
    public var year: Int
    public var timing: String
    /// `level`, `at_most`, `between`, `ratio`, `cagr`, `yoy`, `at_least_k_of` or `all_of` (see `TargetSpec.kind`).
    public var kind: String
    public var threshold: Double
    /// The level the target amounts to, when one level does.
    public var levelThreshold: Double?
    /// The target in its own terms (`TargetSpec.meaning(in:)`).
    public var meaning: String
    public var probability: Double
    public var stdError: Double
    public var ciLow: Double
    public var ciHigh: Double
    public var requiredCagr: Double
    enum CodingKeys: String, CodingKey {
      case name, series, year, timing, kind, threshold, probability, meaning
      case levelThreshold = "level_threshold", stdError = "std_error", ciLow = "ci_low", ciHigh = "ci_high", requiredCagr = "required_cagr"
    }
  }

  /// A series or an aggregate (`members` lists an aggregate's series).
  public struct Series: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var units: String?
    public var base: Double
    public var members: [String]?
    public var horizonYear: Int
    public var horizonMedian: Double?
    enum CodingKeys: String, CodingKey {
      case id, label, units, base, members, horizonYear = "horizon_year", horizonMedian = "horizon_median"
    }
  }

  public var scenario: String
  /// The variant simulated: `base` for the file as written.
  public var variant: String
  /// Likely unit mistakes and repaired inputs, as printed on stderr.
  public var warnings: [String]
  public var title: String?
  public var units: String?
  public var paths: Int
  public var seed: String
  public var threads: Int
  public var seconds: Double
  public var series: [Series]
  public var targets: [Target]
  public var outputDirectory: String
  public var files: [String]

  enum CodingKeys: String, CodingKey {
    case scenario, variant, warnings, title, units, paths, seed, threads, seconds, series, targets, files
    case outputDirectory = "output_directory"
  }

  public init(result: SimulationResult, outputDirectory: String, files: [String]) {
    let scenario = result.scenario
    let median = result.quantileLevels.firstIndex { abs($0 - 0.5) < 1e-9 }
    self.scenario = scenario.name
    self.variant = scenario.variant ?? ScenarioSource.baseVariant
    self.warnings = result.warnings
    self.title = scenario.title
    self.units = scenario.units
    self.paths = result.paths
    self.seed = String(scenario.seed)
    self.threads = result.threads
    self.seconds = result.seconds
    self.series = scenario.quantities.map { quantity in
      let last = result.levels.last { $0.series == quantity.id }
      return Series(
        id: quantity.id, label: quantity.label, units: quantity.units, base: quantity.base,
        members: quantity.isAggregate ? quantity.members : nil, horizonYear: scenario.horizonYear,
        horizonMedian: median.flatMap { index in last.map { $0.quantiles[index] } })
    }
    self.targets = result.targets.map {
      let interval = $0.reportedInterval
      return Target(
        name: $0.target.name, series: $0.target.series, year: $0.target.year, timing: $0.target.timing.rawValue,
        kind: $0.target.kind, threshold: $0.target.threshold, levelThreshold: $0.target.levelThreshold(in: scenario),
        meaning: $0.target.meaning(in: scenario), probability: $0.reportedProbability, stdError: $0.reportedStandardError,
        ciLow: interval.low, ciHigh: interval.high, requiredCagr: $0.requiredCAGR)
    }
    self.outputDirectory = outputDirectory
    self.files = files
  }

  /// Pretty-printed JSON with sorted keys.
  public func text() -> String {
    let encoder = StoredJSON.encoder([.prettyPrinted, .withoutEscapingSlashes])
    return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
  }
}
