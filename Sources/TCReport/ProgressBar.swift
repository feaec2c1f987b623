import Foundation

/// The text of a terminal progress bar, e.g. `[██████████░░░░░░░░░░]  50%  1.2 s, about 1.2 s left`.
///
/// Only the text; deciding whether to show it (a terminal, a run longer than a second, not
/// `--quiet`) and writing it to stderr is the command line's job, and the time left comes from
/// a ``ProgressEstimator``.
public enum ProgressBar {
  /// One line of progress.
  ///
  /// - Parameters:
  ///   - completed, total: Work done and to do (for example paths); `total` ≤ 0 shows 0%.
  ///   - elapsed: Seconds since the work started.
  ///   - secondsLeft: The settled estimate of the time left, or `nil` while there is none
  ///     (the line then says "estimating…" until the work is done).
  ///   - width: Number of cells in the bar.
  public static func line(completed: Int, total: Int, elapsed: Double, secondsLeft: Double?, width: Int = 30) -> String {
    let fraction = total > 0 ? min(1, max(0, Double(completed) / Double(total))) : 0
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    var text = "[\(bar)] \(String(format: "%3d", Int((fraction * 100).rounded(.down))))%  \(String(format: "%.1f", elapsed)) s"
    if total > 0, fraction < 1 {
      text += secondsLeft.map { ", about \(String(format: "%.1f", max(0, $0))) s left" } ?? ", estimating…"
    }
    return text
  }
}
