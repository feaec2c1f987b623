import TCRandom

extension BlockKernel {
  func checkTargets(_ zp: Span<Double>, count n: Int, record: Bool) -> (success: [[Double]], levels: [[Double]]) {
    let h = plan.horizon, b = blockSize
    let stride = state.bins + 2
    let aggregate = self.aggregate
    // Sole references while we write: no copy on write, no per-element exclusivity checks.
    var firstStore = targetScratch.first, shiftStore = targetScratch.minimumShift
    var successStore = targetScratch.success, referenceStore = targetScratch.referenceRow
    targetScratch = TargetScratch(blockSize: 0)
    var shiftCounts = self.shiftCounts
    self.shiftCounts = []
    var indexStore = binScratch
    binScratch = []
    defer {
      targetScratch = TargetScratch(
        first: firstStore, minimumShift: shiftStore, success: successStore, referenceRow: referenceStore)
      self.shiftCounts = shiftCounts
      binScratch = indexStore
    }
    var first = firstStore.mutableSpan
    var minimumShift = shiftStore.mutableSpan
    var success = successStore.mutableSpan
    var referenceRow = referenceStore.mutableSpan
    var shiftSpan = shiftCounts.mutableSpan
    var indices = indexStore.mutableSpan
    var controlStore = controlScratch
    controlScratch = []
    defer { controlScratch = controlStore }
    var controlRow = controlStore.mutableSpan
    precondition(first.count >= n && minimumShift.count >= n && success.count >= n && referenceRow.count >= n)
    // Required shifts feed the pilot's grids or the shift histograms (not the joint-count kernels,
    // which have neither).
    let needShifts = plan.requiredShifts && (pilotShifts != nil || !grids.shifts.isEmpty)
    var yearCounts = [UInt64](repeating: 0, count: h + 1)
    var successes: [[Double]] = []
    var levels: [[Double]] = []
    for (index, target) in plan.targets.enumerated() {
      let never = Int32(h)
      let y = target.decisionYear
      let (inSeries, base) = rows(of: target.quantity)
      // Year t of the target's quantity: `values[t * b + j]`, in `z` or in `aggregate`.
      let values = inSeries ? zp.extracting(base ..< base + h * b) : aggregate.span.extracting(base ..< base + h * b)
      RowLoops.fill(&first, with: never, count: n)
      if needShifts { RowLoops.fill(&minimumShift, with: .infinity, count: n) }
      if target.reference >= 0 {
        let reference = target.reference * b
        for j in 0..<n { referenceRow[j] = values[reference + j] }
      } else {
        for j in 0..<n { referenceRow[j] = target.referenceLog }
        // A ratio or CAGR from the base year is relative to the path's own base-year level.
        if !baseLogs.isEmpty, target.quantity < plan.seriesCount, target.relativeToBase {
          let s = target.quantity
          for j in 0..<n { referenceRow[j] += baseLogs[s * b + j] - plan.logBases[s] }
        }
      }
      var hitsInYear: UInt64 = 0
      for t in (target.reference + 1)..<h {
        let c = target.thresholds[t]
        let row = values.extracting(t * b ..< t * b + n)
        // d ≤ 0 means the condition holds in year t; years run upwards, so the first year
        // reached is the smallest year with d ≤ 0 (branch-free, so the loops vectorize).
        let year = Int32(t)
        if needShifts && (target.inYear ? t == y : t <= y) {
          RowLoops.firstReachedAndShift(
            row, reference: referenceRow.span, first: &first, minimumShift: &minimumShift, threshold: c,
            year: year, never: never, perYear: 1 / target.yearsSinceReference(t))
        } else {
          RowLoops.firstReached(row, reference: referenceRow.span, first: &first, threshold: c, year: year, never: never)
        }
        if target.inYear && t == y {
          hitsInYear = RowLoops.metInYear(row, reference: referenceRow.span, success: &success, threshold: c)
        }
      }
      if !target.inYear { RowLoops.metBy(first.span.extracting(0 ..< n), limit: Int32(y), success: &success) }
      if let conditional = target.conditional {
        // q = P(condition in year y | paths up to y − 1) = 1 − Φ((c − x_{y−1} − m)/σ), or 1 when a
        // "by" target was already met before y.
        let c = target.thresholds[y]
        let previous: Int? = y - 1 >= 0 ? (y - 1) * b : nil
        let logBase = plan.logBases[target.quantity]
        let scale = plan.conditionalScale
        var sum: Int128 = 0, squares: Int128 = 0
        for j in 0..<n {
          let q: Double
          if !target.inYear && first[j] < Int32(y) {
            q = 1
          } else {
            let x = (previous.map { values[$0 + j] } ?? (target.quantity < plan.seriesCount ? baseLog(target.quantity, j) : logBase)) - referenceRow[j]
            q = NormalDistribution.cdf(-(c - x - conditional.mean) / conditional.sigma)
          }
          let fixed = Int64((q * scale).rounded())
          sum &+= Int128(fixed)
          squares &+= Int128(Int64((q * q * scale).rounded()))
        }
        state.conditionalSum[index] &+= sum
        state.conditionalSumOfSquares[index] &+= squares
      }
      state.inYearHits[index] &+= hitsInYear
      if let control = plan.controls[index] {
        // The control's linear form (a single unit term is the series' own row), then its
        // indicator against the target's.
        let hits: UInt64, joint: UInt64
        if control.terms.count == 1 && control.terms[0].weight == 1 {
          let o = control.terms[0].series * h * b + control.terms[0].year * b
          (hits, joint) = RowLoops.controlCounts(
            zp.extracting(o ..< o + n), cut: control.cut, success: success.span.extracting(0 ..< n))
        } else {
          RowLoops.fill(&controlRow, with: 0, count: n)
          for term in control.terms {
            let o = term.series * h * b + term.year * b
            RowLoops.addScaled(zp.extracting(o ..< o + n), weight: term.weight, to: &controlRow)
          }
          (hits, joint) = RowLoops.controlCounts(
            controlRow.span.extracting(0 ..< n), cut: control.cut, success: success.span.extracting(0 ..< n))
        }
        state.controlHits[index] &+= hits
        state.controlJointHits[index] &+= joint
      }
      let firstBase = index * (h + 1)
      for t in 0...h { yearCounts[t] = 0 }
      for j in 0..<n { yearCounts[Int(first[j])] &+= 1 }
      for t in 0...h { state.firstYear[firstBase + t] &+= yearCounts[t] }
      if plan.antithetic {
        var j = 0
        while j + 1 < n {
          state.pairOutcomes[index * 3 + Int(success[j]) + Int(success[j + 1])] &+= 1
          j += 2
        }
      }
      if pilotShifts != nil { pilotShifts!.append((0..<n).map { minimumShift[$0] }) }
      if needShifts && pilotShifts == nil && !grids.shifts.isEmpty {
        let (low, high, _) = BlockKernel.bin(
          minimumShift.span.extracting(0 ..< n), grid: grids.shifts[index], into: &shiftSpan, at: index * stride,
          indices: &indices)
        state.shiftMinimum[index] = Swift.min(state.shiftMinimum[index], low)
        state.shiftMaximum[index] = Swift.max(state.shiftMaximum[index], high)
      }
      if record {
        successes.append((0..<n).map { Double(success[$0]) })
        levels.append((0..<n).map { values[y * b + $0] })
      }
    }
    return (successes, levels)
  }
}

/// Per-path scratch of the target checks, one entry per path of a block.
struct TargetScratch {
  /// First year each path met the target's condition (the horizon when never).
  var first: [Int32]
  /// Smallest growth shift per year that would have met the target.
  var minimumShift: [Double]
  /// 1 when the path met the target.
  var success: [UInt8]
  /// The path's log-level in the target's reference year.
  var referenceRow: [Double]

  init(first: [Int32], minimumShift: [Double], success: [UInt8], referenceRow: [Double]) {
    self.first = first
    self.minimumShift = minimumShift
    self.success = success
    self.referenceRow = referenceRow
  }

  init(blockSize b: Int) {
    first = Array(repeating: 0, count: b)
    minimumShift = Array(repeating: 0, count: b)
    success = Array(repeating: 0, count: b)
    referenceRow = Array(repeating: 0, count: b)
  }
}
