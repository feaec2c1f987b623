import Foundation
import Testing
@testable import TargetCast

/// A run replaces its output folder as a set: files of an earlier run that this one does not
/// write are gone, and a folder that TargetCast did not write is never replaced.
@Test func aRunReplacesItsFolderAndRefusesForeignOnes() throws {
  let folder = temporaryDirectory("output-set")
  #expect(try runCLI(["run", healthcarePath, "--paths", "2000", "--output", folder, "--quiet"]).status == 0)
  try "left over".write(toFile: folder + "/old-chart.svg", atomically: true, encoding: .utf8)
  #expect(try runCLI(["run", healthcarePath, "--paths", "2000", "--seed", "5", "--output", folder, "--quiet"]).status == 0)
  let names = try FileManager.default.contentsOfDirectory(atPath: folder)
  #expect(!names.contains("old-chart.svg"))
  #expect(Set(names) == Set(try RunManifest.read(path: folder + "/run.json").files))

  // `mkdir -p out/targets.csv`: the folder holds something that is not a TargetCast output.
  let foreign = temporaryDirectory("output-foreign")
  try FileManager.default.createDirectory(atPath: foreign + "/targets.csv", withIntermediateDirectories: true)
  let run = try runCLI(["run", healthcarePath, "--paths", "2000", "--output", foreign])
  #expect(run.status == 2)
  #expect(run.stderr.contains("is not a TargetCast output folder"), "\(run.stderr)")
  #expect(try FileManager.default.contentsOfDirectory(atPath: foreign) == ["targets.csv"])

  // Names are checked before anything is written.
  #expect(throws: OutputError.self) {
    try OutputDirectory(path: temporaryDirectory("output-names")).replaceContents(with: [("a.csv", "1"), ("a.csv", "2")])
  }
  #expect(throws: OutputError.self) {
    try OutputDirectory(path: temporaryDirectory("output-names")).replaceContents(with: [("../escape.csv", "1")])
  }
  #expect(!FileManager.default.fileExists(atPath: temporaryDirectory("output-names")))
}

/// A scenario name never takes the default output folder outside notebooks-output/.
@Test func scenarioNamesAreOneFolderName() throws {
  #expect(Scenario.nameProblem("../../escaped-by-name") != nil)
  #expect(Scenario.nameProblem(".hidden") != nil)
  #expect(Scenario.nameProblem("a/b") != nil)
  #expect(Scenario.nameProblem("医疗-2020") == nil)
  #expect(Scenario.safeName("../my plan") == "_my_plan")
  #expect(Scenario.safeName("..") == "scenario")
}
