import Foundation
import Testing
@testable import TargetCast

let w1Path = repositoryRoot.appendingPathComponent("benchmarks/scenarios/w1.yaml").path
let allTables = ["forecast.csv", "targets.csv", "time_to_target.csv", "required_growth.csv", "sensitivity.csv"]

/// `targetcast run` shards 1…4 of 4, merged, equal one run byte for byte; so do 1 and 2 threads.
@Test func shardedRunsMergeByteIdenticalToOneRun() throws {
  let single = temporaryDirectory("shard-single"), two = temporaryDirectory("shard-two-threads")
  let merged = temporaryDirectory("shard-merged")
  let run1 = try runCLI(["run", healthcarePath, "--paths", "20000", "--threads", "1", "--output", single])
  #expect(run1.status == 0, "\(run1.stderr)")
  let run2 = try runCLI(["run", healthcarePath, "--paths", "20000", "--threads", "2", "--output", two])
  #expect(run2.status == 0, "\(run2.stderr)")
  var shardFolders: [String] = []
  // The four shards are named the four ways a job script may: i/n, a 0-based index, a Slurm
  // array task (--array=0-3) and a Kubernetes Indexed Job pod.
  let forms: [(arguments: [String], environment: [String: String])] = [
    (["--shard", "1/4"], [:]),
    (["--shard-index", "1", "--shards", "4"], [:]),
    (["--shard", "auto"], ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "4"]),
    (["--shard", "auto", "--shards", "4"], ["JOB_COMPLETION_INDEX": "3"]),
  ]
  for (i, form) in forms.enumerated() {
    let folder = temporaryDirectory("shard-\(i + 1)")
    let run = try runCLI(["run", healthcarePath, "--paths", "20000", "--output", folder] + form.arguments, environment: form.environment)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("shard \(i + 1) of 4"), "\(run.stderr)")
    shardFolders.append(folder)
  }
  let merge = try runCLI(["merge"] + shardFolders.reversed() + ["--output", merged])
  #expect(merge.status == 0, "\(merge.stderr)")
  for file in allTables {
    let a = try Data(contentsOf: URL(fileURLWithPath: single + "/" + file))
    let b = try Data(contentsOf: URL(fileURLWithPath: two + "/" + file))
    let c = try Data(contentsOf: URL(fileURLWithPath: merged + "/" + file))
    #expect(!a.isEmpty && a == b, "\(file): 1 vs 2 threads")
    #expect(a == c, "\(file): one run vs 4 shards merged")
  }
  // A missing shard is refused and nothing is written.
  let partial = temporaryDirectory("shard-partial")
  let bad = try runCLI(["merge"] + shardFolders.prefix(3) + ["--output", partial])
  #expect(bad.status == 2)
  #expect(bad.stderr.contains("expected shards 1…4"), "\(bad.stderr)")
  #expect(!FileManager.default.fileExists(atPath: partial))
}

@Test func w1ScenarioRuns() throws {
  let output = temporaryDirectory("w1")
  let run = try runCLI(["run", w1Path, "--paths", "20000", "--output", output])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stdout.contains("P(total ≥ 4500 in year 2) = "))
  let forecast = try String(contentsOfFile: output + "/forecast.csv", encoding: .utf8)
  #expect(forecast.split(separator: "\n").count == 1 + 60)
  // Its shards merge into the same tables (its total is not output, so it has no histogram;
  // shard files once gave it one, and merge refused them as damaged).
  let shards = temporaryDirectory("w1-shards"), merged = temporaryDirectory("w1-merged")
  for i in 1...2 {
    let shard = try runCLI(["run", w1Path, "--paths", "20000", "--shard", "\(i)/2", "--quiet", "--output", shards])
    #expect(shard.status == 0, "\(shard.stderr)")
  }
  let merge = try runCLI(["merge", shards, "--output", merged])
  #expect(merge.status == 0, "\(merge.stderr)")
  for table in allTables {
    let one = try Data(contentsOf: URL(fileURLWithPath: output + "/" + table))
    #expect(one == (try Data(contentsOf: URL(fileURLWithPath: merged + "/" + table))), "\(table)")
  }
}

/// Bad input from the issue: each names the scenario key, exits 2 and writes nothing.
@Test(arguments: [
  ("corr-size", "correlation:\n  - [1, 0.5]\n  - [0.5, 1]\n", "correlation", "expected a 6×6 matrix"),
  ("corr-asym", "correlation:\n" + (0..<6).map { i in "  - [" + (0..<6).map { j in i == j ? "1" : (i == 0 && j == 1 ? "0.4" : "0.1") }.joined(separator: ", ") + "]" }.joined(separator: "\n") + "\n", "correlation[1]", "expected a symmetric matrix"),
  ("corr-not-psd", "correlation:\n" + (0..<6).map { i in "  - [" + (0..<6).map { j in i == j ? "1" : "-0.5" }.joined(separator: ", ") + "]" }.joined(separator: "\n") + "\n", "correlation", "not positive semidefinite"),
  ("probability", "events:\n  - {id: e, series: s1, probability: 1.5, year: 2022, add_level: 10}\n", "events[0].probability", "expected a probability in [0, 1]"),
  ("event-year", "events:\n  - {id: e, series: s1, probability: 0.5, year: 2040, add_level: 10}\n", "events[0].year", "outside the simulated years"),
  ("unknown-series", "events:\n  - {id: e, series: s9, probability: 0.5, year: 2022, add_level: 10}\n", "events[0].series", "unknown series 's9'"),
  ("pert", "", "series[0].growth.mode", "min <= mode <= max"),
  ("path-cap", "precision: {max_paths: 0}\n", "precision.max_paths", "path cap"),
  ("target-series", "", "targets[0].series", "unknown series 'sx'"),
] as [(String, String, String, String)])
func w1BadInput(name: String, extra: String, key: String, message: String) throws {
  var text = try String(contentsOfFile: w1Path, encoding: .utf8)
  if extra.hasPrefix("correlation") {
    let start = text.range(of: "correlation:\n")!.lowerBound
    let end = text.range(of: "aggregates:")!.lowerBound
    text.replaceSubrange(start..<end, with: extra + "\n")
  } else {
    text += extra
  }
  switch name {
  case "pert": text = text.replacingOccurrences(of: "{distribution: log_growth, mu: 0.12, sigma: 0.05}", with: "{distribution: pert, min: 0.2, mode: 0.1, max: 0.3}")
  case "path-cap": text = text.replacingOccurrences(of: "paths: 10000000", with: "paths: auto")
  case "target-series": text = text.replacingOccurrences(of: "{name: s1 doubles within 3, series: s1,", with: "{name: s1 doubles within 3, series: sx,")
  default: break
  }
  let file = temporaryDirectory("bad-\(name).yaml")
  try text.write(toFile: file, atomically: true, encoding: .utf8)
  let output = temporaryDirectory("bad-out-\(name)")
  let run = try runCLI(["run", file, "--paths", "1000", "--output", output])
  #expect(run.status == 2, "\(run.stderr)")
  #expect(run.stderr.contains(": \(key): "), "\(run.stderr)")
  #expect(run.stderr.contains(message), "\(run.stderr)")
  #expect(!FileManager.default.fileExists(atPath: output))
}

@Test func benchWritesACSV() throws {
  let output = temporaryDirectory("bench.csv")
  let run = try runCLI(["bench", "--paths", "2000", "--repeats", "1", "--output", output])
  #expect(run.status == 0, "\(run.stderr)")
  let text = try String(contentsOfFile: output, encoding: .utf8)
  #expect(text.hasPrefix("benchmark,threads,paths,median_seconds,ns_per_path,machine\npath normals (60 per path),1,2000,"))
  #expect(text.contains("W1 engine run,1,2000,"))
  let bad = try runCLI(["bench", "--paths", "10", "--output", output])
  #expect(bad.status == 2 && bad.stderr.contains("--paths: expected 1000"))
}

/// Merges in trees of several shapes (`merge --partial` stages, shard files named directly,
/// any order) give the bytes of one run; a stage that repeats a shard is refused, and a partial
/// merge alone is not a complete run.
@Test func treeMergesEqualOneRun() throws {
  let single = temporaryDirectory("tree-single")
  #expect(try runCLI(["run", healthcarePath, "--paths", "14000", "--threads", "1", "--output", single]).status == 0)
  let shards = temporaryDirectory("tree-shards")
  for i in 1...7 {
    let run = try runCLI(["run", healthcarePath, "--paths", "14000", "--shard", "\(i)/7", "--quiet", "--output", shards])
    #expect(run.status == 0, "\(run.stderr)")
  }
  func file(_ i: Int) -> String { shards + "/shard-\(i)-of-7.json" }
  func stage(_ name: String, _ inputs: [String]) throws -> String {
    let folder = temporaryDirectory("tree-stage-\(name)")
    let run = try runCLI(["merge"] + inputs + ["--partial", "--output", folder])
    #expect(run.status == 0, "\(name): \(run.stderr)")
    return folder
  }
  // ((1 2) 3) ((4 5 6) 7): three levels, contiguous stages.
  let a = try stage("12", [file(1), file(2)]), b = try stage("12-3", [a, file(3)])
  let c = try stage("456", [file(6), file(4), file(5)]), d = try stage("456-7", [c, file(7)])
  #expect(FileManager.default.fileExists(atPath: b + "/shard-1-3-of-7.json"))
  // (1 3 5 7) (2 4 6): stages with gaps.
  let odd = try stage("odd", [file(1), file(3), file(5), file(7)]), even = try stage("even", [file(2), file(4), file(6)])
  #expect(FileManager.default.fileExists(atPath: odd + "/shard-1-7-4-shards-of-7.json"))
  for (name, inputs) in [("levels", [d, b]), ("gaps", [even, odd]), ("flat", (1...7).reversed().map(file))] {
    let merged = temporaryDirectory("tree-merged-\(name)")
    let run = try runCLI(["merge"] + inputs + ["--output", merged])
    #expect(run.status == 0, "\(name): \(run.stderr)")
    for table in allTables {
      let one = try Data(contentsOf: URL(fileURLWithPath: single + "/" + table))
      let tree = try Data(contentsOf: URL(fileURLWithPath: merged + "/" + table))
      #expect(!one.isEmpty && one == tree, "\(name): \(table)")
    }
  }
  let overlap = try runCLI(["merge", b, a, "--output", temporaryDirectory("tree-overlap")])
  #expect(overlap.status == 2 && overlap.stderr.contains("overlap: a shard given twice"), "\(overlap.stderr)")
  let incomplete = try runCLI(["merge", b, c, "--output", temporaryDirectory("tree-incomplete")])
  #expect(incomplete.status == 2 && incomplete.stderr.contains("expected shards 1…7 of one run exactly once each, found 1-6"), "\(incomplete.stderr)")
}

/// Plan once, shard many: shards run from `targetcast plan`'s file merge into the tables of one
/// run from the scenario, as does the whole run from the plan; options that would change the
/// resolved plan are refused with --plan, and so is a plan file whose plan was edited.
@Test func shardsFromAPlanFileEqualOneRun() throws {
  let folder = temporaryDirectory("plan-once")
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  let plan = folder + "/plan.json", single = folder + "/single", whole = folder + "/whole", shards = folder + "/shards", merged = folder + "/merged"
  let written = try runCLI(["plan", healthcarePath, "--paths", "12000", "--seed", "5", "--output", plan])
  #expect(written.status == 0 && written.stdout.contains("Wrote the plan of 12000 paths"), "\(written.stderr)")
  #expect(try runCLI(["run", healthcarePath, "--paths", "12000", "--seed", "5", "--output", single, "--quiet"]).status == 0)
  #expect(try runCLI(["run", "--plan", plan, "--output", whole, "--quiet"]).status == 0)
  for i in 0..<3 {
    let run = try runCLI(["run", "--plan", plan, "--shard-index", "\(i)", "--shards", "3", "--output", shards, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
  }
  #expect(try runCLI(["merge", shards, "--output", merged]).status == 0)
  for table in allTables {
    let one = try Data(contentsOf: URL(fileURLWithPath: single + "/" + table))
    #expect(one == (try Data(contentsOf: URL(fileURLWithPath: whole + "/" + table))), "whole run from the plan: \(table)")
    #expect(one == (try Data(contentsOf: URL(fileURLWithPath: merged + "/" + table))), "shards from the plan: \(table)")
  }
  let withSet = try runCLI(["run", "--plan", plan, "--set", "seed=6", "--output", folder + "/x"])
  #expect(withSet.status == 2 && withSet.stderr.contains("the plan is already resolved; give --set to `targetcast plan` instead"), "\(withSet.stderr)")
  let both = try runCLI(["run", healthcarePath, "--plan", plan, "--output", folder + "/x"])
  #expect(both.status == 2 && both.stderr.contains("not both"), "\(both.stderr)")
  let edited = folder + "/edited.json"
  let text = try String(contentsOfFile: plan, encoding: .utf8).replacingOccurrences(of: "\"paths\":12000", with: "\"paths\":12002")
  try text.write(toFile: edited, atomically: true, encoding: .utf8)
  let damaged = try runCLI(["run", "--plan", edited, "--shard", "1/3", "--output", folder + "/x"])
  #expect(damaged.status == 2 && damaged.stderr.contains("edited.json"), "\(damaged.stderr)")
  #expect(!FileManager.default.fileExists(atPath: folder + "/x"))
}
