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
        Each folder holds shard-i-of-n.json files written by `targetcast run FILE --shard i/n` \
        (shard files may also be named directly). The merged tables are byte-identical to those \
        of a single run with the same seed. Files are read one at a time, so memory stays that of \
        one shard and the running total.

        With --partial, some of the shards are merged into one shard file (shard-i-j-of-n.json) \
        that can be merged again: merges in a tree of any shape give the same bytes as one run.

        Examples:
          targetcast run scenario.yaml --shard 1/2 --output /tmp/s1
          targetcast run scenario.yaml --shard 2/2 --output /tmp/s2
          targetcast merge /tmp/s1 /tmp/s2 --output /tmp/plan
          targetcast merge shards/a --partial --output stage1/a   # then merge stage1/*
        """)

    @Argument(help: "Folders with shard files, or shard files.")
    var directories: [String]

    @Option(help: "Output folder for the merged tables (with --partial: for the merged shard file).")
    var output: String

    @Flag(help: "Merge some of the shards into one shard file that can be merged again.")
    var partial = false

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark, for spreadsheet programs.")
    var bom = false

    @OptionGroup var formatOptions: FormatOptions

    func run() throws {
      if partial {
        let merged = try mergePartial(directories: directories, outputDirectory: output)
        if formatOptions.json {
          JSONOutput.print(["file": merged.file, "shards": merged.shards, "shard_count": merged.shardCount, "paths": merged.paths])
        } else {
          print("Merged shards \(merged.shards) of \(merged.shardCount) (\(merged.paths) paths) into \(merged.file)")
        }
        return
      }
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
