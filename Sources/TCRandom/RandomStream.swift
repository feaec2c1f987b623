/// A reproducible stream of random numbers keyed by `(seed, stream)`.
///
/// The stream is Philox4x32-10 in counter mode: block number `counter` of stream
/// `stream` under seed `seed` is
///
///     Philox4x32.block(counter: (low32(counter), high32(counter), low32(stream), high32(stream)),
///                      key: (low32(seed), high32(seed)))
///
/// so each path (or each `streamID(purpose, path)`) owns an independent stream of
/// 2^64 blocks whose numbers do not depend on thread count, block order or sharding.
/// Words are consumed in block order (word 0 first); a 64-bit draw is
/// `word[i] | word[i+1] << 32`.
///
/// ```swift
/// var rng = RandomStream(seed: 42, stream: streamID(7, UInt64(path)))
/// let u = rng.nextUniform()      // in (0, 1)
/// let z = rng.nextNormal()       // standard normal
/// ```
///
/// The struct is 56 bytes and never allocates; copy it to fork a stream, and create
/// one per path (or per path block) rather than sharing one across threads.
public struct RandomStream: Sendable, Equatable {
  /// The 64-bit seed; its two halves are the Philox key.
  public let seed: UInt64
  /// The stream id; it fills the high 64 bits of the Philox counter.
  public let stream: UInt64
  /// Index of the next 128-bit block this stream will compute.
  ///
  /// `RandomStream(seed: s, stream: t, counter: c)` produces exactly what
  /// `RandomStream(seed: s, stream: t)` produces after it has used `c` blocks
  /// (`4c` calls of ``nextUInt32()``).
  @inlinable public var counter: UInt64 { nextBlock }
  @usableFromInline var nextBlock: UInt64
  @usableFromInline var buffer: SIMD4<UInt32>
  /// Next unread word of `buffer`; 4 means the buffer is used up.
  @usableFromInline var bufferIndex: Int

  /// Creates the stream `stream` under `seed`, starting at block `counter`.
  ///
  /// - Parameters:
  ///   - seed: the run's seed (the Philox key).
  ///   - stream: which stream; derive it with ``streamID(_:)`` from path index and purpose.
  ///   - counter: the first block to use; lets a caller jump ahead in O(1).
  @inlinable
  public init(seed: UInt64, stream: UInt64, counter: UInt64 = 0) {
    self.seed = seed
    self.stream = stream
    self.nextBlock = counter
    self.buffer = .zero
    self.bufferIndex = 4
  }

  @inlinable @inline(__always)
  var key: SIMD2<UInt32> {
    SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
  }

  /// Computes block `counter` into the buffer and advances the counter.
  @inlinable
  mutating func refill() {
    let words = SIMD4<UInt32>(
      UInt32(truncatingIfNeeded: nextBlock), UInt32(truncatingIfNeeded: nextBlock >> 32),
      UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32))
    buffer = Philox4x32.block(counter: words, key: key)
    nextBlock &+= 1
    bufferIndex = 0
  }

  /// Returns the next 32 random bits.
  @inlinable @inline(__always)
  public mutating func nextUInt32() -> UInt32 {
    if bufferIndex == 4 { refill() }
    let word = buffer[bufferIndex]
    bufferIndex &+= 1
    return word
  }

  /// Returns the next 64 random bits (two consecutive words, the first in the low half).
  @inlinable @inline(__always)
  public mutating func nextUInt64() -> UInt64 {
    if bufferIndex == 4 { refill() }
    if bufferIndex < 3 {
      let low = UInt64(buffer[bufferIndex])
      let high = UInt64(buffer[bufferIndex &+ 1])
      bufferIndex &+= 2
      return low | high << 32
    }
    let low = UInt64(nextUInt32())
    return low | UInt64(nextUInt32()) << 32
  }

  /// Returns a uniform number in the open interval (0, 1) with 53 random bits.
  ///
  /// The value is `k / 2^53` for `k` uniform on `1 ..< 2^53`: the top 53 bits of a
  /// 64-bit draw, with the single zero value (probability 2^-53) redrawn. It is never
  /// 0 or 1, so `log(u)` and inverse CDFs are always finite.
  @inlinable @inline(__always)
  public mutating func nextUniform() -> Double {
    while true {
      let k = nextUInt64() >> 11
      if k != 0 { return Double(k) * 0x1p-53 }
    }
  }
}
