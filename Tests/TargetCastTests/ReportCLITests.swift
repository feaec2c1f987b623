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

@Test func progressBarText() {
  #expect(ProgressBar.line(completed: 0, total: 100, elapsed: 0, secondsLeft: nil, width: 10) == "[░░░░░░░░░░]   0%  0.0 s, estimating…")
  #expect(ProgressBar.line(completed: 50, total: 100, elapsed: 1.2, secondsLeft: 1.24, width: 10) == "[█████░░░░░]  50%  1.2 s, about 1.2 s left")
  #expect(ProgressBar.line(completed: 50, total: 100, elapsed: 1.2, secondsLeft: -0.1, width: 10) == "[█████░░░░░]  50%  1.2 s, about 0.0 s left")
  #expect(ProgressBar.line(completed: 100, total: 100, elapsed: 2.5, secondsLeft: 1, width: 4) == "[████] 100%  2.5 s")
  #expect(ProgressBar.line(completed: 5, total: 0, elapsed: 1, secondsLeft: nil, width: 2) == "[░░]   0%  1.0 s")
  // Tests run with stderr on a pipe: no bar.
  #expect(TerminalProgress(quiet: true) == nil)
}

@Test func runJSONSummaryAndQuiet() throws {
  let output = temporaryDirectory("cli-json")
  let run = try runCLI(["run", healthcarePath, "--paths", "2000", "--format", "json", "--output", output])
  #expect(run.status == 0, "\(run.stderr)")
  let summary = try JSONDecoder().decode(RunSummaryJSON.self, from: Data(run.stdout.utf8))
  #expect(summary.paths == 2000 && summary.seed == "20191231" && summary.targets.count == 3)
  #expect(summary.targets[0].name == "千亿 in 2020" && abs(summary.targets[0].requiredCagr - 3.0 / 7.0) < 1e-12)
  let quiet = try runCLI(["run", healthcarePath, "--paths", "2000", "--quiet", "--output", output])
  #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
}
