import CSV
import Foundation

/// Which columns of a long CSV hold the series name, the year and the value.
///
/// Extra columns are ignored. Defaults are `series, year, value`; statsforecast-style files use
/// `ColumnMapping(series: "unique_id", year: "ds", value: "y")`.
public struct ColumnMapping: Sendable, Equatable {
  public var series: String
  public var year: String
  public var value: String
  /// Optional column marking each row `train` or `test` (a given train/test split).
  public var split: String?

  public init(series: String = "series", year: String = "year", value: String = "value", split: String? = nil) {
    self.series = series
    self.year = year
    self.value = value
    self.split = split
  }
}

/// How strictly a file is read.
public struct ReadOptions: Sendable, Equatable {
  /// Shortest usable series. Three values is the least that leaves two yearly changes, which the
  /// calibrated intervals need to scale errors.
  public var minimumLength: Int = 3
  /// Leave out too-short series (listed in `SeriesPanel.skipped`) instead of failing.
  ///
  /// Failing is the default because a planner who asks for a forecast of a series should not get
  /// a file silently missing it.
  public var skipShort: Bool = false

  public init(minimumLength: Int = 3, skipShort: Bool = false) {
    self.minimumLength = minimumLength
    self.skipShort = skipShort
  }
}

extension SeriesPanel {
  /// Reads a long CSV file (one row per series and year) into a validated panel.
  ///
  /// The file is UTF-8, optionally with a byte-order mark. Rows of different series may be
  /// interleaved; within a series, years must increase by exactly one from row to row.
  ///
  /// - Throws: `DataError` naming the file, the row and the series of the first problem found.
  public static func read(
    csvFile path: String, columns: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()
  ) throws(DataError) -> SeriesPanel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
      throw .unreadable(file: path, reason: reason)
    }
    return try parse(csvData: data, source: path, columns: columns, options: options)
  }

  /// Parses CSV bytes; `source` names them in messages. See `read(csvFile:columns:options:)`.
  public static func parse(
    csvData data: Data, source: String, columns: ColumnMapping = ColumnMapping(),
    options: ReadOptions = ReadOptions()
  ) throws(DataError) -> SeriesPanel {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: bytes, encoding: .utf8) else {
      throw .malformed(file: source, reason: "the file is not UTF-8 text")
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
    } catch {
      throw .malformed(file: source, reason: "no header row")
    }
    guard let header = reader.headerRow.map({ $0.map(trimmed) }), !(header.count == 1 && header[0].isEmpty) else {
      throw .malformed(file: source, reason: "no header row")
    }
    var builder = PanelBuilder(source: source, header: header, columns: columns)
    try builder.locateColumns()
    var row = 1
    while let raw = reader.next() {
      row += 1
      let cells = raw.map(trimmed)
      if cells.allSatisfy(\.isEmpty) { continue }
      try builder.add(cells, row: row)
    }
    return try builder.finish(options: options)
  }
}

/// `text` without surrounding spaces and tabs; cheap when there are none (the usual case).
private func trimmed(_ text: String) -> String {
  guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
    CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
  else { return text }
  return text.trimmingCharacters(in: .whitespaces)
}

/// Accumulates rows into series while checking them; one per file.
private struct PanelBuilder {
  let source: String
  let header: [String]
  let columns: ColumnMapping
  var seriesIndex = 0, yearIndex = 0, valueIndex = 0
  var splitIndex: Int?

  struct Pending {
    var series: Series
    var lastRow: Int
    var rowOfYear: [Int: Int]
    var sawTest = false
  }
  var order: [String] = []
  var pending: [String: Pending] = [:]

  init(source: String, header: [String], columns: ColumnMapping) {
    self.source = source
    self.header = header
    self.columns = columns
  }

  mutating func locateColumns() throws(DataError) {
    func index(_ name: String) throws(DataError) -> Int {
      guard let i = header.firstIndex(of: name) else {
        throw .missingColumn(file: source, column: name, header: header)
      }
      return i
    }
    seriesIndex = try index(columns.series)
    yearIndex = try index(columns.year)
    valueIndex = try index(columns.value)
    if let split = columns.split { splitIndex = try index(split) }
  }

  mutating func add(_ cells: [String], row: Int) throws(DataError) {
    let needed = max(seriesIndex, yearIndex, valueIndex, splitIndex ?? 0) + 1
    guard cells.count >= needed else { throw .shortRow(file: source, row: row, expected: needed, got: cells.count) }
    let name = cells[seriesIndex]
    guard !name.isEmpty else { throw .emptySeriesName(file: source, row: row) }
    let yearText = cells[yearIndex]
    guard let year = Self.wholeNumber(yearText) else {
      throw .badYear(file: source, row: row, series: name, text: yearText)
    }
    let valueText = cells[valueIndex]
    guard let value = Double(valueText) else {
      throw .nonNumeric(file: source, row: row, series: name, column: columns.value, text: valueText)
    }
    guard value.isFinite else { throw .nonFinite(file: source, row: row, series: name, text: valueText) }
    let isTest = try splitLabel(cells, row: row, series: name)

    guard var entry = pending[name] else {
      order.append(name)
      var series = Series(name: name, firstYear: year, values: [value], firstRow: row)
      if splitIndex != nil { series.trainingCount = isTest ? 0 : 1 }
      pending[name] = Pending(series: series, lastRow: row, rowOfYear: [year: row], sawTest: isTest)
      return
    }
    let previous = entry.series.lastYear
    if let first = entry.rowOfYear[year] {
      throw .duplicateYear(file: source, row: row, series: name, year: year, firstRow: first)
    }
    if year < previous {
      throw .nonIncreasingYear(file: source, row: row, series: name, year: year, previous: previous)
    }
    if year > previous + 1 { throw .gap(file: source, row: row, series: name, from: previous, to: year) }
    if splitIndex != nil {
      if isTest {
        entry.sawTest = true
      } else if entry.sawTest {
        throw .badSplit(file: source, row: row, series: name, reason: "a train row follows a test row")
      } else {
        entry.series.trainingCount! += 1
      }
    }
    entry.series.values.append(value)
    entry.rowOfYear[year] = row
    entry.lastRow = row
    pending[name] = entry
  }

  /// `true` for a test row; only called when there is a split column.
  private func splitLabel(_ cells: [String], row: Int, series: String) throws(DataError) -> Bool {
    guard let splitIndex else { return false }
    switch cells[splitIndex].lowercased() {
    case "train": return false
    case "test": return true
    default:
      throw .badSplit(
        file: source, row: row, series: series,
        reason: "expected 'train' or 'test' in column '\(columns.split ?? "")', found '\(cells[splitIndex])'")
    }
  }

  func finish(options: ReadOptions) throws(DataError) -> SeriesPanel {
    var kept: [Series] = []
    var skipped: [(name: String, reason: String)] = []
    for name in order {
      guard let entry = pending[name] else { continue }
      let usable = entry.series.trainingCount ?? entry.series.values.count
      if usable < options.minimumLength {
        let error = DataError.tooShort(
          file: source, row: entry.series.firstRow, series: name, count: usable, minimum: options.minimumLength)
        guard options.skipShort else { throw error }
        skipped.append((name, "has \(usable) value\(usable == 1 ? "" : "s"), at least \(options.minimumLength) are needed"))
        continue
      }
      kept.append(entry.series)
    }
    guard !kept.isEmpty else { throw .empty(file: source) }
    return SeriesPanel(series: kept, source: source, skipped: skipped)
  }

  /// A whole number of size below ``Series/yearLimit``, also written as `2001.0`; `nil` for anything else.
  static func wholeNumber(_ text: String) -> Int? {
    let yearLimit = Series.yearLimit
    if let n = Int(text) { return n > -yearLimit && n < yearLimit ? n : nil }
    guard let x = Double(text), x.isFinite, x == x.rounded(), abs(x) < Double(yearLimit) else { return nil }
    return Int(x)
  }
}
