import TCScenario

extension TornadoChart {
  /// A readable name for a sensitivity input key: `growth:<series id>` → `<series label> growth`,
  /// `event:<id>` → `event <id>`; anything else unchanged.
  public static func inputLabel(_ input: String, in scenario: Scenario) -> String {
    if input.hasPrefix("growth:") {
      let id = String(input.dropFirst("growth:".count))
      return "\(scenario.series.first { $0.id == id }?.label ?? id) growth"
    }
    if input.hasPrefix("event:") { return "event \(input.dropFirst("event:".count))" }
    return input
  }
}
