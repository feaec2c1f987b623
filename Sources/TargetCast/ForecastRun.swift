@_exported import TCData
@_exported import TCForecast
import Foundation

/// What `targetcast forecast` was asked to do.
public struct ForecastRequest: Sendable, Equatable {
  public var dataPath: String
  public var columns: ColumnMapping
  public var readOptions: ReadOptions
  public var options: ForecastOptions
  /// Output file; `nil` prints the table to standard output.
  public var outputPath: String?
  public var byteOrderMark: Bool
  /// Folder for the fan charts and `report.md` / `report.html` (see `ForecastReport`); the
  /// forecast gets the levels 80 and 95 if they were not asked for.
  public var reportDirectory: String?
  /// CSV file for the in-sample one-step-ahead fitted values and residuals.
  public var fittedPath: String?
  /// A backtest of the same methods whose scores the report shows (needs `reportDirectory`).
  public var backtest: BacktestOptions?

  public init(
    dataPath: String, columns: ColumnMapping = ColumnMapping(), readOptions: ReadOptions = ReadOptions(),
    options: ForecastOptions, outputPath: String? = nil, byteOrderMark: Bool = false,
    reportDirectory: String? = nil, fittedPath: String? = nil, backtest: BacktestOptions? = nil
  ) {
    self.backtest = backtest
    self.dataPath = dataPath
    self.columns = columns
    self.readOptions = readOptions
    self.options = options
    self.outputPath = outputPath
    self.byteOrderMark = byteOrderMark
    self.reportDirectory = reportDirectory
    self.fittedPath = fittedPath
  }
}

/// Reads a panel, forecasts it, and writes the long CSV (atomically) when an output path is
/// given, the report folder (replaced as a set) and the fitted values when asked.
///
/// Nothing is written unless the file and options are valid, every output place is usable and
/// every forecast succeeded.
/// - Returns: the forecast and the CSV text.
public func runForecast(_ request: ForecastRequest) throws(TargetCastError) -> (forecast: PanelForecast, csv: String) {
  var options = request.options
  if request.reportDirectory != nil { options.levels = ForecastReport.levels(including: options.levels) }
  do { try options.validate() } catch { throw .usage(error.description) }
  let panel = try readPanel(request.dataPath, request.columns, request.readOptions)
  if let path = request.outputPath { try checkWritable(path) }
  if let path = request.fittedPath { try checkWritable(path) }
  let report = request.reportDirectory.map { OutputDirectory(path: $0) }
  if let report { do { try report.checkReplaceable() } catch { throw .output(error) } }
  var forecast: PanelForecast
  do { forecast = try PanelForecaster.forecast(panel, options) } catch { throw .usage(error.description) }
  forecast.notes = readingNotes(panel) + forecast.notes
  let csv = ForecastTable.text(forecast, byteOrderMark: request.byteOrderMark)
  // The folder first: its file names are checked before anything at all is written.
  if let report {
    var scores: BacktestResult?
    if let backtest = request.backtest {
      do { scores = try Backtester.run(panel, backtest) } catch { throw .usage(error.description) }
    }
    let files = ForecastReport(dataFile: request.dataPath, panel: panel, forecast: forecast, backtest: scores).files()
    do { try report.replaceContents(with: files) } catch { throw .output(error) }
  }
  if let path = request.outputPath { try writeAtomically(csv, to: path) }
  if let path = request.fittedPath {
    try writeAtomically(FittedTable.text(forecast, byteOrderMark: request.byteOrderMark), to: path)
  }
  return (forecast, csv)
}

/// The in-sample fitted values of the first method: `series, year, fitted, residual`, one row
/// per year that has a one-step-ahead forecast (residual = value − fitted).
public enum FittedTable {
  public static func text(_ forecast: PanelForecast, byteOrderMark: Bool = false) -> String {
    var out = (byteOrderMark ? "\u{FEFF}" : "") + "series,year,fitted,residual\n"
    let count = forecast.forecasts.count / max(1, forecast.options.methods.count)
    for f in forecast.forecasts.prefix(count) {
      let prefix = CSVTable.escape(f.series) + ","
      for row in f.fitted {
        out += prefix + String(row.year) + "," + ForecastTable.number(row.fitted) + "," + ForecastTable.number(row.residual) + "\n"
      }
    }
    return out
  }
}

/// The long forecast table: `series, year, model, components, median, mean, lo-80, hi-80, …,
/// q0.05, …, p_ge_2x, …`, every column read from one predictive distribution per series and year
/// (`median` is the point forecast; `mean` the distribution's mean; `model` the method asked for,
/// `components` what this series' forecast is the mean of).
public enum ForecastTable {
  /// The table as CSV text (RFC 4180 quoting of series names, `\n` line ends, UTF-8).
  ///
  /// Built by appending to one string rather than through `CSVTable`: a panel of a few hundred
  /// series gives tens of thousands of numbers, and the per-field work showed in the run time.
  public static func text(_ forecast: PanelForecast, byteOrderMark: Bool = false) -> String {
    let options = forecast.options
    var header = ["series", "year", "model", "components", "median", "mean"]
    for level in options.levels { header += ["lo-\(label(level))", "hi-\(label(level))"] }
    header += options.quantiles.map(quantileColumn)
    header += options.growthTargets.map { "p_ge_\(label($0))x" }
    var out = byteOrderMark ? "\u{FEFF}" : ""
    out.reserveCapacity(forecast.forecasts.count * options.horizon * 12 * header.count)
    out += header.joined(separator: ",") + "\n"
    for f in forecast.forecasts {
      let prefix = CSVTable.escape(f.series) + ","
      for h in f.years.indices {
        out += prefix
        out += String(f.years[h]); out += ","
        out += CSVTable.escape(f.model); out += ","
        out += f.components; out += ","
        out += number(f.median[h]); out += ","
        out += number(f.mean[h])
        for i in options.levels.indices {
          out += ","; out += number(f.lower[i][h])
          out += ","; out += number(f.upper[i][h])
        }
        for q in f.quantiles { out += ","; out += number(q[h]) }
        for p in f.growth { out += ","; out += probability(p[h]) }
        out += "\n"
      }
    }
    return out
  }

  /// Shortest text that reads back as the same Double (much faster than `String(format:)`,
  /// which dominated the run time of a large panel).
  static func number(_ x: Double) -> String { x == 0 ? "0" : x.description }

  /// A probability rounded to 6 decimals.
  static func probability(_ p: Double) -> String { number((p * 1e6).rounded() / 1e6) }

  /// `80` for 80.0, `97.5` for 97.5.
  static func label(_ x: Double) -> String { HumanFormat.label(x) }

  /// `q0.05`, `q0.50`, `q0.975`: at least two decimals, more when needed.
  static func quantileColumn(_ tau: Double) -> String {
    let two = String(format: "%.2f", tau)
    return "q" + (Double(two) == tau ? two : String(tau))
  }
}

/// How a panel was read (what was detected) and which short series were left out, for the user.
func readingNotes(_ panel: SeriesPanel) -> [String] {
  panel.notes + panel.skipped.map { "series '\($0.name)' left out: \($0.reason)" }
}

/// Reads a series file (CSV or .xlsx), turning its errors into usage errors (exit status 2).
/// The series of a reference panel file (`--reference-panel`), read as any series file is; every
/// value must be positive (the prior's errors are on the log scale) and every series have at least
/// five values.
public func readReferencePanel(_ path: String) throws(TargetCastError) -> [[Double]] {
  let panel = try readPanel(path, ColumnMapping(), ReadOptions())
  for series in panel.series {
    guard series.values.count >= 5, series.values.allSatisfy({ $0 > 0 }) else {
      throw .usage("\(path): series '\(series.name)': a reference series needs at least 5 values, all positive")
    }
  }
  guard !panel.series.isEmpty else { throw .usage("\(path): no series") }
  return panel.series.map(\.values)
}

func readPanel(_ path: String, _ columns: ColumnMapping, _ options: ReadOptions) throws(TargetCastError) -> SeriesPanel {
  do {
    return try SeriesPanel.read(file: path, columns: columns, options: options)
  } catch {
    throw .data(error)
  }
}

func checkWritable(_ path: String) throws(TargetCastError) {
  let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
    FileManager.default.isWritableFile(atPath: folder)
  else {
    throw .output(OutputError(path: path, message: "the folder \(folder) does not exist or is not writable"))
  }
}

/// Writes to a temporary file in the same folder and renames it into place.
public func writeAtomically(_ text: String, to path: String) throws(TargetCastError) {
  do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw .output(OutputError(path: path, message: "cannot write the file: \(error.localizedDescription)"))
  }
}
