import Foundation

/// What `targetcast run` was asked to do.
public struct RunRequest: Sendable, Equatable {
  public var scenarioPath: String
  public var paths: Int?
  public var seed: UInt64?
  public var threads: Int?
  /// Output folder; default `notebooks-output/<scenario name>`.
  public var outputDirectory: String?
  /// Prepend a UTF-8 byte-order mark to CSV files (for spreadsheet programs).
  public var byteOrderMark: Bool
  /// Run only shard `index` (1-based) of `count` and write its mergeable state instead of tables.
  public var shard: (index: Int, count: Int)?
  /// Variants to run besides the base scenario (`--variant`, repeatable).
  public var variants: [String]
  /// Run the base scenario and every variant in the file (`--all-variants`).
  public var allVariants: Bool
  /// `key.path=value` settings applied to every variant (`--set`, repeatable).
  public var settings: [String]
  /// Targets added to every variant (`--target 'series=electronics, by=2022, ratio=2'`,
  /// repeatable), after the settings.
  public var targets: [String] = []
  /// Called with (paths done, paths to do) as the simulation advances (all variants together).
  public var progress: (@Sendable (Int, Int) -> Void)?
  /// Refuse runs estimated to need more memory than this many bytes (default: half the
  /// machine's memory, ``defaultMemoryLimit``).
  public var maxMemory: Int?
  /// Treat the scenario's sanity warnings (likely unit mistakes) as errors (`--strict`).
  public var strict = false
  /// Run from this plan file (`targetcast plan`) instead of the scenario file.
  public var planFile: String?

  public init(
    scenarioPath: String, paths: Int? = nil, seed: UInt64? = nil, threads: Int? = nil,
    outputDirectory: String? = nil, byteOrderMark: Bool = false, shard: (index: Int, count: Int)? = nil,
    variants: [String] = [], allVariants: Bool = false, settings: [String] = []
  ) {
    self.variants = variants
    self.allVariants = allVariants
    self.settings = settings
    self.scenarioPath = scenarioPath
    self.paths = paths
    self.seed = seed
    self.threads = threads
    self.outputDirectory = outputDirectory
    self.byteOrderMark = byteOrderMark
    self.shard = shard
  }

  public static func == (a: RunRequest, b: RunRequest) -> Bool {
    a.scenarioPath == b.scenarioPath && a.paths == b.paths && a.seed == b.seed && a.threads == b.threads
      && a.outputDirectory == b.outputDirectory && a.byteOrderMark == b.byteOrderMark
      && a.shard?.index == b.shard?.index && a.shard?.count == b.shard?.count
      && a.variants == b.variants && a.allVariants == b.allVariants && a.settings == b.settings && a.targets == b.targets && a.maxMemory == b.maxMemory && a.strict == b.strict && a.planFile == b.planFile
  }

  var simulationOptions: SimulationOptions { SimulationOptions(threads: threads, progress: progress) }

  /// The variants to simulate: empty for a plain run, else `base` followed by the requested ones.
  func variantList(_ source: ScenarioSource) -> [String] {
    let requested = allVariants ? source.variantNames : variants
    guard !requested.isEmpty else { return [] }
    var names = [ScenarioSource.baseVariant]
    for name in requested where !names.contains(name) { names.append(name) }
    return names
  }
}

/// What a run produced.
public struct RunOutcome: Sendable {
  public var result: SimulationResult
  public var outputDirectory: String
  public var files: [String]
  /// With variants: one outcome per variant, base first (this outcome is the base's).
  public var variants: [(name: String, outcome: RunOutcome)] = []
  /// With two or more variants: the `joint_targets.csv` written beside the variant folders.
  public var jointTargetsFile: String?

  public init(result: SimulationResult, outputDirectory: String, files: [String]) {
    self.result = result
    self.outputDirectory = outputDirectory
    self.files = files
  }
}

/// Loads a scenario, simulates it and writes `forecast.csv`, `targets.csv`, `time_to_target.csv`,
/// `required_growth.csv` and `sensitivity.csv` (or, for a shard, `shard-i-of-n.json`).
///
/// Nothing is written unless the scenario is valid, the output folder is usable and the
/// simulation succeeded.
public func runScenario(_ request: RunRequest) throws(TargetCastError) -> RunOutcome {
  if let planFile = request.planFile { return try runFromPlan(request, planPath: planFile) }
  let started = ContinuousClock.now
  let resolved = try resolveRun(request)
  if resolved.hasVariants { return try runVariants(request, plans: resolved.plans, startedAt: started) }
  let scenario = resolved.base
  let directory = OutputDirectory(
    path: request.outputDirectory ?? "notebooks-output/\(scenario.name)/\(ScenarioSource.baseVariant)")
  let options = request.simulationOptions

  if let shard = request.shard {
    // Shards of one run may share a folder: a shard adds its one file (written atomically).
    do { try directory.check() } catch { throw .output(error) }
    let part: PartialRun
    do { part = try Engine.runPart(scenario, shard: shard.index, of: shard.count, options: options) } catch { throw .scenario(error) }
    let written = try ShardFile(plan: scenario, part: part).write(into: directory)
    let result = Engine.summarizePart(part, scenario: scenario, options: options)
    return RunOutcome(result: result, outputDirectory: directory.path, files: written)
  }

  do { try directory.checkReplaceable() } catch { throw .output(error) }
  let result: SimulationResult
  do {
    result = try Engine.run(scenario, options: options)
  } catch {
    throw .scenario(error)
  }
  let files = try runFiles(result, byteOrderMark: request.byteOrderMark, startedAt: started)
  let written: [String]
  do { written = try directory.replaceContents(with: files) } catch { throw .output(error) }
  return RunOutcome(result: result, outputDirectory: directory.path, files: written)
}

/// Every file of a run, tables first, then charts, report.md/html and run.json (Report.swift).
/// - Throws: when a number in the tables is not finite (a plan that should have been refused).
func runFiles(
  _ result: SimulationResult, byteOrderMark: Bool, startedAt: ContinuousClock.Instant? = nil, variants: [String] = []
) throws(TargetCastError) -> [(name: String, contents: String)] {
  if let value = result.firstInfiniteValue() {
    throw .scenario(ScenarioError(
      file: result.scenario.sourceFile, key: "series",
      message: "the results would hold an infinite number (\(value)): the levels overflow; use larger units, a lower growth or a shorter horizon"))
  }
  let tables = runTables(result, byteOrderMark: byteOrderMark)
  return tables + reportFiles(for: result, tables: tables.map(\.name), startedAt: startedAt, variants: variants)
}

/// Every file a run of `result` writes (tables, charts, report, run.json), in memory: what
/// `run` puts into its output folder.
/// - Throws: when a number in the tables would not be finite.
public func runFilesInMemory(_ result: SimulationResult, byteOrderMark: Bool = false) throws(TargetCastError) -> [(name: String, contents: String)] {
  try runFiles(result, byteOrderMark: byteOrderMark)
}

/// The tables a run of `result` writes, in memory (no charts or reports).
public func runTablesInMemory(_ result: SimulationResult) -> [(name: String, contents: String)] {
  runTables(result, byteOrderMark: false)
}

/// The tables every run writes.
func runTables(_ result: SimulationResult, byteOrderMark bom: Bool) -> [(name: String, contents: String)] {
  RunOutputs.tableFiles(result, byteOrderMark: bom)
}

/// A shard's output file: its mergeable state and the resolved plan it ran (after variant,
/// `--set` and command-line overrides), so that a merge needs nothing else and never re-reads the
/// scenario file.
struct ShardFile: Codable {
  /// Layout of this file; 3 carries the resolved plan, 4 a shard coverage (partial merges).
  static let currentFormat = 4
  /// Largest shard file `merge` reads.
  static let maximumBytes = 1 << 30

  var format = ShardFile.currentFormat
  var tool = "targetcast"
  var version = targetCastVersion
  var build = targetCastBuildID
  var planSHA256: String
  var plan: Scenario
  var part: PartialRun

  init(plan: Scenario, part: PartialRun) {
    self.plan = plan
    self.planSHA256 = plan.planSHA256
    self.part = part
  }

  func encoded() throws -> Data {
    try StoredJSON.encoder().encode(self)
  }

  /// Writes the file into `directory` (atomically; shards of one run may share a folder), named
  /// after the shards it holds: `shard-i-of-n.json`, or `shard-i-j-of-n.json` for a partial merge.
  func write(into directory: OutputDirectory) throws(TargetCastError) -> [String] {
    let contents: String
    do { contents = String(decoding: try encoded(), as: UTF8.self) } catch {
      throw .output(OutputError(path: directory.path, message: "cannot encode the shard file: \(error)"))
    }
    let ranges = part.shards.ranges
    let name = RunOutputs.partialShardFile(
      first: ranges.first!.lowerBound, last: ranges.last!.upperBound, covered: part.shards.count, of: part.shardCount)
    do { return try directory.write([(name: name, contents: contents)]) } catch { throw .output(error) }
  }


  /// Reads and checks a shard file from an untrusted source: its size, format, plan (hash and
  /// rules) and every count of its state against the plan.
  static func read(path: String) throws(TargetCastError) -> ShardFile {
    try read(data: try readToolFile(path: path, limit: maximumBytes, kind: "shard"), path: path)
  }

  /// Reads and checks the bytes of a shard file; `path` names them in messages.
  static func read(data: Data, path: String) throws(TargetCastError) -> ShardFile {
    guard data.count <= maximumBytes else {
      throw .usage("\(path): \(data.count) bytes, more than the \(maximumBytes) bytes a shard file can have")
    }
    let decoder = StoredJSON.decoder()
    guard let header = try? decoder.decode(ToolFileHeader.self, from: data), header.tool == "targetcast" else {
      throw .usage("\(path): not a TargetCast shard file")
    }
    guard header.format == currentFormat else {
      throw .usage("\(path): shard file format \(header.format) (TargetCast \(header.version ?? "?")); this TargetCast \(targetCastVersion) reads format \(currentFormat): rerun the shard with this version")
    }
    let file: ShardFile
    do { file = try decoder.decode(ShardFile.self, from: data) } catch {
      throw .usage("\(path): not a readable shard file (\(error))")
    }
    do {
      try file.plan.verifyPlan(sha256: file.planSHA256, file: path)
      try file.part.check(against: file.plan, file: path)
    } catch {
      throw .scenario(error)
    }
    return file
  }
}

/// The bytes of a file TargetCast reads as untrusted input, refused above `limit` bytes.
func readToolFile(path: String, limit: Int, kind: String) throws(TargetCastError) -> Data {
  let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
  guard size <= limit else { throw .usage("\(path): \(size) bytes, more than the \(limit) bytes a \(kind) file can have") }
  do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
    throw .usage("\(path): cannot read the \(kind) file (\(error.localizedDescription))")
  }
}

/// Merges the shard files found in `directories` (from `targetcast run --shard i/n`, or partial
/// merges) and writes the same tables one run would have written, from the plan the shards carry.
/// Files are read one at a time and folded into a running total, so memory is one shard's plus
/// the total's whatever the number of shards.
public func mergeRuns(directories: [String], outputDirectory: String, byteOrderMark: Bool = false) throws(TargetCastError) -> RunOutcome {
  let paths = try shardPaths(directories)
  let directory = OutputDirectory(path: outputDirectory)
  do { try directory.checkReplaceable() } catch { throw .output(error) }
  var fold = ShardFold()
  for path in paths { try fold.add(path: path, file: try ShardFile.read(path: path)) }
  let result = try fold.result()
  let outputs = try runFiles(result, byteOrderMark: byteOrderMark)
  let written: [String]
  do { written = try directory.replaceContents(with: outputs) } catch { throw .output(error) }
  return RunOutcome(result: result, outputDirectory: directory.path, files: written)
}

/// What `merge --partial` wrote: the file and the shards it holds of how many.
public struct PartialMergeOutcome: Sendable {
  public var file: String
  public var shards: String
  public var shardCount: Int
  public var paths: Int
}

/// Merges some shards of a run into one shard file that can be merged again (`merge --partial`):
/// a tree of merges of any shape gives the same tables as one run. Written atomically into
/// `outputDirectory`, which shard files may share.
public func mergePartial(directories: [String], outputDirectory: String) throws(TargetCastError) -> PartialMergeOutcome {
  let paths = try shardPaths(directories)
  let directory = OutputDirectory(path: outputDirectory)
  do { try directory.check() } catch { throw .output(error) }
  var fold = ShardFold()
  for path in paths { try fold.add(path: path, file: try ShardFile.read(path: path)) }
  guard let part = fold.merger.merged, let plan = fold.plan else { throw .usage("expected at least one folder with shard files") }
  let written = try ShardFile(plan: plan, part: part).write(into: directory)
  return PartialMergeOutcome(file: written[0], shards: part.shards.description, shardCount: part.shardCount, paths: part.paths)
}

/// The shard files in `directories` (folders, or shard files named directly), in a fixed order.
func shardPaths(_ directories: [String]) throws(TargetCastError) -> [String] {
  guard !directories.isEmpty else { throw .usage("expected at least one folder with shard files") }
  var paths: [String] = []
  for folder in directories {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
      paths.append(folder)
      continue
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(RunOutputs.isShardFile).sorted()
    guard !names.isEmpty else {
      throw .usage("\(folder): no shard-*.json file found (write one with `targetcast run FILE --shard i/n --output \(folder)`)")
    }
    paths += names.map { (folder as NSString).appendingPathComponent($0) }
  }
  return paths
}

/// Merges the bytes of shard files (each named by its path in messages) into the result one run
/// would have given, without touching the file system: what `merge` does between reading and
/// writing. Every file is checked as untrusted input first.
public func mergeShards(_ inputs: [(path: String, data: Data)]) throws(TargetCastError) -> SimulationResult {
  var fold = ShardFold()
  for input in inputs { try fold.add(path: input.path, file: try ShardFile.read(data: input.data, path: input.path)) }
  return try fold.result()
}

/// The running total of a merge: the first file's plan, hash and build, which every later file
/// must share, and the merged counts.
struct ShardFold {
  var merger = PartialRunMerger()
  private(set) var plan: Scenario?
  private var first: (path: String, planSHA256: String, version: String, build: String)?

  mutating func add(path: String, file: ShardFile) throws(TargetCastError) {
    if let first {
      guard file.planSHA256 == first.planSHA256 else {
        throw .usage("\(path) and \(first.path) ran different plans (plan SHA-256 \(file.planSHA256.prefix(12))… and \(first.planSHA256.prefix(12))…): a different scenario, variant, --set, --paths or --seed")
      }
      guard file.build == first.build, file.version == first.version else {
        throw .usage("\(path) and \(first.path) come from different TargetCast builds (\(file.version) \(file.build.prefix(12)) and \(first.version) \(first.build.prefix(12))), whose numbers may differ in the last bits: run every shard with one build")
      }
    } else {
      first = (path, file.planSHA256, file.version, file.build)
      plan = file.plan
    }
    do { try merger.add(file.part) } catch {
      throw .scenario(ScenarioError(file: path, key: error.key, message: error.message))
    }
  }

  func result() throws(TargetCastError) -> SimulationResult {
    guard let plan else { throw .usage("expected at least one folder with shard files") }
    do { return try merger.result(scenario: plan) } catch { throw .scenario(error) }
  }
}
