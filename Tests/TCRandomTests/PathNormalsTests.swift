import Testing
@testable import TCRandom

struct PathNormalsTests {
  /// xoshiro256++ from state (1, 2, 3, 4): the first value by hand (rotl(1 + 4, 23) + 1 =
  /// 5·2²³ + 1), all six from an independent Python big-integer transcription of the
  /// published algorithm:
  ///   python3 -c "M=(1<<64)-1; rotl=lambda x,k:((x<<k)|(x>>(64-k)))&M; s=[1,2,3,4]
  ///   for i in range(6):
  ///     r=(rotl((s[0]+s[3])&M,23)+s[0])&M; t=(s[1]<<17)&M
  ///     s[2]^=s[0]; s[3]^=s[1]; s[1]^=s[2]; s[0]^=s[3]; s[2]^=t; s[3]=rotl(s[3],45); print(r)"
  @Test func xoshiroMatchesReferenceOutputs() {
    var x = Xoshiro256PlusPlus<UInt64>(state: SIMD4(1, 2, 3, 4))
    let expected: [UInt64] = [
      41_943_041, 58_720_359, 3_588_806_011_781_223, 3_591_011_842_654_386,
      9_228_616_714_210_784_205, 9_973_669_472_204_895_162,
    ]
    for value in expected { #expect(x.next() == value) }
  }

  /// Four generators in SIMD lanes step exactly like four scalar ones.
  @Test func lanesStepLikeScalarGenerators() {
    let words: [SIMD4<UInt64>] = [SIMD4(1, 2, 3, 4), SIMD4(0xDEAD_BEEF, 7, 0, 1 << 63), SIMD4(.max, .max, 5, 6), SIMD4(9, 8, 7, 6)]
    var lanes = Xoshiro256PlusPlus<SIMD4<UInt64>>(
      SIMD4(words[0][0], words[1][0], words[2][0], words[3][0]), SIMD4(words[0][1], words[1][1], words[2][1], words[3][1]),
      SIMD4(words[0][2], words[1][2], words[2][2], words[3][2]), SIMD4(words[0][3], words[1][3], words[2][3], words[3][3]))
    var scalars = words.map { Xoshiro256PlusPlus<UInt64>(state: $0) }
    for _ in 0..<100 {
      let v = lanes.next()
      for l in 0..<4 { #expect(v[l] == scalars[l].next()) }
    }
  }

  @Test func allZeroStateIsReplaced() {
    var x = Xoshiro256PlusPlus<UInt64>(state: .zero)
    #expect(x.next() != 0 || x.next() != 0)
  }

  /// The SIMD Philox lanes give the scalar Philox blocks of each lane's stream.
  @Test func philoxLanesMatchScalarBlocks() {
    let seed: UInt64 = 0x0123_4567_89AB_CDEF
    let streams = SIMD4<UInt64>(0, 1, 0xFFFF_FFFF_0000_0001, 987_654_321_012)
    for block: UInt64 in [0, 1, 0x1_0000_0002] {
      let lanes = PathNormals.philoxLanes(block: block, seed: seed, streams: streams)
      for l in 0 ..< 4 {
        let counter = SIMD4<UInt32>(
          UInt32(truncatingIfNeeded: block), UInt32(truncatingIfNeeded: block >> 32),
          UInt32(truncatingIfNeeded: streams[l]), UInt32(truncatingIfNeeded: streams[l] >> 32))
        let key = SIMD2<UInt32>(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        let words = Philox4x32.block(counter: counter, key: key)
        #expect(SIMD4(UInt32(lanes.0[l]), UInt32(lanes.1[l]), UInt32(lanes.2[l]), UInt32(lanes.3[l])) == words)
      }
    }
  }

  /// Four lanes at a time give exactly the one-path reference, including the draws that leave
  /// the ziggurat's fast path (about 1% of them: several hundred in 300 paths × 61 normals).
  @Test func fourLanesEqualOnePathAtATime() {
    let count = 61
    var buffer = [Double](repeating: .nan, count: 4 * count)
    var slowDraws = 0
    for group in UInt64(0) ..< 75 {
      let paths = SIMD4<UInt64>(4 * group, 4 * group + 1, 4 * group + 2, 1_000_000 + group)
      var out = buffer.mutableSpan
      PathNormals.fill(seed: 9, paths: paths, count: count, into: &out)
      for l in 0 ..< 4 {
        var reference = PathNormalStream(seed: 9, path: paths[l])
        var xoshiro = reference.state
        for i in 0 ..< count {
          let draw = xoshiro.next()
          if Int64(draw >> 12) >= ZigguratTables.shared.acceptBelow52[Int(draw & 0xFF)] { slowDraws += 1 }
          #expect(buffer[4 * i + l] == reference.next(), "path \(paths[l]) normal \(i)")
        }
      }
    }
    #expect(slowDraws > 100)
  }

  /// The same checks as the ziggurat's own: KS, moments, the tail beyond R and the sign, on
  /// 400 000 normals taken across 10 000 paths (so across-path independence counts too).
  @Test func pathNormalsAreStandardNormal() {
    let paths = 10_000, perPath = 40
    var xs: [Double] = []
    xs.reserveCapacity(paths * perPath)
    var buffer = [Double](repeating: 0, count: 4 * perPath)
    for group in 0 ..< paths / 4 {
      let first = UInt64(4 * group)
      var out = buffer.mutableSpan
      PathNormals.fill(seed: 7, paths: SIMD4(first, first + 1, first + 2, first + 3), count: perPath, into: &out)
      xs.append(contentsOf: buffer)
    }
    let count = xs.count
    #expect(kolmogorovSmirnov(xs, cdf: NormalDistribution.cdf) < ksCritical(count))
    let m = SampleMoments(xs)
    #expect(abs(m.mean) < 5 * m.meanStandardError)
    #expect(abs(m.variance - 1) < 5 * m.varianceStandardError)
    // 2Φ(−R) = 2.58032e-4 (mpmath), binomial SE ≈ 10.2 counts at n = 400 000.
    let beyond = Double(xs.filter { abs($0) > 3.6541528853610088 }.count)
    #expect(abs(beyond - 2.58032e-4 * Double(count)) < 5 * 10.2, "tail count \(beyond)")
    let negatives = Double(xs.filter { $0 < 0 }.count)
    #expect(abs(negatives - Double(count) / 2) < 5 * (Double(count) / 4).squareRoot())
  }

  /// Adjacent paths, and consecutive normals of one path, are uncorrelated (SE 1/√n).
  @Test func adjacentPathsAndLagsAreUncorrelated() {
    let n = 50_000
    var across = 0.0, lag = 0.0
    for p in 0 ..< n {
      var a = PathNormalStream(seed: 3, path: UInt64(2 * p))
      var b = PathNormalStream(seed: 3, path: UInt64(2 * p + 1))
      let a0 = a.next(), a1 = a.next()
      across += a0 * b.next()
      lag += a0 * a1
    }
    #expect(abs(across / Double(n)) < 5 / Double(n).squareRoot())
    #expect(abs(lag / Double(n)) < 5 / Double(n).squareRoot())
  }
}
