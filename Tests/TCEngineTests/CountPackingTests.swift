import Foundation
import TCRandom
import Testing

@testable import TCEngine

/// Packed count arrays read back exactly, stay small for sparse histograms, and refuse every
/// malformed text instead of trapping or allocating without bound.
@Suite struct CountPackingTests {
  @Test func roundTrips() {
    var stream = RandomStream(seed: 11, stream: 0)
    var cases: [[UInt64]] = [[], [0], [7], [0, 0, 0], [1, 0, 0, 2, 0], [UInt64(1) << 62, 0, 1 << 40, 127, 128, 16_383, 16_384]]
    for length in [1, 10, 1000, 8194] {
      // Mostly zeros with occasional counts of every magnitude, as a shard's histograms.
      cases.append((0..<length).map { _ in
        stream.nextUniform() < 0.8 ? 0 : UInt64(stream.nextUniform() * pow(2, stream.nextUniform() * 40))
      })
    }
    for values in cases {
      let text = CountPacking.pack(values)
      #expect(CountPacking.unpack(text) == values, "\(values.prefix(8))")
    }
  }

  /// A histogram of 8194 bins with 1024 paths in 300 bins packs to under 2 bytes per bin used
  /// plus the zero runs (JSON numbers took 2 bytes per bin, zeros included).
  @Test func sparseHistogramsAreSmall() {
    var values = [UInt64](repeating: 0, count: 8194)
    for k in 0..<300 { values[1000 + 7 * k] = UInt64(1 + k % 9) }
    let bytes = Data(base64Encoded: CountPacking.pack(values))!.count
    #expect(bytes <= 2 * 300 + 16, "\(bytes) bytes")
  }

  @Test func malformedTextIsRefused() {
    func packed(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    #expect(CountPacking.unpack("not base64!") == nil)
    #expect(CountPacking.unpack(packed([0x80])) == nil)  // a varint cut short
    #expect(CountPacking.unpack(packed(Array(repeating: 0xff, count: 10) + [0x01])) == nil)  // longer than 64 bits
    #expect(CountPacking.unpack(packed(Array(repeating: 0xff, count: 9) + [0x02])) == nil)  // bit 64 set
    // A run of 2^40 zeros in six bytes.
    var huge: [UInt8] = []
    var x = (UInt64(1) << 40) << 1 | 1
    while x >= 0x80 { huge.append(UInt8(x & 0x7f) | 0x80); x >>= 7 }
    huge.append(UInt8(x))
    #expect(CountPacking.unpack(packed(huge)) == nil)
    #expect(CountPacking.unpack(packed([0x03, 0x04])) == [0, 2])  // one zero, then the count 2
  }
}
