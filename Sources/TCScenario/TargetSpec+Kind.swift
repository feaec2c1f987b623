/// What each kind of target is, in one place: its name in tables, the year growth is measured
/// from, and the level it amounts to. Writers describe targets through these and
/// `TargetSpec.meaning(in:)` (TCReport), never by switching on `measure` themselves.
extension TargetSpec {
  /// `level`, `ratio` or `cagr`: the `kind` column of targets.csv and run summaries.
  public var kind: String {
    switch measure {
    case .level: return "level"
    case .ratio: return "ratio"
    case .cagr: return "cagr"
    }
  }

  /// The year growth toward the target is counted from: the reference year of a ratio or CAGR
  /// target, the base year for a level.
  public func growthStartYear(in scenario: Scenario) -> Int { measure.referenceYear ?? scenario.baseYear }

  /// The base-year level of the target's series or aggregate (the median full year for a
  /// series whose base comes from a year-to-date figure).
  public func baseLevel(in scenario: Scenario) -> Double? {
    if let s = scenario.seriesIndex(of: series) { return scenario.series[s].base }
    guard let a = scenario.aggregateIndex(of: series) else { return nil }
    var total = 0.0
    for member in scenario.aggregates[a].members {
      guard let s = scenario.seriesIndex(of: member) else { return nil }
      total += scenario.series[s].base
    }
    return total
  }

  /// The level the target amounts to, when one level does: the threshold of a level target;
  /// for a ratio or CAGR target counted from the base year, the base level times the ratio
  /// (or times (1 + r)^years). Nil when counted from a simulated year (each path's own level).
  public func levelThreshold(in scenario: Scenario) -> Double? {
    switch measure {
    case .level: return threshold
    case .ratio(let from):
      guard from == scenario.baseYear, let base = baseLevel(in: scenario) else { return nil }
      return base * threshold
    case .cagr(let from):
      guard from == scenario.baseYear, let base = baseLevel(in: scenario) else { return nil }
      var factor = 1.0
      for _ in 0..<(year - from) { factor *= 1 + threshold }
      return base * factor
    }
  }

  /// Whether the level threshold rests on an uncertain base (a year-to-date figure), so that
  /// it is only approximate.
  public func levelThresholdIsApproximate(in scenario: Scenario) -> Bool {
    guard measure != .level else { return false }
    let ids = scenario.aggregateIndex(of: series).map { scenario.aggregates[$0].members } ?? [series]
    return ids.contains { id in scenario.seriesIndex(of: id).map { scenario.series[$0].baseFromYTD } ?? false }
  }
}
