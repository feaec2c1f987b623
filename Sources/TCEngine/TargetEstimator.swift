/// A target probability as one estimator gives it.
struct TargetEstimate {
  /// Paths that met the target (the plain count, whatever the estimator).
  var successes: Int
  var probability: Double
  var standardError: Double
  /// 95% interval of the probability.
  var interval: (low: Double, high: Double)

  /// p ± 1.96·se clamped to [0, 1]: the 95% interval for estimators whose standard error is not
  /// binomial (conditional Monte Carlo, antithetic pairs, control variates), where Wilson's
  /// interval does not apply.
  static func normal(successes: UInt64, probability p: Double, standardError se: Double) -> TargetEstimate {
    let z = 1.959963984540054
    return TargetEstimate(
      successes: Int(successes), probability: p, standardError: se, interval: (max(0, p - z * se), min(1, p + z * se)))
  }
}

/// How one target's probability is estimated: the plain share of paths, or a variance-reduction
/// method. Each case's type owns its formula and, where the method needs more than which paths
/// met the target, what the kernel records for it from each block.
///
/// A scenario picks one method (`variance_reduction`); a target the method cannot serve (no
/// control, no conditional law) is estimated plainly.
enum TargetEstimator: Sendable {
  case plain(Plain)
  case antithetic(Antithetic)
  case conditional(Conditional)
  case controlVariate(ControlVariate)

  /// The verb every estimator shares.
  protocol Method: Sendable {
    /// Probability, standard error and interval of target `index` from the merged counts of
    /// `state`, in which `successes` paths met it.
    func estimate(_ state: SimulationState, target index: Int, successes: UInt64) -> TargetEstimate
  }

  /// The estimator of target `index` of `plan`.
  init(plan: SimulationPlan, target index: Int) {
    if let law = plan.targets[index].conditional {
      self = .conditional(Conditional(mean: law.mean, sigma: law.sigma, scale: plan.conditionalScale))
    } else if let control = plan.controls[index] {
      self = .controlVariate(ControlVariate(control: control))
    } else if plan.antithetic {
      self = .antithetic(Antithetic())
    } else {
      self = .plain(Plain())
    }
  }

  var method: any Method {
    switch self {
    case .plain(let method): method
    case .antithetic(let method): method
    case .conditional(let method): method
    case .controlVariate(let method): method
    }
  }

  /// Paths of `state` that met target `index`: in the decision year, or by it.
  static func successes(_ state: SimulationState, plan: SimulationPlan, target index: Int) -> UInt64 {
    let target = plan.targets[index]
    let h = plan.horizon
    var successes: UInt64 = 0
    if target.inYear {
      successes = state.inYearHits[index]
    } else {
      for t in 0...target.decisionYear { successes += state.firstYear[index * (h + 1) + t] }
    }
    return successes
  }
}
