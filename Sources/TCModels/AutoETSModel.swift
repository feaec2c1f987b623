/// Automatic ETS: fits every non-seasonal form valid for the series and keeps the lowest AICc.
///
/// Candidates are ANN, AAN, AAdN and, for strictly positive data, MNN, MAN, MAdN (no
/// multiplicative trend, as statsforecast's default); a form is skipped when the series is too
/// short for it. A series fitted exactly by some form (e.g. constant) gets the simplest such form.
/// The fitted model's `name` is `"auto_ets"`; its `method` says which form was chosen.
public struct AutoETSModel: ForecastModel {
  public var name: String { "auto_ets" }

  /// Creates the specification.
  public init() {}

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try select(y)
  }

  /// The longest form's minimum, ETS(A,Ad,N)'s 7 values.
  public var fullSelectionCount: Int { ETSModel.nonSeasonal.map { $0.form.estimatedCount + 2 }.max()! }

  func select(_ y: [Double]) throws(ModelError) -> ETSModel.Fitted {
    try validateSeries(y, minimumCount: 4, model: name)
    let positive = y.allSatisfy { $0 > 0 }
    var best: ETSModel.Fitted?
    var bestAICc = Double.infinity
    var additiveFits: [ETSModel.TrendComponent: ETSModel.Fitted] = [:]
    for spec in ETSModel.nonSeasonal {
      if spec.error == .multiplicative && !positive { continue }
      if y.count < spec.form.estimatedCount + 2 { continue }
      let start = spec.error == .multiplicative ? additiveFits[spec.trend] : nil
      guard let fit = try? spec.fitETS(y, alias: name, additiveStart: start) else { continue }
      if spec.error == .additive { additiveFits[spec.trend] = fit }
      if fit.isExactFit { return fit }
      if let aicc = fit.aicc, aicc < bestAICc {
        best = fit
        bestAICc = aicc
      }
    }
    guard let best else { throw .notConverged(model: name) }
    return best
  }
}
