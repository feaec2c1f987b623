import Benchmark
import HotLoops

// Normal generation and the raw Philox block function. One iteration is one call of the
// workload; divide by its count (65536 samples or blocks) for a per-sample time.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput], warmupIterations: 3, maxDuration: .seconds(2), maxIterations: 1000)

  let fill = NormalFillWorkload()
  Benchmark("RandomStream.fillNormals (\(fill.count) samples)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(fill.run()) }
  }

  let paths = PathNormalsWorkload()
  Benchmark("PathNormals.fill (\(paths.count) samples)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(paths.run()) }
  }

  let scalar = NextNormalWorkload()
  Benchmark("RandomStream.nextNormal (\(scalar.count) samples)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(scalar.run()) }
  }

  let philox = PhiloxBlockWorkload()
  Benchmark("Philox4x32.block (\(philox.count) blocks)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(philox.run()) }
  }
}
