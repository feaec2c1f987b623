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
    guard (0...Scenario.maximumSensitivityPaths).contains(sensitivityPaths) else {
      throw fail("sensitivity_paths", "expected 0 (off) to \(Scenario.maximumSensitivityPaths) paths, found \(sensitivityPaths)")
    }
    for (index, spec) in series.enumerated() {
      let key = "series[\(index)]"
      try Scenario.check(spec.growth, key: key + ".growth", fail)
      for year in spec.growthByYear.keys.sorted() {
        try Scenario.check(spec.growthByYear[year]!, key: key + ".growth_by_year.\(year)", fail)
      }
      if let reversion = spec.reversion {
        guard reversion.start > -1, reversion.start <= Scenario.maximumRate else {
          throw fail(key + ".reversion.start", "expected a growth rate above −1, found \(reversion.start)")
        }
        guard (0...1).contains(reversion.speed) else {
          throw fail(key + ".reversion.speed", "expected a speed in [0, 1] (share of the gap closed each year), found \(reversion.speed)")
        }
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
          guard r.isFinite, (-1...1).contains(r), i != j || r == 1 else {
            throw fail("correlation[\(i)]", "expected entries in [−1, 1] with 1 on the diagonal, found \(r) in column \(j + 1)")
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
      guard (-1...1).contains(event.loading), event.driver != nil || event.loading == 0 else {
        throw fail(key + ".loading", "expected a loading in [−1, 1] with a 'driver', found \(event.loading)")
      }
      if case .once(let timing) = event.frequency {
        guard timing.values.allSatisfy({ $0.isFinite && $0 >= 0 }), timing.values.reduce(0, +) > 0 else {
          throw fail(key + ".years", "expected non-negative weights by start year, at least one positive")
        }
      }
      switch event.effect {
      case .addLevel(let level, let ramp):
        guard level.isFinite, abs(level) <= Scenario.levelRange.upperBound else {
          throw fail(key + ".add_level", "expected a level within ±\(Scenario.levelRange.upperBound), found \(level)")
        }
        guard !ramp.isEmpty, ramp.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
          throw fail(key + ".ramp", "expected at least one non-negative share")
        }
      case .growthShock(let shock):
        guard shock.isFinite, shock > -1, shock <= Scenario.maximumRate else {
          throw fail(key + ".growth_shock", "expected a growth shock above −1 (−100%), found \(shock)")
        }
      }
    }
  }

  static func check(_ growth: GrowthAssumption, key: String, _ fail: (String, String) -> ScenarioError) throws(ScenarioError) {
    switch growth {
    case .lognormal(let mean, let sd):
      guard mean > -1, mean <= maximumRate else { throw fail(key + ".mean", "expected a mean growth rate above −1 (−100%) and at most \(maximumRate), found \(mean)") }
      guard sd >= 0, sd <= maximumRate else { throw fail(key + ".sd", "expected a standard deviation ≥ 0, found \(sd)") }
    case .fixed(let rate):
      guard rate > -1, rate <= maximumRate else { throw fail(key, "expected a growth rate above −1 (−100%) and at most \(maximumRate), found \(rate)") }
    case .logNormalGrowth(let mu, let sigma):
      guard mu.isFinite, abs(mu) <= log(1 + maximumRate) else { throw fail(key + ".mu", "expected a log-growth within ±\(log(1 + maximumRate)), found \(mu)") }
      guard sigma >= 0, sigma <= log(1 + maximumRate) else { throw fail(key + ".sigma", "expected a standard deviation ≥ 0, found \(sigma)") }
    case .rate(let distribution):
      do { try distribution.validate() } catch { throw fail(key + "." + error.parameter, "invalid growth: \(error.message)") }
    }
  }

  static func check(_ ytd: YearToDateSpec, key: String, _ fail: (String, String) -> ScenarioError) throws(ScenarioError) {
    guard (1...11).contains(ytd.throughMonth) else {
      throw fail(key + ".through_month", "expected the last month the figure covers, 1 (January) to 11 (November), found \(ytd.throughMonth)")
    }
    guard levelRange.contains(ytd.value) else { throw fail(key + ".value", "expected a positive cumulative year-to-date value, found \(ytd.value)") }
    guard ytd.shares.count != 1, ytd.shares.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
      throw fail(key + ".shares", "expected at least 2 shares of the full year, each in (0, 1]")
    }
    if let sd = ytd.runRateSD, !(sd >= 0 && sd <= 10) {
      throw fail(key + ".run_rate_sd", "expected a standard deviation of the log full year from 0 to 10, found \(sd)")
    }
    if let estimate = ytd.officialEstimate, !levelRange.contains(estimate) {
      throw fail(key + ".official_estimate", "expected a positive full-year estimate, found \(estimate)")
    }
  }
}
