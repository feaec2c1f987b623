/// An unfitted model specification: what to fit, not yet fitted to any data.
///
/// Every model in TCModels has the same verbs, in the spirit of statsforecast: `fit` a
/// specification to a series, then ask the fitted model for point forecasts, model-based
/// intervals, or simulated sample paths for the Monte Carlo engine. `name` is the alias that
/// names the model's output column (for example `"ets_aan_damped"` or `"theta"`).
///
/// ```swift
/// let fitted = try LinearTrendModel().fit([10, 12, 13, 15, 18])
/// let mean = fitted.pointForecast(horizon: 3)
/// let bands = fitted.intervals(horizon: 3, levels: [80, 95])
/// ```
public protocol ForecastModel: Sendable {
  /// The alias naming this model's output column.
  var name: String { get }

  /// Fits the model to an annual series `y` (oldest first, equally spaced).
  ///
  /// - Throws: `ModelError` when the series cannot be fitted by this model (too short,
  ///   non-finite, non-positive for a log or multiplicative model, or no convergence).
  ///   A caller running several models skips the model and reports the error's description.
  func fit(_ y: [Double]) throws(ModelError) -> any FittedModel

  /// Length from which every form an automatic selection chooses among can be fitted; on
  /// shorter series it chooses among fewer, simpler forms (AutoETS below 7 values has no trend
  /// form), so its forecasts there come from a different model. 0 for a single-form model.
  var fullSelectionCount: Int { get }
}

extension ForecastModel {
  public var fullSelectionCount: Int { 0 }
}

/// A model fitted to one series.
///
/// Conforming types are immutable values, so they may be shared across threads.
public protocol FittedModel: Sendable {
  /// The alias naming this model's output column; for automatic selections, the chosen model.
  var name: String { get }

  /// What was fitted, for reports: the chosen form of an automatic selection, e.g. `ETS(A,Ad,N)`.
  /// Defaults to `name`.
  var method: String { get }

  /// Estimated parameters by name, for reports and tests (for example `"alpha"`, `"drift"`).
  var parameters: [String: Double] { get }

  /// Variance of the one-step residuals the intervals are built from (its divisor is stated by
  /// each model). Zero for a perfect fit; never NaN.
  var residualVariance: Double { get }

  /// Gaussian log-likelihood of the fitted data including all constants, or `nil` when it is
  /// not defined (for example a perfect fit, whose likelihood is unbounded).
  var logLikelihood: Double? { get }

  /// Small-sample corrected AIC, `-2 logLik + 2k + 2k(k+1)/(n-k-1)`, or `nil` when undefined
  /// (no likelihood, or `n - k - 1 <= 0`).
  var aicc: Double? { get }

  /// Point forecasts for steps `1...horizon`; empty for `horizon <= 0`.
  func pointForecast(horizon: Int) -> [Double]

  /// Model-based prediction intervals, one `ForecastInterval` per entry of `levels`.
  ///
  /// - Parameter levels: coverage in percent, each in the open interval (0, 100), e.g. `[80, 95]`.
  ///   The caller validates user-given levels with `ForecastInterval.isValidLevel(_:)`.
  func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval]

  /// Simulated future sample paths, `paths` arrays of `horizon` values each.
  ///
  /// Path `i` draws only from `RandomStream(seed: seed, stream: streamID(streamOffset, UInt64(i)))`,
  /// so a path's values do not depend on which thread or shard simulates it.
  func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]]
}

extension FittedModel {
  public var method: String { name }
}

/// Lower and upper prediction bounds at one coverage level, for steps `1...horizon`.
public struct ForecastInterval: Sendable, Equatable {
  /// Coverage in percent, e.g. 95.
  public var level: Double
  /// Lower bounds per step.
  public var lower: [Double]
  /// Upper bounds per step.
  public var upper: [Double]

  /// Creates an interval from its bounds.
  public init(level: Double, lower: [Double], upper: [Double]) {
    self.level = level
    self.lower = lower
    self.upper = upper
  }

  /// Whether `level` is a usable coverage in percent: finite and strictly between 0 and 100.
  public static func isValidLevel(_ level: Double) -> Bool {
    level.isFinite && level > 0 && level < 100
  }
}
