import Foundation
import Testing
@testable import TargetCast

/// Shards carry the resolved plan: a sharded run with `--set` (and variance reduction set on the
/// command line) merges to exactly the unsharded run with the same `--set`, whatever the scenario
/// file says. The reproducer of the issue: threshold 800 instead of the file's 1000.
@Test(arguments: ["none", "antithetic"])
func shardedSetRunMergesToTheSameTables(method: String) throws {
  let settings = ["--set", "targets.0.at_least=800", "--set", "variance_reduction=\(method)", "--paths", "20000"]
  let single = temporaryDirectory("plan-single-\(method)")
  let run = try runCLI(["run", healthcarePath] + settings + ["--output", single])
  #expect(run.status == 0, "\(run.stderr)")
  var folders: [String] = []
  for i in 1...2 {
    let folder = temporaryDirectory("plan-shard-\(method)-\(i)")
    let shard = try runCLI(["run", healthcarePath] + settings + ["--shard", "\(i)/2", "--output", folder])
    #expect(shard.status == 0, "\(shard.stderr)")
    folders.append(folder)
  }
  let merged = temporaryDirectory("plan-merged-\(method)")
  let merge = try runCLI(["merge"] + folders + ["--output", merged])
  #expect(merge.status == 0, "\(merge.stderr)")
  for file in allTables {
    let a = try Data(contentsOf: URL(fileURLWithPath: single + "/" + file))
    let b = try Data(contentsOf: URL(fileURLWithPath: merged + "/" + file))
    #expect(!a.isEmpty && a == b, "\(file): one --set run vs its merged shards")
  }
  let targets = try String(contentsOfFile: merged + "/targets.csv", encoding: .utf8)
  #expect(targets.contains("千亿 in 2020,healthcare,2020,in,level,800,,800,"), "\(targets)")
  let one = try RunManifest.read(path: single + "/run.json"), two = try RunManifest.read(path: merged + "/run.json")
  #expect(one.planSHA256 != nil && one.planSHA256 == two.planSHA256 && one.plan == two.plan)
  #expect(one.plan?.targets[0].threshold == 800)
}

/// Shards of different plans (here a different `--set`) are refused, naming both files.
@Test func shardsOfDifferentPlansAreRefused() throws {
  let a = temporaryDirectory("plan-a"), b = temporaryDirectory("plan-b"), out = temporaryDirectory("plan-ab")
  #expect(try runCLI(["run", healthcarePath, "--paths", "4000", "--shard", "1/2", "--output", a]).status == 0)
  #expect(try runCLI(["run", healthcarePath, "--paths", "4000", "--set", "seed=3", "--shard", "2/2", "--output", b]).status == 0)
  let merge = try runCLI(["merge", a, b, "--output", out])
  #expect(merge.status == 2)
  #expect(merge.stderr.contains("ran different plans"), "\(merge.stderr)")
  #expect(!FileManager.default.fileExists(atPath: out))
  // The file's own seed given with --seed is the same plan as no --seed.
  let c = temporaryDirectory("plan-c")
  #expect(try runCLI(["run", healthcarePath, "--paths", "4000", "--seed", "20191231", "--shard", "2/2", "--output", c]).status == 0)
  #expect(try runCLI(["merge", a, c, "--output", out]).status == 0)
}

/// Damaged or hostile shard files: exit 2 with the file and field, nothing written, no trap.
@Test func damagedShardFilesAreRejected() throws {
  let a = temporaryDirectory("damaged-a"), b = temporaryDirectory("damaged-b")
  #expect(try runCLI(["run", healthcarePath, "--paths", "4000", "--shard", "1/2", "--output", a]).status == 0)
  #expect(try runCLI(["run", healthcarePath, "--paths", "4000", "--shard", "2/2", "--output", b]).status == 0)
  let original = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a + "/shard-1-of-2.json"))) as! [String: Any]
  typealias Mutation = (inout [String: Any], inout [String: Any], inout [String: Any]) -> Void
  let mutations: [(String, String, Mutation)] = [
    ("shard-count-0", "part.shardCount", { _, part, _ in part["shardCount"] = 0 }),
    ("deleted-element", "part.state.cellCounts", { _, _, state in state["cellCounts"] = droppingLastCount(state["cellCounts"] as! String) }),
    ("cells-plus-1", "part.state", { _, _, state in state["cells"] = (state["cells"] as! Int) + 1 }),
    ("paths-max", "part.pathsRequested", { _, part, _ in part["pathsRequested"] = Int.max }),
    ("horizon-negative", "part.state", { _, _, state in state["horizon"] = -1 }),
    ("bins-huge", "part.state.bins", { _, _, state in state["bins"] = 1_000_000_000_000 }),
    ("hits-above-paths", "part.state", { _, _, state in state["inYearHits"] = [UInt64.max, 0, 0] }),
    ("plan-edited", "plan_sha256", { file, _, _ in
      var plan = file["plan"] as! [String: Any]
      plan["paths"] = 5000
      file["plan"] = plan
    }),
  ]
  for (name, key, mutate) in mutations {
    var file = original
    var part = file["part"] as! [String: Any]
    var state = part["state"] as! [String: Any]
    mutate(&file, &part, &state)
    part["state"] = state
    if file["part"] != nil, name != "plan-edited" { file["part"] = part }
    let folder = temporaryDirectory("damaged-\(name)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: folder + "/shard-1-of-2.json"))
    let out = temporaryDirectory("damaged-out-\(name)")
    let merge = try runCLI(["merge", folder, b, "--output", out])
    #expect(merge.status == 2, "\(name): \(merge.stderr)")
    #expect(merge.stderr.contains("shard-1-of-2.json: \(key):"), "\(name): \(merge.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out), "\(name)")
  }
}

/// A packed count array (base64 of varints: a count or a run of zeros each) without its last
/// token: a well-formed packing of fewer counts than the plan needs.
private func droppingLastCount(_ packed: String) -> String {
  var bytes = [UInt8](Data(base64Encoded: packed)!)
  bytes.removeLast()
  while let last = bytes.last, last & 0x80 != 0 { bytes.removeLast() }
  return Data(bytes).base64EncodedString()
}
