import TCRandom

/// A validated what-if scenario: series with their growth assumptions, targets, and run settings.
///
/// Values are in the scenario's `units` (for example 亿元). Years are calendar years; the base year
/// holds the last known value and years `baseYear+1 ... horizonYear` are simulated.
public struct Scenario: Sendable, Equatable {
  /// Short identifier used for the output folder (defaults to the file name without extension).
  public var name: String
  public var title: String?
  public var units: String?
  public var baseYear: Int
  public var horizonYear: Int
  public var paths: Int
  public var seed: UInt64
  public var series: [SeriesSpec]
  /// Correlation of the series' growth innovations, in `series` order; `nil` means independent.
  public var correlation: [[Double]]?
  public var targets: [TargetSpec]
  /// The file the scenario came from, if any.
  public var sourceFile: String?

  public init(
    name: String, title: String? = nil, units: String? = nil, baseYear: Int, horizonYear: Int,
    paths: Int, seed: UInt64, series: [SeriesSpec], correlation: [[Double]]? = nil,
    targets: [TargetSpec], sourceFile: String? = nil
  ) {
    self.name = name
    self.title = title
    self.units = units
    self.baseYear = baseYear
    self.horizonYear = horizonYear
    self.paths = paths
    self.seed = seed
    self.series = series
    self.correlation = correlation
    self.targets = targets
    self.sourceFile = sourceFile
  }

  /// Simulated years, `baseYear+1 ... horizonYear`.
  public var simulatedYears: ClosedRange<Int> { (baseYear + 1)...horizonYear }

  /// Number of simulated years.
  public var horizon: Int { horizonYear - baseYear }

  public func seriesIndex(of id: String) -> Int? { series.firstIndex { $0.id == id } }
}

/// One series (an industry, a county economy) and the assumption that drives its future.
public struct SeriesSpec: Sendable, Equatable {
  /// Identifier used by targets and output files.
  public var id: String
  /// Human label (may be Chinese), defaults to `id`.
  public var label: String
  /// Level in the base year.
  public var base: Double
  /// Annual growth assumption for every simulated year unless `growthByYear` overrides a year.
  public var growth: GrowthAssumption
  public var growthByYear: [Int: GrowthAssumption]

  public init(id: String, label: String? = nil, base: Double, growth: GrowthAssumption, growthByYear: [Int: GrowthAssumption] = [:]) {
    self.id = id
    self.label = label ?? id
    self.base = base
    self.growth = growth
    self.growthByYear = growthByYear
  }

  /// The assumption that applies in `year`.
  public func growth(in year: Int) -> GrowthAssumption { growthByYear[year] ?? growth }
}

/// The distribution of one year's growth rate `r`, where `level[t] = level[t-1] * (1 + r)`.
public enum GrowthAssumption: Sendable, Equatable {
  /// `1 + r` is lognormal with the given mean `1 + mean` and standard deviation `sd` (both of
  /// the growth *rate*, e.g. `mean: 0.20, sd: 0.08`). Levels stay positive.
  case lognormal(mean: Double, sd: Double)
  /// Any other distribution of the rate itself. Rates below −100% are clamped to −100%
  /// (a level cannot fall below zero).
  case rate(Distribution)
  /// A fixed rate every path.
  case fixed(Double)

  /// Mean of the annual growth factor `1 + r` (exact; ignores the −100% clamp, which the
  /// validator keeps practically irrelevant).
  public var meanFactor: Double {
    switch self {
    case .lognormal(let mean, _): return 1 + mean
    case .rate(let d): return 1 + d.mean
    case .fixed(let r): return 1 + r
    }
  }
}

/// "Value of `series` at least `threshold` in `year`" or "... at any year up to `year`".
public struct TargetSpec: Sendable, Equatable {
  public enum Timing: String, Sendable, Equatable {
    /// The level in the target year itself.
    case inYear = "in"
    /// The level in any year from the first simulated year up to the target year.
    case byYear = "by"
  }

  public var name: String
  public var series: String
  public var year: Int
  public var threshold: Double
  public var timing: Timing

  public init(name: String, series: String, year: Int, threshold: Double, timing: Timing = .inYear) {
    self.name = name
    self.series = series
    self.year = year
    self.threshold = threshold
    self.timing = timing
  }
}
