import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the shards of one run into the tables one run would have written.",
      // Spelled out: the generated usage lists every option on one line wider than a terminal.
      usage: "targetcast merge <directories> ... --output <output> [<options>]",
      discussion: """
        Each folder holds shard-i-of-n.json files written by `targetcast run FILE --shard i/n`. \
        The merged tables are byte-identical to those of a single run with the same seed.

        Examples:
          targetcast run plan.yaml --shard 1/2 --output /tmp/s1
          targetcast run plan.yaml --shard 2/2 --output /tmp/s2
          targetcast merge /tmp/s1 /tmp/s2 --output /tmp/plan
        """)

    @Argument(help: "Folders with shard files.")
    var directories: [String]

    @Option(help: "Output folder for the merged tables.")
    var output: String

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, for spreadsheet programs.")
    var bom = false

    @OptionGroup var formatOptions: FormatOptions

    func run() throws {
      let outcome = try mergeRuns(directories: directories, outputDirectory: output, byteOrderMark: bom)
      if formatOptions.json {
        print(RunSummaryJSON(result: outcome.result, outputDirectory: outcome.outputDirectory, files: outcome.files).text())
        return
      }
      print(RunTables.summary(outcome.result))
      print("Wrote \(outcome.files.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")) to \(outcome.outputDirectory)/")
    }
  }
}
