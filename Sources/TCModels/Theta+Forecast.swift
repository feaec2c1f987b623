import TCRandom

extension ThetaFit {
  /// The recursion run on from the last value with each y replaced by its prediction μ (for the
  /// fixed line: `ℓ_n + c [(1-α)^n A_n + (h - 1 + (1 - (1-α)^{n+1})/α) B_n]`).
  func pointForecast(horizon: Int) -> [Double] {
    var level = finalLevel, line = line, decay = finalDecay
    return (0..<max(0, horizon)).map { _ in
      let mu = level + c * line.drift(decay: decay, alpha: alpha)
      level = alpha * mu + (1 - alpha) * level
      line.absorb(mu)
      decay *= 1 - alpha
      return mu
    }
  }

  /// `(1-α)^n`, by the same repeated product as the fit.
  var finalDecay: Double {
    var decay = 1.0
    for _ in 0..<count { decay *= 1 - alpha }
    return decay
  }

  /// `ψ[h][j]`: the change in y_{n+h+1} per unit of the future error ε_{n+j+1} (j ≤ h; ψ[h][h] = 1).
  /// Every update is linear, so y_{n+h+1} = forecast + Σ_j ψ[h][j] ε_{n+j+1} exactly. For the
  /// fixed line ψ[h][j] = α (j < h), the variance factor `1 + (h-1) α²` of SES; for the dynamic
  /// line each error also moves the line, which feeds later predictions through c.
  func impulseResponses(horizon: Int) -> [[Double]] {
    let horizon = max(0, horizon)
    var psi = (0..<horizon).map { [Double](repeating: 0, count: $0 + 1) }
    let origin = finalDecay
    for j in 0..<horizon {
      var level = 0.0, line = line.zeroed, decay = origin
      for h in 0..<horizon {
        let dy = level + c * line.drift(decay: decay, alpha: alpha) + (h == j ? 1 : 0)
        if h >= j { psi[h][j] = dy }
        level = alpha * dy + (1 - alpha) * level
        line.absorb(dy)
        decay *= 1 - alpha
      }
    }
    return psi
  }

  /// Forecast standard deviations `σ √(Σ_j ψ[h][j]²)`.
  func standardDeviations(horizon: Int, sigma2: Double) -> [Double] {
    impulseResponses(horizon: horizon).map { row in
      (sigma2 * row.reduce(0) { $0 + $1 * $1 }).squareRoot()
    }
  }

  /// Paths of the model with Gaussian one-step errors: forecast plus Σ_j ψ[h][j] ε_j.
  func simulate(horizon: Int, paths: Int, seed: UInt64, streamOffset: UInt64, sigma: Double) -> [[Double]] {
    let mean = pointForecast(horizon: horizon)
    let psi = impulseResponses(horizon: horizon)
    var errors = [Double](repeating: 0, count: max(0, horizon))
    return simulatePaths(horizon: horizon, paths: paths, seed: seed, streamOffset: streamOffset) { stream, path in
      for h in 0..<horizon {
        errors[h] = sigma * stream.nextNormal()
        var value = mean[h]
        for j in 0...h { value += psi[h][j] * errors[j] }
        path[h] = value
      }
    }
  }
}
