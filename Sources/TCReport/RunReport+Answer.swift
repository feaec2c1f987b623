import TCEngine
import TCScenario

/// The report's first lines: the scenario's question answered in numbers, one line per target
/// (with how many are met for a k-of-n target), per year-to-date estimate and per target's
/// strongest driver.
extension RunReport {
  static func answerLines(_ result: SimulationResult) -> [String] {
    let scenario = result.scenario
    var lines: [String] = []
    for target in result.targets {
      let t = target.target
      var line = "\(t.name): probability \(HumanFormat.percent(target.reportedProbability)) that \(t.meaning(in: scenario))"
      if target.target.composite != nil {
        line += "; " + expectedMembersReached(target, scenario: scenario)
      } else {
        if t.timing == .byYear {
          line += target.medianYear.map { "; half the paths first reach it by \($0)" }
            ?? "; fewer than half the paths reach it by \(scenario.horizonYear)"
        }
        if target.requiredCAGR.isFinite, t.kind != "cagr", t.kind != "yoy" { line += " (needs \(growthNeeded(target, scenario: scenario)))" }
      }
      lines.append(line + ".")
    }
    for spec in scenario.series {
      guard let ytd = spec.ytd, let estimate = ytd.officialEstimate else { continue }
      let units = scenario.units(of: spec.id)
      let months = ytd.throughMonth == 1 ? "January" : "January–\(monthNames[ytd.throughMonth - 1])"
      let spread = ytd.usesHistory
        ? "the share of the year done by the end of \(monthNames[ytd.throughMonth - 1]) in the \(ytd.shares.count) earlier years given"
        : "the run-rate, with a stated spread (sd \(HumanFormat.rate(ytd.runRateSD ?? 0)))"
      lines.append(
        "\(spec.label): \(months) \(HumanFormat.level(ytd.value, units: units)) implies a full year of "
          + "\(HumanFormat.level(ytd.median, units: units)) (median; 90% between \(HumanFormat.level(ytd.quantile(0.05), units: units)) "
          + "and \(HumanFormat.level(ytd.quantile(0.95), units: units))); the official estimate \(HumanFormat.level(estimate, units: units)) "
          + "is at its \(HumanFormat.percent(ytd.percentile(of: estimate))) point. The spread comes from \(spread).")
    }
    let eventSeries = Dictionary(scenario.events.map { ($0.id, $0.series) }, uniquingKeysWith: { first, _ in first })
    for target in result.targets {
      // A target's own series' growth moving it says nothing; name what else of its own matters
      // most: any member of a total, its year-to-date base, an event on it.
      guard let quantity = scenario.quantity(target.target.series) else { continue }
      let onAggregate = quantity.isAggregate
      let own = Set(onAggregate ? quantity.members : [quantity.id])
      let candidates = result.sensitivity.filter { entry in
        guard entry.target == target.target.name else { return false }
        switch entry.source {
        case .growth(let series): return onAggregate && own.contains(series)
        case .base(let series): return own.contains(series)
        case .event(let id): return eventSeries[id].map(own.contains) ?? false
        case nil: return false
        }
      }
      guard let top = candidates.max(by: { abs($0.probabilityHigh - $0.probabilityLow) < abs($1.probabilityHigh - $1.probabilityLow) }),
        top.probabilityHigh != top.probabilityLow
      else { continue }
      let event = top.source?.isEvent == true
      lines.append(
        "What moves \(target.target.name) most\(onAggregate ? "" : " besides its own growth"): \(TornadoChart.inputLabel(top.input, in: scenario)) "
          + "(\(HumanFormat.percent(top.probabilityLow)) \(event ? "without it" : "in its lowest tenth"), "
          + "\(HumanFormat.percent(top.probabilityHigh)) \(event ? "with it" : "in its highest tenth")).")
    }
    return lines
  }

  /// `expected number reached: 1.2 within 3 years (2022), …` for a k-of-n target, from its
  /// member counts by year, up to the target's own year.
  static func expectedMembersReached(_ target: TargetResult, scenario: Scenario) -> String {
    guard let first = target.memberCounts.first else { return "" }
    let members = first.count - 1
    let years = (scenario.baseYear + 1)...target.target.year
    let parts = years.map { year -> String in
      let row = target.memberCounts[year - scenario.baseYear - 1]
      let expected = row.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
      let within = year - scenario.baseYear
      return "\(HumanFormat.level(expected)) within \(within) year\(within == 1 ? "" : "s") (\(year))"
    }
    return "expected number of its \(members) targets reached: " + parts.joined(separator: ", ")
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
}
