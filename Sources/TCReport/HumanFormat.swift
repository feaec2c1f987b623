import Foundation

/// Number formats for what people read (reports, charts, the terminal). Machine files use
/// `NumberFormat`, which keeps full precision.
public enum HumanFormat {
  /// A probability as a percentage with enough decimals to be meaningful near 0 and 1
  /// (`0.40%`, `37.2%`, `99.95%`).
  public static func percent(_ p: Double) -> String {
    guard p.isFinite else { return "–" }
    if p == 0 { return "0%" }
    if p == 1 { return "100%" }
    let digits = p < 0.01 || p > 0.99 ? 2 : 1
    return String(format: "%.\(digits)f%%", p * 100)
  }

  /// A change in probability in percentage points, with its sign (`+12.3 pp`, `−0.40 pp`).
  public static func points(_ d: Double) -> String {
    guard d.isFinite else { return "–" }
    let magnitude = abs(d) * 100
    let text = String(format: magnitude < 1 ? "%.2f" : "%.1f", magnitude)
    if Double(text) == 0 { return "0 pp" }
    return (d < 0 ? "−" : "+") + text + " pp"
  }

  /// A growth rate as a percentage (`42.9%`).
  public static func rate(_ r: Double) -> String {
    guard r.isFinite else { return "–" }
    return String(format: "%.1f%%", r * 100)
  }

  /// A level with at most four significant figures, no trailing zeros and grouped thousands
  /// above 9999 (`12,037`, `1037`, `86.42`, `700`).
  public static func level(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    let magnitude = abs(x)
    let decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3
    var text = String(format: "%.\(decimals)f", x)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
    return AxisScale.groupThousands(text)
  }

  /// A count with grouped thousands (`200,000`).
  public static func count(_ n: Int) -> String { AxisScale.groupThousands(String(n)) }
}
