import Foundation
import TargetCast

/// Shard files (parts separated by a `%%` line) merged in memory; the merged tables are checked.
enum FuzzShardInput {
  static func run(_ bytes: [UInt8]) {
    let parts = fuzzParts(bytes).prefix(16)
    let inputs = parts.enumerated().map { (path: "shard-\($0.offset + 1).json", data: Data($0.element)) }
    guard let merged = try? mergeShards(Array(inputs)) else { return }
    checkOutputs(merged.files)
  }
}
