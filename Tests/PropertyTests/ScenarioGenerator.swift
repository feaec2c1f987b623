import Foundation
import PropertyBased
@testable import TargetCast

// Generators of small, valid scenarios built in code. A scenario's shape (how many series, which
// years) decides what its parts may refer to, and the library has no flatMap, so every part is
// drawn at its largest shape (4 series, 6 years) as raw picks and `Scenario.generated` cuts the
// picks down to the drawn shape. Every generated scenario passes `validate()`; one that does not
// is a bug of this file (`ScenarioGenerator.scenario` traps on it).

/// Bases, thresholds and event years are laid out from this base year.
let generatedBaseYear = 2024

/// One series as drawn: its base, growth assumption, an optional override for one year and an
/// optional AR(1) persistence.
struct SeriesDraw: Sendable {
  var base: Double
  var growth: GrowthAssumption
  var override: (yearPick: Int, growth: GrowthAssumption)?
  var persistence: Double?
}

/// One target as drawn: `quantity` and the picks are reduced modulo what the scenario has.
struct TargetDraw: Sendable {
  var quantity: Int
  /// 0 level, 1 ratio, 2 CAGR, 3 at most a level, 4 a band of levels, 5 year on year.
  var measure: Int
  var byYear: Bool
  var yearPick: Int
  var fromPick: Int
  /// Threshold offset, in log-level, from the quantity's expected level in the target year.
  var offset: Double
}

/// One event as drawn.
struct EventDraw: Sendable {
  var series: Int
  var probability: Double
  var perYear: Bool
  var yearPick: Int
  var span: Int
  /// Added level as a share of the series' base (negative: a level taken away), or nil for a
  /// one-year growth shock of `shock`.
  var addShare: Double?
  var shock: Double
  var loading: Double?
}

/// Everything a scenario is built from.
struct ScenarioDraw: Sendable {
  var seriesCount: Int
  var horizon: Int
  var paths: Int
  var seed: UInt64
  var varianceReduction: VarianceReduction
  var series: [SeriesDraw]
  /// Vectors whose normalized Gram matrix is the correlation (rows of `dimension` entries).
  var correlation: (dimension: Int, entries: [Double])?
  /// Bit mask of the aggregate's members, and whether it is forecast.
  var aggregate: (mask: Int, forecast: Bool)?
  var events: [EventDraw]
  var targets: [TargetDraw]
}

enum ScenarioGenerator {
  /// min ≤ mode < max, for PERT and triangular rates.
  static let bounded = zip(Gen.double(in: -0.1...0.1), Gen.double(in: 0...0.15), Gen.double(in: 0.001...0.15))
    .map { (min: $0, mode: $0 + $1, max: $0 + $1 + $2) }

  /// Growth assumptions of every kind the engine distinguishes, with modest rates.
  static let growth = Gen.oneOf(
    zip(Gen.double(in: -0.05...0.25), Gen.double(in: 0...0.3)).map { GrowthAssumption.lognormal(mean: $0, sd: $1) },
    zip(Gen.double(in: -0.05...0.2), Gen.double(in: 0...0.2)).map { GrowthAssumption.rate(.normal(mean: $0, sd: $1)) },
    bounded.map { GrowthAssumption.rate(.pert(min: $0.min, mode: $0.mode, max: $0.max)) },
    bounded.map { GrowthAssumption.rate(.triangular(min: $0.min, mode: $0.mode, max: $0.max)) },
    zip(Gen.double(in: -0.1...0.1), Gen.double(in: 0.001...0.3)).map { GrowthAssumption.rate(.uniform(min: $0, max: $0 + $1)) },
    Gen.double(in: -0.05...0.2).map { GrowthAssumption.fixed($0) },
    zip(Gen.double(in: -0.05...0.2), Gen.double(in: 0...0.25)).map { GrowthAssumption.logNormalGrowth(mu: $0, sigma: $1) }
  )

  static let series = zip(
    Gen.double(in: 0.5...5000),
    growth,
    zip(Gen.int(in: 0...5), growth).optional(valueRate: 0.25),
    Gen.double(in: -0.5...0.8).optional(valueRate: 0.2)
  ).map { SeriesDraw(base: $0, growth: $1, override: $2.map { (yearPick: $0.0, growth: $0.1) }, persistence: $3) }

  static let target = zip(
    Gen.int(in: 0...4), Gen.int(in: 0...5), Gen.bool, Gen.int(in: 0...5), Gen.int(in: 0...5), Gen.double(in: -0.6...0.6)
  ).map { TargetDraw(quantity: $0, measure: $1, byYear: $2, yearPick: $3, fromPick: $4, offset: $5) }

  static let event = zip(
    zip(Gen.int(in: 0...3), Gen.double(in: 0...1), Gen.bool, Gen.int(in: 0...5), Gen.int(in: 0...3)),
    Gen.double(in: -1.5...1).optional(valueRate: 0.5),
    Gen.double(in: -0.3...0.2),
    Gen.double(in: -1...1).optional(valueRate: 0.5)
  ).map {
    EventDraw(
      series: $0.0, probability: $0.1, perYear: $0.2, yearPick: $0.3, span: $0.4, addShare: $1, shock: $2, loading: $3)
  }

  static let shape = zip(
    Gen.int(in: 1...4), Gen.int(in: 1...6), Gen.int(in: 500...4000), Gen.uint64(), Gen<VarianceReduction>.case)

  static let draw = zip(
    shape,
    series.array(of: 4),
    zip(Gen.int(in: 1...4), Gen.double(in: -1...1).array(of: 16)).optional(valueRate: 0.5),
    zip(Gen.int(in: 0...15), Gen.bool).optional(valueRate: 0.5),
    event.array(of: 0...2),
    target.array(of: 1...4)
  ).map {
    ScenarioDraw(
      seriesCount: $0.0, horizon: $0.1, paths: $0.2, seed: $0.3, varianceReduction: $0.4, series: $1,
      correlation: $2.map { (dimension: $0.0, entries: $0.1) }, aggregate: $3.map { (mask: $0.0, forecast: $0.1) },
      events: $4, targets: $5)
  }

  /// Valid scenarios: 1–4 series, horizon 1–6 years, 500–4000 paths, any seed and variance
  /// reduction, optional correlation, aggregate and events, 1–4 targets of every measure and timing.
  static let scenario = draw.map { draw -> Scenario in
    let scenario = Scenario.generated(from: draw)
    do { try scenario.validate() } catch {
      preconditionFailure("the generator made an invalid scenario: \(error)\n\(scenario.json)")
    }
    return scenario
  }
}

extension Scenario {
  /// The scenario `draw` describes, cut down to its drawn shape.
  static func generated(from draw: ScenarioDraw) -> Scenario {
    let k = draw.seriesCount, h = draw.horizon
    let baseYear = generatedBaseYear
    let series = draw.series.prefix(k).enumerated().map { index, d in
      var spec = SeriesSpec(id: "s\(index)", base: d.base, growth: d.growth, persistence: d.persistence ?? 0)
      if let override = d.override { spec.growthByYear[baseYear + 1 + override.yearPick % h] = override.growth }
      return spec
    }
    var scenario = Scenario(
      name: "generated", baseYear: baseYear, horizonYear: baseYear + h, paths: draw.paths, seed: draw.seed,
      series: series, correlation: draw.correlation.map { gramCorrelation(size: k, dimension: $0.dimension, entries: $0.entries) },
      targets: [])
    scenario.varianceReduction = draw.varianceReduction
    // The sensitivity analysis reruns its paths once per input and percentile: 1000 of them keep
    // its table in every run at a fraction of the default's cost.
    scenario.sensitivityPaths = 1000
    if let aggregate = draw.aggregate {
      let members = (0..<k).filter { aggregate.mask & (1 << $0) != 0 }
      scenario.aggregates = [
        AggregateSpec(id: "total", members: (members.isEmpty ? Array(0..<k) : members).map { "s\($0)" }, forecast: aggregate.forecast)
      ]
    }
    scenario.events = draw.events.enumerated().map { index, d in
      let year = baseYear + 1 + d.yearPick % h
      let last = min(baseYear + h, year + d.span)
      var weights = [year: 1.0]
      weights[last, default: 0] += 0.5
      let frequency: EventSpec.Frequency = d.perYear ? .perYear(years: year...last) : .once(timing: weights)
      let base = series[d.series % k].base
      let effect: EventSpec.Effect = d.addShare.map { .addLevel(level: $0 * base, ramp: [0.5, 1]) } ?? .growthShock(d.shock)
      return EventSpec(
        id: "e\(index)", series: "s\(d.series % k)", probability: d.probability, frequency: frequency, effect: effect,
        driver: d.loading == nil ? nil : "driver", loading: d.loading ?? 0)
    }
    scenario.targets = draw.targets.enumerated().map { index, d in
      let quantities = scenario.quantityIDs
      let quantity = quantities[d.quantity % quantities.count]
      let year = baseYear + 1 + d.yearPick % h
      let from = baseYear + d.fromPick % (year - baseYear)
      let expected = scenario.expectedLogLevel(of: quantity, in: year)
      var measure: TargetSpec.Measure
      var threshold: Double
      var comparison = TargetSpec.Comparison.atLeast
      var timing: TargetSpec.Timing = d.byYear ? .byYear : .inYear
      switch d.measure {
      case 0:
        measure = .level
        threshold = exp(expected + d.offset)
      case 3:
        measure = .level
        threshold = exp(expected + d.offset)
        comparison = .atMost
      case 4:
        measure = .level
        threshold = exp(expected + d.offset - 0.1)
        comparison = .between(upper: exp(expected + d.offset + 0.1))
        timing = .inYear
      case 5:
        measure = .yearOnYear
        threshold = expm1(expected - scenario.expectedLogLevel(of: quantity, in: year - 1) + d.offset)
        timing = .inYear
      case 1:
        measure = .ratio(from: from)
        threshold = exp(expected - scenario.expectedLogLevel(of: quantity, in: from) + d.offset)
      default:
        measure = .cagr(from: from)
        threshold = expm1((expected - scenario.expectedLogLevel(of: quantity, in: from) + d.offset) / Double(year - from))
      }
      return TargetSpec(
        name: "t\(index)", series: quantity, year: year, threshold: threshold, timing: timing, measure: measure,
        comparison: comparison)
    }
    // With two or more targets, one that counts them: at least k of all.
    if let first = draw.targets.first, scenario.targets.count >= 2 {
      let names = scenario.targets.map(\.name)
      scenario.targets.append(TargetSpec(
        name: "k of n", members: names, required: 1 + first.fromPick % names.count, year: scenario.targets.map(\.year).max()!))
    }
    return scenario
  }

  /// Log of the level `id` (a series or an aggregate) has in `year` with every year's growth at
  /// its mean (events left out): where thresholds are put so that targets are neither sure nor
  /// hopeless.
  func expectedLogLevel(of id: String, in year: Int) -> Double {
    func seriesLevel(_ spec: SeriesSpec) -> Double {
      (baseYear + 1 ..< year + 1).reduce(spec.base) { level, y in level * spec.growth(in: y).meanFactor }
    }
    if let index = seriesIndex(of: id) { return log(seriesLevel(series[index])) }
    let members = aggregates[aggregateIndex(of: id)!].members
    return log(members.reduce(0) { $0 + seriesLevel(series[seriesIndex(of: $1)!]) })
  }

  /// Whether some series' growth is random in some year, so that the seed changes the forecast.
  var hasRandomGrowth: Bool {
    series.contains { spec in
      simulatedYears.contains { year in
        switch spec.growth(in: year) {
        case .fixed: return false
        case .lognormal(_, let sd): return sd > 0
        case .logNormalGrowth(_, let sigma): return sigma > 0
        case .rate(let distribution):
          if case .normal(_, let sd) = distribution { return sd > 0 }
          return true
        }
      }
    }
  }

  /// The scenario as sorted JSON, to paste into a regression test.
  var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "\(self)"
  }
}

/// The normalized Gram matrix of `size` vectors of `dimension` entries taken from `entries`:
/// positive semidefinite by construction (singular when `dimension < size`), exactly symmetric,
/// 1 on the diagonal. A vector too short to normalize is replaced by the first unit vector.
func gramCorrelation(size: Int, dimension: Int, entries: [Double]) -> [[Double]] {
  let d = min(dimension, size)
  let vectors: [[Double]] = (0..<size).map { i in
    let v = Array(entries[(i * 4)..<(i * 4 + d)])
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm < 0.1 ? [1] + Array(repeating: 0, count: d - 1) : v.map { $0 / norm }
  }
  var matrix = Array(repeating: Array(repeating: 1.0, count: size), count: size)
  for i in 0..<size {
    for j in (i + 1)..<size {
      let r = min(1, max(-1, zip(vectors[i], vectors[j]).reduce(0) { $0 + $1.0 * $1.1 }))
      matrix[i][j] = r
      matrix[j][i] = r
    }
  }
  return matrix
}
