import Benchmark
import HotLoops

// The `auto` panel forecast end to end on the M1 yearly training parts (one thread), and the
// least-squares solve of the global model's pooled design (≈10 000 windows × intercept + 4 lags).
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput], warmupIterations: 2, maxDuration: .seconds(3), maxIterations: 1_000)

  for (m, n, k) in LeastSquaresWorkload.shapes where m > 1_000 {
    let work = LeastSquaresWorkload(rows: m, columns: n, rightHandSides: k)
    Benchmark("LAPACK.leastSquares \(m)×\(n), \(k) rhs") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.run()) }
    }
  }

  let auto = AutoPanelWorkload()
  Benchmark(
    "PanelForecaster auto, M1 yearly \(auto.seriesCount) series, 1 thread",
    configuration: .init(maxDuration: .seconds(5), maxIterations: 100)
  ) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(auto.run()) }
  }
}
