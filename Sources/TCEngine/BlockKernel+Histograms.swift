import Foundation

extension BlockKernel {
  /// Adds every binned cell's row of log-levels to the 16-bit histograms, with the exact
  /// minimum, maximum and (rarely) the fixed-point sums of levels outside the grid.
  func binCells(_ zp: Span<Double>, count n: Int) {
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
}
