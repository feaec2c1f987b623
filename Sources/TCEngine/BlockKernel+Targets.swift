extension BlockKernel {
  /// Checks every target on the block's paths: the first year each path met it, the growth shift
  /// it would have needed (required growth), and what the target's estimator records. Returns
  /// each path's outcome and decision-year log-level per target when `record` is set
  /// (sensitivity analysis).
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
    // Members' first years and outcomes, kept for the k-of-n targets that count them.
    var memberFirst: [Int: [Int32]] = [:], memberSuccess: [Int: [UInt8]] = [:]
    for (index, target) in plan.targets.enumerated() {
      let y = target.decisionYear
      if target.isComposite {
        let hits = checkComposite(
          target, index: index, first: memberFirst, success: memberSuccess, into: &success, count: n,
          yearCounts: &yearCounts)
        state.inYearHits[index] &+= hits
        if case .antithetic(let estimator) = estimators[index] {
          estimator.record(success: success.span, count: n, target: index, into: &state)
        }
        if pilotShifts != nil { pilotShifts!.append([]) }
        if record {
          successes.append((0..<n).map { Double(success[$0]) })
          levels.append((0..<n).map { j in Double(target.members.reduce(0) { $0 + Int(memberSuccess[$1]![j]) }) })
        }
        continue
      }
      let needShifts = needShifts && target.hasShift
      let (inSeries, base) = rows(of: target.quantity)
      // Year t of the target's quantity: `values[t * b + j]`, in `z` or in `aggregate`.
      let values = inSeries ? zp.extracting(base ..< base + h * b) : aggregate.span.extracting(base ..< base + h * b)
      fillReference(target, values: values, into: &referenceRow, count: n)
      let hitsInYear = firstPassage(
        target, values: values, reference: referenceRow.span, first: &first, minimumShift: &minimumShift,
        success: &success, count: n, shifts: needShifts)
      state.inYearHits[index] &+= hitsInYear
      let firstBase = index * (h + 1)
      for t in 0...h { yearCounts[t] = 0 }
      for j in 0..<n { yearCounts[Int(first[j])] &+= 1 }
      for t in 0...h { state.firstYear[firstBase + t] &+= yearCounts[t] }
      switch estimators[index] {
      case .plain:
        break
      case .antithetic(let estimator):
        estimator.record(success: success.span, count: n, target: index, into: &state)
      case .conditional(let estimator):
        let logBase = plan.logBases[target.quantity]
        estimator.record(
          target, values: values, first: first.span, reference: referenceRow.span, blockSize: b, count: n,
          baseLog: { j in target.quantity < plan.seriesCount ? baseLog(target.quantity, j) : logBase },
          target: index, into: &state)
      case .controlVariate(let estimator):
        estimator.record(
          zp, horizon: h, blockSize: b, count: n, success: success.span, scratch: &controlRow, target: index,
          into: &state)
      }
      if plan.isMember[index] {
        memberFirst[index] = (0..<n).map { first[$0] }
        memberSuccess[index] = (0..<n).map { success[$0] }
      }
      if pilotShifts != nil { pilotShifts!.append(needShifts ? (0..<n).map { minimumShift[$0] } : []) }
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

  /// Each path's log-level the target is measured from: a simulated year's, or the base year's
  /// (the path's own when its base is drawn and the target is a ratio or CAGR from it).
  func fillReference(
    _ target: SimulationPlan.PlannedTarget, values: Span<Double>, into referenceRow: inout MutableSpan<Double>,
    count n: Int
  ) {
    let b = blockSize
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
  }

  /// First passage and back-solve: each path's first year meeting the target's condition (the
  /// horizon when never), whether it met the target, and with `shifts` the smallest growth shift
  /// per year that would have met it. Returns the paths meeting an in-year target.
  func firstPassage(
    _ target: SimulationPlan.PlannedTarget, values: Span<Double>, reference referenceRow: Span<Double>,
    first: inout MutableSpan<Int32>, minimumShift: inout MutableSpan<Double>, success: inout MutableSpan<UInt8>,
    count n: Int, shifts needShifts: Bool
  ) -> UInt64 {
    let h = plan.horizon, b = blockSize
    let never = Int32(h)
    let y = target.decisionYear
    RowLoops.fill(&first, with: never, count: n)
    if needShifts { RowLoops.fill(&minimumShift, with: .infinity, count: n) }
    var hitsInYear: UInt64 = 0
    for t in (target.reference + 1)..<h {
      let c = target.thresholds[t]
      let row = values.extracting(t * b ..< t * b + n)
      // d ≤ 0 means the condition holds in year t; years run upwards, so the first year
      // reached is the smallest year with d ≤ 0 (branch-free, so the loops vectorize).
      let year = Int32(t)
      if needShifts && (target.inYear ? t == y : t <= y) {
        RowLoops.firstReachedAndShift(
          row, reference: referenceRow, first: &first, minimumShift: &minimumShift, threshold: c,
          year: year, never: never, perYear: 1 / target.yearsSinceReference(t))
      } else {
        RowLoops.firstReached(
          row, reference: referenceRow, first: &first, threshold: c, upper: target.upper, year: year, never: never)
      }
      if target.inYear && t == y {
        hitsInYear = RowLoops.metInYear(row, reference: referenceRow, success: &success, threshold: c, upper: target.upper)
      }
    }
    if !target.inYear { RowLoops.metBy(first.span.extracting(0 ..< n), limit: Int32(y), success: &success) }
    return hitsInYear
  }
}

extension BlockKernel {
  /// A k-of-n target on the block's paths, from its members' outcomes and first years: met
  /// where at least k members are met; first reached in the k-th smallest of the members'
  /// first years. Adds to the state the first years and, for the member-count table, how many
  /// members each path has reached by each year and met in their decision years. Returns the
  /// paths meeting it.
  func checkComposite(
    _ target: SimulationPlan.PlannedTarget, index: Int, first: [Int: [Int32]], success: [Int: [UInt8]],
    into met: inout MutableSpan<UInt8>, count n: Int, yearCounts: inout [UInt64]
  ) -> UInt64 {
    let h = plan.horizon
    let members = target.members.map { first[$0]! }, outcomes = target.members.map { success[$0]! }
    let m = members.count, k = target.required
    let offset = plan.memberCountOffsets[index]
    for t in 0...h { yearCounts[t] = 0 }
    var hits: UInt64 = 0
    var years = [Int32](repeating: 0, count: m)
    for j in 0..<n {
      var count = 0
      for c in 0..<m {
        years[c] = members[c][j]
        count += Int(outcomes[c][j])
      }
      met[j] = count >= k ? 1 : 0
      hits &+= UInt64(met[j])
      state.memberCounts[offset + h * (m + 1) + count] &+= 1
      years.sort()
      yearCounts[Int(years[k - 1])] &+= 1
      // Members reached by year t: the sorted first years up to t (each row of the table).
      var reached = 0
      for t in 0..<h {
        while reached < m && Int(years[reached]) <= t { reached += 1 }
        state.memberCounts[offset + t * (m + 1) + reached] &+= 1
      }
    }
    for t in 0...h { state.firstYear[index * (h + 1) + t] &+= yearCounts[t] }
    return hits
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
