import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Backtest: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score forecast methods on the last years of each series (rolling origins) or a given split.",
      discussion: """
        Per model: sMAPE, MASE, coverage of each interval level, MSIS (95%), CRPS (scaled, from \
        19 quantiles), and the Brier score with skill over the training base rate for the events \
        "value 3 years ahead >= 1.5 × last" and "2 years ahead >= 1.2 × last". Each origin is \
        forecast from the values up to it only, including the automatic choice.

        Examples:
          targetcast backtest industries.csv --horizon 4 --windows 3
          targetcast backtest m1.csv --horizon 6 --year-column t --split-column split \\
            --models auto,drift
          targetcast backtest industries.csv --horizon 4 --per-series --output bt.csv
        """)

    @OptionGroup var input: DataOptions

    @Option(help: "Years ahead to forecast from each origin (at least 1).")
    var horizon: Int

    @Option(help: "Models, comma-separated (default auto).")
    var models: [String] = []

    @Option(help: "Number of rolling yearly origins (default 1: the last one leaving --horizon years).")
    var windows: Int = 1

    @Option(help: "Column marking rows train/test: score the given split instead of rolling origins.")
    var splitColumn: String?

    @Option(help: "Central interval level in percent; repeat for several (default 80 and 95).")
    var level: [Double] = []

    @Flag(help: "Add one row per series and model to the output file.")
    var perSeries = false

    @Option(help: "Output CSV file (written atomically).")
    var output: String?

    @OptionGroup var formatOptions: FormatOptions

    func validate() throws {
      // The horizon and level rules are ForecastOptions' own.
      do { try ForecastOptions(horizon: horizon, levels: level).validate() } catch { throw ValidationError(error.description) }
      if windows < 1 { throw ValidationError(ForecastError.badWindows(windows).description) }
      _ = try parseMethods(models)
    }

    func run() throws {
      var options = BacktestOptions(
        horizon: horizon, methods: try parseMethods(models), windows: windows, useSplit: splitColumn != nil,
        levels: level.isEmpty ? [80, 95] : level, threads: input.threads)
      options.referenceWeight = input.referenceWeight
      options.referenceSeries = try input.referenceSeries()
      let request = BacktestRequest(
        dataPath: input.data, columns: input.columns(split: splitColumn), readOptions: try input.readOptions(),
        options: options, perSeries: perSeries, outputPath: output)
      let outcome = try runBacktest(request)
      for note in outcome.notes { printError("note: \(note)") }
      if formatOptions.json {
        var object: [String: Any] = ["data": input.data, "rows": try JSONOutput.rows(csv: outcome.csv, file: input.data)]
        if let output { object["output"] = output }
        JSONOutput.print(object)
        return
      }
      print(BacktestTable.summary(outcome.result))
      if let output { print("Wrote \(output)") }
    }
  }
}
