extension TargetEstimator {
  /// Antithetic variates: path 2i+1 takes path 2i's normals negated (`fillShocks`), so the pairs,
  /// not the paths, are the independent draws, and the standard error is the pairs' means'.
  struct Antithetic: Method {
    /// Counts the block's pairs by how many of their two paths met target `index` (0, 1 or 2).
    /// Blocks have an even size, so a pair never straddles two blocks.
    func record(success: Span<UInt8>, count n: Int, target index: Int, into state: inout SimulationState) {
      var j = 0
      while j + 1 < n {
        state.pairOutcomes[index * 3 + Int(success[j]) + Int(success[j + 1])] &+= 1
        j += 2
      }
    }

    func estimate(_ state: SimulationState, target index: Int, successes: UInt64) -> TargetEstimate {
      let n = state.paths
      let p0 = Double(state.pairOutcomes[index * 3]), p1 = Double(state.pairOutcomes[index * 3 + 1]), p2 = Double(state.pairOutcomes[index * 3 + 2])
      let pairs = p0 + p1 + p2
      let p = Double(successes) / Double(n)
      guard pairs > 1 else {
        return TargetEstimate(successes: Int(successes), probability: p, standardError: .nan, interval: (0, 1))
      }
      // Each pair's mean is 0, ½ or 1; its sample variance over pairs, divided by the pairs.
      let mean = (p1 * 0.5 + p2) / pairs
      let second = (p1 * 0.25 + p2) / pairs
      let variance = max(0, second - mean * mean) * pairs / (pairs - 1)
      let se = (variance / pairs).squareRoot()
      return .normal(successes: successes, probability: p, standardError: se)
    }
  }
}
