import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on stderr for long runs: shown only when stderr is a terminal and the work has
/// taken more than a second, redrawn at most ten times a second, erased when done. Every report
/// feeds a ``ProgressEstimator``, so the time left is shown once it has settled.
///
/// `update` may be called from any thread (the engine reports finished blocks from its workers).
public final class TerminalProgress: Sendable {
  private struct State {
    var started = ContinuousClock.now
    var lastDrawn: ContinuousClock.Instant?
    var visible = false
    var estimator = ProgressEstimator()
  }

  private let state = Mutex(State())
  private let delay: Duration
  private let interval: Duration

  /// A progress bar, or `nil` when it should not be shown (quiet, or stderr is not a terminal).
  public init?(quiet: Bool, delay: Duration = .seconds(1), interval: Duration = .milliseconds(100)) {
    guard !quiet, isatty(STDERR_FILENO) != 0 else { return nil }
    self.delay = delay
    self.interval = interval
  }

  /// Reports `completed` of `total` units of work done.
  public func update(completed: Int, total: Int) {
    let now = ContinuousClock.now
    let line: String? = state.withLock { s in
      let elapsed = now - s.started
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      s.estimator.record(completed: completed, total: total, elapsed: seconds)
      guard elapsed >= delay else { return nil }
      if let last = s.lastDrawn, now - last < interval, completed < total { return nil }
      s.lastDrawn = now
      s.visible = true
      // Erase to the end of the line: a shorter line than the last must not leave its tail.
      return "\r" + ProgressBar.line(completed: completed, total: total, elapsed: seconds, secondsLeft: s.estimator.secondsLeft) + "\u{1B}[K"
    }
    if let line { FileHandle.standardError.write(Data(line.utf8)) }
  }

  /// Erases the bar, if it was drawn, so the summary starts on a clean line.
  public func finish() {
    let visible = state.withLock { s in
      defer { s.visible = false }
      return s.visible
    }
    if visible { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }
}
