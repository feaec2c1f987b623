/// What each kind of target is, in one place: its name in tables, the year growth is measured
/// from, and the level it amounts to. Writers describe targets through these and
/// `TargetSpec.meaning(in:)` (TCReport), never by switching on `measure` themselves.
extension TargetSpec {
  /// The `kind` column of targets.csv and run summaries: `level`, `at_most`, `between`,
  /// `ratio`, `cagr`, `yoy`, `at_least_k_of` or `all_of`.
  public var kind: String {
    if let composite { return composite.required == composite.members.count ? "all_of" : "at_least_k_of" }
    switch (measure, comparison) {
    case (.level, .atMost): return "at_most"
    case (.level, .between): return "between"
    case (.level, _): return "level"
    case (.ratio, _): return "ratio"
    case (.cagr, _): return "cagr"
    case (.yearOnYear, _): return "yoy"
    }
  }

  /// The scenario key that holds the threshold: `at_least`, `at_most` or `between` for a level,
  /// else the kind (`ratio`, `cagr`, `yoy`, `at_least_k_of`, `all_of`).
  public var thresholdKey: String {
    guard measure == .level, composite == nil else { return kind }
    switch comparison {
    case .atLeast: return "at_least"
    case .atMost: return "at_most"
    case .between: return "between"
    }
  }

  /// The year a k-of-n target is decided in: the latest of its members' years among `targets`
  /// (nil for other targets, or when no member is found).
  public func latestMemberYear(among targets: [TargetSpec]) -> Int? {
    composite?.members.compactMap { name in targets.first { $0.name == name }?.year }.max()
  }

  /// Every value of `kind`, for documentation and schema tests.
  public static let kinds = ["level", "at_most", "between", "ratio", "cagr", "yoy", "at_least_k_of", "all_of"]

  /// Whether the target is one condition on one series or aggregate, met from below
  /// (`level`, `ratio`, `cagr`, `yoy`): the targets with a required growth shift, a control
  /// variate and a conditional estimator.
  public var isSimpleAtLeast: Bool { composite == nil && comparison == .atLeast }

  /// The year growth toward the target is counted from: the reference year of a ratio, CAGR
  /// or year-on-year target, the base year for a level.
  public func growthStartYear(in scenario: Scenario) -> Int { referenceYear ?? scenario.baseYear }

  /// The base-year level of the target's series or aggregate (the median full year for a
  /// series whose base comes from a year-to-date figure).
  public func baseLevel(in scenario: Scenario) -> Double? { scenario.quantity(series)?.base }

  /// The level the target amounts to, when one level does: the threshold of a level target;
  /// for a ratio or CAGR target counted from the base year, the base level times the ratio
  /// (or times (1 + r)^years). Nil when counted from a simulated year (each path's own level).
  public func levelThreshold(in scenario: Scenario) -> Double? {
    guard composite == nil else { return nil }
    switch measure {
    case .yearOnYear: return nil
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
    guard measure != .level, composite == nil else { return false }
    let ids = scenario.aggregateIndex(of: series).map { scenario.aggregates[$0].members } ?? [series]
    return ids.contains { id in scenario.seriesIndex(of: id).map { scenario.series[$0].baseFromYTD } ?? false }
  }
}
