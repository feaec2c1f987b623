import TargetCast

/// The whole engine on a small scenario: K correlated lognormal series over ten years.
public final class EngineWorkload {
  public let scenario: Scenario
  public let options: SimulationOptions

  /// - Parameters:
  ///   - paths: Monte Carlo paths (default 2^16).
  ///   - threads: engine worker threads (default 1, to compare with single-threaded peers).
  public init(paths: Int = 1 << 16, threads: Int = 1) {
    scenario = EngineWorkload.scenario(paths: paths)
    options = SimulationOptions(threads: threads)
  }

  /// Path-years simulated per ``run()``: paths × simulated years (all series together).
  public var pathYearsPerCall: Double { Double(scenario.paths * scenario.horizon) }

  /// One `Engine.run`; returns the last target's estimated probability.
  public func run() -> Double {
    let result = try! Engine.run(scenario, options: options)
    return result.targets.last?.estimate.probability ?? 0
  }

  /// Six series with growth means 3% … 8% and sd 5% (lognormal `1 + r`), AR(1) correlation 0.5,
  /// base year 2024 to 2034, and one "in 2034" and one "by 2030" target per series; sensitivity
  /// and required growth off, as in the peer.
  /// `peers/numpy_hotloops.py` builds the same scenario.
  public static func scenario(paths: Int) -> Scenario {
    let k = HotLoops.seriesCount
    let series = (0..<k).map { s in
      SeriesSpec(id: "s\(s)", base: 100, growth: .lognormal(mean: 0.03 + 0.01 * Double(s), sd: 0.05))
    }
    let targets = (0..<k).flatMap { s in
      [
        TargetSpec(name: "s\(s) 160 in 2034", series: "s\(s)", year: 2034, threshold: 160),
        TargetSpec(name: "s\(s) 130 by 2030", series: "s\(s)", year: 2030, threshold: 130, timing: .byYear),
      ]
    }
    var scenario = Scenario(
      name: "bench-hotloops", baseYear: 2024, horizonYear: 2034, paths: paths, seed: HotLoops.seed,
      series: series, correlation: HotLoops.correlation(order: k), targets: targets)
    // The numpy peer computes levels, quantiles, moments and hit rates only: no tornado or
    // regression sensitivity, no required-growth shifts (by default the engine adds both, which
    // is several times the simulation itself).
    scenario.sensitivityPaths = 0
    scenario.requiredProbabilities = []
    return scenario
  }
}
