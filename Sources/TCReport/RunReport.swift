import Foundation
import TCEngine
import TCScenario

/// The charts and the one-page report of a run: a fan chart per series and aggregate, tornado charts when the
/// run has sensitivity results, and `report.md` / `report.html` with the key tables.
public struct RunReport: Sendable {
  public var result: SimulationResult
  /// Tornado charts, one per output analysed (empty until the engine provides sensitivity).
  public var tornadoCharts: [TornadoChart]
  /// SHA-256 of the scenario file, shown in the run details.
  public var scenarioSHA256: String?

  public init(result: SimulationResult, tornadoCharts: [TornadoChart] = [], scenarioSHA256: String? = nil) {
    self.result = result
    self.tornadoCharts = tornadoCharts
    self.scenarioSHA256 = scenarioSHA256
  }

  /// The files to write: the SVG charts, `report.md` and `report.html`.
  public func files() -> [(name: String, contents: String)] {
    let fans = fanCharts()
    var files: [(name: String, contents: String)] = fans.map { ($0.file, $0.chart.svg()) }
    for (index, chart) in tornadoCharts.enumerated() { files.append((RunReport.tornadoFile(index), chart.svg())) }
    let document = self.document(fans: fans)
    files.append((RunOutputs.reportMarkdown.name, document.markdown()))
    files.append((RunOutputs.reportHTML.name, document.html()))
    return files
  }

  func fanCharts() -> [(file: String, chart: FanChart)] {
    FanChart.charts(for: result).map { (RunReport.fanFile(series: $0.series), $0.chart) }
  }

  /// `fan-<series>.svg`, with characters that are awkward in file names or links replaced.
  public static func fanFile(series: String) -> String { "fan-\(safeFileName(series)).svg" }

  /// Fails when two series would write the same chart file (ids that differ only in characters
  /// a file name cannot hold, such as `a b`, `a_b` and `a/b`), naming both.
  public static func checkFileNames(_ scenario: Scenario) throws(ScenarioError) {
    var owners: [String: String] = [:]
    let keys = scenario.series.indices.map { "series[\($0)].id" } + scenario.aggregates.indices.map { "aggregates[\($0)].id" }
    for (quantity, key) in zip(scenario.quantities, keys) {
      let file = fanFile(series: quantity.id)
      if let other = owners[file] {
        throw ScenarioError(
          file: scenario.sourceFile, key: key,
          message: "'\(quantity.id)' and '\(other)' would both write \(file); give them ids that differ in letters or digits")
      }
      owners[file] = quantity.id
    }
  }

  static func tornadoFile(_ index: Int) -> String { index == 0 ? RunOutputs.tornado.name : "tornado-\(index + 1).svg" }

  /// Keeps letters (any script), digits, `-`, `_` and `.`; everything else becomes `_`.
  static func safeFileName(_ text: String) -> String {
    String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
  }

  /// The report's content, shared by the Markdown and HTML renderings.
  public func document() -> ReportDocument { document(fans: fanCharts()) }

  func document(fans: [(file: String, chart: FanChart)]) -> ReportDocument {
    let scenario = result.scenario
    var doc = ReportDocument(title: scenario.title ?? scenario.name)
    let answers = RunReport.answerLines(result)
    if !answers.isEmpty {
      // The question answered first: what a planner reads before anything else.
      doc.blocks.append(.heading(level: 2, text: "Answer"))
      doc.blocks.append(.bullets(answers))
    }
    doc.blocks.append(.paragraph(
      "Scenario \(scenario.name): \(scenario.series.count) series from \(scenario.baseYear) (last known year) to \(scenario.horizonYear), "
        + "\(HumanFormat.count(result.paths)) simulated paths, seed \(scenario.seed)\(scenario.units.map { ", values in \($0)" } ?? "")"
        + (scenario.series.contains { $0.units != nil } ? " (a series that states its own unit is in that unit)." : ".")))
    if let description = scenario.description { doc.blocks.append(.paragraph(description)) }
    if !result.warnings.isEmpty {
      // Before the numbers: a likely unit mistake changes every one of them.
      doc.blocks.append(.heading(level: 2, text: "Warnings"))
      doc.blocks.append(.bullets(result.warnings))
    }

    if !result.targets.isEmpty {
      doc.blocks.append(.heading(level: 2, text: "Targets"))
      let rows = result.targets.enumerated().map { index, target -> [String] in
        let t = target.target
        let interval = target.reportedInterval
        return [
          String(index + 1), t.name, t.meaning(in: scenario),
          HumanFormat.percent(target.reportedProbability),
          "± " + HumanFormat.points(target.reportedStandardError).replacingOccurrences(of: "+", with: ""),
          "\(HumanFormat.percent(interval.low)) – \(HumanFormat.percent(interval.high))",
          RunReport.growthNeeded(target, scenario: scenario),
        ]
      }
      doc.blocks.append(.table(
        header: ["#", "Target", "Meaning", "Probability", "MC error", "95% interval", "Growth needed"],
        rows: rows, numeric: [true, false, false, true, true, true, true]))
      let estimator = scenario.varianceReduction == .none
        ? "Probability is the share of simulated paths that meet the target under the scenario's assumptions. "
          + "MC error is the Monte Carlo standard error of that share (more paths make it smaller); the 95% interval is Wilson's. "
        : "Probability is the chance that the target is met under the scenario's assumptions, estimated with variance reduction (\(scenario.varianceReduction.rawValue)) from the simulated paths. "
          + "MC error is the Monte Carlo standard error of that estimate (more paths make it smaller); the 95% interval is the estimate ± 1.96 MC errors. "
      doc.blocks.append(.paragraph(
        estimator
          + "Growth needed is the constant annual growth rate that takes the level of the year it counts from exactly to the target."))
    }

    let composites = result.targets.filter { !$0.memberCounts.isEmpty }
    if !composites.isEmpty {
      doc.blocks.append(.heading(level: 2, text: "How many are met"))
      for target in composites {
        let members = target.memberCounts[0].count - 1
        let h = target.memberCounts.count - 1
        let rows = (0...h).map { t -> [String] in
          let year = t == h ? "met in \(target.target.year)" : String(scenario.baseYear + 1 + t)
          return [year] + (1...members).map { c in HumanFormat.percent(TargetResult.atLeast(c, in: target.memberCounts[t])) }
        }
        doc.blocks.append(.paragraph("\(target.target.name): P(at least c of the \(members) targets reached by each year)."))
        doc.blocks.append(.table(
          header: ["Year"] + (1...members).map { "≥ \($0)" }, rows: rows, numeric: Array(repeating: true, count: members + 1)))
      }
      doc.blocks.append(.paragraph(
        "A target is reached by a year when its condition has held in some year up to then; the last row counts the targets met as they are stated (in or by their own years). Details in \(RunOutputs.memberCounts.name)."))
    }

    let timed = result.targets.filter { $0.target.timing == .byYear && $0.target.composite == nil }
    if !timed.isEmpty {
      doc.blocks.append(.heading(level: 2, text: "When targets are first reached"))
      let years = Array(scenario.simulatedYears)
      let rows = timed.map { target -> [String] in
        [target.target.name] + target.reachedBy.map(HumanFormat.percent)
          + [target.medianYear.map(String.init) ?? "after \(scenario.horizonYear)"]
      }
      doc.blocks.append(.table(
        header: ["Target"] + years.map(String.init) + ["Median year"], rows: rows,
        numeric: [false] + Array(repeating: true, count: years.count + 1)))
      doc.blocks.append(.paragraph(
        "Share of paths on which the target has been reached by each year (its condition held in some year up to then); the median year is the year by which half the paths have reached it. Details in \(RunOutputs.timeToTarget.name)."))
    }

    let ytdLines = RunTables.yearToDateLines(scenario)
    if !ytdLines.isEmpty {
      doc.blocks.append(.heading(level: 2, text: "Year-to-date check"))
      doc.blocks.append(.bullets(ytdLines))
      doc.blocks.append(.paragraph(
        "The full year is the year-to-date figure divided by the share of the year done by then, with that share drawn from earlier years (or the run-rate with a stated spread); details in \(RunOutputs.yearToDateCheck.name)."))
    }

    let quantile = QuantileColumns(result.quantileLevels)
    for quantity in scenario.quantities {
      let summaries = result.levels.filter { $0.series == quantity.id }
      guard !summaries.isEmpty else { continue }
      doc.blocks.append(.heading(level: 2, text: quantity.label))
      let base = "\(HumanFormat.level(quantity.base, units: quantity.units)) in \(scenario.baseYear)"
      if let fan = fans.first(where: { $0.file == RunReport.fanFile(series: quantity.id) }) {
        doc.blocks.append(.figure(
          file: fan.file, svg: fan.chart.inlineSVG(),
          caption: "\(quantity.label): \(base); dark band: middle 50% of paths, light band: middle 90%; line: median; red: targets."))
      }
      let rows = summaries.map { summary in
        [String(summary.year)] + quantile.indices.map { HumanFormat.level(summary.quantiles[$0]) } + [HumanFormat.level(summary.moments.mean)]
      }
      doc.blocks.append(.table(
        header: ["Year"] + quantile.names + ["Mean"], rows: rows, numeric: Array(repeating: true, count: quantile.names.count + 2)))
      let levels = "Levels\(quantity.units.map { " in \($0)" } ?? "") across paths. "
      if quantity.isAggregate {
        let labels = quantity.members.map { id in scenario.series.first { $0.id == id }?.label ?? id }
        doc.blocks.append(.paragraph(levels + "The total of \(labels.joined(separator: ", ")) on each path (\(base)), so its spread reflects the members' correlation."))
      } else if let spec = scenario.series.first(where: { $0.id == quantity.id }) {
        doc.blocks.append(.paragraph(
          levels + "Growth assumption: \(RunReport.describe(spec.growth)) each year"
            + (spec.growthByYear.isEmpty ? "" : ", except " + spec.growthByYear.keys.sorted().map { "\($0): \(RunReport.describe(spec.growthByYear[$0]!))" }.joined(separator: "; "))
            + "." + (spec.note.map { " Note: \($0)" } ?? "")))
      }
    }

    doc.blocks.append(.heading(level: 2, text: "What drives the risk"))
    if tornadoCharts.isEmpty {
      doc.blocks.append(.paragraph("This run has no sensitivity analysis, so there is no tornado chart."))
    } else {
      doc.blocks.append(.paragraph(
        "Each bar is the target's probability among this run's own paths where the input (a series' growth over the horizon, a year-to-date base, an event) was in its lowest and in its highest tenth (for an event: absent and occurring), so inputs keep their correlations; \(RunOutputs.sensitivity.name) adds the first-order index, the share of the target's variance the input explains alone."))
      for (index, chart) in tornadoCharts.enumerated() {
        doc.blocks.append(.figure(
          file: RunReport.tornadoFile(index), svg: chart.inlineSVG(),
          caption: "\(chart.metric): the widest bar is the input whose uncertainty matters most."))
      }
    }

    doc.blocks.append(.heading(level: 2, text: "Run"))
    var facts = [
      // No thread count or timings here: they would make the report differ between runs that
      // produced identical numbers. run.json records them.
      "TargetCast \(versionText), \(HumanFormat.count(result.paths)) paths in blocks of \(result.blockSize).",
      "Seed \(scenario.seed): the same scenario and seed give byte-identical numbers on any number of threads.",
    ]
    if let file = scenario.sourceFile { facts.append("Scenario file: \(file)") }
    if let scenarioSHA256 { facts.append("Scenario SHA-256: \(scenarioSHA256)") }
    facts.append("Plan SHA-256 (the scenario as simulated, after variant and --set): \(scenario.planSHA256)")
    let tables = RunOutputs.tables.filter { $0.name != RunOutputs.yearToDateCheck.name || RunTables.yearToDateCheck(scenario) != nil }
    facts.append("Tables: " + tables.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") + "; \(RunOutputs.manifest.name): \(RunOutputs.manifest.summary).")
    doc.blocks.append(.bullets(facts))
    return doc
  }

  /// The report's "Growth needed" cell: the constant growth that lands exactly on the target
  /// (at most that for an `at_most` target), "–" for a k-of-n target.
  static func growthNeeded(_ target: TargetResult, scenario: Scenario) -> String {
    guard target.requiredCAGR.isFinite else { return "–" }
    let rate = HumanFormat.rate(target.requiredCAGR) + " a year from \(target.target.growthStartYear(in: scenario))"
    return target.target.comparison == .atMost ? "at most " + rate : rate
  }

  /// A growth assumption in words, e.g. `lognormal growth, mean 20.0%, sd 8.0 points`.
  static func describe(_ growth: GrowthAssumption) -> String {
    switch growth {
    case .lognormal(let mean, let sd):
      return "growth rate with mean \(HumanFormat.rate(mean)) and standard deviation \(HumanFormat.level(sd * 100)) points (1 + rate lognormal)"
    case .rate(.normal(let mean, let sd)):
      return "growth rate normal with mean \(HumanFormat.rate(mean)) and standard deviation \(HumanFormat.level(sd * 100)) points"
    case .fixed(let rate):
      return "fixed growth of \(HumanFormat.rate(rate))"
    case .logNormalGrowth(let mu, let sigma):
      return "log-growth normal with mean \(HumanFormat.level(mu)) and standard deviation \(HumanFormat.level(sigma))"
    case .rate:
      return "growth rate " + ScenarioKeys.describe(growth)
    }
  }

  /// Set by the façade (TCReport does not know the tool version).
  public var versionText = ""
}

/// The quantile columns a report shows (5%, 25%, median, 75%, 95% when present).
struct QuantileColumns {
  var indices: [Int] = []
  var names: [String] = []

  init(_ levels: [Double]) {
    for (level, name) in [(0.05, "5%"), (0.25, "25%"), (0.5, "Median"), (0.75, "75%"), (0.95, "95%")] {
      if let index = levels.firstIndex(where: { abs($0 - level) < 1e-9 }) {
        indices.append(index)
        names.append(name)
      }
    }
  }
}
