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

  /// A level or ratio as a column label shows it: `80` for 80.0, `97.5` for 97.5.
  public static func label(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
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

  /// A level with its unit, as a sentence shows it (`700 亿元`, `1.204 万亿元`, `102 家`,
  /// `200 index (2018 = 100)`). Units in Chinese are rescaled to the magnitude (万, 亿, 万亿) that
  /// keeps at most four digits before the decimal point, as Chinese statistics write them:
  /// 12,037 亿元 is `1.204 万亿元`, 0.5 亿元 is `5000 万元`, 64,000 万元 is `6.4 亿元`. Other units
  /// are kept as given. Tables keep the stated unit in their header and use `level(_:)`.
  public static func level(_ x: Double, units: String?) -> String {
    guard let units, !units.isEmpty else { return level(x) }
    guard x.isFinite, let first = units.unicodeScalars.first, (0x4E00...0x9FFF).contains(first.value) else {
      return level(x) + " " + units
    }
    // The unit's own magnitude prefix, then the plain unit (元, 家, 人, …).
    var multiplier = 1.0
    var unit = Substring(units)
    for (prefix, value) in chineseMagnitudes where unit.hasPrefix(prefix) {
      multiplier = value
      unit = unit.dropFirst(prefix.count)
      break
    }
    let plain = x * multiplier
    if plain == 0 { return level(x) + " " + units }
    // 0.99995: a mantissa that rounds up to 10,000 moves to the next magnitude (`1 亿元`, not `10,000 万元`).
    let (prefix, value) = chineseMagnitudes.first { abs(plain) >= $0.value * 0.99995 } ?? ("", 1)
    let text = level(plain / value) + " " + prefix + unit
    return text.hasSuffix(" ") ? String(text.dropLast()) : text
  }

  /// Two levels with their unit written once when both show the same one (`110 and 130 亿元`,
  /// `9000 亿元 and 1.2 万亿元`); `separator` goes between them.
  public static func levels(_ low: Double, _ high: Double, units: String?, separator: String) -> String {
    let (a, b) = (level(low, units: units), level(high, units: units))
    let (bareA, bareB) = (level(low), level(high))
    if a.hasPrefix(bareA), b.hasPrefix(bareB), a.dropFirst(bareA.count) == b.dropFirst(bareB.count) {
      return bareA + separator + b
    }
    return a + separator + b
  }

  /// 万亿 (10^12), 亿 (10^8), 万 (10^4), largest first.
  static let chineseMagnitudes: [(prefix: String, value: Double)] = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)]

  /// A count with grouped thousands (`200,000`).
  public static func count(_ n: Int) -> String { AxisScale.groupThousands(String(n)) }
}
