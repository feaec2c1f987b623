import Testing
import TCStatistics

/// Wilson intervals from statsmodels 0.15.0 (z = norm.ppf(0.975) = 1.959963984540054):
///
///     python3 -c "from statsmodels.stats.proportion import proportion_confint; \
///       print([repr(float(v)) for v in proportion_confint(37, 120, alpha=0.05, method='wilson')])"
///
/// with (37, 120) replaced by each (successes, trials) below.
struct ProportionEstimateTests {
  @Test(arguments: [
    (37, 120, 0.23272736988916298, 0.39582997723800684),
    (0, 50, 0.0, 0.07134759913335874),
    (50, 50, 0.9286524008666412, 1.0),
    (1, 10, 0.017876213095072924, 0.40415002679523854),
    (9990, 10000, 0.9981600556125619, 0.9994567140135028),
  ])
  func wilsonMatchesStatsmodels(successes: Int, trials: Int, low: Double, high: Double) {
    let interval = ProportionEstimate(successes: successes, trials: trials).wilsonInterval()
    #expect(abs(interval.low - low) <= 1e-15 && abs(interval.high - high) <= 1e-15,
            "\(successes)/\(trials): \(interval)")
  }

  @Test func probabilityStandardErrorAndEdges() {
    let e = ProportionEstimate(successes: 30, trials: 120)
    #expect(e.probability == 0.25)
    #expect(abs(e.standardError - (0.25 * 0.75 / 120).squareRoot()) <= 1e-17)
    let none = ProportionEstimate()
    #expect(none.probability.isNaN && none.standardError.isNaN)
    let unknown = none.wilsonInterval()
    #expect(unknown.low == 0 && unknown.high == 1)
    let all = ProportionEstimate(successes: 7, trials: 7)
    #expect(all.standardError == 0 && all.wilsonInterval().high == 1)
    #expect(ProportionEstimate(successes: 0, trials: 7).wilsonInterval().low == 0)
  }

  @Test func recordAndMergeCount() {
    var a = ProportionEstimate()
    for i in 0 ..< 10 { a.record(i % 3 == 0) }
    #expect(a.successes == 4 && a.trials == 10)
    var b = ProportionEstimate(successes: 1, trials: 5)
    b.merge(a)
    #expect(b == ProportionEstimate(successes: 5, trials: 15))
  }
}
