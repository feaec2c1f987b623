/// One cell of a table read from a file, before it is given a meaning.
///
/// Delimited text gives only `.text`; a workbook also gives numbers and dates (numbers in a cell
/// formatted as a date), so a year column may hold `2019`, `"2019年"` or 2019-12-31 alike.
public enum Cell: Sendable, Equatable {
  case empty
  case text(String)
  case number(Double)
  /// A workbook date (an Excel serial number in a date-formatted cell), as a calendar date.
  case date(year: Int, month: Int, day: Int)

  /// The cell as it would read in the file, for messages (`2019-12-31` for a date).
  public var display: String {
    switch self {
    case .empty: return ""
    case .text(let text): return text
    case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    case let .date(year, month, day):
      return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
  }

  public var isEmpty: Bool { self == .empty }
}

/// A column of a table: its position and its header, as messages name it.
///
/// `description` is `column C ('营业收入')`: the letter a spreadsheet shows (also for CSV files,
/// which planners open in one) and the header text.
public struct ColumnLabel: Sendable, Equatable, CustomStringConvertible {
  /// Position from 0 (A).
  public var index: Int
  /// The header cell's text; empty when the column has no header.
  public var header: String

  public init(index: Int, header: String) {
    self.index = index
    self.header = header
  }

  /// `A`, …, `Z`, `AA`, …: the spreadsheet name of column `index` (from 0).
  public static func letters(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
      let digit = (n - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  /// The inverse of ``letters(_:)``; `nil` unless `text` is 1–3 letters A–Z.
  public static func index(letters text: Substring) -> Int? {
    guard (1...3).contains(text.count) else { return nil }
    var n = 0
    for scalar in text.unicodeScalars {
      guard scalar.isASCII, ("A"..."Z").contains(Character(scalar)) else { return nil }
      n = n * 26 + Int(scalar.value - 64)
    }
    return n - 1
  }

  public var description: String {
    header.isEmpty ? "column \(Self.letters(index))" : "column \(Self.letters(index)) ('\(header)')"
  }
}

/// A table read from a file: rows of cells with the row numbers the file shows.
///
/// Every source (delimited text in any encoding, a workbook sheet) becomes one of these, and
/// layout detection and panel construction read only this, so every source follows one set of
/// rules and names positions the same way.
public struct CellTable: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    /// The row number the file shows: the record number of a CSV file (from 1), a sheet's row.
    public var number: Int
    /// Cells by column position (A = 0); shorter rows are read as empty beyond their end.
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
      self.number = number
      self.cells = cells
    }

    /// The cell in column `index`, `.empty` beyond the row's end.
    public subscript(index: Int) -> Cell { index < cells.count ? cells[index] : .empty }

    /// Whether every cell is empty (such rows are skipped wherever they are).
    public var isBlank: Bool { cells.allSatisfy(\.isEmpty) }
  }

  /// The file (and sheet) the table came from, for messages.
  public var source: String
  /// The non-blank rows in file order.
  public var rows: [Row]
  /// Sentences about how the file was read (encoding detected, sheet chosen), for the user.
  public var notes: [String]

  public init(source: String, rows: [Row], notes: [String] = []) {
    self.source = source
    self.rows = rows.filter { !$0.isBlank }
    self.notes = notes
  }
}
