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
    let quantity = scenario.quantity(series)
    let label = quantity?.label ?? series
    func amount(_ x: Double) -> String { HumanFormat.level(x, units: quantity?.units) }
    let when = (timing == .byYear ? "by " : "in ") + String(year)
    var implied = ""
    if measure != .level, let level = levelThreshold(in: scenario) {
      implied = (levelThresholdIsApproximate(in: scenario) ? ", about " : ", i.e. ") + amount(level)
    }
    switch measure {
    case .level:
      switch comparison {
      case .atLeast, .atMost: return "\(label) \(comparison.symbol) \(amount(threshold)) \(when)"
      case .between(let upper):
        return "\(label) between \(HumanFormat.levels(threshold, upper, units: quantity?.units, separator: " and ")) \(when)"
      }
    case .yearOnYear:
      return "\(label) grows \(comparison.symbol) \(HumanFormat.rate(threshold)) in \(year) over \(year - 1)"
    case .ratio(let from):
      let verb = [2: "doubles", 3: "triples"][Int(exactly: threshold) ?? 0]
      let ratio = "≥ \(HumanFormat.level(threshold)) × \(from)"
      return verb.map { "\(label) \($0) (\(ratio)\(implied)) \(when)" } ?? "\(label) \(ratio)\(implied) \(when)"
    case .cagr(let from):
      return "\(label) grows ≥ \(HumanFormat.rate(threshold)) a year \(from)–\(year) (CAGR\(implied))" + (timing == .byYear ? ", reached \(when)" : "")
    }
  }
}

extension TargetSpec {
  /// What a ratio or CAGR target's level on a fan chart stands for: `= 2 × the 2019 level`,
  /// `= CAGR 26.0% from 2019`, with `(median 2019)` when each path has its own 2019 level.
  func chartNote(in scenario: Scenario) -> String? {
    let approximate = levelThresholdIsApproximate(in: scenario)
    switch measure {
    case .ratio(let from):
      return "= \(HumanFormat.level(threshold)) × the \(from) level" + (approximate ? " (its median)" : "")
    case .cagr(let from):
      return "= CAGR \(HumanFormat.rate(threshold)) from \(from)" + (approximate ? " (median \(from))" : "")
    case .level, .yearOnYear:
      return nil
    }
  }
}

extension TargetSpec.Comparison {
  /// `≥`, `≤`, or `–` for a band: the one place a target's relation becomes a symbol.
  public var symbol: String {
    switch self {
    case .atLeast: return "≥"
    case .atMost: return "≤"
    case .between: return "–"
    }
  }
}
