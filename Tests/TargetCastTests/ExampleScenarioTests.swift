import Foundation
import TCReport
import TCScenario
import Testing
@testable import TargetCast

/// Every example in scenarios/ runs (with all its variants) and writes its tables.
@Test(arguments: [
  "healthcare-2020-100b", "electronics-3yr-doubling", "county-doubling-3-5yr", "industries-1-4-n",
  "investment-ytd", "project-pipeline", "full-year-from-ytd",
])
func exampleScenarioRuns(name: String) throws {
  let path = repositoryRoot.appendingPathComponent("scenarios/\(name).yaml").path
  let out = temporaryDirectory("example-\(name)")
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: 4000, outputDirectory: out, allVariants: true))
  let runs = outcome.variants.isEmpty ? [(name: "base", outcome: outcome)] : outcome.variants
  for run in runs {
    #expect(!run.outcome.result.targets.isEmpty)
    for target in run.outcome.result.targets { #expect((0...1).contains(target.probability)) }
    #expect(FileManager.default.fileExists(atPath: run.outcome.outputDirectory + "/targets.csv"))
  }
}

/// Known relations inside the electronics example. In the `official-base` variant (fixed 1400),
/// with always-positive growth "2800 in 2022" is the same event as "doubling by 2022", and "CAGR ≥
/// 26%" is at most as likely (2^(1/3) − 1 = 0.2599 < 0.26). The base draws its 2019 level per path
/// from the Jan–Oct figure (median ≈ 1307): ratio and CAGR targets are relative to each path's own
/// 2019 level, so they equal the official-base variant's exactly (same growth numbers), while the
/// absolute 2800 is less likely.
@Test func electronicsExampleTargetsAgree() throws {
  let path = repositoryRoot.appendingPathComponent("scenarios/electronics-3yr-doubling.yaml").path
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: 8000, outputDirectory: temporaryDirectory("example-elec"), allVariants: true))
  let base = outcome.variants[0].outcome.result.targets, official = outcome.variants[1].outcome.result.targets
  #expect(official[0].probability == official[1].probability)
  #expect(official[2].probability <= official[0].probability)
  #expect(base[0].probability == official[0].probability)
  #expect(base[2].probability == official[2].probability)
  #expect(base[1].probability < official[1].probability)
}

// MARK: - The seven plan cases answer their questions

/// Runs an example (base only) and returns its scenario and the bullets of its report's
/// "Answer" section, which must come first after the title.
private func answers(_ name: String, paths: Int = 4000) throws -> (scenario: Scenario, lines: [String]) {
  let path = repositoryRoot.appendingPathComponent("scenarios/\(name).yaml").path
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: paths, outputDirectory: temporaryDirectory("answer-\(name)")))
  let report = try String(contentsOfFile: outcome.outputDirectory + "/report.md", encoding: .utf8)
  let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  #expect(lines.count > 3 && lines[0].hasPrefix("# ") && lines[2] == "## Answer", "the report opens with its answer")
  let bullets = lines.dropFirst(3).drop { $0.isEmpty }.prefix { $0.hasPrefix("- ") }
  return (outcome.result.scenario, bullets.map { String($0.dropFirst(2)).replacingOccurrences(of: "\\", with: "") })
}

/// The first answer line starting with `prefix`, and the numbers captured by `pattern` in it.
private func numbers(in lines: [String], startingWith prefix: String, _ pattern: String) -> [Double] {
  guard let line = lines.first(where: { $0.hasPrefix(prefix) }),
    let match = try? Regex(pattern).firstMatch(in: line)
  else { return [] }
  return (1..<match.output.count).compactMap { match.output[$0].substring.flatMap { Double($0.replacingOccurrences(of: ",", with: "")) } }
}

/// P(Z ≥ z) for a standard normal.
private func upperTail(_ z: Double) -> Double { erfc(z / 2.0.squareRoot()) / 2 }

/// S1: P(700 → 1000 in one year) with 1 + r lognormal, mean 1.20, sd 0.08 (closed form).
@Test func s1HealthcareReportAnswersWithTheClosedForm() throws {
  let (_, lines) = try answers("healthcare-2020-100b")
  let p = numbers(in: lines, startingWith: "千亿 in 2020:", #"probability ([0-9.]+)%"#)
  let sigma2 = log(1 + pow(0.08 / 1.2, 2)), mu = log(1.2) - sigma2 / 2
  let exact = upperTail((log(1000.0 / 700) - mu) / sigma2.squareRoot())
  #expect(p.count == 1)
  #expect(abs((p.first ?? -1) / 100 - exact) < 4 * (exact * (1 - exact) / 4000).squareRoot() + 5e-5, "\(p) vs \(exact)")
}

/// S2: the doubling probability, and the year-to-date percentile of the 1400 estimate (closed form).
@Test func s2ElectronicsReportAnswersDoublingAndTheYearToDateCheck() throws {
  let (scenario, lines) = try answers("electronics-3yr-doubling")
  let p = numbers(in: lines, startingWith: "doubling by 2022:", #"probability ([0-9.]+)%"#)
  #expect(p.count == 1 && (0...100).contains(p[0]))
  let ytd = try #require(scenario.series[0].ytd)
  let line = lines.first { $0.hasPrefix("电子信息 electronics: January–October") } ?? ""
  #expect(line.contains("the official estimate 1400 亿元 is at its \(HumanFormat.percent(ytd.percentile(of: 1400))) point"), "\(line)")
}

/// S3: expected number of counties doubling within 3, 4, 5 years; within 5 it is the sum of the
/// four counties' probabilities of doubling by 2024.
@Test func s3CountyReportAnswersHowManyDouble() throws {
  let (_, lines) = try answers("county-doubling-3-5yr")
  let counts = numbers(
    in: lines, startingWith: "at least 3 of 4 counties double within 5 years:",
    #"([0-9.]+) within 3 years \(2022\), ([0-9.]+) within 4 years \(2023\), ([0-9.]+) within 5 years \(2024\)"#)
  #expect(counts.count == 3)
  guard counts.count == 3 else { return }
  #expect(counts[0] <= counts[1] && counts[1] <= counts[2] && counts[2] <= 4)
  let each = ["A", "B", "C", "D"].flatMap { numbers(in: lines, startingWith: "\($0) doubles within 5 years:", #"probability ([0-9.]+)%"#) }
  #expect(each.count == 4)
  // Percentages are printed to 0.1 pp and the count to 3 decimals.
  #expect(abs(each.reduce(0, +) / 100 - counts[2]) < 4 * 0.0005 + 0.0005, "\(each) vs \(counts)")
}

/// S4: the total's doubling probability, and the industry that moves it most.
@Test func s4IndustriesReportAnswersTotalAndDriver() throws {
  let (scenario, lines) = try answers("industries-1-4-n")
  #expect(numbers(in: lines, startingWith: "total doubles by 2024:", #"probability ([0-9.]+)%"#).count == 1)
  let driver = lines.first { $0.hasPrefix("What moves total doubles by 2024 most:") } ?? ""
  #expect(scenario.series.contains { driver.contains("most: \($0.label) growth (") }, "\(driver)")
  #expect(numbers(in: [driver], startingWith: "What", #"\(([0-9.]+)% in its lowest tenth, ([0-9.]+)% in its highest tenth\)"#).count == 2)
}

/// S5: each year-to-date figure's implied full year, where the official estimate falls, and where
/// the spread comes from.
@Test func s5YearToDateReportAnswersAllThreeFigures() throws {
  let (scenario, lines) = try answers("full-year-from-ytd")
  for (id, estimate) in [("healthcare", "700 亿元"), ("electronics", "1400 亿元"), ("new_large_firms", "200 家")] {
    let spec = try #require(scenario.series.first { $0.id == id })
    let line = lines.first { $0.hasPrefix(spec.label + ": January–") } ?? ""
    let ytd = try #require(spec.ytd)
    #expect(line.contains("the official estimate \(estimate) is at its \(HumanFormat.percent(ytd.percentile(of: ytd.officialEstimate!))) point"), "\(line)")
    #expect(line.contains("The spread comes from " + (ytd.usesHistory ? "the share of the year" : "the run-rate")), "\(line)")
  }
}

/// S6: P(+11% for the year) against the bivariate normal of the two parts' 2019 growth.
@Test func s6InvestmentReportAnswersTheElevenPercentQuestion() throws {
  let (_, lines) = try answers("investment-ytd")
  let p = numbers(in: lines, startingWith: "+11% in 2019:", #"probability ([0-9.]+)%"#)
  let (w, sdT, sdO, rho) = (0.25, 0.025, 0.015, 0.5)
  let mean = w * 0.405 + (1 - w) * 0.0063
  let sd = (pow(w * sdT, 2) + pow((1 - w) * sdO, 2) + 2 * rho * w * sdT * (1 - w) * sdO).squareRoot()
  let exact = upperTail((0.11 - mean) / sd)
  #expect(p.count == 1)
  #expect(abs((p.first ?? -1) / 100 - exact) < 4 * (exact * (1 - exact) / 4000).squareRoot() + 5e-4, "\(p) vs \(exact)")
  #expect(lines.contains { $0.hasPrefix("other investment grows in 2019: probability") })
}

/// S7: the pipeline's target and the tranche that matters most (its probability is higher with it).
@Test func s7PipelineReportAnswersWhichTrancheMatters() throws {
  let (_, lines) = try answers("project-pipeline")
  #expect(numbers(in: lines, startingWith: "2800 by 2024:", #"probability ([0-9.]+)%"#).count == 1)
  let split = numbers(
    in: lines, startingWith: "What moves 2800 by 2024 most besides its own growth: event tranche-",
    #"\(([0-9.]+)% without it, ([0-9.]+)% with it\)"#)
  #expect(split.count == 2 && split[1] > split[0], "\(lines)")
}

/// The electronics example states its doubling and CAGR targets in their own terms in every file
/// a planner reads: report.md, report.html, the fan chart and targets.csv.
@Test func electronicsFilesStateTargetsInTheirOwnTerms() throws {
  let path = repositoryRoot.appendingPathComponent("scenarios/electronics-3yr-doubling.yaml").path
  let outcome = try runScenario(RunRequest(scenarioPath: path, paths: 4000, outputDirectory: temporaryDirectory("own-terms")))
  let dir = outcome.outputDirectory
  func read(_ name: String) throws -> String { try String(contentsOfFile: dir + "/" + name, encoding: .utf8) }
  let doubling = "电子信息 electronics doubles (≥ 2 × 2019, about "
  let cagr = "电子信息 electronics grows ≥ 26.0% a year 2019–2022 (CAGR, about "
  let markdown = try read("report.md"), html = try read("report.html")
  #expect(markdown.contains(doubling) && markdown.contains(cagr))
  #expect(html.contains(doubling) && html.contains(cagr))
  let fan = try read("fan-electronics.svg")
  #expect(fan.contains("= 2 × the 2019 level (its median)") && fan.contains("= CAGR 26.0% from 2019 (median 2019)"), "\(fan)")
  let targets = try CSVTable.read(path: dir + "/targets.csv")
  func column(_ name: String) throws -> [String] {
    let index = try targets.column(name, file: "targets.csv")
    return targets.rows.map { $0[index] }
  }
  #expect(try column("kind") == ["ratio", "level", "cagr"])
  #expect(try column("threshold") == ["2", "2800", "0.26"])
  let levels = try column("level_threshold").compactMap(Double.init)
  #expect(levels.count == 3 && abs(levels[0] / 2 - outcome.result.scenario.series[0].base) < 1e-6)
}
