/// A Monte Carlo probability estimate, such as "target met in k of n paths".
///
/// Carries the counts, so estimates from path blocks merge exactly. The standard error
/// is the binomial √(p(1-p)/n); the Wilson score interval (Wilson 1927) is reported
/// because it stays inside [0, 1] and is sensible at p = 0 or 1 where the Wald
/// interval collapses to a point.
public struct ProportionEstimate: Sendable, Equatable {
  /// Number of trials that succeeded.
  public private(set) var successes: Int
  /// Number of trials recorded.
  public private(set) var trials: Int

  /// An estimate from counts.
  /// - Precondition: `0 <= successes <= trials` (a programmer error otherwise).
  public init(successes: Int = 0, trials: Int = 0) {
    precondition(successes >= 0 && successes <= trials,
                 "ProportionEstimate needs 0 <= successes (\(successes)) <= trials (\(trials))")
    self.successes = successes
    self.trials = trials
  }

  /// successes / trials; NaN when there are no trials.
  public var probability: Double {
    trials == 0 ? .nan : Double(successes) / Double(trials)
  }

  /// √(p(1-p)/n); NaN when there are no trials.
  public var standardError: Double {
    guard trials > 0 else { return .nan }
    let p = probability
    return (p * (1 - p) / Double(trials)).squareRoot()
  }

  /// The Wilson score interval for the probability.
  ///
  /// With n trials, p̂ = k/n and z the normal quantile (default: 1.959963984540054, 95%):
  /// centre (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n) · √(p̂(1-p̂)/n + z²/4n²).
  /// The ends are exactly 0 when k = 0 and exactly 1 when k = n; (0, 1) when n = 0.
  public func wilsonInterval(z: Double = 1.959963984540054) -> (low: Double, high: Double) {
    guard trials > 0 else { return (0, 1) }
    let n = Double(trials)
    let p = probability
    let z2 = z * z
    let scale = 1 / (1 + z2 / n)
    let centre = (p + z2 / (2 * n)) * scale
    let half = z * scale * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    let low = successes == 0 ? 0 : Swift.max(0, centre - half)
    let high = successes == trials ? 1 : Swift.min(1, centre + half)
    return (low, high)
  }

  /// Records one trial.
  public mutating func record(_ success: Bool) {
    trials += 1
    if success { successes += 1 }
  }

  /// Adds the counts of `other`.
  public mutating func merge(_ other: ProportionEstimate) {
    successes += other.successes
    trials += other.trials
  }
}
