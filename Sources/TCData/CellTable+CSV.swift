import CSV
import Foundation

extension CellTable {
  /// Splits decoded delimited text into cells (RFC 4180 quoting; spaces around cells trimmed).
  ///
  /// The delimiter is a comma, or a tab or semicolon when the first non-blank line has no comma
  /// but has one of those (Excel's "Unicode text" export and some European CSV files). Row
  /// numbers count records from 1, so they match line numbers unless a quoted cell holds a line
  /// break.
  public static func delimited(_ text: String, source: String, notes: [String] = []) throws(DataError) -> CellTable {
    let delimiter = Self.delimiter(of: text)
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
    } catch {
      throw .malformed(file: source, reason: "cannot split the text into cells: \(error)")
    }
    var rows: [Row] = []
    var number = 0
    while let raw = reader.next() {
      number += 1
      rows.append(Row(number: number, cells: raw.map { field in
        let cell = trimmed(field)
        return cell.isEmpty ? .empty : .text(cell)
      }))
    }
    var allNotes = notes
    if delimiter != "," { allNotes.append("\(source): cells separated by \(delimiter == "\t" ? "tabs" : "semicolons")") }
    return CellTable(source: source, rows: rows, notes: allNotes)
  }

  private static func delimiter(of text: String) -> UnicodeScalar {
    let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
    if firstLine.contains(",") { return "," }
    if firstLine.contains("\t") { return "\t" }
    if firstLine.contains(";") { return ";" }
    return ","
  }
}

/// `text` without surrounding spaces and tabs; cheap when there are none (the usual case).
private func trimmed(_ text: String) -> String {
  guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
    CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
  else { return text }
  return text.trimmingCharacters(in: .whitespaces)
}
