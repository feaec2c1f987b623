import Foundation
import TCData
import TCEngine
import TCReport
import TCScenario
import TargetCast

/// One reader of untrusted input, driven by arbitrary bytes: what a libFuzzer harness and the
/// smoke test call.
///
/// `run(_:)` returns normally for every input, accepted or rejected with an error; it stops the
/// process only when an invariant of the outputs is broken (an accepted input that gives a
/// non-finite cell, a probability outside [0, 1], a plan `validate` accepts and the engine then
/// refuses). A trap inside the readers is the other thing the fuzzer looks for.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// Scenario YAML with `--set` settings and variants, resolved as `run` and `validate` do, then
  /// simulated on a few paths when small enough; every table it would write is checked.
  case scenario = "FuzzScenario"
  /// A long series CSV read into a panel.
  case seriesCSV = "FuzzSeriesCSV"
  /// A set of shard files merged in memory; every table the merge would write is checked.
  case shardFile = "FuzzShardFile"
  /// Two run folders (run.json, forecast.csv, targets.csv) and joint counts, compared.
  case runFolder = "FuzzRunFolder"

  /// Largest input tried: the readers' own size limits are tested by the unit tests.
  public static let maximumInputBytes = 1 << 20

  /// Runs the reader on `bytes`.
  public func run(_ bytes: [UInt8]) {
    guard bytes.count <= Self.maximumInputBytes else { return }
    switch self {
    case .scenario: FuzzScenarioInput.run(bytes)
    case .seriesCSV: FuzzSeriesInput.run(bytes)
    case .shardFile: FuzzShardInput.run(bytes)
    case .runFolder: FuzzRunFolderInput.run(bytes)
    }
  }
}

extension FuzzTarget {
  /// Splits an input into the files it holds: parts separated by a line holding only `%%`.
  public static func parts(_ bytes: [UInt8]) -> [[UInt8]] {
    var parts: [[UInt8]] = [[]]
    var lineStart = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
      let line = bytes[lineStart..<i]
      if line.elementsEqual("%%".utf8) {
        parts.append([])
      } else {
        parts[parts.count - 1] += bytes[lineStart..<min(i + 1, bytes.count)]
      }
      lineStart = i + 1
    }
    return parts
  }
}

/// Stops with `message` when an output invariant is broken (what the fuzzer reports as a crash).
func invariant(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant broken: \(message())") }
}

/// Checks the tables a run or merge would write: every number finite, probabilities in [0, 1],
/// quantiles in order.
func checkOutputs(_ files: [(name: String, contents: String)]) {
  for file in files where file.name.hasSuffix(".csv") {
    let table: CSVTable
    do { table = try CSVTable.parse(file.contents, file: file.name) } catch {
      fatalError("invariant broken: \(file.name) written by TargetCast does not read back: \(error)")
    }
    // compare.csv's scenario rows copy setting values from run.json files as text.
    let kind = table.header.firstIndex(of: "kind")
    for row in table.rows where kind.map({ row[$0] != "scenario" }) ?? true {
      for (column, cell) in zip(table.header, row) {
        let lower = cell.lowercased()
        invariant(!["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lower), "\(file.name) \(column) = \(cell)")
        guard let value = Double(cell) else { continue }
        if column.hasPrefix("probability") || column.hasPrefix("p_") || column == "ci_low" || column == "ci_high" {
          invariant((0...1).contains(value), "\(file.name) \(column) = \(cell) outside [0, 1]")
        }
      }
      let quantiles = table.header.indices.filter { name in
        let h = table.header[name]
        return h.count <= 3 && h.hasPrefix("p") && Int(h.dropFirst()) != nil
      }
      let values = quantiles.compactMap { Double(row[$0]) }
      invariant(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "\(file.name): quantiles out of order in \(row)")
    }
  }
}
