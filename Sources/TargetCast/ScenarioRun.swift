import Foundation

/// What `targetcast run` was asked to do.
public struct RunRequest: Sendable, Equatable {
  public var scenarioPath: String
  public var paths: Int?
  public var seed: UInt64?
  public var threads: Int?
  /// Output folder; default `notebooks-output/<scenario name>`.
  public var outputDirectory: String?
  /// Prepend a UTF-8 byte-order mark to CSV files (for spreadsheet programs).
  public var byteOrderMark: Bool

  public init(
    scenarioPath: String, paths: Int? = nil, seed: UInt64? = nil, threads: Int? = nil,
    outputDirectory: String? = nil, byteOrderMark: Bool = false
  ) {
    self.scenarioPath = scenarioPath
    self.paths = paths
    self.seed = seed
    self.threads = threads
    self.outputDirectory = outputDirectory
    self.byteOrderMark = byteOrderMark
  }
}

/// What a run produced.
public struct RunOutcome: Sendable {
  public var result: SimulationResult
  public var outputDirectory: String
  public var files: [String]
}

/// Loads a scenario, simulates it and writes `forecast.csv` and `targets.csv`.
///
/// Nothing is written unless the scenario is valid, the output folder is usable and the
/// simulation succeeded.
public func runScenario(_ request: RunRequest) throws(TargetCastError) -> RunOutcome {
  let started = ContinuousClock.now
  var scenario: Scenario
  do {
    scenario = try Scenario.load(path: request.scenarioPath)
    if let paths = request.paths { scenario.paths = paths }
    if let seed = request.seed { scenario.seed = seed }
    try scenario.validate()
  } catch {
    throw .scenario(error)
  }
  if let threads = request.threads, threads < 1 {
    throw .usage("--threads: expected at least 1, found \(threads)")
  }
  let directory = OutputDirectory(path: request.outputDirectory ?? "notebooks-output/\(scenario.name)")
  do { try directory.check() } catch { throw .output(error) }

  let result: SimulationResult
  do {
    result = try Engine.run(scenario, options: SimulationOptions(threads: request.threads))
  } catch {
    throw .scenario(error)
  }
  var files = [
    (name: "forecast.csv", contents: RunTables.forecast(result).text(byteOrderMark: request.byteOrderMark)),
    (name: "targets.csv", contents: RunTables.targets(result).text(byteOrderMark: request.byteOrderMark)),
  ]
  // Charts, report.md/html and run.json (see Report.swift).
  files += reportFiles(for: result, tables: files.map(\.name), startedAt: started)
  let written: [String]
  do { written = try directory.write(files) } catch { throw .output(error) }
  return RunOutcome(result: result, outputDirectory: directory.path, files: written)
}
