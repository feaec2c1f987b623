import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time the engine's hot loops on this machine and write a CSV of results.",
      // Spelled out: the generated usage lists every option on one line wider than a terminal.
      usage: "targetcast bench [<options>]",
      discussion: """
        Runs the W1 reference workload (6 correlated sectors, 10 years) and its parts: normal \
        generation, the correlation product, and a full engine run, on 1 thread and on all cores.

        Examples:
          targetcast bench --output bench.csv
          targetcast bench --paths 10000000 --repeats 5 --output bench.csv
        """)

    @Option(help: "Paths per engine run.")
    var paths = 1_000_000

    @Option(help: "Repeats per measurement (the median is reported).")
    var repeats = 3

    @Option(help: "CSV file to write.")
    var output = "bench.csv"

    @OptionGroup var formatOptions: FormatOptions

    func validate() throws {
      guard (1_000...Scenario.maximumPaths).contains(paths) else { throw ValidationError("--paths: expected 1000 to \(Scenario.maximumPaths), found \(paths)") }
      guard (1...100).contains(repeats) else { throw ValidationError("--repeats: expected 1 to 100, found \(repeats)") }
    }

    func run() throws {
      let rows = try EngineBenchmark.run(paths: paths, repeats: repeats)
      var table = CSVTable(header: ["benchmark", "threads", "paths", "median_seconds", "ns_per_path", "machine"])
      let machine = ProcessInfo.processInfo.hostName + " (\(ProcessInfo.processInfo.activeProcessorCount) cores)"
      for row in rows {
        table.append([
          row.name, String(row.threads), String(row.paths), String(format: "%.4f", row.seconds),
          String(format: "%.2f", row.seconds / Double(row.paths) * 1e9), machine,
        ])
        if !formatOptions.json {
          print(String(format: "%-28@ %d thread(s) %12d paths  %.4f s", row.name, row.threads, row.paths, row.seconds))
        }
      }
      try writeAtomically(table.text(), to: output)
      if formatOptions.json {
        JSONOutput.print(["output": output, "rows": JSONOutput.rows(table)] as [String: Any])
        return
      }
      print("Wrote \(output)")
    }
  }
}
