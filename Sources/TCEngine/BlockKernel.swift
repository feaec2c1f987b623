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
/// t of the block's path j. One `trmm` by the Cholesky factor correlates all H·B shock vectors
/// at once (Z ← Z·Lᵀ); after that every (series, year) row of B paths is contiguous, so the
/// growth law, the running sum of log-levels, binning and target checks are simple loops over
/// contiguous memory.
final class BlockKernel {
  let plan: SimulationPlan
  let grids: EngineGrids
  let blockSize: Int
  let binnedCells: [Bool]
  var z: Matrix
  var scratch: Matrix
  var aggregate: [Double]
  var added: [Double]
  var normals: [Double]
  var first: [Int32]
  var minimumShift: [Double]
  var success: [UInt8]
  /// Thread-local histogram counts in 32 bits (half the cache footprint); flushed to `state`.
  var counts: [UInt32]
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
    aggregate = Array(repeating: 0, count: plan.aggregateCount * h * b)
    added = plan.seriesHasLevelEvents.contains(true) ? Array(repeating: 0, count: k * h * b) : []
    normals = Array(repeating: 0, count: k * h)
    first = Array(repeating: 0, count: b)
    minimumShift = Array(repeating: 0, count: b)
    success = Array(repeating: 0, count: b)
    let cells = plan.quantityCount * h
    var binned = Array(repeating: false, count: cells)
    for cell in 0..<(k * h) { binned[cell] = true }
    for a in 0..<plan.aggregateCount where plan.aggregateForecast[a] {
      for t in 0..<h { binned[(k + a) * h + t] = true }
    }
    binnedCells = binned
    let bins = grids.cells.first?.bins ?? HistogramGrid.defaultBins
    counts = Array(repeating: 0, count: cells * (bins + 2))
    state = SimulationState(cells: cells, bins: bins, targets: plan.targets.count, horizon: h)
    cellScales = grids.cells.map { grid in
      let top = exp(grid.upper)
      return (FixedPointScale(upperLevel: top, squared: false), FixedPointScale(upperLevel: top, squared: true))
    }
  }

  /// Moves the 32-bit counts into the state (call before reading `state`).
  func flush() {
    for i in counts.indices where counts[i] != 0 {
      state.cellCounts[i] &+= UInt64(counts[i])
      counts[i] = 0
    }
  }

  /// Simulates paths `firstPath ..< firstPath + n` (n ≤ blockSize) and adds them to `state`.
  /// With `record`, also returns each path's inputs and outcomes (sensitivity analysis).
  @discardableResult
  func simulate(firstPath: Int, count n: Int, record: Bool = false) -> PathRecord? {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    fillShocks(firstPath: firstPath, count: n)
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
    let occurrences = applyLawsAndEvents(firstPath: firstPath, count: n, recordEvents: record)
    recorded?.eventInputs = occurrences
    computeAggregates(count: n)
    binCells(count: n)
    let outcomes = checkTargets(count: n, record: record)
    recorded?.success = outcomes.success
    recorded?.decisionLogLevel = outcomes.levels
    state.paths += n
    return recorded
  }

  // MARK: Shocks

  private func fillShocks(firstPath: Int, count n: Int) {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    let seed = plan.seed
    let antithetic = plan.antithetic
    z.withColumnMajorElements { elements in
      elements.withUnsafeMutableBufferPointer { zp in
        for j in 0..<n {
          let path = firstPath + j
          // Antithetic pairs (2i, 2i+1): the odd path reuses the even path's normals negated.
          if antithetic && path & 1 == 1 && j > 0 {
            for t in 0..<h { for s in 0..<k { zp[s * h * b + t * b + j] = -zp[s * h * b + t * b + j - 1] } }
            continue
          }
          var stream = RandomStream(seed: seed, stream: UInt64(path))
          stream.fillNormals(&normals, count: k * h)
          normals.withUnsafeBufferPointer { np in
            for t in 0..<h { for s in 0..<k { zp[s * h * b + t * b + j] = np[t * k + s] } }
          }
        }
      }
    }
  }

  private func correlate() {
    guard let factor = plan.correlationFactor else { return }
    if plan.factorIsLowerTriangular {
      try! BLAS.trmm(.right, .lower, .transpose, factor, &z)
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
  private func applyLawsAndEvents(firstPath: Int, count n: Int, recordEvents: Bool) -> [[Double]] {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    var occurrences: [[Double]] = []
    z.withColumnMajorElements { elements in
      elements.withUnsafeMutableBufferPointer { zp in
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
        if !plan.events.isEmpty {
          occurrences = applyEvents(zp, firstPath: firstPath, count: n, record: recordEvents)
        }
        // Running sums of log-growth give log-levels.
        for s in 0..<k {
          let base = plan.logBases[s]
          var row = s * h * b
          for j in 0..<n { zp[row + j] += base }
          for _ in 1..<max(h, 1) {
            let previous = row
            row += b
            for j in 0..<n { zp[row + j] += zp[previous + j] }
          }
        }
        // Levels added by events sit on top of the organic level: log(exp(y) + added).
        if !added.isEmpty {
          added.withUnsafeBufferPointer { ap in
            for s in 0..<k where plan.seriesHasLevelEvents[s] {
              for t in 0..<h {
                let row = s * h * b + t * b
                for j in 0..<n where ap[row + j] != 0 {
                  zp[row + j] = log(exp(zp[row + j]) + ap[row + j])
                }
              }
            }
          }
        }
      }
    }
    return occurrences
  }

  /// Draws every event for every path: growth shocks go into the log-growth rows, added levels
  /// into `added`. Event and driver numbers come from their own streams keyed by the event's id
  /// and the path, so adding an event leaves every other number unchanged.
  private func applyEvents(_ zp: UnsafeMutableBufferPointer<Double>, firstPath: Int, count n: Int, record: Bool) -> [[Double]] {
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

  private func computeAggregates(count n: Int) {
    guard plan.aggregateCount > 0 else { return }
    let h = plan.horizon, b = blockSize
    z.withColumnMajorElements { elements in
      elements.withUnsafeBufferPointer { zp in
        aggregate.withUnsafeMutableBufferPointer { ap in
          for (a, members) in plan.aggregates.enumerated() {
            for t in 0..<h where plan.aggregateYears[a * h + t] {
              let out = a * h * b + t * b
              var j = 0
              // Sum of levels four paths at a time with the vector exp, then back to log.
              while j + 4 <= n {
                var sum = SIMD4<Double>.zero
                for s in members {
                  let row = s * h * b + t * b + j
                  sum += VectorMath.exp(SIMD4(zp[row], zp[row + 1], zp[row + 2], zp[row + 3]))
                }
                let l = VectorMath.log(sum)
                ap[out + j] = l[0]; ap[out + j + 1] = l[1]; ap[out + j + 2] = l[2]; ap[out + j + 3] = l[3]
                j += 4
              }
              while j < n {
                var sum = 0.0
                for s in members { sum += Foundation.exp(zp[s * h * b + t * b + j]) }
                ap[out + j] = Foundation.log(sum)
                j += 1
              }
            }
          }
        }
      }
    }
  }

  /// Row of quantity q in year t: a pointer into `z` (series) or `aggregate`.
  @inline(__always)
  private func withRow<R>(_ q: Int, _ t: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    if q < k {
      return z.withColumnMajorElements { e in
        e.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(q * h * b + t * b)..<(q * h * b + t * b + b)])) }
      }
    }
    return aggregate.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[((q - k) * h * b + t * b)..<((q - k) * h * b + t * b + b)])) }
  }

  // MARK: Histograms

  private func binCells(count n: Int) {
    let h = plan.horizon
    let stride = state.bins + 2
    for q in 0..<plan.quantityCount {
      for t in 0..<h {
        let cell = q * h + t
        guard binnedCells[cell] else { continue }
        let grid = grids.cells[cell]
        let inverse = 1 / grid.width
        let lower = grid.lower
        let top = Double(grid.bins + 1)
        var low = state.cellMinimum[cell], high = state.cellMaximum[cell]
        var outside = 0.0, outsideSquares = 0.0, anyOutside = false
        let centre = exp(grid.centre(grid.bins / 2 + 1))
        withRow(q, t) { row in
          counts.withUnsafeMutableBufferPointer { cp in
            let base = cell * stride
            for j in 0..<n {
              let x = row[j]
              let u = Swift.min(Swift.max((x - lower) * inverse + 1, 0), top)
              let index = Int(u)
              cp[base &+ index] &+= 1
              low = Swift.min(low, x)
              high = Swift.max(high, x)
              if index == 0 || index == grid.bins + 1 {
                let level = exp(x)
                outside += level
                outsideSquares += (level - centre) * (level - centre)
                anyOutside = true
              }
            }
          }
        }
        state.cellMinimum[cell] = low
        state.cellMaximum[cell] = high
        if anyOutside {
          state.outsideSum[cell] &+= cellScales[cell].0.encode(outside)
          state.outsideSumOfSquares[cell] &+= cellScales[cell].1.encode(outsideSquares)
        }
      }
    }
  }

  // MARK: Targets

  private func checkTargets(count n: Int, record: Bool) -> (success: [[Double]], levels: [[Double]]) {
    let h = plan.horizon, b = blockSize
    let stride = state.bins + 2
    var successes: [[Double]] = []
    var levels: [[Double]] = []
    for (index, target) in plan.targets.enumerated() {
      let never = Int32(h)
      let y = target.decisionYear
      for j in 0..<n { first[j] = never; minimumShift[j] = .infinity }
      var referenceRow = [Double](repeating: target.referenceLog, count: b)
      if target.reference >= 0 { withRow(target.quantity, target.reference) { row in for j in 0..<n { referenceRow[j] = row[j] } } }
      var hitsInYear: UInt64 = 0
      for t in (target.reference + 1)..<h {
        let c = target.thresholds[t]
        let perYear = 1 / target.yearsSinceReference(t)
        let countsShift = target.inYear ? t == y : t <= y
        let year = Int32(t)
        withRow(target.quantity, t) { row in
          first.withUnsafeMutableBufferPointer { fp in
            minimumShift.withUnsafeMutableBufferPointer { mp in
              for j in 0..<n {
                let d = c - (row[j] - referenceRow[j])
                if d <= 0 && fp[j] == never { fp[j] = year }
                if countsShift { mp[j] = Swift.min(mp[j], d * perYear) }
              }
            }
          }
          if target.inYear && t == y {
            for j in 0..<n {
              let met = c - (row[j] - referenceRow[j]) <= 0
              success[j] = met ? 1 : 0
              if met { hitsInYear += 1 }
            }
          }
        }
      }
      if !target.inYear {
        let limit = Int32(y)
        for j in 0..<n { success[j] = first[j] <= limit ? 1 : 0 }
      }
      state.inYearHits[index] &+= hitsInYear
      let firstBase = index * (h + 1)
      for j in 0..<n { state.firstYear[firstBase + Int(first[j])] &+= 1 }
      if plan.antithetic {
        var j = 0
        while j + 1 < n {
          state.pairOutcomes[index * 3 + Int(success[j]) + Int(success[j + 1])] &+= 1
          j += 2
        }
      }
      if pilotShifts != nil { pilotShifts!.append(Array(minimumShift[0..<n])) }
      let grid = grids.shifts[index]
      let inverse = 1 / grid.width
      let top = Double(grid.bins + 1)
      var low = state.shiftMinimum[index], high = state.shiftMaximum[index]
      let base = index * stride
      for j in 0..<n {
        let x = minimumShift[j]
        let u = Swift.min(Swift.max((x - grid.lower) * inverse + 1, 0), top)
        state.shiftCounts[base + Int(u)] &+= 1
        low = Swift.min(low, x)
        high = Swift.max(high, x)
      }
      state.shiftMinimum[index] = low
      state.shiftMaximum[index] = high
      if record {
        successes.append((0..<n).map { Double(success[$0]) })
        levels.append(withRow(target.quantity, y) { row in (0..<n).map { row[$0] } })
      }
    }
    return (successes, levels)
  }
}
