import Testing
import TCStatistics

/// Reference values from NumPy 2.4.6's default (method="linear"):
///
///     python3 -c "import numpy as np; a=[3.0,1.0,4.0,1.0,5.0,9.0,2.0,6.0,5.0,3.0,5.0]; \
///       print([repr(float(v)) for v in np.quantile(a, [0.0,0.05,0.1,0.25,0.5,0.75,0.9,0.95,0.99,1.0])])"
///     python3 -c "import numpy as np; print([repr(float(v)) for v in np.quantile([0.1,0.7,0.2], [0.0,0.3,0.5,0.6,0.99,1.0])])"
///     python3 -c "import numpy as np; c=[1e9+0.125,-2.5,7.75,1e-3,3.3,3.3,-1e5,42.0]; \
///       print([repr(float(v)) for v in np.quantile(c, [0.01,1/3,0.5,2/3,0.9,0.999])])"
///
/// Compared for exact equality: the same formula in the same order gives the same bits.
struct QuantileTests {
  @Test func matchesNumpyLinear() {
    let a = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0]
    #expect(Quantile.of(a, [0.0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0])
      == [1.0, 1.0, 1.0, 2.5, 4.0, 5.0, 6.0, 7.5, 8.700000000000001, 9.0])
    #expect(Quantile.of([0.1, 0.7, 0.2], [0.0, 0.3, 0.5, 0.6, 0.99, 1.0])
      == [0.1, 0.16, 0.2, 0.3, 0.69, 0.7])
    let c = [1e9 + 0.125, -2.5, 7.75, 1e-3, 3.3, 3.3, -1e5, 42.0]
    #expect(Quantile.of(c, [0.01, 1.0 / 3, 0.5, 2.0 / 3, 0.9, 0.999])
      == [-93000.175, 1.1006666666666656, 3.3, 6.266666666666664, 300000029.4374998, 993000000.4181253])
  }

  @Test func sortedEntryPointAndEdges() {
    #expect(Quantile.sorted([2.0], 0.3) == 2.0)  // numpy: 2.0
    #expect(Quantile.sorted([], 0.5).isNaN)
    #expect(Quantile.sorted([1, 2], 1.5).isNaN && Quantile.sorted([1, 2], -0.1).isNaN)
    #expect(Quantile.sorted([1, 2], .nan).isNaN)
    #expect(Quantile.of([1, .nan, 3], [0.5, 0.9]).allSatisfy { $0.isNaN })
    #expect(Quantile.sorted([1, 2, 3, 4], 1) == 4 && Quantile.sorted([1, 2, 3, 4], 0) == 1)
  }
}
