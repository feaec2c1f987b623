import Foundation
import TCEngine

/// Which shard of a sharded run this process computes, from the command line or from the
/// orchestrator's environment: the one place that reads `--shard`, `--shard-index`, `--shards`,
/// Slurm's job-array variables and Kubernetes' completion index.
///
/// ```swift
/// // In a Slurm job array submitted with --array=0-99:
/// let shard = try ShardSelection(shard: "auto", environment: ProcessInfo.processInfo.environment).resolve()
/// // shard.index == SLURM_ARRAY_TASK_ID + 1, shard.count == 100
/// ```
///
/// Shards are numbered from 1 in file names and `--shard i/n`; orchestrators count their tasks
/// from 0, and `--shard-index` takes their 0-based index as it is.
public struct ShardSelection: Sendable, Equatable {
  /// `--shard`: `i/n` (1-based) or `auto`.
  public var shard: String?
  /// `--shard-index`: the 0-based index.
  public var shardIndex: Int?
  /// `--shards`: the number of shards (with `--shard-index` or `--shard auto`; a check when the
  /// orchestrator states the count itself).
  public var shards: Int?
  /// The process environment (only the variables below are read).
  public var environment: [String: String]

  public init(shard: String? = nil, shardIndex: Int? = nil, shards: Int? = nil, environment: [String: String] = [:]) {
    self.shard = shard
    self.shardIndex = shardIndex
    self.shards = shards
    self.environment = environment
  }

  /// A shard: `index` from 1 to `count`, and where the index came from (for the log).
  public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int
    /// `--shard 3/8`, `SLURM_ARRAY_TASK_ID=2 of 8`, … (shown on standard error).
    public var source: String
  }

  /// Slurm's job-array variables (`sbatch --array`), in the order they are read.
  public static let slurmVariables = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"]
  /// Kubernetes' index of a pod of an Indexed Job (`completionMode: Indexed`).
  public static let kubernetesVariable = "JOB_COMPLETION_INDEX"

  /// The shard asked for, or nil for an unsharded run.
  ///
  /// - Throws: `TargetCastError.usage` naming the option or variable and what was expected.
  public func resolve() throws(TargetCastError) -> Shard? {
    let shard = self.shard?.trimmingCharacters(in: .whitespaces)
    if shard != nil, shardIndex != nil { throw .usage("give either --shard or --shard-index, not both") }
    if let shardIndex {
      guard let shards else { throw .usage("--shard-index \(shardIndex): also give --shards N, the number of shards") }
      return try checked(index: shardIndex + 1, count: shards, source: "--shard-index \(shardIndex) --shards \(shards)", zeroBased: true)
    }
    guard let shard else {
      if let shards { throw .usage("--shards \(shards): give it with --shard auto or --shard-index I") }
      return nil
    }
    if shard.lowercased() == "auto" { return try fromEnvironment() }
    let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
      throw .usage("--shard: expected i/n with 1 ≤ i ≤ n (for example 2/4) or auto, found '\(shard)'")
    }
    if let shards, shards != n { throw .usage("--shard \(shard) says \(n) shards but --shards says \(shards)") }
    return try checked(index: i, count: n, source: "--shard \(shard)", zeroBased: false)
  }

  /// `--shard auto`: a Slurm job array's task, else a Kubernetes Indexed Job's pod.
  func fromEnvironment() throws(TargetCastError) -> Shard {
    if environment["SLURM_ARRAY_TASK_ID"] != nil { return try fromSlurm() }
    if let text = environment[Self.kubernetesVariable] {
      let index = try integer(Self.kubernetesVariable, text)
      guard let shards else {
        throw .usage("--shard auto: \(Self.kubernetesVariable)=\(text) is set but not the number of shards; give --shards N (the Job's completions)")
      }
      return try checked(index: index + 1, count: shards, source: "\(Self.kubernetesVariable)=\(index) of \(shards)", zeroBased: true)
    }
    throw .usage(
      "--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array, sbatch --array) nor \(Self.kubernetesVariable) "
        + "(a Kubernetes Indexed Job) is set; give --shard i/n (from 1) or --shard-index I --shards N (from 0)")
  }

  /// The task's position in a Slurm array `MIN-MAX:STEP`: (ID − MIN) / STEP, of COUNT tasks.
  /// Arrays that are not one evenly stepped range (`--array=1,5,9-12`) are refused: their task ids
  /// do not say which share of the paths a task has.
  func fromSlurm() throws(TargetCastError) -> Shard {
    var value: [String: Int] = [:]
    for name in Self.slurmVariables {
      if let text = environment[name] { value[name] = try integer(name, text) }
    }
    let id = value["SLURM_ARRAY_TASK_ID"]!
    let minimum = value["SLURM_ARRAY_TASK_MIN"] ?? 0, step = value["SLURM_ARRAY_TASK_STEP"] ?? 1
    guard step >= 1 else { throw .usage("--shard auto: SLURM_ARRAY_TASK_STEP=\(step); expected 1 or more") }
    var count: Int
    if let maximum = value["SLURM_ARRAY_TASK_MAX"] {
      guard maximum >= minimum else {
        throw .usage("--shard auto: SLURM_ARRAY_TASK_MAX=\(maximum) is below SLURM_ARRAY_TASK_MIN=\(minimum)")
      }
      count = (maximum - minimum) / step + 1
      if let stated = value["SLURM_ARRAY_TASK_COUNT"], stated != count {
        throw .usage(
          "--shard auto: the Slurm array is not one range (SLURM_ARRAY_TASK_COUNT=\(stated), but \(minimum)-\(maximum):\(step) "
            + "has \(count) tasks); submit it as --array=0-\(stated - 1), or use --shard i/n")
      }
    } else if let stated = value["SLURM_ARRAY_TASK_COUNT"] {
      count = stated
    } else {
      throw .usage("--shard auto: SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MAX; give --shards N")
    }
    guard id >= minimum, (id - minimum) % step == 0 else {
      throw .usage("--shard auto: SLURM_ARRAY_TASK_ID=\(id) is not in the array \(minimum)-…:\(step)")
    }
    if let shards, shards != count {
      throw .usage("--shard auto: the Slurm array has \(count) tasks but --shards says \(shards)")
    }
    let index = (id - minimum) / step
    count = max(count, 1)
    return try checked(index: index + 1, count: count, source: "SLURM_ARRAY_TASK_ID=\(id) of \(count)", zeroBased: true)
  }

  func integer(_ name: String, _ text: String) throws(TargetCastError) -> Int {
    guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
      throw .usage("--shard auto: \(name)='\(text)'; expected a whole number")
    }
    return n
  }

  /// A 1-based shard within 1…count ≤ the merge limit.
  func checked(index: Int, count: Int, source: String, zeroBased: Bool) throws(TargetCastError) -> Shard {
    guard (1...PartialRun.maximumShards).contains(count) else {
      throw .usage("\(source): expected from 1 to \(PartialRun.maximumShards) shards, found \(count)")
    }
    guard (1...count).contains(index) else {
      let range = zeroBased ? "0 ≤ index < \(count)" : "1 ≤ i ≤ \(count)"
      throw .usage("\(source): expected \(range), found \(zeroBased ? index - 1 : index)")
    }
    return Shard(index: index, count: count, source: source)
  }
}
