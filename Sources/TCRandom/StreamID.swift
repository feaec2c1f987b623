/// Derives a stream id from several ids (for example a purpose tag and a path index).
///
/// The result is stable across runs, platforms and Swift versions, so a path keeps its
/// random numbers when the path count, thread count or shard layout changes.
///
/// ```swift
/// let id = streamID(Purpose.revenueShocks, UInt64(path))
/// var rng = RandomStream(seed: seed, stream: id)
/// ```
///
/// Definition: with `mix` the splitmix64 finalizer (Steele, Lea and Flood 2014;
/// shifts 30, 27, 31 and multipliers 0xBF58476D1CE4E5B9, 0x94D049BB133111EB),
/// `h = mix(0x243F6A8885A308D3 ^ count)` and then, for each part in order,
/// `h = mix(h ^ mix(part &+ 0x9E3779B97F4A7C15))`. Mixing the count in first keeps
/// `streamID(a)` and `streamID(a, 0)` apart; mixing each part before combining keeps
/// `(a, b)` and `(b, a)` apart.
@inlinable
public func streamID(_ parts: UInt64...) -> UInt64 {
  streamID(parts: parts)
}

/// Array form of ``streamID(_:)``, for ids assembled at run time.
@inlinable
public func streamID(parts: [UInt64]) -> UInt64 {
  var h = splitMix64Finalize(0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: parts.count))
  for part in parts {
    h = splitMix64Finalize(h ^ splitMix64Finalize(part &+ 0x9E37_79B9_7F4A_7C15))
  }
  return h
}

/// The splitmix64 output function: a bijection on 64-bit words with full avalanche.
@inlinable @inline(__always)
func splitMix64Finalize(_ x: UInt64) -> UInt64 {
  var z = x
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
