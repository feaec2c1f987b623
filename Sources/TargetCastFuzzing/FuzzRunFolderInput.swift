import Foundation
import TCReport

/// Two run folders and joint counts, as seven parts separated by `%%` lines: A's run.json,
/// forecast.csv, targets.csv, then B's, then joint_targets.csv (an empty run.json part means the
/// folder has none). An accepted comparison must give finite numbers and a readable table.
enum FuzzRunFolderInput {
  static func run(_ bytes: [UInt8]) {
    let parts = FuzzTarget.parts(bytes).map { String(decoding: $0, as: UTF8.self) }
    guard parts.count >= 6 else { return }
    do throws(OutputError) {
      func folder(_ name: String, _ offset: Int) throws(OutputError) -> RunFolder {
        let manifest = parts[offset].isEmpty ? nil : try RunManifest.read(data: Data(parts[offset].utf8), path: "\(name)/run.json")
        return RunFolder(
          path: name,
          forecast: try CSVTable.parse(parts[offset + 1], file: "\(name)/forecast.csv"),
          targets: try CSVTable.parse(parts[offset + 2], file: "\(name)/targets.csv"),
          manifest: manifest)
      }
      let a = try folder("a", 0), b = try folder("b", 3)
      var joint: RunComparison.JointCounts = [:]
      if parts.count > 6, RunComparison.shareRandomNumbers(a, b) {
        let table = try CSVTable.parse(parts[6], file: "joint_targets.csv")
        joint = try RunComparison.jointCounts(in: table, file: "joint_targets.csv", a: a, b: b)
      }
      let comparison = try RunComparison.compare(a, b, joint: joint)
      checkOutputs([("compare.csv", comparison.table().text(byteOrderMark: false))])
      _ = CompareChart(comparison: comparison).svg()
      _ = comparison.summary()
    } catch {
      return
    }
  }
}
