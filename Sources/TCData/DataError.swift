/// Why a series file could not be turned into a panel: what was expected, and where.
///
/// Every case carries the file path (with the sheet, for a workbook); cases about one row carry
/// the row number the file shows (a CSV file's header is row 1, so data rows start at 2 and
/// match line numbers unless a quoted cell holds a line break) and, about one cell, its column
/// (`column C ('value')`). `description` is the message the CLI prints.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file does not exist or cannot be read.
  case unreadable(file: String, reason: String)
  /// The file is not a table at all (no header row, an unsupported format).
  case malformed(file: String, reason: String)
  /// A byte does not fit the text encoding: its line and byte within the line (from 1).
  case badEncoding(file: String, line: Int, byte: Int, expected: String, found: [UInt8])
  /// An .xlsx file whose archive or parts cannot be read; `part` is the path inside the archive.
  case badWorkbook(file: String, part: String?, reason: String)
  /// `--sheet` names a sheet the workbook does not have.
  case noSuchSheet(file: String, sheet: String, sheets: [String])
  /// A column named on the command line is absent from the header.
  case missingColumn(file: String, row: Int, column: String, header: [String])
  /// No column could be found for a role, by its header or by its cells.
  case undetectedColumn(file: String, row: Int, role: ColumnRole, header: [String])
  /// Several columns could hold a role; one must be named.
  case ambiguousColumns(file: String, row: Int, role: ColumnRole, candidates: [ColumnLabel])
  /// The series cell is empty.
  case emptySeriesName(file: String, row: Int, column: ColumnLabel)
  /// A year cell is not a year.
  case badYear(file: String, row: Int, column: ColumnLabel, series: String, text: String)
  /// A value cell is not a number.
  case nonNumeric(file: String, row: Int, column: ColumnLabel, series: String, text: String)
  /// A value is NaN or infinite.
  case nonFinite(file: String, row: Int, column: ColumnLabel, series: String, text: String)
  /// The same year appears twice for a series (also two dates in one year).
  case duplicateYear(file: String, row: Int, series: String, year: Int, firstRow: Int)
  /// Two columns of a wide table have the same year in their header.
  case duplicateYearColumn(file: String, row: Int, year: Int, column: ColumnLabel, first: ColumnLabel)
  /// The same series has two rows in a wide table.
  case duplicateSeries(file: String, row: Int, series: String, firstRow: Int)
  /// A year is smaller than the one before it for the same series (rows must be in time order).
  case nonIncreasingYear(file: String, row: Int, series: String, year: Int, previous: Int)
  /// Years are missing between two rows of a series (yearly series must be complete).
  case gap(file: String, row: Int, series: String, from: Int, to: Int)
  /// An empty cell inside a series of a wide table (between years with values).
  case missingValue(file: String, row: Int, column: ColumnLabel, series: String, year: Int)
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
    case let .badEncoding(file, line, byte, expected, found):
      let hex = found.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(separator: " ")
      return "\(file): line \(line), byte \(byte): expected \(expected), found the bytes \(hex) (choose the encoding with --encoding \(TextEncoding.names.replacingOccurrences(of: ", ", with: "|")))"
    case let .badWorkbook(file, part, reason):
      return "\(file)\(part.map { " (\($0))" } ?? ""): cannot read the workbook: \(reason)"
    case let .noSuchSheet(file, sheet, sheets):
      return "\(file): no sheet named '\(sheet)'; the workbook has \(Self.quoted(sheets))"
    case let .missingColumn(file, row, column, header):
      return "\(file): row \(row): missing column '\(column)'; the header has \(Self.quoted(header))"
    case let .undetectedColumn(file, row, role, header):
      return "\(file): row \(row): expected a \(role) column: no header is \(Self.quoted(role.knownHeaders, joiner: " or ")) and no other column holds only \(Self.content(of: role)); the header has \(Self.quoted(header)) (name it with \(role.option))"
    case let .ambiguousColumns(file, row, role, candidates):
      return "\(file): row \(row): cannot tell which column holds the \(role): \(candidates.map(\.description).joined(separator: " or ")) (name it with \(role.option))"
    case let .emptySeriesName(file, row, column):
      return "\(file): row \(row), \(column): the series name is empty"
    case let .badYear(file, row, column, series, text):
      return "\(file): row \(row), \(column): series '\(series)': expected a year (2019, 2019年 or a date such as 2019-12-31; whole numbers between -\(Series.yearLimit - 1) and \(Series.yearLimit - 1)), found '\(text)'"
    case let .nonNumeric(file, row, column, series, text):
      return "\(file): row \(row), \(column): series '\(series)': expected a number, found '\(text)'"
    case let .nonFinite(file, row, column, series, text):
      return "\(file): row \(row), \(column): series '\(series)': expected a finite number, found '\(text)'"
    case let .duplicateYear(file, row, series, year, firstRow):
      return "\(file): row \(row): series '\(series)': year \(year) appears twice (first on row \(firstRow))"
    case let .duplicateYearColumn(file, row, year, column, first):
      return "\(file): row \(row), \(column): year \(year) has two columns (first \(first))"
    case let .duplicateSeries(file, row, series, firstRow):
      return "\(file): row \(row): series '\(series)' appears twice (first on row \(firstRow)); a wide table has one row per series"
    case let .nonIncreasingYear(file, row, series, year, previous):
      return "\(file): row \(row): series '\(series)': year \(year) comes after \(previous); rows of a series must be in increasing year order"
    case let .gap(file, row, series, from, to):
      let missing = to - from == 2 ? "year \(from + 1) is" : "years \(from + 1)–\(to - 1) are"
      return "\(file): row \(row): series '\(series)': \(missing) missing (yearly series must have no gaps)"
    case let .missingValue(file, row, column, series, year):
      return "\(file): row \(row), \(column): series '\(series)': expected a number for \(year), found an empty cell between years with values (yearly series must have no gaps)"
    case let .tooShort(file, row, series, count, minimum):
      return "\(file): row \(row): series '\(series)': has \(count) value\(count == 1 ? "" : "s"), at least \(minimum) are needed (use --skip-short to leave such series out)"
    case let .badSplit(file, row, series, reason):
      return "\(file): row \(row): series '\(series)': \(reason)"
    case let .empty(file):
      return "\(file): no series to forecast"
    }
  }

  private static func quoted(_ names: [String], joiner: String = ", ") -> String {
    names.map { "'\($0)'" }.joined(separator: joiner)
  }

  private static func content(of role: ColumnRole) -> String {
    switch role {
    case .series: return "text"
    case .year: return "years"
    case .value: return "numbers"
    }
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
