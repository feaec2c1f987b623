import Foundation

/// The outputs of one finished run, read back from its folder for comparison.
public struct RunFolder: Sendable {
  public var path: String
  public var forecast: CSVTable
  public var targets: CSVTable
  /// `nil` when the folder has no run.json (an older run): seed and paths are then unknown and
  /// the comparison treats the runs as independent.
  public var manifest: RunManifest?

  public init(path: String, forecast: CSVTable, targets: CSVTable, manifest: RunManifest? = nil) {
    self.path = path
    self.forecast = forecast
    self.targets = targets
    self.manifest = manifest
  }

  /// Reads `forecast.csv`, `targets.csv` and, if present, `run.json` from `path`.
  public static func read(path: String) throws(OutputError) -> RunFolder {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw OutputError(path: path, message: "expected a run's output folder (with forecast.csv and targets.csv)")
    }
    let folder = URL(fileURLWithPath: path)
    let manifestPath = folder.appendingPathComponent(RunOutputs.manifest.name).path
    return RunFolder(
      path: path,
      forecast: try CSVTable.read(path: folder.appendingPathComponent(RunOutputs.forecast.name).path),
      targets: try CSVTable.read(path: folder.appendingPathComponent(RunOutputs.targets.name).path),
      manifest: FileManager.default.fileExists(atPath: manifestPath) ? try RunManifest.read(path: manifestPath) : nil)
  }
}

/// How the standard error of a probability change was obtained.
public enum DifferenceMethod: String, Sendable, Equatable {
  /// Different seeds or path counts: the runs are independent, Var = Var_A + Var_B.
  case independent
  /// Same seed and paths (common random numbers) with the joint count of paths meeting the
  /// target in both runs: Var = (p_A(1−p_A) + p_B(1−p_B) − 2(p_AB − p_A p_B)) / n, exact.
  case joint
  /// Same seed and paths but no joint count: the covariance is only known to lie within the
  /// Fréchet bounds max(0, p_A + p_B − 1) ≤ p_AB ≤ min(p_A, p_B), so the standard error is a
  /// range. The flag uses its upper end (conservative).
  case commonRandomNumbersBounded = "crn_bounds"
}

/// The change in one target's probability between two runs.
public struct ProbabilityChange: Sendable, Equatable {
  public var target: String
  public var year: Int?
  public var before: Double?
  public var after: Double?
  /// after − before; `nil` when the target is in only one run.
  public var change: Double?
  /// Standard error of the change used for the flag (the upper bound for `crn_bounds`).
  public var standardError: Double?
  /// Lower end of the standard error range (`crn_bounds` only; equals `standardError` otherwise).
  public var standardErrorLow: Double?
  public var method: DifferenceMethod
  /// `changed` (|change| > 3 SE), `unclear` (beyond 3 SE only under the lower bound),
  /// `only in A` / `only in B`, or empty.
  public var flag: String
  /// The target in its own terms (`TargetSpec.meaning`), from the plans in the runs' run.json:
  /// B's, with A's after "was" when the two differ; nil without a plan.
  public var meaning: String? = nil

  /// change / standardError, when both are known and the error is positive.
  public var z: Double? {
    guard let change, let standardError, standardError > 0 else { return nil }
    return change / standardError
  }
}

/// One quantile (or the mean) of one series in one year, before and after.
public struct LevelChange: Sendable, Equatable {
  public var series: String
  public var year: Int
  public var statistic: String
  public var before: Double
  public var after: Double
  public var change: Double { after - before }
}

/// A comparison of two runs: level quantiles, target probabilities with the standard error of
/// each change, and the scenario keys that differ.
public struct RunComparison: Sendable {
  public var levels: [LevelChange] = []
  public var probabilities: [ProbabilityChange] = []
  public var scenarioDifferences: [ScenarioKeys.Difference] = []
  /// Why the standard errors are what they are, for the report and the terminal.
  public var notes: [String] = []
  /// Labels of the two runs (folder names).
  public var labelA: String
  public var labelB: String

  /// The joint count for one target: paths meeting it in both runs.
  public typealias JointCounts = [String: Int]

  /// Compares run `a` (before) with run `b` (after).
  ///
  /// - Parameters:
  ///   - joint: For runs that share seed and paths, the number of paths on which each target
  ///     (by name) was met in both runs. Gives exact standard errors; without it they are bounded.
  public static func compare(_ a: RunFolder, _ b: RunFolder, joint: JointCounts = [:]) throws(OutputError) -> RunComparison {
    var comparison = RunComparison(
      labelA: URL(fileURLWithPath: a.path).lastPathComponent, labelB: URL(fileURLWithPath: b.path).lastPathComponent)
    try comparison.compareLevels(a, b)
    try comparison.compareTargets(a, b, joint: joint)
    if let ma = a.manifest, let mb = b.manifest {
      comparison.scenarioDifferences = ScenarioKeys.differences(ma.scenario.keys, mb.scenario.keys)
    } else {
      comparison.notes.append("At least one run has no run.json, so scenario differences are not listed.")
    }
    return comparison
  }

  mutating func compareLevels(_ a: RunFolder, _ b: RunFolder) throws(OutputError) {
    let fileA = a.path + "/" + RunOutputs.forecast.name, fileB = b.path + "/" + RunOutputs.forecast.name
    let seriesA = try a.forecast.column("series", file: fileA), yearA = try a.forecast.column("year", file: fileA)
    let seriesB = try b.forecast.column("series", file: fileB), yearB = try b.forecast.column("year", file: fileB)
    let statistics = a.forecast.header.filter { $0 == "mean" || ($0.hasPrefix("p") && b.forecast.header.contains($0)) }
    var lineB: [String: Int] = [:]
    for (index, row) in b.forecast.rows.enumerated() { lineB["\(row[seriesB])\u{1F}\(row[yearB])"] = index }
    for (index, row) in a.forecast.rows.enumerated() {
      guard let other = lineB["\(row[seriesA])\u{1F}\(row[yearA])"], let year = Int(row[yearA]) else { continue }
      for statistic in statistics {
        guard let ia = a.forecast.header.firstIndex(of: statistic), let ib = b.forecast.header.firstIndex(of: statistic),
          !row[ia].isEmpty, !b.forecast.rows[other][ib].isEmpty
        else { continue }
        let x = try a.forecast.number(row: index, column: ia, file: fileA), y = try b.forecast.number(row: other, column: ib, file: fileB)
        levels.append(LevelChange(series: row[seriesA], year: year, statistic: statistic, before: x, after: y))
      }
    }
  }

  /// True when both runs have a run.json with the same seed and path count, so path i drew the
  /// same random numbers in both (common random numbers).
  public static func shareRandomNumbers(_ a: RunFolder, _ b: RunFolder) -> Bool {
    guard let ma = a.manifest, let mb = b.manifest else { return false }
    return ma.seed == mb.seed && ma.paths == mb.paths
  }

  mutating func compareTargets(_ a: RunFolder, _ b: RunFolder, joint: JointCounts) throws(OutputError) {
    let fileA = a.path + "/" + RunOutputs.targets.name, fileB = b.path + "/" + RunOutputs.targets.name
    func read(_ table: CSVTable, _ file: String) throws(OutputError) -> [(name: String, year: Int?, p: Double, se: Double)] {
      let name = try table.column("target", file: file), year = try table.column("year", file: file)
      let p = try table.column("probability", file: file), se = try table.column("std_error", file: file)
      var out: [(name: String, year: Int?, p: Double, se: Double)] = []
      for (index, row) in table.rows.enumerated() {
        let probability = try table.number(row: index, column: p, file: file, in: 0...1)
        // A standard error that does not exist (a single antithetic pair) is written empty.
        let error = row[se].isEmpty ? Double.nan : try table.number(row: index, column: se, file: file, in: 0...1)
        out.append((row[name], Int(row[year]), probability, error))
      }
      return out
    }
    let targetsA = try read(a.targets, fileA), targetsB = try read(b.targets, fileB)
    let pathsA = a.manifest?.paths
    let shared = RunComparison.shareRandomNumbers(a, b)
    if shared {
      notes.append(
        "Both runs used seed \(a.manifest!.seed) and \(pathsA!) paths (common random numbers), so their Monte Carlo errors are correlated. "
          + (joint.isEmpty
            ? "Without the joint count of paths meeting a target in both runs, the standard error of a change is only bounded (Fréchet bounds on that count); a change is flagged when it exceeds 3 times the upper bound, and marked unclear when it exceeds 3 times only the lower bound."
            : "Standard errors use the joint counts of paths meeting each target in both runs (exact)."))
    } else {
      notes.append("The runs do not share seed and path count (or one lacks run.json), so they are treated as independent: SE² = SE_A² + SE_B².")
    }
    let methods = Set([a, b].compactMap { $0.manifest?.scenario.keys["variance_reduction"] }).subtracting(["none"]).sorted()
    if shared, !methods.isEmpty {
      // The common-random-numbers formulas are those of plain 0/1 indicators (their variance
      // and joint count); say so rather than imply they are the method's own errors.
      notes.append(
        "The runs used variance_reduction \(methods.joined(separator: ", ")): the standard errors of the changes use the plain-indicator formulas (p(1−p) and the joint count), which do not account for that method; each run's own standard errors are in its targets.csv.")
    }
    for t in targetsA {
      guard let u = targetsB.first(where: { $0.name == t.name }) else {
        probabilities.append(ProbabilityChange(target: t.name, year: t.year, before: t.p, method: .independent, flag: "only in A"))
        continue
      }
      let d = u.p - t.p
      var change = ProbabilityChange(target: t.name, year: t.year, before: t.p, after: u.p, change: d, method: .independent, flag: "")
      if shared, let n = pathsA, n > 0 {
        let varianceA = t.p * (1 - t.p), varianceB = u.p * (1 - u.p)
        func se(_ both: Double) -> Double { (max(0, varianceA + varianceB - 2 * (both - t.p * u.p)) / Double(n)).squareRoot() }
        if let count = joint[t.name] {
          change.method = .joint
          change.standardError = se(Double(count) / Double(n))
          change.standardErrorLow = change.standardError
        } else {
          change.method = .commonRandomNumbersBounded
          change.standardError = se(max(0, t.p + u.p - 1))
          change.standardErrorLow = se(min(t.p, u.p))
        }
      } else {
        change.standardError = (t.se * t.se + u.se * u.se).squareRoot()
        change.standardErrorLow = change.standardError
      }
      let high = change.standardError ?? .infinity, low = change.standardErrorLow ?? high
      if abs(d) > 3 * high {
        change.flag = "changed"
      } else if abs(d) > 3 * low {
        change.flag = "unclear"
      }
      probabilities.append(change)
    }
    for u in targetsB where !targetsA.contains(where: { $0.name == u.name }) {
      probabilities.append(ProbabilityChange(target: u.name, year: u.year, after: u.p, method: .independent, flag: "only in B"))
    }
    func meaning(_ folder: RunFolder, _ name: String) -> String? {
      guard let plan = folder.manifest?.plan, let target = plan.targets.first(where: { $0.name == name }) else { return nil }
      return target.meaning(in: plan)
    }
    for index in probabilities.indices {
      let name = probabilities[index].target
      let (before, after) = (meaning(a, name), meaning(b, name))
      probabilities[index].meaning = before != nil && after != nil && before != after ? "\(after!) (was: \(before!))" : after ?? before
    }
  }

  /// `compare.csv`: one long table of level changes, probability changes and scenario keys.
  ///
  /// Columns: `kind` (`level`, `probability`, `scenario`), `name` (series, target or key),
  /// `year`, `statistic`, `run_a`, `run_b`, `change` (b − a), `std_error`, `std_error_low`, `z`,
  /// `flag`, `method`.
  public func table() -> CSVTable {
    var table = CSVTable(header: [
      "kind", "name", "year", "statistic", "run_a", "run_b", "change", "std_error", "std_error_low", "z", "flag", "method",
    ])
    func level(_ x: Double?) -> String { x.map(NumberFormat.level) ?? "" }
    func probability(_ x: Double?) -> String { x.map(NumberFormat.probability) ?? "" }
    for change in probabilities {
      table.append([
        "probability", change.target, change.year.map(String.init) ?? "", "probability", probability(change.before),
        probability(change.after), probability(change.change), probability(change.standardError),
        probability(change.standardErrorLow), change.z.map { String(format: "%.2f", $0) } ?? "", change.flag,
        change.change == nil ? "" : change.method.rawValue,
      ])
    }
    for change in levels {
      table.append([
        "level", change.series, String(change.year), change.statistic, level(change.before), level(change.after),
        level(change.change), "", "", "", "", "",
      ])
    }
    for difference in scenarioDifferences {
      table.append(["scenario", difference.key, "", "value", difference.before ?? "", difference.after ?? "", "", "", "", "", "", ""])
    }
    return table
  }

  /// A short summary for the terminal.
  public func summary() -> String {
    var lines = ["Compare \(labelA) → \(labelB)"]
    if scenarioDifferences.isEmpty {
      lines.append("  Scenario: no differences in the simulated settings")
    } else {
      lines.append("  Scenario differences:")
      for d in scenarioDifferences { lines.append("    \(d.key): \(d.before ?? "(absent)") → \(d.after ?? "(absent)")") }
    }
    lines.append("  Target probabilities:")
    for change in probabilities {
      let name = change.target + (change.meaning.map { " (\($0))" } ?? "")
      guard let d = change.change, let before = change.before, let after = change.after else {
        lines.append("    \(name): \(change.flag)")
        continue
      }
      var se = change.standardError.map { HumanFormat.points($0).replacingOccurrences(of: "+", with: "") } ?? "?"
      if change.method == .commonRandomNumbersBounded, let low = change.standardErrorLow {
        se = HumanFormat.points(low).replacingOccurrences(of: "+", with: "") + " to " + se
      }
      lines.append("    \(name): \(HumanFormat.percent(before)) → \(HumanFormat.percent(after)) (\(HumanFormat.points(d)), s.e. \(se))\(change.flag.isEmpty ? "" : " " + change.flag.uppercased())")
    }
    for note in notes { lines.append("  Note: \(note)") }
    return lines.joined(separator: "\n")
  }
}
