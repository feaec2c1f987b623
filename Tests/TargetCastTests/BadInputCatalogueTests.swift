import Foundation
import Testing

/// The bad-input catalogue: every file in Tests/BadInput/ is a mistake a person makes. Each must fail
/// through the CLI with exit status 2, a message naming the file (or `<command line>`) and
/// containing the expected fragment, and no output written.
///
/// A scenario file states its expectation in its first lines: `# expect: <fragment>` and
/// optionally `# args: <extra run arguments>` (`@unwritable` points --output below a plain
/// file). A `.missing` file stands for a scenario that does not exist; a CSV file's expectation
/// is in `<name>.csv.expect` and the CSV is run through `targetcast forecast`.
// Outside the test target folder, so SwiftPM does not ask to declare the files as resources.
let badInputFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("BadInput")

let badInputCases: [String] = {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: badInputFolder.path)) ?? []
  return names.filter { !$0.hasSuffix(".expect") }.sorted()
}()

@Test func catalogueHasAtLeastFortyCases() {
  #expect(badInputCases.count >= 40)
}

@Test(arguments: badInputCases)
func badInputFailsWithExitTwoAndWritesNothing(name: String) throws {
  let file = badInputFolder.appendingPathComponent(name)
  let isCSV = name.hasSuffix(".csv")
  let header = try String(contentsOf: isCSV ? file.appendingPathExtension("expect") : file, encoding: .utf8)
  func value(_ key: String) -> String? {
    header.split(separator: "\n").first { $0.hasPrefix("# \(key): ") }.map { String($0.dropFirst(key.count + 4)) }
  }
  let expected = try #require(value("expect"), "\(name) has no '# expect:' line")
  let output = temporaryDirectory("bad-\(name)")
  var arguments: [String]
  var subject = file.path
  if name.hasSuffix(".missing") { subject = file.deletingPathExtension().path + "-does-not-exist.yaml" }
  if isCSV {
    arguments = ["forecast", subject, "--horizon", "2", "--output", output + "/forecast.csv"]
  } else {
    arguments = ["run", subject, "--paths", "1000", "--output", output]
  }
  for extra in (value("args") ?? "").split(separator: " ").map(String.init) {
    if extra == "@unwritable" {
      let blocker = temporaryDirectory("bad-blocker-\(name)")
      try Data().write(to: URL(fileURLWithPath: blocker))
      arguments[arguments.count - 1] = blocker + "/out"
    } else {
      arguments.append(extra)
    }
  }
  let run = try runCLI(arguments)
  #expect(run.status == 2, "\(name): \(run.stderr)")
  #expect(run.stderr.contains(expected), "\(name): \(run.stderr)")
  let named = run.stderr.contains(subject) || run.stderr.contains("<command line>") || run.stderr.contains("--variant")
    || name.contains("unwritable")
  #expect(named, "\(name): the message should name the file or the command line: \(run.stderr)")
  #expect(!FileManager.default.fileExists(atPath: output), "\(name): output was written")
  if let position = badInputPositions[name] {
    let located = isCSV ? "\(subject): \(position):" : "\(subject):\(position):"
    #expect(run.stderr.contains(located), "\(name): expected the message to point at \(located): \(run.stderr)")
  }
  // `validate` with the same options rejects the same input with the same message (it checks
  // the plan, not an output folder, so the unwritable-output case is run's alone).
  if !isCSV && !arguments.contains(where: { $0.hasPrefix(badInputFolder.path) && $0 != subject }) && !name.contains("unwritable") {
    let options = Array(arguments.dropFirst(2)).filter { $0 != "--output" && $0 != output }
    let check = try runCLI(["validate", subject] + options)
    #expect(check.status == 2, "\(name): validate accepted what run rejects: \(check.stdout)")
    #expect(check.stderr == run.stderr, "\(name): validate and run disagree:\n\(check.stderr)\n\(run.stderr)")
  }
}

/// Every example scenario passes `validate` and `run` alike (the accepting half of validate = run).
@Test func validateAcceptsWhatRunAccepts() throws {
  let folder = repositoryRoot.appendingPathComponent("scenarios")
  let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
  #expect(files.count >= 6)
  for file in files {
    let path = folder.appendingPathComponent(file).path
    let check = try runCLI(["validate", path, "--all-variants"])
    #expect(check.status == 0, "\(file): \(check.stderr)")
    let output = temporaryDirectory("validate-run-\(file)")
    let run = try runCLI(["run", path, "--all-variants", "--paths", "2000", "--output", output, "--quiet"])
    #expect(run.status == 0, "\(file): \(run.stderr)")
  }
}

@Test func mostCataloguePositionsAreKnown() {
  // Every case that comes from a file's content (not the command line, not a missing or empty
  // file, not an output folder) has a recorded position.
  #expect(badInputPositions.count >= 44)
}
