@_exported import TCEngine
@_exported import TCReport
@_exported import TCScenario

/// TargetCast's version, printed by `targetcast --version` and recorded with every run.
public let targetCastVersion = "0.1.0"

/// A failure a user can fix (exit status 2), as opposed to an internal error (exit status 1).
public enum TargetCastError: Error, Equatable, CustomStringConvertible {
  case scenario(ScenarioError)
  /// A series file that cannot be read as a panel (file, row and column in the error).
  case data(DataError)
  case output(OutputError)
  case usage(String)

  public var description: String {
    switch self {
    case .scenario(let error): return error.description
    case .data(let error): return error.description
    case .output(let error): return error.description
    case .usage(let message): return message
    }
  }
}
