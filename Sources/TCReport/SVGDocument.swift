import Foundation

/// A hand-written SVG document: elements appended as text, every attribute value and text
/// node XML-escaped, numbers printed with a fixed format so the bytes are deterministic.
///
/// Charts build one of these and call `text`. No library is involved, so the output is exactly
/// what the code says and identical on every platform.
public struct SVGDocument: Sendable {
  /// Fonts tried in order; the CJK families make Chinese series and target names render.
  public static let fontFamily =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif"

  public let width: Double
  public let height: Double
  private var body: [String] = []

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Appends an element with attributes; `content` (escaped) becomes its text when given.
  public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text content: String? = nil) {
    var line = "<\(name)"
    for (key, value) in attributes { line += " \(key)=\"\(SVGDocument.escape(value))\"" }
    if let content {
      line += ">\(SVGDocument.escape(content))</\(name)>"
    } else {
      line += "/>"
    }
    body.append(line)
  }

  /// Opens a group; close it with `endGroup()`.
  public mutating func beginGroup(_ attributes: KeyValuePairs<String, String> = [:]) {
    var line = "<g"
    for (key, value) in attributes { line += " \(key)=\"\(SVGDocument.escape(value))\"" }
    body.append(line + ">")
  }

  public mutating func endGroup() { body.append("</g>") }

  /// A text label.
  public mutating func label(
    _ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    weight: String? = nil, fill: String = "#222", halo: Bool = false
  ) {
    var attributes: [(String, String)] = [
      ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)), ("font-size", SVGDocument.number(size)),
      ("text-anchor", anchor), ("fill", fill),
    ]
    if let weight { attributes.append(("font-weight", weight)) }
    // A white outline drawn under the glyphs keeps labels readable on coloured bands.
    if halo { attributes += [("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke")] }
    var line = "<text"
    for (key, value) in attributes { line += " \(key)=\"\(SVGDocument.escape(value))\"" }
    body.append(line + ">\(SVGDocument.escape(content))</text>")
  }

  /// A straight line.
  public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
    var attributes: [(String, String)] = [
      ("x1", SVGDocument.number(x1)), ("y1", SVGDocument.number(y1)),
      ("x2", SVGDocument.number(x2)), ("y2", SVGDocument.number(y2)),
      ("stroke", stroke), ("stroke-width", SVGDocument.number(width)),
    ]
    if let dash { attributes.append(("stroke-dasharray", dash)) }
    var text = "<line"
    for (key, value) in attributes { text += " \(key)=\"\(SVGDocument.escape(value))\"" }
    body.append(text + "/>")
  }

  /// An axis-aligned rectangle.
  public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
    let attributes = "x=\"\(SVGDocument.number(x))\" y=\"\(SVGDocument.number(y))\" width=\"\(SVGDocument.number(max(0, width)))\" height=\"\(SVGDocument.number(max(0, height)))\" fill=\"\(SVGDocument.escape(fill))\""
    if let title {
      body.append("<rect \(attributes)><title>\(SVGDocument.escape(title))</title></rect>")
    } else {
      body.append("<rect \(attributes)/>")
    }
  }

  /// The points as the `points` attribute of a polyline or polygon.
  public static func points(_ points: [(x: Double, y: Double)]) -> String {
    points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
  }

  /// The finished document, UTF-8 text with an XML declaration.
  ///
  /// - Parameters:
  ///   - title: Accessible title (`<title>`), also shown as a tooltip.
  public func text(title: String) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(height))\" viewBox=\"0 0 \(SVGDocument.number(width)) \(SVGDocument.number(height))\" font-family=\"\(SVGDocument.escape(SVGDocument.fontFamily))\" role=\"img\">\n"
    out += "<title>\(SVGDocument.escape(title))</title>\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(height))\" fill=\"#ffffff\"/>\n"
    for line in body { out += line + "\n" }
    out += "</svg>\n"
    return out
  }

  /// The document without its XML declaration, for inlining into HTML.
  public func inlineText(title: String) -> String {
    let full = text(title: title)
    guard let end = full.firstIndex(of: "\n") else { return full }
    return String(full[full.index(after: end)...])
  }

  /// Escapes the five XML special characters; drops control characters XML 1.0 forbids.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Coordinates with at most two decimals and no trailing zeros (`12`, `12.5`, `12.25`).
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    // Hundredths in integer arithmetic: `String(format:)` cost more than the rest of a chart.
    let scaled = (abs(x) * 100).rounded(.toNearestOrEven)
    guard scaled < 0x1p52 else {
      var text = String(format: "%.2f", x)
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
      return text
    }
    let hundredths = Int(scaled)
    if hundredths == 0 { return "0" }
    var text = x < 0 ? "-" : ""
    text += String(hundredths / 100)
    let fraction = hundredths % 100
    if fraction != 0 {
      text += fraction < 10 ? ".0" : "."
      text += String(fraction % 10 == 0 ? fraction / 10 : fraction)
    }
    return text
  }
}
