import Foundation
import TCScenario

/// One shard's contribution to a run (or a whole run): exactly mergeable state plus what is
/// needed to summarize it. Written by `targetcast run --shard i/n`, read by `targetcast merge`.
public struct PartialRun: Sendable, Codable, Equatable {
  /// Format version of the encoded file.
  public var format = PartialRun.currentFormat
  /// The shards this part holds: one for `run --shard i/n`, several after `merge --partial`.
  public var shards: ShardCoverage
  public var shardCount: Int
  public var pathsRequested: Int
  var grids: EngineGrids
  var state: SimulationState
  var sensitivity: [SensitivityEntry]
  public var warnings: [String]
  public var threads: Int
  public var blockSize: Int

  /// Paths this part simulated.
  public var paths: Int { state.paths }

  /// JSON encoding (sorted keys, so equal parts give equal bytes).
  public func encoded() throws -> Data {
    try StoredJSON.encoder().encode(self)
  }

  public static func decode(_ data: Data) throws -> PartialRun {
    let decoder = StoredJSON.decoder()
    return try decoder.decode(PartialRun.self, from: data)
  }
}
