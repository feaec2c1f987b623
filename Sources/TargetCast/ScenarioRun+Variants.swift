import Foundation

/// Runs the base scenario and its variants with one seed (common random numbers) and writes
/// `<output>/<variant>/…` for each plus `<output>/joint_targets.csv`.
///
/// Every variant is decoded and every folder checked before the first simulation, and nothing
/// is written until all variants have run.
func runVariants(
  _ request: RunRequest, source: ScenarioSource, settings: [ScenarioSetting], names: [String], startedAt: ContinuousClock.Instant
) throws(TargetCastError) -> RunOutcome {
  var scenarios: [(name: String, scenario: Scenario)] = []
  do {
    for name in names {
      let scenario = try source.scenario(variant: name, settings: settings)
      scenarios.append((name, try applyOverrides(scenario, paths: request.paths, seed: request.seed)))
    }
  } catch {
    throw .scenario(error)
  }
  if let first = scenarios.first?.scenario, let other = scenarios.first(where: { $0.scenario.seed != first.seed }) {
    throw .scenario(ScenarioError(
      file: request.scenarioPath, key: "variants.\(other.name).seed",
      message: "variants of one run share the base seed \(first.seed) (common random numbers); remove 'seed' from the variant or use --seed"))
  }
  let parent = request.outputDirectory ?? "notebooks-output/\(scenarios[0].scenario.name)"
  let root = OutputDirectory(path: parent)
  let folders = names.map { OutputDirectory(path: (parent as NSString).appendingPathComponent($0)) }
  do {
    try root.check()
    for folder in folders { try folder.check() }
  } catch {
    throw .output(error)
  }
  var results: [SimulationResult] = []
  let count = scenarios.count
  for (index, entry) in scenarios.enumerated() {
    var options = request.simulationOptions
    if let progress = request.progress {
      // One bar for the whole run: variant i's paths come after those of variants 0..<i.
      options.progress = { done, total in progress(index * total + done, count * total) }
    }
    do { results.append(try Engine.run(entry.scenario, options: options)) } catch { throw .scenario(error) }
  }
  var joint: [JointTargetCount] = []
  var notes: [String] = []
  if scenarios.allSatisfy({ $0.scenario.precision == nil && $0.scenario.paths == scenarios[0].scenario.paths }) {
    do { joint = try Engine.jointTargetCounts(scenarios, options: SimulationOptions(threads: request.threads)) } catch { throw .scenario(error) }
  } else {
    notes.append("variants ran with 'paths: auto' or different path counts, so joint_targets.csv is not written; compare treats them as bounded")
  }
  var outcomes: [(name: String, outcome: RunOutcome)] = []
  do {
    for (index, result) in results.enumerated() {
      var files = runTables(result, byteOrderMark: request.byteOrderMark)
      files += reportFiles(for: result, tables: files.map(\.name), startedAt: startedAt, variants: names)
      let written = try folders[index].write(files)
      var outcome = RunOutcome(result: result, outputDirectory: folders[index].path, files: written)
      outcome.result.warnings += index == 0 ? notes : []
      outcomes.append((names[index], outcome))
    }
    var base = outcomes[0].outcome
    if !joint.isEmpty {
      var table = CSVTable(header: ["target", "variant_a", "variant_b", "paths", "both_met"])
      for row in joint { table.append([row.target, row.variantA, row.variantB, String(row.paths), String(row.bothMet)]) }
      let written = try root.write([(name: RunComparison.jointCountsFileName, contents: table.text(byteOrderMark: request.byteOrderMark))])
      base.jointTargetsFile = written.first
    }
    base.variants = outcomes
    return base
  } catch {
    throw .output(error)
  }
}
