/// Result of a bounded Nelder–Mead minimization.
struct OptimizationResult {
  /// The best point found.
  var x: [Double]
  /// The objective at `x`.
  var value: Double
  /// How many times the objective was evaluated.
  var evaluations: Int
}

/// Bounded Nelder–Mead simplex minimizer (Nelder & Mead 1965; coefficients 1, 2, ½, ½) with
/// restarts, shared by every model fitted by likelihood or least squares without derivatives.
///
/// Box bounds are enforced by projecting each trial point onto the box; other constraints
/// (such as β ≤ α in ETS) are the objective's job: it returns `+infinity` where infeasible.
/// NaN objective values count as `+infinity`. The objective receives a scratch array owned by
/// the optimizer, so evaluations do not allocate. After convergence the simplex is rebuilt
/// around the best point with the initial steps; the search stops when a restart no longer
/// improves the value by more than the tolerance.
struct NelderMead {
  var maxEvaluations = 2_000
  /// Relative spread of simplex values at which a run stops.
  var tolerance = 1e-10
  var restarts = 2

  func minimize(
    start: [Double], steps: [Double], lower: [Double], upper: [Double],
    _ objective: ([Double]) -> Double
  ) -> OptimizationResult {
    let d = start.count
    precondition(d > 0 && steps.count == d && lower.count == d && upper.count == d)
    var evaluations = 0
    var trial = [Double](repeating: 0, count: d)
    func evaluate() -> Double {
      for i in 0..<d { trial[i] = min(max(trial[i], lower[i]), upper[i]) }
      evaluations += 1
      let v = objective(trial)
      return v.isNaN ? .infinity : v
    }
    // Simplex vertices stored flat, vertex k at [k*d, (k+1)*d).
    var points = [Double](repeating: 0, count: (d + 1) * d)
    var values = [Double](repeating: .infinity, count: d + 1)
    var centroid = [Double](repeating: 0, count: d)
    var reflected = [Double](repeating: 0, count: d)
    var best = start
    for i in 0..<d { trial[i] = start[i] }
    var bestValue = evaluate()
    for i in 0..<d { best[i] = trial[i] }

    for run in 0...restarts {
      let valueBeforeRun = bestValue
      // Build the simplex around the best point; step away from a bound it would cross.
      for i in 0..<d { points[i] = best[i] }
      values[0] = bestValue
      for k in 1...d {
        for i in 0..<d { trial[i] = best[i] }
        let i = k - 1
        let step = steps[i]
        trial[i] = best[i] + step > upper[i] ? best[i] - step : best[i] + step
        values[k] = evaluate()
        for j in 0..<d { points[k * d + j] = trial[j] }
      }
      while evaluations < maxEvaluations {
        var lo = 0, hi = 0
        for k in 1...d {
          if values[k] < values[lo] { lo = k }
          if values[k] > values[hi] { hi = k }
        }
        var nextHi = lo
        for k in 0...d where k != hi && values[k] > values[nextHi] { nextHi = k }
        let spread = values[hi] - values[lo]
        if values[lo].isFinite, spread.isFinite, spread <= tolerance * (abs(values[lo]) + tolerance) { break }

        for i in 0..<d { centroid[i] = 0 }
        for k in 0...d where k != hi {
          for i in 0..<d { centroid[i] += points[k * d + i] }
        }
        for i in 0..<d { centroid[i] /= Double(d) }

        for i in 0..<d { trial[i] = 2 * centroid[i] - points[hi * d + i] }
        let fr = evaluate()
        for i in 0..<d { reflected[i] = trial[i] }
        if fr < values[lo] {
          for i in 0..<d { trial[i] = 3 * centroid[i] - 2 * points[hi * d + i] }
          let fe = evaluate()
          if fe < fr {
            replace(&points, &values, vertex: hi, with: trial, value: fe, d: d)
          } else {
            replace(&points, &values, vertex: hi, with: reflected, value: fr, d: d)
          }
          continue
        }
        if fr < values[nextHi] {
          replace(&points, &values, vertex: hi, with: reflected, value: fr, d: d)
          continue
        }
        // Contract towards the better of the reflected and the worst point.
        let outside = fr < values[hi]
        for i in 0..<d {
          let far = outside ? reflected[i] : points[hi * d + i]
          trial[i] = centroid[i] + 0.5 * (far - centroid[i])
        }
        let fc = evaluate()
        if fc < min(fr, values[hi]) {
          replace(&points, &values, vertex: hi, with: trial, value: fc, d: d)
          continue
        }
        for k in 0...d where k != lo {
          for i in 0..<d { trial[i] = points[lo * d + i] + 0.5 * (points[k * d + i] - points[lo * d + i]) }
          values[k] = evaluate()
          for i in 0..<d { points[k * d + i] = trial[i] }
        }
      }
      var lo = 0
      for k in 1...d where values[k] < values[lo] { lo = k }
      if values[lo] < bestValue {
        bestValue = values[lo]
        for i in 0..<d { best[i] = points[lo * d + i] }
      }
      let improved = valueBeforeRun - bestValue > tolerance * (abs(bestValue) + tolerance)
      if run > 0 && !improved { break }
      if evaluations >= maxEvaluations { break }
    }
    return OptimizationResult(x: best, value: bestValue, evaluations: evaluations)
  }

  private func replace(_ points: inout [Double], _ values: inout [Double], vertex: Int, with x: [Double], value: Double, d: Int) {
    for i in 0..<d { points[vertex * d + i] = x[i] }
    values[vertex] = value
  }
}
