import Foundation
import Testing
@testable import TCModels
import TCRandom

@Suite struct NaiveAndDriftTests {
  @Test func naiveClosedForm() throws {
    let fit = try NaiveModel().fit([1, 2, 4, 7])
    #expect(fit.pointForecast(horizon: 3) == [7, 7, 7])
    #expect(close(fit.residualVariance, 14.0 / 3, 1e-15))
    let band = fit.intervals(horizon: 2, levels: [95])[0]
    let sd2 = (14.0 / 3 * 2).squareRoot()
    #expect(close(band.upper[1], 7 + z975 * sd2, 1e-12))
    #expect(close(band.lower[1], 7 - z975 * sd2, 1e-12))
    // Three residuals with ML variance 14/3; one parameter (σ).
    let ll = -1.5 * (log(2 * Double.pi * 14.0 / 3) + 1)
    #expect(close(try #require(fit.logLikelihood), ll, 1e-14))
  }

  @Test func driftClosedForm() throws {
    let fit = try RandomWalkDriftModel().fit([1, 2, 4, 7])
    #expect(fit.parameters["drift"] == 2)
    #expect(close(fit.residualVariance, 1, 1e-15))  // residuals -1, 0, 1 over T' - 1 = 2
    expectClose(fit.pointForecast(horizon: 2), [9, 11], 1e-15)
    let band = fit.intervals(horizon: 2, levels: [95])[0]
    #expect(close(band.upper[1], 11 + z975 * (2 * (1 + 2.0 / 3)).squareRoot(), 1e-12))
  }

  @Test func constantSeriesGivesFlatZeroWidthBands() throws {
    for model in [NaiveModel(), RandomWalkDriftModel(), LinearTrendModel(), LogLinearTrendModel()] as [any ForecastModel] {
      let fit = try model.fit([5, 5, 5, 5])
      let band = fit.intervals(horizon: 3, levels: [80, 95])
      expectClose(fit.pointForecast(horizon: 3), [5, 5, 5], 1e-12)
      expectClose(band[1].lower, [5, 5, 5], 1e-12)
      expectClose(band[1].upper, [5, 5, 5], 1e-12)
      #expect(fit.logLikelihood == nil)
      #expect(fit.simulate(horizon: 2, paths: 3, seed: 1, streamOffset: 0).allSatisfy { $0.allSatisfy { !$0.isNaN } })
    }
  }
}

@Suite struct TrendTests {
  @Test func linearTrendClosedForm() throws {
    // Hand-computed: t̄ = 3, Sxx = 10, b = 0.8, a = 0.6, RSS = 3.6, σ² = 1.2.
    let fit = try LinearTrendModel().fit([1, 3, 2, 5, 4])
    #expect(close(try #require(fit.parameters["slope"]), 0.8, 1e-13))
    #expect(close(try #require(fit.parameters["intercept"]), 0.6, 1e-13))
    #expect(close(fit.residualVariance, 1.2, 1e-13))
    expectClose(fit.pointForecast(horizon: 2), [5.4, 6.2], 1e-13)
    // t₀ = 6: 1 + 1/5 + 9/10 = 2.1; t(0.975, 3) = 3.1824463052837078 (scipy t.ppf).
    let band = fit.intervals(horizon: 1, levels: [95])[0]
    #expect(close(band.upper[0], 5.4 + 3.1824463052837078 * (1.2 * 2.1).squareRoot(), 1e-12))
  }

  @Test func logLinearRecoversExactGrowth() throws {
    let y = (1...8).map { 2 * pow(1.1, Double($0)) }
    let fit = try LogLinearTrendModel().fit(y)
    #expect(close(try #require(fit.parameters["growthRate"]), 0.1, 1e-12))
    expectClose(fit.pointForecast(horizon: 3), (9...11).map { 2 * pow(1.1, Double($0)) }, 1e-11)
  }
}

@Suite struct ValidationTests {
  @Test func rejectsBadInput() {
    #expect(throws: ModelError.tooShort(needed: 3, got: 2)) { try NaiveModel().fit([1, 2]) }
    #expect(throws: ModelError.nonFinite(index: 1)) { try LinearTrendModel().fit([1, .nan, 3]) }
    #expect(throws: ModelError.nonFinite(index: 2)) { try RandomWalkDriftModel().fit([1, 2, .infinity]) }
    #expect(throws: ModelError.nonPositive(model: "loglinear_trend")) { try LogLinearTrendModel().fit([1, 0, 3]) }
  }
}

@Suite struct SimulationTests {
  static let models: [any ForecastModel] = [NaiveModel(), RandomWalkDriftModel(), LinearTrendModel()]
  static let y: [Double] = [10, 12, 11, 15, 16, 18, 17, 21]

  @Test(arguments: models.indices) func pathsAreReproducibleAndIndependentOfBatch(_ m: Int) throws {
    let fit = try Self.models[m].fit(Self.y)
    let a = fit.simulate(horizon: 4, paths: 10, seed: 42, streamOffset: 7)
    let b = fit.simulate(horizon: 4, paths: 3, seed: 42, streamOffset: 7)
    #expect(Array(a.prefix(3)) == b)
    #expect(a != fit.simulate(horizon: 4, paths: 10, seed: 43, streamOffset: 7))
  }

  /// Simulated spread matches the analytic interval: with 20 000 paths the sample standard
  /// deviation's relative standard error is about 0.5 %, so 3 % is a loose but failing bound.
  @Test(arguments: models.indices) func pathSpreadMatchesIntervals(_ m: Int) throws {
    let fit = try Self.models[m].fit(Self.y)
    let horizon = 5
    let paths = fit.simulate(horizon: horizon, paths: 20_000, seed: 9, streamOffset: 0)
    let mean = fit.pointForecast(horizon: horizon)
    let band = fit.intervals(horizon: horizon, levels: [68.26894921370859])[0]
    for h in 0..<horizon {
      let (sampleMean, sd) = pathMoments(paths, step: h)
      let analytic = (band.upper[h] - band.lower[h]) / 2
      #expect(abs(sampleMean - mean[h]) < 0.05 * analytic)
      // Linear trend intervals use t quantiles; its paths are Gaussian, so compare with z = 1.
      let reference = Self.models[m] is LinearTrendModel
        ? analytic / Distribution.studentT(df: Double(Self.y.count - 2), location: 0, scale: 1).quantile(0.841344746068543)
        : analytic
      #expect(abs(sd / reference - 1) < 0.03, "h=\(h + 1): \(sd) vs \(reference)")
    }
  }
}
