import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Simulate a scenario; write tables, charts, report.html and run.json.",
      discussion: """
        Writes into notebooks-output/<scenario name>/base/ unless --output is given, and prints \
        a short summary: each target's probability with its Monte Carlo standard error.

        With --variant NAME (repeatable) or --all-variants, the base scenario and the variants \
        run with the same seed (common random numbers) into <output>/<variant>/, plus \
        <output>/joint_targets.csv for `targetcast compare` (output default: \
        notebooks-output/<scenario name>).

        --set key.path=value (repeatable) changes one key of the file for this run (every \
        variant): keys separated by dots, list elements by position (series[0]) or by id \
        (series.healthcare), targets by name, quoted if it has spaces; the value is read as YAML.

        Examples:
          targetcast run scenarios/healthcare-2020-100b.yaml
          targetcast run scenarios/healthcare-2020-100b.yaml --paths 1000000 --seed 42
          targetcast run scenario.yaml --threads 1 --output /tmp/out
          targetcast run scenarios/healthcare-2020-100b.yaml --format json --quiet
          targetcast run scenario.yaml --shard 1/2 --output /tmp/s1  # then 2/2; merge
          targetcast run scenario.yaml --shard auto --output out/  # Slurm, Kubernetes
          targetcast run --plan plan.json --shard 3/100 --output out/
          targetcast run scenarios/healthcare-2020-100b.yaml --all-variants
          targetcast run scenarios/healthcare-2020-100b.yaml --variant faster-growth
          targetcast run scenario.yaml --set series.healthcare.growth.mean=0.3
          targetcast run scenario.yaml --set 'targets["千亿 in 2020"].at_least=900'
        """)

    @Argument(help: "Scenario file (YAML); omit with --plan.")
    var scenario: String?

    @Option(name: .customLong("plan"), help: ArgumentHelp("Run from a plan file written by `targetcast plan` (for shards: no pilot or set-up per shard).", valueName: "file"))
    var planFile: String?

    @OptionGroup var plan: PlanOptions

    @Option(help: "Output folder (default: notebooks-output/<scenario name>).")
    var output: String?

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, for spreadsheet programs.")
    var bom = false

    @Option(help: ArgumentHelp(
      "Run only shard i of n (for example 2/4, counted from 1) and write its mergeable state; combine with `targetcast merge`. `auto` reads a Slurm job array's SLURM_ARRAY_TASK_ID (with its MIN/MAX/COUNT) or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (with --shards).",
      valueName: "i/n|auto"))
    var shard: String?

    @Option(help: ArgumentHelp("Run shard I counted from 0, as orchestrators number their tasks (with --shards).", valueName: "I"))
    var shardIndex: Int?

    @Option(help: ArgumentHelp("Number of shards, with --shard-index or with --shard auto under Kubernetes.", valueName: "N"))
    var shards: Int?

    func parsedShard() throws -> ShardSelection.Shard? {
      do {
        return try ShardSelection(shard: shard, shardIndex: shardIndex, shards: shards, environment: ProcessInfo.processInfo.environment).resolve()
      } catch {
        throw ValidationError(error.description)
      }
    }

    @OptionGroup var formatOptions: FormatOptions

    @Flag(name: .shortAndLong, help: "Print nothing but errors (and the --format json summary if asked for).")
    var quiet = false

    func validate() throws {
      _ = try parsedShard()
      if (scenario == nil) == (planFile == nil) {
        throw ValidationError(scenario == nil ? "expected a scenario file or --plan FILE" : "give either a scenario file or --plan FILE, not both")
      }
    }

    func run() throws {
      var request = try plan.request(scenario ?? planFile!)
      request.planFile = planFile
      request.outputDirectory = output
      request.byteOrderMark = bom
      if let shard = try parsedShard() {
        request.shard = (shard.index, shard.count)
        if !quiet && !formatOptions.json { printError("shard \(shard.index) of \(shard.count) (\(shard.source))") }
      }
      let bar = TerminalProgress(quiet: quiet)
      if let bar { request.progress = { done, total in bar.update(completed: done, total: total) } }
      let outcome: RunOutcome
      do {
        defer { bar?.finish() }
        outcome = try runScenario(request)
      }
      let runs = outcome.variants.isEmpty ? [(name: "", outcome: outcome)] : outcome.variants
      for warning in runs.flatMap(\.outcome.result.warnings) { printError("warning: \(warning)") }
      if formatOptions.json {
        let texts = runs.map { RunSummaryJSON(result: $0.outcome.result, outputDirectory: $0.outcome.outputDirectory, files: $0.outcome.files).text() }
        // One JSON document either way: an array when variants ran.
        print(runs.count == 1 ? texts[0] : "[\n" + texts.joined(separator: ",\n") + "\n]")
        return
      }
      if quiet { return }
      for run in runs {
        if !run.name.isEmpty { print("== variant \(run.name)") }
        print(RunTables.summary(run.outcome.result))
        print("Wrote \(run.outcome.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")) to \(run.outcome.outputDirectory)/")
      }
      if let joint = outcome.jointTargetsFile { print("Wrote \(joint) (for targetcast compare)") }
    }
  }
}
