import TCStatistics

extension TargetEstimator {
  /// The share of paths that met the target, with Wilson's interval: the outcomes are independent
  /// 0/1 draws, so the count is binomial.
  struct Plain: Method {
    func estimate(_ state: SimulationState, target index: Int, successes: UInt64) -> TargetEstimate {
      let estimate = ProportionEstimate(successes: Int(successes), trials: state.paths)
      return TargetEstimate(
        successes: Int(successes), probability: estimate.probability, standardError: estimate.standardError,
        interval: estimate.wilsonInterval())
    }
  }
}
