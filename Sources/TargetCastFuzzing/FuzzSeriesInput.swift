import Foundation
import TCData

/// A series file (CSV in any encoding, or a workbook when the bytes are a zip archive): read
/// with detected columns, then with statsforecast's names and a split column, then as a wide
/// table; an accepted panel must hold only finite values in consecutive years.
enum FuzzSeriesInput {
  static func run(_ bytes: [UInt8]) {
    let data = Data(bytes)
    let readings = [
      (ColumnMapping(), ReadOptions()),
      (ColumnMapping(series: "unique_id", year: "ds", value: "y", split: "split"), ReadOptions()),
      (ColumnMapping(), ReadOptions(layout: .wide)),
    ]
    for (columns, options) in readings {
      guard let panel = try? SeriesPanel.parse(data: data, source: "fuzz.csv", columns: columns, options: options) else { continue }
      for series in panel.series {
        invariant(!series.values.isEmpty && series.values.allSatisfy(\.isFinite), "series \(series.name) has a non-finite value")
        invariant(series.lastYear >= series.firstYear, "series \(series.name): years out of order")
        if let training = series.trainingCount { invariant((0...series.values.count).contains(training), "training count \(training)") }
      }
    }
  }
}
