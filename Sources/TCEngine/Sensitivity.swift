import Foundation
import TCScenario

/// Which uncertain input drives each target, read from the run's own paths.
///
/// Each input (a series' growth: its mean correlated shock over the horizon; a year-to-date base
/// draw; an event's occurrence) splits the paths into groups: tenths by the input's value, or
/// "did not occur" and "occurred" for an event. The target's probability in the lowest and
/// highest group is what the tornado draws, and the first-order index
/// `S = Var(E[1{target} | group]) / Var(1{target})`, estimated from the same groups with the
/// between-group bias removed, is the share of the target's variance the input explains alone.
///
/// Conditioning on the paths as simulated keeps every input's correlation with the others: with
/// growth correlated 0.6 between two counties, the paths where B grows fastest are also paths
/// where A grows fast, so B's bars move A's target as they should (holding B at a percentile
/// with A left random, the old tornado, ignored this). Nothing is re-simulated.
///
/// Runs on a fixed prefix of the paths (`sensitivity_paths`, default 20 000), so every shard
/// computes the same table.
enum Sensitivity {
  /// Groups of a continuous input.
  static let groups = 10

  static func analyze(_ prepared: Engine.Prepared, scenario: Scenario) -> [SensitivityEntry] {
    let plan = prepared.plan
    let m = min(scenario.sensitivityPaths, scenario.precision?.maxPaths ?? scenario.paths)
    guard m >= 2 * groups, !plan.targets.isEmpty else { return [] }
    // Blocks of at most the engine's largest block (its 16-bit counts): each path's numbers
    // depend only on its index, so the records are those of one block of m paths.
    let size = min(m + m % 2, SimulationOptions.maximumBlockSize)
    let kernel = BlockKernel(plan: plan, grids: prepared.grids, blockSize: size)
    var record = kernel.simulate(firstPath: 0, count: min(size, m), record: true)!
    var first = size
    while first < m {
      record.append(kernel.simulate(firstPath: first, count: min(size, m - first), record: true)!)
      first += size
    }
    let h = plan.horizon
    var inputs: [(name: String, values: [Double], binary: Bool)] = []
    for (s, spec) in scenario.series.enumerated() where plan.models[s] == nil {
      let random = (0..<h).contains { t in
        if case .fixed = plan.laws[s * h + t] { return false }
        return true
      }
      if random { inputs.append((SensitivityInput.growth(series: spec.id).key, record.seriesInputs[s], false)) }
    }
    for (d, draw) in plan.baseDraws.enumerated() {
      inputs.append((SensitivityInput.base(series: scenario.series[draw.series].id).key, record.baseInputs[d], false))
    }
    for (e, event) in scenario.events.enumerated() {
      inputs.append((SensitivityInput.event(id: event.id).key, record.eventInputs[e], true))
    }
    guard !inputs.isEmpty else { return [] }
    let groupings = inputs.map { $0.binary ? binaryGroups($0.values) : rankGroups($0.values, count: groups) }

    var entries: [SensitivityEntry] = []
    for (t, target) in scenario.targets.enumerated() {
      let y = record.success[t]
      // The decision-year level; for a k-of-n target, how many of its targets a path meets.
      let outcome = plan.targets[t].isComposite ? record.decisionLogLevel[t] : record.decisionLogLevel[t].map { Foundation.exp($0) }
      for (i, input) in inputs.enumerated() {
        let grouping = groupings[i]
        let low = grouping.first!, high = grouping.last!
        entries.append(SensitivityEntry(
          target: target.name, input: input.name,
          probabilityLow: mean(low.map { y[$0] }), probabilityHigh: mean(high.map { y[$0] }),
          medianLow: median(low.map { outcome[$0] }), medianHigh: median(high.map { outcome[$0] }),
          firstOrderIndex: firstOrderIndex(y, groups: grouping)))
      }
    }
    return entries
  }

  /// Path indices in `count` groups of (nearly) equal size by rank of `values`, lowest first;
  /// ties are broken by path index, so the groups do not depend on the sort.
  static func rankGroups(_ values: [Double], count: Int) -> [[Int]] {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    let n = order.count
    return (0..<count).map { g in Array(order[(g * n / count)..<((g + 1) * n / count)]) }
  }

  /// An event's paths: those where it did not occur, then those where it did (a group is empty
  /// when the event never or always occurs; then both are all paths).
  static func binaryGroups(_ values: [Double]) -> [[Int]] {
    let off = values.indices.filter { values[$0] < 0.5 }, on = values.indices.filter { values[$0] >= 0.5 }
    return off.isEmpty || on.isEmpty ? [Array(values.indices), Array(values.indices)] : [off, on]
  }

  /// `Var(E[y | group]) / Var(y)` from the groups (which partition the paths, or repeat them all
  /// when there is one), less the between-group sum of squares that noise alone gives
  /// (`(G − 1)·σ²` in expectation); 0 when the target never or always holds, clamped to [0, 1].
  static func firstOrderIndex(_ y: [Double], groups: [[Int]]) -> Double {
    let n = Double(y.count)
    let grand = mean(y)
    let variance = y.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / n
    guard variance > 0, groups.count > 1, groups[0].count < y.count else { return 0 }
    var between = 0.0
    for group in groups where !group.isEmpty {
      let d = mean(group.map { y[$0] }) - grand
      between += Double(group.count) * d * d
    }
    let index = (between - Double(groups.count - 1) * variance * n / (n - 1)) / (n * variance)
    return min(1, max(0, index))
  }

  static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }

  static func median(_ x: [Double]) -> Double {
    let sorted = x.sorted()
    let n = sorted.count
    guard n > 0 else { return .nan }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }
}

extension PathRecord {
  /// Appends the next block's paths to each input's and target's list.
  mutating func append(_ next: PathRecord) {
    for i in seriesInputs.indices { seriesInputs[i] += next.seriesInputs[i] }
    for i in baseInputs.indices { baseInputs[i] += next.baseInputs[i] }
    for i in eventInputs.indices { eventInputs[i] += next.eventInputs[i] }
    for i in success.indices { success[i] += next.success[i] }
    for i in decisionLogLevel.indices { decisionLogLevel[i] += next.decisionLogLevel[i] }
  }
}
