import Benchmark
import HotLoops

// Fitting one model to one 33-value series (M1 yearly YAC19, training part), and AutoETS fit +
// forecast + intervals over all 181 M1 yearly training series. The ETS likelihood and the
// Nelder–Mead optimizer are internal to TCModels, so these fits are the nearest public entry
// points: an ETS fit is many likelihood evaluations driven by Nelder–Mead.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 3, maxDuration: .seconds(2),
    maxIterations: 10_000)

  for (_, work) in ModelFitWorkload.standard() {
    Benchmark("\(work.label) n=33") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(work.run()) }
    }
  }

  // The n × 3 solve of a three-parameter curve fit.
  let tiny = LeastSquaresWorkload(rows: 30, columns: 3, rightHandSides: 1)
  Benchmark("LAPACK.leastSquares 30×3, 1 rhs") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(tiny.run()) }
  }

  let autoETS = AutoModelPanelWorkload.autoETS()
  Benchmark(
    "AutoETSModel fit+forecast+intervals, M1 yearly \(autoETS.seriesCount) series",
    configuration: .init(maxDuration: .seconds(5), maxIterations: 100)
  ) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(autoETS.run()) }
  }
}
