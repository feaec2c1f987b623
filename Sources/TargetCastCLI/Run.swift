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
    }

    func run() throws {
      let outcome = try runScenario(RunRequest(
        scenarioPath: scenario, paths: paths, seed: seed, threads: threads,
        outputDirectory: output, byteOrderMark: bom))
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
