import Foundation
import TargetCast

/// Shard files (parts separated by a `%%` line) merged in memory; the merged tables are checked.
/// (Charts and reports are left out: they cost ten times the merge, and the scenario harness
/// drives them on every accepted plan.)
enum FuzzShardInput {
  static func run(_ bytes: [UInt8]) {
    let parts = FuzzTarget.parts(bytes).prefix(16)
    let inputs = parts.enumerated().map { (path: "shard-\($0.offset + 1).json", data: Data($0.element)) }
    guard let result = try? mergeShards(Array(inputs)) else { return }
    // A merge that would hold an infinite number is refused by the writer (exit 2); only what
    // would be written must be finite.
    guard result.firstInfiniteValue() == nil else { return }
    checkOutputs(runTablesInMemory(result))
  }
}
