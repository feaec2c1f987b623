import RealModule

extension Distribution {
  /// Draws one value, consuming numbers from `rng`.
  ///
  /// Normal and lognormal transform one ziggurat normal; gamma uses Marsaglia–Tsang
  /// (2000) with the U^(1/k) boost for shape < 1; beta and PERT are G₁/(G₁+G₂) from two
  /// gammas (in logs when a shape is below 1, so tiny gammas cannot give 0/0); Student t
  /// is Z / √(χ²_ν/ν) with χ²_ν = 2·Gamma(ν/2); triangular inverts its CDF; constant
  /// consumes nothing.
  public func sample(_ rng: inout RandomStream) -> Double {
    switch self {
    case let .normal(mean, sd):
      return mean + sd * rng.nextNormal()
    case let .lognormal(mean, sd):
      let (mu, sigma) = lognormalLogParameters(mean: mean, sd: sd)
      return Double.exp(mu + sigma * rng.nextNormal())
    case let .lognormalLog(mu, sigma):
      return Double.exp(mu + sigma * rng.nextNormal())
    case let .studentT(df, location, scale):
      let z = rng.nextNormal()
      let chiSquareOverDf = 2 * rng.nextGamma(shape: 0.5 * df) / df
      return location + scale * z / chiSquareOverDf.squareRoot()
    case let .gamma(shape, scale):
      return scale * rng.nextGamma(shape: shape)
    case let .beta(alpha, beta):
      return rng.nextBeta(alpha, beta)
    case let .pert(min, mode, max, lambda):
      let (alpha, beta) = pertShapes(min: min, mode: mode, max: max, lambda: lambda)
      return Swift.min(max, min + (max - min) * rng.nextBeta(alpha, beta))
    case .triangular:
      return quantile(rng.nextUniform())
    case let .uniform(min, max):
      return Swift.min(max, min + (max - min) * rng.nextUniform())
    case let .constant(value):
      return value
    }
  }
}

extension RandomStream {
  /// A Gamma(shape, 1) variate (shape > 0), Marsaglia and Tsang (2000, ACM TOMS 26(3)).
  public mutating func nextGamma(shape: Double) -> Double {
    if shape >= 1 { return gammaAtLeastOne(shape) }
    // Gamma(k) = Gamma(k + 1) · U^(1/k).
    return Double.exp(logGammaBelowOne(shape))
  }

  /// A Beta(α, β) variate as G₁ / (G₁ + G₂).
  public mutating func nextBeta(_ alpha: Double, _ beta: Double) -> Double {
    if alpha >= 1 && beta >= 1 {
      let g1 = gammaAtLeastOne(alpha)
      let g2 = gammaAtLeastOne(beta)
      return g1 / (g1 + g2)
    }
    // 1 / (1 + G₂/G₁) with the ratio formed in logs.
    let l1 = alpha >= 1 ? Double.log(gammaAtLeastOne(alpha)) : logGammaBelowOne(alpha)
    let l2 = beta >= 1 ? Double.log(gammaAtLeastOne(beta)) : logGammaBelowOne(beta)
    return 1 / (1 + Double.exp(l2 - l1))
  }

  /// log of a Gamma(k) variate for k < 1: log Gamma(k + 1) + log(U)/k.
  mutating func logGammaBelowOne(_ shape: Double) -> Double {
    let g = gammaAtLeastOne(shape + 1)
    return Double.log(g) + Double.log(nextUniform()) / shape
  }

  /// Marsaglia–Tsang squeeze-and-reject for shape ≥ 1: d·v with v = (1 + c·z)³.
  mutating func gammaAtLeastOne(_ shape: Double) -> Double {
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      let z = nextNormal()
      let t = 1 + c * z
      if t <= 0 { continue }
      let v = t * t * t
      let u = nextUniform()
      let z2 = z * z
      // Cheap squeeze first; the log test is exact.
      if u < 1 - 0.0331 * z2 * z2 { return d * v }
      if Double.log(u) < 0.5 * z2 + d * (1 - v + Double.log(v)) { return d * v }
    }
  }
}
