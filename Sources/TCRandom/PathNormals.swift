// Standard normals of Monte Carlo paths: the engine's hot source of randomness.
//
// A path needs K·H normals (60 in the W1 workload). Drawing each from Philox4x32-10 costs
// ten rounds of multiplies per 128 bits, so instead each path keys a xoshiro256++ generator
// (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
// 2021) with two Philox blocks of its own stream and draws from that: one Philox call per
// 64 normals instead of 32, and xoshiro's update is shifts and xors that run four paths to a
// SIMD register. The numbers still depend only on (seed, path), never on the thread, block
// or shard that draws them.

/// The per-path normal stream of the Monte Carlo engine, one path at a time.
///
/// Path `p` under seed `s` owns
/// - a xoshiro256++ generator whose state words are the four 64-bit draws of
///   `RandomStream(seed: s, stream: p)` blocks 0 and 1 (``RandomStream/nextUInt64()`` order;
///   an all-zero state, probability 2⁻²⁵⁶, becomes `(1, 0, 0, 0)`), and
/// - a fallback stream, `RandomStream(seed: s, stream: p, counter: 2)`.
///
/// Normal `i` of the path is the 256-layer ziggurat of ``RandomStream/nextNormal()`` applied to
/// xoshiro output `i`, read as: layer = bits 0–7, sign = bit 8, magnitude = bits 12–63 (52 bits,
/// so it converts to a double exactly in SIMD lanes). About 1% of draws leave the ziggurat's
/// fast path; their wedge or tail test and any redraw take fresh numbers from the fallback
/// stream, in order. Every number used is fresh, so the normals are exact and independent.
///
/// ``PathNormals/fill(seed:paths:count:into:)`` computes the same numbers four paths at a time;
/// this type is its reference and the way to reproduce one path.
///
/// ```swift
/// var path = PathNormalStream(seed: 1, path: 42)
/// let z0 = path.next(), z1 = path.next()
/// ```
public struct PathNormalStream: Sendable {
  var state: Xoshiro256PlusPlus<UInt64>
  var fallback: RandomStream

  /// The normal stream of path `path` under `seed`.
  public init(seed: UInt64, path: UInt64) {
    var keyStream = RandomStream(seed: seed, stream: path)
    let words = SIMD4(keyStream.nextUInt64(), keyStream.nextUInt64(), keyStream.nextUInt64(), keyStream.nextUInt64())
    state = Xoshiro256PlusPlus(state: words)
    fallback = RandomStream(seed: seed, stream: path, counter: 2)
  }

  /// The path's next standard normal.
  public mutating func next() -> Double {
    let draw = state.next()
    return zigguratFromDraw(draw, ZigguratTables.shared, fallback: &fallback)
  }
}

/// What xoshiro256++'s update needs of a word: a 64-bit integer, or four of them in SIMD lanes
/// (so the one-path reference and the four-lane fast path run the same code).
protocol XoshiroWord {
  static func &+ (a: Self, b: Self) -> Self
  static func &<< (a: Self, b: UInt64) -> Self
  static func &>> (a: Self, b: UInt64) -> Self
  static func ^= (a: inout Self, b: Self)
}

extension UInt64: XoshiroWord {}
extension SIMD4: XoshiroWord where Scalar == UInt64 {}

/// xoshiro256++ 1.0 (Blackman and Vigna 2021): 256 bits of state, 64-bit outputs, period 2²⁵⁶ − 1;
/// one generator per `UInt64` word, or four independent ones in the lanes of `SIMD4<UInt64>`.
struct Xoshiro256PlusPlus<Word: XoshiroWord>: Sendable where Word: Sendable {
  var s0: Word, s1: Word, s2: Word, s3: Word

  init(_ s0: Word, _ s1: Word, _ s2: Word, _ s3: Word) {
    self.s0 = s0; self.s1 = s1; self.s2 = s2; self.s3 = s3
  }

  @inline(__always)
  mutating func next() -> Word {
    let result = Self.rotateLeft(s0 &+ s3, 23) &+ s0
    let t = s1 &<< 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Self.rotateLeft(s3, 45)
    return result
  }

  @inline(__always)
  static func rotateLeft(_ x: Word, _ k: UInt64) -> Word {
    // The two shifted parts have no bits in common, so + is |. Written with | (or ^) the
    // compiler recognizes a rotate, which AVX2 lacks for 64-bit lanes, and moves every lane to a
    // scalar register and back; with + it stays two vector shifts and an add.
    (x &<< k) &+ (x &>> (64 - k))
  }
}

extension Xoshiro256PlusPlus where Word == UInt64 {
  /// A generator with the given state words; the all-zero state (a fixed point) becomes (1, 0, 0, 0).
  init(state words: SIMD4<UInt64>) {
    self.init(words[0] | words[1] | words[2] | words[3] == 0 ? 1 : words[0], words[1], words[2], words[3])
  }
}

/// One normal from a 64-bit draw: the ziggurat's fast path inline; its rare wedge/tail test and
/// redraws use `fallback`.
@inline(__always)
func zigguratFromDraw(_ draw: UInt64, _ t: ZigguratTables, fallback: inout RandomStream) -> Double {
  let layer = Int(truncatingIfNeeded: draw & 0xFF)
  let magnitude = Int64(bitPattern: draw >> 12)
  if magnitude < t.acceptBelow52[layer] {
    let x = Double(magnitude) * t.width52[layer]
    return Double(bitPattern: x.bitPattern | (draw & 0x100) << 55)
  }
  return zigguratRetry(draw, t, fallback: &fallback)
}

/// The rest of the ziggurat for a draw that missed the fast path: the wedge or tail test of its
/// own point, then redraws, all with numbers from `fallback`.
@inline(never)
func zigguratRetry(_ draw: UInt64, _ t: ZigguratTables, fallback: inout RandomStream) -> Double {
  let layer = Int(truncatingIfNeeded: draw & 0xFF)
  let sign = (draw & 0x100) << 55
  // The 53-bit slow path sees magnitude·2: the same point x = m·edge·2^-52.
  if let x = zigguratSlowPath(t, layer: layer, magnitude: (draw >> 12) << 1, bits: &fallback) {
    return Double(bitPattern: x.bitPattern | sign)
  }
  return zigguratNormal(t, from: &fallback)
}

/// Normals of four paths at a time, in SIMD lanes; see ``PathNormalStream`` for the definition.
public enum PathNormals {
  /// Writes normals `0 ..< count` of paths `paths[0…3]` into `out`: normal `i` of lane `l` at
  /// `out[4·i + l]`.
  ///
  /// Gives exactly what ``PathNormalStream/next()`` gives for each path. Lanes whose path the
  /// caller does not need still cost their share; pass any path index there.
  ///
  /// - Precondition: `out.count ≥ 4·count` (a programmer error otherwise).
  public static func fill(seed: UInt64, paths: SIMD4<UInt64>, count: Int, into out: inout MutableSpan<Double>) {
    precondition(count >= 0 && out.count >= 4 * count, "PathNormals.fill: buffer of \(out.count) for \(count) normals × 4 paths")
    fill(seed: seed, paths: paths, layout: Layout(groups: 1, perGroup: count, groupStride: 0, memberStride: 4), lanes: 4, into: &out, at: 0)
  }

  /// Where normal `i = g·perGroup + m` of lane `l` goes: `offset + g·groupStride + m·memberStride + l`.
  ///
  /// The engine's shock block puts series `s` of year `t` of path `j` at
  /// `s·(H·B) + t·B + j`: groups are years (stride B), members are series (stride H·B).
  public struct Layout: Sendable {
    public var groups: Int
    public var perGroup: Int
    public var groupStride: Int
    public var memberStride: Int
    public init(groups: Int, perGroup: Int, groupStride: Int, memberStride: Int) {
      self.groups = groups
      self.perGroup = perGroup
      self.groupStride = groupStride
      self.memberStride = memberStride
    }
    var count: Int { groups * perGroup }
  }

  /// Writes normals `0 ..< layout.count` of paths `paths[0 ..< lanes]` straight into `out` at
  /// the positions `layout` gives (lanes of one normal are adjacent). Same numbers as
  /// ``PathNormalStream/next()`` path by path; lanes `lanes ..< 4` are computed and dropped.
  ///
  /// - Precondition: every position lies inside `out`, `1 ≤ lanes ≤ 4` (programmer errors).
  public static func fill(seed: UInt64, paths: SIMD4<UInt64>, layout: Layout, lanes: Int, into out: inout MutableSpan<Double>, at offset: Int) {
    let count = layout.count
    guard count > 0 else { return }
    let last = offset + (layout.groups - 1) * layout.groupStride + (layout.perGroup - 1) * layout.memberStride + lanes
    precondition(lanes >= 1 && lanes <= 4 && offset >= 0 && layout.groupStride >= 0 && layout.memberStride >= 0
                 && last <= out.count, "PathNormals.fill: layout outside the buffer")
    let tables = ZigguratTables.shared
    var generator = seedStates(seed: seed, paths: paths)
    var fallback = InlineArray<4, RandomStream>(repeating: RandomStream(seed: seed, stream: 0))
    var fallbackReady = SIMD4<UInt8>.zero
    let magicBits = SIMD4<UInt64>(repeating: 0x4330_0000_0000_0000)  // 2^52
    let magic = SIMD4<Double>(repeating: 0x1p52)
    for g in 0 ..< layout.groups {
      var position = offset + g * layout.groupStride
      for _ in 0 ..< layout.perGroup {
        let draw = generator.next()
        // The ziggurat's fast path in lanes: table lookups per lane, the rest in SIMD.
        let layer = draw & 0xFF
        let l0 = Int(truncatingIfNeeded: layer[0]), l1 = Int(truncatingIfNeeded: layer[1])
        let l2 = Int(truncatingIfNeeded: layer[2]), l3 = Int(truncatingIfNeeded: layer[3])
        let accept = SIMD4<Int64>(tables.acceptBelow52[l0], tables.acceptBelow52[l1], tables.acceptBelow52[l2], tables.acceptBelow52[l3])
        let width = SIMD4<Double>(tables.width52[l0], tables.width52[l1], tables.width52[l2], tables.width52[l3])
        let magnitude = draw &>> 12
        let exact = unsafeBitCast(magnitude | magicBits, to: SIMD4<Double>.self) - magic
        var x = unsafeBitCast(unsafeBitCast(exact * width, to: SIMD4<UInt64>.self) | (draw & 0x100) &<< 55, to: SIMD4<Double>.self)
        let fast = SIMD4<Int64>(truncatingIfNeeded: magnitude) .< accept
        if !all(fast) {
          x = retry(x, fast: fast, draw: draw, tables: tables, seed: seed, paths: paths, fallback: &fallback, ready: &fallbackReady)
        }
        if lanes == 4 {
          out[position] = x[0]
          out[position + 1] = x[1]
          out[position + 2] = x[2]
          out[position + 3] = x[3]
        } else {
          for lane in 0 ..< lanes { out[position + lane] = x[lane] }
        }
        position += layout.memberStride
      }
    }
  }

  /// The lanes of `x` that missed the ziggurat's fast path, finished from their fallback streams
  /// (created on first use).
  @inline(never)
  static func retry(
    _ x: SIMD4<Double>, fast: SIMDMask<SIMD4<Int64>>, draw: SIMD4<UInt64>, tables: ZigguratTables, seed: UInt64,
    paths: SIMD4<UInt64>, fallback: inout InlineArray<4, RandomStream>, ready: inout SIMD4<UInt8>
  ) -> SIMD4<Double> {
    var x = x
    for lane in 0 ..< 4 where !fast[lane] {
      if ready[lane] == 0 {
        fallback[lane] = RandomStream(seed: seed, stream: paths[lane], counter: 2)
        ready[lane] = 1
      }
      x[lane] = zigguratRetry(draw[lane], tables, fallback: &fallback[lane])
    }
    return x
  }

  /// xoshiro generators of four paths in lanes, keyed by Philox blocks 0 and 1 of each path's
  /// stream (as ``PathNormalStream``).
  @inline(__always)
  static func seedStates(seed: UInt64, paths: SIMD4<UInt64>) -> Xoshiro256PlusPlus<SIMD4<UInt64>> {
    let block0 = philoxLanes(block: 0, seed: seed, streams: paths)
    let block1 = philoxLanes(block: 1, seed: seed, streams: paths)
    var s0 = block0.0 | block0.1 &<< 32
    let s1 = block0.2 | block0.3 &<< 32
    let s2 = block1.0 | block1.1 &<< 32
    let s3 = block1.2 | block1.3 &<< 32
    // The all-zero state is xoshiro's fixed point (as in the one-path initializer).
    let zero = (s0 | s1 | s2 | s3) .== .zero
    s0.replace(with: SIMD4(repeating: 1), where: zero)
    return Xoshiro256PlusPlus(s0, s1, s2, s3)
  }

  /// Philox4x32-10 block `block` of four streams at once: word w of lane l in the low half of
  /// lane l of the w-th vector (one pmuludq per lane does an S-box).
  @inline(__always)
  static func philoxLanes(block: UInt64, seed: UInt64, streams: SIMD4<UInt64>)
    -> (SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>)
  {
    let lowMask = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
    return Philox4x32.lanes(
      (SIMD4(repeating: block & 0xFFFF_FFFF), SIMD4(repeating: block >> 32), streams & lowMask, streams &>> 32),
      key0: UInt32(truncatingIfNeeded: seed), key1: UInt32(truncatingIfNeeded: seed >> 32))
  }
}
