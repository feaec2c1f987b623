/// The dynamic standard Theta model (DSTM, Fiorucci et al. 2016): θ = 2 with the drift following
/// the least-squares line of the values seen so far, updated each year (see `ThetaLine`), instead
/// of the line of the whole series.
///
/// α ∈ [0.1, 0.99] and the initial level minimize the sum of squared one-step errors from the
/// fourth on: the first predictions come from lines through one to three values (the criterion
/// of Fiorucci's forecTheta and of statsforecast). Intervals are Gaussian with the exact forecast
/// variance of the linear recursion, `σ² Σ_j ψ_{h,j}²` (`ThetaFit.impulseResponses`), and
/// `σ² = Σe²/(n - 3 - 2)`; needs 6 values.
public struct DynamicThetaModel: ForecastModel {
  public var name: String { "dstm" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try validateSeries(y, minimumCount: ThetaFit.dynamicBurnIn + 3, model: name)
    return ThetaFitted(name: name, fit: ThetaFit.fit(y, fixedC: 0.5, dynamic: true, burnIn: ThetaFit.dynamicBurnIn), estimated: 2)
  }
}
