/// The time left of a piece of work, estimated from (completed, elapsed) reports, and given only
/// once it has settled.
///
/// The work is cut into chunks (a share of the total each). At the end of every chunk an
/// estimate is made from the rate over the last few chunks, never from the start, so the time
/// before the first report (setup, a pilot run) and a slow warm-up drop out of it once those
/// chunks have passed. The estimate is given once enough of the work is done and the last few
/// estimates agree, so the first number a person sees is already steady.
///
///     var estimator = ProgressEstimator()
///     estimator.record(completed: 300, total: 1000, elapsed: 4.2)
///     estimator.secondsLeft  // nil until settled, then the seconds left
///
/// A pure value: feed it every report, in the order the workers' reports arrive.
public struct ProgressEstimator: Sendable, Equatable {
  /// Share of the work that must be done before any estimate.
  public var minimumFraction: Double
  /// Share of the total work in each chunk.
  public var chunk: Double
  /// Number of chunks the rate is measured over.
  public var window: Int
  /// Number of most recent estimates (one at the end of each chunk) that must agree.
  public var agreeing: Int
  /// How far those estimates may differ: the largest at most (1 + tolerance) × the smallest.
  public var tolerance: Double

  private struct Report: Sendable, Equatable {
    var completed: Int
    var elapsed: Double
  }

  private var total = 0
  private var latest: Report?
  /// Ends of chunks, the oldest first: at most `window + agreeing` of them.
  private var boundaries: [Report] = []

  /// An estimator that waits for `minimumFraction` of the work and for `agreeing` estimates,
  /// each from the rate over `window` chunks of `chunk` of the work, to agree within `tolerance`.
  public init(minimumFraction: Double = 0.05, chunk: Double = 0.01, window: Int = 5, agreeing: Int = 3, tolerance: Double = 0.2) {
    self.minimumFraction = minimumFraction
    self.chunk = chunk
    self.window = max(1, window)
    self.agreeing = max(1, agreeing)
    self.tolerance = tolerance
  }

  /// Adds one report: `completed` of `total` units done `elapsed` seconds after any fixed start.
  ///
  /// A new total, or a report after the work was finished or with less than half the work of
  /// the last one, starts a new pass (`paths: auto` rounds count from zero again). Any other
  /// report with less work than the last is a late one from another thread, and is ignored.
  public mutating func record(completed: Int, total: Int, elapsed: Double) {
    let completed = min(max(0, completed), max(0, total))
    if let latest, total == self.total, latest.completed < total, completed >= latest.completed / 2 {
      guard completed >= latest.completed else { return }
    } else {
      self = ProgressEstimator(minimumFraction: minimumFraction, chunk: chunk, window: window, agreeing: agreeing, tolerance: tolerance)
      self.total = total
    }
    let report = Report(completed: completed, elapsed: elapsed)
    latest = report
    if let last = boundaries.last {
      guard Double(completed - last.completed) >= chunk * Double(total), elapsed > last.elapsed else { return }
    }
    boundaries.append(report)
    if boundaries.count > window + agreeing { boundaries.removeFirst() }
  }

  /// Seconds left at the rate of the last `window` chunks, or `nil`: before `minimumFraction`
  /// of the work, while the last estimates disagree, when the work is finished or there is none.
  public var secondsLeft: Double? {
    guard let latest, total > 0, latest.completed < total, Double(latest.completed) >= minimumFraction * Double(total),
      boundaries.count == window + agreeing
    else { return nil }
    // Made at the same moment, the last estimates differ only by their rates.
    let rates = (window..<boundaries.count).map { end in rate(from: boundaries[end - window], to: boundaries[end]) }
    guard let slowest = rates.min(), let fastest = rates.max(), slowest > 0, fastest <= (1 + tolerance) * slowest else { return nil }
    let start = boundaries[boundaries.count - 1 - window]
    guard latest.elapsed > start.elapsed else { return nil }
    return Double(total - latest.completed) / rate(from: start, to: latest)
  }

  private func rate(from start: Report, to end: Report) -> Double {
    Double(end.completed - start.completed) / (end.elapsed - start.elapsed)
  }
}
