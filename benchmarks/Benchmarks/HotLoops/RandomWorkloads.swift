import TCRandom

/// `RandomStream.fillNormals` into a reused buffer: how the engine draws a path's shocks.
public final class NormalFillWorkload {
  /// Normals per ``run()``.
  public let count: Int
  var stream = RandomStream(seed: HotLoops.seed, stream: 1)
  var buffer: [Double]

  public init(count: Int = HotLoops.normalsPerCall) {
    self.count = count
    buffer = Array(repeating: 0, count: count)
  }

  /// Fills the buffer once; returns a value that depends on every draw's stream state.
  public func run() -> Double {
    stream.fillNormals(&buffer)
    return buffer[count - 1]
  }
}

/// `PathNormals.fill`: the engine's per-path normals, four paths per call, 64 normals each
/// (65 536 per run, as the other generators), the paths advancing from run to run.
public final class PathNormalsWorkload {
  /// Normals per ``run()``.
  public let count: Int
  let perPath = 64
  var nextPath: UInt64 = 0
  var buffer: [Double]

  public init(count: Int = HotLoops.normalsPerCall) {
    self.count = count
    buffer = Array(repeating: 0, count: 4 * perPath)
  }

  /// Draws `count` normals (count / 64 paths); returns a value that depends on every call.
  public func run() -> Double {
    var sum = 0.0
    var span = buffer.mutableSpan
    for _ in 0..<(count / (4 * perPath)) {
      let p = nextPath
      PathNormals.fill(seed: HotLoops.seed, paths: SIMD4(p, p + 1, p + 2, p + 3), count: perPath, into: &span)
      sum += span[4 * perPath - 1]
      nextPath &+= 4
    }
    return sum
  }
}

/// `RandomStream.nextNormal()` one at a time, summed: the scalar entry point.
public final class NextNormalWorkload {
  /// Normals per ``run()``.
  public let count: Int
  var stream = RandomStream(seed: HotLoops.seed, stream: 2)

  public init(count: Int = HotLoops.normalsPerCall) {
    self.count = count
  }

  /// Draws `count` normals and returns their sum (so none can be skipped).
  public func run() -> Double {
    var rng = stream
    var sum = 0.0
    for _ in 0..<count { sum += rng.nextNormal() }
    stream = rng
    return sum
  }
}

/// Raw `Philox4x32.block` calls on consecutive counters: the generator's cost without any
/// conversion to floating point.
public final class PhiloxBlockWorkload {
  /// Blocks per ``run()``.
  public let count: Int
  var nextCounter: UInt32 = 0

  public init(count: Int = HotLoops.philoxBlocksPerCall) {
    self.count = count
  }

  /// Computes `count` blocks and returns the xor of all their words.
  public func run() -> UInt32 {
    let key = SIMD2<UInt32>(UInt32(truncatingIfNeeded: HotLoops.seed), 0)
    var mix = SIMD4<UInt32>.zero
    var c = nextCounter
    for _ in 0..<count {
      mix ^= Philox4x32.block(counter: SIMD4(c, 0, 7, 0), key: key)
      c &+= 1
    }
    nextCounter = c
    return mix[0] ^ mix[1] ^ mix[2] ^ mix[3]
  }
}
