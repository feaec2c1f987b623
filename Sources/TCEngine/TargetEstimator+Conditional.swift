import TCRandom

extension TargetEstimator {
  /// Conditional Monte Carlo: each path contributes the probability q that the condition holds
  /// in the decision year given the path up to the year before — a normal tail, since the
  /// series' growth that year is lognormal and independent of the past — instead of its 0/1
  /// outcome. q has the same mean and a smaller variance.
  struct Conditional: Method {
    /// Log-growth mean and sd of the target's series in the decision year.
    let mean: Double
    let sigma: Double
    /// Fixed-point scale of the sums of q and q² (exact merging across blocks and shards).
    let scale: Double

    /// Adds Σ q and Σ q² of the block's paths for target `index`. `values` holds the target's
    /// quantity (year t of path j at `t · b + j`), `first` each path's first year reaching it,
    /// `reference` each path's reference log-level; `baseLog(j)` is path j's base-year log-level
    /// (read only when the decision year is the first simulated year).
    func record(
      _ target: SimulationPlan.PlannedTarget, values: Span<Double>, first: Span<Int32>, reference: Span<Double>,
      blockSize b: Int, count n: Int, baseLog: (Int) -> Double, target index: Int, into state: inout SimulationState
    ) {
      // q = P(condition in year y | paths up to y − 1) = 1 − Φ((c − x_{y−1} − m)/σ), or 1 when a
      // "by" target was already met before y.
      let y = target.decisionYear
      let c = target.thresholds[y]
      let previous: Int? = y - 1 >= 0 ? (y - 1) * b : nil
      var sum: Int128 = 0, squares: Int128 = 0
      for j in 0..<n {
        let q: Double
        if !target.inYear && first[j] < Int32(y) {
          q = 1
        } else {
          let x = (previous.map { values[$0 + j] } ?? baseLog(j)) - reference[j]
          q = NormalDistribution.cdf(-(c - x - mean) / sigma)
        }
        let fixed = Int64((q * scale).rounded())
        sum &+= Int128(fixed)
        squares &+= Int128(Int64((q * q * scale).rounded()))
      }
      state.conditionalSum[index] &+= sum
      state.conditionalSumOfSquares[index] &+= squares
    }

    /// The mean of q with its sample standard error; plain with fewer than two paths.
    func estimate(_ state: SimulationState, target index: Int, successes: UInt64) -> TargetEstimate {
      let n = state.paths
      guard n > 1 else { return Plain().estimate(state, target: index, successes: successes) }
      let p = Double(state.conditionalSum[index]) / scale / Double(n)
      let second = Double(state.conditionalSumOfSquares[index]) / scale / Double(n)
      let variance = max(0, second - p * p) * Double(n) / Double(n - 1)
      let se = (variance / Double(n)).squareRoot()
      return .normal(successes: successes, probability: p, standardError: se)
    }
  }
}
