import Foundation

/// What `targetcast compare` was asked to do.
public struct CompareRequest: Sendable, Equatable {
  /// The earlier (reference) run's output folder.
  public var runA: String
  /// The later run's output folder; changes are B − A.
  public var runB: String
  /// Where `compare.csv` and `compare.svg` go; default `notebooks-output/compare/<A>-vs-<B>`.
  public var outputDirectory: String?
  /// Optional CSV with columns `target,both_met` (and optionally `variant_a,variant_b,paths`):
  /// paths meeting each target in both runs. Default: `joint_targets.csv` in the folder both
  /// runs sit in, when there is one.
  public var jointCountsFile: String?
  public var byteOrderMark: Bool

  public init(runA: String, runB: String, outputDirectory: String? = nil, jointCountsFile: String? = nil, byteOrderMark: Bool = false) {
    self.runA = runA
    self.runB = runB
    self.outputDirectory = outputDirectory
    self.jointCountsFile = jointCountsFile
    self.byteOrderMark = byteOrderMark
  }
}

/// What a comparison found and where it was written.
public struct CompareOutcome: Sendable {
  public var comparison: RunComparison
  public var outputDirectory: String
  public var files: [String]
}

/// Compares two run folders and writes `compare.csv` and `compare.svg`.
///
/// Nothing is written unless both folders read cleanly and the output folder is usable.
public func compareRuns(_ request: CompareRequest) throws(TargetCastError) -> CompareOutcome {
  do throws(OutputError) {
    let a = try RunFolder.read(path: request.runA)
    let b = try RunFolder.read(path: request.runB)
    var joint: RunComparison.JointCounts = [:]
    let shared = RunComparison.shareRandomNumbers(a, b)
    if let file = request.jointCountsFile, !shared {
      throw OutputError(path: file, message: "joint counts apply only to runs with the same seed and paths (common random numbers); these runs differ")
    }
    if let file = request.jointCountsFile ?? RunComparison.sharedJointCountsFile(a: request.runA, b: request.runB), shared {
      joint = try RunComparison.readJointCounts(path: file, a: a, b: b)
    }
    let comparison = try RunComparison.compare(a, b, joint: joint)
    let directory = OutputDirectory(
      path: request.outputDirectory ?? "notebooks-output/compare/\(comparison.labelA)-vs-\(comparison.labelB)")
    let written = try directory.write([
      (name: "compare.csv", contents: comparison.table().text(byteOrderMark: request.byteOrderMark)),
      (name: "compare.svg", contents: CompareChart(comparison: comparison).svg()),
    ])
    return CompareOutcome(comparison: comparison, outputDirectory: directory.path, files: written)
  } catch {
    throw .output(error)
  }
}
