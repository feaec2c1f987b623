import Foundation
import TCEngine
import TCScenario
import TargetCast

/// Scenario text whose comment lines `#set KEY=VALUE` are `--set` settings and `#variant NAME`
/// requests a variant: resolved as `run` does; a plan it accepts is simulated on a few paths
/// when it is small, and its tables are checked.
enum FuzzScenarioInput {
  /// Plans simulated: at most this many series × years, so an execution stays in milliseconds.
  static let simulatedCells = 400

  static func run(_ bytes: [UInt8]) {
    guard let text = String(bytes: bytes, encoding: .utf8) else { return }
    var settings: [String] = []
    var variants: [String] = []
    for line in text.split(separator: "\n") {
      if line.hasPrefix("#set ") { settings.append(String(line.dropFirst(5))) }
      if line.hasPrefix("#variant ") { variants.append(String(line.dropFirst(9))) }
    }
    let source: ScenarioSource
    do { source = try ScenarioSource(yaml: text, file: "fuzz.yaml") } catch { return }
    var request = RunRequest(scenarioPath: "fuzz.yaml", threads: 1, variants: variants, settings: settings)
    request.maxMemory = 512 << 20
    let resolved: ResolvedRun
    do { resolved = try resolveRun(request, source: source) } catch { return }
    for (name, plan) in resolved.plans where plan.series.count * max(plan.horizon, 1) <= simulatedCells {
      var small = plan
      small.paths = min(plan.paths, 64)
      small.precision = nil
      small.sensitivityPaths = min(plan.sensitivityPaths, 32)
      do {
        try small.validate()
      } catch {
        // Fewer paths can be refused (antithetic pairs, pilots); that is the plan's own rule.
        continue
      }
      let files: [(name: String, contents: String)]
      do {
        files = try runFilesInMemory(try Engine.run(small, options: SimulationOptions(threads: 1)))
      } catch {
        fatalError("invariant broken: plan '\(name)' passed validation but the run failed: \(error)")
      }
      checkOutputs(files)
    }
  }
}
