/// The dynamic optimized Theta model (DOTM, Fiorucci et al. 2016): θ ≥ 1 estimated with α and the
/// initial level, the drift following the least-squares line of the values seen so far, updated
/// each year (see `ThetaLine`).
///
/// Estimated as `DynamicThetaModel` (squared one-step errors from the fourth on; for each α the
/// level and c = 1 - 1/θ exactly). Intervals as there, with `σ² = Σe²/(n - 3 - 3)`; needs 7
/// values. θ is capped at 1e8.
public struct DynamicOptimizedThetaModel: ForecastModel {
  public var name: String { "dotm" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, minimumCount: ThetaFit.dynamicBurnIn + 4, model: name)
    return ThetaFitted(name: name, fit: ThetaFit.fit(y, fixedC: nil, dynamic: true, burnIn: ThetaFit.dynamicBurnIn), estimated: 3)
  }
}
