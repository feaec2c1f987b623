import Foundation
import RealModule

/// `exp` and `log` cores for whole rows of paths (`RowLoops.addExp`, `RowLoops.logInPlace`), used
/// where the hot loop must leave log space (aggregates are sums of levels). glibc's scalar `exp`
/// costs ≈ 6 ns a value on this machine and blocks vectorization; these are branch-free (clamps
/// and selects instead of range tests), so the compiler runs a row loop of them in SIMD lanes.
///
/// Accuracy: a few ulp over the normal range (checked against Foundation's `exp`/`log` in the
/// tests to 4e-16 relative). `exp` gives 0 below −745.2 (subnormal results down to there) and
/// +∞ above 709.78; `log(0) = −∞`, `log(+∞) = +∞`, `log(x < 0)` and NaN give NaN.
enum VectorMath {
  /// Bit pattern of `1.5·2^52`: adding it to a whole number of magnitude < 2^51 puts that number
  /// in the low mantissa bits (an exact float-to-integer step that vectorizes).
  private static let magic = 6_755_399_441_055_744.0

  @inline(__always)
  static func expCore(_ input: Double) -> Double {
    // exp(x) = 2^n · exp(r), n = round(x / ln 2), |r| ≤ ln2 / 2, ln 2 split in two parts so
    // r is exact to ~2^-100 (Cody and Waite 1980). The clamp keeps n small enough for the
    // integer step; results there are already 0 or +∞.
    let log2e = 1.4426950408889634
    let ln2Hi = 6.93147180369123816490e-01
    let ln2Lo = 1.90821492927058770002e-10
    let low = input > -746.0 ? input : -746.0
    let x = low < 710.0 ? low : 710.0
    let n = (x * log2e).rounded(.toNearestOrEven)
    let r = Relaxed.multiplyAdd(-n, ln2Lo, Relaxed.multiplyAdd(-n, ln2Hi, x))
    // Taylor series of exp(r) to degree 12: truncation < 2e-17 for |r| ≤ 0.347. Terms from r⁵ up
    // by Estrin's scheme (short dependency chains), the large low-order terms by Horner so they
    // are added last. Multiply-adds fuse where the CPU has FMA.
    let r2 = r * r, r4 = r2 * r2
    let a = Relaxed.multiplyAdd(r, 1.0 / 720, 1.0 / 120)
    let b = Relaxed.multiplyAdd(r, 1.0 / 40_320, 1.0 / 5_040)
    let c = Relaxed.multiplyAdd(r, 1.0 / 3_628_800, 1.0 / 362_880)
    let d = Relaxed.multiplyAdd(r, 1.0 / 479_001_600, 1.0 / 39_916_800)
    let high = Relaxed.multiplyAdd(r4, Relaxed.multiplyAdd(r2, d, c), Relaxed.multiplyAdd(r2, b, a))
    var p = Relaxed.multiplyAdd(r, high, 1.0 / 24)
    p = Relaxed.multiplyAdd(r, p, 1.0 / 6)
    p = Relaxed.multiplyAdd(r, p, 0.5)
    p = Relaxed.multiplyAdd(r, p, 1)
    p = Relaxed.multiplyAdd(r, p, 1)
    // Scale by 2^n in two halves so that n down to −1022 − 52 stays representable.
    let ni = Int64(bitPattern: (n + magic).bitPattern &- magic.bitPattern)
    let half = ni &>> 1
    let scale1 = Double(bitPattern: UInt64(bitPattern: (half &+ 1023) &<< 52))
    let scale2 = Double(bitPattern: UInt64(bitPattern: (ni &- half &+ 1023) &<< 52))
    let result = p * scale1 * scale2
    return input == input ? result : input
  }

  @inline(__always)
  static func logCore(_ input: Double) -> Double {
    // x = m · 2^e with m in [√½, √2); log m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716.
    // Subnormals are scaled by 2^54 first; 0, negatives, +∞ and NaN are patched at the end.
    let tiny = input < 2.2250738585072014e-308
    let x = tiny ? input * 0x1p54 : input
    let bits = x.bitPattern
    var exponent = Int64(bitPattern: (bits &>> 52) & 0x7FF) &- (tiny ? 1023 + 54 : 1023)
    var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
    let big = m > 1.4142135623730951
    m = big ? m * 0.5 : m
    exponent = big ? exponent &+ 1 : exponent
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    // 2 atanh(s) = 2s (1 + s²/3 + s⁴/5 + …); terms to s^22 leave < 1e-17 for |s| ≤ 0.1716.
    var p = 1.0 / 23
    p = p * s2 + 1.0 / 21
    p = p * s2 + 1.0 / 19
    p = p * s2 + 1.0 / 17
    p = p * s2 + 1.0 / 15
    p = p * s2 + 1.0 / 13
    p = p * s2 + 1.0 / 11
    p = p * s2 + 1.0 / 9
    p = p * s2 + 1.0 / 7
    p = p * s2 + 1.0 / 5
    p = p * s2 + 1.0 / 3
    let logM = 2 * s + 2 * s * s2 * p
    let e = Double(bitPattern: UInt64(bitPattern: exponent &+ Int64(bitPattern: magic.bitPattern))) - magic
    var result = e * 6.93147180369123816490e-01 + (logM + e * 1.90821492927058770002e-10)
    result = input > 0 ? result : (input == 0 ? -.infinity : .nan)
    return input < .infinity ? result : (input == .infinity ? .infinity : result)
  }
}
