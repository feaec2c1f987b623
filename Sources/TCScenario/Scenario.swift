import Foundation
import TCRandom

/// A validated what-if scenario: series with their growth assumptions, targets, and run settings.
///
/// Values are in the scenario's `units` (for example 亿元). Years are calendar years; the base year
/// holds the last known value and years `baseYear+1 ... horizonYear` are simulated.
public struct Scenario: Sendable, Equatable, Codable {
  /// Short identifier used for the output folder (defaults to the file name without extension).
  public var name: String
  public var title: String?
  /// Free text the report shows under the title: where the figures come from, what is assumed.
  public var description: String?
  public var units: String?
  public var baseYear: Int
  public var horizonYear: Int
  public var paths: Int
  public var seed: UInt64
  public var series: [SeriesSpec]
  /// Correlation of the series' growth innovations, in `series` order; `nil` means independent.
  public var correlation: [[Double]]?
  public var targets: [TargetSpec]
  /// Named sums of series, usable in targets like a series.
  public var aggregates: [AggregateSpec] = []
  /// Discrete occurrences (projects coming online, downturns) that change series levels.
  public var events: [EventSpec] = []
  /// Replace a correlation matrix that is not positive semidefinite by the nearest correlation
  /// matrix (Higham 2002) instead of failing.
  public var repairCorrelation: Bool = false
  /// `paths: auto`: run until every target probability's standard error is below a tolerance.
  public var precision: PrecisionSpec?
  /// Variance reduction applied to every estimate.
  public var varianceReduction: VarianceReduction = .none
  /// Probabilities for which the required growth shift is solved (item "required growth").
  public var requiredProbabilities: [Double] = [0.5, 0.8, 0.9]
  /// Paths used for the sensitivity analysis (a fixed prefix of the run's paths); 0 turns it off.
  public var sensitivityPaths: Int = 20_000
  /// The file the scenario came from, if any.
  public var sourceFile: String?
  /// SHA-256 of that file's bytes as read, if any.
  public var sourceSHA256: String?
  /// The variant this scenario is (`nil` for the file as written).
  public var variant: String?
  /// Every variant the file defines, in file order.
  public var variantNames: [String] = []

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

  public func aggregateIndex(of id: String) -> Int? { aggregates.firstIndex { $0.id == id } }

  /// Series and aggregate ids, the names a target may refer to.
  public var quantityIDs: [String] { series.map(\.id) + aggregates.map(\.id) }
}

/// One series (an industry, a county economy) and the assumption that drives its future.
public struct SeriesSpec: Sendable, Equatable, Codable {
  /// Identifier used by targets and output files.
  public var id: String
  /// Human label (may be Chinese), defaults to `id`.
  public var label: String
  /// This series' unit when it differs from the scenario's `units` (for example 家, firms,
  /// in a file whose other series are in 亿元); nil uses the scenario's.
  public var units: String?
  /// Free text the report shows with the series (its source, or "ASSUMPTION: …").
  public var note: String?
  /// Level in the base year.
  public var base: Double
  /// Annual growth assumption for every simulated year unless `growthByYear` overrides a year.
  public var growth: GrowthAssumption
  public var growthByYear: [Int: GrowthAssumption]
  /// AR(1) coefficient φ of the normal that drives the growth from year to year, in (−1, 1).
  /// Each year's growth keeps its stated distribution; φ > 0 makes good and bad years cluster.
  public var persistence: Double
  /// Mean reversion of the growth rate toward the stated assumption, if any.
  public var reversion: Reversion?
  /// A forecasting model fitted to the series' history whose simulated paths (with the model's
  /// own uncertainty) replace `growth`; nil for an explicit growth assumption.
  public var model: ModelSpec?
  /// A year-to-date figure for the base year, if given.
  public var ytd: YearToDateSpec?
  /// Whether `base` is the median of `ytd`'s full-year distribution (then each path draws its own
  /// base-year level from that distribution); false when the file gives `base` explicitly.
  public var baseFromYTD: Bool = false

  public init(
    id: String, label: String? = nil, base: Double, growth: GrowthAssumption,
    growthByYear: [Int: GrowthAssumption] = [:], persistence: Double = 0, reversion: Reversion? = nil
  ) {
    self.id = id
    self.label = label ?? id
    self.base = base
    self.growth = growth
    self.growthByYear = growthByYear
    self.persistence = persistence
    self.reversion = reversion
  }

  /// The assumption that applies in `year`.
  public func growth(in year: Int) -> GrowthAssumption { growthByYear[year] ?? growth }
}

/// The distribution of one year's growth rate `r`, where `level[t] = level[t-1] * (1 + r)`.
public enum GrowthAssumption: Sendable, Equatable, Codable {
  /// `1 + r` is lognormal with the given mean `1 + mean` and standard deviation `sd` (both of
  /// the growth *rate*, e.g. `mean: 0.20, sd: 0.08`). Levels stay positive.
  case lognormal(mean: Double, sd: Double)
  /// Any other distribution of the rate itself. Rates below −100% are clamped to −100%
  /// (a level cannot fall below zero).
  case rate(Distribution)
  /// A fixed rate every path.
  case fixed(Double)
  /// The log-growth `ln(1 + r)` is normal with mean `mu` and standard deviation `sigma`
  /// (the form of the W1 workload: `g = mu + sigma·z`).
  case logNormalGrowth(mu: Double, sigma: Double)

  /// Mean of the annual growth factor `1 + r` (exact; ignores the −100% clamp, which the
  /// validator keeps practically irrelevant).
  public var meanFactor: Double {
    switch self {
    case .lognormal(let mean, _): return 1 + mean
    case .rate(let d): return 1 + d.mean
    case .fixed(let r): return 1 + r
    case .logNormalGrowth(let mu, let sigma): return exp(mu + sigma * sigma / 2)
    }
  }
}

/// A growth target on a series or an aggregate: "level ≥ X in (or by) year Y", "ratio ≥ R to a
/// reference year within T years", or "CAGR ≥ r from a reference year to Y".
public struct TargetSpec: Sendable, Equatable, Codable {
  public enum Timing: String, Sendable, Equatable, Codable {
    /// The level in the target year itself.
    case inYear = "in"
    /// The level in any year from the first simulated year up to the target year.
    case byYear = "by"
  }

  /// What is compared with `threshold`.
  public enum Measure: Sendable, Equatable, Codable {
    /// The level itself; `threshold` is a level in the scenario's units.
    case level
    /// Level divided by the level in year `from` (the base year or a simulated year);
    /// `threshold` is the ratio R (2 = doubling).
    case ratio(from: Int)
    /// Compound annual growth rate from year `from`; `threshold` is the rate r (0.1 = 10%/yr).
    case cagr(from: Int)
    /// Growth over the year before: level in `year` ÷ level in `year − 1`, minus 1; `threshold`
    /// is the rate g (0.11 = +11% year on year). In-year only.
    case yearOnYear

    /// The reference year, or nil for a plain level. (A year-on-year target's reference is the
    /// year before its own: see `TargetSpec.referenceYear`.)
    public var referenceYear: Int? {
      switch self {
      case .level, .yearOnYear: return nil
      case .ratio(let from), .cagr(let from): return from
      }
    }
  }

  /// Which side of the threshold meets the target.
  public enum Comparison: Sendable, Equatable, Codable {
    /// The measure is at least `threshold`.
    case atLeast
    /// The measure is at most `threshold`.
    case atMost
    /// The measure is from `threshold` to `upper` (in-year only).
    case between(upper: Double)
  }

  /// "At least k of these targets": the names of other (simple) targets in the file, and k.
  /// `all_of` is k = the number of members.
  public struct Composite: Sendable, Equatable, Codable {
    public var members: [String]
    public var required: Int

    public init(members: [String], required: Int) {
      self.members = members
      self.required = required
    }
  }

  public var name: String
  /// A series or aggregate id.
  public var series: String
  public var year: Int
  /// Level X, ratio R or rate r, depending on `measure`.
  public var threshold: Double
  public var timing: Timing
  public var measure: Measure
  public var comparison: Comparison
  /// Set for a k-of-n target; its `series` is empty, `year` the latest member's, `timing`
  /// in-year and `threshold` k.
  public var composite: Composite?

  public init(
    name: String, series: String, year: Int, threshold: Double, timing: Timing = .inYear, measure: Measure = .level,
    comparison: Comparison = .atLeast
  ) {
    self.name = name
    self.series = series
    self.year = year
    self.threshold = threshold
    self.timing = timing
    self.measure = measure
    self.comparison = comparison
    self.composite = nil
  }

  /// A target met when at least `required` of the targets named `members` are met; `year` is
  /// the latest of theirs.
  public init(name: String, members: [String], required: Int, year: Int) {
    self.init(name: name, series: "", year: year, threshold: Double(required))
    composite = Composite(members: members, required: required)
  }

  /// The reference year of a ratio, CAGR or year-on-year target (nil for a level or k-of-n).
  public var referenceYear: Int? {
    guard composite == nil else { return nil }
    return measure == .yearOnYear ? year - 1 : measure.referenceYear
  }

  /// The upper bound of a `between` target.
  public var upper: Double? {
    if case .between(let upper) = comparison { return upper }
    return nil
  }

  enum CodingKeys: String, CodingKey {
    case name, series, year, threshold, timing, measure, comparison, composite
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    series = try c.decode(String.self, forKey: .series)
    year = try c.decode(Int.self, forKey: .year)
    threshold = try c.decode(Double.self, forKey: .threshold)
    timing = try c.decode(Timing.self, forKey: .timing)
    measure = try c.decode(Measure.self, forKey: .measure)
    comparison = try c.decodeIfPresent(Comparison.self, forKey: .comparison) ?? .atLeast
    composite = try c.decodeIfPresent(Composite.self, forKey: .composite)
  }
}

/// A forecasting model for a series' future: which model, and the history it is fitted to.
public struct ModelSpec: Sendable, Equatable, Codable {
  /// A name in TCModels' `ModelRegistry`; the engine's plan check rejects any other.
  public var type: String
  /// Levels of the years before the base year, oldest first; the model is fitted to these
  /// followed by the base-year level.
  public var history: [Double]

  public init(type: String, history: [Double]) {
    self.type = type
    self.history = history
  }
}

/// A named sum of series (for example the total of a plan's industries).
public struct AggregateSpec: Sendable, Equatable, Codable {
  public var id: String
  public var label: String
  /// Ids of the series summed.
  public var members: [String]
  /// Whether the aggregate's level distribution is written to forecast.csv (costs an exp per
  /// member, path and year).
  public var forecast: Bool

  public init(id: String, label: String? = nil, members: [String], forecast: Bool = true) {
    self.id = id
    self.label = label ?? id
    self.members = members
    self.forecast = forecast
  }
}

/// Mean reversion of a series' growth: the mean growth starts at `start` in the first simulated
/// year and moves toward the stated assumption's mean, closing the gap by `speed` each year.
public struct Reversion: Sendable, Equatable, Codable {
  public var start: Double
  public var speed: Double
  public init(start: Double, speed: Double) {
    self.start = start
    self.speed = speed
  }
}

/// `paths: auto`: blocks of paths run until every target probability's standard error is at most
/// `standardError`, or `maxPaths` paths have run.
public struct PrecisionSpec: Sendable, Equatable, Codable {
  public var standardError: Double
  public var maxPaths: Int
  /// Standard errors `paths: auto` accepts: below 10⁻⁶ even 10⁹ plain paths fall short at any
  /// probability between 0.001 and 0.999, so the run would only stop at its path cap.
  public static let standardErrors = 1e-6..<0.5
  static func standardErrorMessage(_ found: Double) -> String {
    "expected a standard error from \(standardErrors.lowerBound) to below \(standardErrors.upperBound), found \(found)"
  }
  public init(standardError: Double = 0.002, maxPaths: Int = 10_000_000) {
    self.standardError = standardError
    self.maxPaths = maxPaths
  }
}

/// Variance-reduction methods the engine offers.
public enum VarianceReduction: String, Sendable, Equatable, CaseIterable, Codable {
  case none
  /// Paths come in pairs (z, −z) sharing every normal with opposite sign.
  case antithetic
  /// Conditional Monte Carlo on series targets: each path contributes the probability of meeting
  /// the target given everything up to the year before its decision year (exact for lognormal
  /// growth in that year), instead of a 0/1 indicator. Aggregate targets and series with events,
  /// persistence or a model in that year keep the indicator.
  case conditional
  /// Control variates: each target's indicator is paired with the indicator of a Gaussian event
  /// whose probability is known exactly — the same condition on the decision-year log-level (for
  /// an aggregate, on the linearized log of the sum) — and the estimate is corrected by the
  /// regression of one on the other. Targets on series with lognormal growth, no events,
  /// persistence or model up to the decision year (and aggregates of such series) get a control;
  /// the rest keep the plain indicator.
  case controlVariate = "control_variate"
}
