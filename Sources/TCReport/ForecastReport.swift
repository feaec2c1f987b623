import Foundation
import TCData
import TCForecast

/// The folder `targetcast forecast --report DIR` writes: a fan chart per series (history,
/// predictive median, 80% and 95% intervals), `report.md` and `report.html` with each series'
/// chart, its table by year and the model that made it, and `forecast.json`, which marks the
/// folder as a forecast report so a later report may replace it.
///
/// Charts and tables show the first requested method (the CSV holds every method's rows).
public struct ForecastReport: Sendable {
  /// The levels the charts draw: the inner and the outer band.
  public static let chartLevels: (inner: Double, outer: Double) = (80, 95)

  /// The series file, as named by the user.
  public var dataFile: String
  public var panel: SeriesPanel
  public var forecast: PanelForecast
  /// Backtest scores of the same methods, when asked for.
  public var backtest: BacktestResult?

  public init(dataFile: String, panel: SeriesPanel, forecast: PanelForecast, backtest: BacktestResult? = nil) {
    self.dataFile = dataFile
    self.panel = panel
    self.forecast = forecast
    self.backtest = backtest
  }

  /// `levels` with the chart levels added where missing (the charts need both).
  public static func levels(including levels: [Double]) -> [Double] {
    var out = levels
    for level in [chartLevels.inner, chartLevels.outer] where !out.contains(where: { abs($0 - level) < 1e-9 }) { out.append(level) }
    return out
  }

  /// The files to write: the charts, `report.md`, `report.html` and `forecast.json`.
  public func files() -> [(name: String, contents: String)] {
    let sections = self.sections()
    var files: [(name: String, contents: String)] = sections.compactMap { section in section.chart.map { (section.file, $0.svg()) } }
    let document = self.document(sections)
    files.append((RunOutputs.reportMarkdown.name, document.markdown()))
    files.append((RunOutputs.reportHTML.name, document.html()))
    files.append((RunOutputs.forecastReport.name, manifest()))
    return files
  }

  /// One series of the first method: its forecast, chart file name and chart (nil without the
  /// chart levels among the forecast's levels).
  struct Section {
    var series: Series
    var forecast: SeriesForecast
    var file: String
    var chart: FanChart?
  }

  func sections() -> [Section] {
    let levels = forecast.options.levels
    func index(_ level: Double) -> Int? { levels.firstIndex { abs($0 - level) < 1e-9 } }
    let inner = index(Self.chartLevels.inner), outer = index(Self.chartLevels.outer)
    return zip(panel.series, forecast.forecasts).map { series, f in
      var chart: FanChart?
      if let inner, let outer {
        let bands = f.years.indices.map { h in
          FanChart.Band(
            year: f.years[h], p05: f.lower[outer][h], p25: f.lower[inner][h], p50: f.median[h],
            p75: f.upper[inner][h], p95: f.upper[outer][h])
        }
        let history = series.values.enumerated().map { FanChart.Point(year: series.firstYear + $0.offset, value: $0.element) }
        chart = FanChart(
          title: series.name, history: history, bands: bands,
          subtitle: "Forecast by \(modelText(f)): predictive median, central 80% and 95% intervals",
          bandLabels: FanChart.BandLabels(inner: "80% interval", outer: "95% interval"))
      }
      return Section(series: series, forecast: f, file: RunReport.fanFile(series: series.name), chart: chart)
    }
  }

  /// The method as the report names it: what was asked for and, when it differs, the components
  /// this series' forecast used (what `auto` chose, or a combination less a member that failed).
  func modelText(_ f: SeriesForecast) -> String {
    f.components == f.model ? f.model : "\(f.model) (\(f.components))"
  }

  func document(_ sections: [Section]) -> ReportDocument {
    let options = forecast.options
    var doc = ReportDocument(title: "Forecast of \(URL(fileURLWithPath: dataFile).lastPathComponent)")
    let methods = options.methods.map(\.description).joined(separator: ", ")
    doc.blocks.append(.paragraph(
      "\(sections.count) series from \(dataFile), forecast \(options.horizon) year\(options.horizon == 1 ? "" : "s") ahead with \(methods). "
        + "The median is the point forecast; the intervals are central intervals of the same predictive distribution, "
        + "calibrated on the method's own past errors."
        + (options.methods.count > 1 ? " Charts and tables show \(options.methods[0]); the forecast CSV holds every method." : "")))

    doc.blocks.append(.heading(level: 2, text: "Model"))
    var why: [String] = []
    if let choice = forecast.choice { why.append(choice.description) }
    for method in options.methods where method != .auto { why.append("\(method): asked for with --model") }
    doc.blocks.append(.bullets(why))
    if !forecast.notes.isEmpty {
      doc.blocks.append(.heading(level: 2, text: "Notes"))
      doc.blocks.append(.bullets(forecast.notes))
    }
    if let backtest { doc.blocks += backtestBlocks(backtest) }

    for section in sections {
      let f = section.forecast
      doc.blocks.append(.heading(level: 2, text: section.series.name))
      doc.blocks.append(.paragraph(
        "Model: \(modelText(f)). History \(section.series.firstYear)–\(section.series.lastYear) (\(section.series.values.count) values), "
          + "last value \(HumanFormat.level(section.series.values.last ?? .nan))."))
      // What happened to this series in particular (a component left out, and why).
      let own = forecast.notes.filter { $0.hasPrefix("series '\(section.series.name)'") }
      if !own.isEmpty { doc.blocks.append(.bullets(own)) }
      if let chart = section.chart {
        doc.blocks.append(.figure(
          file: section.file, svg: chart.inlineSVG(),
          caption: "\(section.series.name): history, predictive median, 80% and 95% intervals"))
      }
      var header = ["Year", "Median", "Mean"]
      for level in options.levels { header += ["\(HumanFormat.label(level))% low", "\(HumanFormat.label(level))% high"] }
      let rows = f.years.indices.map { h -> [String] in
        var row = [String(f.years[h]), HumanFormat.level(f.median[h]), HumanFormat.level(f.mean[h])]
        for i in options.levels.indices { row += [HumanFormat.level(f.lower[i][h]), HumanFormat.level(f.upper[i][h])] }
        return row
      }
      doc.blocks.append(.table(header: header, rows: rows, numeric: [false] + Array(repeating: true, count: header.count - 1)))
    }
    return doc
  }

  /// The backtest's summary table: one row per method.
  func backtestBlocks(_ result: BacktestResult) -> [ReportDocument.Block] {
    let header = ["Model", "Forecasts", "sMAPE", "MASE"] + result.levels.map { "Coverage \(HumanFormat.label($0))%" } + ["MSIS", "CRPS"]
    let rows = result.summaries.map { model, s -> [String] in
      [model, HumanFormat.count(s.count), Self.score(s.smape), Self.score(s.mase)] + s.coverage.map(Self.score)
        + [Self.score(s.msis), Self.score(s.crps)]
    }
    let windows = result.options.useSplit ? "the file's train/test split" : "\(result.options.windows) rolling origin\(result.options.windows == 1 ? "" : "s")"
    return [
      .heading(level: 2, text: "Backtest"),
      .paragraph(
        "Each method forecast the file cut at \(windows), \(result.options.horizon) years ahead, and was scored on what followed "
          + "(lower sMAPE, MASE, MSIS and CRPS are better; coverage should be near its level)."),
      .table(header: header, rows: rows, numeric: [false] + Array(repeating: true, count: header.count - 1)),
    ]
  }

  /// The folder's marker: what the report was made from.
  func manifest() -> String {
    let options = forecast.options
    var object: [String: Any] = [
      "data": dataFile, "horizon": options.horizon, "models": options.methods.map(\.description), "levels": options.levels,
      "series": panel.series.map(\.name), "notes": forecast.notes,
    ]
    if let choice = forecast.choice { object["model_choice"] = choice.description }
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// A score with four significant digits.
  static func score(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "–" }
}
