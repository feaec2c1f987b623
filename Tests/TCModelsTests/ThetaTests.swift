import Foundation
import Testing
@testable import TCModels

struct ThetaFixture: Decodable {
  struct Peer: Decodable {
    var level0: Double, alpha: Double, theta: Double, mse: Double
    var mean: [Double]
  }
  struct Series: Decodable {
    var id: String
    var y: [Double]
    var stm: Peer, otm: Peer, dstm: Peer, dotm: Peer
  }
  var horizon: Int
  var series: [Series]
}

/// The four statsforecast models against ours: (fixture entry, dynamic line, fixed c or nil).
enum ThetaKind: String, CaseIterable, CustomTestStringConvertible {
  case stm, otm, dstm, dotm
  var dynamic: Bool { self == .dstm || self == .dotm }
  var fixedC: Double? { self == .stm || self == .dstm ? 0.5 : nil }
  var testDescription: String { rawValue }
  func peer(_ s: ThetaFixture.Series) -> ThetaFixture.Peer {
    switch self {
    case .stm: s.stm
    case .otm: s.otm
    case .dstm: s.dstm
    case .dotm: s.dotm
    }
  }
  var model: any ForecastModel {
    switch self {
    case .stm: ThetaModel()
    case .otm: OptimizedThetaModel()
    case .dstm: DynamicThetaModel()
    case .dotm: DynamicOptimizedThetaModel()
    }
  }
}

@Suite struct ThetaTests {
  static let data: ThetaFixture = try! fixture("theta.json")

  /// statsforecast's criterion: Σ of squared one-step errors from the fourth, over mean |y|.
  static func peerCriterion(_ fit: ThetaFit, _ y: [Double]) -> Double {
    fit.sumOfSquares / (y.map(abs).reduce(0, +) / Double(y.count))
  }

  static func peerFit(_ series: ThetaFixture.Series, _ kind: ThetaKind) -> ThetaFit {
    let peer = kind.peer(series)
    return ThetaFit.evaluate(series.y, alpha: peer.alpha, c: 1 - 1 / peer.theta, level0: peer.level0,
                             dynamic: kind.dynamic, burnIn: ThetaFit.dynamicBurnIn)
  }

  /// statsforecast's parameters run through our recursion reproduce its forecasts and its
  /// criterion value to rounding, for all four models: the same equations (fixed and dynamic
  /// line, forecast by feeding μ back) and the same error window.
  @Test(arguments: ThetaKind.allCases) func peerParametersReproducePeerForecastsAndCriterion(_ kind: ThetaKind) {
    for series in Self.data.series {
      let fit = Self.peerFit(series, kind)
      let peer = kind.peer(series)
      expectClose(fit.pointForecast(horizon: Self.data.horizon), peer.mean, 1e-9)
      #expect(close(Self.peerCriterion(fit, series.y), peer.mse, 1e-9), "\(series.id) \(kind)")
    }
  }

  /// On statsforecast's own criterion (errors from the fourth) our estimates are never worse
  /// than its optimum (relative 1e-9), for all four models: level and c are solved exactly for
  /// each α, and α is searched on a 0.01 grid plus golden section, where statsforecast runs a
  /// three-parameter Nelder–Mead that stops at a simplex spread of 1e-4 (on these 12 series it
  /// stops up to 88% above our value, e.g. DSTM on YAM19 at α = 0.1). Where both reach the same
  /// optimum (criterion within 1e-5 relative; at least 3 series per model), the forecasts agree
  /// to 1e-4 relative.
  @Test(arguments: ThetaKind.allCases) func noWorseThanPeerOnItsCriterion(_ kind: ThetaKind) {
    var same = 0
    for series in Self.data.series {
      let ours = ThetaFit.fit(series.y, fixedC: kind.fixedC, dynamic: kind.dynamic, burnIn: ThetaFit.dynamicBurnIn)
      let peer = kind.peer(series)
      let value = Self.peerCriterion(ours, series.y)
      #expect(value <= peer.mse * (1 + 1e-9), "\(series.id) \(kind): \(value) vs \(peer.mse)")
      #expect(ours.alpha >= 0.1 && ours.alpha <= 0.99 && ours.theta >= 1)
      if value >= peer.mse * (1 - 1e-5) {
        same += 1
        expectClose(ours.pointForecast(horizon: Self.data.horizon), peer.mean, 1e-4)
      }
    }
    #expect(same >= 3, "\(kind): same optimum on \(same) series only")
  }

  /// The standard models' documented criterion is all n errors; there ours is never worse than
  /// statsforecast's parameters (which are fitted without the first three errors, so are not
  /// a target: with α near 0.99 the initial level barely moves the later errors and comes out
  /// at values such as -1.7e9).
  @Test(arguments: [ThetaKind.stm, .otm]) func standardModelsNoWorseOnAllErrors(_ kind: ThetaKind) {
    for series in Self.data.series {
      let peer = kind.peer(series)
      let ours = ThetaFit.fit(series.y, fixedC: kind.fixedC)
      let theirs = ThetaFit.evaluate(series.y, alpha: peer.alpha, c: 1 - 1 / peer.theta, level0: peer.level0)
      #expect(ours.sumOfSquares <= theirs.sumOfSquares * (1 + 1e-9), "\(series.id)")
    }
  }

  /// Standard Theta is SES with drift half the OLS slope (Hyndman & Billah 2003): forecasts
  /// step by exactly B_n/2 per year.
  @Test func standardThetaDriftIsHalfTheSlope() throws {
    let y = ThetaTests.data.series[2].y
    let fit = try ThetaModel().fit(y)
    let f = fit.pointForecast(horizon: 4)
    let slope = ThetaLine.fixed(y).slope
    for h in 1..<4 { #expect(close(f[h] - f[h - 1], slope / 2, 1e-9)) }
    #expect(fit.parameters["theta"] == 2)
  }

  /// The dynamic line is least squares on the values so far: after each value its intercept
  /// and slope equal the closed-form OLS line of the prefix.
  @Test func dynamicLineIsRecursiveLeastSquares() {
    let y = Self.data.series[0].y
    var line = ThetaLine.dynamicStart
    for t in 1...y.count {
      line.absorb(y[t - 1])
      guard t >= 2 else { continue }
      let ols = ThetaLine.fixed(Array(y.prefix(t)))
      #expect(close(line.slope, ols.slope, 1e-10) && close(line.intercept, ols.intercept, 1e-10), "t = \(t)")
    }
  }

  /// The impulse responses behind the dynamic models' intervals, against brute force: append
  /// the forecasts with one of them moved by 1 to the series and rerun the whole recursion.
  @Test func dynamicImpulseResponsesMatchRerunRecursion() throws {
    let y = Self.data.series[4].y
    let fit = ThetaFit.fit(y, fixedC: nil, dynamic: true, burnIn: 3)
    let horizon = 5
    let mean = fit.pointForecast(horizon: horizon)
    let psi = fit.impulseResponses(horizon: horizon)
    for j in 0..<horizon {
      var extended = y + Array(mean.prefix(j))
      extended.append(mean[j] + 1)
      let rerun = ThetaFit.evaluate(extended, alpha: fit.alpha, c: fit.c, level0: fit.level0, dynamic: true, burnIn: 3)
      let later = rerun.pointForecast(horizon: horizon - j - 1)
      #expect(close(psi[j][j], 1, 1e-12))
      for h in (j + 1)..<horizon {
        #expect(close(later[h - j - 1] - mean[h], psi[h][j], 1e-7), "h \(h) j \(j)")
      }
    }
    // The fixed line gives SES's α for every earlier error.
    let fixed = ThetaFit.fit(y, fixedC: nil)
    for (h, row) in fixed.impulseResponses(horizon: 4).enumerated() {
      expectClose(row, Array(repeating: fixed.alpha, count: h) + [1], 1e-12)
    }
  }

  /// 20 000 simulated paths against the model's interval (sample-sd standard error ≈ 0.5 %).
  @Test(arguments: ThetaKind.allCases) func simulationMatchesIntervals(_ kind: ThetaKind) throws {
    let fit = try kind.model.fit(Self.data.series[3].y)
    let band = fit.intervals(horizon: 4, levels: [68.26894921370859])[0]
    let paths = fit.simulate(horizon: 4, paths: 20_000, seed: 5, streamOffset: 1)
    let mean = fit.pointForecast(horizon: 4)
    for h in 0..<4 {
      let (m, s) = pathMoments(paths, step: h)
      let sd = (band.upper[h] - band.lower[h]) / 2
      #expect(abs(m - mean[h]) < 0.03 * sd)
      #expect(abs(s / sd - 1) < 0.03)
    }
  }

  @Test(arguments: ThetaKind.allCases) func constantSeriesIsFlatWithZeroWidth(_ kind: ThetaKind) throws {
    let fit = try kind.model.fit([4, 4, 4, 4, 4, 4, 4, 4])
    expectClose(fit.pointForecast(horizon: 2), [4, 4], 1e-9)
    let band = fit.intervals(horizon: 2, levels: [95])[0]
    expectClose(band.upper, [4, 4], 1e-9)
    #expect(fit.logLikelihood == nil)
  }

  /// Extreme but finite input (overflowing squares, alternating signs, a single spike) fits and
  /// forecasts without trapping; whatever is not finite is left for the caller to reject.
  @Test(arguments: ThetaKind.allCases) func extremeValuesDoNotTrap(_ kind: ThetaKind) throws {
    let series: [[Double]] = [
      [1e300, -1e300, 1e300, -1e300, 1e300, -1e300, 1e300, -1e300],
      [0, 0, 0, 0, 0, 0, 0, 1e-300],
      [1, 1, 1, 1, 1e15, 1, 1, 1, 1],
    ]
    for y in series {
      let fit = try kind.model.fit(y)
      _ = fit.intervals(horizon: 3, levels: [80, 95])
      _ = fit.simulate(horizon: 3, paths: 4, seed: 1, streamOffset: 0)
      #expect(fit.pointForecast(horizon: 3).count == 3)
    }
  }

  /// Too short for the dynamic models' error window: a typed error, not a crash.
  @Test func dynamicModelsNeedSixAndSevenValues() throws {
    #expect(throws: ModelError.tooShort(needed: 6, got: 5)) { try DynamicThetaModel().fit([1, 2, 3, 4, 5]) }
    #expect(throws: ModelError.tooShort(needed: 7, got: 6)) { try DynamicOptimizedThetaModel().fit([1, 2, 3, 4, 5, 6]) }
    _ = try DynamicOptimizedThetaModel().fit([1, 2, 3, 4, 5, 6, 8])
  }
}
