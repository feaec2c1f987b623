import ArgumentParser
import Foundation
import TargetCast

/// `--format`: what a command prints on stdout.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// `--format text|json`, shared by every command: with `json`, stdout holds exactly one JSON
/// document (an error too, as `{"error": …}`), and notes go to stderr as always.
struct FormatOptions: ParsableArguments {
  @Option(help: "What stdout holds: text (for people) or json (one JSON document, for machines).")
  var format: SummaryFormat = .text

  var json: Bool { format == .json }
}

enum JSONOutput {
  /// Prints `value` (dictionaries, arrays, strings, numbers, `NSNull`) as pretty JSON with
  /// sorted keys.
  static func print(_ value: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
      ?? Data("{}".utf8)
    Swift.print(String(decoding: data, as: UTF8.self))
  }

  /// A CSV cell as a JSON value: a finite number as a number, an empty cell as null, anything
  /// else as text.
  static func value(_ cell: String) -> Any {
    if cell.isEmpty { return NSNull() }
    if let number = Double(cell), number.isFinite, cell.first != "+" { return number }
    return cell
  }

  /// A table as a list of objects keyed by the header.
  static func rows(_ table: CSVTable) -> [[String: Any]] {
    table.rows.map { row in
      Dictionary(zip(table.header, row.map(value)), uniquingKeysWith: { first, _ in first })
    }
  }

  /// Rows of CSV text (a forecast or backtest table).
  static func rows(csv text: String, file: String) throws -> [[String: Any]] {
    try rows(CSVTable.parse(text, file: file))
  }

  /// Whether the command line asks for JSON (`--format json` or `--format=json`), for errors
  /// raised before or outside a command's own output.
  static var requested: Bool {
    let arguments = CommandLine.arguments
    for (index, argument) in arguments.enumerated() {
      if argument == "--format=json" { return true }
      if argument == "--format", index + 1 < arguments.count, arguments[index + 1] == "json" { return true }
    }
    return false
  }

  /// `{"error": {"message": …}}` with file, line, column and key when the error has them (a
  /// series file's error: file, row and the column's letter).
  static func error(_ error: TargetCastError) -> [String: Any] {
    var object: [String: Any] = ["message": error.description]
    if case .scenario(let scenario) = error {
      object["message"] = scenario.message
      if let file = scenario.file { object["file"] = file }
      if let line = scenario.line { object["line"] = line }
      if let column = scenario.column { object["column"] = column }
      if let key = scenario.key { object["key"] = key }
    }
    if case .data(let data) = error {
      object["file"] = data.file
      if let row = data.row { object["row"] = row }
      if let column = data.column { object["column"] = column }
    }
    return ["error": object]
  }
}
