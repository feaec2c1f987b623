import Foundation
import TCRandom

/// Rules on values that the YAML decoder also enforces where it reads them (with positions), kept
/// here so that a scenario built in code or read back from a shard file or run.json is held to
/// the same rules.
extension Scenario {
  /// Levels (bases and level thresholds) a scenario may hold. Outside it, levels compounded over
  /// the horizon could leave the range of a Double and outputs would not be finite.
  public static let levelRange: ClosedRange<Double> = 1e-100...1e100
  /// The largest annual growth rate a target or growth assumption may state (+10 000% a year).
  public static let maximumRate = 100.0
  /// Longest name or id, in UTF-8 bytes: names become file names (at most 255 bytes).
  public static let maximumNameBytes = 120
  /// Most paths for the sensitivity analysis.
  public static let maximumSensitivityPaths = 10_000_000

  /// What is wrong with an id or a target name, or nil: non-empty, at most
  /// ``maximumNameBytes`` bytes, no control characters (line breaks, tabs, NUL).
  public static func idProblem(_ id: String) -> String? {
    if id.isEmpty { return "expected a non-empty name" }
    if id.utf8.count > maximumNameBytes {
      return "expected a name of at most \(maximumNameBytes) bytes, found \(id.utf8.count) bytes ('\(id.prefix(24))…')"
    }
    if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      return "expected a name without control characters (line breaks, tabs), found '\(id.debugDescription.dropFirst().dropLast())'"
    }
    return nil
  }

  /// What is wrong with a scenario name, or nil. The name becomes the default output folder
  /// `notebooks-output/<name>`, so it must be one harmless path component.
  public static func nameProblem(_ name: String) -> String? {
    if let problem = idProblem(name) { return problem }
    if name.contains("/") || name.contains("\\") || name.hasPrefix(".") {
      return "expected a name that is one folder name (no '/' or '\\', not starting with '.'), found '\(name)'"
    }
    return nil
  }

  /// A scenario name made from a file name: characters other than letters, digits, `-`, `_`
  /// and `.` become `_`, and a leading `.` is dropped.
  public static func safeName(_ text: String) -> String {
    var name = String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    while name.hasPrefix(".") { name.removeFirst() }
    while name.utf8.count > maximumNameBytes { name.removeLast() }
    return name.isEmpty ? "scenario" : name
  }

  func validateValues(_ fail: (String, String) -> ScenarioError) throws(ScenarioError) {
    if let problem = ScenarioRules.sensitivityPaths(sensitivityPaths) { throw fail("sensitivity_paths", problem) }
    for (index, spec) in series.enumerated() {
      let key = "series[\(index)]"
      try Scenario.check(spec.growth, key: key + ".growth", fail)
      for year in spec.growthByYear.keys.sorted() {
        try Scenario.check(spec.growthByYear[year]!, key: key + ".growth_by_year.\(year)", fail)
      }
      if let reversion = spec.reversion {
        if let problem = ScenarioRules.growthRate(reversion.start) { throw fail(key + ".reversion.start", problem) }
        if let problem = ScenarioRules.speed(reversion.speed) { throw fail(key + ".reversion.speed", problem) }
      }
      if let model = spec.model {
        guard model.history.count >= 2, model.history.allSatisfy({ $0.isFinite && Scenario.levelRange.contains(abs($0)) || $0 == 0 }) else {
          throw fail(key + ".model.history", "expected at least 2 finite earlier levels within ±\(Scenario.levelRange.upperBound)")
        }
      }
      if let ytd = spec.ytd { try Scenario.check(ytd, key: key + ".ytd", fail) }
    }
    if let correlation {
      for i in correlation.indices {
        for j in correlation.indices {
          let r = correlation[i][j]
          if let problem = ScenarioRules.correlation(r) { throw fail("correlation[\(i)][\(j)]", problem) }
          guard i != j || r == 1 else {
            throw fail("correlation[\(i)]", "expected 1 on the diagonal (a series is perfectly correlated with itself), found \(r) in row \(i + 1)")
          }
          guard r == correlation[j][i] else {
            throw fail("correlation[\(i)]", "expected a symmetric matrix: entry (\(i + 1), \(j + 1)) is \(r) but (\(j + 1), \(i + 1)) is \(correlation[j][i])")
          }
        }
      }
    }
    for (index, aggregate) in aggregates.enumerated() {
      if let problem = Scenario.idProblem(aggregate.id) { throw fail("aggregates[\(index)].id", problem) }
    }
    for (index, event) in events.enumerated() {
      let key = "events[\(index)]"
      if let problem = Scenario.idProblem(event.id) { throw fail(key + ".id", problem) }
      guard events.prefix(index).allSatisfy({ $0.id != event.id }) else { throw fail(key + ".id", "duplicate event id '\(event.id)'") }
      if let problem = ScenarioRules.loading(event.loading) { throw fail(key + ".loading", problem) }
      guard event.driver != nil || event.loading == 0 else { throw fail(key + ".loading", "'loading' needs a 'driver' (the name of the shared driver)") }
      if case .once(let timing) = event.frequency {
        guard timing.values.allSatisfy({ $0.isFinite && $0 >= 0 }), timing.values.reduce(0, +) > 0 else {
          throw fail(key + ".years", "expected non-negative weights by start year, at least one positive")
        }
      }
      switch event.effect {
      case .addLevel(let level, let ramp):
        if let problem = ScenarioRules.addedLevel(level) { throw fail(key + ".add_level", problem) }
        guard !ramp.isEmpty else { throw fail(key + ".ramp", "expected at least one share") }
        for (i, share) in ramp.enumerated() {
          if let problem = ScenarioRules.rampShare(share) { throw fail(key + ".ramp[\(i)]", problem) }
        }
      case .growthShock(let shock):
        if let problem = ScenarioRules.growthRate(shock, what: "a growth shock") { throw fail(key + ".growth_shock", problem) }
      }
    }
  }

  static func check(_ growth: GrowthAssumption, key: String, _ fail: (String, String) -> ScenarioError) throws(ScenarioError) {
    switch growth {
    case .lognormal(let mean, let sd):
      if let problem = ScenarioRules.growthRate(mean, what: "a mean growth rate") { throw fail(key + ".mean", problem) }
      if let problem = ScenarioRules.standardDeviation(sd) { throw fail(key + ".sd", problem) }
    case .fixed(let rate):
      if let problem = ScenarioRules.growthRate(rate) { throw fail(key, problem) }
    case .logNormalGrowth(let mu, let sigma):
      guard mu.isFinite, abs(mu) <= log(1 + maximumRate) else { throw fail(key + ".mu", "expected a log-growth within ±\(log(1 + maximumRate)), found \(mu)") }
      if let problem = ScenarioRules.standardDeviation(sigma) { throw fail(key + ".sigma", problem) }
    case .rate(let distribution):
      do { try distribution.validate() } catch { throw fail(key + "." + error.parameter, "invalid growth: \(error.message)") }
    }
  }

  static func check(_ ytd: YearToDateSpec, key: String, _ fail: (String, String) -> ScenarioError) throws(ScenarioError) {
    if let problem = ScenarioRules.month(ytd.throughMonth) { throw fail(key + ".through_month", problem) }
    if let problem = ScenarioRules.yearToDateValue(ytd.value) { throw fail(key + ".value", problem) }
    guard ytd.shares.count != 1 else { throw fail(key + ".shares", "expected at least 2 earlier years to estimate the spread of the share, found 1") }
    for (index, share) in ytd.shares.enumerated() {
      if let problem = ScenarioRules.share(share, month: ytd.throughMonth) { throw fail(key + ".shares[\(index)]", problem) }
    }
    if let sd = ytd.runRateSD, let problem = ScenarioRules.runRateSD(sd) { throw fail(key + ".run_rate_sd", problem) }
    if let estimate = ytd.officialEstimate, let problem = ScenarioRules.fullYearEstimate(estimate) {
      throw fail(key + ".official_estimate", problem)
    }
  }
}
