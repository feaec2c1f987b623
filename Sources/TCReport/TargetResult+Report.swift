import TCEngine

/// The one place the report writers read a target's probability, standard error and interval.
///
/// Today they come from the binomial estimate. When the engine reports them itself (for example
/// the paired standard error of antithetic variates), only these three lines change.
extension TargetResult {
  var reportedProbability: Double { estimate.probability }
  var reportedStandardError: Double { estimate.standardError }
  var reportedInterval: (low: Double, high: Double) { estimate.wilsonInterval() }
}
