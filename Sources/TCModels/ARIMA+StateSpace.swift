import Foundation

/// Maps unbounded optimizer coordinates to stationary AR (or invertible MA) coefficients.
///
/// Each coordinate becomes a partial autocorrelation `tanh(u_k)` in (-1, 1); the Durbin–Levinson
/// recursion turns partial autocorrelations into the coefficients `a` of a polynomial
/// `1 - a₁z - … - a_k z^k` whose roots all lie outside the unit circle (Jones 1980; Monahan 1984
/// for the moving-average side, used with `θ_i = -a_i`). Every point the optimizer tries is
/// therefore admissible, and no bound is ever hit.
/// `previous` is scratch space of at least `u.count` values, so callers in a likelihood loop
/// need not allocate.
func stationaryCoefficients(_ u: ArraySlice<Double>, into a: inout [Double], scratch previous: inout [Double]) {
  let k = u.count
  for j in 0..<k {
    let partial = tanh(u[u.startIndex + j])
    for i in 0..<j { previous[i] = a[i] }
    for i in 0..<j { a[i] = previous[i] - partial * previous[j - 1 - i] }
    a[j] = partial
  }
}

/// Smallest modulus among the roots of `1 + c₁z + c₂z²` (degree ≤ 2), `+∞` for a constant.
///
/// Automatic selection rejects fits with a root inside 1.01, as Hyndman & Khandakar (2008) do:
/// such a fit is close to a unit root, and its forecasts and intervals are unreliable.
func smallestRootModulus(_ c: [Double]) -> Double {
  precondition(c.count <= 2, "root check supports degree ≤ 2")
  let c1 = c.count > 0 ? c[0] : 0, c2 = c.count > 1 ? c[1] : 0
  if abs(c2) < 1e-12 { return abs(c1) < 1e-12 ? .infinity : 1 / abs(c1) }
  let disc = c1 * c1 - 4 * c2
  if disc < 0 { return (1 / abs(c2)).squareRoot() }
  let s = disc.squareRoot()
  return min(abs((-c1 + s) / (2 * c2)), abs((-c1 - s) / (2 * c2)))
}

/// Exact Gaussian likelihood of a zero-mean (or constant-mean) ARMA(p, q) series by the Kalman
/// filter on Harvey's state-space form (Harvey 1989; the form R's `arima` and statsforecast use).
///
/// State dimension `r = max(p, q + 1)`; transition `T` has `φ` (zero-padded) in its first column
/// and ones on the superdiagonal; disturbance loading `R = (1, θ₁, …, θ_{r-1})`; observation
/// `w_t = α_{t,1}`. The filter starts from the stationary covariance `P₀` solving
/// `P₀ = T P₀ Tᵀ + R Rᵀ`, so the likelihood is exact, not conditional.
///
/// The mean `μ` is profiled out exactly: the innovations are affine in `μ`, so the filter also
/// runs on a series of ones (same gains) and `μ̂` is the generalized-least-squares estimate.
/// The innovation variance is concentrated out too: `σ̂² = Σ v_t²/F_t / n`.
/// All scratch space is allocated once per workspace, so likelihood evaluations do not allocate.
struct ARMALikelihood {
  let p: Int
  let q: Int
  let r: Int
  let includeMean: Bool
  private var phi: [Double]
  private var theta: [Double]
  private var covariance: [Double]
  private var scratch: [Double]
  private var lyapunov: [Double]
  private var lyapunovRHS: [Double]
  private var state: [Double]
  private var stateOne: [Double]

  /// What one filter pass gives.
  struct Evaluation {
    /// `n log(2π σ̂²) + n + Σ log F_t`: minus twice the maximized log-likelihood.
    var minusTwoLogLikelihood: Double
    var sumOfSquares: Double
    var mean: Double
    /// Filtered state `α_{n|n}` of the de-meaned series, for forecasting.
    var finalState: [Double]
    var admissible: Bool
  }

  init(p: Int, q: Int, includeMean: Bool) {
    self.p = p
    self.q = q
    r = max(p, q + 1)
    self.includeMean = includeMean
    phi = [Double](repeating: 0, count: r)
    theta = [Double](repeating: 0, count: r)
    covariance = [Double](repeating: 0, count: r * r)
    scratch = [Double](repeating: 0, count: r * r)
    lyapunov = [Double](repeating: 0, count: r * r * r * r)
    lyapunovRHS = [Double](repeating: 0, count: r * r)
    state = [Double](repeating: 0, count: r)
    stateOne = [Double](repeating: 0, count: r)
  }

  /// Sets the coefficients: `ar` of `w_t = Σ φ_i w_{t-i} + …`, `ma` of `… + e_t + Σ θ_j e_{t-j}`.
  mutating func setCoefficients(ar: [Double], ma: [Double]) {
    for i in 0..<r {
      phi[i] = i < ar.count ? ar[i] : 0
      theta[i] = i == 0 ? 1 : (i - 1 < ma.count ? ma[i - 1] : 0)
    }
  }

  /// Stationary state covariance (σ² = 1) by solving `(I - T⊗T) vec P = vec(R Rᵀ)` with
  /// Gaussian elimination (at most 9 unknowns for p, q ≤ 2). False when singular (a unit root).
  private mutating func stationaryCovariance() -> Bool {
    let m = r * r
    // Row (i, j) ↔ index i + j r; T[i][k] = φ_i [k == 0] + [k == i + 1].
    for row in 0..<m {
      let i = row % r, j = row / r
      for col in 0..<m {
        let k = col % r, l = col / r
        let tik = (k == 0 ? phi[i] : 0) + (k == i + 1 ? 1 : 0)
        let tjl = (l == 0 ? phi[j] : 0) + (l == j + 1 ? 1 : 0)
        lyapunov[row + col * m] = (row == col ? 1 : 0) - tik * tjl
      }
      lyapunovRHS[row] = theta[i] * theta[j]
    }
    for c in 0..<m {
      var pivot = c
      for row in c + 1..<m where abs(lyapunov[row + c * m]) > abs(lyapunov[pivot + c * m]) { pivot = row }
      let pv = lyapunov[pivot + c * m]
      if !(abs(pv) > 1e-12) { return false }
      if pivot != c {
        for col in c..<m { lyapunov.swapAt(pivot + col * m, c + col * m) }
        lyapunovRHS.swapAt(pivot, c)
      }
      for row in c + 1..<m {
        let f = lyapunov[row + c * m] / pv
        if f == 0 { continue }
        for col in c..<m { lyapunov[row + col * m] -= f * lyapunov[c + col * m] }
        lyapunovRHS[row] -= f * lyapunovRHS[c]
      }
    }
    for c in stride(from: m - 1, through: 0, by: -1) {
      var s = lyapunovRHS[c]
      for col in c + 1..<m { s -= lyapunov[c + col * m] * covariance[col] }
      covariance[c] = s / lyapunov[c + c * m]
    }
    // Symmetrize away rounding.
    for i in 0..<r { for j in 0..<i { let v = 0.5 * (covariance[i + j * r] + covariance[j + i * r]); covariance[i + j * r] = v; covariance[j + i * r] = v } }
    return covariance[0] > 0
  }

  /// Runs the filter over `w` with the current coefficients.
  ///
  /// - Parameter keepState: also return the final filtered state (allocates; for the final fit).
  mutating func evaluate(_ w: Span<Double>, keepState: Bool = false) -> Evaluation {
    let n = w.count
    guard stationaryCovariance() else {
      return Evaluation(minusTwoLogLikelihood: .infinity, sumOfSquares: .infinity, mean: 0, finalState: [], admissible: false)
    }
    for i in 0..<r { state[i] = 0; stateOne[i] = 0 }
    var syy = 0.0, sy1 = 0.0, s11 = 0.0, sumLog = 0.0
    for t in 0..<n {
      let f = covariance[0]
      let v = w[t] - state[0]
      let v1 = 1 - stateOne[0]
      syy += v * v / f
      sy1 += v * v1 / f
      s11 += v1 * v1 / f
      sumLog += log(f)
      // Update with gain P[:,0]/F, then predict with T.
      let vf = v / f, v1f = v1 / f
      for i in 0..<r {
        state[i] += covariance[i] * vf
        stateOne[i] += covariance[i] * v1f
      }
      if t == n - 1 { break }
      for j in 0..<r { for i in 0..<r { scratch[i + j * r] = covariance[i + j * r] - covariance[i] * covariance[j] / f } }
      let a0 = state[0], b0 = stateOne[0]
      for i in 0..<r {
        let next = i + 1 < r
        state[i] = phi[i] * a0 + (next ? state[i + 1] : 0)
        stateOne[i] = phi[i] * b0 + (next ? stateOne[i + 1] : 0)
      }
      // P ← T X Tᵀ + R Rᵀ with X the filtered covariance; (T X)[i][j] = φ_i X[0][j] + X[i+1][j].
      for j in 0..<r {
        for i in 0..<r { covariance[i + j * r] = phi[i] * scratch[j * r] + (i + 1 < r ? scratch[i + 1 + j * r] : 0) }
      }
      for i in 0..<r { for j in 0..<r { scratch[i + j * r] = covariance[i + j * r] } }
      for j in 0..<r {
        for i in 0..<r {
          covariance[i + j * r] = phi[j] * scratch[i] + (j + 1 < r ? scratch[i + (j + 1) * r] : 0) + theta[i] * theta[j]
        }
      }
    }
    let mean = includeMean && s11 > 0 ? sy1 / s11 : 0
    let ssq = max(0, syy - 2 * mean * sy1 + mean * mean * s11)
    let nd = Double(n)
    let value = nd * log(2 * Double.pi * ssq / nd) + nd + sumLog
    var final: [Double] = []
    if keepState { final = (0..<r).map { state[$0] - mean * stateOne[$0] } }
    return Evaluation(minusTwoLogLikelihood: value, sumOfSquares: ssq, mean: mean, finalState: final, admissible: true)
  }
}

/// Psi weights `ψ₀ = 1, ψ₁, …, ψ_{h-1}` of `(1 - Σφ_i Bⁱ)(1 - B)^d y_t = (1 + Σθ_j Bʲ) e_t`.
func psiWeights(ar: [Double], ma: [Double], differences d: Int, count h: Int) -> [Double] {
  // Expand φ*(B) = φ(B)(1 - B)^d as 1 - Σ φ*_i Bⁱ.
  var poly = [1.0] + ar.map { -$0 }
  for _ in 0..<d {
    var next = [Double](repeating: 0, count: poly.count + 1)
    for (i, c) in poly.enumerated() { next[i] += c; next[i + 1] -= c }
    poly = next
  }
  let star = poly.dropFirst().map { -$0 }
  var psi = [Double](repeating: 0, count: max(h, 0))
  for j in 0..<max(h, 0) {
    if j == 0 { psi[0] = 1; continue }
    var s = j - 1 < ma.count ? ma[j - 1] : 0
    for i in stride(from: 1, through: min(j, star.count), by: 1) { s += star[i - 1] * psi[j - i] }
    psi[j] = s
  }
  return psi
}
