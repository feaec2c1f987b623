import Foundation
import PropertyBased
import Testing
@testable import TargetCast

/// Results depend on the scenario and its seed only: not on shards, threads or the run.
@Suite struct ReproducibilityTests {
  /// Shards 1…n (n = 2, 3, 5) merged write the same tables, byte for byte, as one run; so do one
  /// and two threads. (Generated scenarios have a number of paths: `paths: auto` is not sharded.)
  @Test func shardsMergedAndThreadCountsGiveTheSameTables() throws {
    try forEachGenerated(18, seed: 4, from: ScenarioGenerator.scenario) { index, scenario in
      let one = tables(try Engine.run(scenario, options: SimulationOptions(threads: 1)))
      let two = tables(try Engine.run(scenario, options: SimulationOptions(threads: 2)))
      let count = [2, 3, 5][index % 3]
      let parts = try (1...count).map { shard throws(ScenarioError) in
        try Engine.runPart(scenario, shard: shard, of: count, options: SimulationOptions(threads: 1))
      }
      let merged = tables(try Engine.merge(parts.reversed(), scenario: scenario))
      for (name, contents) in one {
        #expect(contents == two[name], "\(name): 1 vs 2 threads; \(describe(index, scenario))")
        #expect(contents == merged[name], "\(name): one run vs \(count) shards merged; \(describe(index, scenario))")
      }
    }
  }

  /// The same scenario and seed give the same tables twice; another seed gives another
  /// forecast.csv whenever some growth is random.
  @Test func theSeedAloneDecidesTheNumbers() throws {
    var reseeded = 0
    try forEachGenerated(18, seed: 5, from: ScenarioGenerator.scenario) { index, scenario in
      let first = tables(try Engine.run(scenario))
      let again = tables(try Engine.run(scenario))
      #expect(first == again, "\(describe(index, scenario))")
      guard scenario.hasRandomGrowth else { return }
      var other = scenario
      other.seed = scenario.seed &+ 1
      let different = tables(try Engine.run(other))
      #expect(first["forecast.csv"] != different["forecast.csv"], "seed \(scenario.seed) vs \(other.seed); \(describe(index, scenario))")
      reseeded += 1
    }
    #expect(reseeded >= 9, "only \(reseeded) generated scenarios had random growth")
  }
}
