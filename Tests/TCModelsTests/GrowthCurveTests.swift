import Foundation
import Testing
@testable import TCModels

struct GrowthFixture: Decodable {
  struct Case: Decodable {
    var model: String
    var y: [Double]
    var popt: [Double]
    var pcov: [[Double]]
  }
  var cases: [Case]
}

@Suite struct GrowthCurveTests {
  static let t = (1...18).map(Double.init)

  @Test func logisticRecoversNoiseFreeParameters() throws {
    let y = Self.t.map { 250 / (1 + exp(-0.45 * ($0 - 10))) }
    let fit = try LogisticModel().fit(y)
    let p = fit.parameters
    #expect(close(try #require(p["capacity"]), 250, 1e-6))
    #expect(close(try #require(p["rate"]), 0.45, 1e-6))
    #expect(close(try #require(p["midpoint"]), 10, 1e-6))
    expectClose(fit.pointForecast(horizon: 2), [19.0, 20.0].map { 250 / (1 + exp(-0.45 * ($0 - 10))) }, 1e-6)
  }

  @Test func logisticWithGivenCapacity() throws {
    let y = Self.t.prefix(10).map { 1000 / (1 + exp(-0.3 * ($0 - 14))) }
    let fit = try LogisticModel(capacity: 1000).fit(Array(y))
    #expect(close(try #require(fit.parameters["rate"]), 0.3, 1e-6))
    #expect(close(try #require(fit.parameters["midpoint"]), 14, 1e-6))
    #expect(throws: ModelError.self) { try LogisticModel(capacity: 100).fit(Array(y)) }
  }

  @Test func gompertzRecoversNoiseFreeParameters() throws {
    let y = Self.t.map { 80 * exp(-6 * exp(-0.25 * $0)) }
    let p = try GompertzModel().fit(y).parameters
    #expect(close(try #require(p["capacity"]), 80, 1e-6))
    #expect(close(try #require(p["b"]), 6, 1e-6))
    #expect(close(try #require(p["c"]), 0.25, 1e-6))
  }

  /// Same least-squares problem as scipy's curve_fit (method "lm", tolerances 1e-15): the minimum
  /// must agree to 1e-6 relative, and σ²(JᵀJ)⁻¹ (our delta-method covariance) to pcov within 1e-4.
  @Test func matchesScipyCurveFit() throws {
    let data: GrowthFixture = try fixture("growth.json")
    for c in data.cases {
      let model: any ForecastModel = c.model == "logistic" ? LogisticModel() : GompertzModel()
      let fitted = try model.fit(c.y)
      let fit = try #require(fitted as? GrowthCurveFitted)
      expectClose(fit.fit.theta, c.popt, 1e-6)
      let p = c.popt.count
      for a in 0..<p {
        for b in 0..<p {
          let ours = fit.residualVariance * fit.fit.covarianceFactor[b * p + a]
          let scale = (c.pcov[a][a] * c.pcov[b][b]).squareRoot()
          #expect(abs(ours - c.pcov[a][b]) <= 1e-4 * scale, "\(c.model) cov[\(a),\(b)] \(ours) vs \(c.pcov[a][b])")
        }
      }
    }
  }

  @Test func rejectsNonPositiveAndSimulatesWithoutNaN() throws {
    #expect(throws: ModelError.nonPositive(model: "logistic")) { try LogisticModel().fit([1, 2, 0, 4, 5]) }
    let data: GrowthFixture = try fixture("growth.json")
    let fit = try LogisticModel().fit(data.cases[0].y)
    let paths = fit.simulate(horizon: 3, paths: 200, seed: 1, streamOffset: 0)
    #expect(paths.count == 200 && paths.allSatisfy { $0.allSatisfy(\.isFinite) })
    let upper = fit.intervals(horizon: 3, levels: [95])[0].upper
    #expect(upper.allSatisfy { $0.isFinite })
  }
}
