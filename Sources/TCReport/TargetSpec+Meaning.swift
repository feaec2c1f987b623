import TCScenario

extension TargetSpec {
  /// The target in its own terms, for people: `healthcare ≥ 1,000 亿元 in 2020`,
  /// `electronics doubles (≥ 2 × 2019, about 2,614 亿元) by 2022`,
  /// `electronics CAGR ≥ 26.0% 2019–2022 (about 2,629 亿元)`.
  public func meaning(in scenario: Scenario) -> String {
    if let composite {
      let listed = composite.members.joined(separator: "; ")
      return composite.required == composite.members.count
        ? "all \(composite.members.count) met: \(listed)"
        : "at least \(composite.required) of \(composite.members.count) met: \(listed)"
    }
    let label = scenario.series.first { $0.id == series }?.label ?? scenario.aggregates.first { $0.id == series }?.label ?? series
    let units = scenario.units.map { " \($0)" } ?? ""
    let when = (timing == .byYear ? "by " : "in ") + String(year)
    var implied = ""
    if measure != .level, let level = levelThreshold(in: scenario) {
      implied = (levelThresholdIsApproximate(in: scenario) ? ", about " : ", i.e. ") + HumanFormat.level(level) + units
    }
    switch measure {
    case .level:
      switch comparison {
      case .atLeast: return "\(label) ≥ \(HumanFormat.level(threshold))\(units) \(when)"
      case .atMost: return "\(label) ≤ \(HumanFormat.level(threshold))\(units) \(when)"
      case .between(let upper):
        return "\(label) between \(HumanFormat.level(threshold)) and \(HumanFormat.level(upper))\(units) \(when)"
      }
    case .yearOnYear:
      return "\(label) grows ≥ \(HumanFormat.rate(threshold)) in \(year) over \(year - 1)"
    case .ratio(let from):
      let verb = [2: "doubles", 3: "triples"][Int(exactly: threshold) ?? 0]
      let ratio = "≥ \(HumanFormat.level(threshold)) × \(from)"
      return verb.map { "\(label) \($0) (\(ratio)\(implied)) \(when)" } ?? "\(label) \(ratio)\(implied) \(when)"
    case .cagr(let from):
      return "\(label) grows ≥ \(HumanFormat.rate(threshold)) a year \(from)–\(year) (CAGR\(implied))" + (timing == .byYear ? ", reached \(when)" : "")
    }
  }
}
