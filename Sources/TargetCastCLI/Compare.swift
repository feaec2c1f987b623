import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two runs: quantiles, target probabilities (with the error of each change) and scenario keys.",
      // Spelled out: the generated usage lists every option on one line wider than a terminal.
      usage: "targetcast compare <run-a> <run-b> [<options>]",
      discussion: """
        RUN_A and RUN_B are output folders of `targetcast run` (with forecast.csv, targets.csv \
        and run.json). Changes are B − A. A probability change is flagged CHANGED when it exceeds \
        3 standard errors of the difference. Runs with the same seed and paths share random \
        numbers: their errors are correlated, and without joint counts (--joint) the standard \
        error is a range, of which the flag uses the upper end. Joint counts are read from \
        --joint, or from joint_targets.csv in the folder both runs sit in (variants of one run). \
        Writes compare.csv and compare.svg.

        Examples:
          targetcast run scenarios/healthcare-2020-100b.yaml --output /tmp/base
          targetcast run my-faster-growth.yaml --output /tmp/faster
          targetcast compare /tmp/base /tmp/faster
          targetcast compare /tmp/base /tmp/faster --output /tmp/cmp --joint joint.csv
        """)

    @Argument(help: "The reference run's output folder.")
    var runA: String

    @Argument(help: "The other run's output folder (changes are B − A).")
    var runB: String

    @Option(help: "Output folder (default: notebooks-output/compare/<A>-vs-<B>).")
    var output: String?

    @Option(help: "CSV with columns target,both_met (optionally variant_a,variant_b,paths): paths meeting each target in both runs, for exact standard errors.")
    var joint: String?

    @Flag(help: "Start compare.csv with a UTF-8 byte-order mark, for spreadsheet programs.")
    var bom = false

    @OptionGroup var formatOptions: FormatOptions

    func run() throws {
      let outcome = try compareRuns(CompareRequest(runA: runA, runB: runB, outputDirectory: output, jointCountsFile: joint, byteOrderMark: bom))
      if formatOptions.json {
        let table = outcome.files.first { $0.hasSuffix(".csv") }.map { try? CSVTable.read(path: $0) } ?? nil
        JSONOutput.print([
          "run_a": runA, "run_b": runB, "output_directory": outcome.outputDirectory, "files": outcome.files,
          "rows": table.map(JSONOutput.rows) ?? [],
        ] as [String: Any])
        return
      }
      print(outcome.comparison.summary())
      print("Wrote \(outcome.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")) to \(outcome.outputDirectory)/")
    }
  }
}
