import RealModule

// Standard normals by the ziggurat method of Marsaglia and Tsang (2000, J. Stat. Softw.
// 5(8)), with 256 layers and Doornik's (2005) correction: the layer index, the sign and
// the 53-bit magnitude come from disjoint bits of one 64-bit draw, so the index is
// independent of the value it scales (ZIGNOR's fix for the original's correlation).
//
// About 99% of draws take the fast path: one 64-bit draw, an integer compare, one
// multiply. The rest test the wedge (one extra uniform and one exp) or the tail beyond
// R (Marsaglia's 1964 exponential rejection). The method is exact: the output is
// distributed as N(0, 1) up to the 53-bit resolution of the uniforms.

extension RandomStream {
  /// Returns a standard normal variate (256-layer ziggurat; see the module README).
  public mutating func nextNormal() -> Double {
    zigguratNormal(ZigguratTables.shared, from: &self)
  }

  /// Fills `out[0 ..< count]` (all of `out` when `count` is nil) with standard normals.
  ///
  /// Gives the same numbers, and leaves the stream in the same state, as calling
  /// ``nextNormal()`` `count` times; faster, because Philox blocks are computed four
  /// at a time in SIMD lanes.
  /// - Precondition: `count` is within `0 ... out.count` (a programmer error otherwise).
  public mutating func fillNormals(_ out: inout [Double], count: Int? = nil) {
    fillNormals(&out, range: 0 ..< (count ?? out.count))
  }

  /// Fills `out[range]` in place with standard normals; the rest of `out` is untouched.
  ///
  /// Use it to fill one block of a column-major buffer without copying. Same numbers and
  /// final state as repeated ``nextNormal()``.
  /// - Precondition: `range` lies within `out.indices` (a programmer error otherwise).
  public mutating func fillNormals(_ out: inout [Double], range: Range<Int>) {
    precondition(range.lowerBound >= 0 && range.upperBound <= out.count,
                 "fillNormals: range \(range) outside 0..<\(out.count)")
    if range.isEmpty { return }
    let tables = ZigguratTables.shared
    var buffer = out.mutableSpan
    // An odd word position (after an odd number of nextUInt32 calls) would make every
    // 64-bit draw straddle two blocks; that rare case takes the one-at-a-time path.
    if bufferIndex & 1 == 1 {
      for i in range { buffer[i] = zigguratNormal(tables, from: &self) }
      return
    }
    var source = PhiloxBatch(continuing: self)
    for i in range { buffer[i] = zigguratNormal(tables, from: &source) }
    source.store(into: &self)
  }
}

/// Anything that yields 64 random bits at a time in stream order.
protocol RandomBits64 {
  mutating func nextUInt64() -> UInt64
}

extension RandomStream: RandomBits64 {}

extension RandomBits64 {
  /// k / 2^53 with k uniform on 1 ..< 2^53, as ``RandomStream/nextUniform()``.
  @inline(__always)
  mutating func nextOpenUniform() -> Double {
    while true {
      let k = nextUInt64() >> 11
      if k != 0 { return Double(k) * 0x1p-53 }
    }
  }
}

/// One standard normal from `bits`: fast path inline, wedge and tail out of line.
@inline(__always)
func zigguratNormal<Source: RandomBits64>(_ t: ZigguratTables, from bits: inout Source) -> Double {
  while true {
    let draw = bits.nextUInt64()
    let layer = Int(truncatingIfNeeded: draw & 0xFF)
    let magnitude = draw >> 11
    // Bit 8 becomes the sign bit of the result.
    let sign = (draw & 0x100) << 55
    if magnitude < t.acceptBelow[layer] {
      let x = Double(magnitude) * t.width[layer]
      return Double(bitPattern: x.bitPattern | sign)
    }
    if let x = zigguratSlowPath(t, layer: layer, magnitude: magnitude, bits: &bits) {
      return Double(bitPattern: x.bitPattern | sign)
    }
  }
}

/// Wedge and tail tests; nil means "rejected, draw again".
@inline(never)
func zigguratSlowPath<Source: RandomBits64>(
  _ t: ZigguratTables, layer: Int, magnitude: UInt64, bits: inout Source
) -> Double? {
  let x = Double(magnitude) * t.width[layer]
  if layer == 0 {
    if x < ZigguratTables.r { return x }
    // Tail beyond R: propose R + a with a ~ Exp(R), accept with prob exp(-a^2/2).
    while true {
      let a = -Double.log(bits.nextOpenUniform()) / ZigguratTables.r
      let b = -Double.log(bits.nextOpenUniform())
      if b + b > a * a { return ZigguratTables.r + a }
    }
  }
  // Point (x, y) uniform in the part of layer `layer` right of the next layer's edge.
  let y = t.height[layer] + bits.nextOpenUniform() * (t.height[layer + 1] - t.height[layer])
  return y < Double.exp(-0.5 * x * x) ? x : nil
}

/// Four consecutive Philox blocks of one stream at a time, computed in SIMD lanes, read
/// out as the same 64-bit draws ``RandomStream/nextUInt64()`` would give.
///
/// Each 32-bit word sits in the low half of a 64-bit lane so one unsigned 32×32→64
/// multiply per lane (pmuludq) does a Philox S-box; the high halves stay zero.
struct PhiloxBatch: RandomBits64 {
  let key0: UInt32
  let key1: UInt32
  let streamLow: UInt64
  let streamHigh: UInt64
  /// Block index of lane 0.
  var firstBlock: UInt64
  /// Per lane (block): words 0|1 and words 2|3 as 64-bit draws.
  var firstHalves = SIMD4<UInt64>()
  var secondHalves = SIMD4<UInt64>()
  /// Next draw: lane index >> 1, half index & 1; 8 means all four blocks are used.
  var index: Int

  /// Continues `stream` from its current position (which must be at an even word).
  init(continuing stream: RandomStream) {
    key0 = UInt32(truncatingIfNeeded: stream.seed)
    key1 = UInt32(truncatingIfNeeded: stream.seed >> 32)
    streamLow = stream.stream & 0xFFFF_FFFF
    streamHigh = stream.stream >> 32
    if stream.bufferIndex == 4 {
      firstBlock = stream.nextBlock
      index = 0
    } else {
      firstBlock = stream.nextBlock &- 1
      index = stream.bufferIndex / 2  // words → 64-bit draws
    }
    compute()
  }

  mutating func compute() {
    let lanes = SIMD4<UInt64>(0, 1, 2, 3) &+ SIMD4(repeating: firstBlock)
    let lowMask = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
    let (c0, c1, c2, c3) = Philox4x32.lanes(
      (lanes & lowMask, lanes &>> 32, SIMD4(repeating: streamLow), SIMD4(repeating: streamHigh)), key0: key0, key1: key1)
    firstHalves = c0 | c1 &<< 32
    secondHalves = c2 | c3 &<< 32
  }

  @inline(__always)
  mutating func nextUInt64() -> UInt64 {
    if index == 8 {
      firstBlock &+= 4
      compute()
      index = 0
    }
    let lane = index >> 1
    let draw = index & 1 == 0 ? firstHalves[lane] : secondHalves[lane]
    index &+= 1
    return draw
  }

  /// Writes the position reached back into `stream`, in exactly the state the
  /// one-at-a-time path would have left it (same counter, buffer and buffer index).
  func store(into stream: inout RandomStream) {
    guard index > 0 else { return }
    // The block holding the last draw, and whether that draw was its second half.
    let lane = (index - 1) >> 1
    let words = SIMD4<UInt32>(
      UInt32(truncatingIfNeeded: firstHalves[lane]), UInt32(truncatingIfNeeded: firstHalves[lane] >> 32),
      UInt32(truncatingIfNeeded: secondHalves[lane]), UInt32(truncatingIfNeeded: secondHalves[lane] >> 32))
    stream.buffer = words
    stream.nextBlock = firstBlock &+ UInt64(lane) &+ 1
    stream.bufferIndex = index & 1 == 1 ? 2 : 4
  }
}

/// Layer tables of the 256-layer normal ziggurat, computed once and never freed.
///
/// Layer i (0 ... 255) covers `0 ≤ x < edge[i]`, `f(edge[i]) ≤ y < f(edge[i+1])` with
/// `f(x) = exp(-x²/2)`; every layer has area V. Layer 0 is the base strip plus the tail,
/// given the pseudo-width V / f(R). Edges decrease with i; edge[256] = 0.
final class ZigguratTables: Sendable {
  /// Right edge of layer 0's rectangle, chosen so that 256 layers of equal area V tile
  /// the curve exactly (solved to 50 digits with mpmath; Marsaglia–Tsang print 3.6541528853610088).
  static let r = 3.654152885361009
  /// Area of each layer: R f(R) + ∫_R^∞ f = R f(R) + sqrt(π/2) erfc(R/√2).
  static let v = 0.004928673233974655
  static let shared = ZigguratTables()

  // Fixed-size inline tables: a layer index is `draw & 0xFF`, so the bounds checks on the
  // 256-entry tables fold away, and the class holds the numbers directly (no separate buffers).

  /// `floor(edge[i+1] / edge[i] · 2^53)`: magnitudes below it lie under the curve.
  let acceptBelow: InlineArray<256, UInt64>
  /// `edge[i] · 2^-53`: scales a 53-bit magnitude to x.
  let width: InlineArray<256, Double>
  /// `f(edge[i])` for i in 0 ... 256.
  let height: InlineArray<257, Double>
  /// The same acceptance bound and scale at 52-bit resolution (the engine's path normals, whose
  /// magnitudes convert to double exactly with one add in SIMD lanes):
  /// `floor(edge[i+1] / edge[i] · 2^52)` and `edge[i] · 2^-52`.
  let acceptBelow52: InlineArray<256, Int64>
  let width52: InlineArray<256, Double>

  private init() {
    let n = 256
    var edge = [Double](repeating: 0, count: n + 1)
    let f = { (x: Double) in Double.exp(-0.5 * x * x) }
    edge[0] = Self.v / f(Self.r)
    edge[1] = Self.r
    for i in 1 ..< n - 1 {
      edge[i + 1] = (-2 * Double.log(Self.v / edge[i] + f(edge[i]))).squareRoot()
    }
    edge[n] = 0
    var acceptBelow = InlineArray<256, UInt64>(repeating: 0)
    var width = InlineArray<256, Double>(repeating: 0)
    var height = InlineArray<257, Double>(repeating: 0)
    var acceptBelow52 = InlineArray<256, Int64>(repeating: 0)
    var width52 = InlineArray<256, Double>(repeating: 0)
    for i in 0 ..< n {
      acceptBelow[i] = UInt64((edge[i + 1] / edge[i]) * 0x1p53)
      width[i] = edge[i] * 0x1p-53
      acceptBelow52[i] = Int64((edge[i + 1] / edge[i]) * 0x1p52)
      width52[i] = edge[i] * 0x1p-52
    }
    self.acceptBelow52 = acceptBelow52
    self.width52 = width52
    for i in 0 ... n { height[i] = f(edge[i]) }
    height[n] = 1
    self.acceptBelow = acceptBelow
    self.width = width
    self.height = height
  }
}
