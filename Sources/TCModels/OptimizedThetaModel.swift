/// The optimized Theta method (OTM, Fiorucci et al. 2016): the Theta state-space model with θ ≥ 1
/// estimated together with α and the initial level by least squares of one-step errors.
///
/// Intervals as `ThetaModel`, with `σ² = Σe²/(n - 3)`. θ is capped at 1e8 (c = 1 - 1/θ < 1).
public struct OptimizedThetaModel: ForecastModel {
  public var name: String { "otm" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, minimumCount: 4, model: name)
    return ThetaFitted(name: name, fit: ThetaFit.fit(y, fixedC: nil), estimated: 3)
  }
}
