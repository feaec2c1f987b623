import Foundation

/// A linear axis with "nice" tick values (1, 2, 2.5 or 5 times a power of ten), covering the
/// data range, and the mapping from values to pixels.
///
/// Example: data 0…1037 with about 5 ticks gives ticks 0, 200, 400, …, 1200 (step 200).
public struct AxisScale: Sendable, Equatable {
  /// Tick values, ascending; the first and last are the axis ends.
  public let ticks: [Double]
  /// Distance between neighbouring ticks.
  public let step: Double
  /// Pixel positions of the axis ends (`lower` maps to `pixelStart`).
  public var pixelStart: Double
  public var pixelEnd: Double

  /// A scale covering `low…high` with about `count` intervals.
  ///
  /// - Parameters:
  ///   - low, high: Data range (swapped if reversed; widened if empty).
  ///   - count: Desired number of intervals, at least 1.
  ///   - pixelStart, pixelEnd: Screen positions of the axis ends.
  public init(low: Double, high: Double, count: Int = 5, pixelStart: Double = 0, pixelEnd: Double = 1) {
    var lo = min(low, high), hi = max(low, high)
    if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
    if hi - lo < 1e-12 * max(1, abs(hi)) {
      let pad = hi == 0 ? 1 : abs(hi) * 0.1
      lo -= pad
      hi += pad
    }
    let step = AxisScale.niceStep((hi - lo) / Double(max(1, count)))
    let first = (lo / step).rounded(.down)
    let last = (hi / step).rounded(.up)
    var ticks: [Double] = []
    var index = first
    while index <= last + 0.5 {
      // Printing at 12 significant digits and reading back removes binary noise (0.6000000000000001).
      let value = Double(String(format: "%.12g", index * step)) ?? index * step
      ticks.append(abs(value) < step * 1e-9 ? 0 : value)
      index += 1
    }
    self.ticks = ticks
    self.step = step
    self.pixelStart = pixelStart
    self.pixelEnd = pixelEnd
  }

  public var lower: Double { ticks.first ?? 0 }
  public var upper: Double { ticks.last ?? 1 }

  /// Pixel position of `value`.
  public func pixel(_ value: Double) -> Double {
    pixelStart + (value - lower) / (upper - lower) * (pixelEnd - pixelStart)
  }

  /// The smallest 1, 2, 2.5 or 5 × 10^k at least `raw`.
  public static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let power = pow(10, (log10(raw)).rounded(.down))
    for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= raw * (1 - 1e-12) {
      return factor * power
    }
    return 10 * power
  }

  /// Tick label with just enough decimals for the step (`1200`, `0.25`, `2.5`).
  public func label(_ value: Double) -> String {
    var decimals = 0
    var scaled = step
    while decimals < 6, abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
      scaled *= 10
      decimals += 1
    }
    let text = String(format: "%.\(decimals)f", value)
    return AxisScale.groupThousands(text == "-0" ? "0" : text)
  }

  /// Inserts thin commas every three digits of the integer part (`12000` → `12,000`).
  static func groupThousands(_ text: String) -> String {
    var sign = "", digits = Substring(text)
    if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let integer = Array(parts[0])
    guard integer.count > 4 else { return text }
    var grouped = ""
    for (index, character) in integer.enumerated() {
      if index > 0, (integer.count - index) % 3 == 0 { grouped += "," }
      grouped.append(character)
    }
    return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
  }
}
