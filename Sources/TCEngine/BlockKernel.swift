import Foundation
import TCLinearAlgebra
import TCRandom

/// Grids of every histogram, fixed before the main run.
struct EngineGrids: Sendable, Equatable, Codable {
  /// One per cell (quantity × year); cells that are never binned get a placeholder.
  var cells: [HistogramGrid]
  /// One per target: the growth shift each path needs.
  var shifts: [HistogramGrid]
}

/// What a sensitivity pass records for each path (one entry per path of the block).
struct PathRecord {
  /// Mean correlated shock of each series over the years (the series' growth input).
  var seriesInputs: [[Double]]
  /// Occurrences of each event.
  var eventInputs: [[Double]]
  /// Per target: 1 if met.
  var success: [[Double]]
  /// Per target: log-level of its quantity in the decision year.
  var decisionLogLevel: [[Double]]
}

/// Per-thread scratch space and the hot loop: simulates one block of consecutive paths and adds
/// what they contribute to a thread-local `SimulationState`.
///
/// Layout: `z` is a column-major (H·B) × K matrix, element (t·B + j, s) holding series s in year
/// t of the block's path j. One call of the BLAS layer with the Cholesky factor correlates all
/// H·B shock vectors at once (Z ← Z·Lᵀ); after that every (series, year) row of B paths is contiguous, so the
/// growth law, the running sum of log-levels, binning and target checks are simple loops over
/// contiguous memory.
///
/// `@unchecked Sendable`: a kernel is only ever used by one thread at a time — its own worker,
/// or after a run through `KernelPool`, whose lock hands each kernel to one thread.
final class BlockKernel: @unchecked Sendable {
  let plan: SimulationPlan
  let grids: EngineGrids
  let blockSize: Int
  let binnedCells: [Bool]
  var z: Matrix
  var scratch: Matrix
  /// Log-levels of aggregates, `A × H × B` like the series rows of `z`.
  var aggregate: [Double]
  var added: [Double]
  var normals: [Double]
  /// Base-year log-levels of the block's paths, `K × B` (empty when every base is fixed).
  var baseLogs: [Double]
  /// Per-path scratch of the target checks (one entry per path of the block).
  var targetScratch: TargetScratch
  /// Thread-local histogram counts in 16 bits (a quarter of the cache footprint of the state's
  /// 64-bit counts; the increments are the kernel's cache misses), flushed to `state` before
  /// any count can overflow: every `flushInterval` blocks.
  var counts: [UInt16]
  let flushInterval: Int
  var blocksSinceFlush = 0
  /// Bin indices of one row of paths (scratch of `bin`).
  var binScratch: [Int32]
  /// One row of control-variate linear forms (scratch of `checkTargets`).
  var controlScratch: [Double]
  var shiftCounts: [UInt16]
  var state: SimulationState
  let cellScales: [(FixedPointScale, FixedPointScale)]
  var override: (series: Int, value: Double)?
  /// Forces one event off or on for every path (sensitivity analysis).
  var eventOverride: (index: Int, occurs: Bool)?
  /// When set, each target's per-path required shifts are appended here (the pilot run).
  var pilotShifts: [[Double]]?

  init(plan: SimulationPlan, grids: EngineGrids, blockSize: Int) {
    self.plan = plan
    self.grids = grids
    self.blockSize = blockSize
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    z = Matrix(rows: h * b, columns: k)
    scratch = plan.factorIsLowerTriangular ? Matrix(rows: 0, columns: 0) : Matrix(rows: h * b, columns: k)
    aggregate = Array(repeating: 0, count: max(1, plan.aggregateCount * h * b))
    added = plan.seriesHasLevelEvents.contains(true) ? Array(repeating: 0, count: k * h * b) : []
    normals = Array(repeating: 0, count: 4 * k * h)
    baseLogs = plan.baseDraws.isEmpty ? [] : Array(repeating: 0, count: k * b)
    targetScratch = TargetScratch(blockSize: b)
    let cells = plan.quantityCount * h
    var binned = Array(repeating: false, count: cells)
    for cell in 0..<(k * h) { binned[cell] = true }
    for a in 0..<plan.aggregateCount where plan.aggregateForecast[a] {
      for t in 0..<h { binned[(k + a) * h + t] = true }
    }
    binnedCells = binned
    let bins = grids.cells.first?.bins ?? HistogramGrid.defaultBins
    precondition(b <= Int(UInt16.max), "block size \(b) above the 16-bit histogram counts' limit")
    counts = Array(repeating: 0, count: cells * (bins + 2))
    flushInterval = Int(UInt16.max) / b
    binScratch = Array(repeating: 0, count: b)
    controlScratch = Array(repeating: 0, count: b)
    shiftCounts = Array(repeating: 0, count: plan.targets.count * (bins + 2))
    state = SimulationState(cells: cells, bins: bins, targets: plan.targets.count, horizon: h)
    cellScales = grids.cells.map { grid in
      let top = exp(grid.upper)
      return (FixedPointScale(upperLevel: top, squared: false), FixedPointScale(upperLevel: top, squared: true))
    }
  }

  /// Moves the 16-bit counts into the state (call before reading `state`).
  func flush() {
    blocksSinceFlush = 0
    drain(\.counts, into: \.state.cellCounts)
    drain(\.shiftCounts, into: \.state.shiftCounts)
  }

  /// `total[i] += local[i]; local[i] = 0`, on local copies of the two arrays (one exclusivity
  /// check per array, not per element).
  private func drain(
    _ localPath: ReferenceWritableKeyPath<BlockKernel, [UInt16]>,
    into totalPath: ReferenceWritableKeyPath<BlockKernel, [UInt64]>
  ) {
    var local = self[keyPath: localPath], total = self[keyPath: totalPath]
    self[keyPath: localPath] = []
    self[keyPath: totalPath] = []
    precondition(local.count == total.count)
    do {
      var l = local.mutableSpan, t = total.mutableSpan
      for i in 0..<l.count {
        t[i] &+= UInt64(l[i])
        l[i] = 0
      }
    }
    self[keyPath: localPath] = local
    self[keyPath: totalPath] = total
  }

  /// Simulates paths `firstPath ..< firstPath + n` (n ≤ blockSize) and adds them to `state`.
  /// With `record`, also returns each path's inputs and outcomes (sensitivity analysis).
  @discardableResult
  func simulate(firstPath: Int, count n: Int, record: Bool = false) -> PathRecord? {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    fillShocks(firstPath: firstPath, count: n)
    drawBases(firstPath: firstPath, count: n)
    correlate()
    var recorded: PathRecord?
    if record {
      recorded = PathRecord(
        seriesInputs: (0..<k).map { s in seriesInput(s, n: n) }, eventInputs: [], success: [], decisionLogLevel: [])
    }
    if let override {
      z.withColumnMajorElements { e in
        for t in 0..<h { for j in 0..<n { e[override.series * h * b + t * b + j] = override.value } }
      }
    }
    var occurrences: [[Double]] = []
    var outcomes: (success: [[Double]], levels: [[Double]]) = ([], [])
    // One span for the rest of the block: no per-row closures or exclusivity checks.
    z.withColumnMajorElements { elements in
      var zs = elements.mutableSpan
      occurrences = applyLawsAndEvents(&zs, firstPath: firstPath, count: n, recordEvents: record)
      computeAggregates(zs.span, count: n)
      binCells(zs.span, count: n)
      outcomes = checkTargets(zs.span, count: n, record: record)
    }
    blocksSinceFlush += 1
    if blocksSinceFlush == flushInterval { flush() }
    recorded?.eventInputs = occurrences
    recorded?.success = outcomes.success
    recorded?.decisionLogLevel = outcomes.levels
    state.paths += n
    return recorded
  }

  // MARK: Shocks

  private func fillShocks(firstPath: Int, count n: Int) {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    let m = k * h
    let seed = plan.seed
    // Antithetic pairs (2i, 2i+1): the odd path takes the even path's normals negated, so the
    // four lanes draw the even paths of eight consecutive paths.
    let antithetic = plan.antithetic
    var normals = self.normals
    self.normals = []  // `normals` is now the only reference: no copy on write below
    z.withColumnMajorElements { elements in
      var zs = elements.mutableSpan
      var buffer = normals.mutableSpan
      var j = 0
      if !antithetic {
        // Straight into the block: series s of year t of path j sits at s·(H·B) + t·B + j.
        let layout = PathNormals.Layout(groups: h, perGroup: k, groupStride: b, memberStride: h * b)
        while j < n {
          let first = UInt64(firstPath + j)
          PathNormals.fill(
            seed: seed, paths: SIMD4(first, first &+ 1, first &+ 2, first &+ 3), layout: layout,
            lanes: Swift.min(4, n - j), into: &zs, at: j)
          j += 4
        }
        return
      }
      while j < n {
        let first = UInt64(firstPath + j)
        let paths = SIMD4(first, first &+ 2, first &+ 4, first &+ 6)
        PathNormals.fill(seed: seed, paths: paths, count: m, into: &buffer)
        let lanes = Swift.min(4, (n - j + 1) / 2)
        for t in 0..<h {
          for s in 0..<k {
            let i = 4 * (t * k + s)
            let row = s * h * b + t * b + j
            for l in 0..<lanes {
              let v = buffer[i + l]
              zs[row + 2 * l] = v
              if j + 2 * l + 1 < n { zs[row + 2 * l + 1] = -v }
            }
          }
        }
        j += 8
      }
    }
    self.normals = normals
  }

  /// Base-year log-levels: the fixed base, or for a year-to-date series a draw from its own
  /// stream `streamID(ytdPurpose, key, path)`, the same in any block, thread or shard.
  private func drawBases(firstPath: Int, count n: Int) {
    guard !baseLogs.isEmpty else { return }
    let b = blockSize
    for s in 0..<plan.seriesCount { for j in 0..<n { baseLogs[s * b + j] = plan.logBases[s] } }
    for draw in plan.baseDraws {
      for j in 0..<n {
        var stream = RandomStream(seed: plan.seed, stream: streamID(BlockKernel.ytdPurpose, draw.key, UInt64(firstPath + j)))
        baseLogs[draw.series * b + j] = Swift.max(draw.logFloor, draw.logLevel.sample(&stream))
      }
    }
  }

  /// Stream purpose of the base-year draws of year-to-date series.
  static let ytdPurpose: UInt64 = 0x7D7_BA5E

  /// Base-year log-level of series `s` on the block's path `j`.
  @inline(__always) func baseLog(_ s: Int, _ j: Int) -> Double {
    baseLogs.isEmpty ? plan.logBases[s] : baseLogs[s * blockSize + j]
  }

  private func correlate() {
    guard let factor = plan.correlationFactor else { return }
    if plan.factorIsLowerTriangular {
      // Shapes are fixed at init (K×K factor, K columns), so this cannot throw.
      try! BLAS.multiplyRowsByLowerTransposed(factor, &z)
    } else {
      try! BLAS.gemm(.none, .transpose, z, factor, &scratch)
      swap(&z, &scratch)
    }
  }

  private func seriesInput(_ s: Int, n: Int) -> [Double] {
    let h = plan.horizon, b = blockSize
    var out = Array(repeating: 0.0, count: n)
    for t in 0..<h { for j in 0..<n { out[j] += z[t * b + j, s] / Double(h) } }
    return out
  }

  // MARK: Growth, events, log-levels

  /// Turns shocks into log-levels in place; returns event occurrence counts when recording.
  private func applyLawsAndEvents(_ zp: inout MutableSpan<Double>, firstPath: Int, count n: Int, recordEvents: Bool) -> [[Double]] {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    for s in 0..<k {
      let phi = plan.persistence[s]
      if phi != 0 {
        // AR(1) on the driving normal keeps each year's N(0, 1) marginal.
        let scale = (1 - phi * phi).squareRoot()
        for t in 1..<max(h, 1) {
          let row = s * h * b + t * b, previous = row - b
          for j in 0..<n { zp[row + j] = phi * zp[previous + j] + scale * zp[row + j] }
        }
      }
      for t in 0..<h {
        let row = s * h * b + t * b
        let law = plan.laws[s * h + t]
        let shift = plan.shifts[s * h + t]
        switch law {
        case .logNormal(let mu, let sigma):
          let m = mu + shift
          for j in 0..<n { zp[row + j] = m + sigma * zp[row + j] }
        case .fixed(let logFactor):
          let m = logFactor + shift
          for j in 0..<n { zp[row + j] = m }
        default:
          for j in 0..<n { zp[row + j] = law.logGrowth(zp[row + j]) + shift }
        }
      }
    }
    for s in 0..<k {
      guard let model = plan.models[s] else { continue }
      // A model's simulated levels become log-growth rows, so events and the running sum below
      // treat the series like any other. Path p uses streamID(streamID(key, p), 0) via the
      // model's own streams: the same numbers in any block, thread or shard.
      let floor = 1e-300
      for j in 0..<n {
        let offset = streamID(plan.modelKeys[s], UInt64(firstPath + j))
        let levels = model.simulate(horizon: h, paths: 1, seed: plan.seed, streamOffset: offset)[0]
        var previous = plan.logBases[s]
        for t in 0..<h {
          let y = log(Swift.max(levels[t], floor))
          zp[s * h * b + t * b + j] = y - previous
          previous = y
        }
      }
    }
    var occurrences: [[Double]] = []
    if !plan.events.isEmpty {
      occurrences = applyEvents(&zp, firstPath: firstPath, count: n, record: recordEvents)
    }
    // Running sums of log-growth give log-levels.
    for s in 0..<k {
      var row = s * h * b
      if baseLogs.isEmpty {
        let base = plan.logBases[s]
        for j in 0..<n { zp[row + j] += base }
      } else {
        let offset = s * b
        for j in 0..<n { zp[row + j] += baseLogs[offset + j] }
      }
      for _ in 1..<max(h, 1) {
        let previous = row
        row += b
        for j in 0..<n { zp[row + j] += zp[previous + j] }
      }
    }
    // Levels added by events sit on top of the organic level: log(exp(y) + added).
    if !added.isEmpty {
      for s in 0..<k where plan.seriesHasLevelEvents[s] {
        for t in 0..<h {
          let offset = s * h * b + t * b
          for j in 0..<n where added[offset + j] != 0 {
            zp[offset + j] = log(exp(zp[offset + j]) + added[offset + j])
          }
        }
      }
    }
    return occurrences
  }

  /// Draws every event for every path: growth shocks go into the log-growth rows, added levels
  /// into `added`. Event and driver numbers come from their own streams keyed by the event's id
  /// and the path, so adding an event leaves every other number unchanged.
  private func applyEvents(_ zp: inout MutableSpan<Double>, firstPath: Int, count n: Int, record: Bool) -> [[Double]] {
    let h = plan.horizon, b = blockSize
    if !added.isEmpty { for i in added.indices { added[i] = 0 } }
    var occurrences = record ? Array(repeating: Array(repeating: 0.0, count: n), count: plan.events.count) : []
    var drivers = Array(repeating: 0.0, count: plan.driverNames.count * h)
    for j in 0..<n {
      let path = UInt64(firstPath + j)
      for (d, name) in plan.driverNames.enumerated() {
        var stream = RandomStream(seed: plan.seed, stream: streamID(0xD817E4, SimulationPlan.stableHash(name), path))
        for t in 0..<h { drivers[d * h + t] = stream.nextNormal() }
      }
      for (e, event) in plan.events.enumerated() {
        var stream = RandomStream(seed: plan.seed, stream: streamID(0xE7E47, event.key, path))
        let loading = event.loading, own = (1 - loading * loading).squareRoot()
        func latent(_ t: Int) -> Double {
          let epsilon = stream.nextNormal()
          guard let d = event.driver else { return epsilon }
          return loading * drivers[d * h + t] + own * epsilon
        }
        var starts: [Int] = []
        let forced: Bool? = eventOverride.flatMap { $0.index == e ? $0.occurs : nil }
        if let timing = event.timing {
          let occurs = forced ?? (latent(0) < event.threshold)
          let u = stream.nextUniform()
          if occurs { starts.append(timing.firstIndex { u <= $0 } ?? event.years.upperBound) }
        } else {
          for t in 0..<h {
            let l = latent(t)
            if event.years.contains(t) && (forced ?? (l < event.threshold)) { starts.append(t) }
          }
        }
        if record { occurrences[e][j] = Double(starts.count) }
        for start in starts {
          let s = event.series
          if let level = event.addLevel {
            for t in start..<h {
              added[s * h * b + t * b + j] += level * event.ramp[min(t - start, event.ramp.count - 1)]
            }
          } else {
            zp[s * h * b + start * b + j] += event.logShock
          }
        }
      }
    }
    return occurrences
  }

  // MARK: Aggregates

  private func computeAggregates(_ zp: Span<Double>, count n: Int) {
    guard plan.aggregateCount > 0 else { return }
    let h = plan.horizon, b = blockSize
    var aggregate = self.aggregate
    self.aggregate = []  // sole reference while we write
    do {
      var out = aggregate.mutableSpan
      for (a, members) in plan.aggregates.enumerated() {
        for t in 0..<h where plan.aggregateYears[a * h + t] {
          // Sum of the members' levels, then back to log; whole rows at a time so the
          // branch-free exp and log run in SIMD lanes.
          let o = a * h * b + t * b
          for i in o..<(o + n) { out[i] = 0 }
          var m = 0
          while m < members.count {
            let row = members[m] * h * b + t * b
            if m + 1 < members.count {
              let next = members[m + 1] * h * b + t * b
              RowLoops.addExp(zp.extracting(row ..< row + n), zp.extracting(next ..< next + n), to: &out, at: o)
              m += 2
            } else {
              RowLoops.addExp(zp.extracting(row ..< row + n), to: &out, at: o)
              m += 1
            }
          }
          RowLoops.logInPlace(&out, range: o ..< o + n)
        }
      }
    }
    self.aggregate = aggregate
  }

  /// Where quantity q's rows live: `z` for series, `aggregate` for aggregates, and the offset of
  /// its year-0 row there (year t's row starts `t · blockSize` further on).
  @inline(__always)
  private func rows(of q: Int) -> (inSeries: Bool, offset: Int) {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    return q < k ? (true, q * h * b) : (false, (q - k) * h * b)
  }

  // MARK: Histograms

  private func binCells(_ zp: Span<Double>, count n: Int) {
    let h = plan.horizon, b = blockSize
    let stride = state.bins + 2
    let aggregate = self.aggregate
    var counts = self.counts
    self.counts = []  // sole reference while we count
    defer { self.counts = counts }
    var cp = counts.mutableSpan
    var indexStore = binScratch
    binScratch = []
    defer { binScratch = indexStore }
    var indices = indexStore.mutableSpan
    for q in 0..<plan.quantityCount {
      for t in 0..<h {
        let cell = q * h + t
        guard binnedCells[cell] else { continue }
        let grid = grids.cells[cell]
        let (inSeries, base) = rows(of: q)
        let o = base + t * b
        let values = inSeries ? zp.extracting(o ..< o + n) : aggregate.span.extracting(o ..< o + n)
        let (low, high, outside) = BlockKernel.bin(values, grid: grid, into: &cp, at: cell * stride, indices: &indices)
        state.cellMinimum[cell] = Swift.min(state.cellMinimum[cell], low)
        state.cellMaximum[cell] = Swift.max(state.cellMaximum[cell], high)
        if outside {
          // Rare: sum the levels outside the grid exactly (fixed point) for the moments.
          let centre = exp(grid.centre(grid.bins / 2 + 1))
          let inverse = 1 / grid.width, shifted = 1 - grid.lower * inverse, top = Double(grid.bins + 1)
          var sum = 0.0, squares = 0.0
          for j in 0..<n {
            let index = BlockKernel.binIndex(values[j] * inverse + shifted, top: top)
            guard index == 0 || index == grid.bins + 1 else { continue }
            let level = exp(values[j])
            sum += level
            squares += (level - centre) * (level - centre)
          }
          state.outsideSum[cell] &+= cellScales[cell].0.encode(sum)
          state.outsideSumOfSquares[cell] &+= cellScales[cell].1.encode(squares)
        }
      }
    }
  }

  /// Adds the values to a histogram; returns their minimum, maximum and whether any fell
  /// outside the grid. `indices` is scratch space of at least `values.count` entries.
  ///
  /// Bin indices, minimum and maximum are computed in one branch-free pass (it runs in SIMD
  /// lanes); only the increments are one at a time.
  @inline(__always)
  static func bin<Count: FixedWidthInteger>(
    _ values: Span<Double>, grid: HistogramGrid, into counts: inout MutableSpan<Count>, at offset: Int,
    indices: inout MutableSpan<Int32>
  ) -> (Double, Double, Bool) {
    let n = values.count
    precondition(indices.count >= n && offset >= 0 && counts.count - offset >= grid.bins + 2)
    let inverse = 1 / grid.width
    let shifted = 1 - grid.lower * inverse
    let top = Double(grid.bins + 1)
    let (low, high) = RowLoops.binIndices(values, inverseWidth: inverse, shifted: shifted, top: top, into: &indices)
    RowLoops.increment(&counts, at: offset, indices: indices.span.extracting(0 ..< n))
    // Any value outside the grid makes the block's minimum or maximum fall outside it.
    let lowest = binIndex(low * inverse + shifted, top: top)
    let highest = binIndex(high * inverse + shifted, top: top)
    return (low, high, lowest == 0 || highest == grid.bins + 1)
  }

  /// ``binIndex(_:top:)`` without a trapping conversion: floor, then the exact
  /// add-1.5·2^52 integer step, so a loop of it vectorizes.
  @inline(__always)
  static func binIndex32(_ position: Double, top: Double) -> Int32 {
    let floored = position > 0 ? position : 0
    let clamped = (floored < top ? floored : top).rounded(.down)
    let magic = 6_755_399_441_055_744.0
    return Int32(truncatingIfNeeded: (clamped + magic).bitPattern &- magic.bitPattern)
  }

  /// Storage index from a position on the grid (1 + (x − lower)/width), clamped to the
  /// underflow and overflow bins; NaN goes to the underflow bin instead of trapping.
  @inline(__always)
  static func binIndex(_ position: Double, top: Double) -> Int {
    let floored = position > 0 ? position : 0
    return Int(floored < top ? floored : top)
  }

  // MARK: Targets

  private func checkTargets(_ zp: Span<Double>, count n: Int, record: Bool) -> (success: [[Double]], levels: [[Double]]) {
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
