import TCEngine
import TCScenario

extension TornadoChart {
  /// A readable name for a sensitivity input key: `growth:<series id>` → `<series label> growth`,
  /// `event:<id>` → `event <id>`; anything else unchanged.
  public static func inputLabel(_ input: String, in scenario: Scenario) -> String {
    if input.hasPrefix("growth:") {
      let id = String(input.dropFirst("growth:".count))
      return "\(scenario.series.first { $0.id == id }?.label ?? id) growth"
    }
    if input.hasPrefix("base:") {
      let id = String(input.dropFirst("base:".count))
      return "\(scenario.series.first { $0.id == id }?.label ?? id) full year (from year-to-date)"
    }
    if input.hasPrefix("event:") { return "event \(input.dropFirst("event:".count))" }
    return input
  }
}

extension TornadoChart {
  /// One tornado chart per target that has sensitivity rows, in scenario target order: the
  /// target's probability among the paths with each input in its lowest and highest tenth (an
  /// event: absent, occurring), against its probability in the run; inputs by first-order index.
  public static func charts(for result: SimulationResult) -> [TornadoChart] {
    result.targets.compactMap { target in
      let entries = result.sensitivity.filter { $0.target == target.target.name }
      guard !entries.isEmpty else { return nil }
      let rows = entries.map { entry in
        let event = entry.input.hasPrefix("event:")
        return TornadoRow(
          input: inputLabel(entry.input, in: result.scenario), lowSetting: event ? "absent" : "lowest 10%",
          highSetting: event ? "occurs" : "highest 10%", low: entry.probabilityLow, high: entry.probabilityHigh)
      }
      return TornadoChart(
        title: target.target.name, metric: "P(\(target.target.name))", baseline: target.probability, rows: rows)
    }
  }
}
