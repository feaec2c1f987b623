import Foundation
import TCLinearAlgebra
import TCScenario

/// Everything the hot loop needs, precomputed once from a scenario.
struct SimulationPlan: Sendable {
  let seed: UInt64
  let seriesCount: Int
  let horizon: Int
  let bases: [Double]
  /// Growth law of series `k` in simulated year `t`, at `k * horizon + t`.
  let laws: [GrowthLaw]
  /// Factor `F` with `F Fᵀ = correlation`, or `nil` for independent series.
  let correlationFactor: Matrix?
  let targets: [PlannedTarget]

  struct PlannedTarget: Sendable {
    let series: Int
    /// Index of the target year among simulated years.
    let yearIndex: Int
    let threshold: Double
    let anyYearUpTo: Bool
  }

  init(scenario: Scenario) throws(ScenarioError) {
    seed = scenario.seed
    seriesCount = scenario.series.count
    horizon = scenario.horizon
    bases = scenario.series.map(\.base)
    var laws: [GrowthLaw] = []
    for spec in scenario.series {
      for year in scenario.simulatedYears { laws.append(GrowthLaw(spec.growth(in: year))) }
    }
    self.laws = laws
    if let correlation = scenario.correlation, seriesCount > 1 {
      correlationFactor = try SimulationPlan.factor(correlation, file: scenario.sourceFile)
    } else {
      correlationFactor = nil
    }
    targets = scenario.targets.map { target in
      PlannedTarget(
        series: scenario.seriesIndex(of: target.series)!, yearIndex: target.year - scenario.baseYear - 1,
        threshold: target.threshold, anyYearUpTo: target.timing == .byYear)
    }
  }

  /// Cholesky factor of a correlation matrix; for a singular but positive semidefinite matrix
  /// (e.g. two perfectly correlated series) the symmetric square-root factor V·√Λ instead.
  static func factor(_ correlation: [[Double]], file: String?) throws(ScenarioError) -> Matrix {
    let matrix = Matrix(rowMajor: correlation)
    if let factor = try? LAPACK.cholesky(matrix, .lower) { return factor }
    let eigen: (values: [Double], vectors: Matrix)
    do {
      eigen = try LAPACK.symmetricEigen(matrix)
    } catch {
      throw ScenarioError(file: file, key: "correlation", message: "cannot factor the correlation matrix: \(error)")
    }
    let smallest = eigen.values.min() ?? 0
    guard smallest >= -1e-10 else {
      throw ScenarioError(
        file: file, key: "correlation",
        message: "the correlation matrix is not positive semidefinite (smallest eigenvalue \(String(format: "%.4g", smallest))); no set of series can have these correlations")
    }
    let n = matrix.rows
    var factor = Matrix(rows: n, columns: n)
    for j in 0..<n {
      let scale = max(0, eigen.values[j]).squareRoot()
      for i in 0..<n { factor[i, j] = eigen.vectors[i, j] * scale }
    }
    return factor
  }
}
