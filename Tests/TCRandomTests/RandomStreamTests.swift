import Testing
import TCRandom

struct RandomStreamTests {
  private func words(_ rng: RandomStream, _ n: Int) -> [UInt32] {
    var copy = rng
    return (0 ..< n).map { _ in copy.nextUInt32() }
  }

  @Test func sameKeyReproducesAndDifferentKeysDiffer() {
    let base = words(RandomStream(seed: 42, stream: 7), 64)
    #expect(words(RandomStream(seed: 42, stream: 7), 64) == base)
    #expect(words(RandomStream(seed: 43, stream: 7), 64) != base)
    #expect(words(RandomStream(seed: 42, stream: 8), 64) != base)
    // Streams whose ids differ only in the high word are distinct too.
    #expect(words(RandomStream(seed: 42, stream: 7 | 1 << 40), 64) != base)
    #expect(words(RandomStream(seed: 42 | 1 << 40, stream: 7), 64) != base)
  }

  @Test(arguments: [UInt64(1), 2, 5, 1000])
  func counterOffsetEqualsAdvancingByBlocks(blocks: UInt64) {
    var advanced = RandomStream(seed: 9, stream: 3)
    for _ in 0 ..< 4 * blocks { _ = advanced.nextUInt32() }
    let jumped = RandomStream(seed: 9, stream: 3, counter: blocks)
    #expect(words(advanced, 33) == words(jumped, 33))
    #expect(advanced.counter == blocks)
  }

  @Test func uint64IsTwoConsecutiveWordsLowFirstAcrossBlockBoundaries() {
    var a = RandomStream(seed: 5, stream: 6)
    var b = a
    _ = a.nextUInt32()  // misalign so one 64-bit draw straddles a block boundary
    _ = b.nextUInt32()
    for _ in 0 ..< 9 {
      let low = UInt64(b.nextUInt32())
      let high = UInt64(b.nextUInt32())
      #expect(a.nextUInt64() == low | high << 32)
    }
  }

  @Test func uniformsAreOpen53BitFractions() {
    var rng = RandomStream(seed: 2024, stream: 1)
    var reference = rng
    var sawOddNumerator = false
    for _ in 0 ..< 10_000 {
      let u = rng.nextUniform()
      #expect(u > 0 && u < 1)
      let k = u * 0x1p53
      #expect(k == k.rounded())  // exactly k / 2^53
      #expect(k == Double(reference.nextUInt64() >> 11))  // the top 53 bits of one draw
      if k.truncatingRemainder(dividingBy: 2) == 1 { sawOddNumerator = true }
    }
    #expect(sawOddNumerator)  // the lowest of the 53 bits is used
  }

  @Test func fillNormalsMatchesRepeatedNextNormalAndTouchesOnlyItsRange() {
    var single = RandomStream(seed: 77, stream: streamID(1, 2))
    var bulk = single
    let expected = (0 ..< 1000).map { _ in single.nextNormal() }
    var out = [Double](repeating: .nan, count: 1200)
    bulk.fillNormals(&out, range: 100 ..< 1100)
    #expect(Array(out[100 ..< 1100]) == expected)
    #expect(out[..<100].allSatisfy(\.isNaN) && out[1100...].allSatisfy(\.isNaN))
    #expect(bulk == single)
    var counted = RandomStream(seed: 77, stream: streamID(1, 2))
    var prefix = [Double](repeating: .nan, count: 20)
    counted.fillNormals(&prefix, count: 10)
    #expect(Array(prefix[..<10]) == Array(expected[..<10]) && prefix[10...].allSatisfy(\.isNaN))
  }

  /// The bulk path computes blocks four at a time; whatever the starting word position
  /// (fresh, mid-block, odd word) and length, numbers and final state must match.
  @Test(arguments: [(0, 1), (0, 7), (1, 9), (2, 16), (3, 33), (4, 2), (5, 64), (6, 3)])
  func fillNormalsMatchesFromAnyStartingPosition(wordsBefore: Int, count: Int) {
    var single = RandomStream(seed: 3, stream: 4)
    for _ in 0 ..< wordsBefore { _ = single.nextUInt32() }
    var bulk = single
    let expected = (0 ..< count).map { _ in single.nextNormal() }
    var out = [Double](repeating: 0, count: count)
    bulk.fillNormals(&out)
    #expect(out == expected)
    #expect(bulk == single)
    #expect(bulk.nextUInt32() == single.nextUInt32())
  }

  @Test func streamIDIsStableOrderSensitiveAndLengthSensitive() {
    // Pinned values, from an independent Python transcription of the documented definition:
    //   M=2**64-1; mix=lambda z: (lambda z: (lambda z: z^(z>>31))(((z^(z>>27))*0x94D049BB133111EB)&M))(((z^(z>>30))*0xBF58476D1CE4E5B9)&M)
    //   h=mix(0x243F6A8885A308D3^len(parts)); for p in parts: h=mix(h^mix((p+0x9E3779B97F4A7C15)&M))
    // Changing the mix would silently change every simulation's numbers.
    #expect(streamID(1, 2) == 0x81C7_68B6_0C81_BA0B)
    #expect(streamID(0) == 0x977C_DBB4_FF92_FD47)
    #expect(streamID() == 0xE9E0_033E_3BAD_AF36)
    #expect(streamID(1, 2) != streamID(2, 1))
    #expect(streamID(5) != streamID(5, 0))
    #expect(streamID(parts: [3, 4]) == streamID(3, 4))
    let ids = Set((0 ..< 10_000).map { streamID(9, UInt64($0)) })
    #expect(ids.count == 10_000)
  }
}
