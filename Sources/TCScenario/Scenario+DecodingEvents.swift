extension Scenario {
  static let aggregateKeys = ["id", "label", "members", "forecast", "note"]
  static let eventKeys = [
    "id", "series", "probability", "year", "years", "per_year", "from", "to", "add_level", "ramp",
    "growth_shock", "driver", "loading", "note",
  ]

  static func decodeAggregate(_ cursor: YAMLCursor, series ids: [String]) throws(ScenarioError) -> AggregateSpec {
    let map = try cursor.mapping(allowed: aggregateKeys)
    let id = try map.required("id").string()
    guard !id.isEmpty, !id.contains(","), !id.contains("\n") else {
      throw try map.required("id").error("expected a non-empty id without commas or line breaks, found '\(id)'")
    }
    let membersCursor = try map.required("members")
    var members: [String] = []
    if membersCursor.isScalar, try membersCursor.string() == "all" {
      members = ids
    } else {
      for item in try membersCursor.sequence() {
        let member = try item.string()
        guard ids.contains(member) else {
          var message = "unknown series '\(member)'"
          message += didYouMean(member, in: ids)
          throw item.error(message)
        }
        guard !members.contains(member) else { throw item.error("series '\(member)' is listed twice") }
        members.append(member)
      }
    }
    guard !members.isEmpty else { throw membersCursor.error("expected at least one member series (or 'all')") }
    let forecast = try map["forecast"]?.bool() ?? true
    return AggregateSpec(id: id, label: try map["label"]?.string(), members: members, forecast: forecast)
  }

  static func decodePrecision(_ cursor: YAMLCursor?) throws(ScenarioError) -> PrecisionSpec {
    var spec = PrecisionSpec()
    guard let cursor else { return spec }
    let map = try cursor.mapping(allowed: ["std_error", "max_paths", "note"])
    if let c = map["std_error"] {
      spec.standardError = try c.double()
      guard PrecisionSpec.standardErrors.contains(spec.standardError) else {
        throw c.error(PrecisionSpec.standardErrorMessage(spec.standardError))
      }
    }
    if let c = map["max_paths"] {
      spec.maxPaths = try c.int()
      guard (1...maximumPaths).contains(spec.maxPaths) else {
        throw c.error("expected a path cap from 1 to \(maximumPaths), found \(spec.maxPaths)")
      }
    }
    return spec
  }

  static func decodeEvent(_ cursor: YAMLCursor, series ids: [String], years: ClosedRange<Int>) throws(ScenarioError) -> EventSpec {
    let map = try cursor.mapping(allowed: eventKeys)
    let id = try map.required("id").string()
    let seriesCursor = try map.required("series")
    let series = try seriesCursor.string()
    guard ids.contains(series) else {
      var message = "unknown series '\(series)'"
      message += didYouMean(series, in: ids)
      throw seriesCursor.error(message)
    }
    let probabilityCursor = try map.required("probability")
    let probability = try probabilityCursor.double()
    if let problem = ScenarioRules.probability(probability) { throw probabilityCursor.error(problem) }
    func simulatedYear(_ c: YAMLCursor) throws(ScenarioError) -> Int {
      let year = try c.int()
      guard years.contains(year) else {
        throw c.error("event year \(year) is outside the simulated years \(years.lowerBound)–\(years.upperBound)")
      }
      return year
    }

    let frequency: EventSpec.Frequency
    let perYear = try map["per_year"]?.bool() ?? false
    if perYear {
      if let c = map["year"] ?? map["years"] { throw c.error("a per-year event takes 'from'/'to', not 'year'/'years'") }
      let from = try map["from"].map { c throws(ScenarioError) in try simulatedYear(c) } ?? years.lowerBound
      let to = try map["to"].map { c throws(ScenarioError) in try simulatedYear(c) } ?? years.upperBound
      guard from <= to else { throw try map.required("to").error("expected 'to' ≥ 'from' (\(from)), found \(to)") }
      frequency = .perYear(years: from...to)
    } else {
      if let c = map["from"] ?? map["to"] { throw c.error("'from'/'to' apply to per-year events (per_year: true); a one-off event takes 'year' or 'years'") }
      var timing: [Int: Double] = [:]
      switch (map["year"], map["years"]) {
      case (let y?, nil):
        timing[try simulatedYear(y)] = 1
      case (nil, let ys?):
        for (key, value) in try ys.anyMapping() {
          guard let year = Int(key), years.contains(year) else {
            throw value.error("event year '\(key)' is outside the simulated years \(years.lowerBound)–\(years.upperBound)")
          }
          let weight = try value.double()
          guard weight >= 0 else { throw value.error("expected a non-negative weight, found \(weight)") }
          timing[year] = weight
        }
        let total = timing.values.reduce(0, +)
        guard total > 0 else { throw ys.error("expected at least one positive weight") }
        for key in timing.keys { timing[key]! /= total }
      case (nil, nil):
        throw cursor.error("missing 'year' (start year) or 'years' (weights by start year), or 'per_year: true'")
      default:
        throw cursor.error("give either 'year' or 'years', not both")
      }
      frequency = .once(timing: timing)
    }

    let effect: EventSpec.Effect
    switch (map["add_level"], map["growth_shock"]) {
    case (let a?, nil):
      let level = try a.double()
      if let problem = ScenarioRules.addedLevel(level) { throw a.error(problem) }
      var ramp: [Double] = [1]
      if let r = map["ramp"] {
        ramp = []
        for item in try r.sequence() {
          let share = try item.double()
          if let problem = ScenarioRules.rampShare(share) { throw item.error(problem) }
          ramp.append(share)
        }
        guard !ramp.isEmpty else { throw r.error("expected at least one share") }
      }
      effect = .addLevel(level: level, ramp: ramp)
    case (nil, let g?):
      let shock = try g.double()
      if let problem = ScenarioRules.growthRate(shock, what: "a growth shock") { throw g.error(problem) }
      if let r = map["ramp"] { throw r.error("'ramp' applies to 'add_level' events") }
      effect = .growthShock(shock)
    case (nil, nil):
      throw cursor.error("missing the effect: 'add_level' (a level added, with an optional 'ramp') or 'growth_shock' (a one-year change in growth)")
    default:
      throw cursor.error("give either 'add_level' or 'growth_shock', not both")
    }

    let driver = try map["driver"]?.string()
    var loading = 0.0
    if let c = map["loading"] {
      guard driver != nil else { throw c.error("'loading' needs a 'driver' (the name of the shared driver)") }
      loading = try c.double()
      if let problem = ScenarioRules.loading(loading) { throw c.error(problem) }
    } else if driver != nil {
      loading = 0.5
    }
    return EventSpec(id: id, series: series, probability: probability, frequency: frequency, effect: effect, driver: driver, loading: loading)
  }
}
