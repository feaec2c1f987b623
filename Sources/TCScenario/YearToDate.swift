import Foundation
import TCRandom

/// A cumulative year-to-date figure for the base year, turned into a distribution of the full year.
///
/// Let `m` be `throughMonth` and `Y` the year-to-date value. The full year is `F = Y / s`, where
/// `s` is the share of the year's total reached by the end of month `m`.
///
/// - With historical shares `s₁…sₙ` (n ≥ 2): `xᵢ = ln sᵢ` has sample mean `x̄` and sample standard
///   deviation `d` (divisor n − 1). A new year's log share is predicted as
///   `x̄ + d·√(1 + 1/n)·T` with `T` Student-t with n − 1 degrees of freedom (the normal predictive
///   interval with the mean and variance estimated from n years), so
///   `ln F ~ t_{n−1}(location: ln Y − x̄, scale: d·√(1 + 1/n))`.
/// - Without history (run-rate): `ln F ~ Normal(ln(Y·12/m), runRateSD²)`: the run-rate is the
///   median and `runRateSD` is the stated standard deviation of the log full year.
///
/// Either way a draw below `Y` is raised to `Y` (the year cannot end below what is already booked).
public struct YearToDateSpec: Sendable, Equatable, Codable {
  /// Last month (1–11) the cumulative figure covers.
  public var throughMonth: Int
  /// Cumulative value January…`throughMonth`, in the scenario's units.
  public var value: Double
  /// Historical shares of the full year reached by the end of `throughMonth`, one per earlier year.
  public var shares: [Double]
  /// Standard deviation of the log full year around the log run-rate (used without history).
  public var runRateSD: Double?
  /// An official full-year estimate whose plausibility is reported, if any.
  public var officialEstimate: Double?

  public init(throughMonth: Int, value: Double, shares: [Double] = [], runRateSD: Double? = nil, officialEstimate: Double? = nil) {
    self.throughMonth = throughMonth
    self.value = value
    self.shares = shares
    self.runRateSD = runRateSD
    self.officialEstimate = officialEstimate
  }

  /// Whether the full year follows the historical shares (otherwise the run-rate).
  public var usesHistory: Bool { shares.count >= 2 }

  /// Run-rate full year, `value · 12 / throughMonth`.
  public var runRate: Double { value * 12 / Double(throughMonth) }

  /// Distribution of `ln F` before the floor at `ln value` (see the type's documentation).
  public var logFullYear: Distribution {
    if usesHistory {
      let logs = shares.map { Foundation.log($0) }
      let n = Double(logs.count)
      let mean = logs.reduce(0, +) / n
      let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
      let scale = variance.squareRoot() * (1 + 1 / n).squareRoot()
      let location = Foundation.log(value) - mean
      return scale > 0 ? .studentT(df: n - 1, location: location, scale: scale) : .constant(location)
    }
    let sd = runRateSD ?? 0
    return sd > 0 ? .normal(mean: Foundation.log(runRate), sd: sd) : .constant(Foundation.log(runRate))
  }

  /// Median of the full year (the base level when the series gives no `base`).
  public var median: Double { Swift.max(value, Foundation.exp(logFullYear.quantile(0.5))) }

  /// Quantile `p` of the full year.
  public func quantile(_ p: Double) -> Double { Swift.max(value, Foundation.exp(logFullYear.quantile(p))) }

  /// P(F ≤ level): the percentile of a full-year figure (0 below the year-to-date value).
  public func percentile(of level: Double) -> Double {
    guard level >= value else { return 0 }
    return logFullYear.cdf(Foundation.log(level))
  }

  /// Share of the year an estimate leaves for the remaining months, `1 − value/estimate`.
  public func impliedRemainingShare(of estimate: Double) -> Double { 1 - value / estimate }

  /// Historical shares of the remaining months `1 − sᵢ` (empty without history).
  public var historicalRemainingShares: [Double] { shares.map { 1 - $0 } }
}
