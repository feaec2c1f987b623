import Foundation
import Testing

@testable import TCForecast

// MARK: - The empirical-Bayes scale of the reference errors (issue 11, item 2)

/// Known answers (worked out by hand, checked with Python to 1e-15): three units with mean
/// absolute errors 0.1, 0.2, 0.4 (log spacing ln 2) and 10 effective errors each have
/// var(log MAE) = (ln 2)² and sampling variance (π/2 − 1)/10, so τ² = (ln 2)² − (π/2 − 1)/10.
@Test func betweenVarianceIsSpreadLessSamplingNoise() {
  let units = [0.1, 0.2, 0.4].map { ErrorScaleShrinkage.Unit(meanAbsolute: $0, effectiveCount: 10) }
  let expected = log(2.0) * log(2.0) - (Double.pi / 2 - 1) / 10
  #expect(abs(ErrorScaleShrinkage.betweenVariance(units) - expected) < 1e-12)
  #expect(abs(expected - 0.4233733812387116) < 1e-12)
  // Identical units: all the spread is noise, so τ² takes its floor; a huge spread its ceiling.
  let same = [ErrorScaleShrinkage.Unit](repeating: .init(meanAbsolute: 0.3, effectiveCount: 5), count: 4)
  #expect(ErrorScaleShrinkage.betweenVariance(same) == ErrorScaleShrinkage.varianceRange.lowerBound)
  let wide = [1e-6, 1, 1e6].map { ErrorScaleShrinkage.Unit(meanAbsolute: $0, effectiveCount: 100) }
  #expect(ErrorScaleShrinkage.betweenVariance(wide) == ErrorScaleShrinkage.varianceRange.upperBound)
  // Fewer than three usable units (zero, infinite and negative-count ones are skipped): the floor.
  let unusable = [
    ErrorScaleShrinkage.Unit(meanAbsolute: 0, effectiveCount: 3), .init(meanAbsolute: .infinity, effectiveCount: 3),
    .init(meanAbsolute: 0.5, effectiveCount: 0), .init(meanAbsolute: 0.5, effectiveCount: 3), .init(meanAbsolute: 2, effectiveCount: 3),
  ]
  #expect(ErrorScaleShrinkage.betweenVariance(unusable) == ErrorScaleShrinkage.varianceRange.lowerBound)
}

/// B = m / (m + (π/2 − 1)/τ²): 4 effective errors against τ² = 0.2 give B = 0.58360238086609…,
/// and a file whose errors run 1.5 times the reference's moves the reference by 1.5^B.
@Test func shrinkageWeightAndFactorKnownAnswers() {
  let b = ErrorScaleShrinkage.weight(effectiveCount: 4, betweenVariance: 0.2)
  #expect(abs(b - 0.5836023808660955) < 1e-14)
  let file = ErrorScaleShrinkage.Unit(meanAbsolute: 0.3, effectiveCount: 4)
  #expect(abs(ErrorScaleShrinkage.factor(file: file, reference: 0.2, betweenVariance: 0.2) - 1.2669727612005053) < 1e-13)
  // No evidence, no move; overwhelming evidence, the file's own scale.
  #expect(ErrorScaleShrinkage.factor(file: .init(meanAbsolute: 0.3, effectiveCount: 0), reference: 0.2, betweenVariance: 0.2) == 1)
  let strong = ErrorScaleShrinkage.factor(file: .init(meanAbsolute: 0.3, effectiveCount: 1e9), reference: 0.2, betweenVariance: 0.2)
  #expect(abs(strong - 1.5) < 1e-8)
  // Degenerate inputs give 1, never NaN.
  for (mae, reference) in [(0.0, 0.2), (0.3, 0.0), (.nan, 0.2), (0.3, .infinity)] {
    #expect(ErrorScaleShrinkage.factor(file: .init(meanAbsolute: mae, effectiveCount: 4), reference: reference, betweenVariance: 0.2) == 1)
  }
}

/// A pool of one file series (errors ±2) and three reference series (±1, ±0.5, ±4), equal ages,
/// step 1: the file's mean absolute error is 2 with 2 effective errors, the reference's 11/6
/// with τ² = var(log{1, 0.5, 4}) − (π/2 − 1)/2 = 0.83566, so B = 0.74542 and the reference errors
/// are multiplied by (2 / (11/6))^B = 1.0670096989806925 (worked out in Python). Weights are kept
/// (the file's series 1, the reference's 10 in all) and the result stays sorted.
@Test func poolRescalesOnlyTheReferenceErrors() {
  var sample = ErrorSample()
  for (series, e) in [(0, 2.0), (1, 1.0), (2, 0.5), (3, 4.0)] {
    sample.append(-e, series: series, age: 0)
    sample.append(e, series: series, age: 1)
  }
  sample.sort()
  let weights: [Double] = [1, 10.0 / 3, 10.0 / 3, 10.0 / 3]
  let pool = sample.pool(halfLife: .infinity, seriesWeights: weights, referenceFrom: 1, step: 1)
  let factor = 1.0670096989806925
  let expected = PooledErrors(
    values: [-2, 2] + [-1, 1, -0.5, 0.5, -4, 4].map { $0 * factor },
    weights: [0.5, 0.5] + [Double](repeating: 10.0 / 6, count: 6))
  #expect(zip(pool.sorted, expected.sorted).allSatisfy { abs($0 - $1) < 1e-12 })
  #expect(zip(pool.shares, expected.shares).allSatisfy { abs($0 - $1) < 1e-15 })
  #expect(zip(pool.sorted, pool.sorted.dropFirst()).allSatisfy { $0 <= $1 })
  // Without a reference the pool is the plain weighted one.
  let plain = sample.pool(halfLife: .infinity, seriesWeights: weights)
  #expect(plain.sorted == sample.values)
}

/// Each series' own spread factor: three file series with errors ±1, ±2, ±4 (equal ages, step 1,
/// no reference) have mean absolute deviations 1, 2, 4 from the pool's median 0 and 2 effective
/// errors each; the pool's is 7/3; τ² = (ln 2)² − (π/2 − 1)/2 = 0.19505 from the file's own series,
/// so B = 2 / (2 + (π/2 − 1)/τ²) = 0.40598 and the factors are (MAD / (7/3))^B (worked out in Python).
@Test func seriesSpreadFactorsKnownAnswer() {
  var sample = ErrorSample()
  for (series, e) in [(0, 1.0), (1, 2.0), (2, 4.0)] {
    sample.append(-e, series: series, age: 0)
    sample.append(e, series: series, age: 1)
  }
  sample.sort()
  let weights: [Double] = [1, 1, 1]
  let pool = sample.pool(halfLife: .infinity, seriesWeights: weights)
  #expect(abs(pool.quantile(0.5)) < 1e-15)
  let factors = sample.seriesFactors(halfLife: .infinity, seriesCount: 3, referenceFrom: nil, pool: pool, step: 1)
  let expected = [0.708938193460838, 0.9393357852267741, 1.2446102150318719]
  #expect(zip(factors, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(factors)")
  // Fewer than three series: τ² takes its floor, B = 2 / (2 + 57.08), factors within 3% of 1.
  let two = sample.seriesFactors(halfLife: .infinity, seriesCount: 4, referenceFrom: 3, pool: pool, step: 1)
  #expect(two.count == 4 && two[3] == 1)
}

/// The spread factor widens or narrows the errors about the pool's median: the median (the
/// point forecast) stays, a quantile's distance from it in log terms scales by the factor, and
/// exceedance probabilities stay the inverse of the quantiles.
@Test func spreadFactorKeepsTheMedianAndInvertsExactly() {
  let pool = PooledErrors(values: [-0.3, -0.1, 0.05, 0.1, 0.2, 0.4], weights: [1, 2, 1, 1, 2, 1])
  let plain = Predictive(point: [100], lastValue: 90, isLog: true, scale: 0.5, spreads: [1], pools: [pool])
  let wide = Predictive(point: [100], lastValue: 90, isLog: true, scale: 0.5, spreads: [2], pools: [pool])
  #expect(abs(wide.median(step: 1) - plain.median(step: 1)) < 1e-12)
  let m = log(plain.median(step: 1))
  // Inside the pool's interpolated range (outside it quantiles clamp to the extreme errors).
  for tau in [0.2, 0.35, 0.65, 0.8] {
    let distance = log(wide.quantile(tau, step: 1)) - m, base = log(plain.quantile(tau, step: 1)) - m
    #expect(abs(distance - 2 * base) < 1e-12, "tau \(tau)")
    #expect(abs(wide.exceedance(wide.quantile(tau, step: 1), step: 1) - (1 - tau)) < 1e-12, "tau \(tau)")
  }
}
