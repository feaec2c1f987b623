import Foundation
import TCScenario

/// The shards a part of a run holds: disjoint, non-adjacent ranges of 1-based shard indices in
/// ascending order (`[1...4, 7...7]`), encoded as `[[1, 4], [7, 7]]`. One shard covers `[i...i]`;
/// a merge covers the union of its inputs, and a complete run `[1...n]`.
public struct ShardCoverage: Sendable, Codable, Equatable, CustomStringConvertible {
  public private(set) var ranges: [ClosedRange<Int>]

  /// The single shard `index`.
  public init(_ index: Int) { ranges = [index...index] }

  public init(from decoder: any Decoder) throws {
    ranges = try [ClosedRange<Int>](from: decoder)
  }

  public func encode(to encoder: any Encoder) throws { try ranges.encode(to: encoder) }

  /// How many shards are covered.
  public var count: Int { ranges.reduce(0) { $0 + $1.count } }

  /// Whether the ranges are ascending, disjoint and not adjacent (the one form `union` builds).
  public var isCanonical: Bool {
    zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound + 1 < $1.lowerBound }
  }

  /// Whether some shard is in both.
  public func overlaps(_ other: ShardCoverage) -> Bool {
    var i = 0, j = 0
    while i < ranges.count, j < other.ranges.count {
      if ranges[i].overlaps(other.ranges[j]) { return true }
      if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
    }
    return false
  }

  /// Both coverages together, in canonical form.
  public func union(_ other: ShardCoverage) -> ShardCoverage {
    var merged: [ClosedRange<Int>] = []
    for range in (ranges + other.ranges).sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    var out = self
    out.ranges = merged
    return out
  }

  /// `1-4, 7`.
  public var description: String {
    ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
  }
}

/// Folds parts of one run together one at a time, so a merge holds one part and the running total
/// whatever the number of shards. Parts may themselves be merges (`targetcast merge --partial`);
/// the counts are exact integers, so any grouping and order gives the same bytes.
public struct PartialRunMerger: Sendable {
  /// The running total (nil before the first part).
  public private(set) var merged: PartialRun?

  public init() {}

  /// Adds a part, checked against the parts before it.
  ///
  /// - Throws: `ScenarioError` (key `shards`) when the part belongs to another run or repeats a shard.
  public mutating func add(_ part: PartialRun) throws(ScenarioError) {
    guard var total = merged else {
      merged = part
      return
    }
    guard part.shardCount == total.shardCount, part.grids == total.grids, part.pathsRequested == total.pathsRequested else {
      throw ScenarioError(key: "shards", message: "the shards come from different scenarios, seeds, path counts or shard counts")
    }
    guard !part.shards.overlaps(total.shards) else {
      throw ScenarioError(key: "shards", message: "shards \(part.shards) and \(total.shards) overlap: a shard given twice")
    }
    total.state.merge(part.state)
    total.shards = total.shards.union(part.shards)
    total.threads = max(total.threads, part.threads)
    merged = total
  }

  /// The result one run would have given.
  ///
  /// - Throws: `ScenarioError` (key `shards`) unless every shard `1…n` has been added.
  public func result(scenario: Scenario, options: SimulationOptions = SimulationOptions(), seconds: Double = 0) throws(ScenarioError) -> SimulationResult {
    guard let merged else { throw ScenarioError(key: "shards", message: "expected at least one shard to merge") }
    let n = merged.shardCount
    guard merged.shards.ranges == [1...n] else {
      throw ScenarioError(key: "shards", message: "expected shards 1…\(n) of one run exactly once each, found \(merged.shards)")
    }
    return Engine.summarize(merged, scenario: scenario, options: options, seconds: seconds)
  }
}
