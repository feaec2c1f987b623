import Foundation

extension SeriesPanel {
  /// Reads a file of yearly series into a validated panel.
  ///
  /// One front end for every source: the bytes become a ``CellTable`` (an .xlsx workbook's
  /// sheet, or delimited text in UTF-8, UTF-16 with a byte-order mark or GB18030/GBK), whose
  /// layout and columns are then detected and read by ``build(from:columns:options:)``.
  ///
  /// ```swift
  /// let panel = try SeriesPanel.read(file: "产业.csv")                  // GBK, Chinese headers
  /// let sheet = try SeriesPanel.read(file: "yearbook.xlsx", options: ReadOptions(sheet: "产值"))
  /// ```
  ///
  /// - Throws: `DataError` naming the file, the row and the column of the first problem found.
  public static func read(
    file path: String, columns: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()
  ) throws(DataError) -> SeriesPanel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
      throw .unreadable(file: path, reason: reason)
    }
    return try parse(data: data, source: path, columns: columns, options: options)
  }

  /// Reads a file's bytes; `source` names them in messages. See ``read(file:columns:options:)``.
  public static func parse(
    data: Data, source: String, columns: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()
  ) throws(DataError) -> SeriesPanel {
    try build(from: CellTable.read(data: data, source: source, options: options), columns: columns, options: options)
  }
}

extension CellTable {
  /// The table in a file's bytes: a workbook's sheet (chosen by `options.sheet`) or delimited
  /// text (decoded as `options.encoding`, or detected).
  public static func read(data: Data, source: String, options: ReadOptions = ReadOptions()) throws(DataError) -> CellTable {
    if Workbook.isZip(data) {
      if options.encoding != nil {
        throw .malformed(file: source, reason: "an .xlsx workbook has no text encoding to choose; leave out --encoding")
      }
      let workbook = try Workbook(data: data, source: source)
      let sheet = try workbook.sheet(named: options.sheet)
      var table = try workbook.table(of: sheet, source: "\(source), sheet '\(sheet.name)'")
      if options.sheet == nil && workbook.sheets.count > 1 {
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        table.notes.append("\(source): read the first of \(workbook.sheets.count) sheets (\(names)); choose one with --sheet")
      }
      return table
    }
    if let kind = unsupportedKind(data) {
      throw .malformed(file: source, reason: "expected a CSV file or an .xlsx workbook, found \(kind)")
    }
    if options.sheet != nil {
      throw .malformed(file: source, reason: "--sheet applies to .xlsx workbooks; this file is text")
    }
    let decoded = try TextEncoding.decode(data, source: source, as: options.encoding)
    return try delimited(decoded.text, source: source, notes: decoded.note.map { [$0] } ?? [])
  }

  /// Formats a planner may pick by mistake, told apart by their first bytes.
  private static func unsupportedKind(_ data: Data) -> String? {
    let signatures: [([UInt8], String)] = [
      ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an Excel 97–2003 .xls workbook (save it as .xlsx or CSV)"),
      ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
    ]
    return signatures.first { data.starts(with: $0.0) }?.1
  }
}
