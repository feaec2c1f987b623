/// What a panel forecast should contain.
public struct ForecastOptions: Sendable, Equatable {
  /// Years ahead, at least 1.
  public var horizon: Int
  /// The methods to run; each gives its own rows.
  public var methods: [ForecastMethod]
  /// Central interval levels in percent.
  public var levels: [Double]
  /// Extra predictive quantiles (probabilities in (0, 1)).
  public var quantiles: [Double]
  /// Ratios R for the probabilities `P(y[T+h] >= R·y[T])`.
  public var growthTargets: [Double]
  /// Worker threads; results do not depend on it.
  public var threads: Int
  /// Weight, in series, of the reference panel's errors in every interval's error pool (see
  /// `ReferencePanel`); 0 calibrates on the file's own errors alone.
  public var referenceWeight: Double = ForecastOptions.defaultReferenceWeight
  public static let defaultReferenceWeight = 20.0
  /// The reference panel's series, oldest value first (nil: the shipped one, `ReferencePanel`);
  /// positive values only. For checking the prior against another panel (`--reference-panel`).
  public var referenceSeries: [[Double]]? = nil

  public init(
    horizon: Int, methods: [ForecastMethod] = [.auto], levels: [Double] = [80, 95], quantiles: [Double] = [],
    growthTargets: [Double] = [], threads: Int? = nil
  ) {
    self.horizon = horizon
    self.methods = methods
    self.levels = levels
    self.quantiles = quantiles
    self.growthTargets = growthTargets
    self.threads = threads ?? defaultThreadCount
  }

  /// The longest horizon accepted (yearly data: two centuries is already far beyond any use).
  public static let maximumHorizon = 200

  /// Checks every field, throwing the first problem.
  public func validate() throws(ForecastError) {
    guard (1...Self.maximumHorizon).contains(horizon) else { throw .badHorizon(horizon) }
    // Below 1 it is a fraction typed for a percentage (0.9 for 90): a 0.9% interval is never meant.
    for level in levels where !(level.isFinite && level >= 1 && level < 100) { throw .badLevel(level) }
    for tau in quantiles where !(tau.isFinite && tau > 0 && tau < 1) { throw .badQuantile(tau) }
    for r in growthTargets where !r.isFinite { throw .badGrowthTarget(r) }
    guard referenceWeight.isFinite, referenceWeight >= 0 else { throw .badReferenceWeight(referenceWeight) }
  }
}

/// The forecast of one series by one method.
public struct SeriesForecast: Sendable, Equatable {
  public var series: String
  /// The method's name as asked for (`auto`, or a combination such as `drift+theta`).
  public var model: String
  /// The components this series' forecast is the mean of, joined by `+` in a fixed order: what
  /// `auto` chose, or the combination asked for less any member that could not be fitted to this
  /// series (drift when none could; `PanelForecast.notes` says why).
  public var components: String
  /// The years forecast: last observed year + 1 … + horizon.
  public var years: [Int]
  /// The point forecast per year: the median of the predictive distribution (inside every
  /// central interval).
  public var median: [Double]
  /// The mean of the predictive distribution per year (above the median when the distribution
  /// is skewed up, as a log-scale spread makes it).
  public var mean: [Double]
  /// `lower[i][h]`, `upper[i][h]` for `ForecastOptions.levels[i]`.
  public var lower: [[Double]]
  public var upper: [[Double]]
  /// `quantiles[j][h]` for `ForecastOptions.quantiles[j]`.
  public var quantiles: [[Double]]
  /// `growth[k][h]` = P(y[T+h] >= growthTargets[k] · y[T]).
  public var growth: [[Double]]
  /// In-sample one-step-ahead forecasts of the method, ascending by year: for each year whose
  /// value had at least `RollingForecasts.firstOrigin` values before it and a forecast from them.
  public var fitted: [FittedValue] = []
}

/// The method's forecast of an observed year made one year before it, and what it missed by.
public struct FittedValue: Sendable, Equatable {
  public var year: Int
  /// The one-step-ahead forecast from the values before `year`.
  public var fitted: Double
  /// The observed value minus `fitted`.
  public var residual: Double
  public init(year: Int, fitted: Double, residual: Double) {
    self.year = year
    self.fitted = fitted
    self.residual = residual
  }
}

/// What `auto` chose for a panel, and the validation figures behind the choice.
public struct AutoChoice: Sendable, Equatable, CustomStringConvertible {
  /// The chosen combination.
  public var method: ForecastMethod
  /// Validation OWA (mean of sMAPE and MASE relative to drift; lower is better) of each candidate.
  public var candidateScores: [(String, Double)]
  /// Lags and weighting of the global model.
  public var globalLags: Int
  public var globalEqualWeight: Bool
  /// Exponent of the volatility scaling of pooled errors (0 = plain log errors).
  public var volatilityExponent: Double
  /// Half-life in years of the recency weights of rolling-origin errors (infinite = equal weights).
  public var halfLife: Double
  /// Why the global model was not a candidate (nil when it was).
  public var globalLeftOut: String? = nil
  /// Series of the file whose held-out years scored the candidates (one weight each).
  public var fileSeries = 0
  /// Weight of the reference panel's held-out years in the scores (0: the file's alone).
  public var referenceWeight = 0.0

  public static func == (a: AutoChoice, b: AutoChoice) -> Bool {
    a.method == b.method && a.globalLags == b.globalLags && a.volatilityExponent == b.volatilityExponent
      && a.globalEqualWeight == b.globalEqualWeight && a.halfLife == b.halfLife
  }

  public var description: String {
    let volatility = volatilityExponent.formatted(.number.precision(.fractionLength(2)))
    let ranked = candidateScores.sorted { $0.1 < $1.1 }.prefix(5)
      .map { "\($0.0) \($0.1.formatted(.number.precision(.fractionLength(4))))" }.joined(separator: ", ")
    let global = globalLeftOut.map { "global model left out: \($0)" }
      ?? "global model: \(globalLags) lag\(globalLags == 1 ? "" : "s"), \(globalEqualWeight ? "equal series weights" : "equal window weights")"
    let weight = referenceWeight.formatted(.number.precision(.significantDigits(1...3)))
    let evidence = referenceWeight > 0
      ? "\(fileSeries) series of the file (weight 1 each) and the reference panel (weight \(weight))"
      : "\(fileSeries) series of the file"
    return "auto chose \(method) [validation OWA vs drift on the last years of \(evidence); best 5: \(ranked)] (\(global); volatility exponent \(volatility), error half-life \(halfLife.isFinite ? "\(Int(halfLife)) years" : "none"))"
  }
}

/// Forecasts of every series of a panel.
public struct PanelForecast: Sendable {
  public var options: ForecastOptions
  public var forecasts: [SeriesForecast]
  /// The automatic choice, when `auto` was requested.
  public var choice: AutoChoice?
  /// Per-series notes (a method left out for a series, and why).
  public var notes: [String]
}

import Foundation
