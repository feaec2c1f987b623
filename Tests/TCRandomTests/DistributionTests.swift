import Foundation
import Testing
import TCRandom

struct DistributionValidationTests {
  @Test(arguments: [
    (Distribution.normal(mean: 0, sd: -1), "sd"),
    (.normal(mean: .nan, sd: 1), "mean"),
    (.lognormal(mean: 0, sd: 1), "mean"),
    (.lognormal(mean: 1, sd: -0.1), "sd"),
    (.lognormalLog(mu: 0, sigma: .infinity), "sigma"),
    (.studentT(df: 0, location: 0, scale: 1), "df"),
    (.studentT(df: -2, location: 0, scale: 1), "df"),
    (.studentT(df: 3, location: 0, scale: -1), "scale"),
    (.gamma(shape: 0, scale: 1), "shape"),
    (.gamma(shape: 1, scale: 0), "scale"),
    (.beta(alpha: -1, beta: 1), "alpha"),
    (.beta(alpha: 1, beta: 0), "beta"),
    (.pert(min: 0, mode: -1, max: 1), "mode"),
    (.pert(min: 0, mode: 2, max: 1), "mode"),
    (.pert(min: 1, mode: 1, max: 1), "max"),
    (.pert(min: 0, mode: 0.5, max: 1, lambda: 0), "lambda"),
    (.triangular(min: 2, mode: 1, max: 3), "mode"),
    (.uniform(min: 1, max: 1), "max"),
    (.uniform(min: -.infinity, max: 1), "min"),
    (.uniform(min: -1e308, max: 1e308), "max"),
    (.constant(.nan), "value"),
  ])
  func rejectsBadParametersNamingThem(distribution: Distribution, parameter: String) {
    #expect(throws: DistributionError.self) { try distribution.validate() }
    do {
      try distribution.validate()
    } catch {
      #expect(error.parameter == parameter, "\(distribution): \(error)")
      #expect(!error.message.isEmpty && error.description.contains(parameter))
    }
  }

  @Test(arguments: [
    Distribution.normal(mean: 1, sd: 0), .normal(mean: 1, sd: 2), .lognormal(mean: 3, sd: 0),
    .lognormalLog(mu: 0, sigma: 1), .studentT(df: 0.5, location: 0, scale: 0),
    .gamma(shape: 0.01, scale: 3), .beta(alpha: 0.2, beta: 5), .pert(min: 0, mode: 0, max: 1),
    .triangular(min: 0, mode: 1, max: 1), .uniform(min: -1, max: 1), .constant(4),
  ])
  func acceptsValidParameters(distribution: Distribution) throws {
    try distribution.validate()
  }

  @Test func zeroSpreadIsAPointMass() {
    var rng = RandomStream(seed: 1, stream: 1)
    for d in [Distribution.normal(mean: 2, sd: 0), .lognormal(mean: 2, sd: 0),
              .studentT(df: 4, location: 2, scale: 0), .constant(2)] {
      #expect(d.sample(&rng) == 2 && d.quantile(0.3) == 2 && d.variance == 0)
      #expect(d.cdf(1.999) == 0 && d.cdf(2) == 1)
    }
    #expect(Distribution.lognormalLog(mu: 0, sigma: 0).quantile(0.9) == 1)
  }
}

struct DistributionMomentTests {
  @Test func closedFormMeansAndVariances() {
    #expect(Distribution.lognormal(mean: 2, sd: 0.5).mean == 2)
    #expect(isClose(Distribution.lognormal(mean: 2, sd: 0.5).variance, 0.25, relative: 1e-15))
    // Log-scale round trip: lognormal(mean, sd) equals lognormalLog(mu, sigma) with
    // σ² = ln(1 + s²/m²), μ = ln m - σ²/2.
    let sigma2 = log1p(0.25 / 4)
    let logForm = Distribution.lognormalLog(mu: log(2) - sigma2 / 2, sigma: sigma2.squareRoot())
    #expect(isClose(logForm.mean, 2, relative: 1e-15))
    #expect(isClose(logForm.variance, 0.25, relative: 1e-14))
    #expect(isClose(logForm.quantile(0.2), Distribution.lognormal(mean: 2, sd: 0.5).quantile(0.2), relative: 1e-15))
    #expect(Distribution.studentT(df: 5, location: 1, scale: 2).variance == 4.0 * 5 / 3)
    #expect(Distribution.studentT(df: 2, location: 1, scale: 2).variance == .infinity)
    #expect(Distribution.studentT(df: 1, location: 1, scale: 2).mean.isNaN)
    #expect(Distribution.gamma(shape: 3, scale: 2).mean == 6 && Distribution.gamma(shape: 3, scale: 2).variance == 12)
    #expect(Distribution.beta(alpha: 2, beta: 3).variance == 6.0 / (25 * 6))
    // PERT(0, 1, 5), λ = 4: mean (0 + 4 + 5)/6 = 1.5, variance (1.5)(3.5)/7 = 0.75.
    #expect(Distribution.pert(min: 0, mode: 1, max: 5).mean == 1.5)
    #expect(isClose(Distribution.pert(min: 0, mode: 1, max: 5).variance, 0.75, relative: 1e-15))
    #expect(Distribution.triangular(min: 0, mode: 1, max: 2).variance == 1.0 / 6)
    #expect(Distribution.uniform(min: 0, max: 6).variance == 3)
  }
}
