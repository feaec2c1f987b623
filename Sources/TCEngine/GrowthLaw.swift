import Foundation
import TCRandom
import TCScenario

/// One series' growth in one year as a map from a standard normal shock `w` to the growth
/// factor `1 + r`. Every assumption is driven by one normal so that correlation (applied to the
/// normals) carries over: exactly for lognormal and normal rates, as a Gaussian copula otherwise.
enum GrowthLaw: Sendable {
  case logNormal(mu: Double, sigma: Double)
  case normalRate(mean: Double, sd: Double)
  case viaQuantile(Distribution)
  case fixed(factor: Double)

  init(_ assumption: GrowthAssumption) {
    switch assumption {
    case .lognormal(let mean, let sd):
      // 1 + r has mean m = 1 + mean and sd s: sigma² = ln(1 + s²/m²), mu = ln m − sigma²/2.
      let m = 1 + mean
      let sigma2 = log1p((sd * sd) / (m * m))
      self = .logNormal(mu: log(m) - sigma2 / 2, sigma: sigma2.squareRoot())
    case .rate(.normal(let mean, let sd)):
      self = .normalRate(mean: mean, sd: sd)
    case .rate(let distribution):
      self = .viaQuantile(distribution)
    case .fixed(let rate):
      self = .fixed(factor: Swift.max(0, 1 + rate))
    }
  }

  @inline(__always)
  func factor(_ w: Double) -> Double {
    switch self {
    case .logNormal(let mu, let sigma):
      return exp(mu + sigma * w)
    case .normalRate(let mean, let sd):
      return Swift.max(0, 1 + mean + sd * w)
    case .viaQuantile(let distribution):
      return Swift.max(0, 1 + distribution.quantile(NormalDistribution.cdf(w)))
    case .fixed(let factor):
      return factor
    }
  }

  /// Whether the factor ignores its shock (no random numbers needed, but they are still drawn so
  /// that other series keep the same numbers when an assumption is made fixed).
  var isDeterministic: Bool { if case .fixed = self { return true } else { return false } }
}
