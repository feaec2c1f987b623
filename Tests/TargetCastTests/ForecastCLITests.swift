import Foundation
import Testing

/// A small long CSV in a fresh folder; returns its path.
private func writePanel(_ name: String, _ text: String) throws -> String {
  let folder = temporaryDirectory("forecast-\(name)")
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  let path = folder + "/data.csv"
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  return path
}

private let panelText: String = {
  var text = "unique_id,ds,y,comment\n"
  for (k, name) in ["医疗", "retail", "energy"].enumerated() {
    for t in 0..<12 {
      let value = 100 * pow(1.0 + 0.03 * Double(k + 1), Double(t)) * (1 + 0.04 * sin(Double(t * (k + 2))))
      text += "\(name),\(2010 + t),\(value),x\n"
    }
  }
  return text
}()

@Test func forecastWritesLongCSVWithIntervalsQuantilesAndGrowthProbabilities() throws {
  let data = try writePanel("ok", panelText)
  let output = URL(fileURLWithPath: data).deletingLastPathComponent().path + "/forecast.csv"
  let run = try runCLI([
    "forecast", data, "--horizon", "3", "--series-column", "unique_id", "--year-column", "ds", "--value-column", "y",
    "--model", "auto,drift", "--quantiles", "0.05,0.5,0.95", "--growth-target", "2", "--growth-target", "1.1",
    "--output", output, "--threads", "1",
  ])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stderr.contains("auto chose"))
  let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
  #expect(lines.first == "series,year,model,components,median,mean,lo-80,hi-80,lo-95,hi-95,q0.05,q0.50,q0.95,p_ge_2x,p_ge_1.1x")
  #expect(lines.count == 1 + 3 * 3 * 2)
  #expect(lines[1].hasPrefix("医疗,2022,auto,"))
  #expect(!lines.contains { $0.contains("nan") || $0.contains("inf") })
}

@Test func forecastPrintsToStandardOutputWithoutOutputFile() throws {
  let data = try writePanel("stdout", "series,year,value\na,2001,1\na,2002,2\na,2003,3\na,2004,5\n")
  let run = try runCLI(["forecast", data, "--horizon", "2", "--model", "naive"])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stdout.hasPrefix("series,year,model,components,median,mean,lo-80,hi-80,lo-95,hi-95\na,2005,naive,naive,"), "\(run.stdout)")
  // Four values give a handful of checked forecasts; the reference panel's errors fill the pool,
  // and the point still lies inside its intervals.
  let cells = run.stdout.split(separator: "\n")[1].split(separator: ",").dropFirst(3).compactMap { Double($0) }
  #expect(cells.count == 6 && cells[4] <= cells[2] && cells[2] <= cells[0] && cells[0] <= cells[3] && cells[3] <= cells[5], "\(cells)")
}

/// Bad input: exit status 2, a message naming file, row and series, and no output file.
@Test(arguments: [
  ("gap", "series,year,value\na,2001,1\na,2002,2\na,2005,3\n", [String](), "row 4: series 'a': years 2003–2004 are missing"),
  ("text", "series,year,value\na,2001,1\na,2002,two\na,2003,3\n", [], "row 3, column C ('value'): series 'a': expected a number, found 'two'"),
  ("nan", "series,year,value\na,2001,1\na,2002,NaN\na,2003,3\n", [], "row 3, column C ('value'): series 'a': expected a finite number"),
  ("dup", "series,year,value\na,2001,1\na,2001,2\na,2002,3\n", [], "row 3: series 'a': year 2001 appears twice"),
  ("short", "series,year,value\na,2001,1\na,2002,2\n", [], "row 2: series 'a': has 2 values, at least 3 are needed"),
  ("column", "region,sector,year,value\na,b,2001,1\n", [], "cannot tell which column holds the series: column A ('region') or column B ('sector') (name it with --series-column)"),
  ("named", "series,year,value\na,2001,1\n", ["--horizon", "2", "--value-column", "营收"], "row 1: missing column '营收'"),
  ("horizon", "series,year,value\na,2001,1\na,2002,2\na,2003,3\n", ["--horizon", "0"], "--horizon: expected a number of years from 1 to 200, found 0"),
  ("model", "series,year,value\na,2001,1\na,2002,2\na,2003,3\n", ["--horizon", "2", "--model", "prophet"], "unknown model 'prophet'"),
])
func forecastRejectsBadInput(name: String, text: String, options: [String], message: String) throws {
  let data = try writePanel("bad-\(name)", text)
  let output = URL(fileURLWithPath: data).deletingLastPathComponent().path + "/forecast.csv"
  let run = try runCLI(["forecast", data, "--output", output] + (options.isEmpty ? ["--horizon", "2"] : options))
  #expect(run.status == 2, "\(run.stderr)")
  #expect(run.stderr.contains(message), "\(run.stderr)")
  if !options.contains("--horizon") && !options.contains("--model") { #expect(run.stderr.contains(data)) }
  #expect(!FileManager.default.fileExists(atPath: output))
}

@Test func forecastReportsAMissingFile() throws {
  let run = try runCLI(["forecast", "/nonexistent/data.csv", "--horizon", "2"])
  #expect(run.status == 2)
  #expect(run.stderr.contains("/nonexistent/data.csv: cannot read the file: no such file"))
}

@Test func backtestPrintsMetricsAndWritesPerSeriesRows() throws {
  let data = try writePanel("backtest", panelText)
  let output = URL(fileURLWithPath: data).deletingLastPathComponent().path + "/backtest.csv"
  let run = try runCLI([
    "backtest", data, "--horizon", "3", "--windows", "2", "--series-column", "unique_id", "--year-column", "ds",
    "--value-column", "y", "--models", "auto,theta", "--per-series", "--output", output,
  ])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stdout.contains("smape"))
  let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
  #expect(lines.first?.hasPrefix("model,series,forecasts,smape,mase,cov80,cov95,msis,crps,brier_h3_1.5x") == true)
  #expect(lines.count == 1 + 2 + 2 * 3)
  #expect(lines[1].hasPrefix("auto,all,6,"))
}

/// With `--format json`, a series file's error carries its file, row and column letter as fields
/// (exit 2, nothing written).
@Test func dataErrorsInJSONNameRowAndColumn() throws {
  let data = try writePanel("json-error", "series,year,value\na,2001,1\na,2002,x\na,2003,3\n")
  let run = try runCLI(["forecast", data, "--horizon", "2", "--format", "json"])
  #expect(run.status == 2)
  let object = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: [String: Any]]
  let error = try #require(object?["error"], "\(run.stdout)")
  #expect(error["file"] as? String == data)
  #expect(error["row"] as? Int == 3)
  #expect(error["column"] as? String == "C")
  #expect((error["message"] as? String)?.contains("row 3, column C ('value')") == true, "\(error)")
}

/// `--reference-panel FILE` replaces the shipped reference panel: the shipped file given by hand
/// gives the same bytes as the default, another panel other intervals, a bad one exit 2.
@Test func referencePanelCanBeReplaced() throws {
  let data = try writePanel("reference", "series,year,value\n" + (0..<8).map { "a,\(2010 + $0),\(100 + 7 * $0 + ($0 % 3) * 4)" }.joined(separator: "\n") + "\n")
  let shipped = repositoryRoot.appendingPathComponent("Sources/TCForecast/Resources/reference-yearly.csv").path
  let base = try runCLI(["forecast", data, "--horizon", "3"])
  let same = try runCLI(["forecast", data, "--horizon", "3", "--reference-panel", shipped])
  #expect(base.status == 0 && same.status == 0 && base.stdout == same.stdout, "\(same.stderr)")
  let other = try writePanel("reference-other", "series,year,value\n" + (0..<3).flatMap { s in
    (0..<12).map { "r\(s),\(2000 + $0),\(50 * Double(s + 1) * pow(1.3, Double($0)) * ($0 % 2 == 0 ? 1.2 : 0.8))" }
  }.joined(separator: "\n") + "\n")
  let changed = try runCLI(["forecast", data, "--horizon", "3", "--reference-panel", other])
  #expect(changed.status == 0 && changed.stdout != base.stdout, "\(changed.stderr)")
  let bad = try writePanel("reference-bad", "series,year,value\nr,2000,1\nr,2001,2\nr,2002,-3\nr,2003,4\nr,2004,5\n")
  let refused = try runCLI(["forecast", data, "--horizon", "3", "--reference-panel", bad])
  #expect(refused.status == 2 && refused.stderr.contains("series 'r': a reference series needs at least 5 values, all positive"), "\(refused.stderr)")
}
