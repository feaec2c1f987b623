import Foundation
import Testing
@testable import TargetCast

/// A copy of the healthcare example with another growth mean (and optionally seed).
func healthcareVariant(_ name: String, mean: String) throws -> String {
  let text = try String(contentsOfFile: healthcarePath, encoding: .utf8)
    .replacingOccurrences(of: "mean: 0.20 ", with: "mean: \(mean) ")
  let file = temporaryDirectory("\(name).yaml")
  try text.write(toFile: file, atomically: true, encoding: .utf8)
  return file
}

@Test func compareFlagsFasterGrowthAndListsTheScenarioKey() throws {
  let base = temporaryDirectory("cmp-base"), faster = temporaryDirectory("cmp-faster"), out = temporaryDirectory("cmp-out")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 20_000, outputDirectory: base))
  _ = try runScenario(RunRequest(scenarioPath: try healthcareVariant("faster", mean: "0.25"), paths: 20_000, outputDirectory: faster))
  let outcome = try compareRuns(CompareRequest(runA: base, runB: faster, outputDirectory: out))
  let comparison = outcome.comparison
  #expect(comparison.scenarioDifferences == [
    .init(key: "series.healthcare.growth", before: "lognormal(mean: 0.2, sd: 0.08)", after: "lognormal(mean: 0.25, sd: 0.08)"),
  ])
  #expect(comparison.probabilities.count == 3)
  for change in comparison.probabilities {
    #expect(change.method == .commonRandomNumbersBounded)
    #expect(change.flag == "changed", "\(change.target): \(String(describing: change.change)) ± \(String(describing: change.standardError))")
    #expect((change.change ?? 0) > 0)
    #expect((change.standardErrorLow ?? 1) <= (change.standardError ?? 0))
  }
  // Targets in their own terms, from the plans in run.json.
  #expect(comparison.probabilities.map(\.meaning) == [
    "大健康 healthcare ≥ 1000 亿元 in 2020", "大健康 healthcare ≥ 1000 亿元 in 2022", "大健康 healthcare ≥ 1000 亿元 by 2022",
  ])
  #expect(comparison.summary().contains("    千亿 in 2020 (大健康 healthcare ≥ 1000 亿元 in 2020): "), "\(comparison.summary())")
  // Faster growth moves every quantile up.
  #expect(comparison.levels.filter { $0.statistic == "p50" }.allSatisfy { $0.change > 0 })
  let csv = try String(contentsOfFile: out + "/compare.csv", encoding: .utf8)
  #expect(csv.hasPrefix("kind,name,year,statistic,run_a,run_b,change,std_error,std_error_low,z,flag,method\nprobability,千亿 in 2020,2020,"))
  #expect(csv.contains("\nscenario,series.healthcare.growth,,value,\"lognormal(mean: 0.2, sd: 0.08)\",\"lognormal(mean: 0.25, sd: 0.08)\""))
  #expect(XMLCheck.parse(try String(contentsOfFile: out + "/compare.svg", encoding: .utf8)).failure == nil)
}

@Test func compareOfARunWithItselfFindsNothing() throws {
  let a = temporaryDirectory("cmp-same-a"), b = temporaryDirectory("cmp-same-b")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 5000, outputDirectory: a))
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 5000, outputDirectory: b))
  let outcome = try compareRuns(CompareRequest(runA: a, runB: b, outputDirectory: temporaryDirectory("cmp-same-out")))
  #expect(outcome.comparison.scenarioDifferences.isEmpty)
  #expect(outcome.comparison.probabilities.allSatisfy { $0.change == 0 && $0.flag.isEmpty })
  #expect(outcome.comparison.levels.allSatisfy { $0.change == 0 })
}

/// Hand-computed standard errors for p_A = 0.5, p_B = 0.6, n = 10,000.
@Test func differenceStandardErrorsByMethod() throws {
  func folder(_ p: Double, seed: UInt64) -> RunFolder {
    var targets = CSVTable(header: ["target", "series", "year", "probability", "std_error"])
    targets.append(["t", "s", "2020", NumberFormat.probability(p), NumberFormat.probability((p * (1 - p) / 10_000).squareRoot())])
    let manifest = RunManifest(
      version: "x", scenario: .init(name: "n", keys: ["seed": String(seed)]), seed: seed, paths: 10_000, threads: 1, blockSize: 1,
      quantileLevels: [], timings: .init(simulate: 0), files: [])
    return RunFolder(path: "/x/\(seed)", forecast: CSVTable(header: ["series", "year", "p50"]), targets: targets, manifest: manifest)
  }
  let independent = try RunComparison.compare(folder(0.5, seed: 1), folder(0.6, seed: 2)).probabilities[0]
  #expect(independent.method == .independent)
  #expect(abs(independent.standardError! - (0.49 / 10_000).squareRoot()) < 1e-6)

  let bounded = try RunComparison.compare(folder(0.5, seed: 1), folder(0.6, seed: 1)).probabilities[0]
  #expect(bounded.method == .commonRandomNumbersBounded)
  // p_AB ∈ [0.1, 0.5]: Var(I_B − I_A) ∈ [0.1·0.9, 0.89].
  #expect(abs(bounded.standardErrorLow! - (0.09 / 10_000).squareRoot()) < 1e-9)
  #expect(abs(bounded.standardError! - (0.89 / 10_000).squareRoot()) < 1e-9)
  #expect(bounded.flag == "changed", "0.1 > 3 × 0.0094")

  let exact = try RunComparison.compare(folder(0.5, seed: 1), folder(0.6, seed: 1), joint: ["t": 4_000]).probabilities[0]
  #expect(exact.method == .joint)
  // p_AB = 0.4: Var = 0.25 + 0.24 − 2(0.4 − 0.3) = 0.29.
  #expect(abs(exact.standardError! - (0.29 / 10_000).squareRoot()) < 1e-9)
  #expect(abs(exact.z! - 0.1 / (0.29 / 10_000).squareRoot()) < 1e-6)
  // A difference inside the bounds' gap is "unclear".
  let small = try RunComparison.compare(folder(0.5, seed: 1), folder(0.505, seed: 1)).probabilities[0]
  #expect(small.flag == "unclear", "0.005 > 3 × \(small.standardErrorLow!) but < 3 × \(small.standardError!)")
}

@Test func csvReadingRoundTripsQuotesAndByteOrderMark() throws {
  var table = CSVTable(header: ["a", "b"])
  table.append(["x, \"y\"", "大健康\nline"])
  table.append(["", "z"])
  #expect(try CSVTable.parse(table.text(byteOrderMark: true), file: "t.csv") == table)
  #expect(throws: OutputError.self) { try CSVTable.parse("a,b\n1\n", file: "t.csv") }
  #expect(throws: OutputError.self) { try CSVTable.parse("a,b\n\"1,2\n", file: "t.csv") }
}

@Test func compareCLIRejectsMissingFolderAndWritesNothing() throws {
  let out = temporaryDirectory("cmp-cli-missing")
  let run = try runCLI(["compare", "/nonexistent/a", "/nonexistent/b", "--output", out])
  #expect(run.status == 2)
  #expect(run.stderr.contains("/nonexistent/a: expected a run's output folder"), "\(run.stderr)")
  #expect(!FileManager.default.fileExists(atPath: out))
}

@Test func compareRejectsBrokenRunFolders() throws {
  let good = temporaryDirectory("cmp-good"), broken = temporaryDirectory("cmp-broken"), out = temporaryDirectory("cmp-broken-out")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 1000, outputDirectory: good))
  try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
  try "series,year,p50\nhealthcare,2020,1\n".write(toFile: broken + "/forecast.csv", atomically: true, encoding: .utf8)
  // No targets.csv.
  do {
    _ = try compareRuns(CompareRequest(runA: good, runB: broken, outputDirectory: out))
    Issue.record("expected an error")
  } catch {
    #expect(error.description.contains("targets.csv: file not found"), "\(error)")
  }
  // A targets.csv with a non-number.
  try "target,year,probability,std_error\nt,2020,high,0.1\n".write(toFile: broken + "/targets.csv", atomically: true, encoding: .utf8)
  do {
    _ = try compareRuns(CompareRequest(runA: good, runB: broken, outputDirectory: out))
    Issue.record("expected an error")
  } catch {
    #expect(error.description.contains("line 2: expected a number from 0.0 to 1.0 in column probability, found 'high'"), "\(error)")
  }
  #expect(!FileManager.default.fileExists(atPath: out))
}

/// Variant folders of one run with `joint_targets.csv` beside them: compare finds the file and
/// uses the rows for its pair of variants, giving exact standard errors.
@Test func compareUsesSharedJointCountsOfVariants() throws {
  let root = temporaryDirectory("cmp-variants")
  let base = root + "/base", faster = root + "/faster"
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 4000, outputDirectory: base))
  _ = try runScenario(RunRequest(scenarioPath: try healthcareVariant("faster-v", mean: "0.25"), paths: 4000, outputDirectory: faster))
  // Label the folders as variants of one run, as the engine will.
  for (folder, name) in [(base, "base"), (faster, "faster")] {
    var manifest = try RunManifest.read(path: folder + "/run.json")
    manifest.variant = name
    try manifest.json().write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
  }
  let a = try RunFolder.read(path: base), b = try RunFolder.read(path: faster)
  let probability = try a.targets.column("probability", file: "targets.csv")
  let firstA = Double(a.targets.rows[0][probability])!, firstB = Double(b.targets.rows[0][probability])!
  // A hand-made joint count: as if every path meeting the target in A also met it in B.
  let both = Int((min(firstA, firstB) * 4000).rounded())
  try """
    target,variant_a,variant_b,paths,both_met
    千亿 in 2020,faster,base,4000,\(both)
    千亿 in 2020,base,other,4000,0

    """.write(toFile: root + "/joint_targets.csv", atomically: true, encoding: .utf8)
  let outcome = try compareRuns(CompareRequest(runA: base, runB: faster, outputDirectory: root + "/cmp"))
  let first = outcome.comparison.probabilities[0]
  #expect(first.method == .joint)
  let d = firstB - firstA
  #expect(abs(first.standardError! - (d * (1 - d) / 4000).squareRoot()) < 1e-9, "comonotone: Var = d(1 − d)/n")
  #expect(outcome.comparison.probabilities[1].method == .commonRandomNumbersBounded, "no joint row for this target")

  // Joint counts for runs that do not share random numbers are refused.
  let other = root + "/other-seed"
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 4000, seed: 5, outputDirectory: other))
  #expect(throws: TargetCastError.self) {
    try compareRuns(CompareRequest(runA: base, runB: other, outputDirectory: root + "/cmp2", jointCountsFile: root + "/joint_targets.csv"))
  }
}

/// Runs made with a variance-reduction method: compare says its change errors are the
/// plain-indicator formulas; the probabilities compared are the method's estimates.
@Test func compareNotesVarianceReductionOfTheRuns() throws {
  let a = temporaryDirectory("cmp-cv-a"), b = temporaryDirectory("cmp-cv-b"), out = temporaryDirectory("cmp-cv-out")
  let cv = ["variance_reduction=control_variate"]
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 20_000, outputDirectory: a, settings: cv))
  _ = try runScenario(RunRequest(scenarioPath: try healthcareVariant("faster", mean: "0.25"), paths: 20_000, outputDirectory: b, settings: cv))
  let comparison = try compareRuns(CompareRequest(runA: a, runB: b, outputDirectory: out)).comparison
  #expect(comparison.notes.contains { $0.contains("variance_reduction control_variate") && $0.contains("plain-indicator") })
  // The run's report names the estimator instead of calling the probability a share of paths.
  let report = try String(contentsOfFile: a + "/report.md", encoding: .utf8)
  #expect(report.contains("estimated with variance reduction (control\\_variate)") && !report.contains("the 95% interval is Wilson's"))
  let same = try compareRuns(CompareRequest(runA: a, runB: a, outputDirectory: temporaryDirectory("cmp-cv-same"))).comparison
  #expect(same.probabilities.allSatisfy { $0.change == 0 && $0.flag.isEmpty })
}

/// Run folders are untrusted input: a number that is not finite or out of range, a joint count
/// above the run's paths, or a run.json whose values are not what TargetCast writes is exit 2
/// naming the file and line or field, and nothing is written.
@Test func compareRejectsDamagedRunFolders() throws {
  let a = temporaryDirectory("cmp-bad-a"), b = temporaryDirectory("cmp-bad-b")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 2000, outputDirectory: a))
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 2000, outputDirectory: b))
  func damaged(_ name: String, file: String, _ edit: (String) -> String) throws -> String {
    let copy = temporaryDirectory("cmp-bad-\(name)")
    try FileManager.default.copyItem(atPath: b, toPath: copy)
    let path = copy + "/" + file
    try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
    return copy
  }
  let cases: [(String, String, (String) -> String, String)] = [
    ("nan-probability", "targets.csv", { replaceCell($0, column: "probability", with: "nan") },
     "targets.csv: line 2: expected a number from 0.0 to 1.0 in column probability, found 'nan'"),
    ("inf-level", "forecast.csv", { replaceCell($0, column: "mean", with: "inf") },
     "forecast.csv: line 2: expected a finite number in column mean, found 'inf'"),
    ("paths-text", "run.json", { $0.replacingOccurrences(of: "\"paths\" : 2000", with: "\"paths\" : \"many\"") }, "not a TargetCast run.json"),
    ("paths-zero", "run.json", { $0.replacingOccurrences(of: "\"paths\" : 2000", with: "\"paths\" : 0") }, "paths: expected 1 to"),
  ]
  for (name, file, edit, message) in cases {
    let folder = try damaged(name, file: file, edit)
    let out = temporaryDirectory("cmp-bad-out-\(name)")
    let run = try runCLI(["compare", a, folder, "--output", out])
    #expect(run.status == 2, "\(name): \(run.stderr)")
    #expect(run.stderr.contains(message), "\(name): \(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out), "\(name)")
  }
  // A joint count above the runs' paths (2000).
  let joint = temporaryDirectory("cmp-bad-joint.csv")
  try "target,both_met\n千亿 in 2020,99999\n".write(toFile: joint, atomically: true, encoding: .utf8)
  let a2 = RunFolder(path: a, forecast: try CSVTable.read(path: a + "/forecast.csv"), targets: try CSVTable.read(path: a + "/targets.csv"),
                     manifest: try RunManifest.read(path: a + "/run.json"))
  #expect(throws: OutputError.self) { try RunComparison.readJointCounts(path: joint, a: a2, b: a2) }
  do { _ = try RunComparison.readJointCounts(path: joint, a: a2, b: a2) } catch {
    #expect(error.message.contains("expected a whole number of paths from 0 to 2000 in both_met, found '99999'"), "\(error)")
  }
}

/// The CSV text with the cell of the first data row in column `name` replaced (no quoted fields).
private func replaceCell(_ text: String, column name: String, with value: String) -> String {
  var lines = text.split(separator: "\n").map(String.init)
  let column = lines[0].split(separator: ",").firstIndex { $0 == name }!
  var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  cells[column] = value
  lines[1] = cells.joined(separator: ",")
  return lines.joined(separator: "\n") + "\n"
}
