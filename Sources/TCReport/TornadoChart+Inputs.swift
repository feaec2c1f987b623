import TCEngine
import TCScenario

extension TornadoChart {
  /// A readable name for a sensitivity input key: `growth:<series id>` → `<series label> growth`,
  /// `base:<series id>` → `<series label> full year (from year-to-date)`, `event:<id>` →
  /// `event <id>`; anything else unchanged.
  public static func inputLabel(_ input: String, in scenario: Scenario) -> String {
    func label(_ id: String) -> String { scenario.series.first { $0.id == id }?.label ?? id }
    switch SensitivityInput(key: input) {
    case .growth(let series): return "\(label(series)) growth"
    case .base(let series): return "\(label(series)) full year (from year-to-date)"
    case .event(let id): return "event \(id)"
    case nil: return input
    }
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
        let event = entry.source?.isEvent == true
        return TornadoRow(
          input: inputLabel(entry.input, in: result.scenario), lowSetting: event ? "absent" : "lowest 10%",
          highSetting: event ? "occurs" : "highest 10%", low: entry.probabilityLow, high: entry.probabilityHigh)
      }
      return TornadoChart(
        title: target.target.name, metric: "P(\(target.target.name))", baseline: target.probability, rows: rows)
    }
  }
}
