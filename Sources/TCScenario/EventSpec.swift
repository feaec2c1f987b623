/// A discrete occurrence that changes one series: a project coming online (a level added with a
/// ramp-up profile) or a downturn (a growth shock for one year).
///
/// Occurrence is driven by a latent standard normal per path (and per year for `perYear` events):
/// the event happens when Φ(latent) < probability. Events naming the same `driver` share part of
/// their latent normal, `latent = loading·D + √(1 − loading²)·ε`, so their occurrences are
/// correlated (latent correlation loading_a·loading_b).
public struct EventSpec: Sendable, Equatable, Codable {
  public enum Frequency: Sendable, Equatable, Codable {
    /// At most once over the horizon, with probability `probability`; the start year is drawn
    /// from `timing`.
    case once(timing: [Int: Double])
    /// Independently in every simulated year in `years`, with probability `probability` each.
    case perYear(years: ClosedRange<Int>)
  }

  public enum Effect: Sendable, Equatable, Codable {
    /// Adds `level` to the series, scaled by `ramp[i]` in the i-th year after the start (the
    /// last entry holds afterwards; default `[1]`).
    case addLevel(level: Double, ramp: [Double])
    /// Multiplies the series' level by `1 + shock` in the year of occurrence (−0.1 = a 10% fall).
    case growthShock(Double)
  }

  public var id: String
  public var series: String
  public var probability: Double
  public var frequency: Frequency
  public var effect: Effect
  /// Shared driver name and loading in [−1, 1], if the event is correlated with others.
  public var driver: String?
  public var loading: Double

  public init(
    id: String, series: String, probability: Double, frequency: Frequency, effect: Effect,
    driver: String? = nil, loading: Double = 0
  ) {
    self.id = id
    self.series = series
    self.probability = probability
    self.frequency = frequency
    self.effect = effect
    self.driver = driver
    self.loading = loading
  }
}
