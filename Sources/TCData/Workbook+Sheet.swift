import Foundation

extension Workbook {
  /// More cells than this (counting the empty ones before each row's last cell) is refused: a
  /// panel of yearly series is thousands of cells, and the bound keeps memory in check.
  static let cellLimit = 20_000_000

  /// The cells of a sheet, by the row numbers and column letters Excel shows.
  ///
  /// Shared strings, inline strings and formula results that are strings become `.text`;
  /// numbers become `.number`, or `.date` in a date-formatted cell; booleans and error values
  /// (`#N/A`) become their text, so a value cell holding one is reported as not a number.
  func table(of sheet: Sheet, source: String) throws(DataError) -> CellTable {
    var rows: [CellTable.Row] = []
    var cells: [Cell] = []
    var rowNumber = 0
    var column = -1
    var cellType = "", cellStyle: Int?, cellReference = ""
    var value = "", inlineText = ""
    var inValue = false, inInlineText = false, phonetic = 0
    var totalCells = 0
    var failure: DataError?

    func fail(_ error: DataError) { if failure == nil { failure = error } }

    func finishCell() {
      let cell: Cell
      switch cellType {
      case "s":
        guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
          return fail(.badWorkbook(file: self.source, part: sheet.path, reason: "cell \(cellReference) points to shared string '\(value)', which does not exist"))
        }
        cell = Self.textCell(sharedStrings[index])
      case "inlineStr": cell = Self.textCell(inlineText)
      case "str", "e", "d": cell = Self.textCell(value)
      case "b": cell = value == "1" ? .text("TRUE") : value == "0" ? .text("FALSE") : Self.textCell(value)
      default:
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { cell = .empty; break }
        guard let x = Double(trimmed) else {
          return fail(.badWorkbook(file: self.source, part: sheet.path, reason: "cell \(cellReference) holds '\(value)', which is not a number"))
        }
        cell = cellStyle.map { dateStyles.contains($0) } == true ? Self.date(serial: x, uses1904: uses1904Dates) : .number(x)
      }
      guard cell != .empty else { return }
      totalCells += max(0, column + 1 - cells.count)
      guard totalCells <= Self.cellLimit else { return fail(.malformed(file: source, reason: "the sheet has more than \(Self.cellLimit) cells")) }
      while cells.count <= column { cells.append(.empty) }
      cells[column] = cell
    }

    var events = XMLEvents()
    events.start = { element, attributes in
      guard failure == nil else { return }
      switch element {
      case "row":
        let next = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
        guard next > rowNumber, next <= 1_048_576 else {
          return fail(.badWorkbook(file: self.source, part: sheet.path, reason: "row number \(attributes["r"] ?? "") is out of order or beyond Excel's 1048576"))
        }
        rowNumber = next
        cells = []
        column = -1
      case "c":
        cellReference = attributes["r"] ?? ""
        if let reference = attributes["r"] {
          guard let index = ColumnLabel.index(letters: reference.prefix { $0.isLetter }), index <= 16_383 else {
            return fail(.badWorkbook(file: self.source, part: sheet.path, reason: "cell reference '\(reference)' is not a column letter and row number"))
          }
          column = index
        } else {
          column += 1
          cellReference = "\(ColumnLabel.letters(column))\(rowNumber)"
        }
        cellType = attributes["t"] ?? "n"
        cellStyle = attributes["s"].flatMap { Int($0) }
        value = ""
        inlineText = ""
      case "v": inValue = true
      case "t": inInlineText = phonetic == 0
      case "rPh": phonetic += 1
      default: break
      }
    }
    events.end = { element in
      guard failure == nil else { return }
      switch element {
      case "v": inValue = false
      case "t": inInlineText = false
      case "rPh": phonetic -= 1
      case "c": finishCell()
      case "row": rows.append(CellTable.Row(number: rowNumber, cells: cells))
      default: break
      }
    }
    events.text = { characters in
      if inValue { value += characters } else if inInlineText { inlineText += characters }
    }
    try parse(sheet.path, required: true, events)
    if let failure { throw failure }
    return CellTable(source: source, rows: rows)
  }

  private static func textCell(_ text: String) -> Cell {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? .empty : .text(trimmed)
  }

  /// The calendar date of an Excel serial number (its fraction is the time of day). In the 1900
  /// system serial 1 is 1900-01-01 and 60 is Excel's nonexistent 1900-02-29 (kept as such, so
  /// later serials give the dates Excel shows); in the 1904 system serial 0 is 1904-01-01.
  /// Serials outside Excel's range (up to 9999-12-31) stay numbers.
  static func date(serial: Double, uses1904: Bool) -> Cell {
    let day = serial.rounded(.down)
    guard day >= (uses1904 ? 0 : 1), day < 2_958_466 else { return .number(serial) }
    let days = Int(day)
    if !uses1904 && days < 61 {
      return days == 60 ? .date(year: 1900, month: 2, day: 29) : civil(daysSince1970: days - 25_568)
    }
    return civil(daysSince1970: days + (uses1904 ? -24_107 : -25_569))
  }

  /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
  private static func civil(daysSince1970 z0: Int) -> Cell {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return .date(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }
}
