/// Every forecasting model TargetCast offers, once: the name a scenario gives under
/// `model.type`, the short names the `forecast` command also accepts, what it is, and how to
/// make one. The scenario's plan check, the engine and the panel forecaster all look models up
/// here; an unknown name is an error, never a fallback.
///
/// Adding a model is its implementation file plus one entry below.
public struct ModelEntry: Sendable {
  /// Name under `model.type` in a scenario, e.g. `auto_ets`.
  public let name: String
  /// Other accepted names, e.g. `ets` (the `forecast` command's component name).
  public let aliases: [String]
  /// One line for help texts.
  public let summary: String
  /// A new unfitted specification.
  public let make: @Sendable () -> any ForecastModel

  /// Every name this entry answers to.
  public var allNames: [String] { [name] + aliases }
}

public enum ModelRegistry {
  public static let entries: [ModelEntry] = [
    ModelEntry(name: "auto_arima", aliases: ["arima"], summary: "ARIMA with orders chosen by AICc (Hyndman–Khandakar)") { AutoARIMAModel() },
    ModelEntry(name: "auto_ets", aliases: ["ets"], summary: "exponential smoothing state space model chosen by AICc") { AutoETSModel() },
    ModelEntry(name: "dynamic_optimized_theta", aliases: ["dotm"], summary: "dynamic optimized Theta model (Fiorucci et al. 2016)") { DynamicOptimizedThetaModel() },
    ModelEntry(name: "dynamic_theta", aliases: ["dstm"], summary: "dynamic standard Theta model, theta = 2 (Fiorucci et al. 2016)") { DynamicThetaModel() },
    ModelEntry(name: "gompertz", aliases: [], summary: "Gompertz saturating growth curve") { GompertzModel() },
    ModelEntry(name: "linear_trend", aliases: ["linear"], summary: "straight-line trend") { LinearTrendModel() },
    ModelEntry(name: "log_linear_trend", aliases: ["loglinear"], summary: "constant growth rate (trend in logs)") { LogLinearTrendModel() },
    ModelEntry(name: "logistic", aliases: [], summary: "logistic saturating growth curve") { LogisticModel() },
    ModelEntry(name: "naive", aliases: [], summary: "last value carried forward (random walk)") { NaiveModel() },
    ModelEntry(name: "optimized_theta", aliases: ["otm"], summary: "optimized Theta method (Fiorucci et al. 2016)") { OptimizedThetaModel() },
    ModelEntry(name: "random_walk_drift", aliases: ["rwd"], summary: "random walk with drift") { RandomWalkDriftModel() },
    ModelEntry(name: "theta", aliases: ["stm"], summary: "standard Theta method (Assimakopoulos and Nikolopoulos 2000)") { ThetaModel() },
  ]

  /// Canonical names, in registry order.
  public static var names: [String] { entries.map(\.name) }

  /// The entry with this name or alias, if any.
  public static func entry(named name: String) -> ModelEntry? {
    entries.first { $0.allNames.contains(name) }
  }
}
