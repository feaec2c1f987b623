import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Simulate a scenario; write tables, charts, report.html and run.json.",
      discussion: """
        Writes into notebooks-output/<scenario name>/ unless --output is given, and prints a short
        summary: each target's probability with its Monte Carlo standard error.

        Examples:
          targetcast run scenarios/healthcare-2020-100b.yaml
          targetcast run scenarios/healthcare-2020-100b.yaml --paths 1000000 --seed 42
          targetcast run scenarios/healthcare-2020-100b.yaml --threads 1 --output /tmp/hc
          targetcast run scenarios/healthcare-2020-100b.yaml --format json --quiet
          targetcast run plan.yaml --shard 1/2 --output /tmp/s1   # then --shard 2/2, then merge
        """)

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Number of Monte Carlo paths (overrides the file).")
    var paths: Int?

    @Option(help: "Random seed (overrides the file). Same seed, same numbers, any thread count.")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: "Output folder (default: notebooks-output/<scenario name>).")
    var output: String?

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, for spreadsheet programs.")
    var bom = false

    @Option(help: "Run only shard i of n (for example 2/4) and write its mergeable state; combine with `targetcast merge`.")
    var shard: String?

    func parsedShard() throws -> (index: Int, count: Int)? {
      guard let shard else { return nil }
      let parts = shard.split(separator: "/")
      guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
        throw ValidationError("--shard: expected i/n with 1 ≤ i ≤ n (for example 2/4), found '\(shard)'")
      }
      return (i, n)
    }

    @Option(help: "Summary on stdout: text (for people) or json (for machines).")
    var format: SummaryFormat = .text

    @Flag(name: .shortAndLong, help: "Print nothing but errors (and the --format json summary if asked for).")
    var quiet = false

    func validate() throws {
      if let paths, !(1...Scenario.maximumPaths).contains(paths) {
        throw ValidationError("--paths: expected a number of paths from 1 to \(Scenario.maximumPaths), found \(paths)")
      }
      if let threads, threads < 1 {
        throw ValidationError("--threads: expected at least 1, found \(threads)")
      }
      _ = try parsedShard()
    }

    func run() throws {
      let outcome = try runScenario(RunRequest(
        scenarioPath: scenario, paths: paths, seed: seed, threads: threads,
        outputDirectory: output, byteOrderMark: bom, shard: try parsedShard()))
      for warning in outcome.result.warnings { printError("warning: \(warning)") }
      if format == .json {
        print(RunSummaryJSON(result: outcome.result, outputDirectory: outcome.outputDirectory, files: outcome.files).text())
        return
      }
      if quiet { return }
      print(RunTables.summary(outcome.result))
      print("Wrote \(outcome.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")) to \(outcome.outputDirectory)/")
    }
  }
}

/// `--format` of summaries.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
