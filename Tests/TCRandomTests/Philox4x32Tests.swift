import Testing
import TCRandom

/// Known-answer vectors of Random123 (D. E. Shaw Research), file `examples/kat_vectors`,
/// the three `philox4x32 10` lines (columns: counter[4], key[2], expected[4], hex):
///
///     philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
///     philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
///     philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
///
/// (The third line's inputs are the hex digits of π.) Seen quoted verbatim from that
/// file in several independent public ports via the `search` tool.
struct Philox4x32Tests {
  @Test(arguments: [
    (SIMD4<UInt32>(0, 0, 0, 0), SIMD2<UInt32>(0, 0),
     SIMD4<UInt32>(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
    (SIMD4<UInt32>(repeating: 0xFFFF_FFFF), SIMD2<UInt32>(repeating: 0xFFFF_FFFF),
     SIMD4<UInt32>(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
    (SIMD4<UInt32>(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2<UInt32>(0xA409_3822, 0x299F_31D0),
     SIMD4<UInt32>(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
  ])
  func knownAnswers(counter: SIMD4<UInt32>, key: SIMD2<UInt32>, expected: SIMD4<UInt32>) {
    #expect(Philox4x32.block(counter: counter, key: key) == expected)
  }

  @Test func streamWordsAreThePhiloxBlocksOfTheDocumentedCounterLayout() {
    let seed: UInt64 = 0x299F_31D0_A409_3822
    let stream: UInt64 = 0x0370_7344_1319_8A2E
    var rng = RandomStream(seed: seed, stream: stream, counter: 0x85A3_08D3_243F_6A88)
    // The π vector above, reached through RandomStream's (counter, stream, seed) mapping.
    let words = (0 ..< 4).map { _ in rng.nextUInt32() }
    #expect(words == [0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1])
    #expect(rng.counter == 0x85A3_08D3_243F_6A89)
    let next = Philox4x32.block(
      counter: SIMD4(0x243F_6A89, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), key: SIMD2(0xA409_3822, 0x299F_31D0))
    #expect(rng.nextUInt64() == UInt64(next[0]) | UInt64(next[1]) << 32)
  }
}
