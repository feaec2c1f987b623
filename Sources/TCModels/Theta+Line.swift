/// The least-squares line of y on time t = 1, 2, … whose slope drives the Theta models' drift.
///
/// Fixed (STM, OTM): the line of all n values, `A_n`, `B_n`; absorbing a value only moves the
/// time index. Dynamic (DSTM, DOTM; Fiorucci et al. 2016, section 3.2): the line of the values
/// seen so far, updated as each value `y_t` arrives by
///
///     Ȳ_t = ((t-1) Ȳ_{t-1} + y_t) / t,
///     B_t = [(t-2) B_{t-1} + 6 (y_t - Ȳ_{t-1}) / t] / (t+1),
///     A_t = Ȳ_t - (t+1)/2 · B_t,
///
/// which is ordinary least squares on the first t values (A_1 = y_1, B_1 = 0).
/// Every update is linear in the values, so a line started at zero carries the effect of a
/// change in the values (the forecast's impulse responses use that).
struct ThetaLine: Sendable {
  var dynamic: Bool
  /// Values absorbed so far (the time index of the last one).
  var count: Int
  var mean: Double
  var intercept: Double
  var slope: Double

  /// The fixed line of `y` on t = 1...n, in closed form (n ≥ 2).
  static func fixed(_ y: [Double]) -> ThetaLine {
    let n = Double(y.count)
    let tMean = (n + 1) / 2
    let yMean = y.reduce(0, +) / n
    var sxy = 0.0
    for (t, value) in y.enumerated() { sxy += (Double(t + 1) - tMean) * (value - yMean) }
    let slope = sxy / (n * (n * n - 1) / 12)
    return ThetaLine(dynamic: false, count: 0, mean: yMean, intercept: yMean - slope * tMean, slope: slope)
  }

  /// A dynamic line before its first value.
  static var dynamicStart: ThetaLine {
    ThetaLine(dynamic: true, count: 0, mean: 0, intercept: 0, slope: 0)
  }

  /// The same line with its coefficients zeroed: the state of a perturbation (see above).
  var zeroed: ThetaLine {
    ThetaLine(dynamic: dynamic, count: count, mean: 0, intercept: 0, slope: 0)
  }

  /// The drift term of the next one-step prediction, `d·A + (1 - d(1-α))/α · B`, where
  /// `d = (1-α)^count` is passed in (kept by the caller's recursion).
  @inline(__always)
  func drift(decay d: Double, alpha: Double) -> Double {
    d * intercept + (1 - d * (1 - alpha)) / alpha * slope
  }

  /// Takes in the next value (an observation, a forecast or a perturbation).
  @inline(__always)
  mutating func absorb(_ value: Double) {
    count += 1
    guard dynamic else { return }
    guard count > 1 else {
      (mean, intercept, slope) = (value, value, 0)
      return
    }
    let t = Double(count)
    let previousMean = mean
    mean = ((t - 1) * mean + value) / t
    slope = ((t - 2) * slope + 6 * (value - previousMean) / t) / (t + 1)
    intercept = mean - (t + 1) / 2 * slope
  }
}
