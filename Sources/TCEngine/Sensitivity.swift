import Foundation
import TCLinearAlgebra
import TCRandom
import TCScenario

/// Which uncertain input drives each target: a tornado (each input at its 10th and 90th
/// percentile with the others left random, common random numbers) and standardized regression
/// coefficients of the target indicator on the sampled inputs (least squares via LAPACK).
///
/// Runs on a fixed prefix of the paths (`sensitivity_paths`, default 20 000), so every shard
/// computes the same table.
enum Sensitivity {
  static func analyze(_ prepared: Engine.Prepared, scenario: Scenario) -> [SensitivityEntry] {
    let plan = prepared.plan
    let m = min(scenario.sensitivityPaths, scenario.precision?.maxPaths ?? scenario.paths)
    guard m >= 8, !plan.targets.isEmpty else { return [] }
    // Blocks of at most the engine's largest block (its 16-bit counts): each path's numbers
    // depend only on its index, so the records are those of one block of m paths.
    let size = min(m + m % 2, SimulationOptions.maximumBlockSize)
    func run(_ override: (series: Int, value: Double)?, event: (index: Int, occurs: Bool)?) -> PathRecord {
      let kernel = BlockKernel(plan: plan, grids: prepared.grids, blockSize: size)
      kernel.override = override
      kernel.eventOverride = event
      var record = kernel.simulate(firstPath: 0, count: min(size, m), record: true)!
      var first = size
      while first < m {
        record.append(kernel.simulate(firstPath: first, count: min(size, m - first), record: true)!)
        first += size
      }
      return record
    }
    let base = run(nil, event: nil)
    let h = plan.horizon
    var inputs: [(name: String, values: [Double], low: PathRecord, high: PathRecord)] = []
    let z10 = NormalDistribution.quantile(0.1), z90 = NormalDistribution.quantile(0.9)
    for (s, spec) in scenario.series.enumerated() where plan.models[s] == nil {
      let random = (0..<h).contains { t in
        if case .fixed = plan.laws[s * h + t] { return false }
        return true
      }
      guard random else { continue }
      inputs.append(("growth:\(spec.id)", base.seriesInputs[s], run((s, z10), event: nil), run((s, z90), event: nil)))
    }
    for (e, event) in scenario.events.enumerated() {
      inputs.append(("event:\(event.id)", base.eventInputs[e], run(nil, event: (e, false)), run(nil, event: (e, true))))
    }
    guard !inputs.isEmpty else { return [] }

    // Standardized inputs; constant ones get coefficient 0.
    let columns = inputs.map { standardize($0.values) }
    let usable = columns.indices.filter { columns[$0] != nil }
    var design = Matrix(rows: m, columns: usable.count + 1)
    for i in 0..<m { design[i, 0] = 1 }
    for (c, index) in usable.enumerated() { for i in 0..<m { design[i, c + 1] = columns[index]!.values[i] } }

    var entries: [SensitivityEntry] = []
    for (t, target) in scenario.targets.enumerated() {
      let y = base.success[t]
      var coefficients = Array(repeating: 0.0, count: inputs.count)
      if let yStandardized = standardize(y), !usable.isEmpty, let fit = try? LAPACK.leastSquares(design, yStandardized.values) {
        for (c, index) in usable.enumerated() { coefficients[index] = fit.coefficients[c + 1] }
      }
      for (i, input) in inputs.enumerated() {
        entries.append(SensitivityEntry(
          target: target.name, input: input.name,
          probabilityLow: mean(input.low.success[t]), probabilityHigh: mean(input.high.success[t]),
          medianLow: exp(median(input.low.decisionLogLevel[t])), medianHigh: exp(median(input.high.decisionLogLevel[t])),
          standardizedCoefficient: coefficients[i]))
      }
    }
    return entries
  }

  static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

  static func median(_ x: [Double]) -> Double {
    let sorted = x.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }

  static func standardize(_ x: [Double]) -> (values: [Double], sd: Double)? {
    let mu = mean(x)
    let variance = x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(max(1, x.count - 1))
    guard variance > 1e-300, variance.isFinite else { return nil }
    let sd = variance.squareRoot()
    return (x.map { ($0 - mu) / sd }, sd)
  }
}

extension PathRecord {
  /// Appends the next block's paths to each input's and target's list.
  mutating func append(_ next: PathRecord) {
    for i in seriesInputs.indices { seriesInputs[i] += next.seriesInputs[i] }
    for i in eventInputs.indices { eventInputs[i] += next.eventInputs[i] }
    for i in success.indices { success[i] += next.success[i] }
    for i in decisionLogLevel.indices { decisionLogLevel[i] += next.decisionLogLevel[i] }
  }
}
