import Foundation
import TCLinearAlgebra
import TCRandom
import TCScenario

extension SimulationPlan {
  /// The control variate of one target: the indicator `C = 1{Σ wᵢ·xᵢ ≥ cut}` of a linear form in
  /// log-levels that is exactly Gaussian, so `P(C = 1)` is known in closed form.
  ///
  /// For a series target the form is the target's own condition in the decision year
  /// (log-level, minus the reference year's for a ratio or CAGR from a simulated year). For an
  /// aggregate it is the first-order expansion of `log Σ exp(xₛ)` around the members' means,
  /// `log Σ e^{mₛ} + Σ wₛ (xₛ − mₛ)` with `wₛ = e^{mₛ} / Σ e^{m}`: close to the target's condition,
  /// hence strongly correlated with it, and Gaussian.
  struct Control: Sendable {
    /// Log-level of `series` in simulated year `year`, times `weight`.
    let terms: [(series: Int, year: Int, weight: Double)]
    let cut: Double
    /// P(Σ wᵢ·xᵢ ≥ cut), exact.
    let probability: Double
  }

  /// Controls for every target that has one (nil entries for the rest).
  ///
  /// A series qualifies through year `y` when every year up to `y` has lognormal (or fixed)
  /// growth and the series has no events, persistence, model or year-to-date base draw: its
  /// log-level is then `log base + Σ (μ + shift) + Σ σ·(L z)`, Gaussian with covariance
  /// `Σ_u σ_{s,u} σ_{v,u} R_{sv}` between series, `R = L Lᵀ` the correlation actually applied.
  static func controls(
    scenario: Scenario, targets: [PlannedTarget], laws: [GrowthLaw], shifts: [Double], logBases: [Double],
    factor: Matrix?, seriesCount k: Int, horizon h: Int
  ) -> [Control?] {
    let eventSeries = Set(scenario.events.map(\.series))
    func gaussian(_ s: Int, through y: Int) -> Bool {
      let spec = scenario.series[s]
      guard spec.persistence == 0, spec.model == nil, !spec.baseFromYTD, !eventSeries.contains(spec.id) else { return false }
      for t in 0...y {
        switch laws[s * h + t] {
        case .logNormal, .fixed: continue
        default: return false
        }
      }
      return true
    }
    func drift(_ s: Int, _ t: Int) -> (mean: Double, sigma: Double) {
      switch laws[s * h + t] {
      case .logNormal(let mu, let sigma): return (mu + shifts[s * h + t], sigma)
      case .fixed(let logFactor): return (logFactor + shifts[s * h + t], 0)
      default: return (.nan, .nan)
      }
    }
    func mean(_ s: Int, _ y: Int) -> Double { (0...y).reduce(logBases[s]) { $0 + drift(s, $1).mean } }
    func correlation(_ s: Int, _ v: Int) -> Double {
      guard let factor else { return s == v ? 1 : 0 }
      var r = 0.0
      for j in 0..<factor.columns { r += factor[s, j] * factor[v, j] }
      return r
    }
    func covariance(_ a: (series: Int, year: Int, weight: Double), _ b: (series: Int, year: Int, weight: Double)) -> Double {
      var sum = 0.0
      for u in 0...Swift.min(a.year, b.year) { sum += drift(a.series, u).sigma * drift(b.series, u).sigma }
      return a.weight * b.weight * correlation(a.series, b.series) * sum
    }
    return targets.map { target -> Control? in
      guard target.hasShift else { return nil }
      let y = target.decisionYear
      var terms: [(series: Int, year: Int, weight: Double)] = []
      var cut = target.thresholds[y] + target.referenceLog
      if target.quantity < k {
        let s = target.quantity
        guard gaussian(s, through: y) else { return nil }
        terms.append((s, y, 1))
        if target.reference >= 0 { terms.append((s, target.reference, -1)) }
      } else {
        guard target.reference < 0 else { return nil }
        let members = scenario.aggregates[target.quantity - k].members.map { scenario.seriesIndex(of: $0)! }
        guard members.allSatisfy({ gaussian($0, through: y) }) else { return nil }
        let means = members.map { mean($0, y) }
        let top = means.max() ?? 0
        let shares = means.map { Foundation.exp($0 - top) }
        let total = shares.reduce(0, +)
        var centre = 0.0
        for (i, s) in members.enumerated() {
          let w = shares[i] / total
          terms.append((s, y, w))
          centre += w * means[i]
        }
        // log Σ exp(x) ≥ c  ≈  Σ w·x ≥ c − log Σ e^m + Σ w·m.
        cut = cut - (top + Foundation.log(total)) + centre
      }
      var formMean = 0.0, variance = 0.0
      for a in terms {
        formMean += a.weight * mean(a.series, a.year)
        for b in terms { variance += covariance(a, b) }
      }
      let sd = Swift.max(0, variance).squareRoot()
      let probability = sd > 0 ? NormalDistribution.cdf((formMean - cut) / sd) : (formMean >= cut ? 1 : 0)
      return Control(terms: terms, cut: cut, probability: probability)
    }
  }
}
