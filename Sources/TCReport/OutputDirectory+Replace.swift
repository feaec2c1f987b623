import Foundation
import _CFileSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// Replacing an output folder as a set: a run's files are written into a hidden temporary
/// sibling folder, which then takes the output folder's place in one rename (an exchange of the
/// two folders where the file system offers it). Whenever the process is killed, the output
/// folder holds either the complete previous set or the complete new one, never a mix and never
/// a file of an older run; a killed run leaves at most a hidden sibling, removed by the next run.
extension OutputDirectory {
  /// Files that mark a folder as written by TargetCast (a run, a set of variants, a forecast).
  static let markers = [RunOutputs.manifest.name, RunOutputs.jointTargets.name, RunOutputs.forecastReport.name]

  /// Fails unless the folder can be replaced: it does not exist, is empty, or holds a previous
  /// TargetCast output (a `run.json`, `joint_targets.csv`, `forecast.json`, or a subfolder with a `run.json`).
  /// A folder of other files is never replaced: its files would be lost.
  public func checkReplaceable() throws(OutputError) {
    try check()
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw OutputError(path: path, message: "expected an output folder, found a file")
    }
    let entries = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
    if entries.isEmpty || entries.contains(where: { OutputDirectory.markers.contains($0) }) { return }
    let url = URL(fileURLWithPath: path)
    if entries.contains(where: { fileManager.fileExists(atPath: url.appendingPathComponent($0).appendingPathComponent(RunOutputs.manifest.name).path) }) { return }
    throw OutputError(
      path: path,
      message: "the folder exists and is not a TargetCast output folder (no run.json or forecast.json); a run or a report replaces its output folder as a whole, so choose a new or empty folder")
  }

  /// Checks every name before anything is written: relative paths of at most two components
  /// (`forecast.csv`, `base/forecast.csv`), each a plain file name of at most 255 bytes, and no
  /// two files with the same name.
  static func checkNames(_ files: [(name: String, contents: String)], in path: String) throws(OutputError) {
    var seen = Set<String>()
    for file in files {
      let components = file.name.split(separator: "/", omittingEmptySubsequences: false)
      let valid = (1...2).contains(components.count) && components.allSatisfy { part in
        !part.isEmpty && part != "." && part != ".." && part.utf8.count <= 255 && !part.contains("\0") && !part.hasPrefix(".")
      }
      guard valid else { throw OutputError(path: path, message: "cannot write an output named '\(file.name)': not a plain file name") }
      guard seen.insert(file.name).inserted else {
        throw OutputError(path: path, message: "two outputs are named '\(file.name)'; rename one of the series or targets that produce it")
      }
    }
  }

  /// Writes `files` as the folder's complete new contents (see the extension's documentation).
  /// Returns the paths written.
  @discardableResult
  public func replaceContents(with files: [(name: String, contents: String)]) throws(OutputError) -> [String] {
    try OutputDirectory.checkNames(files, in: path)
    try checkReplaceable()
    let target = URL(fileURLWithPath: path).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    let fileManager = FileManager.default
    do { try fileManager.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
      throw OutputError(path: path, message: "cannot create the folder \(parent.path): \(error.localizedDescription)")
    }
    OutputDirectory.removeAbandoned(in: parent, for: target.lastPathComponent)
    let staging = parent.appendingPathComponent(OutputDirectory.stagingName(for: target.lastPathComponent))
    var written: [String] = []
    // Fault injection for the kill test: a pause after each file makes the write phase long
    // enough to be interrupted at a random moment. Never set outside tests.
    let pause = ProcessInfo.processInfo.environment["TARGETCAST_TEST_WRITE_PAUSE_MS"].flatMap { UInt32($0) }.map { min($0, 1000) }
    do {
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
      for file in files {
        if let pause { usleep(pause * 1000) }
        let url = staging.appendingPathComponent(file.name)
        if file.name.contains("/") {
          try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        try Data(file.contents.utf8).write(to: url)
        written.append(target.appendingPathComponent(file.name).path)
      }
    } catch {
      try? fileManager.removeItem(at: staging)
      throw OutputError(path: path, message: "cannot write the outputs: \(error.localizedDescription)")
    }
    try OutputDirectory.swapIn(staging, for: target)
    return written
  }

  /// Puts `staging` at `target`: a plain rename when there is no target, an atomic exchange
  /// when there is one (then the old contents, now at `staging`, are removed). Where the file
  /// system cannot exchange, the old folder is renamed aside first (a window of two renames).
  static func swapIn(_ staging: URL, for target: URL) throws(OutputError) {
    let fileManager = FileManager.default
    if !fileManager.fileExists(atPath: target.path) {
      guard rename(staging.path, target.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? fileManager.removeItem(at: staging)
        throw OutputError(path: target.path, message: "cannot move the outputs into place: \(reason)")
      }
      return
    }
    if targetcast_exchange_paths(staging.path, target.path) == 0 {
      try? fileManager.removeItem(at: staging)
      return
    }
    let aside = target.deletingLastPathComponent().appendingPathComponent(stagingName(for: target.lastPathComponent))
    guard rename(target.path, aside.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? fileManager.removeItem(at: staging)
      throw OutputError(path: target.path, message: "cannot replace the previous outputs: \(reason)")
    }
    guard rename(staging.path, target.path) == 0 else {
      let reason = String(cString: strerror(errno))
      _ = rename(aside.path, target.path)
      try? fileManager.removeItem(at: staging)
      throw OutputError(path: target.path, message: "cannot move the outputs into place: \(reason)")
    }
    try? fileManager.removeItem(at: aside)
  }

  nonisolated(unsafe) private static var stagingCounter = 0
  private static let stagingLock = NSLock()

  /// `.<folder>.targetcast-<pid>-<n>`: hidden, next to the folder, and naming the process that
  /// owns it, so that a later run can tell an abandoned one from one in progress.
  static func stagingName(for folder: String) -> String {
    let n = stagingLock.withLock {
      stagingCounter += 1
      return stagingCounter
    }
    return ".\(folder).targetcast-\(getpid())-\(n)"
  }

  /// Removes staging folders of `folder` left by processes that no longer run.
  static func removeAbandoned(in parent: URL, for folder: String) {
    let prefix = ".\(folder).targetcast-"
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    for entry in entries where entry.hasPrefix(prefix) {
      let owner = entry.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) }
      guard let owner, owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
    }
  }
}
