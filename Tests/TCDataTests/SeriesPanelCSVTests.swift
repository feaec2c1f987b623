import Foundation
import TCData
import Testing

private func parse(
  _ text: String, columns: ColumnMapping = ColumnMapping(), options: ReadOptions = ReadOptions()
) throws(DataError) -> SeriesPanel {
  try SeriesPanel.parse(data: Data(text.utf8), source: "in.csv", columns: columns, options: options)
}

/// Column `index` of the default header `series, year, value`.
private func column(_ index: Int) -> ColumnLabel {
  ColumnLabel(index: index, header: ["series", "year", "value"][index])
}

@Test func readsInterleavedSeriesInFirstAppearanceOrder() throws {
  let panel = try parse("""
    series,year,value,note
    b,2001,1.5,x
    a,1990,10,
    b,2002,2.5,
    a,1991,11,
    b,2003,3.5,
    a,1992,12.25,
    """)
  #expect(panel.series.map(\.name) == ["b", "a"])
  #expect(panel.series[0] == Series(name: "b", firstYear: 2001, values: [1.5, 2.5, 3.5], firstRow: 2))
  #expect(panel.series[1].values == [10, 11, 12.25])
  #expect(panel.series[1].lastYear == 1992)
}

@Test func mapsColumnNamesAndStripsByteOrderMark() throws {
  var bytes = Data([0xEF, 0xBB, 0xBF])
  bytes.append(Data("unique_id,ds,y\n医疗,2018,1.0\n医疗,2019,2.0\n医疗,2020,4.0\n".utf8))
  let panel = try SeriesPanel.parse(
    data: bytes, source: "zh.csv", columns: ColumnMapping(series: "unique_id", year: "ds", value: "y"))
  #expect(panel.series.count == 1)
  #expect(panel.series[0].name == "医疗")
  #expect(panel.series[0].values == [1, 2, 4])
}

@Test func readsTrainTestSplit() throws {
  let panel = try parse("""
    series,year,value,split
    a,1,1,train
    a,2,2,train
    a,3,3,train
    a,4,4,test
    """, columns: ColumnMapping(split: "split"))
  #expect(panel.series[0].trainingCount == 3)
  #expect(throws: DataError.badSplit(file: "in.csv", row: 5, series: "a", reason: "a train row follows a test row")) {
    try parse("series,year,value,split\na,1,1,train\na,2,2,train\na,3,3,test\na,4,4,train\n", columns: ColumnMapping(split: "split"))
  }
}

/// Each bad input gives one typed error naming the file, row, column and series.
@Test(arguments: [
  ("series,year\na,1\n", DataError.undetectedColumn(file: "in.csv", row: 1, role: .value, header: ["series", "year"])),
  ("series,year,value\na,1,1\na,2,x\na,3,3\n",
   DataError.nonNumeric(file: "in.csv", row: 3, column: column(2), series: "a", text: "x")),
  ("series,year,value\na,1,1\na,2,\na,3,3\n",
   DataError.nonNumeric(file: "in.csv", row: 3, column: column(2), series: "a", text: "")),
  ("series,year,value\na,1,1\na,2,nan\na,3,3\n", DataError.nonFinite(file: "in.csv", row: 3, column: column(2), series: "a", text: "nan")),
  ("series,year,value\na,1,1\na,2,inf\n", DataError.nonFinite(file: "in.csv", row: 3, column: column(2), series: "a", text: "inf")),
  ("series,year,value\na,1,1\na,2,2\na,2,3\n",
   DataError.duplicateYear(file: "in.csv", row: 4, series: "a", year: 2, firstRow: 3)),
  ("series,year,value\na,1,1\na,2,2\na,5,3\n", DataError.gap(file: "in.csv", row: 4, series: "a", from: 2, to: 5)),
  ("series,year,value\na,3,1\na,2,2\n", DataError.nonIncreasingYear(file: "in.csv", row: 3, series: "a", year: 2, previous: 3)),
  ("series,year,value\na,1,1\na,2,2\nb,1,1\nb,2,2\nb,3,3\n",
   DataError.tooShort(file: "in.csv", row: 2, series: "a", count: 2, minimum: 3)),
  ("series,year,value\na,1.5,1\n", DataError.badYear(file: "in.csv", row: 2, column: column(1), series: "a", text: "1.5")),
  ("series,year,value\na,1\n", DataError.nonNumeric(file: "in.csv", row: 2, column: column(2), series: "a", text: "")),
  ("series,year,value\n,1,1\n", DataError.emptySeriesName(file: "in.csv", row: 2, column: column(0))),
  ("series,year,value\n", DataError.empty(file: "in.csv")),
  ("", DataError.malformed(file: "in.csv", reason: "no header row")),
])
func rejectsBadInput(text: String, expected: DataError) {
  #expect(throws: expected) { try parse(text) }
}

@Test func messagesNameFileRowColumnAndSeries() {
  let error = DataError.nonNumeric(file: "in.csv", row: 3, column: ColumnLabel(index: 2, header: "营业收入"), series: "医疗", text: "x")
  #expect(error.description == "in.csv: row 3, column C ('营业收入'): series '医疗': expected a number, found 'x'")
  #expect(ColumnLabel.letters(0) == "A" && ColumnLabel.letters(25) == "Z" && ColumnLabel.letters(26) == "AA")
  #expect(ColumnLabel.letters(16_383) == "XFD" && ColumnLabel.index(letters: "XFD") == 16_383)
  #expect(ColumnLabel.index(letters: "A1") == nil && ColumnLabel.index(letters: "") == nil)
}

@Test func skipsShortSeriesOnRequest() throws {
  let panel = try parse("series,year,value\na,1,1\na,2,2\nb,1,1\nb,2,2\nb,3,3\n", options: ReadOptions(skipShort: true))
  #expect(panel.series.map(\.name) == ["b"])
  #expect(panel.skipped.map(\.name) == ["a"])
}

@Test func missingFileAndNeitherUTF8NorGB18030() {
  #expect(throws: DataError.unreadable(file: "/nonexistent/x.csv", reason: "no such file")) {
    try SeriesPanel.read(file: "/nonexistent/x.csv")
  }
  #expect(throws: DataError.badEncoding(file: "in.csv", line: 1, byte: 3, expected: "UTF-8 or GB18030/GBK text", found: [0xFF, 0xFE, 0x0A])) {
    try SeriesPanel.parse(data: Data([0x73, 0x65, 0xFF, 0xFE, 0x0A]), source: "in.csv")
  }
}
