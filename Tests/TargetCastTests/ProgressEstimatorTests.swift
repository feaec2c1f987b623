import Foundation
import Testing
@testable import TargetCast

/// Reports every `step` seconds of work that follows `done` (units done by time t, rising) until
/// `total`, each with the true seconds left. Nothing is reported while `done` is still 0 (setup).
private func reports(total: Int, step: Double = 0.1, jitter: Double = 0, done: (Double) -> Double)
  -> [(completed: Int, elapsed: Double, truth: Double)]
{
  var low = 0.0, high = 1e6
  for _ in 0..<100 {
    let middle = (low + high) / 2
    if done(middle) >= Double(total) { high = middle } else { low = middle }
  }
  var list: [(completed: Int, elapsed: Double, truth: Double)] = []
  var t = 0.0, state: UInt64 = 7
  while t < high {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    t += step * (1 + jitter * (Double(state >> 11) / 0x1p53 * 2 - 1))
    let completed = min(total, Int(done(t)))
    if completed > 0 { list.append((completed, t, high - t)) }
  }
  return list
}

/// Feeds `list` to a fresh estimator; returns its answer after each report.
private func estimates(_ list: [(completed: Int, elapsed: Double, truth: Double)], total: Int) -> [Double?] {
  var estimator = ProgressEstimator()
  return list.map { report in
    estimator.record(completed: report.completed, total: total, elapsed: report.elapsed)
    return estimator.secondsLeft
  }
}

/// Nothing before 5% is done; every estimate from `accurateFrom` units on is within 10% of the
/// truth, give or take the time of the one unit by which whole-unit reports may lag
/// (`unitSeconds`); none is negative; and every report from `givenBy` of the work on has one.
private func checkEstimates(
  _ list: [(completed: Int, elapsed: Double, truth: Double)], total: Int, givenBy: Double, unitSeconds: Double,
  accurateFrom: Int = 0
) {
  let answers = estimates(list, total: total)
  for (report, answer) in zip(list, answers) {
    let fraction = Double(report.completed) / Double(total)
    if fraction < 0.05 || report.completed == total { #expect(answer == nil, "at \(report.completed): \(answer!)") }
    guard let answer else {
      #expect(fraction < givenBy || report.completed == total, "no estimate at \(report.completed) of \(total)")
      continue
    }
    #expect(answer >= 0)
    if report.completed < accurateFrom { continue }
    #expect(abs(answer - report.truth) <= 0.1 * report.truth + unitSeconds, "at \(report.completed): \(answer) s left, truly \(report.truth) s")
  }
}

/// A steady 10 units a second after 3 s of setup: the estimate appears soon after 5% and is
/// right within 10% from then on; irregular report times do not change that.
@Test func progressEstimateAtASteadyRate() {
  let steady = { (t: Double) in max(0, 10 * (t - 3)) }
  checkEstimates(reports(total: 1000, done: steady), total: 1000, givenBy: 0.1, unitSeconds: 0.1)
  checkEstimates(reports(total: 1000, jitter: 0.5, done: steady), total: 1000, givenBy: 0.1, unitSeconds: 0.1)
}

/// 3 s of setup, then a warm-up whose rate climbs to 10 units a second over 10 s, then steady.
/// Extrapolating from the start is wild at 5% (more than twice the truth); the estimator says
/// nothing until the rate has settled, and is then within 10% of the truth.
@Test func progressEstimateWaitsOutASlowStart() {
  let warm = { (t: Double) -> Double in
    let u = max(0, t - 3)
    return u < 10 ? 10 * u * u / 20 : 50 + 10 * (u - 10)
  }
  let list = reports(total: 1000, done: warm)
  let atFivePercent = list.firstIndex { $0.completed >= 50 }!
  let linear = list[atFivePercent].elapsed * (1000 - Double(list[atFivePercent].completed)) / Double(list[atFivePercent].completed)
  #expect(linear > 2 * list[atFivePercent].truth)
  #expect(estimates(list, total: 1000)[atFivePercent] == nil)
  checkEstimates(list, total: 1000, givenBy: 0.2, unitSeconds: 0.1)
}

/// A change of pace (100 units a second for 3 s, then 25): the estimate for the first pace
/// goes as soon as a chunk at the new pace has passed, and comes back, right within 10%, once
/// the new pace has settled.
@Test func progressEstimateWaitsOutAChangeOfPace() {
  let pace = { (t: Double) in t < 3 ? 100 * t : 300 + 25 * (t - 3) }
  let list = reports(total: 1000, step: 0.05, done: pace)
  let answers = estimates(list, total: 1000)
  #expect(answers[list.firstIndex { $0.elapsed > 3 }! - 1] != nil)
  #expect(answers[list.firstIndex { $0.completed >= 310 }!] == nil)
  checkEstimates(list, total: 1000, givenBy: 0.5, unitSeconds: 0.04, accurateFrom: 310)
}

/// Reports arrive from worker threads: a late one with a little less work is ignored, while a
/// fresh pass (`paths: auto` rounds count from zero) starts the estimate over. Finished or empty
/// work has no estimate.
@Test func progressEstimateAcrossThreadsPassesAndTheEnd() {
  var estimator = ProgressEstimator()
  let steady = (1...8).map { (completed: 100 * $0, elapsed: Double($0)) }
  for report in steady { estimator.record(completed: report.completed, total: 1000, elapsed: report.elapsed) }
  let settled = estimator.secondsLeft
  #expect(settled.map { abs($0 - 2) < 1e-9 } == true)
  estimator.record(completed: 790, total: 1000, elapsed: 8.01)
  #expect(estimator.secondsLeft == settled)
  estimator.record(completed: 100, total: 1000, elapsed: 9)
  #expect(estimator.secondsLeft == nil)
  for report in steady.dropFirst() { estimator.record(completed: report.completed, total: 1000, elapsed: report.elapsed + 8) }
  #expect(estimator.secondsLeft.map { abs($0 - 2) < 1e-9 } == true)
  estimator.record(completed: 1000, total: 1000, elapsed: 19)
  #expect(estimator.secondsLeft == nil)
  estimator.record(completed: 0, total: 0, elapsed: 20)
  #expect(estimator.secondsLeft == nil)
}
