import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Resolve a scenario once for many shards: write a plan file that `run --plan` shards from.",
      // Spelled out: the generated usage lists every option on one line wider than a terminal.
      usage: "targetcast plan <scenario> --output <file> [<options>]",
      discussion: """
        The plan file holds the scenario after --set, --target, --paths and --seed, its SHA-256, \
        this TargetCast's version and build, and what every shard would otherwise compute first \
        (the pilot's histogram grids and the sensitivity analysis). A shard run from it only \
        simulates its own paths; its shard file carries the plan's hash, and merge checks it. \
        Shards must run with the build that wrote the plan.

        Examples:
          targetcast plan scenario.yaml --paths 1e10 --output plan.json
          targetcast run --plan plan.json --shard auto --output shards/
          targetcast merge shards/ --output result/
        """)

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @OptionGroup var plan: PlanOptions

    @Option(help: "The plan file to write.")
    var output: String

    @OptionGroup var formatOptions: FormatOptions

    func run() throws {
      let outcome = try writePlan(try plan.request(scenario), output: output)
      if formatOptions.json {
        JSONOutput.print([
          "file": outcome.file, "plan_sha256": outcome.planSHA256, "paths": outcome.paths, "memory_bytes": outcome.estimate.bytes,
        ])
        return
      }
      print("Wrote the plan of \(outcome.paths) paths (SHA-256 \(outcome.planSHA256.prefix(12))…) to \(outcome.file); each shard needs about \(ResourceEstimate.describe(bytes: outcome.estimate.bytes)) of memory")
    }
  }
}
