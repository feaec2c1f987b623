import Foundation
import PropertyBased
import Testing
@testable import TargetCast

/// Invariants of `targetcast forecast` on generated planner-sized files: one to six series of 4 to
/// 25 years, levels from 1 to 10^6, trends, noise, an occasional outlier year and an occasional
/// series that crosses zero (calibrated on additive errors).
@Suite struct ForecastInvariantTests {
  /// One generated series: its length, level, trend, noise, an outlier and whether it is shifted
  /// to cross zero.
  struct SeriesDraw {
    var length: Int
    var logLevel: Double
    var trend: Double
    var noise: Double
    var shocks: [Double]
    var outlier: (year: Int, factor: Double)?
    var crossesZero: Bool

    var values: [Double] {
      var level = Foundation.exp(logLevel)
      var out: [Double] = []
      for t in 0..<length {
        level *= Foundation.exp(trend + noise * shocks[t % shocks.count])
        out.append(level)
      }
      if let outlier, outlier.year < length { out[outlier.year] *= outlier.factor }
      if crossesZero {
        let shift = out.reduce(0, +) / Double(out.count)
        out = out.map { $0 - shift }
      }
      return out
    }
  }

  static let seriesDraw = zip(
    Gen.int(in: 4...25), Gen.double(in: 0...13.8), Gen.double(in: -0.1...0.3), Gen.double(in: 0...0.3),
    Gen.double(in: -2...2).array(of: 8),
    zip(Gen.int(in: 0...24), Gen.double(in: 0.1...10)).optional(valueRate: 0.2),
    Gen.bool.map { $0 }.optional(valueRate: 0.1)
  ).map {
    SeriesDraw(
      length: $0, logLevel: $1, trend: $2, noise: $3, shocks: $4, outlier: $5.map { (year: $0.0, factor: $0.1) },
      crossesZero: $6 != nil)
  }

  static let panel = zip(seriesDraw.array(of: 1...6), Gen.int(in: 1...6)).map { draws, horizon in
    (panel: SeriesPanel(series: draws.enumerated().map { Series(name: "s\($0.offset)", firstYear: 2000, values: $0.element.values) }),
     horizon: horizon)
  }

  /// Every row: finite; lo95 ≤ lo80 ≤ median ≤ hi80 ≤ hi95; quantiles increasing and equal to
  /// the interval ends they stand for; the mean finite; growth probabilities in [0, 1] and no
  /// larger for a larger ratio; a positive series' lower bounds positive. Threads do not change
  /// a number.
  @Test func forecastRowsAreCoherent() throws {
    // 12 files × 3 methods × 2 thread counts: about 25 s in a debug build (the reference panel's
    // rolling forecasts are recomputed for every file).
    try forEachGenerated(12, seed: 11, from: Self.panel) { index, draw in
      let methods = try ["auto", "naive", "damped"].map { try ForecastMethod(name: $0) }
      var options = ForecastOptions(
        horizon: draw.horizon, methods: methods, levels: [80, 95], quantiles: [0.025, 0.1, 0.5, 0.9, 0.975],
        growthTargets: [1.1, 2], threads: 1)
      let result = try PanelForecaster.forecast(draw.panel, options)
      let context: Comment = "case \(index): \(draw.panel.series.map(\.values))"
      for f in result.forecasts {
        let series = draw.panel.series.first { $0.name == f.series }!
        for h in 0..<draw.horizon {
          let row = [f.lower[1][h], f.lower[0][h], f.median[h], f.upper[0][h], f.upper[1][h]]
          #expect(row.allSatisfy(\.isFinite) && f.mean[h].isFinite, "\(f.model) \(f.series) h\(h + 1) \(row); \(context)")
          #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 }, "\(f.model) \(f.series) h\(h + 1) \(row); \(context)")
          let q = f.quantiles.map { $0[h] }
          #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 }, "\(f.model) \(f.series) h\(h + 1) \(q); \(context)")
          let p = f.growth.map { $0[h] }
          #expect(p.allSatisfy { (0...1).contains($0) } && p[0] >= p[1], "\(f.model) \(f.series) h\(h + 1) \(p); \(context)")
          if series.values.allSatisfy({ $0 > 0 }) {
            #expect(f.lower[1][h] > 0, "\(f.model) \(f.series) h\(h + 1); \(context)")
          }
        }
      }
      options.threads = 2
      #expect(try PanelForecaster.forecast(draw.panel, options).forecasts == result.forecasts, "\(context)")
    }
  }
}
