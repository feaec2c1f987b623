import Foundation
import TCLinearAlgebra
import TCRandom
import TCScenario

/// The engine's hot loops, timed on the user's machine (`targetcast bench`).
public enum EngineBenchmark {
  /// One measurement: the median of the repeats.
  public struct Row: Sendable {
    public var name: String
    public var threads: Int
    public var paths: Int
    public var seconds: Double
  }

  /// The W1 reference workload: six correlated sectors, ten years, lognormal growth.
  public static func w1Scenario(paths: Int) -> Scenario {
    let bases = [1400.0, 700, 300, 250, 200, 150]
    let mu = [0.12, 0.15, 0.18, 0.20, 0.22, 0.25]
    let sigma = [0.05, 0.07, 0.09, 0.11, 0.13, 0.15]
    var correlation = Array(repeating: Array(repeating: 0.2, count: 6), count: 6)
    for i in 0..<6 {
      for j in 0..<6 where (i < 3) == (j < 3) { correlation[i][j] = 0.5 }
      correlation[i][i] = 1
    }
    correlation[0][3] = 0.3; correlation[3][0] = 0.3
    correlation[2][5] = 0.3; correlation[5][2] = 0.3
    let series = (0..<6).map { SeriesSpec(id: "s\($0 + 1)", base: bases[$0], growth: .logNormalGrowth(mu: mu[$0], sigma: sigma[$0])) }
    var targets: [TargetSpec] = []
    for span in [3, 5] {
      for s in series {
        targets.append(TargetSpec(name: "\(s.id) doubles within \(span)", series: s.id, year: 2020 + span, threshold: 2, timing: .byYear, measure: .ratio(from: 2020)))
      }
    }
    targets.append(TargetSpec(name: "total ≥ 4500 in year 2", series: "total", year: 2022, threshold: 4500))
    var scenario = Scenario(
      name: "w1", baseYear: 2020, horizonYear: 2030, paths: paths, seed: 1, series: series,
      correlation: correlation, targets: targets)
    scenario.aggregates = [AggregateSpec(id: "total", members: series.map(\.id), forecast: false)]
    scenario.sensitivityPaths = 0
    scenario.requiredProbabilities = []
    return scenario
  }

  /// Times normal generation (the engine's path normals and Philox ones), the engine's
  /// correlation product and whole W1 runs.
  public static func run(paths: Int, repeats: Int) throws -> [Row] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var rows: [Row] = []
    func median(_ body: () throws -> Void) rethrows -> Double {
      var times: [Double] = []
      let clock = ContinuousClock()
      for _ in 0..<repeats {
        let start = clock.now
        try body()
        times.append((clock.now - start).seconds)
      }
      return times.sorted()[times.count / 2]
    }
    // 60 normals per path, as W1 draws: the engine's path normals (four paths in SIMD lanes)
    // and, for comparison, the same count from each path's Philox stream.
    let normalPaths = min(paths, 1_000_000)
    var buffer = [Double](repeating: 0, count: 4 * 60)
    var sink = 0.0
    let normalSeconds = median {
      var span = buffer.mutableSpan
      var path = 0
      while path < normalPaths {
        let first = UInt64(path)
        PathNormals.fill(seed: 1, paths: SIMD4(first, first + 1, first + 2, first + 3), count: 60, into: &span)
        sink += span[239]
        path += 4
      }
    }
    rows.append(Row(name: "path normals (60 per path)", threads: 1, paths: normalPaths, seconds: normalSeconds + (sink.isNaN ? 1 : 0)))
    let philoxNormalSeconds = median {
      for path in 0..<normalPaths {
        var stream = RandomStream(seed: 1, stream: UInt64(path))
        stream.fillNormals(&buffer, count: 60)
        sink += buffer[59]
      }
    }
    rows.append(Row(name: "Philox normals (60 per path)", threads: 1, paths: normalPaths, seconds: philoxNormalSeconds + (sink.isNaN ? 1 : 0)))
    var words: UInt32 = 0
    let philoxSeconds = median {
      for path in 0..<normalPaths {
        var stream = RandomStream(seed: 1, stream: UInt64(path))
        for _ in 0..<120 { words ^= stream.nextUInt32() }
      }
    }
    rows.append(Row(name: "Philox words (120 per path)", threads: 1, paths: normalPaths, seconds: philoxSeconds + (words == 7 ? 1e-9 : 0)))
    var z = Matrix(rows: 10 * 256, columns: 6, repeating: 0.5)
    let factor = try LAPACK.cholesky(Matrix(rowMajor: w1Scenario(paths: 1).correlation!))
    BLAS.useSingleThread()
    let blocks = max(1, paths / 256)
    // The engine's correlation step on one block (2560 path-years × 6 series).
    let correlateSeconds = median {
      for _ in 0..<blocks { try! BLAS.multiplyRowsByLowerTransposed(factor, &z) }
    }
    rows.append(Row(name: "Z·Lᵀ (6×6, 2560 rows)", threads: 1, paths: blocks * 256, seconds: correlateSeconds))
    for threads in Set([1, cores]).sorted() {
      let scenario = w1Scenario(paths: paths)
      let seconds = try median { _ = try Engine.run(scenario, options: SimulationOptions(threads: threads)) }
      rows.append(Row(name: "W1 engine run", threads: threads, paths: paths, seconds: seconds))
    }
    return rows
  }
}
