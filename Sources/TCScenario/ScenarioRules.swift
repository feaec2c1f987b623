/// The rules on a scenario's values, each written once as "what is wrong with this value, or
/// nil". The YAML decoder applies them where it reads a value (so the error points at that
/// line), and `Scenario.validate()` applies the same functions to scenarios built in code, changed
/// by overrides or read back from a shard or run.json.
public enum ScenarioRules {
  /// A whole number as people write counts, in a file or on the command line: `1000000`,
  /// `1_000_000` or `1e6` (exact below 9×10^15); nil for anything else.
  public static func wholeNumber(_ text: String) -> Int? {
    let digits = text.replacingOccurrences(of: "_", with: "")
    if let value = Int(digits) { return value }
    if let value = Double(digits), value.isFinite, value.rounded() == value, abs(value) < 9.0e15 { return Int(value) }
    return nil
  }

  public static func baseYear(_ year: Int) -> String? {
    (1000...9999).contains(year) ? nil : "expected a four-digit calendar year, found \(year)"
  }

  public static func horizon(_ year: Int, baseYear: Int) -> String? {
    year > baseYear && year - baseYear <= Scenario.maximumHorizon ? nil
      : "expected the last simulated year, after base_year \(baseYear) and at most \(Scenario.maximumHorizon) years later, found \(year)"
  }

  public static func paths(_ count: Int) -> String? {
    (1...Scenario.maximumPaths).contains(count) ? nil : "expected a number of paths from 1 to \(Scenario.maximumPaths) (or 'auto'), found \(count)"
  }

  public static func baseLevel(_ level: Double) -> String? {
    guard level > 0, level.isFinite else { return "expected a positive base-year level, found \(level)" }
    return Scenario.levelRange.contains(level) ? nil
      : "expected a level from \(Scenario.levelRange.lowerBound) to \(Scenario.levelRange.upperBound) (change the units to bring it into range), found \(level)"
  }

  /// The members of an aggregate, given by their own `units` (nil: the scenario's), must be in
  /// one unit: a sum of 亿元 and 家 means nothing.
  public static func aggregateUnits(_ memberUnits: [String?]) -> String? {
    let distinct = Set(memberUnits.map { $0 ?? "" })
    guard distinct.count > 1 else { return nil }
    let named = distinct.sorted().map { $0.isEmpty ? "the scenario's units" : "'\($0)'" }
    return "expected member series in one unit, found \(named.joined(separator: " and ")); an aggregate adds its members' levels"
  }

  public static func persistence(_ phi: Double) -> String? {
    phi > -1 && phi < 1 ? nil : "expected an AR(1) coefficient strictly between −1 and 1, found \(phi)"
  }

  public static func growthRate(_ rate: Double, what: String = "a growth rate") -> String? {
    rate > -1 && rate <= Scenario.maximumRate ? nil : "expected \(what) above −1 (−100%) and at most \(Scenario.maximumRate), found \(rate)"
  }

  public static func standardDeviation(_ sd: Double) -> String? {
    sd >= 0 && sd <= Scenario.maximumRate ? nil : "expected a standard deviation ≥ 0, found \(sd)"
  }

  public static func speed(_ speed: Double) -> String? {
    (0...1).contains(speed) ? nil : "expected a speed in [0, 1] (share of the gap closed each year), found \(speed)"
  }

  public static func probability(_ p: Double) -> String? {
    (0...1).contains(p) ? nil : "expected a probability in [0, 1], found \(p)"
  }

  public static func requiredProbability(_ p: Double) -> String? {
    p > 0 && p < 1 ? nil : "expected a probability strictly between 0 and 1, found \(p)"
  }

  /// A level an event adds (negative: removes), in the scenario's units.
  public static func addedLevel(_ level: Double) -> String? {
    level.isFinite && abs(level) <= Scenario.levelRange.upperBound ? nil
      : "expected a level within ±\(Scenario.levelRange.upperBound), found \(level)"
  }

  /// One year's share of an added level while it ramps up.
  public static func rampShare(_ share: Double) -> String? {
    (0...1).contains(share) ? nil : "expected a share of the level from 0 to 1, found \(share)"
  }

  public static func loading(_ loading: Double) -> String? {
    (-1...1).contains(loading) ? nil : "expected a loading in [−1, 1], found \(loading)"
  }

  public static func sensitivityPaths(_ count: Int) -> String? {
    (0...Scenario.maximumSensitivityPaths).contains(count) ? nil : "expected 0 (off) to \(Scenario.maximumSensitivityPaths) paths, found \(count)"
  }

  public static func month(_ month: Int) -> String? {
    (1...11).contains(month) ? nil : "expected the last month the figure covers, 1 (January) to 11 (November), found \(month)"
  }

  public static func yearToDateValue(_ value: Double) -> String? {
    Scenario.levelRange.contains(value) ? nil : "expected a positive cumulative year-to-date value, found \(value)"
  }

  public static func share(_ share: Double, month: Int) -> String? {
    share > 0 && share <= 1 ? nil : "expected the share of the full year reached by month \(month), in (0, 1], found \(share)"
  }

  public static func runRateSD(_ sd: Double) -> String? {
    sd >= 0 && sd <= 10 ? nil : "expected a standard deviation of the log full year from 0 to 10, found \(sd)"
  }

  public static func fullYearEstimate(_ estimate: Double) -> String? {
    Scenario.levelRange.contains(estimate) ? nil : "expected a positive full-year estimate, found \(estimate)"
  }

  public static func correlation(_ r: Double) -> String? {
    r.isFinite && (-1...1).contains(r) ? nil : "expected a correlation in [−1, 1], found \(r)"
  }

  /// A target's threshold for its measure: a level (positive, in the level range), a ratio
  /// (positive) or a CAGR (a growth rate).
  public static func threshold(_ value: Double, measure: TargetSpec.Measure) -> String? {
    switch measure {
    case .level:
      guard value > 0, value.isFinite else { return "expected a positive threshold, found \(value)" }
      return Scenario.levelRange.contains(value) ? nil
        : "expected a level from \(Scenario.levelRange.lowerBound) to \(Scenario.levelRange.upperBound), found \(value)"
    case .ratio:
      guard value > 0, value.isFinite else { return "expected a positive ratio (2 = doubling), found \(value)" }
      return value <= Scenario.levelRange.upperBound ? nil : "expected a ratio of at most \(Scenario.levelRange.upperBound), found \(value)"
    case .cagr, .yearOnYear:
      return growthRate(value)
    }
  }

  /// The two bounds of a `between` target: positive levels, lower below upper.
  public static func between(_ lower: Double, _ upper: Double) -> String? {
    if let problem = threshold(upper, measure: .level) { return problem }
    return lower < upper ? nil : "expected [lower, upper] with lower < upper, found [\(lower), \(upper)]"
  }

  /// `by` (any year up to the target year) applies to targets met once and for all from below;
  /// a band, a ceiling or one year's growth is checked in its year.
  public static func timing(_ target: TargetSpec) -> String? {
    guard target.timing == .byYear else { return nil }
    if target.measure == .yearOnYear { return "a year-on-year target is checked in its year: use 'year', not 'by'" }
    if case .between = target.comparison { return "a 'between' target is checked in its year: use 'year', not 'by'" }
    return nil
  }

  /// A k-of-n target: k from 1 to n, members distinct names of other targets in the file that
  /// are not k-of-n targets themselves.
  public static func composite(_ composite: TargetSpec.Composite, of name: String, among targets: [TargetSpec]) -> String? {
    let members = composite.members
    guard !members.isEmpty else { return "expected a list of target names, found an empty list" }
    guard Set(members).count == members.count else { return "each target may be listed once" }
    for member in members {
      guard member != name else { return "a target cannot count itself" }
      guard let target = targets.first(where: { $0.name == member }) else {
        return "unknown target '\(member)'\(didYouMean(member, in: targets.map(\.name))) (list the names of other targets in this file)"
      }
      guard target.composite == nil else { return "'\(member)' is itself a k-of-n target; list simple targets" }
    }
    guard (1...members.count).contains(composite.required) else {
      return "expected k from 1 to \(members.count) (the number of targets listed), found \(composite.required)"
    }
    return nil
  }
}
