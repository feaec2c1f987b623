import Foundation
import Testing
@testable import TargetCast
import TCReport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML text; returns the element names seen and every text node, or the parse error.
final class XMLCheck: NSObject, XMLParserDelegate {
  var elements: [String] = []
  var texts: [String] = []
  var failure: String?

  static func parse(_ text: String) -> XMLCheck {
    let check = XMLCheck()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = check
    if !parser.parse() { check.failure = parser.parserError.map { "\($0)" } ?? "parse failed" }
    return check
  }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    elements.append(name)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }
}

// MARK: SHA-256 (FIPS 180-2 appendix B / NIST examples)

@Test func sha256KnownVectors() {
  #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
    == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  // 1,000,000 × "a" crosses many blocks (FIPS 180-2 B.3).
  #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

// MARK: Axis ticks

@Test func axisTicksAreNiceNumbers() {
  let a = AxisScale(low: 0, high: 1037, count: 5)
  #expect(a.ticks == [0, 250, 500, 750, 1000, 1250])
  #expect(a.label(1250) == "1250")
  let b = AxisScale(low: 0.003, high: 0.97, count: 5)
  #expect(b.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
  #expect(b.label(0.4) == "0.4")
  let c = AxisScale(low: 12_000, high: 48_000, count: 4, pixelStart: 100, pixelEnd: 0)
  #expect(c.ticks == [10_000, 20_000, 30_000, 40_000, 50_000])
  #expect(c.label(20_000) == "20,000")
  #expect(c.pixel(10_000) == 100 && c.pixel(50_000) == 0)
  let flat = AxisScale(low: 5, high: 5)
  #expect(flat.lower < 5 && flat.upper > 5)
  #expect(AxisScale.niceStep(0.3) == 0.5 && AxisScale.niceStep(2.2) == 2.5 && AxisScale.niceStep(7) == 10)
}

@Test func humanFormats() {
  #expect(HumanFormat.percent(0.0041) == "0.41%")
  #expect(HumanFormat.percent(0.9441) == "94.4%")
  #expect(HumanFormat.percent(0) == "0%")
  #expect(HumanFormat.points(-0.004) == "−0.40 pp")
  #expect(HumanFormat.points(0.123) == "+12.3 pp")
  #expect(HumanFormat.level(700) == "700")
  #expect(HumanFormat.level(935.04) == "935")
  #expect(HumanFormat.level(12_345.6) == "12,346")
}

// MARK: Fan chart

func sampleFan(title: String = "大健康 healthcare") -> FanChart {
  FanChart(
    title: title, units: "亿元", history: [.init(year: 2018, value: 583), .init(year: 2019, value: 700)],
    bands: [
      .init(year: 2020, p05: 751, p25: 801, p50: 838, p75: 877, p95: 935),
      .init(year: 2021, p05: 859, p25: 942, p50: 1004, p75: 1070, p95: 1172),
    ],
    targets: [
      .init(name: "千亿 in 2021", year: 2021, threshold: 1000, probability: 0.52),
      .init(name: "A<B & \"C\"", year: 2021, threshold: 1100, byYear: true, probability: 0.2),
    ],
    subtitle: "200,000 paths")
}

@Test func fanChartIsWellFormedAndLabelled() {
  let svg = sampleFan().svg()
  let xml = XMLCheck.parse(svg)
  #expect(xml.failure == nil, "\(xml.failure ?? "")")
  #expect(xml.elements.first == "svg")
  #expect(xml.elements.filter { $0 == "polygon" }.count == 3, "90% band, 50% band, one diamond")
  #expect(xml.elements.contains("polyline"))
  let text = xml.texts.joined()
  for label in ["大健康 healthcare", "亿元", "2019", "2021", "Median", "50% of paths", "90% of paths", "千亿 in 2021", "A<B & \"C\"", "P = 52.0%", "1000"] {
    #expect(text.contains(label), "missing label \(label)")
  }
  #expect(svg.contains("Noto Sans CJK SC"))
  #expect(svg.contains("A&lt;B &amp; &quot;C&quot;"))
  #expect(svg == sampleFan().svg(), "same input, same bytes")
  #expect(svg != sampleFan(title: "other").svg())
}

@Test func fanChartDropsControlCharactersAndSurvivesEmptyInput() {
  let odd = FanChart(title: "bad\u{01}title", history: [], bands: [])
  let xml = XMLCheck.parse(odd.svg())
  #expect(xml.failure == nil)
  #expect(xml.texts.contains("badtitle"))
}

// MARK: Tornado chart

@Test func tornadoChartOrdersRowsBySwing() {
  let chart = TornadoChart(
    title: "1+4+N", metric: "P(total ≥ 4500 in 2021)", baseline: 0.42,
    rows: [
      TornadoRow(input: "电子信息 growth", lowSetting: "p10", highSetting: "p90", low: 0.38, high: 0.47),
      TornadoRow(input: "大健康 growth", lowSetting: "p10", highSetting: "p90", low: 0.21, high: 0.66),
      TornadoRow(input: "project <X>", lowSetting: "absent", highSetting: "online", low: 0.40, high: 0.45),
    ])
  #expect(chart.orderedRows.map(\.input) == ["大健康 growth", "电子信息 growth", "project <X>"])
  let svg = chart.svg()
  let xml = XMLCheck.parse(svg)
  #expect(xml.failure == nil, "\(xml.failure ?? "")")
  #expect(xml.elements.filter { $0 == "rect" }.count == 1 + 2 * 3 + 2, "background, two bars per row, legend")
  let text = xml.texts.joined()
  #expect(text.contains("baseline 42.0%"))
  #expect(text.contains("66.0% (p90)"))
  #expect(text.contains("project <X>"))
  #expect(svg == chart.svg())
  let empty = TornadoChart(title: "none", metric: "P", baseline: 0.5, rows: [])
  #expect(XMLCheck.parse(empty.svg()).texts.contains("No sensitivity results in this run."))
}

// MARK: Report document

@Test func reportDocumentRendersBothFormats() {
  let fan = sampleFan()
  let doc = ReportDocument(title: "Plan | 计划", blocks: [
    .heading(level: 2, text: "Targets"),
    .table(header: ["#", "Target", "P"], rows: [["1", "a|b", "5%"]], numeric: [true, false, true]),
    .figure(file: "fan-大健康 x.svg", svg: fan.inlineSVG(), caption: "Fan"),
    .bullets(["x <y>"]),
  ])
  let md = doc.markdown()
  #expect(md.hasPrefix("# Plan \\| 计划\n"))
  #expect(md.contains("| # | Target | P |\n|---:|:---|---:|\n| 1 | a\\|b | 5% |"))
  #expect(md.contains("](fan-%E5%A4%A7%E5%81%A5%E5%BA%B7%20x.svg)"))
  let html = doc.html()
  #expect(html.contains("<meta charset=\"utf-8\">"))
  #expect(html.contains("<td>a|b</td>"))
  #expect(html.contains("<li>x &lt;y&gt;</li>"))
  #expect(!html.contains("<?xml"), "inline SVG has no XML declaration")
  // The inlined chart is itself well-formed XML.
  let start = html.range(of: "<svg")!.lowerBound, end = html.range(of: "</svg>")!.upperBound
  #expect(XMLCheck.parse(String(html[start..<end])).failure == nil)
}

// MARK: A real run

@Test func runWritesChartsReportAndManifest() throws {
  let a = temporaryDirectory("report-run-1"), b = temporaryDirectory("report-run-2")
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 8192, threads: 1, outputDirectory: a))
  _ = try runScenario(RunRequest(scenarioPath: healthcarePath, paths: 8192, threads: 2, outputDirectory: b))
  for file in ["fan-healthcare.svg", "report.md", "report.html"] {
    let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + file))
    let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + file))
    #expect(!x.isEmpty && x == y, "\(file) differs between 1 and 2 threads")
  }
  let svg = try String(contentsOfFile: a + "/fan-healthcare.svg", encoding: .utf8)
  #expect(XMLCheck.parse(svg).failure == nil)
  let html = try String(contentsOfFile: a + "/report.html", encoding: .utf8)
  #expect(html.contains("千亿 in 2020") && html.contains("<svg"))
  let manifest = try RunManifest.read(path: a + "/run.json")
  let bytes = try Data(contentsOf: URL(fileURLWithPath: healthcarePath))
  #expect(manifest.scenario.sha256 == SHA256.hex(bytes))
  #expect(manifest.paths == 8192 && manifest.seed == "20191231" && manifest.threads == 1)
  #expect(manifest.scenario.keys["series.healthcare.growth"] == "lognormal(mean: 0.2, sd: 0.08)")
  #expect(manifest.scenario.keys["targets.千亿 by 2022.by"] == "2022")
  #expect(manifest.files == [
    "fan-healthcare.svg", "forecast.csv", "report.html", "report.md", "required_growth.csv", "run.json", "sensitivity.csv",
    "targets.csv", "time_to_target.csv", "tornado-2.svg", "tornado-3.svg", "tornado.svg",
  ])
  // One tornado chart per target from the run's sensitivity analysis, well-formed, in the report.
  let tornado = try String(contentsOfFile: a + "/tornado.svg", encoding: .utf8)
  #expect(XMLCheck.parse(tornado).failure == nil)
  #expect(tornado.contains("千亿 in 2020") && tornado.contains("大健康 healthcare growth"))
  #expect(html.contains("What drives the risk") && !html.contains("no sensitivity analysis"))
}

/// SVG coordinates: two decimals, trailing zeros and "-0" dropped — the same text as
/// `String(format: "%.2f")` trimmed, on values away from a rounding tie.
@Test func svgNumbersMatchPrintfWithTrimming() {
  func reference(_ x: Double) -> String {
    var text = String(format: "%.2f", x)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
  var values: [Double] = [0, -0.0, 0.001, -0.004, 0.05, 0.5, 1, 10, 12.3, 100.07, -3.1, 1234.56, 9_999_999.99, 1e18, -1e18]
  var u: UInt64 = 12_345
  for _ in 0..<2000 {
    u = u &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    values.append((Double(u >> 11) * 0x1p-53 - 0.5) * 2000)
  }
  for x in values { #expect(SVGDocument.number(x) == reference(x), "\(x)") }
  #expect(SVGDocument.number(.nan) == "0" && SVGDocument.number(.infinity) == "0")
}
