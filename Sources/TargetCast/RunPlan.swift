import Foundation

/// A `run` request resolved into the plans it will simulate: every rule checked (the file's,
/// the engine's, the output names', the resources'), nothing simulated or written yet.
///
/// `targetcast validate` builds exactly this, so `validate` and `run` accept and reject the
/// same inputs.
public struct ResolvedRun: Sendable {
  /// The base scenario and each requested variant, resolved (variant, `--set`, `--paths`,
  /// `--seed` applied) and checked; one entry, the base, for a plain run.
  public var plans: [(name: String, scenario: Scenario)]
  /// Whether variants were requested (outputs go to `<output>/<variant>/`).
  public var hasVariants: Bool
  /// Memory and work of the largest plan.
  public var estimate: ResourceEstimate
  /// The memory limit the estimate was checked against, in bytes.
  public var memoryLimit: Int
  /// Sanity warnings of the plans (likely unit mistakes), each once, as `run` prints them.
  public var warnings: [String] {
    var seen: [String] = []
    for plan in plans { for warning in plan.scenario.sanityWarnings().map(\.description) where !seen.contains(warning) { seen.append(warning) } }
    return seen
  }

  /// The base scenario.
  public var base: Scenario { plans[0].scenario }
}

/// Half the machine's memory: the default `--max-memory`.
public var defaultMemoryLimit: Int { Int(min(ProcessInfo.processInfo.physicalMemory / 2, UInt64(Int.max))) }

/// Resolves and checks `request` without simulating (see ``ResolvedRun``).
public func resolveRun(_ request: RunRequest) throws(TargetCastError) -> ResolvedRun {
  let source: ScenarioSource
  do { source = try ScenarioSource.load(path: request.scenarioPath) } catch { throw .scenario(error) }
  return try resolveRun(request, source: source)
}

/// Resolves `request` against scenario text already read (`request.scenarioPath` names it in
/// messages); see ``resolveRun(_:)``.
public func resolveRun(_ request: RunRequest, source: ScenarioSource) throws(TargetCastError) -> ResolvedRun {
  if let threads = request.threads, threads < 1 { throw .usage("--threads: expected at least 1, found \(threads)") }
  if let shard = request.shard, !(shard.count >= 1 && shard.count <= PartialRun.maximumShards && (1...shard.count).contains(shard.index)) {
    throw .usage("--shard: expected i/n with 1 ≤ i ≤ n ≤ \(PartialRun.maximumShards), found \(shard.index)/\(shard.count)")
  }
  var scenarios: [(name: String, scenario: Scenario)] = []
  let names: [String]
  do {
    let settings = try request.settings.map { (text: String) throws(ScenarioError) -> ScenarioSetting in try ScenarioSetting.parse(text) }
      + request.targets.map { (text: String) throws(ScenarioError) -> ScenarioSetting in try ScenarioSetting.target(text) }
    let strict = request.strict
    let check: (Scenario) throws(ScenarioError) -> Void = { scenario throws(ScenarioError) in
      if strict, let warning = scenario.sanityWarnings().first {
        throw ScenarioError(file: scenario.sourceFile, key: warning.key, message: warning.message + " (an error with --strict)")
      }
      try Engine.checkPlan(scenario)
      try RunReport.checkFileNames(scenario)
    }
    names = request.variantList(source)
    // A mistake in any variant is reported even when only the base runs.
    let unknown = names.filter { $0 != ScenarioSource.baseVariant && !source.variantNames.contains($0) }
    for name in [ScenarioSource.baseVariant] + source.variantNames + unknown {
      let scenario = try source.scenario(variant: name, settings: settings, check: check)
      if name == ScenarioSource.baseVariant || names.contains(name) {
        scenarios.append((name, try applyOverrides(scenario, paths: request.paths, seed: request.seed)))
      }
    }
  } catch {
    throw .scenario(error)
  }
  if !names.isEmpty {
    if request.shard != nil { throw .usage("--shard cannot be combined with --variant or --all-variants; run each variant's shards with --set") }
    scenarios.sort { names.firstIndex(of: $0.name)! < names.firstIndex(of: $1.name)! }
    let seed = scenarios[0].scenario.seed
    if let other = scenarios.first(where: { $0.scenario.seed != seed }) {
      throw .scenario(ScenarioError(
        file: request.scenarioPath, key: "variants.\(other.name).seed",
        message: "variants of one run share the base seed \(seed) (common random numbers); remove 'seed' from the variant or use --seed"))
    }
  }
  let threads = request.threads ?? ProcessInfo.processInfo.activeProcessorCount
  let limit = request.maxMemory ?? defaultMemoryLimit
  let estimates = scenarios.map { Engine.estimate($0.scenario, threads: threads) }
  let worst = estimates.indices.max { estimates[$0].bytes < estimates[$1].bytes }!
  let estimate = estimates[worst]
  if estimate.bytes > limit {
    let scenario = scenarios[worst].scenario
    var advice = "fewer series or years"
    if estimate.sensitivityBytes > estimate.bytes / 2 { advice = "a smaller sensitivity_paths (now \(scenario.sensitivityPaths); 0 turns the analysis off)" }
    else if threads > 1 { advice += ", or fewer --threads (each keeps its own histograms: \(ResourceEstimate.describe(bytes: estimate.histogramBytesPerThread)))" }
    throw .scenario(ScenarioError(
      file: request.scenarioPath, key: "series",
      message: "this run needs about \(ResourceEstimate.describe(bytes: estimate.bytes)) of memory (\(scenario.series.count) series × \(scenario.horizon) years on \(threads) thread(s)), "
        + "more than the limit of \(ResourceEstimate.describe(bytes: limit)); use \(advice), or raise the limit with --max-memory"))
  }
  return ResolvedRun(plans: scenarios, hasVariants: !names.isEmpty, estimate: estimate, memoryLimit: limit)
}

func applyOverrides(_ loaded: Scenario, paths: Int?, seed: UInt64?) throws(ScenarioError) -> Scenario {
  var scenario = loaded
  if let paths {
    scenario.paths = paths
    scenario.precision = nil
  }
  if let seed { scenario.seed = seed }
  try scenario.validate()
  return scenario
}
