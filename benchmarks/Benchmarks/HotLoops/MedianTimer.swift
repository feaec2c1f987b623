import Foundation

/// Median time per call of a kernel on a plain clock, for the release-built timing tools.
///
/// The kernel is called once (warm-up, and to size the repeats), then in `repeats` repeats of
/// at least `minTime` seconds each; the machine is shared, so the median repeat is quoted, not
/// the mean.
public struct MedianTimer {
  public var repeats: Int
  public var minTime: Double

  public init(repeats: Int = 11, minTime: Double = 0.2) {
    self.repeats = repeats
    self.minTime = minTime
  }

  /// Median seconds per call and the number of calls per repeat.
  public func measure(_ call: () -> Void) -> (seconds: Double, callsPerRepeat: Int) {
    let first = Self.seconds(call)
    let calls = max(1, Int((minTime / max(first, 1e-9)).rounded(.up)))
    var perCall: [Double] = []
    for _ in 0..<max(repeats, 1) {
      let t = Self.seconds { for _ in 0..<calls { call() } }
      perCall.append(t / Double(calls))
    }
    perCall.sort()
    return (perCall[perCall.count / 2], calls)
  }

  static func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
