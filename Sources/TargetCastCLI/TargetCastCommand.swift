import ArgumentParser
import Foundation
import TargetCast

/// `targetcast`: will a growth target be met, and with what probability?
@main
struct TargetCastCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "targetcast",
    abstract: "Probabilities that growth targets are met, from Monte Carlo scenarios.",
    discussion: """
      Examples:
        targetcast run scenarios/healthcare-2020-100b.yaml
        targetcast run scenarios/healthcare-2020-100b.yaml --paths 1e6 --threads 2
        targetcast run my-plan.yaml --output /tmp/my-plan
        targetcast init my-plan.yaml && targetcast validate my-plan.yaml
        targetcast compare notebooks-output/base notebooks-output/faster

      Shell completions: targetcast --generate-completion-script bash (or zsh, fish) \
      prints a script for the shell to load, e.g.
        targetcast --generate-completion-script bash \\
          > /etc/bash_completion.d/targetcast

      Exit status: 0 success, 2 a problem with the input or command line (the message says \
      where), 1 an internal error.
      """,
    version: targetCastVersion,
    subcommands: [Run.self, Forecast.self, Backtest.self, Compare.self, Validate.self, Init.self, Plan.self, Merge.self, Bench.self]
  )

  /// Parses, runs, and maps every user error to exit status 2 (ArgumentParser's default for
  /// usage errors is 64; internal errors are 1).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as TargetCastError {
      printError("error: \(error)")
      if JSONOutput.requested { JSONOutput.print(JSONOutput.error(error)) }
      Foundation.exit(2)
    } catch let error as ExitCode {
      Foundation.exit(error.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }
      if code == .validationFailure || error is ValidationError {
        printError(fullMessage(for: error))
        if JSONOutput.requested { JSONOutput.print(["error": ["message": message(for: error)]]) }
        Foundation.exit(2)
      }
      printError("internal error: \(error)")
      Foundation.exit(1)
    }
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
