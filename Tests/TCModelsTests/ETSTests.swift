import Foundation
import Testing
@testable import TCModels

struct ETSFixture: Decodable {
  struct Fit: Decodable {
    var form: String
    var par: [Double?]
    var loglik: Double
    var aicc: Double
    var sigma2: Double
    var mean: [Double]
    var lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]
  }
  struct Fixed: Decodable {
    var form: String
    var alpha: Double, beta: Double, phi: Double, level0: Double, trend0: Double
    var llf: Double
    var forecast: [Double]
  }
  struct Auto: Decodable { var method: String; var aicc: Double }
  struct Series: Decodable {
    var id: String
    var y: [Double]
    var fits: [Fit]
    var fixed: [Fixed]
    var auto: Auto
  }
  var horizon: Int
  var series: [Series]
}

// JSON has NaN for absent parameters; decode them as nil.
extension ETSFixture {
  static func load() throws -> ETSFixture {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/ets.json", withExtension: nil))
    let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "NaN", with: "null")
    return try JSONDecoder().decode(ETSFixture.self, from: Data(text.utf8))
  }
}

func etsSpec(_ form: String) -> ETSModel {
  let error: ETSModel.ErrorComponent = form.hasPrefix("M") ? .multiplicative : .additive
  let trend: ETSModel.TrendComponent = form.contains("Ad") ? .damped : (form.dropFirst().hasPrefix("A") ? .additive : .none)
  return ETSModel(error: error, trend: trend)
}

@Suite struct ETSTests {
  static let data = try! ETSFixture.load()

  /// Same parameters and initial states as statsmodels' ETSModel.smooth: the recursions, the
  /// forecasts and the log-likelihood must agree to rounding.
  @Test func fixedParametersMatchStatsmodels() throws {
    for series in Self.data.series {
      for fixed in series.fixed {
        let spec = etsSpec(fixed.form)
        let p = ETSParameters(alpha: fixed.alpha, beta: fixed.beta, phi: fixed.phi, level0: fixed.level0, trend0: fixed.trend0)
        let fit = ETSModel.Fitted(y: series.y, form: spec.form, parameters: p, alias: spec.name, method: spec.method)
        expectClose(fit.pointForecast(horizon: Self.data.horizon), fixed.forecast, 1e-10)
        let ll = try #require(fit.logLikelihood)
        #expect(close(ll, fixed.llf, 1e-10), "\(series.id) \(fixed.form): \(ll) vs \(fixed.llf)")
      }
    }
  }

  /// Maximum likelihood vs statsforecast AutoETS with the same form. Optimizers differ, so ours
  /// must reach at least statsforecast's log-likelihood (less 1e-3), and where both reach the same
  /// optimum (within 0.01) the forecasts must agree within 2 % and interval half-widths within 5 %
  /// after rescaling statsforecast's σ² divisor `n - k - 2` to ours `n - k`.
  @Test func maximumLikelihoodMatchesStatsforecast() throws {
    for series in Self.data.series {
      let n = Double(series.y.count)
      let constant = -0.5 * n * (log(2 * Double.pi / n) + 1)
      for peer in series.fits {
        let spec = etsSpec(peer.form)
        let fit = try spec.fitETS(series.y, alias: spec.name)
        let ours = try #require(fit.logLikelihood) - constant
        #expect(ours >= peer.loglik - 1e-3, "\(series.id) \(peer.form): loglik \(ours) < \(peer.loglik)")
        let aicc = try #require(fit.aicc)
        #expect(abs((aicc + 2 * constant) - peer.aicc) < 2 * abs(ours - peer.loglik) + 1e-6)
        guard abs(ours - peer.loglik) < 0.01 else { continue }
        expectClose(fit.pointForecast(horizon: Self.data.horizon), peer.mean, 0.02)
        let k = Double(spec.form.estimatedCount)
        let rescale = ((n - k - 2) / (n - k)).squareRoot()
        let band = fit.intervals(horizon: Self.data.horizon, levels: [95])[0]
        for h in 0..<Self.data.horizon {
          let peerHalf = (peer.hi95[h] - peer.lo95[h]) / 2 * rescale
          let ourHalf = (band.upper[h] - band.lower[h]) / 2
          #expect(abs(ourHalf / peerHalf - 1) < 0.05, "\(series.id) \(peer.form) h=\(h + 1): \(ourHalf) vs \(peerHalf)")
        }
      }
    }
  }

  @Test func autoSelectionMatchesStatsforecast() throws {
    for series in Self.data.series {
      let fit = try AutoETSModel().fit(series.y)
      #expect(fit.name == "auto_ets")
      #expect(fit.method == series.auto.method, "\(series.id)")
    }
  }

  /// The class-2 variance formula for multiplicative errors against simulated paths: 40 000
  /// paths give the standard deviation to about 0.4 % (one standard error), so 2 % can fail.
  @Test func multiplicativeIntervalsAgreeWithSimulation() throws {
    let y = Self.data.series[0].y
    let fit = try ETSModel(error: .multiplicative, trend: .additive).fitETS(y, alias: "m")
    let sd = fit.forecastStandardDeviations(horizon: 5)
    let paths = fit.simulate(horizon: 5, paths: 40_000, seed: 3, streamOffset: 0)
    let mean = fit.pointForecast(horizon: 5)
    for h in 0..<5 {
      let (m, s) = pathMoments(paths, step: h)
      #expect(abs(m - mean[h]) < 0.02 * sd[h])
      #expect(abs(s / sd[h] - 1) < 0.02, "h=\(h + 1): simulated \(s) vs analytic \(sd[h])")
    }
  }

  @Test func constantAndShortSeries() throws {
    let fit = try AutoETSModel().fit([7, 7, 7, 7, 7])
    expectClose(fit.pointForecast(horizon: 3), [7, 7, 7], 1e-12)
    let band = fit.intervals(horizon: 3, levels: [95])[0]
    expectClose(band.lower, [7, 7, 7], 1e-12)
    #expect(fit.logLikelihood == nil)
    #expect(throws: ModelError.tooShort(needed: 7, got: 5)) { try ETSModel(error: .additive, trend: .damped).fit([1, 2, 3, 4, 5]) }
    #expect(throws: ModelError.nonPositive(model: "ets_mnn")) { try ETSModel(error: .multiplicative).fit([1, -2, 3, 4, 5]) }
    // An exactly linear series is fitted exactly by a trend form: no NaN anywhere.
    let line = try AutoETSModel().fit([1, 2, 3, 4, 5, 6, 7, 8])
    expectClose(line.pointForecast(horizon: 2), [9, 10], 1e-6)
    #expect(line.intervals(horizon: 2, levels: [80]).allSatisfy { !$0.lower.contains(where: \.isNaN) })
  }
}
