import TCRandom
import Testing

/// The engine draws normals in bulk; the bulk path (SIMD Philox, rewinding on ziggurat
/// rejections) must give exactly the numbers of one-at-a-time `nextNormal()`.
@Test func bulkNormalsEqualOneAtATime() {
  for stream in UInt64(0)..<300 {
    var bulk = RandomStream(seed: 99, stream: stream)
    var single = bulk
    // Start mid-block sometimes, to exercise the realignment.
    if stream % 3 == 1 { _ = bulk.nextUInt32(); _ = single.nextUInt32() }
    var out = [Double](repeating: 0, count: 203)
    bulk.fillNormals(&out, range: 1..<203)
    for i in 1..<203 { #expect(out[i] == single.nextNormal(), "stream \(stream) index \(i)") }
    #expect(bulk == single)
  }
}
