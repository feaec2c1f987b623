/// One yearly series: consecutive years and their values, oldest first.
public struct Series: Sendable, Equatable {
  /// The series name as written in the file.
  public var name: String
  /// The first year; the values belong to `firstYear, firstYear + 1, …`.
  public var firstYear: Int
  /// The observed values, all finite.
  public var values: [Double]
  /// How many leading values are training data when the file has a split column; `nil` otherwise.
  public var trainingCount: Int?
  /// The row of the series' first value in its file (for messages); 0 for series built in code.
  public var firstRow: Int

  /// Creates a series. `values` must be finite (checked by the CSV reader, not here).
  public init(name: String, firstYear: Int, values: [Double], trainingCount: Int? = nil, firstRow: Int = 0) {
    self.name = name
    self.firstYear = firstYear
    self.values = values
    self.trainingCount = trainingCount
    self.firstRow = firstRow
  }

  /// Years are read only below this size, so year arithmetic (last year, gaps, horizons)
  /// cannot overflow.
  public static let yearLimit = 1_000_000_000

  /// The year of the last value.
  public var lastYear: Int { firstYear + values.count - 1 }

  /// Whether every value is strictly positive (log-scale methods need it).
  public var isPositive: Bool { values.allSatisfy { $0 > 0 } }
}

/// A validated panel: many yearly series read from one file, in order of first appearance.
public struct SeriesPanel: Sendable, Equatable {
  /// The series, in the order their first row appears in the file.
  public var series: [Series]
  /// Series left out because they were too short (only with `skipShort`), with the reason.
  public var skipped: [(name: String, reason: String)]
  /// The file the panel came from, for messages.
  public var source: String
  /// How the file was read, when that was detected rather than asked for (encoding, sheet,
  /// layout, columns): sentences for the user, which the CLI prints on standard error.
  public var notes: [String]

  /// Creates a panel from series built in code.
  public init(
    series: [Series], source: String = "<memory>", skipped: [(name: String, reason: String)] = [], notes: [String] = []
  ) {
    self.series = series
    self.source = source
    self.skipped = skipped
    self.notes = notes
  }

  public static func == (lhs: SeriesPanel, rhs: SeriesPanel) -> Bool {
    lhs.series == rhs.series && lhs.source == rhs.source && lhs.notes == rhs.notes
      && lhs.skipped.map(\.name) == rhs.skipped.map(\.name)
      && lhs.skipped.map(\.reason) == rhs.skipped.map(\.reason)
  }
}
