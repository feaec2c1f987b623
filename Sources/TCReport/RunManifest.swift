import Foundation
import TCScenario

/// `run.json`: what produced a run's outputs, so a run can be reproduced and two runs compared.
///
/// Holds no wall-clock date, so two runs of the same scenario differ only in their timings.
public struct RunManifest: Codable, Sendable, Equatable {
  /// Where the scenario came from and what it said.
  public struct ScenarioInfo: Codable, Sendable, Equatable {
    public var name: String
    public var title: String?
    /// Path of the scenario file as given on the command line.
    public var file: String?
    /// SHA-256 of the scenario file's bytes (lowercase hex).
    public var sha256: String?
    /// The scenario as simulated (after overrides), flattened by `ScenarioKeys`.
    public var keys: [String: String]

    public init(name: String, title: String? = nil, file: String? = nil, sha256: String? = nil, keys: [String: String]) {
      self.name = name
      self.title = title
      self.file = file
      self.sha256 = sha256
      self.keys = keys
    }
  }

  /// Wall-clock seconds.
  public struct Timings: Codable, Sendable, Equatable {
    /// Simulating and summarizing.
    public var simulate: Double
    /// Reading the scenario to writing the last file, when known.
    public var total: Double?
    public init(simulate: Double, total: Double? = nil) {
      self.simulate = simulate
      self.total = total
    }
  }

  public var tool: String
  public var version: String
  /// The executable's build id (see `targetCastBuildID`), when known.
  public var build: String?
  /// SHA-256 of the resolved plan's canonical JSON (`Scenario.planSHA256`).
  public var planSHA256: String?
  /// The resolved plan: the scenario as simulated, after variant, `--set` and overrides.
  public var plan: Scenario?
  public var scenario: ScenarioInfo
  /// The seed as text: a 64-bit seed does not survive JSON readers that use doubles.
  public var seed: String
  public var paths: Int
  /// The variant these outputs belong to (`nil` for the base scenario).
  public var variant: String?
  /// Every variant simulated with common random numbers in the same run.
  public var variants: [String]
  public var threads: Int
  public var blockSize: Int
  public var quantileLevels: [Double]
  public var timings: Timings
  /// Files written with this manifest, by name.
  public var files: [String]
  /// What the run warned about (likely unit mistakes, a repaired correlation matrix).
  public var warnings: [String]?

  public init(
    version: String, scenario: ScenarioInfo, seed: UInt64, paths: Int, variant: String? = nil, variants: [String] = [],
    threads: Int, blockSize: Int, quantileLevels: [Double], timings: Timings, files: [String],
    build: String? = nil, plan: Scenario? = nil, warnings: [String] = []
  ) {
    self.warnings = warnings.isEmpty ? nil : warnings
    self.tool = "targetcast"
    self.version = version
    self.build = build
    self.plan = plan
    self.planSHA256 = plan?.planSHA256
    self.scenario = scenario
    self.seed = String(seed)
    self.paths = paths
    self.variant = variant
    self.variants = variants
    self.threads = threads
    self.blockSize = blockSize
    self.quantileLevels = quantileLevels
    self.timings = timings
    self.files = files
  }

  enum CodingKeys: String, CodingKey {
    case tool, version, build, planSHA256 = "plan_sha256", plan, scenario, seed, paths, variant, variants, threads
    case blockSize = "block_size", quantileLevels = "quantile_levels", timings, files, warnings
  }

  /// Pretty-printed JSON with sorted keys, ending in a newline.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings, numbers and arrays cannot fail.
    let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads a `run.json`.
  public static func read(path: String) throws(OutputError) -> RunManifest {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw OutputError(path: path, message: "cannot read run.json (\(error.localizedDescription))")
    }
    return try read(data: data, path: path)
  }

  /// Reads and checks the bytes of a `run.json` from an untrusted source; `path` names them in
  /// messages.
  public static func read(data: Data, path: String) throws(OutputError) -> RunManifest {
    guard data.count <= CSVTable.maximumBytes else {
      throw OutputError(path: path, message: "\(data.count) bytes, more than the \(CSVTable.maximumBytes) bytes a run.json can have")
    }
    let manifest: RunManifest
    do { manifest = try JSONDecoder().decode(RunManifest.self, from: data) } catch {
      throw OutputError(path: path, message: "not a TargetCast run.json: \(error)")
    }
    guard manifest.tool == "targetcast" else { throw OutputError(path: path, message: "not a TargetCast run.json (tool '\(manifest.tool)')") }
    guard (1...Scenario.maximumPaths).contains(manifest.paths) else {
      throw OutputError(path: path, message: "paths: expected 1 to \(Scenario.maximumPaths), found \(manifest.paths)")
    }
    guard UInt64(manifest.seed) != nil else { throw OutputError(path: path, message: "seed: expected a whole number, found '\(manifest.seed)'") }
    if let plan = manifest.plan {
      do { try plan.verifyPlan(sha256: manifest.planSHA256, file: path) } catch {
        throw OutputError(path: path, message: "\(error.key.map { $0 + ": " } ?? "")\(error.message)")
      }
      // The flattened keys are a view of the plan: they must say what it says.
      let keys = ScenarioKeys.flatten(plan)
      if let key = Set(keys.keys).union(manifest.scenario.keys.keys).sorted().first(where: { keys[$0] != manifest.scenario.keys[$0] }) {
        throw OutputError(
          path: path,
          message: "scenario.keys.\(key): expected '\(keys[key] ?? "(absent)")' as in the plan, found '\(manifest.scenario.keys[key] ?? "(absent)")'")
      }
    }
    return manifest
  }
}
