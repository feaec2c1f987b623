import Foundation
import TCRandom
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The output folder is replaced as a set: a run killed with SIGKILL at any moment (while it
/// simulates, or while it writes its files) leaves the folder holding either the complete
/// previous set or the complete new one, with no stray temporary file in it and no file of an
/// older run, and the next run cleans up what the killed one left beside it.
///
/// 24 trials alternate seeds 1 and 2 into one folder. Kill moments are drawn (from a fixed seed)
/// over the whole run: half over the simulation, half inside the write phase (0–400 ms after its staging folder appears), which a test-only
/// pause after each file (`TARGETCAST_TEST_WRITE_PAUSE_MS`) makes long enough to hit.
@Test func killedRunsLeaveTheOldSetOrTheNewSet() throws {
  guard let binary = targetcastBinary() else { throw CLIError.binaryNotFound }
  let parent = temporaryDirectory("kill")
  let folder = parent + "/out"
  try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
  let common = ["run", healthcarePath, "--paths", "40000", "--threads", "1", "--quiet"]

  // Reference sets of both seeds, written without interruption.
  var references: [String: [String: Data]] = [:]
  for seed in ["1", "2"] {
    let reference = temporaryDirectory("kill-reference-\(seed)")
    #expect(try runCLI(common + ["--seed", seed, "--output", reference]).status == 0)
    references[seed] = try contents(of: reference)
  }
  #expect(try runCLI(common + ["--seed", "1", "--output", folder]).status == 0)
  var current = "1"

  // The kill moments come from a fixed seed, so a failure can be replayed.
  var generator = RandomStream(seed: 20_261_204, stream: 0)
  var outcomes: [String: Int] = ["old": 0, "new": 0]
  for trial in 0..<24 {
    let seed = current == "1" ? "2" : "1"
    let duringWrite = trial % 2 == 1
    let process = Process()
    process.executableURL = binary
    process.arguments = common + ["--seed", seed, "--output", folder]
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    process.environment = ProcessInfo.processInfo.environment.merging(["TARGETCAST_TEST_WRITE_PAUSE_MS": "15"]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    if duringWrite {
      // Wait for the staging folder to appear, then kill somewhere inside the ~20 files × 15 ms.
      let deadline = Date().addingTimeInterval(30)
      let own = ".out.targetcast-\(process.processIdentifier)-"
      while process.isRunning, Date() < deadline, !(try stagingFolders(in: parent).contains { $0.hasPrefix(own) }) { usleep(500) }
      usleep(UInt32(generator.nextUInt64() % 400_000))
    } else {
      usleep(UInt32(generator.nextUInt64() % 400_000))
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()

    let found = try contents(of: folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(!names.contains { $0.hasPrefix(".") }, "trial \(trial): hidden files inside the folder: \(names)")
    if same(found, references[current]!) {
      outcomes["old", default: 0] += 1
    } else if same(found, references[seed]!) {
      outcomes["new", default: 0] += 1
      current = seed
    } else {
      Issue.record("trial \(trial) (kill during \(duringWrite ? "writing" : "the run")): the folder is neither the seed-\(current) set nor the seed-\(seed) set: \(names.sorted())")
      return
    }
  }
  print("kill test: \(outcomes["old"]!) trials left the previous set, \(outcomes["new"]!) the new one")
  // Both outcomes happen, so the kills really fell before and after the switch.
  #expect(outcomes["old"]! > 0 && outcomes["new"]! > 0, "\(outcomes)")
  // A complete run afterwards removes what the killed runs left beside the folder.
  #expect(try runCLI(common + ["--seed", "1", "--output", folder]).status == 0)
  #expect(try stagingFolders(in: parent).isEmpty)
  #expect(same(try contents(of: folder), references["1"]!))
}

/// Every file's bytes by name; run.json (which holds timings) is reduced to its seed line.
private func contents(of folder: String) throws -> [String: Data] {
  var result: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    if name == "run.json" {
      let seed = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.contains("\"seed\"") } ?? ""
      result[name] = Data(seed.utf8)
    } else {
      result[name] = data
    }
  }
  return result
}

private func same(_ a: [String: Data], _ b: [String: Data]) -> Bool { a == b }

private func stagingFolders(in parent: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix(".out.targetcast-") }
}
