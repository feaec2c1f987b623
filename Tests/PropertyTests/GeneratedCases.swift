import Foundation
import PropertyBased
import Testing
@testable import TargetCast

/// Calls `body` with `count` values of `generator`, case `i` drawn from a generator seeded with
/// (`seed`, `i`): every run checks the same cases, and a failure names its case number.
///
/// `propertyCheck` draws a fresh random seed on every run, and its `.fixedSeed` trait runs a
/// single case and always records an issue (it is for reproducing a failure, not for a committed
/// check), so the properties here draw their cases themselves with the library's generators.
func forEachGenerated<Value>(
  _ count: Int, seed: UInt64, from generator: Generator<Value, some Sequence>, _ body: (Int, Value) throws -> Void
) rethrows {
  for i in 0..<count {
    var rng = Xoshiro(seed: (seed, UInt64(i), 0x9E37_79B9_7F4A_7C15, 0xD1B5_4A32_D192_ED03))
    try body(i, generator.run(using: &rng))
  }
}

/// What a failure message says about a generated case: its number and the scenario as JSON.
func describe(_ index: Int, _ scenario: Scenario) -> Comment {
  "case \(index): \(scenario.json)"
}

/// The CSV tables a run writes, by file name.
func tables(_ result: SimulationResult) -> [String: String] {
  Dictionary(uniqueKeysWithValues: runTables(result, byteOrderMark: false).map { ($0.name, $0.contents) })
}

/// Cells of `tables` that are not finite numbers, as "file column = 'cell'". A NaN is written as
/// an empty cell, so numeric cells must be non-empty numbers; the only words are ids, the
/// timing, the target kind, `never` and `not within horizon`; `level_threshold` is empty for a
/// ratio or CAGR target counted from a simulated year (no single level), `upper` for any but a
/// band, `required_cagr` for a k-of-n target.
func nonFiniteCells(_ tables: [String: String]) -> [String] {
  let words: Set = ["target", "series", "timing", "kind", "input", "basis"]
  var found: [String] = []
  for (name, text) in tables.sorted(by: { $0.key < $1.key }) {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    for row in lines.dropFirst() {
      // A k-of-n target has no required growth of its own.
      let counts = zip(lines[0], row).contains { $0 == "kind" && ($1 == "at_least_k_of" || $1 == "all_of") }
      for (column, cell) in zip(lines[0], row) where !words.contains(column) {
        let word = (column == "year" && cell == "never") || (column == "median_year" && cell == "not within horizon")
          || ((column == "level_threshold" || column == "upper") && cell.isEmpty)
          || (counts && column == "required_cagr" && cell.isEmpty)
        if !word && Double(cell)?.isFinite != true { found.append("\(name) \(column) = '\(cell)'") }
      }
    }
  }
  return found
}
