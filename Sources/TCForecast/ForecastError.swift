import Foundation

/// A forecast request that cannot be served: what was expected.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
  case badHorizon(Int)
  case unknownModel(String)
  case badLevel(Double)
  case badReferenceWeight(Double)
  case badQuantile(Double)
  case badGrowthTarget(Double)
  case badWindows(Int)
  /// No series is long enough for the requested backtest.
  case nothingToEvaluate(String)

  public var description: String {
    switch self {
    case .badHorizon(let h): return "--horizon: expected a number of years from 1 to \(ForecastOptions.maximumHorizon), found \(h)"
    case .unknownModel(let name):
      return "--model: unknown model '\(name)'; expected auto, naive, drift, theta, damped, logdamped, global, ets, arima, otm, dotm, dstm, stm, linear, loglinear, logistic, gompertz, or components joined by '+' (e.g. theta+drift)"
    case .badLevel(let level):
      let hint = level > 0 && level < 1 ? "; did you mean \((level * 100).formatted()) (a \((level * 100).formatted())% interval)?" : ""
      return "--level: expected a coverage in percent, at least 1 and below 100 (90 for a 90% interval), found \(level.formatted())" + hint
    case .badReferenceWeight(let w): return "--reference-weight: expected a weight in series, 0 or more, found \(w)"
    case .badQuantile(let tau): return "--quantiles: expected probabilities strictly between 0 and 1, found \(tau)"
    case .badGrowthTarget(let r): return "--growth-target: expected a finite ratio to the last value, found \(r)"
    case .badWindows(let w): return "--windows: expected at least 1, found \(w)"
    case .nothingToEvaluate(let why): return why
    }
  }
}
