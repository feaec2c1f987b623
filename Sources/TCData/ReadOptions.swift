/// The three columns of a long table, with the header names each is recognised by.
///
/// One registry: layout detection, the column mapping and the messages all read it.
public enum ColumnRole: String, Sendable, CaseIterable, CustomStringConvertible {
  case series, year, value

  /// Header names that mark the column, compared ignoring case and surrounding spaces; the
  /// first of them present wins. statsforecast's `unique_id, ds, y` are among them.
  public var knownHeaders: [String] {
    switch self {
    case .series: return ["series", "unique_id", "name", "产业", "行业", "地区", "名称", "指标", "区域", "系列", "项目"]
    case .year: return ["year", "ds", "t", "date", "年份", "年度", "时间", "年", "日期"]
    case .value: return ["value", "y", "营业收入", "产值", "数值", "值", "金额", "收入"]
    }
  }

  /// The command-line option that names the column.
  public var option: String { "--\(rawValue)-column" }

  public var description: String { rawValue }

  /// Headers of columns that never hold a role (units, remarks), so content detection passes
  /// over them.
  static let ignoredHeaders: Set<String> = ["unit", "units", "单位", "计量单位", "note", "notes", "comment", "备注", "说明"]
}

/// Which columns of a table hold the series name, the year and the value.
///
/// A `nil` column is detected: first by its header (``ColumnRole/knownHeaders``), then by its
/// cells (the year column is the one whose cells read as years, the value column the numeric
/// one, the series column the remaining text one; with no series column the file holds one
/// series named after the value column). Extra columns are ignored. A named column must exist.
public struct ColumnMapping: Sendable, Equatable {
  public var series: String?
  public var year: String?
  public var value: String?
  /// Optional column marking each row `train` or `test` (a given train/test split).
  public var split: String?

  public init(series: String? = nil, year: String? = nil, value: String? = nil, split: String? = nil) {
    self.series = series
    self.year = year
    self.value = value
    self.split = split
  }

  /// The name given for `role`, if any.
  public subscript(role: ColumnRole) -> String? {
    switch role {
    case .series: return series
    case .year: return year
    case .value: return value
    }
  }
}

/// How a table holds its series: one row per series and year (long), or one row per series
/// and one column per year (wide, as statistical yearbooks print them).
public enum TableLayout: String, Sendable, Equatable {
  case long, wide
}

/// How a file is read and how strictly.
public struct ReadOptions: Sendable, Equatable {
  /// Shortest usable series. Three values is the least that leaves two yearly changes, which the
  /// calibrated intervals need to scale errors.
  public var minimumLength: Int = 3
  /// Leave out too-short series (listed in `SeriesPanel.skipped`) instead of failing.
  ///
  /// Failing is the default because a planner who asks for a forecast of a series should not get
  /// a file silently missing it.
  public var skipShort: Bool = false
  /// The text encoding of a delimited file; `nil` detects it (see ``TextEncoding/decode(_:source:as:)``).
  public var encoding: TextEncoding?
  /// The sheet of a workbook to read; `nil` reads the first.
  public var sheet: String?
  /// The table's layout; `nil` detects it (wide when no column is named as the year column and
  /// at least two headers are years).
  public var layout: TableLayout?

  public init(
    minimumLength: Int = 3, skipShort: Bool = false, encoding: TextEncoding? = nil, sheet: String? = nil,
    layout: TableLayout? = nil
  ) {
    self.minimumLength = minimumLength
    self.skipShort = skipShort
    self.encoding = encoding
    self.sheet = sheet
    self.layout = layout
  }
}
