import TCEngine

/// One kind of file a run writes: its name, what it holds, and (for tables) how it is made.
public struct RunOutput: Sendable {
  /// The file name, or its pattern (`fan-<series>.svg`).
  public let name: String
  /// What it holds, in a few words (the report and help texts list these).
  public let summary: String
  /// Builds the table from a run; nil for files that are not tables or when the run has none
  /// (ytd_check.csv without year-to-date figures).
  let table: (@Sendable (SimulationResult) -> CSVTable?)?

  init(_ name: String, _ summary: String, table: (@Sendable (SimulationResult) -> CSVTable?)? = nil) {
    self.name = name
    self.summary = summary
    self.table = table
  }
}

/// Every file a run, a merge or a set of variants writes, once. The writers, `merge`,
/// `compare`, the output-folder check and the report's list of tables read the names here.
///
/// Adding an output is its writer plus one entry below (and, for a table, in ``tables``).
public enum RunOutputs {
  public static let forecast = RunOutput("forecast.csv", "quantiles per series and year") { RunTables.forecast($0) }
  public static let targets = RunOutput("targets.csv", "each target's kind, probability, Monte Carlo error and interval") { RunTables.targets($0) }
  public static let timeToTarget = RunOutput("time_to_target.csv", "P(reached by each year), median year reached") { RunTables.timeToTarget($0) }
  public static let requiredGrowth = RunOutput("required_growth.csv", "growth a target needs, and the shift for P = 0.5, 0.8, 0.9") {
    RunTables.requiredGrowth($0)
  }
  public static let memberCounts = RunOutput("member_counts.csv", "k-of-n targets: how many members are reached by each year") {
    RunTables.memberCounts($0)
  }
  public static let sensitivity = RunOutput("sensitivity.csv", "each target's probability with each input in its lowest and highest tenth, and the input's first-order index") { RunTables.sensitivity($0) }
  public static let yearToDateCheck = RunOutput("ytd_check.csv", "year-to-date figures and the full year they imply") {
    RunTables.yearToDateCheck($0.scenario)
  }
  public static let fanChart = RunOutput("fan-<series>.svg", "fan chart per series")
  public static let tornado = RunOutput("tornado.svg", "tornado chart per target (tornado-2.svg, …)")
  public static let reportMarkdown = RunOutput("report.md", "the one-page report")
  public static let reportHTML = RunOutput("report.html", "the one-page report with its charts")
  public static let manifest = RunOutput("run.json", "the resolved plan, its hash, version, build, threads and timings")
  public static let jointTargets = RunOutput("joint_targets.csv", "paths meeting each target in two variants (for compare)")
  public static let forecastReport = RunOutput(
    "forecast.json", "what a forecast report (targetcast forecast --report) was made from: data file, models, levels, model choice")
  public static let shard = RunOutput(
    "shard-<i>-of-<n>.json", "one shard's mergeable state and plan (shard-<i>-<j>-of-<n>.json: shards i…j merged with merge --partial)")

  /// The tables of a run, in the order they are written.
  public static let tables = [forecast, targets, timeToTarget, requiredGrowth, memberCounts, sensitivity, yearToDateCheck]

  /// The table files of `result` (name and CSV text).
  public static func tableFiles(_ result: SimulationResult, byteOrderMark: Bool) -> [(name: String, contents: String)] {
    tables.compactMap { output in output.table?(result).map { (output.name, $0.text(byteOrderMark: byteOrderMark)) } }
  }

  /// The file name of shard `index` of `count`.
  public static func shardFile(_ index: Int, of count: Int) -> String { "shard-\(index)-of-\(count).json" }

  /// The file name of a partial merge of the shards `first`…`last` (all of them, or `covered` of
  /// them when the range has gaps) of `count`: `shard-1-250-of-1000.json`.
  public static func partialShardFile(first: Int, last: Int, covered: Int, of count: Int) -> String {
    let gaps = covered == last - first + 1 ? "" : "-\(covered)-shards"
    return first == last ? shardFile(first, of: count) : "shard-\(first)-\(last)\(gaps)-of-\(count).json"
  }

  /// Whether `name` is a shard file name.
  public static func isShardFile(_ name: String) -> Bool { name.hasPrefix("shard-") && name.hasSuffix(".json") }
}
