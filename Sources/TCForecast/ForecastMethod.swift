import Foundation
import TCModels

/// A point method of TCForecast: one per-series method or the global model.
public enum ForecastComponent: String, CaseIterable, Sendable, Hashable, Comparable {
  case naive, drift, theta, damped
  /// Damped Holt on log values (multiplicative damped trend), back-transformed; positive series only.
  case logdamped
  /// The pooled log autoregression across all series (`GlobalAutoregression`).
  case global
  /// TCModels' per-series models (see `TCModels`): AutoETS, AutoARIMA, the Theta models
  /// (standard `stm`, optimized `otm`, dynamic `dstm` and dynamic optimized `dotm`, with α and the
  /// initial level estimated, unlike the local `theta`), linear and log-linear trends, logistic and
  /// Gompertz growth. Each is refitted at the last `horizon + 10` origins (not every origin;
  /// AutoETS and AutoARIMA not before the series is long enough for all their forms), which is
  /// what calibrates their intervals.
  case ets, arima, otm, dotm, dstm, stm, linear, loglinear, logistic, gompertz

  /// Whether the component is one of TCModels' models (refitted per origin, slower).
  var isModel: Bool { model != nil }

  /// The TCModels specification behind a model component (its raw value is a name in
  /// `ModelRegistry`); nil for TCForecast's own local methods and the global model.
  var model: (any ForecastModel)? {
    switch self {
    case .naive, .drift, .theta, .damped, .logdamped, .global: return nil
    default: return ModelRegistry.entry(named: rawValue)?.make()
    }
  }

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// What to forecast with: the automatic choice or an equal-weight combination of components.
///
/// Names on the command line: `auto`, a component (`naive`, `drift`, `theta`, `damped`,
/// `global`) or components joined by `+` (`theta+drift`), meaning the mean of their forecasts.
public enum ForecastMethod: Sendable, Hashable, CustomStringConvertible {
  case auto
  case combination(Set<ForecastComponent>)

  /// Parses a name as above.
  ///
  /// - Throws: `ForecastError.unknownModel` naming the valid choices.
  public init(name: String) throws(ForecastError) {
    let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed == "auto" {
      self = .auto
      return
    }
    var parts = Set<ForecastComponent>()
    for piece in trimmed.split(separator: "+", omittingEmptySubsequences: false) {
      let key = piece == "rwd" ? "drift" : String(piece)
      guard let component = ForecastComponent(rawValue: key) else { throw .unknownModel(name) }
      parts.insert(component)
    }
    self = .combination(parts)
  }

  /// The name used in output files: `auto`, or the components in a fixed order joined by `+`.
  public var description: String {
    switch self {
    case .auto: return "auto"
    case .combination(let parts): return parts.sorted().map(\.rawValue).joined(separator: "+")
    }
  }
}
