import ArgumentParser
import Foundation
import TargetCast

/// Options shared by `forecast` and `backtest`: the data file, how to read it and its columns.
struct DataOptions: ParsableArguments {
  @Argument(help: "CSV file or .xlsx workbook: one row per series and year, or one row per series and one column per year.")
  var data: String

  @Option(help: "Column holding the series name (default: detected from the header or the cells).")
  var seriesColumn: String?

  @Option(help: "Column holding the year: 2019, 2019年 or a date (default: detected).")
  var yearColumn: String?

  @Option(help: "Column holding the value (default: detected).")
  var valueColumn: String?

  @Flag(help: "Read a wide table: one row per series, one column per year (default: detected from year headers).")
  var wide = false

  @Option(help: "Text encoding of a CSV file: \(TextEncoding.names) (default: UTF-8 if valid, else GB18030).")
  var encoding: String?

  @Option(help: "Sheet of an .xlsx workbook (default: the first).")
  var sheet: String?

  @Flag(help: "Leave out series with fewer than 3 values (listed on standard error) instead of stopping.")
  var skipShort = false

  @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  @Option(help: """
    Weight, in series, of the reference panel's forecast errors in the intervals' error pool \
    (default 20; 0: the file's own errors alone). It fills in what a file of a few series cannot \
    learn; its share falls as the file grows.
    """)
  var referenceWeight = ForecastOptions.defaultReferenceWeight

  @Option(help: ArgumentHelp(
    "A series file to use as the reference panel instead of the shipped one (190 M1 and Tourism training series), e.g. to check the prior on data it was not built from.",
    valueName: "file"))
  var referencePanel: String?

  /// The `--reference-panel` series, if given.
  /// (A problem is a usage error, exit 2, also when found while validating the command line.)
  func referenceSeries() throws -> [[Double]]? {
    guard let referencePanel else { return nil }
    do { return try readReferencePanel(referencePanel) } catch { throw ValidationError("--reference-panel: \(error)") }
  }

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads: expected at least 1, found \(threads)") }
    _ = try textEncoding()
  }

  func columns(split: String? = nil) -> ColumnMapping {
    ColumnMapping(series: seriesColumn, year: yearColumn, value: valueColumn, split: split)
  }

  func readOptions() throws -> ReadOptions {
    ReadOptions(skipShort: skipShort, encoding: try textEncoding(), sheet: sheet, layout: wide ? .wide : nil)
  }

  private func textEncoding() throws -> TextEncoding? {
    guard let encoding else { return nil }
    guard let known = TextEncoding(name: encoding) else {
      throw ValidationError("--encoding: expected one of \(TextEncoding.names), found '\(encoding)'")
    }
    return known
  }
}

/// Parses `--model auto,theta+drift` style lists.
func parseMethods(_ lists: [String]) throws -> [ForecastMethod] {
  let names = lists.flatMap { $0.split(separator: ",").map(String.init) }
  guard !names.isEmpty else { return [.auto] }
  do {
    return try names.map { name throws(ForecastError) in try ForecastMethod(name: name) }
  } catch {
    throw ValidationError(error.description)
  }
}

/// Parses `0.05,0.5,0.95` (the option may also repeat).
func parseNumbers(_ lists: [String], option: String) throws -> [Double] {
  try lists.flatMap { $0.split(separator: ",") }.map { piece in
    guard let x = Double(piece.trimmingCharacters(in: .whitespaces)) else {
      throw ValidationError("\(option): expected a number, found '\(piece)'")
    }
    return x
  }
}

extension TargetCastCommand {
  struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Forecast every series of a CSV file or .xlsx workbook with calibrated intervals and growth probabilities.",
      discussion: """
        Output: a long CSV with series, year, model, median (the point forecast), mean, \
        lo-<L>, hi-<L> per level, q<tau> per quantile and p_ge_<R>x per growth target (the probability that the value is at least R \
        times the last observed value). Printed to standard output unless --output is given.

        Report: --report DIR adds a fan chart per series (history, median, 80% and 95% intervals; the \
        levels 80 and 95 are added if missing) and report.md / report.html with each series' \
        table and the model that made it, and why; --fitted FILE writes the one-step-ahead \
        in-sample forecasts and residuals. Charts, tables and fitted values are those of the \
        first model asked for.

        Input: a CSV file (UTF-8, or GBK/GB18030 as Excel saves it on a Chinese Windows; \
        detected, or --encoding) or an .xlsx workbook (--sheet). Long tables have one row per \
        series and year (series, year, value; statsforecast's unique_id, ds, y; or Chinese \
        headers); wide ones, as yearbooks print them, one row per series and one column per \
        year (detected from year headers, or --wide). Columns are found by their headers or \
        their cells; years may be 2019, 2019 with the year character, or dates such as \
        2019-12-31; numbers may have thousands separators (5,200.0).

        Models: auto (chosen per file on the last years of the history), naive, drift, theta, \
        damped, logdamped (damped trend on log values), global (one pooled log autoregression \
        across all series); the per-series models ets (AutoETS), arima (AutoARIMA), otm \
        (optimized Theta), dotm (dynamic optimized Theta), dstm (dynamic Theta), stm (Theta \
        with estimated level), linear, loglinear, logistic, gompertz (slower: refitted at the last \
        horizon + 10 years); or components joined by '+', e.g. theta+drift (their mean). \
        Intervals of every model come from its own past errors.

        Examples:
          targetcast forecast industries.csv --horizon 5
          targetcast forecast industries.csv --horizon 10 --growth-target 2 \\
            --output forecast.csv
          targetcast forecast yearbook.xlsx --sheet 产值 --horizon 3
          targetcast forecast industries.csv --horizon 5 --report report/ \\
            --fitted fitted.csv
          targetcast forecast m1.csv --horizon 6 --series-column unique_id \\
            --year-column ds --value-column y --model auto,drift \\
            --level 80 --level 95 --quantiles 0.05,0.5,0.95
        """)

    @OptionGroup var input: DataOptions

    @Option(help: "Years to forecast (at least 1).")
    var horizon: Int

    @Option(help: "Models, comma-separated (default auto).")
    var model: [String] = []

    @Option(help: "Central interval level in percent; repeat for several (default 80 and 95).")
    var level: [Double] = []

    @Option(help: "Predictive quantiles, comma-separated probabilities, e.g. 0.05,0.5,0.95.")
    var quantiles: [String] = []

    @Option(help: "Ratio R to the last value: adds P(value >= R × last value) per year; repeatable.")
    var growthTarget: [Double] = []

    @Option(help: "Output CSV file (written atomically; default: standard output).")
    var output: String?

    @Flag(help: "Start the CSV with a UTF-8 byte-order mark, for spreadsheet programs.")
    var bom = false

    @Option(help: ArgumentHelp(
      "Folder for a fan chart per series (fan-<series>.svg) and report.md / report.html (replaced as a whole).",
      valueName: "dir"))
    var report: String?

    @Option(help: ArgumentHelp(
      "CSV file for the in-sample one-step-ahead fitted values: series, year, fitted, residual (= value − fitted).",
      valueName: "file"))
    var fitted: String?

    @Flag(help: "With --report: backtest the models (forecast from the file cut --horizon years short) and add their scores to the report.")
    var backtest = false

    @OptionGroup var formatOptions: FormatOptions

    func options() throws -> ForecastOptions {
      var options = ForecastOptions(
        horizon: horizon, methods: try parseMethods(model), levels: level.isEmpty ? [80, 95] : level,
        quantiles: try parseNumbers(quantiles, option: "--quantiles"), growthTargets: growthTarget,
        threads: input.threads)
      options.referenceWeight = input.referenceWeight
      options.referenceSeries = try input.referenceSeries()
      return options
    }

    /// The backtest the report scores: one rolling origin, the same models, levels and growth targets.
    func backtestOptions() throws -> BacktestOptions {
      let forecast = try options()
      var options = BacktestOptions(
        horizon: horizon, methods: forecast.methods, levels: ForecastReport.levels(including: forecast.levels), threads: input.threads)
      options.referenceWeight = input.referenceWeight
      options.referenceSeries = forecast.referenceSeries
      return options
    }

    func validate() throws {
      if backtest, report == nil { throw ValidationError("--backtest: the scores go into the report; add --report DIR") }
      do { try options().validate() } catch let error as ForecastError { throw ValidationError(error.description) }
    }

    func run() throws {
      let request = ForecastRequest(
        dataPath: input.data, columns: input.columns(), readOptions: try input.readOptions(),
        options: try options(), outputPath: output, byteOrderMark: bom, reportDirectory: report, fittedPath: fitted,
        backtest: backtest ? try backtestOptions() : nil)
      let outcome = try runForecast(request)
      for note in outcome.forecast.notes { printError("note: \(note)") }
      if let choice = outcome.forecast.choice { printError(choice.description) }
      if formatOptions.json {
        var object: [String: Any] = [
          "data": input.data, "notes": outcome.forecast.notes, "rows": try JSONOutput.rows(csv: outcome.csv, file: input.data),
        ]
        if let choice = outcome.forecast.choice { object["model_choice"] = choice.description }
        if let output { object["output"] = output }
        if let report { object["report"] = report }
        if let fitted { object["fitted"] = fitted }
        JSONOutput.print(object)
        return
      }
      if let output {
        print("Wrote \(outcome.forecast.forecasts.count) forecasts to \(output)")
      } else {
        print(outcome.csv, terminator: "")
      }
      if let report { printError("Wrote the fan charts, report.md and report.html to \(report)/") }
      if let fitted { printError("Wrote the fitted values to \(fitted)") }
    }
  }
}
