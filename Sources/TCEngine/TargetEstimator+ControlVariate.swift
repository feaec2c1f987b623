extension TargetEstimator {
  /// Control variates: the target's indicator Y is regressed on the indicator C of a Gaussian
  /// event close to it (`SimulationPlan.Control`) whose probability is known exactly.
  struct ControlVariate: Method {
    let control: SimulationPlan.Control

    /// Adds the block's paths where the control held, and where both it and target `index` did.
    /// `zp` holds the series' log-levels (series s, year t, path j at `s · h · b + t · b + j`);
    /// `scratch` has room for one row.
    func record(
      _ zp: Span<Double>, horizon h: Int, blockSize b: Int, count n: Int, success: Span<UInt8>,
      scratch controlRow: inout MutableSpan<Double>, target index: Int, into state: inout SimulationState
    ) {
      // The control's linear form (a single unit term is the series' own row), then its
      // indicator against the target's.
      let hits: UInt64, joint: UInt64
      if control.terms.count == 1 && control.terms[0].weight == 1 {
        let o = control.terms[0].series * h * b + control.terms[0].year * b
        (hits, joint) = RowLoops.controlCounts(
          zp.extracting(o ..< o + n), cut: control.cut, success: success.extracting(0 ..< n))
      } else {
        RowLoops.fill(&controlRow, with: 0, count: n)
        for term in control.terms {
          let o = term.series * h * b + term.year * b
          RowLoops.addScaled(zp.extracting(o ..< o + n), weight: term.weight, to: &controlRow)
        }
        (hits, joint) = RowLoops.controlCounts(
          controlRow.span.extracting(0 ..< n), cut: control.cut, success: success.extracting(0 ..< n))
      }
      state.controlHits[index] &+= hits
      state.controlJointHits[index] &+= joint
    }

    /// The regression estimator; plain with fewer than two paths.
    func estimate(_ state: SimulationState, target index: Int, successes: UInt64) -> TargetEstimate {
      let n = state.paths
      guard n > 1 else { return Plain().estimate(state, target: index, successes: successes) }
      // Regression estimator p̂ = Ȳ − β (C̄ − P(C)), β = cov(Y, C) / var(C); its variance is
      // var(Y − βC) / n = var(Y)(1 − ρ²) / n. Y and C are 0/1, so all moments come from the
      // counts of Y, C and Y·C.
      let count = Double(n)
      let y = Double(successes) / count
      let c = Double(state.controlHits[index]) / count
      let both = Double(state.controlJointHits[index]) / count
      let unbiased = count / (count - 1)
      let covariance = (both - y * c) * unbiased
      let controlVariance = c * (1 - c) * unbiased
      let beta = controlVariance > 0 ? covariance / controlVariance : 0
      let p = Swift.min(1, Swift.max(0, y - beta * (c - control.probability)))
      let residual = Swift.max(0, y * (1 - y) * unbiased - beta * covariance)
      let se = (residual / count).squareRoot()
      return .normal(successes: successes, probability: p, standardError: se)
    }
  }
}
