/// The Philox4x32-10 counter-based block function (Salmon, Moraes, Dror and Shaw,
/// "Parallel Random Numbers: As Easy as 1, 2, 3", SC11, 2011; the Random123 library).
///
/// One call maps a 128-bit counter and a 64-bit key to 128 random bits. There is no
/// hidden state: the same counter and key always give the same block, so any block of
/// any stream can be computed directly, in any order, on any thread.
///
/// ```swift
/// let bits = Philox4x32.block(counter: SIMD4(0, 0, 0, 0), key: SIMD2(0, 0))
/// // bits == SIMD4(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8)
/// ```
///
/// Each of the ten rounds multiplies two counter words by fixed odd constants, swaps the
/// halves of the products and mixes in the key (a Feistel-like "product hi/lo, xor"
/// network); the key is bumped by Weyl constants between rounds.
public enum Philox4x32 {
  /// Multipliers of the two S-boxes (Random123's PHILOX_M4x32_0/1).
  @inlinable static var multiplier0: UInt32 { 0xD251_1F53 }
  @inlinable static var multiplier1: UInt32 { 0xCD9E_8D57 }
  /// Weyl increments of the key schedule: golden ratio and sqrt(3) - 1, as 32-bit fractions.
  @inlinable static var weyl0: UInt32 { 0x9E37_79B9 }
  @inlinable static var weyl1: UInt32 { 0xBB67_AE85 }

  /// Computes one 128-bit Philox4x32-10 output block.
  ///
  /// - Parameters:
  ///   - counter: the four 32-bit counter words (word 0 first, as Random123 orders them).
  ///   - key: the two 32-bit key words.
  /// - Returns: four random 32-bit words.
  @inlinable @inline(__always)
  public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
    var c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3]
    var k0 = key[0], k1 = key[1]
    for round in 0..<10 {
      if round > 0 {
        k0 &+= weyl0
        k1 &+= weyl1
      }
      let p0 = UInt64(multiplier0) &* UInt64(c0)
      let p1 = UInt64(multiplier1) &* UInt64(c2)
      let n0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
      let n2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
      c1 = UInt32(truncatingIfNeeded: p1)
      c3 = UInt32(truncatingIfNeeded: p0)
      c0 = n0
      c2 = n2
    }
    return SIMD4(c0, c1, c2, c3)
  }
}

extension Philox4x32 {
  /// Ten rounds on four blocks at once, one per SIMD lane: word w of block l sits in the low
  /// 32 bits of lane l of `words.w` (high halves zero), so one unsigned 32×32→64 multiply per
  /// lane (pmuludq) does an S-box. Returns the four output words the same way.
  @inline(__always)
  static func lanes(
    _ words: (SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>), key0: UInt32, key1: UInt32
  ) -> (SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>) {
    let lowMask = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
    var (c0, c1, c2, c3) = words
    var k0 = key0, k1 = key1
    let m0 = SIMD4<UInt64>(repeating: UInt64(multiplier0))
    let m1 = SIMD4<UInt64>(repeating: UInt64(multiplier1))
    for round in 0 ..< 10 {
      if round > 0 {
        k0 &+= weyl0
        k1 &+= weyl1
      }
      let p0 = (c0 & lowMask) &* m0
      let p1 = (c2 & lowMask) &* m1
      let n0 = (p1 &>> 32) ^ c1 ^ SIMD4(repeating: UInt64(k0))
      let n2 = (p0 &>> 32) ^ c3 ^ SIMD4(repeating: UInt64(k1))
      c1 = p1 & lowMask
      c3 = p0 & lowMask
      c0 = n0
      c2 = n2
    }
    return (c0, c1, c2, c3)
  }
}
