import Foundation

/// A CSV table built in memory: RFC 4180 quoting, `\n` line ends, UTF-8.
public struct CSVTable: Sendable, Equatable {
  public var header: [String]
  public private(set) var rows: [[String]] = []

  public init(header: [String]) { self.header = header }

  public mutating func append(_ row: [String]) {
    precondition(row.count == header.count, "CSV row has \(row.count) fields, header has \(header.count)")
    rows.append(row)
  }

  /// The table as text. With `byteOrderMark`, a UTF-8 BOM is prepended so spreadsheet programs
  /// detect UTF-8 (Chinese series names) correctly.
  public func text(byteOrderMark: Bool = false) -> String {
    var out = byteOrderMark ? "\u{FEFF}" : ""
    out += header.map(CSVTable.escape).joined(separator: ",") + "\n"
    for row in rows { out += row.map(CSVTable.escape).joined(separator: ",") + "\n" }
    return out
  }

  /// One field with RFC 4180 quoting: quoted only when it holds a comma, quote or line break.
  public static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Number formats used in every output file, fixed so that outputs compare byte for byte.
public enum NumberFormat {
  /// Levels and other magnitudes: 10 significant digits.
  public static func level(_ x: Double) -> String { format("%.10g", x) }
  /// Probabilities and standard errors: 6 decimals.
  public static func probability(_ x: Double) -> String { format("%.6f", x) }
  /// Growth rates: 6 decimals.
  public static func rate(_ x: Double) -> String { format("%.6f", x) }

  static func format(_ pattern: String, _ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "" : (x > 0 ? "inf" : "-inf") }
    let text = String(format: pattern, x)
    return text == "-0" ? "0" : text
  }
}
