import Foundation
@testable import TCData
import Testing

/// The path of `Fixtures/<name>` (written by Fixtures/make_fixtures.py).
private func fixture(_ name: String) throws -> String {
  try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)).path
}

private func parse(_ bytes: [UInt8], columns: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()) throws(DataError) -> SeriesPanel {
  try SeriesPanel.parse(data: Data(bytes), source: "in.csv", columns: columns, options: options)
}

private func parse(_ text: String, columns: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()) throws(DataError) -> SeriesPanel {
  try parse(Array(text.utf8), columns: columns, options: options)
}

/// The values of make_fixtures.py's INDUSTRIES, 2012–2019.
private let industries: [(String, [Double])] = [
  ("电子信息", [5200, 6100, 7050, 8200, 9300, 10500, 11800, 14000]),
  ("医疗健康", [2600, 3000, 3450, 4000, 4600, 5200, 5833.3, 7000]),
  ("新材料", [620, 700, 770, 840, 900, 960, 1000, 1110]),
]

// MARK: - Fixtures: each loads to the expected panel

@Test func gbkCSVWithChineseHeadersAndThousandsSeparatorsLoads() throws {
  let path = try fixture("industries-gbk.csv")
  let panel = try SeriesPanel.read(file: path)
  #expect(panel.series.map(\.name) == industries.map(\.0))
  for (series, (_, values)) in zip(panel.series, industries) {
    #expect(series.firstYear == 2012)
    #expect(series.values == values)
  }
  #expect(panel.series[1].firstRow == 10)
  #expect(panel.notes.contains { $0.contains("not UTF-8; read as GB18030/GBK") })
  #expect(panel.notes.contains { $0.contains("series = column A ('产业'), year = column B ('年份'), value = column C ('营业收入')") })
  // Forcing the encoding gives the same series, without the detection note.
  let forced = try SeriesPanel.read(file: path, options: ReadOptions(encoding: .gbk))
  #expect(forced.series == panel.series)
  #expect(!forced.notes.contains { $0.contains("GB18030") })
}

@Test func wideYearbookCSVLoads() throws {
  let panel = try SeriesPanel.read(file: try fixture("yearbook-wide.csv"))
  #expect(panel.series.map(\.name) == ["城关区", "东湖县", "西山县"])
  #expect(panel.series[0] == Series(name: "城关区", firstYear: 2016, values: [88.5, 93.1, 99.0, 104.2, 110.9], firstRow: 3))
  #expect(panel.series[1].firstYear == 2015 && panel.series[1].values == [41.2, 43.0, 45.6, 47.9, 50.1, 53.3])
  #expect(panel.series[2].values == [1203.4, 1254.0, 1310.7, 1371.5, 1420.0, 1502.6])
  #expect(panel.notes.contains { $0.contains("row 1 taken as a title: '表 3-1 各县（区）地区生产总值'") })
  #expect(panel.notes.contains { $0.contains("read as a wide table") && $0.contains("years 2015–2020 in 6 columns") })
}

@Test func workbookSheetsLoadLongWithDatesAndWide() throws {
  let path = try fixture("workbook.xlsx")
  let long = try SeriesPanel.read(file: path)
  #expect(long.source == "\(path), sheet 'long'")
  #expect(long.series.map(\.name) == industries.map(\.0))
  #expect(long.series.allSatisfy { $0.firstYear == 2012 && $0.values.count == 8 })
  #expect(long.series[0].values == industries[0].1)
  #expect(long.series[2].values.last == 1234.5)
  #expect(long.notes.contains { $0.contains("read the first of 2 sheets ('long', '产值')") })

  let wide = try SeriesPanel.read(file: path, options: ReadOptions(sheet: "产值"))
  #expect(wide.series.map(\.name) == ["城关区", "东湖县", "西山县"])
  #expect(wide.series[0].firstYear == 2016 && wide.series[0].values == [88.5, 93.1, 99.0, 104.2])
  #expect(wide.series[2].values == [1203.4, 1254.0, 1310.7, 1371.5, 1420.0])

  #expect(throws: DataError.noSuchSheet(file: path, sheet: "Sheet1", sheets: ["long", "产值"])) {
    try SeriesPanel.read(file: path, options: ReadOptions(sheet: "Sheet1"))
  }
}

// MARK: - Errors name the row and the column

@Test func encodingErrorsNameLineAndByte() throws {
  let path = try fixture("industries-gbk.csv")
  // 产 is B2 FA in GBK; B2 cannot start a UTF-8 sequence.
  let forced = #expect(throws: DataError.self) { try SeriesPanel.read(file: path, options: ReadOptions(encoding: .utf8)) }
  #expect(forced?.description.hasPrefix("\(path): line 1, byte 1: expected UTF-8 text, found the bytes B2 FA") == true)
  // FF is neither UTF-8 nor GB18030: reported where UTF-8 breaks, on line 3.
  let both = #expect(throws: DataError.self) { try parse(Array("series,year,value\na,2019,1\na,".utf8) + [0xFF, 0x0A]) }
  #expect(both?.description.contains("in.csv: line 3, byte 3: expected UTF-8 or GB18030/GBK text") == true)
  // A UTF-8 file with a stray byte is not read as GB18030 (which might make nonsense of it).
  let stray = Array("产业,年份,营业收入\n电子,2019年,1".utf8) + [0xB2, 0xFA, 0x0A]
  #expect(throws: DataError.badEncoding(
    file: "in.csv", line: 2, byte: 17, expected: "UTF-8 text (the text before it is UTF-8)", found: [0xB2, 0xFA, 0x0A])) {
    try parse(stray)
  }
  // A four-byte GB18030 sequence is not GBK.
  #expect(throws: DataError.badEncoding(file: "in.csv", line: 1, byte: 2, expected: "GBK text", found: [0x81, 0x30])) {
    try parse([0x61, 0x81, 0x30, 0x81, 0x30, 0x0A], options: ReadOptions(encoding: .gbk))
  }
}

@Test func nonNumberValueCellsNameRowAndColumn() throws {
  let gbk = Array("产业,年份,营业收入\n电子,2017年,\"5,200\"\n电子,2018年,5千\n".data(using: String.Encoding(rawValue: 0x8000_0632))!)
  let error = #expect(throws: DataError.self) { try parse(gbk) }
  #expect(error?.description == "in.csv: row 3, column C ('营业收入'): series '电子': expected a number, found '5千'")

  let path = try fixture("workbook-bad-value.xlsx")
  let sheet = #expect(throws: DataError.self) { try SeriesPanel.read(file: path) }
  #expect(sheet?.description == "\(path), sheet 'long': row 4, column C ('y'): series '电子信息': expected a number, found 'n/a'")
}

@Test func twoDatesInOneYearNameBothRows() {
  let text = "unique_id,ds,y\na,2017-12-31,1\na,2018-01-01,2\na,2018-12-31,3\n"
  #expect(throws: DataError.duplicateYear(file: "in.csv", row: 4, series: "a", year: 2018, firstRow: 3)) { try parse(text) }
}

@Test func wideTableErrorsNameRowAndColumn() {
  let gap = "地区,2015,2016,2017,2018\na,1,2,,4\n"
  #expect(throws: DataError.missingValue(file: "in.csv", row: 2, column: ColumnLabel(index: 3, header: "2017"), series: "a", year: 2017)) {
    try parse(gap)
  }
  let header = "地区,2015,2016,2016年\na,1,2,3\n"
  #expect(throws: DataError.duplicateYearColumn(
    file: "in.csv", row: 1, year: 2016, column: ColumnLabel(index: 3, header: "2016年"), first: ColumnLabel(index: 2, header: "2016"))) {
    try parse(header)
  }
  let twice = "地区,2015,2016,2017\na,1,2,3\na,1,2,3\n"
  #expect(throws: DataError.duplicateSeries(file: "in.csv", row: 3, series: "a", firstRow: 2)) { try parse(twice) }
  let text = "地区,2015,2016,2017\na,1,two,3\n"
  #expect(throws: DataError.nonNumeric(file: "in.csv", row: 2, column: ColumnLabel(index: 2, header: "2016"), series: "a", text: "two")) {
    try parse(text)
  }
}

@Test func ambiguousOrMissingColumnsAskForANameOption() {
  let two = #expect(throws: DataError.self) { try parse("region,sector,year,value\na,b,2001,1\n") }
  #expect(two?.description == "in.csv: row 1: cannot tell which column holds the series: column A ('region') or column B ('sector') (name it with --series-column)")
  #expect(throws: DataError.missingColumn(file: "in.csv", row: 1, column: "营收", header: ["产业", "年份", "营业收入"])) {
    try parse("产业,年份,营业收入\na,2001,1\n", columns: ColumnMapping(value: "营收"))
  }
}

// MARK: - Layouts and columns

@Test func columnsAreFoundByTheirCellsWhenHeadersAreUnknown() throws {
  let panel = try parse("区县,统计期,产出,备注\n甲,2017年,1,x\n甲,2018年,2,\n甲,2019年,3,y\n")
  #expect(panel.series == [Series(name: "甲", firstYear: 2017, values: [1, 2, 3], firstRow: 2)])
  #expect(panel.notes == ["in.csv: read as a long table: series = column A ('区县'), year = column B ('统计期'), value = column C ('产出')"])
  // No series column: one series, named after the value column.
  let one = try parse("年份,营业收入\n2017,10\n2018,11\n2019,12\n")
  #expect(one.series == [Series(name: "营业收入", firstYear: 2017, values: [10, 11, 12], firstRow: 2)])
}

@Test func namedColumnsOverrideDetection() throws {
  let text = "a,b,c,d\nx,2017,5,1\nx,2018,6,2\nx,2019,7,3\n"
  let panel = try parse(text, columns: ColumnMapping(series: "a", year: "b", value: "d"))
  #expect(panel.series[0].values == [1, 2, 3])
  #expect(panel.notes.isEmpty)
}

@Test func wideLayoutIsForcedOrDetectedAndLongWinsWithAYearColumn() throws {
  let wide = "series,1,2,3\na,10,11,12\n"
  #expect(try parse(wide, options: ReadOptions(layout: .wide)).series == [Series(name: "a", firstYear: 1, values: [10, 11, 12], firstRow: 2)])
  // Year headers, but a column named as the year column: long.
  let long = "series,year,value,2019\na,2017,1,\na,2018,2,\na,2019,3,\n"
  #expect(try parse(long).series[0].values == [1, 2, 3])
  // A leading or trailing empty cell is a year the series lacks.
  let ragged = "name,2015年,2016年,2017年,2018年\na,,1,2,3\nb,1,2,3,\n"
  let panel = try parse(ragged)
  #expect(panel.series.map(\.firstYear) == [2016, 2015] && panel.series.map(\.values) == [[1, 2, 3], [1, 2, 3]])
}

@Test func statsforecastLongLayoutWithDatesAndTimes() throws {
  let panel = try parse("unique_id,ds,y\nm1,2015-12-31 00:00:00,1\nm1,2016-12-31 00:00:00,2\nm1,2017-12-31 00:00:00,3\n")
  #expect(panel.series == [Series(name: "m1", firstYear: 2015, values: [1, 2, 3], firstRow: 2)])
}

@Test func otherDelimitersAndUTF16() throws {
  #expect(try parse("series\tyear\tvalue\na\t1\t1\na\t2\t2\na\t3\t3\n").series[0].values == [1, 2, 3])
  let semicolons = try parse("series;year;value\na;1;1\na;2;2\na;3;3\n")
  #expect(semicolons.series[0].values == [1, 2, 3])
  #expect(semicolons.notes.first == "in.csv: cells separated by semicolons")
  var utf16: [UInt8] = [0xFF, 0xFE]
  for unit in "年份,值\n2017,1\n2018,2\n2019,3\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
  let panel = try parse(utf16)
  #expect(panel.series == [Series(name: "值", firstYear: 2017, values: [1, 2, 3], firstRow: 2)])
}

// MARK: - Cell values

@Test(arguments: [
  ("2019", 2019), ("2019.0", 2019), ("2019年", 2019), ("2019 年", 2019), ("2019年度", 2019), ("２０１９年", 2019),
  ("2019年12月", 2019), ("2019年12月31日", 2019), ("2019-12-31", 2019), ("2019-01-01", 2019), ("2019/12/31", 2019),
  ("2019.12.31", 2019), ("12/31/2019", 2019), ("31/12/2019", 2019), ("2019-12", 2019), ("2019-12-31 00:00:00", 2019),
  ("2019-12-31T00:00:00Z", 2019), ("1", 1),
])
func yearsAreReadFromEveryForm(text: String, year: Int) {
  #expect(Cell.text(text).year?.year == year)
}

@Test(arguments: ["2019-02-30", "2019-13-01", "2019年13月", "2019-12-31 noon", "20x6", "2019.5", "", "12/31/19", "32/13/2019"])
func nonYearsAreRefused(text: String) {
  #expect(Cell.text(text).year == nil)
}

@Test(arguments: [
  ("5,200.0", 5200.0), ("1,234,567", 1_234_567), ("-1,000.5", -1000.5), ("５，２００", 5200), ("５２００．５", 5200.5),
  ("5200", 5200), ("5.2e3", 5200), ("−3", -3),
])
func numbersWithSeparatorsAndFullWidthDigits(text: String, value: Double) {
  #expect(Cell.text(text).number == value)
}

@Test(arguments: ["5,20", "1,2345", ",100", "1,000.", "1.000,5", "5千", "n/a"])
func ambiguousNumbersAreRefused(text: String) {
  #expect(Cell.text(text).number == nil)
}

@Test func excelSerialDatesGiveTheDatesExcelShows() {
  #expect(Workbook.date(serial: 43_830, uses1904: false) == .date(year: 2019, month: 12, day: 31))
  #expect(Workbook.date(serial: 43_466.75, uses1904: false) == .date(year: 2019, month: 1, day: 1))
  #expect(Workbook.date(serial: 1, uses1904: false) == .date(year: 1900, month: 1, day: 1))
  #expect(Workbook.date(serial: 59, uses1904: false) == .date(year: 1900, month: 2, day: 28))
  #expect(Workbook.date(serial: 60, uses1904: false) == .date(year: 1900, month: 2, day: 29))
  #expect(Workbook.date(serial: 61, uses1904: false) == .date(year: 1900, month: 3, day: 1))
  #expect(Workbook.date(serial: 0, uses1904: true) == .date(year: 1904, month: 1, day: 1))
  #expect(Workbook.date(serial: 42_368, uses1904: true) == .date(year: 2019, month: 12, day: 31))
  #expect(Workbook.date(serial: 0, uses1904: false) == .number(0))
  #expect(Workbook.showsDate("yyyy\\-mm\\-dd") && Workbook.showsDate("[$-804]yyyy\"年\"m\"月\""))
  #expect(!Workbook.showsDate("#,##0.00") && !Workbook.showsDate("[Red]0.0") && !Workbook.showsDate("0.0\" days\""))
}

@Test func notAWorkbookOrTextIsNamed() {
  let xls = #expect(throws: DataError.self) { try parse([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]) }
  #expect(xls?.description == "in.csv: expected a CSV file or an .xlsx workbook, found an Excel 97–2003 .xls workbook (save it as .xlsx or CSV)")
  let zip = #expect(throws: DataError.self) { try parse([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]) }
  #expect(zip?.description.hasPrefix("in.csv: cannot read the workbook:") == true)
}
