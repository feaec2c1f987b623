import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check scenario files without running them.",
      // Spelled out: the generated usage lists every option on one line wider than a terminal.
      usage: "targetcast validate <files> ... [<options>]",
      discussion: """
        Prints "ok" and a one-line description for each valid file. The first invalid file \
        stops the check with a message naming file, line, column and key, and exit status 2. \
        Checks everything `targetcast run` checks with the same options (the engine's plan, \
        output names, the memory estimate), without simulating.

        Examples:
          targetcast validate scenarios/healthcare-2020-100b.yaml
          targetcast validate scenarios/*.yaml
        """)

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    @OptionGroup var plan: PlanOptions

    @OptionGroup var formatOptions: FormatOptions

    func validate() throws {
      if files.isEmpty { throw ValidationError("expected at least one scenario file") }
    }

    func run() throws {
      var checked: [[String: Any]] = []
      for file in files {
        // The same resolution and checks as `targetcast run` with these options, without simulating.
        let resolved = try resolveRun(try plan.request(file))
        for warning in resolved.warnings { printError("warning: \(file): \(warning)") }
        let scenario = resolved.base
        let memory = ResourceEstimate.describe(bytes: resolved.estimate.bytes)
        if formatOptions.json {
          checked += resolved.plans.map { plan in
            Validate.describe(plan.scenario, variant: plan.name, file: file, memory: resolved.estimate.bytes, warnings: resolved.warnings)
          }
        } else {
          print("ok  \(file): \(scenario.series.count) series, \(scenario.targets.count) target(s), years \(scenario.baseYear + 1)–\(scenario.horizonYear), \(scenario.paths) paths, about \(memory) of memory")
        }
      }
      if formatOptions.json { JSONOutput.print(checked) }
    }

    /// One resolved plan as `validate --format json` lists it.
    static func describe(_ scenario: Scenario, variant: String, file: String, memory: Int, warnings: [String]) -> [String: Any] {
      [
        "file": file, "variant": variant, "valid": true, "scenario": scenario.name, "plan_sha256": scenario.planSHA256,
        "series": scenario.series.map(\.id), "aggregates": scenario.aggregates.map(\.id),
        "first_year": scenario.baseYear + 1, "horizon_year": scenario.horizonYear, "paths": scenario.paths,
        "seed": String(scenario.seed), "memory_bytes": memory, "warnings": warnings,
        "targets": scenario.targets.map { target in
          ["name": target.name, "kind": target.kind, "meaning": target.meaning(in: scenario)] as [String: Any]
        },
      ]
    }
  }
}
