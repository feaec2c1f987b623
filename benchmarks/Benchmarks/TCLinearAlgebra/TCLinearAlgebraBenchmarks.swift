import Benchmark
import HotLoops

// Correlating a K × N shock block with the K × K Cholesky factor (K = 6). One iteration is one
// product; GFLOP/s = 2·K²·N / time (the same convention for all three variants).
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput], warmupIterations: 3, maxDuration: .seconds(2), maxIterations: 10_000)

  for n in HotLoops.blockColumns {
    let work = CorrelationWorkload(n: n)
    let shape = "K=\(work.k) N=\(n)"
    Benchmark("BLAS.gemm L·Z \(shape)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.gemm()) }
    }
    Benchmark("BLAS.trmm L·Z in place \(shape)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.trmm()) }
    }
    Benchmark("BLAS.triangularMultiply L·Z \(shape)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.triangularMultiply()) }
    }
    Benchmark("BLAS.multiplyRowsByLowerTransposed Z·Lᵀ rows \(shape)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.rowsTransform()) }
    }
    Benchmark("BLAS.trmm Z·Lᵀ rows \(shape)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.rowsTrmm()) }
    }
  }
}
