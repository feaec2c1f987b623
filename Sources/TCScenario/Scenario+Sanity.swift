import Foundation

/// Something in a scenario that is allowed but probably a mistake (a percentage typed where a
/// fraction belongs, a base level in other units than the history). Run and validate print
/// them, run.json and the report keep them, and `--strict` turns them into errors at their key.
public struct ScenarioWarning: Sendable, Equatable, Codable {
  /// The key path the warning is about (`series[0].growth.mean`), as in errors.
  public var key: String
  public var message: String

  public init(key: String, message: String) {
    self.key = key
    self.message = message
  }

  /// `key: message`, as printed after `warning: `.
  public var description: String { "\(key): \(message)" }
}

extension Scenario {
  /// A growth mean or standard deviation above this is read as a percentage typed as a
  /// fraction (1 = +100% a year).
  public static let implausibleRate = 1.0
  /// A base level more than this factor away from the last value of the series' history is
  /// read as a change of units.
  public static let implausibleBaseJump = 3.0

  /// The sanity warnings of this scenario, series by series in file order.
  public func sanityWarnings() -> [ScenarioWarning] {
    var warnings: [ScenarioWarning] = []
    for (index, spec) in series.enumerated() {
      let key = "series[\(index)]"
      var assumptions = [(key: key + ".growth", growth: spec.growth)]
      for year in spec.growthByYear.keys.sorted() {
        assumptions.append((key + ".growth_by_year.\(year)", spec.growthByYear[year]!))
      }
      for (growthKey, growth) in assumptions {
        warnings += Self.sanityWarnings(growth, key: growthKey, series: spec.id)
      }
      if let history = spec.model?.history, let last = history.last, last > 0, spec.base > 0 {
        let jump = spec.base / last
        if jump > Self.implausibleBaseJump || jump < 1 / Self.implausibleBaseJump {
          warnings.append(ScenarioWarning(
            key: key + ".base",
            message: "series '\(spec.id)': the base level \(spec.base) is \((jump * 10).rounded() / 10)× the last value of its history (\(last)); are both in the same units?"))
        }
      }
    }
    return warnings
  }

  static func sanityWarnings(_ growth: GrowthAssumption, key: String, series: String) -> [ScenarioWarning] {
    let (mean, sd, meanKey, sdKey): (Double, Double, String, String)
    switch growth {
    case .lognormal(let m, let s): (mean, sd, meanKey, sdKey) = (m, s, key + ".mean", key + ".sd")
    case .rate(let distribution): (mean, sd, meanKey, sdKey) = (distribution.mean, distribution.variance.squareRoot(), key, key)
    case .fixed(let r): (mean, sd, meanKey, sdKey) = (r, 0, key, key)
    case .logNormalGrowth(let mu, let sigma): (mean, sd, meanKey, sdKey) = (mu, sigma, key + ".mu", key + ".sigma")
    }
    var warnings: [ScenarioWarning] = []
    if mean > implausibleRate {
      warnings.append(ScenarioWarning(
        key: meanKey,
        message: "series '\(series)': a mean growth of \(mean) means +\(mean * 100)% a year; did you mean \(mean / 100)? (growth is a fraction: 0.2 = +20%)"))
    }
    if sd > implausibleRate {
      warnings.append(ScenarioWarning(
        key: sdKey,
        message: "series '\(series)': a growth standard deviation of \(sd) is \(sd * 100) percentage points; did you mean \(sd / 100)? (growth is a fraction: 0.08 = 8 points)"))
    } else if mean > 0, sd > mean, mean <= implausibleRate, sd >= implausibleRate / 2 || sd >= 10 * mean {
      // An sd above the mean is ordinary for volatile series (new firms: mean 0.05, sd 0.25);
      // one of half the level a year, or ten times the mean, is more often a point typed as a
      // fraction (sd 0.8 for 8 points) or a mean typed as a percentage of a percentage.
      warnings.append(ScenarioWarning(
        key: sdKey,
        message: "series '\(series)': the growth's standard deviation (\(sd)) is larger than its mean (\(mean)), so the level falls in many years; check that both are in the same units"))
    }
    return warnings
  }
}
