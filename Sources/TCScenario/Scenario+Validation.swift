extension Scenario {
  /// Checks a scenario built in code or changed after parsing (for example by command-line
  /// overrides). Files are checked while they are read, with line numbers; this is the same set
  /// of rules without positions.
  public func validate() throws(ScenarioError) {
    func fail(_ key: String, _ message: String) -> ScenarioError {
      ScenarioError(file: sourceFile, key: key, message: message)
    }
    if let problem = Scenario.nameProblem(name) { throw fail("name", problem) }
    guard (1000...9999).contains(baseYear) else { throw fail("base_year", "expected a four-digit calendar year, found \(baseYear)") }
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
      if let problem = Scenario.idProblem(spec.id) { throw fail("series[\(index)].id", problem) }
      guard spec.base > 0, spec.base.isFinite else {
        throw fail("series[\(index)].base", "expected a positive base-year level, found \(spec.base)")
      }
      guard Scenario.levelRange.contains(spec.base) else {
        throw fail("series[\(index)].base", "expected a level from \(Scenario.levelRange.lowerBound) to \(Scenario.levelRange.upperBound) (change the units to bring it into range), found \(spec.base)")
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
    if let precision {
      guard (1...Scenario.maximumPaths).contains(precision.maxPaths) else {
        throw fail("precision.max_paths", "expected a path cap from 1 to \(Scenario.maximumPaths), found \(precision.maxPaths)")
      }
      guard PrecisionSpec.standardErrors.contains(precision.standardError) else {
        throw fail("precision.std_error", PrecisionSpec.standardErrorMessage(precision.standardError))
      }
    }
    for (index, spec) in series.enumerated() where !(spec.persistence > -1 && spec.persistence < 1) {
      throw fail("series[\(index)].persistence", "expected an AR(1) coefficient strictly between −1 and 1, found \(spec.persistence)")
    }
    for (index, aggregate) in aggregates.enumerated() {
      guard seriesIndex(of: aggregate.id) == nil, aggregates.filter({ $0.id == aggregate.id }).count == 1 else {
        throw fail("aggregates[\(index)].id", "duplicate id '\(aggregate.id)'; aggregates and series need distinct ids")
      }
      guard !aggregate.members.isEmpty else { throw fail("aggregates[\(index)].members", "expected at least one member series") }
      for member in aggregate.members where seriesIndex(of: member) == nil {
        throw fail("aggregates[\(index)].members", "unknown series '\(member)'")
      }
    }
    for (index, event) in events.enumerated() {
      guard seriesIndex(of: event.series) != nil else { throw fail("events[\(index)].series", "unknown series '\(event.series)'") }
      guard (0...1).contains(event.probability) else {
        throw fail("events[\(index)].probability", "expected a probability in [0, 1], found \(event.probability)")
      }
      let eventYears: [Int]
      switch event.frequency {
      case .once(let timing): eventYears = Array(timing.keys)
      case .perYear(let range): eventYears = [range.lowerBound, range.upperBound]
      }
      for year in eventYears where !simulatedYears.contains(year) {
        throw fail("events[\(index)].year", "event year \(year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
    }
    for p in requiredProbabilities where !(p > 0 && p < 1) {
      throw fail("required_probabilities", "expected probabilities strictly between 0 and 1, found \(p)")
    }
    try validateValues(fail)
    for (index, target) in targets.enumerated() {
      if let problem = Scenario.idProblem(target.name) { throw fail("targets[\(index)].name", problem) }
      guard targets.prefix(index).allSatisfy({ $0.name != target.name }) else {
        throw fail("targets[\(index)].name", "duplicate target name '\(target.name)'")
      }
      guard quantityIDs.contains(target.series) else {
        throw fail("targets[\(index)].series", "unknown series '\(target.series)'")
      }
      if let from = target.measure.referenceYear, from != baseYear && !simulatedYears.contains(from) || (target.measure.referenceYear ?? baseYear) >= target.year {
        throw fail("targets[\(index)].from", "expected a reference year from the base year \(baseYear) to before the target year \(target.year)")
      }
      guard simulatedYears.contains(target.year) else {
        throw fail("targets[\(index)].year", "target year \(target.year) is outside the simulated years \(simulatedYears.lowerBound)–\(horizonYear)")
      }
      let positive = target.measure == .level || { if case .ratio = target.measure { return true } else { return false } }()
      guard target.threshold.isFinite, positive ? target.threshold > 0 : target.threshold > -1 else {
        throw fail("targets[\(index)].at_least", "expected a positive threshold (or a rate above −1 for CAGR targets), found \(target.threshold)")
      }
      guard positive ? Scenario.levelRange.contains(target.threshold) : target.threshold <= Scenario.maximumRate else {
        throw fail(
          "targets[\(index)].at_least",
          positive ? "expected a threshold from \(Scenario.levelRange.lowerBound) to \(Scenario.levelRange.upperBound), found \(target.threshold)"
            : "expected a growth rate of at most \(Scenario.maximumRate) (+\(Int(Scenario.maximumRate * 100))% a year), found \(target.threshold)")
      }
    }
  }
}
