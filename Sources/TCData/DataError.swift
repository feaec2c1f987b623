/// Why a series file could not be turned into a panel: what was expected, and where.
///
/// Every case carries the file path; cases about one row carry the row number (the header is
/// row 1, so data rows start at 2 and match the line numbers of files without quoted line breaks)
/// and, when known, the series name. `description` is the message the CLI prints.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file does not exist or cannot be read.
  case unreadable(file: String, reason: String)
  /// The bytes are not UTF-8 text, or the file has no header row.
  case malformed(file: String, reason: String)
  /// A required column is absent from the header.
  case missingColumn(file: String, column: String, header: [String])
  /// A row has fewer cells than the header needs.
  case shortRow(file: String, row: Int, expected: Int, got: Int)
  /// The series cell is empty.
  case emptySeriesName(file: String, row: Int)
  /// A year cell is not a whole number.
  case badYear(file: String, row: Int, series: String, text: String)
  /// A value cell is not a number.
  case nonNumeric(file: String, row: Int, series: String, column: String, text: String)
  /// A value is NaN or infinite.
  case nonFinite(file: String, row: Int, series: String, text: String)
  /// The same year appears twice for a series.
  case duplicateYear(file: String, row: Int, series: String, year: Int, firstRow: Int)
  /// A year is smaller than the one before it for the same series (rows must be in time order).
  case nonIncreasingYear(file: String, row: Int, series: String, year: Int, previous: Int)
  /// Years are missing between two rows of a series (yearly series must be complete).
  case gap(file: String, row: Int, series: String, from: Int, to: Int)
  /// A series has fewer values than the smallest usable length.
  case tooShort(file: String, row: Int, series: String, count: Int, minimum: Int)
  /// The split column holds something other than the train/test labels, or a train row follows a test row.
  case badSplit(file: String, row: Int, series: String, reason: String)
  /// The file has a header but no data rows (or every series was skipped).
  case empty(file: String)

  public var description: String {
    switch self {
    case let .unreadable(file, reason):
      return "\(file): cannot read the file: \(reason)"
    case let .malformed(file, reason):
      return "\(file): \(reason)"
    case let .missingColumn(file, column, header):
      return "\(file): row 1: missing column '\(column)'; the header has \(header.map { "'\($0)'" }.joined(separator: ", ")) (map names with --series-column, --year-column, --value-column)"
    case let .shortRow(file, row, expected, got):
      return "\(file): row \(row): expected at least \(expected) cells, found \(got)"
    case let .emptySeriesName(file, row):
      return "\(file): row \(row): the series name is empty"
    case let .badYear(file, row, series, text):
      return "\(file): row \(row): series '\(series)': expected a whole-number year between -\(Series.yearLimit - 1) and \(Series.yearLimit - 1), found '\(text)'"
    case let .nonNumeric(file, row, series, column, text):
      return "\(file): row \(row): series '\(series)': expected a number in column '\(column)', found '\(text)'"
    case let .nonFinite(file, row, series, text):
      return "\(file): row \(row): series '\(series)': expected a finite number, found '\(text)'"
    case let .duplicateYear(file, row, series, year, firstRow):
      return "\(file): row \(row): series '\(series)': year \(year) appears twice (first on row \(firstRow))"
    case let .nonIncreasingYear(file, row, series, year, previous):
      return "\(file): row \(row): series '\(series)': year \(year) comes after \(previous); rows of a series must be in increasing year order"
    case let .gap(file, row, series, from, to):
      return "\(file): row \(row): series '\(series)': years \(from + 1)–\(to - 1) are missing (yearly series must have no gaps)"
    case let .tooShort(file, row, series, count, minimum):
      return "\(file): row \(row): series '\(series)': has \(count) value\(count == 1 ? "" : "s"), at least \(minimum) are needed (use --skip-short to leave such series out)"
    case let .badSplit(file, row, series, reason):
      return "\(file): row \(row): series '\(series)': \(reason)"
    case let .empty(file):
      return "\(file): no series to forecast"
    }
  }
}
