/// The element loops of the block kernel, one row of paths at a time.
///
/// Each is a small function of its own, taking spans: inside the kernel's large functions the
/// compiler could not prove the rows apart and ran these loops one element at a time; here each
/// loop body is branch-free over disjoint spans, so it runs in SIMD lanes. They are kept out of
/// line on purpose (one call per row of a block, hundreds of paths each).
enum RowLoops {
  /// `first[j] ← min(first[j], year)` where the condition holds in this year
  /// (`c ≤ row[j] − reference[j] ≤ u`, i.e. `max(c − x, x − u) ≤ 0`; `u` is +∞ for a target
  /// met from below, `c` −∞ for one met from above).
  @inline(never)
  static func firstReached(
    _ row: Span<Double>, reference: Span<Double>, first: inout MutableSpan<Int32>,
    threshold c: Double, upper u: Double, year: Int32, never: Int32
  ) {
    let n = row.count
    precondition(reference.count >= n && first.count >= n)
    for j in 0..<n {
      let x = row[j] - reference[j]
      let d = Swift.max(c - x, x - u)
      first[j] = Swift.min(first[j], d <= 0 ? year : never)
    }
  }

  /// ``firstReached(_:reference:first:threshold:year:never:)`` plus the smallest growth shift
  /// per year that meets the condition: `minimumShift[j] ← min(minimumShift[j], d · perYear)`.
  @inline(never)
  static func firstReachedAndShift(
    _ row: Span<Double>, reference: Span<Double>, first: inout MutableSpan<Int32>,
    minimumShift: inout MutableSpan<Double>, threshold c: Double, year: Int32, never: Int32, perYear: Double
  ) {
    let n = row.count
    precondition(reference.count >= n && first.count >= n && minimumShift.count >= n)
    for j in 0..<n {
      let d = c - (row[j] - reference[j])
      first[j] = Swift.min(first[j], d <= 0 ? year : never)
      let shift = d * perYear
      minimumShift[j] = shift < minimumShift[j] ? shift : minimumShift[j]
    }
  }

  /// `success[j] ← 1` where the condition holds in this year, else 0; returns the count.
  @inline(never)
  static func metInYear(
    _ row: Span<Double>, reference: Span<Double>, success: inout MutableSpan<UInt8>, threshold c: Double,
    upper u: Double
  ) -> UInt64 {
    let n = row.count
    precondition(reference.count >= n && success.count >= n)
    var hits: UInt64 = 0
    for j in 0..<n {
      let x = row[j] - reference[j]
      let met: UInt8 = Swift.max(c - x, x - u) <= 0 ? 1 : 0
      success[j] = met
      hits &+= UInt64(met)
    }
    return hits
  }

  /// `success[j] ← 1` where the first year reached is at most `limit`, else 0.
  @inline(never)
  static func metBy(_ first: Span<Int32>, limit: Int32, success: inout MutableSpan<UInt8>) {
    let n = first.count
    precondition(success.count >= n)
    for j in 0..<n { success[j] = first[j] <= limit ? 1 : 0 }
  }

  /// `values[j] ← value` for `j < count`.
  @inline(never)
  static func fill<T: BitwiseCopyable>(_ values: inout MutableSpan<T>, with value: T, count n: Int) {
    precondition(values.count >= n)
    for j in 0..<n { values[j] = value }
  }

  /// Histogram storage indices of a row (see `BlockKernel.binIndex32`), and the row's minimum
  /// and maximum over its numbers (NaN ignored; +∞ and −∞ when there is no number).
  ///
  /// The extremes are found on order-preserving integer keys of the doubles (sign-magnitude
  /// flipped to two's complement), because integer min/max reductions vectorize and
  /// floating-point ones do not.
  @inline(never)
  static func binIndices(
    _ values: Span<Double>, inverseWidth: Double, shifted: Double, top: Double, into indices: inout MutableSpan<Int32>
  ) -> (minimum: Double, maximum: Double) {
    let n = values.count
    precondition(indices.count >= n)
    var low = Int64.max, high = Int64.min
    for j in 0..<n {
      let x = values[j]
      indices[j] = BlockKernel.binIndex32(x * inverseWidth + shifted, top: top)
      // NaN (its bin is the underflow bin) takes no part in the extremes.
      let key = orderKey(x), number = x == x
      let lowKey = number ? key : Int64.max, highKey = number ? key : Int64.min
      low = lowKey < low ? lowKey : low
      high = highKey > high ? highKey : high
    }
    guard low <= high else { return (.infinity, -.infinity) }
    return (fromOrderKey(low), fromOrderKey(high))
  }

  /// `counts[offset + indices[j]] += 1` for every `j` (one histogram row of a block).
  @inline(never)
  static func increment<Count: FixedWidthInteger>(_ counts: inout MutableSpan<Count>, at offset: Int, indices: Span<Int32>) {
    for j in 0..<indices.count { counts[offset &+ Int(indices[j])] &+= 1 }
  }

  /// An integer that orders like the double (−∞ < … < −0 < +0 < … < +∞).
  @inline(__always)
  static func orderKey(_ x: Double) -> Int64 {
    let bits = Int64(bitPattern: x.bitPattern)
    return bits ^ ((bits &>> 63) & Int64.max)
  }

  @inline(__always)
  static func fromOrderKey(_ key: Int64) -> Double {
    Double(bitPattern: UInt64(bitPattern: key ^ ((key &>> 63) & Int64.max)))
  }

  /// `out[offset + j] += exp(x[j])` (see `VectorMath.expCore`).
  @inline(never)
  static func addExp(_ x: Span<Double>, to out: inout MutableSpan<Double>, at offset: Int) {
    let n = x.count
    precondition(offset >= 0 && out.count - offset >= n)
    for j in 0..<n { out[offset + j] += VectorMath.expCore(x[j]) }
  }

  /// `out[offset + j] += exp(x[j]) + exp(y[j])`: two rows per pass, so two independent exp
  /// chains overlap in each iteration (fewer instructions per exp, too, than one row a pass).
  @inline(never)
  static func addExp(_ x: Span<Double>, _ y: Span<Double>, to out: inout MutableSpan<Double>, at offset: Int) {
    let n = x.count
    precondition(y.count == n && offset >= 0 && out.count - offset >= n)
    for j in 0..<n { out[offset + j] += VectorMath.expCore(x[j]) + VectorMath.expCore(y[j]) }
  }

  /// `x[i] ← log(x[i])` for `i` in `range` (see `VectorMath.logCore`).
  @inline(never)
  static func logInPlace(_ x: inout MutableSpan<Double>, range: Range<Int>) {
    precondition(range.lowerBound >= 0 && range.upperBound <= x.count)
    let offset = range.lowerBound
    for j in 0..<range.count { x[offset + j] = VectorMath.logCore(x[offset + j]) }
  }

  /// `out[j] += weight · x[j]`.
  @inline(never)
  static func addScaled(_ x: Span<Double>, weight: Double, to out: inout MutableSpan<Double>) {
    let n = x.count
    precondition(out.count >= n)
    for j in 0..<n { out[j] += weight * x[j] }
  }

  /// Control-variate counts of a row: paths with `form[j] ≥ cut`, and those among them whose
  /// `success[j]` is 1.
  @inline(never)
  static func controlCounts(_ form: Span<Double>, cut: Double, success: Span<UInt8>) -> (hits: UInt64, joint: UInt64) {
    let n = form.count
    precondition(success.count >= n)
    var hits: UInt64 = 0, joint: UInt64 = 0
    for j in 0..<n {
      let c: UInt64 = form[j] >= cut ? 1 : 0
      hits &+= c
      joint &+= c & UInt64(success[j])
    }
    return (hits, joint)
  }
}
