import Foundation

/// Where the series are in a table: its header row, its layout and which column holds what.
///
/// Found once per table, from the options first, then the header's names, then the cells, so
/// that a CSV file in any encoding and a workbook sheet are read by the same rules.
struct DetectedLayout {
  enum Columns {
    /// One row per series and year; no series column means one series, named after the value column.
    case long(series: Int?, year: Int, value: Int, split: Int?)
    /// One row per series; `years` are the year columns in increasing year order.
    case wide(series: Int, years: [(year: Int, column: Int)])
  }

  let source: String
  let headerRow: CellTable.Row
  let dataRows: ArraySlice<CellTable.Row>
  /// The header cells' text by column.
  let header: [String]
  private(set) var columns: Columns = .long(series: nil, year: 0, value: 0, split: nil)
  /// Sentences about what was detected, for the panel's notes.
  private(set) var notes: [String] = []

  func label(_ column: Int) -> ColumnLabel { ColumnLabel(index: column, header: column < header.count ? header[column] : "") }

  init(table: CellTable, mapping: ColumnMapping, options: ReadOptions) throws(DataError) {
    source = table.source
    // The header is the first row naming at least two columns; single cells above it are titles
    // (a yearbook sheet often starts with one).
    guard let headerIndex = table.rows.firstIndex(where: { $0.cells.count(where: { !$0.isEmpty }) >= 2 }) else {
      guard let row = table.rows.first else { throw .malformed(file: source, reason: "no header row") }
      throw .malformed(
        file: source,
        reason: "row \(row.number): expected a header row naming at least two columns (series, year, value), found '\(row.cells.first { !$0.isEmpty }?.display ?? "")'")
    }
    headerRow = table.rows[headerIndex]
    dataRows = table.rows[(headerIndex + 1)...]
    header = headerRow.cells.map(\.display)
    for title in table.rows[..<headerIndex] {
      notes.append("\(source): row \(title.number) taken as a title: '\(title.cells.first { !$0.isEmpty }?.display ?? "")'")
    }

    let isWide: Bool
    switch options.layout {
    case .wide?: isWide = true
    case .long?: isWide = false
    case nil:
      isWide = mapping.year == nil && mapping.value == nil && mapping.split == nil && knownColumn(.year, excluding: []) == nil
        && header.indices.count(where: { headerRow[$0].year?.looksLikeYear == true }) >= 2
    }
    if isWide {
      try detectWide(mapping: mapping, forced: options.layout == .wide)
    } else {
      try detectLong(mapping: mapping)
    }
  }

  // MARK: - Long

  private mutating func detectLong(mapping: ColumnMapping) throws(DataError) {
    var used: Set<Int> = []
    var found: [ColumnRole: Int] = [:]
    for role in ColumnRole.allCases {
      if let name = mapping[role] {
        found[role] = try namedColumn(name)
      } else {
        found[role] = knownColumn(role, excluding: used)
      }
      if let column = found[role] { used.insert(column) }
    }
    let split = try mapping.split.map { name throws(DataError) in try namedColumn(name) }
    if let split { used.insert(split) }

    let unused = header.indices.filter { !used.contains($0) && !ColumnRole.ignoredHeaders.contains(normalized(header[$0])) }
    let contents = Dictionary(uniqueKeysWithValues: unused.map { ($0, content(of: $0)) })
    let candidates = unused.filter { contents[$0]!.filled > 0 }

    if found[.year] == nil {
      let years = candidates.filter { contents[$0]!.isYears }
      let marked = years.filter { contents[$0]!.isMarkedYears }
      found[.year] = try onlyCandidate(years.count > 1 && marked.count == 1 ? marked : years, for: .year)
    }
    if found[.value] == nil {
      found[.value] = try onlyCandidate(candidates.filter { $0 != found[.year] && contents[$0]!.isNumbers }, for: .value)
    }
    if found[.series] == nil {
      let texts = candidates.filter { $0 != found[.year] && $0 != found[.value] && !contents[$0]!.isNumbers }
      found[.series] = texts.isEmpty ? nil : try onlyCandidate(texts, for: .series)
    }
    // Worth a note unless every column was named or has its default name.
    let detected = ColumnRole.allCases.contains { role in
      mapping[role] == nil && found[role].map { header[$0] != role.rawValue } ?? true
    }

    let year = found[.year]!, value = found[.value]!
    columns = .long(series: found[.series], year: year, value: value, split: split)
    if detected {
      let series = found[.series].map { "series = \(label($0))" } ?? "one series, named '\(seriesName(valueColumn: value))'"
      notes.append("\(source): read as a long table: \(series), year = \(label(year)), value = \(label(value))")
    }
  }

  /// The name of the one series of a file without a series column: the value column's header.
  func seriesName(valueColumn: Int) -> String {
    let name = header[valueColumn]
    return name.isEmpty ? "value" : name
  }

  // MARK: - Wide

  private mutating func detectWide(mapping: ColumnMapping, forced: Bool) throws(DataError) {
    if let split = mapping.split {
      throw .malformed(file: source, reason: "row \(headerRow.number): the split column '\(split)' needs a long table (one row per series and year)")
    }
    let named = try mapping.series.map { name throws(DataError) in try namedColumn(name) }
    var years: [(year: Int, column: Int)] = []
    for column in header.indices where column != named {
      guard let reading = headerRow[column].year, forced || reading.looksLikeYear else { continue }
      years.append((reading.year, column))
    }
    guard !years.isEmpty else {
      throw .malformed(file: source, reason: "row \(headerRow.number): expected column headers that are years (2015, 2015年) for a wide table, found none")
    }
    years.sort { $0.year < $1.year || ($0.year == $1.year && $0.column < $1.column) }
    for (a, b) in zip(years, years.dropFirst()) where a.year == b.year {
      throw .duplicateYearColumn(file: source, row: headerRow.number, year: a.year, column: label(b.column), first: label(a.column))
    }
    let yearColumns = Set(years.map(\.column))
    let series: Int
    if let named {
      series = named
    } else if let known = knownColumn(.series, excluding: yearColumns) {
      series = known
    } else {
      let texts = header.indices.filter {
        !yearColumns.contains($0) && !ColumnRole.ignoredHeaders.contains(normalized(header[$0]))
          && content(of: $0).filled > 0 && !content(of: $0).isNumbers
      }
      series = try onlyCandidate(texts, for: .series)
    }
    columns = .wide(series: series, years: years)
    if !forced {
      notes.append(
        "\(source): read as a wide table (its headers are years): one row per series, series = \(label(series)), years \(years.first!.year)–\(years.last!.year) in \(years.count) columns (name --year-column to read it as a long table)")
    }
  }

  // MARK: - Columns

  /// The one column that can hold `role`; none or several is an error asking for its option.
  private func onlyCandidate(_ columns: [Int], for role: ColumnRole) throws(DataError) -> Int {
    guard columns.count == 1 else {
      if columns.isEmpty { throw .undetectedColumn(file: source, row: headerRow.number, role: role, header: header) }
      throw .ambiguousColumns(file: source, row: headerRow.number, role: role, candidates: columns.map(label))
    }
    return columns[0]
  }

  private func normalized(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).lowercased()
  }

  /// The column named `name`: exactly, else ignoring case and surrounding spaces.
  private func namedColumn(_ name: String) throws(DataError) -> Int {
    if let column = header.firstIndex(of: name) ?? header.firstIndex(where: { normalized($0) == normalized(name) }) {
      return column
    }
    throw .missingColumn(file: source, row: headerRow.number, column: name, header: header)
  }

  /// The first column whose header is one of the role's known names, in the order they are listed.
  private func knownColumn(_ role: ColumnRole, excluding used: Set<Int>) -> Int? {
    for name in role.knownHeaders {
      if let column = header.indices.first(where: { !used.contains($0) && normalized(header[$0]) == name }) { return column }
    }
    return nil
  }

  private struct Content {
    var filled = 0, years = 0, markedYears = 0, numbers = 0
    var isYears: Bool { filled > 0 && years == filled }
    var isMarkedYears: Bool { filled > 0 && markedYears == filled }
    var isNumbers: Bool { filled > 0 && numbers == filled }
  }

  private func content(of column: Int) -> Content {
    var content = Content()
    for row in dataRows {
      let cell = row[column]
      guard !cell.isEmpty else { continue }
      content.filled += 1
      if let year = cell.year, year.looksLikeYear {
        content.years += 1
        if year.isMarked { content.markedYears += 1 }
      }
      if let x = cell.number, x.isFinite { content.numbers += 1 }
    }
    return content
  }
}
