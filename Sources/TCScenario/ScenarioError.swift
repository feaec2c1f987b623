/// A problem with a scenario a person wrote: where it is and what was expected.
///
/// Every user-facing failure in reading or validating a scenario is one of these. The CLI prints
/// `description` and exits with status 2.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The scenario file (or `<command line>` for overrides), when known.
  public var file: String?
  /// 1-based line and column of the offending YAML node, when known.
  public var line: Int?
  public var column: Int?
  /// Dotted key path, e.g. `series[0].growth.sd`.
  public var key: String?
  /// What is wrong and what was expected.
  public var message: String

  public init(file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.key = key
    self.message = message
  }

  public var description: String {
    var location = file ?? "<scenario>"
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    if let key { return "\(location): \(key): \(message)" }
    return "\(location): \(message)"
  }
}
