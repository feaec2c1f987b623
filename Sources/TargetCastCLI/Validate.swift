import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check scenario files without running them.",
      discussion: """
        Prints "ok" and a one-line description for each valid file. The first invalid file stops
        the check with a message naming file, line, column and key, and exit status 2.

        Examples:
          targetcast validate scenarios/healthcare-2020-100b.yaml
          targetcast validate scenarios/*.yaml
        """)

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    func validate() throws {
      if files.isEmpty { throw ValidationError("expected at least one scenario file") }
    }

    func run() throws {
      for file in files {
        let scenario: Scenario
        do {
          let source = try ScenarioSource.load(path: file)
          scenario = try source.scenario()
          for name in source.variantNames { _ = try source.scenario(variant: name) }
        } catch {
          throw TargetCastError.scenario(error)
        }
        print("ok  \(file): \(scenario.series.count) series, \(scenario.targets.count) target(s), years \(scenario.baseYear + 1)–\(scenario.horizonYear), \(scenario.paths) paths")
      }
    }
  }
}
