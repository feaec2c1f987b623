import Foundation
import Testing
@testable import TCModels

struct ARIMAFixture: Decodable {
  struct Fit: Decodable {
    var p: Int, d: Int, q: Int
    var constant: Bool
    var sarimaxLoglik: Double
    var peerError: String?
    var coef: [String: Double]?
    var peerStationary: Bool?
    var loglik: Double?
    var aicc: Double?
    var sigma2: Double?
    var mean: [Double]?
    var lo95: [Double]?, hi95: [Double]?
  }
  struct Auto: Decodable { var p: Int, d: Int, q: Int; var constant: Bool; var aicc: Double }
  struct Series: Decodable {
    var id: String
    var y: [Double]
    var fits: [Fit]
    var auto: [String: Auto]
  }
  var horizon: Int
  var series: [Series]
}

/// MA(1) with |θ| > 1 has the same likelihood as 1/θ; peers sometimes stop on the
/// non-invertible side, ours never does.
func invertibleMA(_ coef: [String: Double], q: Int) -> [Double] {
  let ma = (0..<q).map { coef["ma\($0 + 1)"] ?? 0 }
  if q == 1, abs(ma[0]) > 1 { return [1 / ma[0]] }
  return ma
}

@Suite struct ARIMATests {
  static let data: ARIMAFixture = try! fixture("arima.json")

  /// Exact ML on the differences: ours must reach statsmodels SARIMAX's exact log-likelihood
  /// (less 1e-3) for every order. statsforecast's CSS-ML fits are compared where they sit on
  /// the same optimum (log-likelihoods within 1e-4 of ours and of SARIMAX's, stationary AR):
  /// coefficients within 2e-3 absolute (constant within 1e-4 relative), forecasts within 1e-4
  /// relative, 95 % half-widths within 2 % (statsforecast's intervals come from the exact
  /// Kalman forecast variance, ours from psi weights). statsforecast's d ≥ 1 likelihood is
  /// sometimes not the exact one (YAI1: −91.42 where the exact value is −91.91), so it is not a
  /// lower bound for ours.
  @Test func exactMaximumLikelihoodMatchesPeers() throws {
    var compared = 0
    for series in Self.data.series {
      for peer in series.fits {
        let spec = ARIMAModel(p: peer.p, d: peer.d, q: peer.q, drift: peer.constant)
        let fit = try spec.fitARIMA(series.y, alias: spec.name)
        let ll = try #require(fit.logLikelihood)
        #expect(ll >= peer.sarimaxLoglik - 1e-3, "\(series.id) \(spec.method): \(ll) < SARIMAX \(peer.sarimaxLoglik)")
        let label = "\(series.id) \(spec.method)"
        guard let coef = peer.coef, let peerLL = peer.loglik, peer.peerStationary == true,
              abs(peerLL - ll) < 1e-4, abs(peer.sarimaxLoglik - ll) < 1e-4 else { continue }
        compared += 1
        for (i, v) in fit.ar.enumerated() { #expect(abs(v - coef["ar\(i + 1)"]!) < 2e-3, "\(label) ar\(i + 1)") }
        for (ours, theirs) in zip(fit.ma, invertibleMA(coef, q: peer.q)) { #expect(abs(ours - theirs) < 2e-3, "\(label) ma") }
        if let c = coef["intercept"] ?? coef["drift"] { #expect(close(fit.constant, c, 1e-4), "\(label) constant") }
        expectClose(fit.pointForecast(horizon: Self.data.horizon), try #require(peer.mean), 1e-4)
        let band = fit.intervals(horizon: Self.data.horizon, levels: [95])[0]
        let lo = try #require(peer.lo95), hi = try #require(peer.hi95)
        for h in 0..<Self.data.horizon {
          let ratio = (band.upper[h] - band.lower[h]) / (hi[h] - lo[h])
          #expect(abs(ratio - 1) < 0.02, "\(label) h=\(h + 1): half-width ratio \(ratio)")
        }
      }
    }
    #expect(compared >= 8)
  }

  /// Chosen orders vs statsforecast AutoARIMA with the same full grid (`stepwise=False,
  /// max_p=2, max_q=2`). One known difference: on YAD8 the exact-ML optimum of ARIMA(0,1,1)
  /// with drift has θ = −1 (an MA unit root), which the 1.01 root rule rejects, so we pick
  /// ARIMA(0,1,1) without drift; statsforecast's CSS-ML stops at θ = −0.84 and keeps the drift.
  /// statsforecast's default stepwise search picks ARIMA(0,0,0) on YAM19 (AICc 160.0) where
  /// the grid finds ARIMA(2,0,1) (AICc 153.97).
  @Test func autoSelectionMatchesStatsforecastGrid() throws {
    for series in Self.data.series {
      let fit = try AutoARIMAModel().select(series.y)
      #expect(fit.name == "auto_arima")
      let peer = try #require(series.auto["grid"])
      let expectedConstant = series.id == "YAD8" ? false : peer.constant
      #expect(fit.spec.p == peer.p && fit.spec.d == peer.d && fit.spec.q == peer.q && fit.spec.drift == expectedConstant,
              "\(series.id): \(fit.method) vs (\(peer.p),\(peer.d),\(peer.q)) constant \(peer.constant)")
    }
  }

  /// AR(1) without mean, φ = 0.6: the exact likelihood has the closed form
  /// `w₁ ~ N(0, σ²/(1-φ²))`, `w_t | w_{t-1} ~ N(φ w_{t-1}, σ²)`; forecasts are `φ^h w_n`, and
  /// h-step variances `σ² Σ_{j<h} φ^{2j}`.
  @Test func ar1ClosedForm() throws {
    let w = [1.0, -0.4, 0.7, 1.9, 0.3, -1.2, -0.5, 0.8]
    let phi = 0.6, n = Double(w.count)
    var likelihood = ARMALikelihood(p: 1, q: 0, includeMean: false)
    likelihood.setCoefficients(ar: [phi], ma: [])
    let result = likelihood.evaluate(w.span, keepState: true)
    var ssq = (1 - phi * phi) * w[0] * w[0]
    for t in 1..<w.count { ssq += (w[t] - phi * w[t - 1]) * (w[t] - phi * w[t - 1]) }
    let expected = n * log(2 * Double.pi * ssq / n) + n - log(1 - phi * phi)
    #expect(close(result.sumOfSquares, ssq, 1e-13))
    #expect(close(result.minusTwoLogLikelihood, expected, 1e-13))
    #expect(close(result.finalState[0], w[w.count - 1], 1e-13))

    let spec = ARIMAModel(p: 1)
    let fit = ARIMAModel.Fitted(spec: spec, alias: spec.name, ar: [phi], ma: [], constant: 0, sigma2: 2,
                                minusTwoLogLikelihood: expected, count: w.count, finalState: [0.8], tails: [])
    expectClose(fit.pointForecast(horizon: 4), (1...4).map { 0.8 * pow(phi, Double($0)) }, 1e-14)
    let band = fit.intervals(horizon: 4, levels: [95])[0]
    for h in 1...4 {
      let variance = 2 * (0..<h).reduce(0.0) { $0 + pow(phi, 2 * Double($1)) }
      #expect(close((band.upper[h - 1] - band.lower[h - 1]) / 2, z975 * variance.squareRoot(), 1e-12))
    }
    // With one difference and a drift the same AR(1) drives the changes: ψ_j = Σ_{i≤j} φ^i.
    expectClose(psiWeights(ar: [phi], ma: [], differences: 1, count: 4), [1, 1.6, 1.96, 2.176], 1e-14)
    // MA(1): ψ = (1, θ, 0, …); ARIMA(0,2,0): ψ_j = j + 1.
    expectClose(psiWeights(ar: [], ma: [0.5], differences: 0, count: 3), [1, 0.5, 0], 1e-15)
    expectClose(psiWeights(ar: [], ma: [], differences: 2, count: 4), [1, 2, 3, 4], 1e-15)
  }

  /// Simulated paths match the psi-weight intervals (40 000 paths: sd to about 0.4 %, so 2 % can fail).
  @Test func simulatedPathsMatchIntervals() throws {
    let y = Self.data.series[2].y  // YAD8, 39 values
    let fit = try ARIMAModel(p: 1, d: 1, q: 0, drift: true).fitARIMA(y, alias: "a")
    let sd = fit.forecastStandardDeviations(horizon: 5)
    let mean = fit.pointForecast(horizon: 5)
    let paths = fit.simulate(horizon: 5, paths: 40_000, seed: 11, streamOffset: 0)
    for h in 0..<5 {
      let (m, s) = pathMoments(paths, step: h)
      #expect(abs(m - mean[h]) < 0.02 * sd[h])
      #expect(abs(s / sd[h] - 1) < 0.02, "h=\(h + 1): \(s) vs \(sd[h])")
    }
    // Same seed, same paths; a path does not depend on how many others are drawn.
    let again = fit.simulate(horizon: 5, paths: 3, seed: 11, streamOffset: 0)
    #expect(again == Array(paths.prefix(3)))
  }

  @Test func edgeCases() throws {
    #expect(throws: ModelError.tooShort(needed: 9, got: 8)) {
      try ARIMAModel(p: 2, d: 1, q: 2, drift: true).fit([1, 2, 4, 3, 5, 6, 8, 9])
    }
    #expect(throws: ModelError.tooShort(needed: 4, got: 3)) { try ARIMAModel(d: 1).fit([1, 2, 3]) }
    #expect(throws: ModelError.invalidSetting(model: "arima_020_drift", reason: "a constant needs d <= 1")) {
      try ARIMAModel(d: 2, drift: true).fit([1, 2, 3, 4, 5, 6])
    }
    #expect(throws: ModelError.nonFinite(index: 2)) { try ARIMAModel(p: 1).fit([1, 2, .nan, 4, 5, 6]) }
    // Constant series: flat forecast, zero width, no likelihood, for every order and for auto.
    let constant = [Double](repeating: 5, count: 10)
    for spec in AutoARIMAModel().candidates(count: 10, differences: 1) + [ARIMAModel(p: 1, drift: true)] {
      let fit = try spec.fitARIMA(constant, alias: spec.name)
      expectClose(fit.pointForecast(horizon: 3), [5, 5, 5], 1e-9)
      #expect(fit.intervals(horizon: 3, levels: [80]).allSatisfy { band in !band.upper.contains { $0.isNaN } })
    }
    let auto = try AutoARIMAModel().fit(constant)
    expectClose(auto.pointForecast(horizon: 2), [5, 5], 1e-12)
    #expect(auto.logLikelihood == nil)
    // A straight line: d = 1 with drift fits exactly; nothing is NaN.
    let line = try AutoARIMAModel().fit((1...12).map { 3 + 2 * Double($0) })
    expectClose(line.pointForecast(horizon: 2), [29, 31], 1e-9)
    for band in line.intervals(horizon: 2, levels: [80, 95]) { #expect(!band.lower.contains { $0.isNaN }) }
    // Short noisy series through auto: every output finite.
    let short = [3.0, 5, 4, 6]
    let fit = try AutoARIMAModel().fit(short)
    let all = fit.pointForecast(horizon: 3) + fit.intervals(horizon: 3, levels: [95]).flatMap { $0.lower + $0.upper }
      + fit.simulate(horizon: 3, paths: 5, seed: 1, streamOffset: 0).flatMap { $0 }
    #expect(all.allSatisfy { $0.isFinite })
  }
}
