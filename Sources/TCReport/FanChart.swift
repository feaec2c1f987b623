import Foundation

/// A fan chart of one series: known history, then the median and an inner and an outer band
/// (by default the 50% and 90% of simulated paths), with targets marked and numbered.
///
/// The chart takes plain values (not a `SimulationResult`) so that any source of quantiles can
/// draw one; `FanChart.charts(for:)` builds one per series from a run.
public struct FanChart: Sendable, Equatable {
  /// The distribution of the level in one simulated year: `p05…p95` bound the outer band,
  /// `p25…p75` the inner one (a forecast's 95% and 80% intervals fill them the same way).
  public struct Band: Sendable, Equatable {
    public var year: Int
    public var p05: Double, p25: Double, p50: Double, p75: Double, p95: Double
    public init(year: Int, p05: Double, p25: Double, p50: Double, p75: Double, p95: Double) {
      self.year = year
      self.p05 = p05; self.p25 = p25; self.p50 = p50; self.p75 = p75; self.p95 = p95
    }
  }

  /// A known value.
  public struct Point: Sendable, Equatable {
    public var year: Int
    public var value: Double
    public init(year: Int, value: Double) {
      self.year = year
      self.value = value
    }
  }

  /// A target drawn on the chart: a diamond at (year, threshold) for "in year", a dashed line
  /// up to the year for "by year".
  public struct TargetMark: Sendable, Equatable {
    public var name: String
    public var year: Int
    public var threshold: Double
    /// True when reaching the threshold in any year up to `year` counts.
    public var byYear: Bool
    /// The estimated probability, shown in the legend when known.
    public var probability: Double?
    /// `≥` for a target met from below, `≤` for a ceiling.
    public var relation: String
    /// The top of a band target (`threshold` is its bottom).
    public var upper: Double?
    /// What the level stands for when the target is not a level (`2 × the 2019 level`), shown
    /// under the condition.
    public var note: String?
    public init(
      name: String, year: Int, threshold: Double, byYear: Bool = false, probability: Double? = nil, relation: String = "≥",
      upper: Double? = nil, note: String? = nil
    ) {
      self.name = name
      self.year = year
      self.threshold = threshold
      self.byYear = byYear
      self.probability = probability
      self.relation = relation
      self.upper = upper
      self.note = note
    }

    /// The condition as the legend states it: `≥ 1,000 亿元 in 2020`, `110–130 in 2022`.
    func condition(units: String?) -> String {
      let bound = upper.map { HumanFormat.levels(threshold, $0, units: units, separator: "–") }
        ?? "\(relation) \(HumanFormat.level(threshold, units: units))"
      return "\(bound) \(byYear ? "by" : "in") \(year)"
    }
  }

  /// What the legend calls the two bands.
  public struct BandLabels: Sendable, Equatable {
    public var inner: String
    public var outer: String
    public init(inner: String, outer: String) {
      self.inner = inner
      self.outer = outer
    }
    /// The bands of a simulation: the middle 50% and 90% of paths.
    public static let paths = BandLabels(inner: "50% of paths", outer: "90% of paths")
  }

  public var title: String
  public var units: String?
  /// Known values, ascending by year; the last one is where the fan starts.
  public var history: [Point]
  /// Simulated years, ascending.
  public var bands: [Band]
  public var targets: [TargetMark]
  /// A line under the title, e.g. how many paths the bands come from.
  public var subtitle: String?
  public var bandLabels: BandLabels

  public init(
    title: String, units: String? = nil, history: [Point], bands: [Band], targets: [TargetMark] = [], subtitle: String? = nil,
    bandLabels: BandLabels = .paths
  ) {
    self.bandLabels = bandLabels
    self.title = title
    self.units = units
    self.history = history
    self.bands = bands
    self.targets = targets
    self.subtitle = subtitle
  }

  // Layout in pixels; the legend sits in a column right of the plot.
  static let width = 860.0, height = 460.0
  static let plotLeft = 78.0, plotRight = 600.0, plotTop = 72.0, plotBottom = 400.0

  static let band90 = "#c6dbef", band50 = "#6baed6", medianColour = "#08519c"
  static let historyColour = "#252525", targetColour = "#d62728"

  /// The chart as a standalone SVG document.
  public func svg() -> String { document().text(title: accessibleTitle) }

  /// The chart as an `<svg>` element to inline in HTML.
  public func inlineSVG() -> String { document().inlineText(title: accessibleTitle) }

  var accessibleTitle: String { "Fan chart: \(title)" }

  func document() -> SVGDocument {
    var svg = SVGDocument(width: FanChart.width, height: max(FanChart.height, FanChart.plotTop + legendHeight + 12))
    svg.label(FanChart.shorten(title, to: 80), x: FanChart.plotLeft, y: 28, size: 18, weight: "bold")
    if let subtitle { svg.label(subtitle, x: FanChart.plotLeft, y: 50, size: 12, fill: "#555") }

    let years = history.map(\.year) + bands.map(\.year) + targets.map(\.year)
    guard let firstYear = years.min(), let lastYear = years.max() else { return svg }
    var values = history.map(\.value) + targets.map(\.threshold)
    for band in bands { values += [band.p05, band.p95] }
    let finite = values.filter(\.isFinite)
    let top = (finite.max() ?? 1) * 1.04
    let bottom = min(0, finite.min() ?? 0)
    let y = AxisScale(low: bottom, high: top, count: 6, pixelStart: FanChart.plotBottom, pixelEnd: FanChart.plotTop)
    let yearSpan = max(1, lastYear - firstYear)
    let xStep = max(1, Int(AxisScale.niceStep(Double(yearSpan) / 10)))
    func x(_ year: Int) -> Double {
      let pad = 0.5
      return FanChart.plotLeft + (Double(year - firstYear) + pad) / (Double(yearSpan) + 2 * pad) * (FanChart.plotRight - FanChart.plotLeft)
    }

    // Grid and axes.
    svg.beginGroup(["class": "axes"])
    for tick in y.ticks {
      let py = y.pixel(tick)
      svg.line(x1: FanChart.plotLeft, y1: py, x2: FanChart.plotRight, y2: py, stroke: "#e5e5e5")
      svg.label(y.label(tick), x: FanChart.plotLeft - 8, y: py + 4, size: 11, anchor: "end", fill: "#444")
    }
    for year in stride(from: firstYear, through: lastYear, by: xStep) {
      let px = x(year)
      svg.line(x1: px, y1: FanChart.plotBottom, x2: px, y2: FanChart.plotBottom + 5, stroke: "#444")
      svg.label(String(year), x: px, y: FanChart.plotBottom + 20, size: 11, anchor: "middle", fill: "#444")
    }
    svg.line(x1: FanChart.plotLeft, y1: FanChart.plotBottom, x2: FanChart.plotRight, y2: FanChart.plotBottom, stroke: "#444")
    svg.line(x1: FanChart.plotLeft, y1: FanChart.plotTop, x2: FanChart.plotLeft, y2: FanChart.plotBottom, stroke: "#444")
    if let units {
      svg.element("text", [
        "x": "18", "y": SVGDocument.number((FanChart.plotTop + FanChart.plotBottom) / 2), "font-size": "12",
        "text-anchor": "middle", "fill": "#444",
        "transform": "rotate(-90 18 \(SVGDocument.number((FanChart.plotTop + FanChart.plotBottom) / 2)))",
      ], text: units)
    }
    svg.label("Year", x: (FanChart.plotLeft + FanChart.plotRight) / 2, y: FanChart.plotBottom + 40, size: 12, anchor: "middle", fill: "#444")
    svg.endGroup()

    // The fan starts at the last known value, where the uncertainty is zero.
    var fan = bands
    if let start = history.last, let first = bands.first, start.year < first.year {
      let v = start.value
      fan.insert(Band(year: start.year, p05: v, p25: v, p50: v, p75: v, p95: v), at: 0)
    }
    if !fan.isEmpty {
      svg.element("polygon", [
        "class": "band90", "fill": FanChart.band90,
        "points": SVGDocument.points(fan.map { (x($0.year), y.pixel($0.p95)) } + fan.reversed().map { (x($0.year), y.pixel($0.p05)) }),
      ])
      svg.element("polygon", [
        "class": "band50", "fill": FanChart.band50, "fill-opacity": "0.8",
        "points": SVGDocument.points(fan.map { (x($0.year), y.pixel($0.p75)) } + fan.reversed().map { (x($0.year), y.pixel($0.p25)) }),
      ])
      svg.element("polyline", [
        "class": "median", "fill": "none", "stroke": FanChart.medianColour, "stroke-width": "2.5",
        "points": SVGDocument.points(fan.map { (x($0.year), y.pixel($0.p50)) }),
      ])
    }
    if !history.isEmpty {
      if history.count > 1 {
        svg.element("polyline", [
          "class": "history", "fill": "none", "stroke": FanChart.historyColour, "stroke-width": "2",
          "points": SVGDocument.points(history.map { (x($0.year), y.pixel($0.value)) }),
        ])
      }
      for point in history {
        svg.element("circle", [
          "class": "history-point", "cx": SVGDocument.number(x(point.year)), "cy": SVGDocument.number(y.pixel(point.value)),
          "r": "3.5", "fill": FanChart.historyColour,
        ])
      }
    }

    // Targets, numbered so long (Chinese) names can live in the legend instead of the plot.
    // "By" lines go underneath so an "in" diamond at the same point stays visible.
    let firstSimulated = bands.first?.year ?? firstYear
    for (index, target) in targets.enumerated() where target.byYear {
      let px = x(target.year), py = y.pixel(target.threshold)
      svg.line(x1: x(firstSimulated), y1: py, x2: px, y2: py, stroke: FanChart.targetColour, width: 2, dash: "6 4")
      svg.line(x1: px, y1: py - 7, x2: px, y2: py + 7, stroke: FanChart.targetColour, width: 2)
      svg.label(String(index + 1), x: px + 10, y: py + 16, size: 11, anchor: "start", weight: "bold", fill: FanChart.targetColour, halo: true)
    }
    for (index, target) in targets.enumerated() where !target.byYear {
      let px = x(target.year), py = y.pixel(target.threshold)
      svg.element("polygon", [
        "class": "target", "fill": FanChart.targetColour, "stroke": "#ffffff", "stroke-width": "1",
        "points": SVGDocument.points([(px, py - 6), (px + 6, py), (px, py + 6), (px - 6, py)]),
      ])
      svg.label(String(index + 1), x: px, y: py - 10, size: 11, anchor: "middle", weight: "bold", fill: FanChart.targetColour, halo: true)
    }

    drawLegend(&svg)
    return svg
  }

  /// Height of the legend column; a chart with many targets grows taller rather than clip it.
  var legendHeight: Double {
    (history.isEmpty ? 0 : 22) + 74 + (targets.isEmpty ? 0 : 20 + 38 * Double(targets.count) + 16 * Double(targets.filter { $0.note != nil }.count))
  }

  private func drawLegend(_ svg: inout SVGDocument) {
    let left = FanChart.plotRight + 28
    var row = FanChart.plotTop + 4
    svg.beginGroup(["class": "legend"])
    if !history.isEmpty {
      svg.element("circle", ["cx": SVGDocument.number(left + 9), "cy": SVGDocument.number(row - 4), "r": "3.5", "fill": FanChart.historyColour])
      svg.label(history.count > 1 ? "Known values" : "Known value (\(history[history.count - 1].year))", x: left + 26, y: row, size: 12)
      row += 22
    }
    svg.line(x1: left, y1: row - 4, x2: left + 18, y2: row - 4, stroke: FanChart.medianColour, width: 2.5)
    svg.label("Median", x: left + 26, y: row, size: 12)
    row += 22
    svg.rect(x: left, y: row - 11, width: 18, height: 12, fill: FanChart.band50)
    svg.label(bandLabels.inner, x: left + 26, y: row, size: 12)
    row += 22
    svg.rect(x: left, y: row - 11, width: 18, height: 12, fill: FanChart.band90)
    svg.label(bandLabels.outer, x: left + 26, y: row, size: 12)
    row += 30
    if !targets.isEmpty {
      svg.label("Targets", x: left, y: row, size: 12, weight: "bold")
      row += 20
      for (index, target) in targets.enumerated() {
        svg.label("\(index + 1)", x: left + 4, y: row, size: 12, anchor: "middle", weight: "bold", fill: FanChart.targetColour)
        svg.label(FanChart.shorten(target.name, to: 26), x: left + 16, y: row, size: 12)
        row += 16
        var detail = target.condition(units: units)
        if let p = target.probability { detail += ": P = \(HumanFormat.percent(p))" }
        svg.label(detail, x: left + 16, y: row, size: 11, fill: "#555")
        if let note = target.note {
          row += 16
          svg.label(FanChart.shorten(note, to: 40), x: left + 16, y: row, size: 11, fill: "#555")
        }
        row += 22
      }
    }
    svg.endGroup()
  }

  /// Cuts long names so the legend stays inside the chart; CJK characters count double.
  static func shorten(_ text: String, to width: Int) -> String {
    var used = 0
    var out = ""
    for character in text {
      let w = character.unicodeScalars.contains { $0.value >= 0x1100 } ? 2 : 1
      if used + w > width - 1 { return out + "…" }
      used += w
      out.append(character)
    }
    return out
  }
}
