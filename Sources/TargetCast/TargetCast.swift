@_exported import TCEngine
@_exported import TCReport
@_exported import TCScenario

/// TargetCast's version, printed by `targetcast --version` and recorded with every run.
public let targetCastVersion = "0.1.0"

/// A failure a user can fix (exit status 2), as opposed to an internal error (exit status 1).
public enum TargetCastError: Error, Equatable, CustomStringConvertible {
  case scenario(ScenarioError)
  case output(OutputError)
  case usage(String)

  public var description: String {
    switch self {
    case .scenario(let error): return error.description
    case .output(let error): return error.description
    case .usage(let message): return message
    }
  }
}
