import Foundation
import Testing

/// Runs the built `targetcast` binary (end to end: argument parsing, exit status, output).
struct CLIRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

func targetcastBinary() -> URL? {
  // The test bundle and the executable are built into the same products folder.
  var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = folder.appendingPathComponent("targetcast")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    folder = folder.deletingLastPathComponent()
  }
  for configuration in ["debug", "release"] {
    let candidate = repositoryRoot.appendingPathComponent(".build/\(configuration)/targetcast")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
  }
  return nil
}

/// Runs `targetcast arguments`; `environment` adds to (or replaces) the test's own variables.
func runCLI(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRun {
  guard let binary = targetcastBinary() else {
    throw CLIError.binaryNotFound
  }
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
  process.currentDirectoryURL = FileManager.default.temporaryDirectory
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CLIRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

enum CLIError: Error { case binaryNotFound }

/// The commands `targetcast --help` lists under SUBCOMMANDS, in its order.
func commandsListedInHelp() throws -> [String] {
  let help = try runCLI(["--help"]).stdout
  return help.components(separatedBy: "SUBCOMMANDS:")[1].split(separator: "\n").compactMap { line -> String? in
    guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first, word.first!.isLowercase else { return nil }
    return String(word)
  }
}

@Test func versionAndHelp() throws {
  let version = try runCLI(["--version"])
  #expect(version.status == 0)
  #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  let help = try runCLI(["run", "--help"])
  #expect(help.status == 0)
  #expect(help.stdout.contains("Examples:"))
  #expect(help.stdout.contains("--paths"))
}

@Test func runPrintsProbabilityAndWritesFiles() throws {
  let output = temporaryDirectory("cli-run")
  let run = try runCLI(["run", healthcarePath, "--paths", "20000", "--output", output])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stdout.contains("P(千亿 in 2020) = "))
  #expect(run.stdout.contains("MC s.e."))
  #expect(FileManager.default.fileExists(atPath: output + "/forecast.csv"))
  #expect(FileManager.default.fileExists(atPath: output + "/targets.csv"))
}

/// Bad input: one clear message naming file, line and key; exit status 2; nothing written.
@Test(arguments: [
  ("paths-zero", ["--paths", "0"], "--paths: expected a number of paths from 1"),
  ("threads-zero", ["--threads", "0"], "--threads: expected at least 1"),
])
func rejectsBadOptions(name: String, options: [String], message: String) throws {
  let output = temporaryDirectory("cli-\(name)")
  let run = try runCLI(["run", healthcarePath, "--output", output] + options)
  #expect(run.status == 2)
  #expect(run.stderr.contains(message), "\(run.stderr)")
  #expect(!FileManager.default.fileExists(atPath: output))
}

@Test(arguments: [
  ("unknown-key", "seeed: 3\n", ":", "unknown key 'seeed'; did you mean 'seed'?"),
  ("negative-sd", "", "", "standard deviation ≥ 0"),
  ("year-outside", "", "", "outside the simulated years"),
])
func rejectsBadScenarioFiles(name: String, extra: String, _: String, message: String) throws {
  var text = try String(contentsOfFile: healthcarePath, encoding: .utf8)
  switch name {
  case "negative-sd": text = text.replacingOccurrences(of: "sd: 0.08", with: "sd: -0.08")
  case "year-outside": text = text.replacingOccurrences(of: "year: 2022", with: "year: 2030")
  default: text += extra
  }
  let file = temporaryDirectory("\(name).yaml")
  try text.write(toFile: file, atomically: true, encoding: .utf8)
  let output = temporaryDirectory("cli-out-\(name)")
  let run = try runCLI(["run", file, "--output", output])
  #expect(run.status == 2)
  #expect(run.stderr.hasPrefix("error: \(file):"), "\(run.stderr)")
  #expect(run.stderr.contains(message), "\(run.stderr)")
  #expect(!FileManager.default.fileExists(atPath: output))
}

@Test func missingScenarioFile() throws {
  let run = try runCLI(["run", "/nonexistent/plan.yaml"])
  #expect(run.status == 2)
  #expect(run.stderr.contains("/nonexistent/plan.yaml: scenario file not found"))
}

@Test func unwritableOutputFolder() throws {
  let blocker = temporaryDirectory("cli-blocker")
  try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
  let run = try runCLI(["run", healthcarePath, "--paths", "100", "--output", blocker + "/out"])
  #expect(run.status == 2)
  #expect(run.stderr.contains("is a file, not a folder"))
}

/// Counts on the command line read as in a scenario file.
@Test(arguments: ["2e3", "2_000", "2000"])
func pathsAcceptTheFileSpellings(_ text: String) throws {
  let run = try runCLI(["validate", healthcarePath, "--paths", text])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stdout.contains(", 2000 paths,"), "\(run.stdout)")
}

@Test func pathsRefuseFractions() throws {
  let run = try runCLI(["validate", healthcarePath, "--paths", "2.5"])
  #expect(run.status == 2 || run.status == 64, "\(run.status)")
  #expect(run.stderr.contains("--paths"), "\(run.stderr)")
}

/// Every command takes `--format json` and then prints one JSON document on stdout; run and
/// validate name each variant; an error is `{"error": …}` with the file and line. The list of
/// commands is read from `targetcast --help`, so a new command without JSON fails here.
@Test func everyCommandPrintsJSON() throws {
  let listed = try commandsListedInHelp()
  let directory = temporaryDirectory("cli-json")
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  let data = directory + "/long.csv"
  try "series,year,value\na,2012,10\na,2013,11\na,2014,12.5\na,2015,13\na,2016,15\na,2017,16\n".write(toFile: data, atomically: true, encoding: .utf8)
  let commands: [String: [String]] = [
    "run": ["run", healthcarePath, "--paths", "2000", "--all-variants", "--quiet", "--output", directory + "/run"],
    "validate": ["validate", healthcarePath, "--all-variants"],
    "forecast": ["forecast", data, "--horizon", "2"],
    "backtest": ["backtest", data, "--horizon", "1"],
    "compare": ["compare", directory + "/run/base", directory + "/run/faster-growth", "--output", directory + "/compare"],
    "init": ["init", directory + "/template.yaml"],
    "plan": ["plan", healthcarePath, "--paths", "2000", "--output", directory + "/plan.json"],
    "merge": ["merge", directory + "/shard1", directory + "/shard2", "--output", directory + "/merged"],
    "bench": ["bench", "--paths", "1000", "--repeats", "1", "--output", directory + "/bench.csv"],
  ]
  #expect(Set(listed) == Set(commands.keys), "commands in --help: \(listed)")
  for (index, shard) in ["1/2", "2/2"].enumerated() {
    let run = try runCLI(["run", healthcarePath, "--paths", "2000", "--shard", shard, "--quiet", "--output", directory + "/shard\(index + 1)"])
    #expect(run.status == 0, "\(run.stderr)")
  }
  for name in ["run", "validate", "forecast", "backtest", "compare", "init", "plan", "merge", "bench"] {
    let result = try runCLI(commands[name]! + ["--format", "json"])
    #expect(result.status == 0, "\(name): \(result.stderr)")
    let parsed = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    #expect(parsed != nil, "\(name): stdout is not JSON: \(result.stdout.prefix(300))")
    if name == "run" || name == "validate" {
      let variants = (parsed as? [[String: Any]])?.compactMap { $0["variant"] as? String }
      #expect(variants == ["base", "faster-growth", "new-project", "same-as-base"], "\(name): \(String(describing: variants))")
    }
  }
  let bad = try runCLI(["validate", directory + "/missing.yaml", "--format", "json"])
  #expect(bad.status == 2)
  let error = (try? JSONSerialization.jsonObject(with: Data(bad.stdout.utf8))) as? [String: [String: Any]]
  #expect(error?["error"]?["file"] as? String == directory + "/missing.yaml", "\(bad.stdout)")
}
