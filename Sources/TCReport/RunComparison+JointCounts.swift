import Foundation

extension RunComparison {
  /// Name of the joint-count file a run with variants writes beside its variant folders.
  public static let jointCountsFileName = RunOutputs.jointTargets.name

  /// Reads joint counts: paths on which each target was met in both runs.
  ///
  /// Columns `target` and `both_met` are required. When the file also has `variant_a` and
  /// `variant_b` (one row per target and pair of variants run together), only rows for this pair
  /// are used, in either order (the count is symmetric); a run without a variant is `base`.
  /// When it has `paths`, every used row must match the runs' path count.
  public static func readJointCounts(path: String, a: RunFolder, b: RunFolder) throws(OutputError) -> JointCounts {
    try jointCounts(in: try CSVTable.read(path: path), file: path, a: a, b: b)
  }

  /// Joint counts from a table read from `file` (see ``readJointCounts(path:a:b:)``).
  public static func jointCounts(in table: CSVTable, file path: String, a: RunFolder, b: RunFolder) throws(OutputError) -> JointCounts {
    let target = try table.column("target", file: path), both = try table.column("both_met", file: path)
    let variantA = table.header.firstIndex(of: "variant_a"), variantB = table.header.firstIndex(of: "variant_b")
    let pathsColumn = table.header.firstIndex(of: "paths")
    let pair = Set([a.manifest?.variant ?? "base", b.manifest?.variant ?? "base"])
    var counts: JointCounts = [:]
    for (index, row) in table.rows.enumerated() {
      if let variantA, let variantB {
        let rowPair = Set([row[variantA], row[variantB]])
        // A run compared with itself has a one-element pair; so must the row.
        guard rowPair == pair else { continue }
      }
      let runPaths = a.manifest?.paths ?? pathsColumn.flatMap { Int(row[$0]) }
      guard let count = Int(row[both]), count >= 0, count <= (runPaths ?? Int.max) else {
        throw OutputError(
          path: path,
          message: "line \(index + 2): expected a whole number of paths from 0 to \(runPaths.map(String.init) ?? "the run's paths") in both_met, found '\(row[both])'")
      }
      if let pathsColumn, let runPaths = a.manifest?.paths, Int(row[pathsColumn]) != runPaths {
        throw OutputError(path: path, message: "line \(index + 2): joint counts for \(row[pathsColumn]) paths, but the runs have \(runPaths)")
      }
      counts[row[target]] = count
    }
    return counts
  }

  /// The joint-count file shared by two variant folders of one run
  /// (`<scenario>/<variant>/` with `<scenario>/joint_targets.csv`), if there is one.
  public static func sharedJointCountsFile(a: String, b: String) -> String? {
    let parentA = URL(fileURLWithPath: a).standardizedFileURL.deletingLastPathComponent()
    let parentB = URL(fileURLWithPath: b).standardizedFileURL.deletingLastPathComponent()
    guard parentA == parentB else { return nil }
    let file = parentA.appendingPathComponent(jointCountsFileName).path
    return FileManager.default.fileExists(atPath: file) ? file : nil
  }
}
