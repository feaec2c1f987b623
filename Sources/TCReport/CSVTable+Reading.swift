import Foundation

extension CSVTable {
  /// Reads CSV text written by `text(byteOrderMark:)` (RFC 4180 quoting; `\n` or `\r\n` line
  /// ends; an optional UTF-8 byte-order mark).
  ///
  /// - Throws: `OutputError` naming `file` and the line when a row has the wrong number of
  ///   fields or a quoted field is not closed.
  public static func parse(_ text: String, file: String) throws(OutputError) -> CSVTable {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var line = 1
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" && field.isEmpty {
        inQuotes = true
      } else if c == "," {
        record.append(field)
        field = ""
      } else if c == "\n" || c == "\r" {
        if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        record.append(field)
        records.append(record)
        record = []
        field = ""
        line += 1
      } else {
        field.unicodeScalars.append(c)
      }
      i += 1
    }
    if inQuotes { throw OutputError(path: file, message: "line \(line): a quoted field is not closed") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    guard let header = records.first else { throw OutputError(path: file, message: "the file is empty; expected a header row") }
    var table = CSVTable(header: header)
    for (index, row) in records.dropFirst().enumerated() {
      guard row.count == header.count else {
        throw OutputError(path: file, message: "line \(index + 2): expected \(header.count) fields like the header, found \(row.count)")
      }
      table.append(row)
    }
    return table
  }

  /// Reads a CSV file (see `parse(_:file:)`).
  public static func read(path: String) throws(OutputError) -> CSVTable {
    let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    guard size <= maximumBytes else {
      throw OutputError(path: path, message: "\(size) bytes, more than the \(maximumBytes) bytes a run's table can have")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw OutputError(path: path, message: "file not found or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw OutputError(path: path, message: "the file is not valid UTF-8 text")
    }
    return try parse(text, file: path)
  }

  /// Largest table file read back (`compare`, `merge`): far above any run's output.
  public static let maximumBytes = 1 << 30

  /// The number in row `row` (0-based, after the header) of column `column`, checked finite and
  /// within `range`; the error names the file, line and column.
  public func number(row: Int, column: Int, file: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(OutputError) -> Double {
    let text = rows[row][column]
    guard let value = Double(text), value.isFinite, range.contains(value) else {
      let bounds = range.lowerBound == -Double.greatestFiniteMagnitude ? "a finite number" : "a number from \(range.lowerBound) to \(range.upperBound)"
      throw OutputError(path: file, message: "line \(row + 2): expected \(bounds) in column \(header[column]), found '\(text)'")
    }
    return value
  }

  /// The index of column `name`, or an error naming the file and the columns it has.
  public func column(_ name: String, file: String) throws(OutputError) -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw OutputError(path: file, message: "expected a column '\(name)'; found \(header.joined(separator: ", "))")
    }
    return index
  }
}
