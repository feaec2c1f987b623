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

/// The template tells one story: its title's "¥100B … by 2027" is the first target's threshold
/// (1 亿元 = ¥100M) and year, reached by that year, and its description's base, year and
/// required growth are the file's. Each commented target example validates once uncommented,
/// and with all of them uncommented the file runs.
@Test func templateIsCoherentAndItsExamplesValidate() throws {
  let text = ScenarioTemplate.text
  let scenario = try Scenario.parse(yaml: text, file: "template.yaml")
  let first = try #require(scenario.targets.first)
  let title = try #require(scenario.title)
  let claim = try #require(title.firstMatch(of: /¥(\d+)B .*by (\d{4})/), "\(title)")
  #expect(scenario.units == "亿元")
  #expect(Double(claim.1)! * 1e9 == first.threshold * 1e8, "\(title) against \(first.threshold) 亿元")
  #expect(Int(claim.2) == first.year && first.timing == .byYear && first.measure == .level, "\(title) against \(first.name)")
  let story = try #require(text.firstMatch(of: /at (\d+) \(亿元\) in (\d{4}) that aims for (\d+) .* by (\d{4}),\s+which needs \+([\d.]+)% a year/))
  let base = scenario.series[0].base
  #expect(Double(story.1) == base && Int(story.2) == scenario.baseYear && Double(story.3) == first.threshold && Int(story.4) == first.year)
  let needed = pow(first.threshold / base, 1 / Double(first.year - scenario.baseYear)) - 1
  #expect(String(format: "%.1f", needed * 100) == String(story.5))

  let examples = text.split(separator: "\n").filter { $0.hasPrefix("  # - {") }
  for key in ["ratio:", "within:", "cagr:", "from:", "at_most:", "between:", "yoy:", "all_of:", "at_least_k_of:", " of:"] {
    #expect(examples.contains { $0.contains(key) }, "no commented example with \(key)")
  }
  var everything = text
  for example in examples {
    let uncommented = "  - " + example.dropFirst("  # - ".count)
    let one = try Scenario.parse(yaml: text.replacingOccurrences(of: example, with: uncommented), file: "template.yaml")
    #expect(one.targets.count == scenario.targets.count + 1, "\(uncommented)")
    everything = everything.replacingOccurrences(of: example, with: uncommented)
  }
  let file = temporaryDirectory("template-all.yaml")
  try everything.write(toFile: file, atomically: true, encoding: .utf8)
  let run = try runCLI(["run", file, "--paths", "2000", "--quiet", "--output", temporaryDirectory("template-all")])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(try Scenario.parse(yaml: everything).targets.count == scenario.targets.count + examples.count)
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
  let output = temporaryDirectory("cli-json-summary")
  let run = try runCLI(["run", healthcarePath, "--paths", "2000", "--format", "json", "--output", output])
  #expect(run.status == 0, "\(run.stderr)")
  let summary = try JSONDecoder().decode(RunSummaryJSON.self, from: Data(run.stdout.utf8))
  #expect(summary.paths == 2000 && summary.seed == "20191231" && summary.targets.count == 3)
  #expect(summary.targets[0].name == "千亿 in 2020" && abs(summary.targets[0].requiredCagr - 3.0 / 7.0) < 1e-12)
  let quiet = try runCLI(["run", healthcarePath, "--paths", "2000", "--quiet", "--output", output])
  #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
}
