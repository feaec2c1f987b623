import Foundation
import Testing

/// The planner-file fixtures of TCDataTests (written by their make_fixtures.py).
private let plannerFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("TCDataTests/Fixtures")

private func plannerFixture(_ name: String) -> String { plannerFixtures.appendingPathComponent(name).path }

/// A planner's files forecast with no option beyond the horizon: a GBK CSV with Chinese headers
/// and thousands separators, a wide yearbook CSV, and an .xlsx workbook (its first sheet long
/// with dates, its second wide); the forecast table has every series for the 3 years after its
/// last, and standard error says what was detected.
@Test(arguments: [
  ("industries-gbk.csv", [String](), ["电子信息", "医疗健康", "新材料"], 2020, "read as GB18030/GBK"),
  ("yearbook-wide.csv", [], ["城关区", "东湖县", "西山县"], 2021, "read as a wide table"),
  ("workbook.xlsx", [], ["电子信息", "医疗健康", "新材料"], 2020, "read the first of 2 sheets"),
  ("workbook.xlsx", ["--sheet", "产值"], ["城关区", "东湖县", "西山县"], 2020, "read as a wide table"),
])
func plannerFilesForecastWithoutOptions(file: String, options: [String], series: [String], firstYear: Int, note: String) throws {
  let run = try runCLI(["forecast", plannerFixture(file), "--horizon", "3", "--threads", "1"] + options)
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stderr.contains(note), "\(run.stderr)")
  let lines = run.stdout.split(separator: "\n")
  #expect(lines.first == "series,year,model,components,median,mean,lo-80,hi-80,lo-95,hi-95")
  #expect(lines.count == 1 + 3 * series.count)
  for name in series {
    for year in firstYear..<(firstYear + 3) {
      #expect(lines.contains { $0.hasPrefix("\(name),\(year),auto,") }, "\(name) \(year) missing: \(run.stdout)")
    }
  }
}

@Test func backtestReadsAPlannerFileAndSaysHow() throws {
  let run = try runCLI(["backtest", plannerFixture("industries-gbk.csv"), "--horizon", "2", "--models", "drift"])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stderr.contains("note: \(plannerFixture("industries-gbk.csv")): not UTF-8; read as GB18030/GBK"))
  #expect(run.stdout.contains("smape"))
}

/// Bad planner files: exit status 2, the file, row and column (or line and byte) in the message,
/// and no output written.
@Test(arguments: [
  ("encoding", "industries-gbk.csv", ["--encoding", "utf-8"], "industries-gbk.csv: line 1, byte 1: expected UTF-8 text, found the bytes B2 FA"),
  ("cell", "workbook-bad-value.xlsx", [], "workbook-bad-value.xlsx, sheet 'long': row 4, column C ('y'): series '电子信息': expected a number, found 'n/a'"),
  ("sheet", "workbook.xlsx", ["--sheet", "Sheet1"], "workbook.xlsx: no sheet named 'Sheet1'; the workbook has 'long', '产值'"),
  ("wide-gap", "", [], "row 3, column C ('2016年'): series 'b': expected a number for 2016, found an empty cell"),
  ("same-year", "", [], "row 3: series 'a': year 2018 appears twice (first on row 2)"),
])
func badPlannerFilesFailWithTheirPosition(name: String, file: String, options: [String], message: String) throws {
  let folder = temporaryDirectory("planner-\(name)")
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  var path = plannerFixture(file)
  if file.isEmpty {
    path = folder + "/data.csv"
    let text = name == "wide-gap"
      ? "地区,2015年,2016年,2017年,2018年\na,1,2,3,4\nb,1,,3,4\n"
      : "unique_id,ds,y\na,2018-01-01,1\na,2018-12-31,2\na,2019-12-31,3\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
  let output = folder + "/forecast.csv"
  let run = try runCLI(["forecast", path, "--horizon", "3", "--output", output] + options)
  #expect(run.status == 2, "\(run.stderr)")
  #expect(run.stderr.contains(message), "\(run.stderr)")
  #expect(run.stderr.contains(path), "\(run.stderr)")
  #expect(!FileManager.default.fileExists(atPath: output))
}
