import Foundation

/// The chart of a comparison: for each target, the change in probability (run B − run A) as a
/// dot with a bar of ±3 standard errors, so a bar that misses zero is a change beyond noise.
public struct CompareChart: Sendable {
  public var comparison: RunComparison

  public init(comparison: RunComparison) { self.comparison = comparison }

  static let width = 860.0, labelWidth = 230.0, valueWidth = 190.0, rowHeight = 34.0, top = 84.0

  /// The chart as a standalone SVG document.
  public func svg() -> String {
    let rows = comparison.probabilities.filter { $0.change != nil }
    let height = CompareChart.top + Double(max(1, rows.count)) * CompareChart.rowHeight + 80
    var svg = SVGDocument(width: CompareChart.width, height: height)
    svg.label("Target probabilities: \(comparison.labelB) vs \(comparison.labelA)", x: 20, y: 28, size: 18, weight: "bold")
    svg.label("Change in percentage points; bars show ±3 standard errors of the change (red: beyond them)", x: 20, y: 50, size: 12, fill: "#555")

    let plotLeft = CompareChart.labelWidth, plotRight = CompareChart.width - CompareChart.valueWidth
    var extent = 0.0
    for row in rows {
      extent = max(extent, abs(row.change!) + 3 * (row.standardError ?? 0))
    }
    let axis = AxisScale(low: -max(extent, 0.001) * 100, high: max(extent, 0.001) * 100, count: 6, pixelStart: plotLeft + 10, pixelEnd: plotRight - 10)
    let bottom = CompareChart.top + Double(max(1, rows.count)) * CompareChart.rowHeight
    for tick in axis.ticks {
      let px = axis.pixel(tick)
      svg.line(x1: px, y1: CompareChart.top - 6, x2: px, y2: bottom, stroke: tick == 0 ? "#222" : "#e5e5e5", width: tick == 0 ? 1.5 : 1)
      svg.label((tick > 0 ? "+" : "") + axis.label(tick), x: px, y: bottom + 18, size: 11, anchor: "middle", fill: "#444")
    }
    svg.label("percentage points", x: (plotLeft + plotRight) / 2, y: bottom + 36, size: 12, anchor: "middle", fill: "#444")
    svg.label("\(comparison.labelA) → \(comparison.labelB)", x: plotRight + 12, y: CompareChart.top - 12, size: 11, fill: "#555")

    for (index, row) in rows.enumerated() {
      let y = CompareChart.top + (Double(index) + 0.5) * CompareChart.rowHeight
      let d = row.change! * 100
      let colour = row.flag == "changed" ? "#d62728" : row.flag == "unclear" ? "#ff7f0e" : "#636363"
      svg.label(FanChart.shorten(row.target, to: 32), x: plotLeft - 10, y: y + 4, size: 12, anchor: "end")
      if let se = row.standardError {
        svg.line(x1: axis.pixel(d - 300 * se), y1: y, x2: axis.pixel(d + 300 * se), y2: y, stroke: colour, width: 2)
        for end in [d - 300 * se, d + 300 * se] {
          svg.line(x1: axis.pixel(end), y1: y - 6, x2: axis.pixel(end), y2: y + 6, stroke: colour, width: 2)
        }
      }
      svg.element("circle", ["cx": SVGDocument.number(axis.pixel(d)), "cy": SVGDocument.number(y), "r": "5", "fill": colour])
      let text = "\(HumanFormat.percent(row.before ?? .nan)) → \(HumanFormat.percent(row.after ?? .nan))"
      svg.label(text + (row.flag.isEmpty ? "" : " (\(row.flag))"), x: plotRight + 12, y: y + 4, size: 12, fill: colour)
    }
    if rows.isEmpty {
      svg.label("No target appears in both runs.", x: (plotLeft + plotRight) / 2, y: CompareChart.top + 20, size: 12, anchor: "middle", fill: "#777")
    }
    return svg.text(title: "Comparison of target probabilities")
  }
}
