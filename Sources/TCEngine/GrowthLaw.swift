import Foundation
import TCRandom
import TCScenario

/// One series' growth in one year as a map from a standard normal shock `w` to the log-growth
/// `ln(1 + r)`. Every assumption is driven by one normal so that correlation (applied to the
/// normals) carries over: exactly for lognormal growth, as a Gaussian copula otherwise.
///
/// The engine works in log-levels: a year's growth is an addition, the lognormal case is one
/// multiply-add, and `exp` is needed only where levels are summed (aggregates, added levels).
enum GrowthLaw: Sendable, Equatable {
  /// `ln(1 + r) = mu + sigma·w`.
  case logNormal(mu: Double, sigma: Double)
  /// `r = mean + sd·w`, clamped at −100% (log-growth −∞ means the level is 0).
  case normalRate(mean: Double, sd: Double)
  /// `r = F⁻¹(Φ(w))` for any other distribution of the rate.
  case viaQuantile(Distribution)
  case fixed(logFactor: Double)

  init(_ assumption: GrowthAssumption) {
    switch assumption {
    case .lognormal(let mean, let sd):
      // 1 + r has mean m = 1 + mean and sd s: sigma² = ln(1 + s²/m²), mu = ln m − sigma²/2.
      let m = 1 + mean
      let sigma2 = log1p((sd * sd) / (m * m))
      self = .logNormal(mu: log(m) - sigma2 / 2, sigma: sigma2.squareRoot())
    case .logNormalGrowth(let mu, let sigma):
      self = .logNormal(mu: mu, sigma: sigma)
    case .rate(.normal(let mean, let sd)):
      self = .normalRate(mean: mean, sd: sd)
    case .rate(let distribution):
      self = .viaQuantile(distribution)
    case .fixed(let rate):
      self = .fixed(logFactor: rate <= -1 ? -.infinity : log1p(rate))
    }
  }

  /// Log-growth for shock `w`.
  @inline(__always)
  func logGrowth(_ w: Double) -> Double {
    switch self {
    case .logNormal(let mu, let sigma):
      return mu + sigma * w
    case .normalRate(let mean, let sd):
      let factor = 1 + mean + sd * w
      return factor > 0 ? log(factor) : -.infinity
    case .viaQuantile(let distribution):
      let factor = 1 + distribution.quantile(NormalDistribution.cdf(w))
      return factor > 0 ? log(factor) : -.infinity
    case .fixed(let logFactor):
      return logFactor
    }
  }

  /// Mean log-growth, used for the mean-reversion shift and reported shifts.
  var meanRate: Double {
    switch self {
    case .logNormal(let mu, let sigma): return exp(mu + sigma * sigma / 2) - 1
    case .normalRate(let mean, _): return mean
    case .viaQuantile(let d): return d.mean
    case .fixed(let logFactor): return exp(logFactor) - 1
    }
  }
}
