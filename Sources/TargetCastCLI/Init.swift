import ArgumentParser
import Foundation
import TargetCast

extension TargetCastCommand {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a commented scenario template to start from.",
      discussion: """
        The template lists every key with its unit and default, and validates and runs as is. \
        An existing file is not overwritten unless --force is given.

        Examples:
          targetcast init                 # writes scenario.yaml
          targetcast init my-plan.yaml
          targetcast init my-plan.yaml --force && targetcast validate my-plan.yaml
        """)

    @Argument(help: "File to write.")
    var file: String = "scenario.yaml"

    @Flag(help: "Overwrite the file if it exists.")
    var force = false

    @OptionGroup var formatOptions: FormatOptions

    func run() throws {
      if FileManager.default.fileExists(atPath: file), !force {
        throw TargetCastError.usage("\(file): the file exists; choose another name or pass --force to overwrite it")
      }
      try writeAtomically(ScenarioTemplate.text, to: file)
      if formatOptions.json {
        JSONOutput.print(["file": file, "written": true, "next": ["targetcast validate \(file)", "targetcast run \(file)"]] as [String: Any])
        return
      }
      print("Wrote \(file). Edit it, then: targetcast validate \(file) && targetcast run \(file)")
    }
  }
}
