import Foundation

/// Automatic ARIMA for annual data: differencing by KPSS tests, orders by AICc.
///
/// Follows Hyndman & Khandakar (2008) with two simplifications suited to short annual series:
/// - **d** (≤ 2): difference while the KPSS level-stationarity test (Kwiatkowski et al. 1992)
///   rejects at 5 % (statistic above 0.463), with `⌊3√n/13⌋` Bartlett lags — the settings of
///   statsforecast's `ndiffs`; a constant (differenced) series stops the differencing.
/// - **p, q** (≤ 2): the full grid, not the stepwise search, each with and without a constant
///   when d ≤ 1 (mean for d = 0, drift for d = 1); orders too long for the series are skipped.
///   Fits with an AR or MA root of modulus below 1.01 are rejected, as in Hyndman & Khandakar
///   (statsforecast skips this check when only the first coefficient is non-zero; we do not).
///   The lowest AICc wins. A series fitted exactly by some order (constant differences) gets
///   the simplest such fit. If every candidate is rejected, ARIMA(0,d,0) is used.
///
/// The fitted model's `name` is `"auto_arima"`; its `method` says which order was chosen.
public struct AutoARIMAModel: ForecastModel {
  public var name: String { "auto_arima" }

  /// Largest AR and MA order searched.
  public let maxOrder: Int

  /// Creates the specification; `maxOrder` (at most 2) bounds p and q.
  public init(maxOrder: Int = 2) {
    self.maxOrder = min(max(maxOrder, 0), 2)
  }

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try select(y)
  }

  /// The largest order's minimum over every number of differences (9 values for `maxOrder` 2).
  public var fullSelectionCount: Int {
    (0...2).flatMap { d in candidates(count: .max, differences: d) }.map(\.minimumCount).max() ?? 0
  }

  /// Candidate specifications for a series of length `n` with `d` differences, simplest first.
  func candidates(count n: Int, differences d: Int) -> [ARIMAModel] {
    var out: [ARIMAModel] = []
    for order in 0...(2 * maxOrder) {
      for p in 0...maxOrder where order - p >= 0 && order - p <= maxOrder {
        for drift in d <= 1 ? [true, false] : [false] {
          let spec = ARIMAModel(p: p, d: d, q: order - p, drift: drift)
          if n >= spec.minimumCount { out.append(spec) }
        }
      }
    }
    return out
  }

  func select(_ y: [Double]) throws(ModelError) -> ARIMAModel.Fitted {
    try validateSeries(y, minimumCount: 4, model: name)
    let d = Self.kpssDifferences(y)
    var best: ARIMAModel.Fitted?
    var bestAICc = Double.infinity
    for spec in candidates(count: y.count, differences: d) {
      guard let fit = try? spec.fitARIMA(y, alias: name) else { continue }
      if fit.sigma2 == 0 && fit.minusTwoLogLikelihood == nil { return fit }
      guard fit.smallestRoot >= 1.01, let aicc = fit.aicc, aicc < bestAICc else { continue }
      best = fit
      bestAICc = aicc
    }
    if let best { return best }
    // Every candidate rejected (near unit roots) or too short for d: the plain ARIMA(0,d,0).
    let fallback = ARIMAModel(p: 0, d: min(d, max(0, y.count - 4)), q: 0, drift: false)
    return try fallback.fitARIMA(y, alias: name)
  }

  /// 5 % critical value of the KPSS level-stationarity statistic (Kwiatkowski et al. 1992, table 1).
  static let kpssCritical5 = 0.463

  /// KPSS statistic for level stationarity with `lags` Bartlett-weighted autocovariances.
  static func kpssStatistic(_ x: [Double], lags: Int) -> Double {
    let n = x.count
    let mean = x.reduce(0, +) / Double(n)
    var partial = 0.0, eta = 0.0, s0 = 0.0
    for value in x {
      let e = value - mean
      partial += e
      eta += partial * partial
      s0 += e * e
    }
    var longRun = s0
    for lag in stride(from: 1, through: min(lags, n - 1), by: 1) {
      var s = 0.0
      for t in lag..<n { s += (x[t] - mean) * (x[t - lag] - mean) }
      longRun += 2 * (1 - Double(lag) / Double(lags + 1)) * s
    }
    let nd = Double(n)
    guard longRun > 0 else { return 0 }
    return (eta / (nd * nd)) / (longRun / nd)
  }

  /// Number of differences (0...2) by repeated KPSS tests at 5 %.
  static func kpssDifferences(_ y: [Double], maxDifferences: Int = 2) -> Int {
    func isConstant(_ x: [Double]) -> Bool { x.allSatisfy { $0 == x[0] } }
    var x = y
    var d = 0
    if isConstant(x) { return 0 }
    while d < maxDifferences, x.count > 2 {
      let lags = Int((3 * Double(x.count).squareRoot() / 13).rounded(.down))
      guard kpssStatistic(x, lags: lags) > kpssCritical5 else { break }
      d += 1
      x = (1..<x.count).map { x[$0] - x[$0 - 1] }
      if isConstant(x) { break }
    }
    return d
  }
}
