import Foundation
import Testing
@testable import TargetCast

@Test(arguments: ["run", "compare", "validate", "init"])
func everySubcommandHelpHasExamples(subcommand: String) throws {
  let help = try runCLI([subcommand, "--help"])
  #expect(help.status == 0)
  #expect(help.stdout.contains("Examples:"), "\(subcommand) --help has no examples")
}

@Test func templateValidatesAndInitRefusesToOverwrite() throws {
  let scenario = try Scenario.parse(yaml: ScenarioTemplate.text, file: "template.yaml")
  #expect(scenario.targets.count == 2)
  let file = temporaryDirectory("init.yaml")
  let first = try runCLI(["init", file])
  #expect(first.status == 0, "\(first.stderr)")
  let check = try runCLI(["validate", file])
  #expect(check.status == 0)
  #expect(check.stdout.hasPrefix("ok  \(file): 1 series, 2 target(s)"))
  let again = try runCLI(["init", file])
  #expect(again.status == 2)
  #expect(again.stderr.contains("--force"))
}

@Test func validateReportsWhereTheProblemIs() throws {
  let file = temporaryDirectory("invalid.yaml")
  try ScenarioTemplate.text.replacingOccurrences(of: "at_least: 1000", with: "at_least: lots").write(toFile: file, atomically: true, encoding: .utf8)
  let run = try runCLI(["validate", file])
  #expect(run.status == 2)
  #expect(run.stderr.hasPrefix("error: \(file):"), "\(run.stderr)")
  #expect(run.stdout.isEmpty)
}

@Test func everyExampleScenarioValidates() throws {
  let folder = repositoryRoot.appendingPathComponent("scenarios")
  let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
  #expect(!files.isEmpty)
  let run = try runCLI(["validate"] + files.sorted().map { folder.appendingPathComponent($0).path })
  #expect(run.status == 0, "\(run.stderr)")
}
