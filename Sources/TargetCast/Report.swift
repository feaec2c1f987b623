import Foundation

/// The human-readable outputs of a run and its `run.json`, ready to be written next to the CSV
/// tables.
///
/// - Parameters:
///   - result: The simulation.
///   - tables: Names of the table files written alongside (listed in run.json).
///   - tornadoCharts: Sensitivity charts; by default one per target built from the run's
///     sensitivity analysis (none when the run has none).
///   - startedAt: When the run started (reading the scenario), for the total time in run.json.
///   - variants: Every variant simulated in the same run (empty for a plain run); the result's
///     own variant is `result.scenario.variant`, or `base`.
public func reportFiles(
  for result: SimulationResult, tables: [String], tornadoCharts: [TornadoChart]? = nil, startedAt: ContinuousClock.Instant? = nil,
  variants: [String] = []
) -> [(name: String, contents: String)] {
  let totalSeconds = startedAt.map { start -> Double in
    let elapsed = (ContinuousClock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }
  // The hash of the file as it was read for this run (carried by the plan), never a second read.
  let hash = result.scenario.sourceSHA256
  var report = RunReport(result: result, tornadoCharts: tornadoCharts ?? TornadoChart.charts(for: result), scenarioSHA256: hash)
  report.versionText = targetCastVersion
  var files = report.files()
  let manifest = RunManifest(
    version: targetCastVersion,
    scenario: .init(
      name: result.scenario.name, title: result.scenario.title, file: result.scenario.sourceFile, sha256: hash,
      keys: ScenarioKeys.flatten(result.scenario)),
    seed: result.scenario.seed, paths: result.paths,
    variant: variants.isEmpty ? result.scenario.variant : (result.scenario.variant ?? ScenarioSource.baseVariant), variants: variants,
    threads: result.threads, blockSize: result.blockSize,
    quantileLevels: result.quantileLevels,
    timings: .init(simulate: result.seconds, total: totalSeconds),
    files: (tables + files.map(\.name) + [RunOutputs.manifest.name]).sorted(),
    build: targetCastBuildID, plan: result.scenario, warnings: result.warnings)
  files.append((RunOutputs.manifest.name, manifest.json()))
  return files
}
