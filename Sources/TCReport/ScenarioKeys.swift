import TCRandom
import TCScenario

/// A scenario flattened to `key.path → value` text, keyed by series id and target name rather
/// than list position, so two scenarios can be compared key by key and a reordered list is not
/// a difference.
///
/// Built from the validated `Scenario` (after command-line overrides), so it records what was
/// actually simulated. Example keys: `base_year`, `series.healthcare.growth`,
/// `series.healthcare.growth_by_year.2021`, `correlation.a.b`, `targets.千亿 in 2020.at_least`.
public enum ScenarioKeys {
  /// The flattened scenario.
  public static func flatten(_ scenario: Scenario) -> [String: String] {
    var keys: [String: String] = [
      "name": scenario.name,
      "base_year": String(scenario.baseYear),
      "horizon": String(scenario.horizonYear),
      "paths": String(scenario.paths),
      "seed": String(scenario.seed),
    ]
    if let title = scenario.title { keys["title"] = title }
    if let units = scenario.units { keys["units"] = units }
    for spec in scenario.series {
      let prefix = "series.\(spec.id)"
      keys["\(prefix).label"] = spec.label
      if let units = spec.units { keys["\(prefix).units"] = units }
      keys["\(prefix).base"] = NumberFormat.level(spec.base)
      keys["\(prefix).growth"] = describe(spec.growth)
      for (year, growth) in spec.growthByYear { keys["\(prefix).growth_by_year.\(year)"] = describe(growth) }
      if spec.persistence != 0 { keys["\(prefix).persistence"] = n(spec.persistence) }
      if let reversion = spec.reversion {
        keys["\(prefix).reversion"] = "start: \(n(reversion.start)), speed: \(n(reversion.speed))"
      }
      if let model = spec.model {
        keys["\(prefix).model"] = "\(model.type)(history: \(model.history.map(n).joined(separator: ", ")))"
      }
    }
    for spec in scenario.series {
      guard let ytd = spec.ytd else { continue }
      let prefix = "series.\(spec.id).ytd"
      keys["\(prefix).through_month"] = String(ytd.throughMonth)
      keys["\(prefix).value"] = n(ytd.value)
      if !ytd.shares.isEmpty { keys["\(prefix).shares"] = ytd.shares.map(n).joined(separator: ", ") }
      if let sd = ytd.runRateSD { keys["\(prefix).run_rate_sd"] = n(sd) }
      if let estimate = ytd.officialEstimate { keys["\(prefix).official_estimate"] = n(estimate) }
    }
    for aggregate in scenario.aggregates {
      keys["aggregates.\(aggregate.id).members"] = aggregate.members.joined(separator: ", ")
      keys["aggregates.\(aggregate.id).forecast"] = String(aggregate.forecast)
    }
    for event in scenario.events {
      let prefix = "events.\(event.id)"
      keys["\(prefix).series"] = event.series
      keys["\(prefix).probability"] = n(event.probability)
      switch event.frequency {
      case .once(let timing):
        // Sorted by year: dictionary order is not stable across processes.
        keys["\(prefix).years"] = timing.keys.sorted().map { "\($0): \(n(timing[$0]!))" }.joined(separator: ", ")
      case .perYear(let years):
        keys["\(prefix).per_year"] = "\(years.lowerBound)–\(years.upperBound)"
      }
      switch event.effect {
      case .addLevel(let level, let ramp):
        keys["\(prefix).add_level"] = n(level)
        keys["\(prefix).ramp"] = ramp.map(n).joined(separator: ", ")
      case .growthShock(let shock):
        keys["\(prefix).growth_shock"] = n(shock)
      }
      if let driver = event.driver {
        keys["\(prefix).driver"] = driver
        keys["\(prefix).loading"] = n(event.loading)
      }
    }
    if scenario.repairCorrelation { keys["correlation.repair"] = "nearest" }
    if let precision = scenario.precision {
      keys["precision"] = "standard_error: \(n(precision.standardError)), max_paths: \(precision.maxPaths)"
    }
    keys["variance_reduction"] = scenario.varianceReduction.rawValue
    keys["required_probabilities"] = scenario.requiredProbabilities.map(n).joined(separator: ", ")
    keys["sensitivity_paths"] = String(scenario.sensitivityPaths)
    if let matrix = scenario.correlation {
      for i in scenario.series.indices {
        for j in scenario.series.indices where j > i {
          keys["correlation.\(scenario.series[i].id).\(scenario.series[j].id)"] = NumberFormat.level(matrix[i][j])
        }
      }
    }
    for target in scenario.targets {
      let prefix = "targets.\(target.name)"
      if let composite = target.composite {
        keys["\(prefix).of"] = composite.members.joined(separator: ", ")
        keys["\(prefix).at_least_k_of"] = String(composite.required)
        continue
      }
      keys["\(prefix).series"] = target.series
      keys["\(prefix).\(target.timing == .byYear ? "by" : "year")"] = String(target.year)
      switch target.comparison {
      case .atLeast: keys["\(prefix).at_least"] = NumberFormat.level(target.threshold)
      case .atMost: keys["\(prefix).at_most"] = NumberFormat.level(target.threshold)
      case .between(let upper): keys["\(prefix).between"] = "\(NumberFormat.level(target.threshold)), \(NumberFormat.level(upper))"
      }
      switch target.measure {
      case .level: keys["\(prefix).measure"] = "level"
      case .ratio(let from): keys["\(prefix).measure"] = "ratio from \(from)"
      case .cagr(let from): keys["\(prefix).measure"] = "cagr from \(from)"
      case .yearOnYear: keys["\(prefix).measure"] = "yoy"
      }
    }
    return keys
  }

  /// A growth assumption as the scenario file would state it, e.g. `lognormal(mean: 0.2, sd: 0.08)`.
  public static func describe(_ growth: GrowthAssumption) -> String {
    switch growth {
    case .lognormal(let mean, let sd): return "lognormal(mean: \(n(mean)), sd: \(n(sd)))"
    case .fixed(let rate): return "fixed(value: \(n(rate)))"
    case .logNormalGrowth(let mu, let sigma): return "log_growth(mu: \(n(mu)), sigma: \(n(sigma)))"
    case .rate(let distribution): return describe(distribution)
    }
  }

  static func describe(_ distribution: Distribution) -> String {
    switch distribution {
    case .normal(let mean, let sd): return "normal(mean: \(n(mean)), sd: \(n(sd)))"
    case .lognormal(let mean, let sd): return "lognormal(mean: \(n(mean)), sd: \(n(sd)))"
    case .lognormalLog(let mu, let sigma): return "lognormal_log(mu: \(n(mu)), sigma: \(n(sigma)))"
    case .studentT(let df, let location, let scale): return "student_t(df: \(n(df)), mean: \(n(location)), scale: \(n(scale)))"
    case .gamma(let shape, let scale): return "gamma(shape: \(n(shape)), scale: \(n(scale)))"
    case .beta(let alpha, let beta): return "beta(alpha: \(n(alpha)), beta: \(n(beta)))"
    case .pert(let min, let mode, let max, let lambda): return "pert(min: \(n(min)), mode: \(n(mode)), max: \(n(max)), lambda: \(n(lambda)))"
    case .triangular(let min, let mode, let max): return "triangular(min: \(n(min)), mode: \(n(mode)), max: \(n(max)))"
    case .uniform(let min, let max): return "uniform(min: \(n(min)), max: \(n(max)))"
    case .constant(let value): return "fixed(value: \(n(value)))"
    }
  }

  private static func n(_ x: Double) -> String { NumberFormat.level(x) }

  /// One key that differs between two flattened scenarios; `nil` means absent on that side.
  public struct Difference: Sendable, Equatable {
    public var key: String
    public var before: String?
    public var after: String?
    public init(key: String, before: String?, after: String?) {
      self.key = key
      self.before = before
      self.after = after
    }
  }

  /// Keys whose values differ, sorted by key. `name` is ignored: a renamed copy is the same plan.
  public static func differences(_ a: [String: String], _ b: [String: String]) -> [Difference] {
    Set(a.keys).union(b.keys).filter { $0 != "name" && a[$0] != b[$0] }.sorted().map {
      Difference(key: $0, before: a[$0], after: b[$0])
    }
  }
}
