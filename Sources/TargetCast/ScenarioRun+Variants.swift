import Foundation

/// Runs the base scenario and its variants with one seed (common random numbers) and writes
/// `<output>/<variant>/…` for each plus `<output>/joint_targets.csv`.
///
/// The plans were resolved and checked before (``resolveRun(_:)``), and the whole output folder
/// is replaced as one set after every variant has run.
func runVariants(
  _ request: RunRequest, plans scenarios: [(name: String, scenario: Scenario)], startedAt: ContinuousClock.Instant
) throws(TargetCastError) -> RunOutcome {
  let names = scenarios.map(\.name)
  let root = OutputDirectory(path: request.outputDirectory ?? "notebooks-output/\(scenarios[0].scenario.name)")
  do { try root.checkReplaceable() } catch { throw .output(error) }
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
  var files: [(name: String, contents: String)] = []
  for (index, result) in results.enumerated() {
    let own = try runFiles(result, byteOrderMark: request.byteOrderMark, startedAt: startedAt, variants: names)
    files += own.map { (name: names[index] + "/" + $0.name, contents: $0.contents) }
  }
  if !joint.isEmpty {
    var table = CSVTable(header: ["target", "variant_a", "variant_b", "paths", "both_met"])
    for row in joint { table.append([row.target, row.variantA, row.variantB, String(row.paths), String(row.bothMet)]) }
    files.append((name: RunComparison.jointCountsFileName, contents: table.text(byteOrderMark: request.byteOrderMark)))
  }
  let written: [String]
  do { written = try root.replaceContents(with: files) } catch { throw .output(error) }
  let folders = names.map { (root.path as NSString).appendingPathComponent($0) }
  var outcomes: [(name: String, outcome: RunOutcome)] = []
  for (index, result) in results.enumerated() {
    let own = written.filter { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent == names[index] }
    var outcome = RunOutcome(result: result, outputDirectory: folders[index], files: own)
    outcome.result.warnings += index == 0 ? notes : []
    outcomes.append((names[index], outcome))
  }
  var base = outcomes[0].outcome
  base.jointTargetsFile = joint.isEmpty ? nil : written.last
  base.variants = outcomes
  return base
}
