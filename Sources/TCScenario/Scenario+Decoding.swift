import Foundation
import TCRandom
import Yams

extension Scenario {
  /// Keys allowed at the top level of a scenario file.
  static let topLevelKeys = [
    "name", "title", "description", "units", "base_year", "horizon", "paths", "seed",
    "series", "correlation", "targets",
  ]
  static let seriesKeys = ["id", "label", "base", "growth", "growth_by_year", "note"]
  static let targetKeys = ["name", "series", "year", "by", "at_least", "note"]

  /// Reads and validates a scenario file.
  ///
  /// - Parameters:
  ///   - path: Path of a YAML scenario file.
  /// - Throws: `ScenarioError` naming the file, line, column and key of the first problem.
  public static func load(path: String) throws(ScenarioError) -> Scenario {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ScenarioError(file: path, message: "scenario file not found")
    }
    guard !isDirectory.boolValue else {
      throw ScenarioError(file: path, message: "expected a YAML scenario file, found a directory")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ScenarioError(file: path, message: "cannot read the file (\(error.localizedDescription))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScenarioError(file: path, message: "the file is not valid UTF-8 text")
    }
    let defaultName = url.deletingPathExtension().lastPathComponent
    return try parse(yaml: text, file: path, defaultName: defaultName)
  }

  /// Parses and validates scenario YAML text.
  ///
  /// - Parameters:
  ///   - yaml: The scenario text.
  ///   - file: Name used in error messages.
  ///   - defaultName: Scenario name when the text has no `name` key.
  public static func parse(yaml: String, file: String? = nil, defaultName: String = "scenario") throws(ScenarioError) -> Scenario {
    let root = try composeYAML(yaml, file: file)
    var scenario = try decode(YAMLCursor(node: root, path: "", file: file), defaultName: defaultName)
    scenario.sourceFile = file
    try scenario.validate()
    return scenario
  }

  static func composeYAML(_ text: String, file: String?) throws(ScenarioError) -> Node {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw scenarioError(from: error, file: file)
    } catch {
      throw ScenarioError(file: file, message: "YAML syntax error: \(error)")
    }
    guard let node else { throw ScenarioError(file: file, message: "the scenario file is empty") }
    return node
  }

  static func scenarioError(from error: YamlError, file: String?) -> ScenarioError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "YAML syntax error: \(problem)"
      if let context { message += " (\(context.text) at line \(context.mark.line))" }
      return ScenarioError(file: file, line: mark.line, column: mark.column, message: message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return ScenarioError(
        file: file, line: context.mark.line, column: context.mark.column,
        message: "duplicate key(s) \(duplicates.joined(separator: ", ")) in one mapping")
    case .reader(let problem, _, _, _):
      return ScenarioError(file: file, message: "cannot read the YAML text: \(problem)")
    default:
      return ScenarioError(file: file, message: "YAML error: \(error)")
    }
  }

  static func decode(_ root: YAMLCursor, defaultName: String) throws(ScenarioError) -> Scenario {
    let top = try root.mapping(allowed: topLevelKeys)
    let name = try top["name"]?.string() ?? defaultName
    let baseCursor = try top.required("base_year")
    let baseYear = try baseCursor.int()
    guard (1000...9999).contains(baseYear) else { throw baseCursor.error("expected a four-digit calendar year, found \(baseYear)") }
    let horizonCursor = try top.required("horizon")
    let horizonYear = try horizonCursor.int()
    guard horizonYear > baseYear, horizonYear - baseYear <= maximumHorizon else {
      throw horizonCursor.error("expected the last simulated year, after base_year \(baseYear) and at most \(maximumHorizon) years later, found \(horizonYear)")
    }
    let years = (baseYear + 1)...horizonYear
    var paths = 100_000
    if let cursor = top["paths"] {
      paths = try cursor.int()
      guard (1...maximumPaths).contains(paths) else { throw cursor.error("expected a number of paths from 1 to \(maximumPaths), found \(paths)") }
    }
    let seed = try top["seed"]?.uint64() ?? 1

    var series: [SeriesSpec] = []
    let seriesList = try top.required("series").sequence()
    guard !seriesList.isEmpty else { throw try top.required("series").error("expected at least one series") }
    for item in seriesList {
      let spec = try decodeSeries(item, years: years)
      if series.contains(where: { $0.id == spec.id }) {
        throw item.error("duplicate series id '\(spec.id)'; each series needs its own id")
      }
      series.append(spec)
    }
    var targets: [TargetSpec] = []
    if let list = top["targets"] {
      for item in try list.sequence() {
        let target = try decodeTarget(item, series: series.map(\.id), years: years)
        if targets.contains(where: { $0.name == target.name }) {
          throw item.error("duplicate target name '\(target.name)'")
        }
        targets.append(target)
      }
    }
    var correlation: [[Double]]?
    if let cursor = top["correlation"] {
      correlation = try decodeCorrelation(cursor, count: series.count)
    }

    return Scenario(
      name: name, title: try top["title"]?.string(), units: try top["units"]?.string(),
      baseYear: baseYear, horizonYear: horizonYear, paths: paths, seed: seed,
      series: series, correlation: correlation, targets: targets)
  }

  /// Longest simulation horizon accepted, in years.
  public static let maximumHorizon = 200
  /// Largest path count accepted in a file or on the command line.
  public static let maximumPaths = 1_000_000_000

  static func decodeSeries(_ cursor: YAMLCursor, years: ClosedRange<Int>) throws(ScenarioError) -> SeriesSpec {
    let map = try cursor.mapping(allowed: seriesKeys)
    let idCursor = try map.required("id")
    let id = try idCursor.string()
    guard !id.isEmpty, !id.contains(","), !id.contains("\n") else {
      throw idCursor.error("expected a non-empty id without commas or line breaks, found '\(id)'")
    }
    let label = try map["label"]?.string()
    let baseCursor = try map.required("base")
    let base = try baseCursor.double()
    guard base > 0 else { throw baseCursor.error("expected a positive base-year level, found \(base)") }
    let growth = try decodeGrowth(try map.required("growth"))
    var byYear: [Int: GrowthAssumption] = [:]
    if let cursor = map["growth_by_year"] {
      for (key, value) in try cursor.anyMapping() {
        guard let year = Int(key), years.contains(year) else {
          throw value.error("expected a simulated year \(years.lowerBound)–\(years.upperBound) as the key, found '\(key)'")
        }
        byYear[year] = try decodeGrowth(value)
      }
    }
    return SeriesSpec(id: id, label: label, base: base, growth: growth, growthByYear: byYear)
  }

  /// Distribution names accepted under `growth.distribution`, with the keys each takes.
  static let growthDistributions: [String: [String]] = [
    "lognormal": ["mean", "sd"],
    "normal": ["mean", "sd"],
    "student_t": ["df", "mean", "scale"],
    "triangular": ["min", "mode", "max"],
    "pert": ["min", "mode", "max", "lambda"],
    "uniform": ["min", "max"],
    "fixed": ["value"],
  ]

  static func decodeGrowth(_ cursor: YAMLCursor) throws(ScenarioError) -> GrowthAssumption {
    if cursor.isScalar { return .fixed(try cursor.double()) }
    let names = growthDistributions.keys.sorted()
    let loose = try cursor.mapping(allowed: ["distribution", "mean", "sd", "df", "scale", "min", "mode", "max", "lambda", "value", "note"])
    let kindCursor = try loose.required("distribution")
    let kind = try kindCursor.string()
    guard let keys = growthDistributions[kind] else {
      var message = "unknown distribution '\(kind)'"
      if let suggestion = closestMatch(to: kind, in: names) { message += "; did you mean '\(suggestion)'?" }
      throw kindCursor.error(message + " (expected one of: \(names.joined(separator: ", ")))")
    }
    let map = try cursor.mapping(allowed: ["distribution", "note"] + keys)
    func number(_ key: String) throws(ScenarioError) -> Double { try map.required(key).double() }

    let assumption: GrowthAssumption
    switch kind {
    case "lognormal":
      let mean = try number("mean"), sd = try number("sd")
      if sd < 0 { throw try map.required("sd").error("expected a standard deviation ≥ 0, found \(sd)") }
      if mean <= -1 { throw try map.required("mean").error("expected a mean growth rate above −1 (−100%), found \(mean)") }
      assumption = sd == 0 ? .fixed(mean) : .lognormal(mean: mean, sd: sd)
    case "normal":
      let mean = try number("mean"), sd = try number("sd")
      if sd < 0 { throw try map.required("sd").error("expected a standard deviation ≥ 0, found \(sd)") }
      assumption = sd == 0 ? .fixed(mean) : .rate(.normal(mean: mean, sd: sd))
    case "student_t":
      assumption = .rate(.studentT(df: try number("df"), location: try number("mean"), scale: try number("scale")))
    case "triangular":
      assumption = .rate(.triangular(min: try number("min"), mode: try number("mode"), max: try number("max")))
    case "pert":
      assumption = .rate(.pert(min: try number("min"), mode: try number("mode"), max: try number("max"), lambda: try map["lambda"]?.double() ?? 4))
    case "uniform":
      assumption = .rate(.uniform(min: try number("min"), max: try number("max")))
    default:
      assumption = .fixed(try number("value"))
    }
    if case .rate(let distribution) = assumption {
      do {
        try distribution.validate()
      } catch {
        let key = map[error.parameter] ?? cursor
        throw key.error("invalid \(kind) growth: \(error.message)")
      }
    }
    return assumption
  }

  static func decodeTarget(_ cursor: YAMLCursor, series ids: [String], years: ClosedRange<Int>) throws(ScenarioError) -> TargetSpec {
    let map = try cursor.mapping(allowed: targetKeys)
    let seriesCursor = try map.required("series")
    let series = try seriesCursor.string()
    guard ids.contains(series) else {
      var message = "unknown series '\(series)'"
      if let suggestion = closestMatch(to: series, in: ids) { message += "; did you mean '\(suggestion)'?" }
      throw seriesCursor.error(message + " (series in this scenario: \(ids.joined(separator: ", ")))")
    }
    let thresholdCursor = try map.required("at_least")
    let threshold = try thresholdCursor.double()
    guard threshold > 0 else { throw thresholdCursor.error("expected a positive threshold, found \(threshold)") }
    func checkedYear(_ cursor: YAMLCursor) throws(ScenarioError) -> Int {
      let year = try cursor.int()
      guard years.contains(year) else {
        throw cursor.error("target year \(year) is outside the simulated years \(years.lowerBound)–\(years.upperBound) (base_year + 1 … horizon)")
      }
      return year
    }
    let year: Int
    let timing: TargetSpec.Timing
    switch (map["year"], map["by"]) {
    case (let y?, nil): year = try checkedYear(y); timing = .inYear
    case (nil, let b?): year = try checkedYear(b); timing = .byYear
    case (_?, _?): throw cursor.error("give either 'year' (level in that year) or 'by' (at any year up to it), not both")
    case (nil, nil): throw cursor.error("missing 'year' (level in that year) or 'by' (at any year up to it)")
    }
    let name = try map["name"]?.string() ?? "\(series) ≥ \(formatNumber(threshold)) \(timing == .inYear ? "in" : "by") \(year)"
    return TargetSpec(name: name, series: series, year: year, threshold: threshold, timing: timing)
  }
}

extension Scenario {
  static func decodeCorrelation(_ cursor: YAMLCursor, count: Int) throws(ScenarioError) -> [[Double]] {
    let rows = try cursor.sequence()
    guard rows.count == count else {
      throw cursor.error("expected a \(count)×\(count) matrix (one row per series, in series order), found \(rows.count) rows")
    }
    var matrix: [[Double]] = []
    for row in rows {
      let entries = try row.sequence()
      guard entries.count == count else {
        throw row.error("expected \(count) entries in this row (one per series), found \(entries.count)")
      }
      var values: [Double] = []
      for entry in entries {
        let value = try entry.double()
        guard (-1...1).contains(value) else { throw entry.error("expected a correlation in [−1, 1], found \(value)") }
        values.append(value)
      }
      matrix.append(values)
    }
    for i in 0..<count {
      guard matrix[i][i] == 1 else {
        throw rows[i].error("expected 1 on the diagonal (a series is perfectly correlated with itself), found \(matrix[i][i]) in row \(i + 1)")
      }
      for j in 0..<i where abs(matrix[i][j] - matrix[j][i]) > 1e-12 {
        throw rows[i].error("expected a symmetric matrix: entry (\(i + 1),\(j + 1)) = \(matrix[i][j]) but (\(j + 1),\(i + 1)) = \(matrix[j][i])")
      }
    }
    return matrix
  }
}

/// Shortest decimal text for a number (`1000`, not `1000.0`).
func formatNumber(_ x: Double) -> String {
  if x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
  return "\(x)"
}
