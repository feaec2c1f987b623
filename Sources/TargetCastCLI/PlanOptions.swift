import ArgumentParser
import Foundation
import TargetCast

/// The options that decide which plans a scenario file resolves to. `run` and `validate` share
/// them, so `validate` checks exactly what `run` would simulate.
struct PlanOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Number of Monte Carlo paths (overrides the file); 1000000, 1_000_000 or 1e6.", valueName: "n"))
  var paths: Count?

  @Option(help: "Random seed (overrides the file). Same seed, same numbers, any thread count.")
  var seed: UInt64?

  @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  @Option(name: .customLong("variant"), help: "Also run this variant of the file (repeatable); the base runs too, as 'base'.")
  var variants: [String] = []

  @Flag(help: "Run the base scenario and every variant in the file.")
  var allVariants = false

  @Option(name: .customLong("set"), help: ArgumentHelp("Override one key, e.g. series.healthcare.growth.mean=0.3 (repeatable).", valueName: "key.path=value"))
  var settings: [String] = []

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "Add a target, its keys as in the file, e.g. 'series=electronics, by=2022, ratio=2' (repeatable).",
      valueName: "key=value, …"))
  var targets: [String] = []

  @Option(help: ArgumentHelp("Refuse runs estimated to need more memory, e.g. 8G or 500M (default: half the machine's memory).", valueName: "size"))
  var maxMemory: String?

  @Flag(help: "Treat warnings about likely unit mistakes (growth of 20 meaning +2000%) as errors.")
  var strict = false

  func validate() throws {
    if let paths, !(1...Scenario.maximumPaths).contains(paths.value) {
      throw ValidationError("--paths: expected a number of paths from 1 to \(Scenario.maximumPaths), found \(paths.value)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads: expected at least 1, found \(threads)")
    }
    _ = try memoryLimit()
  }

  /// `--max-memory` in bytes: a number with an optional K, M, G or T suffix (powers of 1024).
  func memoryLimit() throws -> Int? {
    guard let maxMemory else { return nil }
    let text = maxMemory.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "B", with: "")
    let suffixes: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
    var number = Substring(text), scale = 1.0
    if let last = text.last, let factor = suffixes[last] {
      number = text.dropLast()
      scale = factor
    }
    guard let value = Double(number), value > 0, value * scale < 0x1p62 else {
      throw ValidationError("--max-memory: expected a size such as 8G, 500M or 1000000 (bytes), found '\(maxMemory)'")
    }
    return Int(value * scale)
  }

  /// The request these options describe for `file`.
  func request(_ file: String) throws -> RunRequest {
    var request = RunRequest(
      scenarioPath: file, paths: paths?.value, seed: seed, threads: threads, variants: variants, allVariants: allVariants, settings: settings)
    request.maxMemory = try memoryLimit()
    request.strict = strict
    request.targets = targets
    return request
  }
}

/// A count on the command line, written as in a scenario file: `1000000`, `1_000_000` or `1e6`.
struct Count: ExpressibleByArgument {
  var value: Int

  init?(argument: String) {
    guard let value = ScenarioRules.wholeNumber(argument) else { return nil }
    self.value = value
  }

  static var defaultCompletionKind: CompletionKind { .default }
}
