import TCEngine

extension FanChart {
  /// One fan chart per series of a run, in scenario order, with the run's targets on that
  /// series and their probabilities.
  ///
  /// Needs the quantile levels 0.05, 0.25, 0.5, 0.75 and 0.95 among `result.quantileLevels`;
  /// returns an empty list otherwise.
  public static func charts(for result: SimulationResult) -> [(series: String, chart: FanChart)] {
    func column(_ level: Double) -> Int? { result.quantileLevels.firstIndex { abs($0 - level) < 1e-9 } }
    guard let i05 = column(0.05), let i25 = column(0.25), let i50 = column(0.5), let i75 = column(0.75), let i95 = column(0.95) else {
      return []
    }
    let scenario = result.scenario
    // Every series, and every aggregate whose levels the run summarized.
    return scenario.quantities.compactMap { quantity -> (series: String, chart: FanChart)? in
      let bands = result.levels.filter { $0.series == quantity.id }.map {
        Band(year: $0.year, p05: $0.quantiles[i05], p25: $0.quantiles[i25], p50: $0.quantiles[i50], p75: $0.quantiles[i75], p95: $0.quantiles[i95])
      }
      guard !bands.isEmpty else { return nil }
      // Ratio and CAGR targets are drawn at the level they amount to, with a note saying so;
      // one counted from a simulated year has no single level and is not drawn.
      let marks = result.targets.filter { $0.target.series == quantity.id }.compactMap { target in
        target.target.levelThreshold(in: scenario).map {
          TargetMark(name: target.target.name, year: target.target.year, threshold: $0,
                     byYear: target.target.timing == .byYear, probability: target.reportedProbability,
                     relation: target.target.comparison.symbol, upper: target.target.upper,
                     note: target.target.chartNote(in: scenario))
        }
      }
      let what = quantity.isAggregate ? "Simulated total of \(quantity.members.count) series" : "Simulated level"
      let chart = FanChart(
        title: quantity.label, units: quantity.units, history: [Point(year: scenario.baseYear, value: quantity.base)],
        bands: bands, targets: marks,
        subtitle: "\(what)\(quantity.units.map { " (\($0))" } ?? ""), \(HumanFormat.count(result.paths)) paths; bands hold the middle 50% and 90% of paths")
      return (quantity.id, chart)
    }
  }
}
