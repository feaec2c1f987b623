import Benchmark
import HotLoops

// The engine end to end (draw, correlate, accumulate, summarize) on one thread.
// Paths·years/s = 2^16 · 10 / time per iteration.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .peakMemoryResident], warmupIterations: 1,
    maxDuration: .seconds(5), maxIterations: 50)

  let engine = EngineWorkload()
  let label = "\(engine.scenario.series.count) series, \(engine.scenario.horizon) years, \(engine.scenario.paths) paths"
  Benchmark("Engine.run (\(label), threads 1)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(engine.run()) }
  }
}
