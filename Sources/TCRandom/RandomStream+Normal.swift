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
    nextNormal(ZigguratTables.shared)
  }

  /// Fills `out[0 ..< count]` (all of `out` when `count` is nil) with standard normals.
  ///
  /// Gives the same numbers as calling ``nextNormal()`` `count` times, faster.
  /// - Precondition: `count` is within `0 ... out.count` (a programmer error otherwise).
  public mutating func fillNormals(_ out: inout [Double], count: Int? = nil) {
    fillNormals(&out, range: 0 ..< (count ?? out.count))
  }

  /// Fills `out[range]` in place with standard normals; the rest of `out` is untouched.
  ///
  /// Use it to fill one block of a column-major buffer without copying.
  /// - Precondition: `range` lies within `out.indices` (a programmer error otherwise).
  public mutating func fillNormals(_ out: inout [Double], range: Range<Int>) {
    precondition(range.lowerBound >= 0 && range.upperBound <= out.count,
                 "fillNormals: range \(range) outside 0..<\(out.count)")
    let tables = ZigguratTables.shared
    out.withUnsafeMutableBufferPointer { buffer in
      // Work on a local copy so the generator state stays in registers.
      var rng = self
      for i in range {
        buffer[i] = rng.nextNormal(tables)
      }
      self = rng
    }
  }

  @inline(__always)
  mutating func nextNormal(_ t: ZigguratTables) -> Double {
    while true {
      let bits = nextUInt64()
      let layer = Int(truncatingIfNeeded: bits & 0xFF)
      let magnitude = bits >> 11
      // Bit 8 becomes the sign bit of the result.
      let sign = (bits & 0x100) << 55
      if magnitude < t.acceptBelow[layer] {
        let x = Double(magnitude) * t.width[layer]
        return Double(bitPattern: x.bitPattern | sign)
      }
      if let x = slowPath(t, layer: layer, magnitude: magnitude) {
        return Double(bitPattern: x.bitPattern | sign)
      }
    }
  }

  /// Wedge and tail tests; nil means "rejected, draw again".
  @inline(never)
  mutating func slowPath(_ t: ZigguratTables, layer: Int, magnitude: UInt64) -> Double? {
    let x = Double(magnitude) * t.width[layer]
    if layer == 0 {
      if x < ZigguratTables.r { return x }
      // Tail beyond R: propose R + a with a ~ Exp(R), accept with prob exp(-a^2/2).
      while true {
        let a = -Double.log(nextUniform()) / ZigguratTables.r
        let b = -Double.log(nextUniform())
        if b + b > a * a { return ZigguratTables.r + a }
      }
    }
    // Point (x, y) uniform in the part of layer `layer` right of the next layer's edge.
    let y = t.height[layer] + nextUniform() * (t.height[layer + 1] - t.height[layer])
    return y < Double.exp(-0.5 * x * x) ? x : nil
  }
}

/// Layer tables of the 256-layer normal ziggurat, computed once and never freed.
///
/// Layer i (0 ... 255) covers `0 ≤ x < edge[i]`, `f(edge[i]) ≤ y < f(edge[i+1])` with
/// `f(x) = exp(-x²/2)`; every layer has area V. Layer 0 is the base strip plus the tail,
/// given the pseudo-width V / f(R). Edges decrease with i; edge[256] = 0.
final class ZigguratTables: @unchecked Sendable {
  // @unchecked: the buffers are written once in init and only read afterwards.

  /// Right edge of layer 0's rectangle, chosen so that 256 layers of equal area V tile
  /// the curve exactly (solved to 50 digits with mpmath; Marsaglia–Tsang print 3.6541528853610088).
  static let r = 3.654152885361009
  /// Area of each layer: R f(R) + ∫_R^∞ f = R f(R) + sqrt(π/2) erfc(R/√2).
  static let v = 0.004928673233974655
  static let shared = ZigguratTables()

  /// `floor(edge[i+1] / edge[i] · 2^53)`: magnitudes below it lie under the curve.
  let acceptBelow: UnsafeMutablePointer<UInt64>
  /// `edge[i] · 2^-53`: scales a 53-bit magnitude to x.
  let width: UnsafeMutablePointer<Double>
  /// `f(edge[i])` for i in 0 ... 256.
  let height: UnsafeMutablePointer<Double>

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
    acceptBelow = .allocate(capacity: n)
    width = .allocate(capacity: n)
    height = .allocate(capacity: n + 1)
    for i in 0 ..< n {
      acceptBelow[i] = UInt64((edge[i + 1] / edge[i]) * 0x1p53)
      width[i] = edge[i] * 0x1p-53
    }
    for i in 0 ... n { height[i] = f(edge[i]) }
    height[n] = 1
  }
}
