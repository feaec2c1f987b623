import Foundation
import Testing
@testable import TCModels

/// statsforecast 2.1.1 AutoETS and AutoARIMA on 14 yearly series (`Fixtures/auto.json`,
/// `make_auto_fixture.py`): 7 of M1, 7 of Tourism, taken by a fixed rule.
struct AutoFixture: Decodable {
  struct ETSFit: Decodable {
    var method: String
    /// alpha, beta, gamma, phi, l0, [b0]; null where the form has no such parameter.
    var par: [Double?]
    var loglik: Double
    var aicc: Double
    var mean: [Double]?
  }
  struct ARIMAFit: Decodable {
    var p: Int, d: Int, q: Int
    var coef: [String: Double]
    var sigma2: Double
    var loglik: Double
    var aicc: Double
    var mean: [Double]
  }
  struct Series: Decodable {
    var set: String
    var id: String
    var horizon: Int
    var y: [Double]
    var autoETS: ETSFit
    var forms: [ETSFit]
    var autoARIMA: [String: ARIMAFit]
  }
  var series: [Series]
}

extension AutoFixture.ETSFit {
  /// `ETS(M,Ad,N)` → the specification.
  var spec: ETSModel {
    let parts = method.dropFirst(4).dropLast().split(separator: ",")
    return ETSModel(error: parts[0] == "M" ? .multiplicative : .additive,
                    trend: parts[1] == "N" ? .none : (parts[1] == "Ad" ? .damped : .additive))
  }

  var parameters: ETSParameters {
    ETSParameters(alpha: par[0]!, beta: par[1] ?? 0, phi: par[3] ?? 1, level0: par[4]!, trend0: par.count > 5 ? par[5] ?? 0 : 0)
  }

  /// statsforecast does not hold β ≤ α while it optimizes (only its start respects it), so its
  /// optimum can lie outside our region; ours cannot reach such a point.
  var insideOurRegion: Bool { (par[1] ?? 0) <= par[0]! * (1 + 1e-12) }
}

extension AutoFixture.ARIMAFit {
  var constant: Bool { coef["intercept"] != nil || coef["drift"] != nil }
  var spec: ARIMAModel { ARIMAModel(p: p, d: d, q: q, drift: constant) }
}

/// `-n/2 (log(2π/n) + 1)`: what statsforecast's ETS log-likelihood leaves out (see `ETSModel.Fitted.logLikelihood`).
func etsConstant(count n: Int) -> Double {
  let n = Double(n)
  return -0.5 * n * (log(2 * Double.pi / n) + 1)
}

@Suite struct AutoPeerTests {
  static let data: AutoFixture = try! fixture("auto.json")

  /// Our likelihood at statsforecast's parameters and initial states equals statsforecast's
  /// log-likelihood plus the constant it drops, to 1e-9 relative: the recursions agree.
  /// (Its forecasts at its optimum are compared in `autoETSChoiceAgreesOrIsBetter`.)
  @Test func etsLikelihoodAtPeerParameters() throws {
    var checked = 0
    for series in Self.data.series {
      for peer in series.forms + [series.autoETS] {
        let spec = peer.spec
        let fit = ETSModel.Fitted(y: series.y, form: spec.form, parameters: peer.parameters, alias: spec.name, method: spec.method)
        // statsforecast takes log|μ_t| and so accepts states with a negative one-step mean for
        // multiplicative error (YAF2's ETS(M,A,N) starts at l0 = −54 807); such points are outside
        // the model (μ_t > 0), and ours has no likelihood there.
        guard let likelihood = fit.logLikelihood else {
          #expect(spec.error == .multiplicative && peer.parameters.level0 <= 0, "\(series.id) \(peer.method)")
          continue
        }
        let ours = likelihood - etsConstant(count: series.y.count)
        #expect(close(ours, peer.loglik, 1e-9), "\(series.id) \(peer.method): \(ours) vs \(peer.loglik)")
        checked += 1
      }
    }
    #expect(checked >= 14 * 5)
  }

  /// Forms without a trend: our maximum likelihood is at least statsforecast's (less 1e-3).
  /// Trend forms are searched from one start, as statsforecast does (see `ETSEstimation.fit` for
  /// why); both then stop at a local optimum, not always the same one. Where statsforecast's
  /// lies in our region (β ≤ α) ours is at most 2.5 lower, and at least as high (less 1e-3) on
  /// 40 of the 46 such fits here; 10 of statsforecast's optima lie outside that region.
  @Test func etsOptimumAgainstPeer() throws {
    var trendFits = 0, trendAtLeast = 0, outside = 0
    for series in Self.data.series {
      for peer in series.forms {
        let spec = peer.spec
        let fit = try spec.fitETS(series.y, alias: spec.name)
        let ours = try #require(fit.logLikelihood) - etsConstant(count: series.y.count)
        guard peer.insideOurRegion else {
          outside += 1
          continue
        }
        let label = "\(series.id) \(peer.method): \(ours) vs \(peer.loglik)"
        if spec.trend == .none {
          #expect(ours >= peer.loglik - 1e-3, "\(label)")
        } else {
          trendFits += 1
          if ours >= peer.loglik - 1e-3 { trendAtLeast += 1 }
          #expect(ours >= peer.loglik - 2.5, "\(label)")
        }
      }
    }
    #expect(Double(trendAtLeast) >= 0.8 * Double(trendFits), "trend forms at least as high on \(trendAtLeast) of \(trendFits); outside β ≤ α: \(outside)")
  }

  /// AutoETS: the same form as statsforecast, or one whose AICc is lower than the AICc of
  /// statsforecast's choice (our optimizer found a better optimum of some form; AICc values
  /// compared on statsforecast's scale). Where the forms agree and so do the optima (log-likelihood
  /// within 1e-3), the point forecasts agree to 1e-3 relative.
  @Test func autoETSChoiceAgreesOrIsBetter() throws {
    var agree = 0
    for series in Self.data.series {
      let fit = try AutoETSModel().select(series.y)
      let peer = series.autoETS
      let ourAICc = try #require(fit.aicc) + 2 * etsConstant(count: series.y.count)
      if fit.method == peer.method {
        agree += 1
        let ours = try #require(fit.logLikelihood) - etsConstant(count: series.y.count)
        if abs(ours - peer.loglik) < 1e-3, let mean = peer.mean {
          expectClose(fit.pointForecast(horizon: series.horizon), mean, 1e-3)
        }
      } else {
        #expect(ourAICc <= peer.aicc + 1e-6, "\(series.id): ours \(fit.method) AICc \(ourAICc), statsforecast \(peer.method) \(peer.aicc)")
      }
    }
    #expect(agree >= 10, "same form on \(agree) of \(Self.data.series.count)")
  }

  /// Exact log-likelihood of the differences at statsforecast's coefficients, with its constant
  /// (mean or drift) subtracted and σ² concentrated out.
  static func arimaLikelihood(_ y: [Double], _ peer: AutoFixture.ARIMAFit) -> Double {
    var w = y
    for _ in 0..<peer.d { w = (1..<w.count).map { w[$0] - w[$0 - 1] } }
    let c = peer.coef["intercept"] ?? peer.coef["drift"] ?? 0
    w = w.map { $0 - c }
    var likelihood = ARMALikelihood(p: peer.p, q: peer.q, includeMean: false)
    likelihood.setCoefficients(ar: (0..<peer.p).map { peer.coef["ar\($0 + 1)"]! }, ma: (0..<peer.q).map { peer.coef["ma\($0 + 1)"]! })
    return -0.5 * likelihood.evaluate(w.span).minusTwoLogLikelihood
  }

  /// statsforecast's reported log-likelihood is not the exact one at its own coefficients for
  /// these two ARIMA(0,1,0)-with-drift fits (−122.31 vs −122.76 exact on Y149, −199.69 vs
  /// −199.93 on Y371), as noted for YAI1 in `ARIMATests`; everywhere else it is.
  static let inexactPeerLikelihood: Set<String> = ["Y149", "Y371"]

  /// ARIMA: the exact likelihood at statsforecast's coefficients equals its log-likelihood to
  /// 1e-7 relative (its CSS-ML optimizer stops within about 1e-8 of the optimum; the filters
  /// agree to rounding), and our optimum of the same order is at least that (less 1e-6).
  @Test func arimaLikelihoodAtPeerCoefficients() throws {
    for series in Self.data.series {
      for peer in Set(series.autoARIMA.values.map { "\($0.p)\($0.d)\($0.q)\($0.constant)" }).compactMap({ key in series.autoARIMA.values.first { "\($0.p)\($0.d)\($0.q)\($0.constant)" == key } }) {
        let atPeer = Self.arimaLikelihood(series.y, peer)
        if !Self.inexactPeerLikelihood.contains(series.id) {
          #expect(close(atPeer, peer.loglik, 1e-7), "\(series.id) \(peer.spec.method): \(atPeer) vs \(peer.loglik)")
        }
        let fit = try peer.spec.fitARIMA(series.y, alias: peer.spec.name)
        let ours = try #require(fit.logLikelihood)
        #expect(ours >= atPeer - 1e-6, "\(series.id) \(peer.spec.method): optimum \(ours) < \(atPeer)")
      }
    }
  }

  /// AutoARIMA picks the orders of statsforecast's full grid search (`stepwise=False`, p, q ≤ 2)
  /// on every series but YAF2. There both pick with AICc, but statsforecast's ARIMA(2,1,1) with
  /// drift has an MA root of modulus below 1.01 in our exact-ML fit (a near unit root), which the
  /// Hyndman–Khandakar root rule rejects, so we take the next best, ARIMA(2,1,0) with drift.
  /// statsforecast's default stepwise search picks the same orders as its grid on all 14 series.
  /// (On YAM12, YAD6 and Y75 our MA optimum is higher by 0.01–0.03 in log-likelihood, so the
  /// forecasts differ by up to 1 %; they are compared only where the optima coincide.)
  @Test func autoARIMAChoiceAgreesWithPeerGrid() throws {
    for series in Self.data.series {
      let fit = try AutoARIMAModel().select(series.y)
      let grid = try #require(series.autoARIMA["grid"])
      let stepwise = try #require(series.autoARIMA["stepwise"])
      #expect(grid.spec.name == stepwise.spec.name, "\(series.id)")
      if series.id == "YAF2" {
        let rejected = try grid.spec.fitARIMA(series.y, alias: "a")
        #expect(rejected.smallestRoot < 1.01)
        #expect(fit.method == "ARIMA(2,1,0) with drift")
        continue
      }
      #expect(fit.method == grid.spec.method, "\(series.id): \(fit.method) vs \(grid.spec.method)")
      // Same orders: our AICc no higher (our exact-ML optimum is at least theirs); where the
      // optima coincide (log-likelihoods within 1e-4), forecasts agree to 1e-4 relative.
      if Self.inexactPeerLikelihood.contains(series.id) { continue }
      let aicc = try #require(fit.aicc), ll = try #require(fit.logLikelihood)
      #expect(aicc <= grid.aicc + 1e-6, "\(series.id): AICc \(aicc) vs \(grid.aicc)")
      if abs(ll - grid.loglik) < 1e-4 {
        expectClose(fit.pointForecast(horizon: series.horizon), grid.mean, 1e-4)
        // σ² with statsforecast's divisor n - d - k: the same to 1e-4 relative.
        #expect(close(fit.residualVariance, grid.sigma2, 1e-4), "\(series.id): σ² \(fit.residualVariance) vs \(grid.sigma2)")
      }
    }
  }
}
