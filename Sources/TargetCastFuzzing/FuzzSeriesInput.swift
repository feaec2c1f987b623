import Foundation
import TCData

/// A series CSV: read with the default columns, then with statsforecast's names and a split
/// column; an accepted panel must hold only finite values in consecutive years.
enum FuzzSeriesInput {
  static func run(_ bytes: [UInt8]) {
    let data = Data(bytes)
    let mappings = [
      ColumnMapping(),
      ColumnMapping(series: "unique_id", year: "ds", value: "y", split: "split"),
    ]
    for columns in mappings {
      guard let panel = try? SeriesPanel.parse(csvData: data, source: "fuzz.csv", columns: columns) else { continue }
      for series in panel.series {
        invariant(!series.values.isEmpty && series.values.allSatisfy(\.isFinite), "series \(series.name) has a non-finite value")
        invariant(series.lastYear >= series.firstYear, "series \(series.name): years out of order")
        if let training = series.trainingCount { invariant((0...series.values.count).contains(training), "training count \(training)") }
      }
    }
  }
}
