extension Scenario {
  /// Checks a scenario built in code or changed after parsing (for example by command-line
  /// overrides). Files are checked while they are read, with line numbers; this is the same set
  /// of rules without positions.
  public func validate() throws(ScenarioError) {
    func fail(_ key: String, _ message: String) -> ScenarioError {
      ScenarioError(file: sourceFile, key: key, message: message)
    }
    guard horizonYear > baseYear, horizonYear - baseYear <= Scenario.maximumHorizon else {
      throw fail("horizon", "expected a year after base_year \(baseYear), at most \(Scenario.maximumHorizon) years later, found \(horizonYear)")
    }
    guard (1...Scenario.maximumPaths).contains(paths) else {
      throw fail("paths", "expected a number of paths from 1 to \(Scenario.maximumPaths), found \(paths)")
    }
    guard !series.isEmpty else { throw fail("series", "expected at least one series") }
    var seen = Set<String>()
    for (index, spec) in series.enumerated() {
      guard seen.insert(spec.id).inserted else { throw fail("series[\(index)].id", "duplicate series id '\(spec.id)'") }
      guard spec.base > 0, spec.base.isFinite else {
        throw fail("series[\(index)].base", "expected a positive base-year level, found \(spec.base)")
      }
      for year in spec.growthByYear.keys where !simulatedYears.contains(year) {
        throw fail("series[\(index)].growth_by_year", "year \(year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
    }
    if let correlation {
      guard correlation.count == series.count, correlation.allSatisfy({ $0.count == series.count }) else {
        throw fail("correlation", "expected a \(series.count)×\(series.count) matrix")
      }
    }
    for (index, target) in targets.enumerated() {
      guard seriesIndex(of: target.series) != nil else {
        throw fail("targets[\(index)].series", "unknown series '\(target.series)'")
      }
      guard simulatedYears.contains(target.year) else {
        throw fail("targets[\(index)].year", "target year \(target.year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
      guard target.threshold > 0, target.threshold.isFinite else {
        throw fail("targets[\(index)].at_least", "expected a positive threshold, found \(target.threshold)")
      }
    }
  }
}
