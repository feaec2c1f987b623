import Testing

@testable import TargetCast

/// `--shard`, `--shard-index`/`--shards` and `--shard auto` under Slurm and Kubernetes all name a
/// 1-based shard; anything the environment does not say is an error naming what to give.
@Suite struct ShardSelectionTests {
  func resolve(_ shard: String? = nil, index: Int? = nil, shards: Int? = nil, _ environment: [String: String] = [:]) throws -> (Int, Int)? {
    try ShardSelection(shard: shard, shardIndex: index, shards: shards, environment: environment).resolve().map { ($0.index, $0.count) }
  }

  func message(_ shard: String? = nil, index: Int? = nil, shards: Int? = nil, _ environment: [String: String] = [:]) -> String {
    do {
      _ = try ShardSelection(shard: shard, shardIndex: index, shards: shards, environment: environment).resolve()
      return "no error"
    } catch {
      return error.description
    }
  }

  @Test func commandLineForms() throws {
    #expect(try resolve() == nil)
    #expect(try resolve("2/4")! == (2, 4))
    #expect(try resolve("2/4", shards: 4)! == (2, 4))
    #expect(try resolve(index: 0, shards: 4)! == (1, 4))
    #expect(try resolve(index: 3, shards: 4)! == (4, 4))
    #expect(message("0/4").contains("expected 1 ≤ i ≤ 4, found 0"))
    #expect(message(index: 4, shards: 4).contains("expected 0 ≤ index < 4, found 4"))
    #expect(message(index: 1).contains("also give --shards N"))
    #expect(message(shards: 4).contains("give it with --shard auto or --shard-index I"))
    #expect(message("1/4", index: 0, shards: 4).contains("not both"))
    #expect(message("1/4", shards: 5).contains("says 4 shards but --shards says 5"))
    #expect(message("two/4").contains("expected i/n"))
  }

  /// `sbatch --array=0-99` sets ID, MIN 0, MAX 99, STEP 1, COUNT 100; `--array=1-100` numbers
  /// from 1; `--array=0-98:2` steps by two. Each task is shard (ID − MIN)/STEP + 1 of COUNT.
  @Test func slurmArrays() throws {
    let zero = ["SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "99", "SLURM_ARRAY_TASK_STEP": "1", "SLURM_ARRAY_TASK_COUNT": "100"]
    #expect(try resolve("auto", zero.merging(["SLURM_ARRAY_TASK_ID": "0"]) { $1 })! == (1, 100))
    #expect(try resolve("auto", zero.merging(["SLURM_ARRAY_TASK_ID": "99"]) { $1 })! == (100, 100))
    let one = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "100", "SLURM_ARRAY_TASK_COUNT": "100"]
    #expect(try resolve("auto", one)! == (7, 100))
    #expect(try resolve("AUTO", shards: 100, one)! == (7, 100))
    let stepped = ["SLURM_ARRAY_TASK_ID": "10", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "98", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "50"]
    #expect(try resolve("auto", stepped)! == (6, 50))
    #expect(try resolve("auto", ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "8"])! == (4, 8))
    // A list such as --array=1,5,9-12 is not one range.
    let list = ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "12", "SLURM_ARRAY_TASK_COUNT": "6"]
    #expect(message("auto", list).contains("not one range"))
    #expect(message("auto", shards: 99, one).contains("has 100 tasks but --shards says 99"))
    #expect(message("auto", ["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "8"]).contains("SLURM_ARRAY_TASK_ID='x'; expected a whole number"))
    #expect(message("auto", ["SLURM_ARRAY_TASK_ID": "3"]).contains("without SLURM_ARRAY_TASK_COUNT"))
  }

  @Test func kubernetesIndexedJob() throws {
    #expect(try resolve("auto", shards: 8, ["JOB_COMPLETION_INDEX": "0"])! == (1, 8))
    #expect(try resolve("auto", shards: 8, ["JOB_COMPLETION_INDEX": "7"])! == (8, 8))
    #expect(message("auto", ["JOB_COMPLETION_INDEX": "2"]).contains("give --shards N (the Job's completions)"))
    #expect(message("auto", shards: 8, ["JOB_COMPLETION_INDEX": "8"]).contains("expected 0 ≤ index < 8, found 8"))
    #expect(message("auto").contains("neither SLURM_ARRAY_TASK_ID"))
  }
}
