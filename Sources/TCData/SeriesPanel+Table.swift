extension SeriesPanel {
  /// Turns a table into a validated panel: finds its header row, layout and columns (see
  /// ``ColumnMapping`` and ``ReadOptions/layout``), then reads and checks every row.
  ///
  /// Long tables may interleave the rows of different series; within a series, years must
  /// increase by exactly one from row to row. Wide tables have one row per series; empty cells
  /// before a series' first or after its last value are years it lacks, an empty cell between
  /// values is an error.
  ///
  /// - Throws: `DataError` naming the file, the row, the column and the series of the first
  ///   problem found.
  public static func build(
    from table: CellTable, columns mapping: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()
  ) throws(DataError) -> SeriesPanel {
    let layout = try DetectedLayout(table: table, mapping: mapping, options: options)
    var builder = PanelBuilder(source: table.source, hasSplit: false)
    switch layout.columns {
    case let .long(series, year, value, split):
      builder = PanelBuilder(source: table.source, hasSplit: split != nil)
      for row in layout.dataRows {
        let name = try seriesName(row, series, layout) ?? layout.seriesName(valueColumn: value)
        guard let reading = row[year].year else {
          throw .badYear(file: table.source, row: row.number, column: layout.label(year), series: name, text: row[year].display)
        }
        let x = try number(row, value, name, layout)
        let isTest = try split.map { column throws(DataError) in try splitLabel(row, column, name, layout) } ?? false
        try builder.add(name: name, year: reading.year, value: x, row: row.number, isTest: isTest)
      }
    case let .wide(series, years):
      var firstRow: [String: Int] = [:]
      for row in layout.dataRows {
        let name = try seriesName(row, series, layout)!
        if let first = firstRow[name] {
          throw .duplicateSeries(file: table.source, row: row.number, series: name, firstRow: first)
        }
        firstRow[name] = row.number
        builder.add(try wideSeries(row, name, years, layout))
      }
    }
    return try builder.finish(options: options, notes: table.notes + layout.notes)
  }

  /// The series cell's text; `nil` when there is no series column.
  private static func seriesName(_ row: CellTable.Row, _ column: Int?, _ layout: DetectedLayout) throws(DataError) -> String? {
    guard let column else { return nil }
    let cell = row[column]
    guard !cell.isEmpty else { throw .emptySeriesName(file: layout.source, row: row.number, column: layout.label(column)) }
    return cell.display
  }

  private static func number(_ row: CellTable.Row, _ column: Int, _ name: String, _ layout: DetectedLayout) throws(DataError) -> Double {
    let cell = row[column]
    guard let x = cell.number else {
      throw .nonNumeric(file: layout.source, row: row.number, column: layout.label(column), series: name, text: cell.display)
    }
    guard x.isFinite else {
      throw .nonFinite(file: layout.source, row: row.number, column: layout.label(column), series: name, text: cell.display)
    }
    return x
  }

  /// `true` for a test row.
  private static func splitLabel(_ row: CellTable.Row, _ column: Int, _ name: String, _ layout: DetectedLayout) throws(DataError) -> Bool {
    let text = row[column].display
    switch text.lowercased() {
    case "train": return false
    case "test": return true
    default:
      throw .badSplit(
        file: layout.source, row: row.number, series: name,
        reason: "expected 'train' or 'test' in \(layout.label(column)), found '\(text)'")
    }
  }

  /// One row of a wide table: the values from the first filled year column to the last.
  private static func wideSeries(
    _ row: CellTable.Row, _ name: String, _ years: [(year: Int, column: Int)], _ layout: DetectedLayout
  ) throws(DataError) -> Series {
    let filled = years.filter { !row[$0.column].isEmpty }
    guard let first = filled.first, let last = filled.last else {
      return Series(name: name, firstYear: years[0].year, values: [], firstRow: row.number)
    }
    var values: [Double] = []
    var previous = first
    for entry in years where entry.year >= first.year && entry.year <= last.year {
      guard !row[entry.column].isEmpty else {
        throw .missingValue(file: layout.source, row: row.number, column: layout.label(entry.column), series: name, year: entry.year)
      }
      // A year the header lacks between two filled columns (2015, 2016, 2018).
      if entry.year > previous.year + 1 {
        throw .gap(file: layout.source, row: row.number, series: name, from: previous.year, to: entry.year)
      }
      values.append(try number(row, entry.column, name, layout))
      previous = entry
    }
    return Series(name: name, firstYear: first.year, values: values, firstRow: row.number)
  }
}

/// Accumulates values into series while checking them; one per file.
private struct PanelBuilder {
  let source: String
  let hasSplit: Bool

  struct Pending {
    var series: Series
    var rowOfYear: [Int: Int]
    var sawTest = false
  }
  var order: [String] = []
  var pending: [String: Pending] = [:]

  /// A whole series (a wide table's row); the caller has checked that its name is new.
  mutating func add(_ series: Series) {
    order.append(series.name)
    pending[series.name] = Pending(series: series, rowOfYear: [:])
  }

  /// One value of a long table.
  mutating func add(name: String, year: Int, value: Double, row: Int, isTest: Bool) throws(DataError) {
    guard var entry = pending[name] else {
      order.append(name)
      var series = Series(name: name, firstYear: year, values: [value], firstRow: row)
      if hasSplit { series.trainingCount = isTest ? 0 : 1 }
      pending[name] = Pending(series: series, rowOfYear: [year: row], sawTest: isTest)
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
    if hasSplit {
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
    pending[name] = entry
  }

  func finish(options: ReadOptions, notes: [String]) throws(DataError) -> SeriesPanel {
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
    return SeriesPanel(series: kept, source: source, skipped: skipped, notes: notes)
  }
}
