import Foundation

/// What `targetcast backtest` was asked to do.
public struct BacktestRequest: Sendable, Equatable {
  public var dataPath: String
  public var columns: ColumnMapping
  public var readOptions: ReadOptions
  public var options: BacktestOptions
  public var perSeries: Bool
  /// Output CSV; `nil` writes nothing (the summary is printed either way).
  public var outputPath: String?

  public init(
    dataPath: String, columns: ColumnMapping = ColumnMapping(), readOptions: ReadOptions = ReadOptions(),
    options: BacktestOptions, perSeries: Bool = false, outputPath: String? = nil
  ) {
    self.dataPath = dataPath
    self.columns = columns
    self.readOptions = readOptions
    self.options = options
    self.perSeries = perSeries
    self.outputPath = outputPath
  }
}

/// Reads a panel, backtests it and writes the metrics table (atomically) when asked.
///
/// - Returns: the result, the CSV text (summary rows, then per-series rows on request) and
///   notes on how the file was read (detected encoding, layout, columns; short series left out).
public func runBacktest(_ request: BacktestRequest) throws(TargetCastError) -> (
  result: BacktestResult, csv: String, notes: [String]
) {
  let panel = try readPanel(request.dataPath, request.columns, request.readOptions)
  if let path = request.outputPath { try checkWritable(path) }
  let result: BacktestResult
  do { result = try Backtester.run(panel, request.options) } catch { throw .usage(error.description) }
  let csv = BacktestTable.csv(result, perSeries: request.perSeries)
  if let path = request.outputPath { try writeAtomically(csv, to: path) }
  return (result, csv, readingNotes(panel))
}

/// The backtest metrics as a CSV table and as a short text summary.
public enum BacktestTable {
  static func header(_ result: BacktestResult) -> [String] {
    var header = ["model", "series", "forecasts", "smape", "mase"]
    header += result.levels.map { "cov\(ForecastTable.label($0))" }
    header += ["msis", "crps"]
    for e in result.events { header += ["brier_\(e)", "brier_base_\(e)", "skill_\(e)"] }
    return header
  }

  static func row(model: String, series: String, _ s: ScoreSummary) -> [String] {
    var row = [model, series, String(s.count), number(s.smape), number(s.mase)]
    row += s.coverage.map(number)
    row += [number(s.msis), number(s.crps)]
    for k in s.brier.indices { row += [number(s.brier[k]), number(s.brierBase[k]), number(s.skill[k])] }
    return row
  }

  static func number(_ x: Double) -> String { String(format: "%.6g", x) }

  /// Summary rows (series `all`), then per-series rows when `perSeries`.
  public static func csv(_ result: BacktestResult, perSeries: Bool) -> String {
    var table = CSVTable(header: header(result))
    for (model, s) in result.summaries { table.append(row(model: model, series: "all", s)) }
    if perSeries {
      for (model, series, s) in result.perSeries { table.append(row(model: model, series: series, s)) }
    }
    return table.text()
  }

  /// A fixed-width summary table for the terminal.
  public static func summary(_ result: BacktestResult) -> String {
    let full = header(result)
    let keep = full.indices.filter { full[$0] != "series" && !full[$0].hasPrefix("brier_base") }
    var lines = [keep.map { full[$0] }.joined(separator: "  ")]
    for (model, s) in result.summaries {
      let cells = row(model: model, series: "all", s)
      lines.append(keep.map { cells[$0].padding(toLength: max(full[$0].count, cells[$0].count), withPad: " ", startingAt: 0) }
        .joined(separator: "  "))
    }
    return lines.joined(separator: "\n")
  }
}
