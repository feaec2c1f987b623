extension Scenario {
  /// Checks a scenario built in code, changed after parsing (for example by command-line
  /// overrides) or read back from a shard file or run.json. Files are checked while they are
  /// read, with line numbers, by the same rule functions (`ScenarioRules`); errors from here name
  /// the key, which `ScenarioSource` turns into the key's line when the scenario came from a file.
  public func validate() throws(ScenarioError) {
    func fail(_ key: String, _ message: String) -> ScenarioError {
      ScenarioError(file: sourceFile, key: key, message: message)
    }
    if let problem = Scenario.nameProblem(name) { throw fail("name", problem) }
    if let problem = ScenarioRules.baseYear(baseYear) { throw fail("base_year", problem) }
    if let problem = ScenarioRules.horizon(horizonYear, baseYear: baseYear) { throw fail("horizon", problem) }
    if let problem = ScenarioRules.paths(paths) { throw fail("paths", problem) }
    guard !series.isEmpty else { throw fail("series", "expected at least one series") }
    var seen = Set<String>()
    for (index, spec) in series.enumerated() {
      guard seen.insert(spec.id).inserted else { throw fail("series[\(index)].id", "duplicate series id '\(spec.id)'") }
      if let problem = Scenario.idProblem(spec.id) { throw fail("series[\(index)].id", problem) }
      if let problem = ScenarioRules.baseLevel(spec.base) { throw fail("series[\(index)].base", problem) }
      for year in spec.growthByYear.keys where !simulatedYears.contains(year) {
        throw fail("series[\(index)].growth_by_year", "year \(year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
    }
    if let correlation {
      guard correlation.count == series.count, correlation.allSatisfy({ $0.count == series.count }) else {
        throw fail("correlation", "expected a \(series.count)×\(series.count) matrix")
      }
    }
    if let precision {
      guard (1...Scenario.maximumPaths).contains(precision.maxPaths) else {
        throw fail("precision.max_paths", "expected a path cap from 1 to \(Scenario.maximumPaths), found \(precision.maxPaths)")
      }
      guard PrecisionSpec.standardErrors.contains(precision.standardError) else {
        throw fail("precision.std_error", PrecisionSpec.standardErrorMessage(precision.standardError))
      }
    }
    for (index, spec) in series.enumerated() {
      if let problem = ScenarioRules.persistence(spec.persistence) { throw fail("series[\(index)].persistence", problem) }
    }
    for (index, aggregate) in aggregates.enumerated() {
      guard seriesIndex(of: aggregate.id) == nil, aggregates.filter({ $0.id == aggregate.id }).count == 1 else {
        throw fail("aggregates[\(index)].id", "duplicate id '\(aggregate.id)'; aggregates and series need distinct ids")
      }
      guard !aggregate.members.isEmpty else { throw fail("aggregates[\(index)].members", "expected at least one member series") }
      for member in aggregate.members where seriesIndex(of: member) == nil {
        throw fail("aggregates[\(index)].members", "unknown series '\(member)'")
      }
      if let problem = ScenarioRules.aggregateUnits(aggregate.members.map { series[seriesIndex(of: $0)!].units }) {
        throw fail("aggregates[\(index)].members", problem)
      }
    }
    for (index, event) in events.enumerated() {
      guard seriesIndex(of: event.series) != nil else { throw fail("events[\(index)].series", "unknown series '\(event.series)'") }
      if let problem = ScenarioRules.probability(event.probability) { throw fail("events[\(index)].probability", problem) }
      let eventYears: [Int]
      switch event.frequency {
      case .once(let timing): eventYears = Array(timing.keys)
      case .perYear(let range): eventYears = [range.lowerBound, range.upperBound]
      }
      for year in eventYears where !simulatedYears.contains(year) {
        throw fail("events[\(index)].year", "event year \(year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
    }
    for (index, p) in requiredProbabilities.enumerated() {
      if let problem = ScenarioRules.requiredProbability(p) { throw fail("required_probabilities[\(index)]", problem) }
    }
    try validateValues(fail)
    for (index, target) in targets.enumerated() {
      if let problem = Scenario.idProblem(target.name) { throw fail("targets[\(index)].name", problem) }
      guard targets.prefix(index).allSatisfy({ $0.name != target.name }) else {
        throw fail("targets[\(index)].name", "duplicate target name '\(target.name)'")
      }
      if let composite = target.composite {
        if let problem = ScenarioRules.composite(composite, of: target.name, among: targets) {
          throw fail("targets[\(index)].\(target.kind)", problem)
        }
        let latest = target.latestMemberYear(among: targets)
        guard target.year == latest, target.timing == .inYear else {
          throw fail("targets[\(index)].year", "a k-of-n target is decided in its members' latest year \(latest ?? target.year), found \(target.year)")
        }
        continue
      }
      guard quantityIDs.contains(target.series) else {
        throw fail("targets[\(index)].series", "unknown series '\(target.series)'")
      }
      if let from = target.referenceYear, from != baseYear && !simulatedYears.contains(from) || from >= target.year {
        let key = target.measure == .yearOnYear ? "year" : "from"
        throw fail("targets[\(index)].\(key)", "expected a reference year from the base year \(baseYear) to before the target year \(target.year)")
      }
      guard simulatedYears.contains(target.year) else {
        throw fail("targets[\(index)].year", "target year \(target.year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
      if let problem = ScenarioRules.timing(target) { throw fail("targets[\(index)].by", problem) }
      if let upper = target.upper, let problem = ScenarioRules.between(target.threshold, upper) {
        throw fail("targets[\(index)].between", problem)
      }
      if target.comparison != .atLeast, target.measure != .level {
        throw fail("targets[\(index)].\(target.kind)", "'at_most' and 'between' compare levels; \(target.kind) targets are met from below")
      }
      if let problem = ScenarioRules.threshold(target.threshold, measure: target.measure) {
        throw fail("targets[\(index)].\(target.thresholdKey)", problem)
      }
    }
  }
}
