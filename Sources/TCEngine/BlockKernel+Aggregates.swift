extension BlockKernel {
  /// Log of the sum of the members' levels, for every aggregate in the years something reads it.
  func computeAggregates(_ zp: Span<Double>, count n: Int) {
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
  func rows(of q: Int) -> (inSeries: Bool, offset: Int) {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    return q < k ? (true, q * h * b) : (false, (q - k) * h * b)
  }
}
