import Foundation
import Testing

/// Three series of twelve years in a fresh folder; returns the folder and the file's path.
private func writeThreeSeries(_ name: String) throws -> (folder: String, data: String) {
  let folder = temporaryDirectory("forecast-report-\(name)")
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  var text = "series,year,value\n"
  for (k, series) in ["医疗", "retail/online", "energy"].enumerated() {
    for t in 0..<12 {
      let value = 100 * pow(1.0 + 0.03 * Double(k + 1), Double(t)) * (1 + 0.04 * sin(Double(t * (k + 2))))
      text += "\(series),\(2010 + t),\(value)\n"
    }
  }
  let data = folder + "/data.csv"
  try Data(text.utf8).write(to: URL(fileURLWithPath: data))
  return (folder, data)
}

/// `--report DIR`: one fan chart per series (file names made safe as a run's are), each a
/// valid SVG with the whole history and the 80% and 95% bands, and report.md / report.html
/// naming the chosen combination and each series' intervals; levels 80 and 95 are added when
/// the user asked for another level.
@Test func forecastReportWritesAFanChartPerSeriesAndTheReport() throws {
  let (folder, data) = try writeThreeSeries("ok")
  let report = folder + "/report"
  let run = try runCLI(["forecast", data, "--horizon", "3", "--level", "50", "--report", report, "--threads", "1"])
  #expect(run.status == 0, "\(run.stderr)")
  let files = Set(try FileManager.default.contentsOfDirectory(atPath: report))
  #expect(files == ["fan-医疗.svg", "fan-retail_online.svg", "fan-energy.svg", "report.md", "report.html", "forecast.json"], "\(files)")
  // The CSV on standard output has the added levels.
  #expect(run.stdout.hasPrefix("series,year,model,components,median,mean,lo-50,hi-50,lo-80,hi-80,lo-95,hi-95\n"), "\(run.stdout.prefix(200))")

  let svg = try String(contentsOfFile: report + "/fan-energy.svg", encoding: .utf8)
  let xml = XMLCheck.parse(svg)
  #expect(xml.failure == nil, "\(xml.failure ?? "")")
  #expect(xml.texts.contains("80% interval") && xml.texts.contains("95% interval") && xml.texts.contains("Known values"))
  #expect(!xml.texts.contains("50% of paths"))
  // Every one of the twelve observed values is drawn.
  #expect(xml.elements.filter { $0 == "circle" }.count == 12 + 1, "\(xml.elements)")
  #expect(svg.contains("class=\"history\"") && svg.contains("class=\"band90\"") && svg.contains("class=\"median\""))

  let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
  let html = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
  #expect(markdown.contains("auto chose "), "\(markdown)")
  #expect(markdown.contains("global model left out"))
  #expect(markdown.contains("![医疗: history, predictive median, 80% and 95% intervals](fan-%E5%8C%BB%E7%96%97.svg)"), "\(markdown)")
  #expect(markdown.contains("| Year | Median | Mean | 50% low | 50% high | 80% low | 80% high | 95% low | 95% high |"))
  #expect(markdown.contains("| 2024 |"))
  for name in ["## 医疗", "## retail/online", "## energy"] { #expect(markdown.contains(name)) }
  #expect(html.contains("<svg") && html.contains("auto chose ") && html.contains("retail/online"))

  // A second report may replace the first (its folder is marked by forecast.json).
  let again = try runCLI(["forecast", data, "--horizon", "2", "--model", "drift", "--report", report, "--output", folder + "/f.csv"])
  #expect(again.status == 0, "\(again.stderr)")
  let replaced = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
  #expect(replaced.contains("Model: drift") && !replaced.contains("| 2024 |"))
}

/// A report folder that cannot be used (a file; a folder of someone else's files) is exit
/// status 2 before any work, and nothing is written: not the CSV, not the fitted values.
@Test func forecastReportRefusesABadFolderAndWritesNothing() throws {
  let (folder, data) = try writeThreeSeries("bad")
  let file = folder + "/taken"
  try Data("x".utf8).write(to: URL(fileURLWithPath: file))
  let foreign = folder + "/mine"
  try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
  try Data("keep".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))
  for target in [file, foreign, file + "/report"] {
    let output = folder + "/forecast.csv", fitted = folder + "/fitted.csv"
    let run = try runCLI(["forecast", data, "--horizon", "2", "--report", target, "--output", output, "--fitted", fitted])
    #expect(run.status == 2, "\(target): \(run.stderr)")
    #expect(run.stderr.contains(target), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: fitted))
  }
  #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
  #expect(try FileManager.default.contentsOfDirectory(atPath: foreign) == ["notes.txt"])
}

/// `--fitted FILE`: `series, year, fitted, residual` with residual = value − fitted, rows from
/// the fourth year on (three values are the least a forecast is made from), for the first
/// model asked for.
@Test func forecastFittedWritesOneStepFittedValuesAndResiduals() throws {
  let (folder, data) = try writeThreeSeries("fitted")
  let fitted = folder + "/fitted.csv"
  let run = try runCLI(["forecast", data, "--horizon", "2", "--model", "naive,drift", "--fitted", fitted, "--output", folder + "/f.csv"])
  #expect(run.status == 0, "\(run.stderr)")
  var observed: [String: Double] = [:]
  for line in try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").dropFirst() {
    let cells = line.split(separator: ",")
    observed["\(cells[0])|\(cells[1])"] = Double(cells[2])
  }
  let lines = try String(contentsOfFile: fitted, encoding: .utf8).split(separator: "\n")
  #expect(lines.first == "series,year,fitted,residual")
  #expect(lines.count == 1 + 3 * 9, "\(lines.count)")
  #expect(lines[1].hasPrefix("医疗,2013,"))
  for line in lines.dropFirst() {
    let cells = line.split(separator: ",")
    let value = try #require(observed["\(cells[0])|\(cells[1])"])
    let f = try #require(Double(cells[2])), residual = try #require(Double(cells[3]))
    #expect(abs(residual - (value - f)) <= 1e-9 * abs(value), "\(line)")
    // Naive: the one-step forecast of a year is the value before it.
    let previous = try #require(observed["\(cells[0])|\(Int(cells[1])! - 1)"])
    #expect(f == previous, "\(line)")
  }
}

/// `--backtest` with `--report`: the report gains the backtest's scores of the models asked
/// for; without `--report` it is a usage error (exit status 2).
@Test func forecastReportWithBacktestAddsTheScores() throws {
  let (folder, data) = try writeThreeSeries("backtest")
  let report = folder + "/report"
  let run = try runCLI(["forecast", data, "--horizon", "2", "--model", "auto,naive", "--report", report, "--backtest", "--output", folder + "/f.csv"])
  #expect(run.status == 0, "\(run.stderr)")
  let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
  #expect(markdown.contains("## Backtest"))
  #expect(markdown.contains("| Model | Forecasts | sMAPE | MASE | Coverage 80% | Coverage 95% | MSIS | CRPS |"), "\(markdown)")
  #expect(markdown.contains("| auto | 3 |") && markdown.contains("| naive | 3 |"), "\(markdown)")
  #expect(markdown.contains("naive: asked for with --model"))

  // A series a model cannot fit: the note stands in the notes and under the series itself.
  var text = try String(contentsOfFile: data, encoding: .utf8)
  for t in 0..<12 { text += "signed,\(2010 + t),\(t % 2 == 0 ? -1.0 : 2.0 + Double(t))\n" }
  try Data(text.utf8).write(to: URL(fileURLWithPath: data))
  let noted = try runCLI(["forecast", data, "--horizon", "2", "--model", "loglinear", "--report", report, "--output", folder + "/f.csv"])
  #expect(noted.status == 0, "\(noted.stderr)")
  let withNotes = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
  let note = "series 'signed': loglinear left out of loglinear"
  #expect(withNotes.components(separatedBy: note).count == 3, "\(withNotes)")
  #expect(withNotes.range(of: "## signed").map { withNotes[$0.upperBound...].contains(note) } == true)

  let alone = try runCLI(["forecast", data, "--horizon", "2", "--backtest"])
  #expect(alone.status == 2)
  #expect(alone.stderr.contains("--backtest: the scores go into the report; add --report DIR"), "\(alone.stderr)")
}
