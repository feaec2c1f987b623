import Foundation

/// ARIMA(p, d, q) for annual data, fitted by exact Gaussian maximum likelihood.
///
/// The series is differenced `d` times; the differenced series `w_t` follows a stationary
/// ARMA(p, q) around a constant `μ` when `drift` is set (the mean for d = 0, the drift per year
/// for d = 1, as in Hyndman & Khandakar 2008; not allowed for d = 2) and around zero otherwise.
///
/// **Estimation.** Exact maximum likelihood of the differenced series by the Kalman filter
/// (`ARMALikelihood`, stationary initial covariance; no conditional-sum-of-squares stage), with
/// `μ` and `σ²` profiled out exactly, so the shared Nelder–Mead optimizer searches only the
/// `p + q` coefficients. It searches in partial-autocorrelation coordinates (Jones 1980,
/// Monahan 1984), so every trial is stationary and invertible. The reported likelihood is that
/// of the `n - d` differences (the same quantity as statsmodels `SARIMAX` on the differences).
/// The σ² behind intervals and paths is `Σ v_t²/F_t / (n - d - k)`, `k = p + q + c` estimated
/// coefficients (statsforecast's convention), not the smaller maximum-likelihood estimate.
///
/// **Forecasts and intervals.** Point forecasts come from the final filtered state, integrated
/// `d` times. Intervals are `ŷ ± z σ √(Σ_{j<h} ψ_j²)` with the psi weights of the full ARIMA
/// (normal quantiles); they treat the final state as known, which is exact for pure AR models
/// and a close approximation otherwise. Paths run the state equations forward with Gaussian
/// innovations drawn from each path's own stream.
///
/// **Size.** Orders `p, q ≤ 2`, `d ≤ 2`. A fit needs `n ≥ d + p + q + c + 3` values, `c = 1`
/// with a constant, so that its AICc is defined (e.g. ARIMA(0,1,0) with drift: 5, ARIMA(2,1,2)
/// with drift: 9). A series fitted exactly (constant differences) gives zero-width intervals and
/// no likelihood.
public struct ARIMAModel: ForecastModel {
  /// Autoregressive order.
  public let p: Int
  /// Order of differencing.
  public let d: Int
  /// Moving-average order.
  public let q: Int
  /// Whether a constant is estimated: the mean for d = 0, the drift for d = 1.
  public let drift: Bool

  /// Creates a specification, e.g. `ARIMAModel(p: 0, d: 1, q: 1, drift: true)`.
  ///
  /// Orders are checked when fitting (`ModelError.invalidSetting` outside p, q ≤ 2, d ≤ 2, or a
  /// constant with d = 2).
  public init(p: Int = 0, d: Int = 0, q: Int = 0, drift: Bool = false) {
    self.p = p
    self.d = d
    self.q = q
    self.drift = drift
  }

  /// `arima_<p><d><q>`, with `_mean` or `_drift` when a constant is estimated: `arima_011_drift`.
  public var name: String { "arima_\(p)\(d)\(q)" + (drift ? (d == 0 ? "_mean" : "_drift") : "") }

  /// The conventional label, e.g. `ARIMA(0,1,1) with drift`.
  public var method: String {
    "ARIMA(\(p),\(d),\(q))" + (drift ? (d == 0 ? " with non-zero mean" : " with drift") : "")
  }

  /// Values needed to fit this specification: `d + p + q + c + 3`.
  public var minimumCount: Int { d + p + q + (drift ? 1 : 0) + 3 }

  public func fit(_ y: [Double]) throws(ModelError) -> any FittedModel {
    try fitARIMA(y, alias: name)
  }

  static let optimizer = NelderMead(maxEvaluations: 2_000, tolerance: 1e-10, restarts: 2)

  func fitARIMA(_ y: [Double], alias: String) throws(ModelError) -> Fitted {
    guard (0...2).contains(p), (0...2).contains(q), (0...2).contains(d) else {
      throw .invalidSetting(model: name, reason: "orders must satisfy p, q, d in 0...2")
    }
    if drift && d == 2 { throw .invalidSetting(model: name, reason: "a constant needs d <= 1") }
    try validateSeries(y, minimumCount: minimumCount, model: name)
    var w = y
    var tails: [Double] = []  // last value of y, Δy, …, Δ^{d-1}y
    for _ in 0..<d {
      tails.append(w[w.count - 1])
      w = (1..<w.count).map { w[$0] - w[$0 - 1] }
    }
    let n = w.count
    let center = w.reduce(0, +) / Double(n)
    var scale = w.reduce(0) { $0 + abs($1 - center) } / Double(n)
    let dataScale = y.reduce(0) { max($0, abs($1)) }
    if scale <= 1e-12 * max(dataScale, 1e-300) {
      // Constant differences: fitted exactly with a constant (or when they are zero).
      if drift || abs(center) <= 1e-12 * max(dataScale, 1e-300) {
        return Fitted(spec: self, alias: alias, ar: [Double](repeating: 0, count: p), ma: [Double](repeating: 0, count: q),
                      constant: drift ? center : 0, sigma2: 0, minusTwoLogLikelihood: nil, count: n,
                      finalState: [Double](repeating: 0, count: max(p, q + 1)), tails: tails)
      }
      scale = abs(center)
    }
    let scaled = w.map { $0 / scale }
    var likelihood = ARMALikelihood(p: p, q: q, includeMean: drift)
    var ar = [Double](repeating: 0, count: p), ma = [Double](repeating: 0, count: q)
    var scratch = [Double](repeating: 0, count: 2)
    let (p, q) = (self.p, self.q)
    func setCoefficients(_ u: [Double]) {
      stationaryCoefficients(u[0..<p], into: &ar, scratch: &scratch)
      stationaryCoefficients(u[p..<p + q], into: &ma, scratch: &scratch)
      for j in 0..<q { ma[j] = -ma[j] }
      likelihood.setCoefficients(ar: ar, ma: ma)
    }
    let buffer = scaled.span
    if p + q > 0 {
      let k = p + q
      let result = Self.optimizer.minimize(
        start: [Double](repeating: 0, count: k), steps: [Double](repeating: 0.5, count: k),
        lower: [Double](repeating: -.infinity, count: k), upper: [Double](repeating: .infinity, count: k)
      ) { u in
        setCoefficients(u)
        return likelihood.evaluate(buffer).minusTwoLogLikelihood
      }
      setCoefficients(result.x)
    } else {
      likelihood.setCoefficients(ar: [], ma: [])
    }
    let evaluation = likelihood.evaluate(buffer, keepState: true)
    guard evaluation.admissible, evaluation.minusTwoLogLikelihood.isFinite || evaluation.sumOfSquares == 0 else {
      throw .notConverged(model: name)
    }
    let sigma2 = evaluation.sumOfSquares * scale * scale / Double(n - p - q - (drift ? 1 : 0))
    let exact = evaluation.sumOfSquares <= Double(n) * 1e-20
    return Fitted(
      spec: self, alias: alias, ar: ar, ma: ma, constant: evaluation.mean * scale, sigma2: exact ? 0 : sigma2,
      minusTwoLogLikelihood: exact ? nil : evaluation.minusTwoLogLikelihood + 2 * Double(n) * log(scale),
      count: n, finalState: evaluation.finalState.map { $0 * scale }, tails: tails)
  }

  /// An ARIMA model fitted to a series.
  public struct Fitted: FittedModel {
    public let name: String
    /// The fitted form, e.g. `ARIMA(1,1,0) with drift`.
    public let method: String
    let spec: ARIMAModel
    /// `φ₁, …, φ_p`.
    public let ar: [Double]
    /// `θ₁, …, θ_q` (sign convention `e_t + θ₁ e_{t-1} + …`, as R and statsforecast).
    public let ma: [Double]
    /// The mean (d = 0) or drift (d = 1); zero without a constant.
    public let constant: Double
    let sigma2: Double
    let minusTwoLogLikelihood: Double?
    /// Number of differenced values the likelihood covers, `n - d`.
    let count: Int
    let finalState: [Double]
    let tails: [Double]

    init(spec: ARIMAModel, alias: String, ar: [Double], ma: [Double], constant: Double, sigma2: Double,
         minusTwoLogLikelihood: Double?, count: Int, finalState: [Double], tails: [Double]) {
      name = alias
      method = spec.method
      self.spec = spec
      self.ar = ar
      self.ma = ma
      self.constant = constant
      self.sigma2 = sigma2
      self.minusTwoLogLikelihood = minusTwoLogLikelihood
      self.count = count
      self.finalState = finalState
      self.tails = tails
    }

    public var parameters: [String: Double] {
      var out = ["sigma2": sigma2]
      for (i, v) in ar.enumerated() { out["ar\(i + 1)"] = v }
      for (i, v) in ma.enumerated() { out["ma\(i + 1)"] = v }
      if spec.drift { out[spec.d == 0 ? "mean" : "drift"] = constant }
      return out
    }

    /// Innovation variance `Σ v_t²/F_t / (n - d - k)`, `k = p + q + c` estimated coefficients.
    public var residualVariance: Double { sigma2 }

    /// Exact Gaussian log-likelihood of the `n - d` differences.
    public var logLikelihood: Double? { minusTwoLogLikelihood.map { -0.5 * $0 } }

    /// AICc with `p + q + c + 1` parameters (σ² counted) over `n - d` values.
    public var aicc: Double? {
      correctedAIC(logLikelihood: logLikelihood, parameterCount: ar.count + ma.count + (spec.drift ? 1 : 0) + 1, count: count)
    }

    /// Smallest root modulus of the AR and MA polynomials (`+∞` without coefficients).
    var smallestRoot: Double {
      min(smallestRootModulus(ar.map { -$0 }), smallestRootModulus(ma))
    }

    /// Runs the state equations `h` steps from the final state with innovations `shock(step)`,
    /// adds the constant and undoes the differencing.
    @inline(__always)
    private func run(horizon: Int, into out: inout [Double], shock: (Int) -> Double) {
      let r = finalState.count
      var state = finalState, levels = tails
      var next = state
      for h in 0..<horizon {
        let e = shock(h)
        for i in 0..<r {
          let phi = i < ar.count ? ar[i] : 0
          let theta = i == 0 ? 1 : (i - 1 < ma.count ? ma[i - 1] : 0)
          next[i] = phi * state[0] + (i + 1 < r ? state[i + 1] : 0) + theta * e
        }
        swap(&state, &next)
        var value = state[0] + constant
        for k in stride(from: levels.count - 1, through: 0, by: -1) {
          levels[k] += value
          value = levels[k]
        }
        out[h] = value
      }
    }

    public func pointForecast(horizon: Int) -> [Double] {
      var out = [Double](repeating: 0, count: max(0, horizon))
      run(horizon: max(0, horizon), into: &out) { _ in 0 }
      return out
    }

    /// Forecast-error standard deviations `σ √(Σ_{j<h} ψ_j²)` for steps 1...horizon.
    func forecastStandardDeviations(horizon: Int) -> [Double] {
      let psi = psiWeights(ar: ar, ma: ma, differences: spec.d, count: max(0, horizon))
      var sum = 0.0
      return psi.map { v in
        sum += v * v
        return (sigma2 * sum).squareRoot()
      }
    }

    public func intervals(horizon: Int, levels: [Double]) -> [ForecastInterval] {
      gaussianIntervals(mean: pointForecast(horizon: horizon),
                        standardDeviation: forecastStandardDeviations(horizon: horizon), levels: levels)
    }

    public func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64) -> [[Double]] {
      let sigma = sigma2.squareRoot()
      return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
        run(horizon: horizon, into: &path) { _ in sigma * stream.nextNormal() }
      }
    }
  }
}
