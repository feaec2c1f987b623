import Foundation

/// One uncertain input of a tornado chart: the output in a low and in a high setting of the input
/// (for example among the paths where it was in its lowest and highest tenth).
public struct TornadoRow: Sendable, Equatable {
  /// What was varied, e.g. `大健康 growth`.
  public var input: String
  /// How the low and high settings are described, e.g. `lowest 10%` and `highest 10%`.
  public var lowSetting: String
  public var highSetting: String
  /// The output (a probability or a level) at the low and the high setting.
  public var low: Double
  public var high: Double

  public init(input: String, lowSetting: String, highSetting: String, low: Double, high: Double) {
    self.input = input
    self.lowSetting = lowSetting
    self.highSetting = highSetting
    self.low = low
    self.high = high
  }

  /// The distance between the two outputs; rows are ordered by it, widest first.
  public var swing: Double { abs(high - low) }
}

/// A tornado chart: for one output (a target's probability, a median level), one horizontal
/// bar per input from the output at its low setting to the output at its high setting, around
/// the baseline with all inputs random. The widest bar is the input that drives the risk.
public struct TornadoChart: Sendable, Equatable {
  public var title: String
  /// What the bars measure, e.g. `P(千亿 by 2022)`.
  public var metric: String
  /// The output with every input left random.
  public var baseline: Double
  public var rows: [TornadoRow]
  /// True when the output is a probability (axis and labels in percent).
  public var isProbability: Bool

  public init(title: String, metric: String, baseline: Double, rows: [TornadoRow], isProbability: Bool = true) {
    self.title = title
    self.metric = metric
    self.baseline = baseline
    self.rows = rows
    self.isProbability = isProbability
  }

  static let width = 860.0
  static let labelWidth = 220.0, rightMargin = 10.0, rowHeight = 34.0, top = 76.0
  static let lowColour = "#e6550d", highColour = "#3182bd"

  /// Rows widest first; ties keep their given order so the output is deterministic.
  public var orderedRows: [TornadoRow] {
    rows.enumerated().sorted { a, b in
      a.element.swing != b.element.swing ? a.element.swing > b.element.swing : a.offset < b.offset
    }.map(\.element)
  }

  /// The chart as a standalone SVG document.
  public func svg() -> String { document().text(title: "Tornado chart: \(title)") }

  /// The chart as an `<svg>` element to inline in HTML.
  public func inlineSVG() -> String { document().inlineText(title: "Tornado chart: \(title)") }

  func format(_ value: Double) -> String { isProbability ? HumanFormat.percent(value) : HumanFormat.level(value) }

  func document() -> SVGDocument {
    let rows = orderedRows
    let height = TornadoChart.top + Double(max(1, rows.count)) * TornadoChart.rowHeight + 62
    var svg = SVGDocument(width: TornadoChart.width, height: height)
    svg.label(title, x: 20, y: 28, size: 18, weight: "bold")
    svg.label("Effect on \(metric) of holding one input at its low or high setting (others random)", x: 20, y: 50, size: 12, fill: "#555")

    let plotLeft = TornadoChart.labelWidth, plotRight = TornadoChart.width - TornadoChart.rightMargin
    let values = [baseline] + rows.flatMap { [$0.low, $0.high] }
    let finite = values.filter(\.isFinite)
    var low = finite.min() ?? 0, high = finite.max() ?? 1
    if isProbability { low = max(0, low); high = min(1, high) }
    let axis = AxisScale(low: low, high: high, count: 6, pixelStart: plotLeft + 130, pixelEnd: plotRight - 130)
    let bottom = TornadoChart.top + Double(max(1, rows.count)) * TornadoChart.rowHeight

    for tick in axis.ticks {
      let px = axis.pixel(tick)
      svg.line(x1: px, y1: TornadoChart.top - 6, x2: px, y2: bottom, stroke: "#e5e5e5")
      let text = isProbability ? String(format: "%g%%", (tick * 100 * 1e6).rounded() / 1e6) : axis.label(tick)
      svg.label(text, x: px, y: bottom + 18, size: 11, anchor: "middle", fill: "#444")
    }
    let centre = axis.pixel(baseline)
    for (index, row) in rows.enumerated() {
      let rowTop = TornadoChart.top + Double(index) * TornadoChart.rowHeight
      let barY = rowTop + 6, barHeight = TornadoChart.rowHeight - 12
      svg.label(TornadoChart.clip(row.input), x: plotLeft - 10, y: rowTop + TornadoChart.rowHeight / 2 + 4, size: 12, anchor: "end")
      let pLow = axis.pixel(row.low), pHigh = axis.pixel(row.high)
      svg.rect(x: min(centre, pLow), y: barY, width: abs(pLow - centre), height: barHeight, fill: TornadoChart.lowColour,
               title: "\(row.input) at \(row.lowSetting): \(format(row.low))")
      svg.rect(x: min(centre, pHigh), y: barY, width: abs(pHigh - centre), height: barHeight, fill: TornadoChart.highColour,
               title: "\(row.input) at \(row.highSetting): \(format(row.high))")
      // Each value is written on the outer side of its own bar end.
      for (value, pixel, setting) in [(row.low, pLow, row.lowSetting), (row.high, pHigh, row.highSetting)] {
        let leftSide = pixel < centre || (pixel == centre && value == row.low && row.high >= row.low)
        svg.label("\(format(value)) (\(setting))", x: pixel + (leftSide ? -4 : 4), y: barY + barHeight / 2 + 4,
                  size: 10, anchor: leftSide ? "end" : "start", fill: "#333")
      }
    }
    svg.line(x1: centre, y1: TornadoChart.top - 10, x2: centre, y2: bottom + 4, stroke: "#222", width: 1.5)
    svg.label("baseline \(format(baseline))", x: centre, y: TornadoChart.top - 14, size: 11, anchor: "middle", fill: "#222")
    if rows.isEmpty {
      svg.label("No sensitivity results in this run.", x: centre, y: TornadoChart.top + 22, size: 12, anchor: "middle", fill: "#777")
    }

    let legendY = bottom + 44
    svg.rect(x: plotLeft, y: legendY - 10, width: 14, height: 12, fill: TornadoChart.lowColour)
    svg.label("input at its low setting", x: plotLeft + 20, y: legendY, size: 12)
    svg.rect(x: plotLeft + 200, y: legendY - 10, width: 14, height: 12, fill: TornadoChart.highColour)
    svg.label("input at its high setting", x: plotLeft + 220, y: legendY, size: 12)
    return svg
  }

  static func clip(_ text: String) -> String { FanChart.shorten(text, to: 34) }
}
