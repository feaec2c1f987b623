/// Where a `DataError` points, for machine-readable error reports (`--format json`).
extension DataError {
  /// The file (with the sheet, for a workbook).
  public var file: String {
    switch self {
    case let .unreadable(file, _), let .malformed(file, _), let .badEncoding(file, _, _, _, _), let .badWorkbook(file, _, _),
      let .noSuchSheet(file, _, _), let .missingColumn(file, _, _, _), let .undetectedColumn(file, _, _, _),
      let .ambiguousColumns(file, _, _, _), let .emptySeriesName(file, _, _), let .badYear(file, _, _, _, _),
      let .nonNumeric(file, _, _, _, _), let .nonFinite(file, _, _, _, _), let .duplicateYear(file, _, _, _, _),
      let .duplicateYearColumn(file, _, _, _, _), let .duplicateSeries(file, _, _, _), let .nonIncreasingYear(file, _, _, _, _),
      let .gap(file, _, _, _, _), let .missingValue(file, _, _, _, _), let .tooShort(file, _, _, _, _),
      let .badSplit(file, _, _, _), let .empty(file):
      return file
    }
  }

  /// The row the file shows (a text file's line for an encoding error), when the error is about one.
  public var row: Int? {
    switch self {
    case let .badEncoding(_, line, _, _, _): return line
    case let .missingColumn(_, row, _, _), let .undetectedColumn(_, row, _, _), let .ambiguousColumns(_, row, _, _),
      let .emptySeriesName(_, row, _), let .badYear(_, row, _, _, _), let .nonNumeric(_, row, _, _, _),
      let .nonFinite(_, row, _, _, _), let .duplicateYear(_, row, _, _, _), let .duplicateYearColumn(_, row, _, _, _),
      let .duplicateSeries(_, row, _, _), let .nonIncreasingYear(_, row, _, _, _), let .gap(_, row, _, _, _),
      let .missingValue(_, row, _, _, _), let .tooShort(_, row, _, _, _), let .badSplit(_, row, _, _):
      return row
    case .unreadable, .malformed, .badWorkbook, .noSuchSheet, .empty:
      return nil
    }
  }

  /// The cell's column as a spreadsheet letter (`C`), when the error is about one cell.
  public var column: String? {
    switch self {
    case let .emptySeriesName(_, _, column), let .badYear(_, _, column, _, _), let .nonNumeric(_, _, column, _, _),
      let .nonFinite(_, _, column, _, _), let .duplicateYearColumn(_, _, _, column, _), let .missingValue(_, _, column, _, _):
      return ColumnLabel.letters(column.index)
    default:
      return nil
    }
  }
}
