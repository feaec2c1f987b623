import Foundation

/// A resolved run written once for many shards (`targetcast plan`): the scenario after variant,
/// `--set`, `--paths` and `--seed`, its SHA-256, the tool's version and build, and what every
/// shard would otherwise compute first (``PreparedRun``: pilot grids, sensitivity, block size).
/// `targetcast run --plan FILE --shard …` simulates from it; the shard files carry the same plan
/// hash, so `merge` checks them as for any shards.
struct PlanFile: Codable {
  static let currentFormat = 1
  /// Largest plan file `run --plan` reads.
  static let maximumBytes = 1 << 28

  var kind = "plan"
  var format = PlanFile.currentFormat
  var tool = "targetcast"
  var version = targetCastVersion
  var build = targetCastBuildID
  var planSHA256: String
  var plan: Scenario
  var prepared: PreparedRun

  init(plan: Scenario, prepared: PreparedRun) {
    self.plan = plan
    self.planSHA256 = plan.planSHA256
    self.prepared = prepared
  }

  func encoded() throws -> Data {
    try StoredJSON.encoder().encode(self)
  }

  /// Reads and checks a plan file from an untrusted source: size, kind, format, build, plan hash
  /// and rules, and the prepared grids against the plan.
  static func read(path: String) throws(TargetCastError) -> PlanFile {
    let data = try readToolFile(path: path, limit: maximumBytes, kind: "plan")
    let decoder = StoredJSON.decoder()
    guard let header = try? decoder.decode(ToolFileHeader.self, from: data), header.tool == "targetcast", header.kind == "plan" else {
      throw .usage("\(path): not a TargetCast plan file (write one with `targetcast plan SCENARIO --output \(path)`)")
    }
    guard header.format == currentFormat else {
      throw .usage("\(path): plan file format \(header.format) (TargetCast \(header.version ?? "?")); this TargetCast \(targetCastVersion) reads format \(currentFormat): write the plan again")
    }
    guard header.build == targetCastBuildID, header.version == targetCastVersion else {
      throw .usage(
        "\(path): written by TargetCast \(header.version ?? "?") build \((header.build ?? "?").prefix(12)), this is \(targetCastVersion) build \(targetCastBuildID.prefix(12)); "
          + "shards of one run must use one build (their numbers may differ in the last bits): write the plan with this build")
    }
    let file: PlanFile
    do { file = try decoder.decode(PlanFile.self, from: data) } catch {
      throw .usage("\(path): not a readable plan file (\(error))")
    }
    do {
      try file.plan.verifyPlan(sha256: file.planSHA256, file: path)
      try file.plan.validate()
      try file.prepared.check(against: file.plan, file: path)
    } catch {
      throw .scenario(error)
    }
    return file
  }
}

/// What every format of TargetCast's shard and plan files has: read first, so that another file
/// or format gets a clear message. Shard files have no `kind`.
struct ToolFileHeader: Decodable {
  var kind: String?
  var format: Int
  var tool: String
  var version: String?
  var build: String?
}

/// What `targetcast plan` wrote.
public struct PlanOutcome: Sendable {
  public var file: String
  public var planSHA256: String
  public var paths: Int
  /// Memory and work of one process running the plan (each shard needs about as much memory).
  public var estimate: ResourceEstimate
}

/// Resolves `request` (as `run` would: variant-free, every rule checked), computes what every
/// shard would compute first, and writes the plan file `output` atomically. An existing file is
/// replaced only if it is a TargetCast plan file.
public func writePlan(_ request: RunRequest, output: String) throws(TargetCastError) -> PlanOutcome {
  let resolved = try resolveRun(request)
  if resolved.hasVariants { throw .usage("a plan is one run: write one plan per variant (--set or the variant's own plan), not --variant or --all-variants") }
  let scenario = resolved.base
  guard scenario.precision == nil else {
    throw .scenario(ScenarioError(file: request.scenarioPath, key: "paths", message: "'paths: auto' cannot be planned for shards (the stopping rule needs every path); give a number of paths, e.g. --paths 1e9"))
  }
  if FileManager.default.fileExists(atPath: output) {
    let data = (try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data()
    guard (try? JSONDecoder().decode(ToolFileHeader.self, from: data))?.kind == "plan" else {
      throw .output(OutputError(path: output, message: "exists and is not a TargetCast plan file; it is left alone (choose another --output)"))
    }
  }
  let prepared: PreparedRun
  do { prepared = try Engine.prepareRun(scenario, options: request.simulationOptions) } catch { throw .scenario(error) }
  let file = PlanFile(plan: scenario, prepared: prepared)
  do {
    try file.encoded().write(to: URL(fileURLWithPath: output), options: .atomic)
  } catch {
    throw .output(OutputError(path: output, message: "cannot write the plan file (\(error.localizedDescription))"))
  }
  return PlanOutcome(file: output, planSHA256: file.planSHA256, paths: scenario.paths, estimate: resolved.estimate)
}

/// `run --plan FILE`: the whole run, or one shard, from a plan file.
func runFromPlan(_ request: RunRequest, planPath: String) throws(TargetCastError) -> RunOutcome {
  var given: [String] = []
  if !request.variants.isEmpty || request.allVariants { given.append("--variant") }
  if !request.settings.isEmpty { given.append("--set") }
  if !request.targets.isEmpty { given.append("--target") }
  if request.paths != nil { given.append("--paths") }
  if request.seed != nil { given.append("--seed") }
  if request.strict { given.append("--strict") }
  guard given.isEmpty else {
    throw .usage("--plan: the plan is already resolved; give \(given.joined(separator: ", ")) to `targetcast plan` instead")
  }
  if let threads = request.threads, threads < 1 { throw .usage("--threads: expected at least 1, found \(threads)") }
  let file = try PlanFile.read(path: planPath)
  let scenario = file.plan
  let directory = OutputDirectory(path: request.outputDirectory ?? "notebooks-output/\(scenario.name)/\(ScenarioSource.baseVariant)")
  let options = request.simulationOptions
  let shard = request.shard ?? (1, 1)
  let part: PartialRun
  if request.shard != nil {
    do { try directory.check() } catch { throw .output(error) }
  } else {
    do { try directory.checkReplaceable() } catch { throw .output(error) }
  }
  do { part = try Engine.runPart(scenario, prepared: file.prepared, shard: shard.index, of: shard.count, options: options) } catch {
    throw .scenario(error)
  }
  if request.shard != nil {
    let written = try ShardFile(plan: scenario, part: part).write(into: directory)
    return RunOutcome(result: Engine.summarizePart(part, scenario: scenario, options: options), outputDirectory: directory.path, files: written)
  }
  let result: SimulationResult
  do { result = try Engine.merge([part], scenario: scenario, options: options) } catch { throw .scenario(error) }
  let outputs = try runFiles(result, byteOrderMark: request.byteOrderMark)
  let written: [String]
  do { written = try directory.replaceContents(with: outputs) } catch { throw .output(error) }
  return RunOutcome(result: result, outputDirectory: directory.path, files: written)
}
